#include "market/listing_sql.h"

#include "access/permissions.h"

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

}  // namespace kl::market
