#include "access/organisation_service.h"

#include "access/access_repo.h"
#include "access/permissions.h"
#include "core/field_errors.h"
#include "store/page.h"

namespace kl::access {

namespace {
// Ids are ours (UUIDv7) or the demo's; nothing longer is an id, so it is not looked up at all.
constexpr size_t id_chars_max = 64;

}  // namespace

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
    return find_organisation_row(tx, org_id);
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
    KL_TRY(store_.write([&](store::Tx& tx) { return insert_organisation(tx, created); }));
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
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));

    OrganisationPage page;
    KL_TRY_ASSIGN(page.organisations, store_.read([&](store::Tx& tx) {
        return list_organisations(tx, visible_org(actor), kind, after, limit);
    }));
    page.next_cursor = store::finish_page(page.organisations, limit, [](const auto& item) { return item.id; });
    return page;
}

}  // namespace kl::access
