#include "market/listing_sql.h"

#include "access/permissions.h"

namespace kl::market {

Result<store::SqlQuery> listing_query(const Actor& actor, const ListingFilter& filter) {
    store::SqlQuery query;
    std::optional<std::string> org = filter.org_id;
    if (auto own = access::visible_org(actor)) {
        if (org && *org != *own) {
            return fail(ErrorCode::permission_denied, "org-scoped roles see only their own organisation's listings");
        }
        org = own;
    }
    if (org) query.where("x.org_id", *org);
    if (filter.product_id) query.where("x.product_id", *filter.product_id);
    if (filter.status) query.where("x.status", std::string(to_string(*filter.status)));
    return query;
}

}  // namespace kl::market
