#include "catalog/organisation_repo.h"

#include "catalog/name_search.h"
#include "catalog/product_code_repo.h"
#include "store/page.h"
#include "store/list_window.h"
#include "store/sql.h"

namespace kl::catalog {

namespace {

constexpr std::string_view select_profile =
    "SELECT o.id, o.name, o.name_en, o.kind, o.credit_code, o.county_code, o.district_code, o.channel, "
    "o.contact_name, o.contact_phone, o.address, o.created_at_ms, o.updated_at_ms, o.is_system FROM organisations o";

// The SQL list of the producing kinds, for visibility conditions.
constexpr std::string_view producer_kinds_sql = "('enterprise', 'cooperative', 'family_workshop', 'household')";

OrganisationProfile profile_from_row(const store::Row& row) {
    OrganisationProfile profile;
    profile.id = row.text("id");
    OrganisationFields& fields = profile.fields;
    fields.name = row.text("name");
    fields.name_en = row.text("name_en");
    auto kind = access::parse_org_kind(row.text("kind"));
    KL_ASSERT(kind.has_value());  // the CHECK constraint admits only the seven kinds
    fields.kind = *kind;
    fields.credit_code = row.opt_text("credit_code");
    fields.county = row.opt_text("county_code");
    fields.district = row.opt_text("district_code");
    if (auto channel = row.opt_text("channel")) {
        auto parsed = parse_enum<BuyerChannel>(*channel, "channel");
        KL_ASSERT(parsed.has_value());  // the CHECK constraint admits only the eight channels
        fields.channel = *parsed;
    }
    fields.contact_name = row.text("contact_name");
    fields.contact_phone = row.text("contact_phone");
    fields.address = row.text("address");
    profile.created_at_ms = row.i64("created_at_ms");
    profile.updated_at_ms = row.i64("updated_at_ms");
    profile.system = row.i64("is_system") == 1;
    return profile;
}

}  // namespace

Result<std::optional<OrganisationProfile>> find_profile(store::Tx& tx, const std::string& id) {
    if (id.empty() || id.size() > id_chars_max) return std::optional<OrganisationProfile>{};
    return store::query_first(tx, std::string(select_profile) + " WHERE o.id = $1", {id}, profile_from_row);
}

Result<std::vector<OrganisationProfile>> list_profiles(store::Tx& tx, const OrganisationFilter& filter,
                                                       const ProfileScope& scope, const std::optional<std::string>& after,
                                                       int limit) {
    store::SqlQuery sql;
    // The list is for people: system organisations (the walk-in buyer) are Kashlink's, not theirs.
    sql.where_text("o.is_system = 0");
    if (scope.only_org) {
        std::string condition = "o.id = " + sql.bind(*scope.only_org);
        if (scope.producers_of_county) {
            condition = "(" + condition + " OR (o.kind IN " + std::string(producer_kinds_sql) +
                        " AND o.county_code = " + sql.bind(*scope.producers_of_county) + "))";
        }
        sql.where_text(condition);
    }
    if (filter.kind) sql.where("o.kind", std::string(access::to_string(*filter.kind)));
    if (filter.county) sql.where("o.county_code", *filter.county);
    if (filter.district) sql.where("o.district_code", *filter.district);
    if (filter.channel) sql.where("o.channel", std::string(to_string(*filter.channel)));
    add_name_window(sql, filter.window, {"o.name", "o.name_en", "o.credit_code", "o.created_at_ms"});
    const std::string text = std::string(select_profile) + " WHERE " + sql.page("o.id", after, limit, filter.window.order);
    return store::query_as(tx, text, sql.params(), profile_from_row);
}

Result<std::optional<std::string>> organisation_county(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT county_code FROM organisations WHERE id = $1", {id}));
    if (rows.empty() || rows[0].is_null(0)) return std::optional<std::string>{};
    return std::optional<std::string>{rows[0].text(0)};
}

Result<std::optional<std::string>> organisation_with_credit_code(store::Tx& tx, const std::string& credit_code) {
    return store::query_first_text(tx, "SELECT id FROM organisations WHERE credit_code = $1", {credit_code});
}

Result<std::optional<std::string>> uncoded_organisation_like(store::Tx& tx, const OrganisationFields& fields) {
    return store::query_first_text(tx,
                                   "SELECT id FROM organisations WHERE credit_code IS NULL AND kind = $1 AND name = $2 "
                                   "AND COALESCE(county_code, '') = $3 AND COALESCE(district_code, '') = $4 ORDER BY id",
                                   {std::string(access::to_string(fields.kind)), fields.name, fields.county.value_or(""),
                                    fields.district.value_or("")});
}

Result<bool> credit_code_taken(store::Tx& tx, const std::string& credit_code, const std::string& except_id) {
    return store::row_exists(tx, "SELECT 1 FROM organisations WHERE credit_code = $1 AND id <> $2",
                             {credit_code, except_id});
}

Result<void> write_profile(store::Tx& tx, const std::string& id, const OrganisationFields& fields, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE organisations SET name = $1, name_en = $2, credit_code = $3, county_code = $4, "
                      "district_code = $5, channel = $6, contact_name = $7, contact_phone = $8, address = $9, "
                      "updated_at_ms = $10 WHERE id = $11",
                      {fields.name, fields.name_en, store::optional_text(fields.credit_code), store::optional_text(fields.county),
                       store::optional_text(fields.district),
                       fields.channel ? store::Value(std::string(to_string(*fields.channel))) : store::null(),
                       fields.contact_name, fields.contact_phone, fields.address, now_ms, id}));
    return ok();
}

