#include "market/listing_sql.h"

#include "access/permissions.h"
#include "access/validation.h"

namespace kl::market {

Result<ListingQuery> listing_query(const Actor& actor, const ListingFilter& filter,
                                   const std::optional<std::string>& after_id) {
    ListingQuery query;
    query.params.push_back(after_id.value_or(""));
    auto add = [&](const char* column, const std::string& value) {
        query.params.push_back(value);
        query.where += std::string(" AND x.") + column + " = $" + std::to_string(query.params.size());
    };
    std::optional<std::string> org = filter.org_id;
    if (auto own = access::visible_org(actor)) {
        if (org && *org != *own) {
            return fail(ErrorCode::permission_denied, "org-scoped roles see only their own organisation's listings");
        }
        org = own;
    }
    if (org) add("org_id", *org);
    if (filter.product_id) add("product_id", *filter.product_id);
    if (filter.status) add("status", std::string(to_string(*filter.status)));
    return query;
}

namespace {

std::string table_name(ListingTable table) { return table == ListingTable::offers ? "market_offers" : "market_demands"; }

}  // namespace

void check_ref(const std::optional<std::string>& ref, std::vector<FieldError>& errors) {
    if (!ref) return;
    access::FieldErrors checked;
    checked.check_text("ref", *ref, 1, listing_ref_chars_max);
    if (auto result = checked.finish(); !result) {
        errors.insert(errors.end(), result.error().fields.begin(), result.error().fields.end());
    }
}

Result<std::optional<std::string>> find_by_ref(store::Tx& tx, ListingTable table, const std::string& org_id,
                                               const std::string& ref) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT id FROM " + table_name(table) + " WHERE org_id = $1 AND ref = $2", {org_id, ref}));
    if (rows.empty()) return std::optional<std::string>{};
    return std::optional<std::string>{rows[0].text(0)};
}

Result<void> check_ref_free(store::Tx& tx, ListingTable table, const std::string& org_id,
                            const std::optional<std::string>& ref) {
    if (!ref) return ok();
    KL_TRY_ASSIGN(std::optional<std::string> existing, find_by_ref(tx, table, org_id, *ref));
    if (!existing) return ok();
    const std::string message = "the organisation's " +
                                std::string(table == ListingTable::offers ? "offer " : "demand ") + *existing +
                                " already has this reference";
    return fail(Error{ErrorCode::already_exists, "ref: " + message, {FieldError{"ref", message}}});
}

Result<std::optional<std::string>> listing_org(store::Tx& tx, ListingTable table, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT org_id FROM " + table_name(table) + " WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<std::string>{};
    return std::optional<std::string>{rows[0].text(0)};
}

}  // namespace kl::market
