#include "access/organisation_service.h"

#include <array>

#include "access/page_cursor.h"
#include "access/permissions.h"
#include "core/field_errors.h"

namespace kl::access {

namespace {
struct KindName {
    OrgKind kind;
    std::string_view name;
};
constexpr std::array<KindName, 7> kind_names{{
    {OrgKind::enterprise, "enterprise"},
    {OrgKind::cooperative, "cooperative"},
    {OrgKind::family_workshop, "family_workshop"},
    {OrgKind::household, "household"},
    {OrgKind::buyer, "buyer"},
    {OrgKind::logistics, "logistics"},
    {OrgKind::agency, "agency"},
}};

// Ids are ours (UUIDv7) or the demo's; nothing longer is an id, so it is not looked up at all.
constexpr size_t id_chars_max = 64;

constexpr std::string_view organisation_columns = "SELECT id, name, kind, created_at_ms FROM organisations";

Organisation from_row(const store::Row& row) {
    auto kind = parse_org_kind(row.text("kind"));
    // The CHECK constraint admits only the seven kinds; another value means the schema and code differ.
    KL_ASSERT(kind.has_value());
    return Organisation{row.text("id"), row.text("name"), *kind, row.i64("created_at_ms")};
}
}  // namespace

std::string_view to_string(OrgKind kind) {
    for (const auto& entry : kind_names) {
        if (entry.kind == kind) return entry.name;
    }
    KL_ASSERT(false && "every OrgKind has a name");
    return "";
}

Result<OrgKind> parse_org_kind(std::string_view text) {
    for (const auto& entry : kind_names) {
        if (entry.name == text) return entry.kind;
    }
    return fail_field("kind", ProblemCode::not_one_of, "unknown organisation kind '" + std::string(text) +
                                  "'; expected one of enterprise, cooperative, family_workshop, household, "
                                  "buyer, logistics, agency");
}

const std::vector<OrgKind>& all_org_kinds() {
    static const std::vector<OrgKind> kinds = [] {
        std::vector<OrgKind> out;
        for (const auto& entry : kind_names) out.push_back(entry.kind);
        return out;
    }();
    return kinds;
}

bool role_fits_org_kind(Role role, OrgKind kind) {
    switch (role) {
        case Role::producer:
            return kind == OrgKind::enterprise || kind == OrgKind::cooperative ||
                   kind == OrgKind::family_workshop || kind == OrgKind::household;
        case Role::buyer:
            return kind == OrgKind::buyer;
        case Role::logistics:
            return kind == OrgKind::logistics;
        case Role::county_officer:
            return kind == OrgKind::agency;
        case Role::admin:
        case Role::fund_officer:
        case Role::auditor:
            return false;
    }
    return false;
}

Result<std::optional<Organisation>> find_organisation(store::Tx& tx, const std::string& org_id) {
    if (org_id.empty() || org_id.size() > id_chars_max) return std::optional<Organisation>{};
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(organisation_columns) + " WHERE id = $1", {org_id}));
    if (rows.empty()) return std::optional<Organisation>{};
    return std::optional<Organisation>{from_row(rows[0])};
}

OrganisationService::OrganisationService(store::Store& store, const Clock& clock, IdGenerator& ids)
    : store_(store), clock_(clock), ids_(ids) {}

Result<Organisation> OrganisationService::create(const std::optional<Principal>& actor,
                                                 const NewOrganisation& organisation) {
    KL_TRY(require_role(actor, {Role::admin}));
    FieldErrors errors;
    errors.check_text("name", organisation.name, organisation_name_chars_min, organisation_name_chars_max);
    KL_TRY(errors.finish());

    Organisation created{ids_.next(), organisation.name, organisation.kind, clock_.now_ms()};
    auto insert = [&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO organisations (id, name, kind, created_at_ms) VALUES ($1, $2, $3, $4)",
                          {created.id, created.name, std::string(to_string(created.kind)), created.created_at_ms}));
        return ok();
    };
    KL_TRY(store_.write(insert));
    return created;
}

Result<Organisation> OrganisationService::get(const std::optional<Principal>& actor, const std::string& org_id) {
    // The permission check comes first so a scoped role cannot probe which other organisations exist.
    KL_TRY(require_org_access(actor, org_id, AccessKind::read));
    KL_TRY_ASSIGN(std::optional<Organisation> found,
                  store_.read([&](store::Tx& tx) { return find_organisation(tx, org_id); }));
    if (!found) return fail(ErrorCode::not_found, "organisation " + org_id + " not found");
    return std::move(*found);
}

Result<OrganisationPage> OrganisationService::list(const std::optional<Principal>& actor, int limit,
                                                   const std::optional<std::string>& cursor,
                                                   const std::optional<OrgKind>& kind) {
    KL_TRY(check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, decode_optional_cursor(cursor));

    std::string sql = std::string(organisation_columns) + " WHERE 1 = 1";
    store::Params params;
    auto bind = [&](store::Value value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    };
    if (const auto only = visible_org(actor)) sql += " AND id = " + bind(*only);
    if (kind) sql += " AND kind = " + bind(std::string(to_string(*kind)));
    if (after) sql += " AND id > " + bind(*after);
    // One row more than asked tells whether another page follows.
    sql += " ORDER BY id LIMIT " + bind(store::page_rows_to_fetch(limit));

    KL_TRY_ASSIGN(store::Rows rows, store_.read([&](store::Tx& tx) { return tx.query(sql, params); }));
    OrganisationPage page;
    for (const auto& row : rows) page.organisations.push_back(from_row(row));
    page.next_cursor = store::finish_page(page.organisations, limit, [](const auto& item) { return item.id; });
    return page;
}

}  // namespace kl::access