Result<std::vector<SupplyLink>> supply_links_of(store::Tx& tx, const std::string& enterprise_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT l.supplier_id, l.share_bp, o.name, o.kind FROM supply_links l "
                           "JOIN organisations o ON o.id = l.supplier_id WHERE l.enterprise_id = $1 "
                           "ORDER BY l.supplier_id",
                           {enterprise_id}));
    std::vector<SupplyLink> links;
    for (const auto& row : rows) {
        auto kind = access::parse_org_kind(row.text("kind"));
        KL_ASSERT(kind.has_value());
        links.push_back(SupplyLink{row.text("supplier_id"), row.i64("share_bp"), row.text("name"), *kind});
    }
    return links;
}

Result<std::vector<SuppliedEnterprise>> enterprises_supplied_by(store::Tx& tx, const std::string& supplier_id) {
    return store::query_as(tx,
                           "SELECT l.enterprise_id, o.credit_code, l.share_bp FROM supply_links l "
                           "JOIN organisations o ON o.id = l.enterprise_id WHERE l.supplier_id = $1",
                           {supplier_id}, [](const store::Row& row) {
                               return SuppliedEnterprise{row.text("enterprise_id"), row.opt_text("credit_code"), row.i64("share_bp")};
                           });
}

Result<std::map<std::string, std::vector<CodedShare>>> coded_shares_of(store::Tx& tx, const std::vector<std::string>& supplier_ids) {
    std::map<std::string, std::vector<CodedShare>> out;
    KL_TRY(store::query_by_ids(tx,
                               "SELECT l.supplier_id, o.credit_code, l.share_bp FROM supply_links l JOIN organisations o "
                               "ON o.id = l.enterprise_id WHERE o.credit_code IS NOT NULL AND l.supplier_id",
                               " ORDER BY l.supplier_id, o.credit_code", {}, supplier_ids, ids_per_query_max,
                               [&](const store::Row& row) -> Result<void> {
                                   out[row.text("supplier_id")].push_back(CodedShare{row.text("credit_code"), row.i64("share_bp")});
                                   return ok();
                               }));
    return out;
}

Result<void> replace_supply_links(store::Tx& tx, const std::string& enterprise_id,
                                  const std::vector<SupplyLinkInput>& links, int64_t now_ms) {
    KL_TRY(tx.execute("DELETE FROM supply_links WHERE enterprise_id = $1", {enterprise_id}));
    for (const auto& link : links) {
        KL_TRY(tx.execute("INSERT INTO supply_links (enterprise_id, supplier_id, share_bp, created_at_ms) "
                          "VALUES ($1, $2, $3, $4)",
                          {enterprise_id, link.supplier_id, link.share_bp, now_ms}));
    }
    return ok();
}

}  // namespace kl::catalog
