#include "orders/order_access.h"

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "catalog/organisation_repo.h"

namespace kl::orders {

namespace {

Result<void> outside_scope(const access::Principal& principal) {
    return fail(ErrorCode::permission_denied, "role " + std::string(access::to_string(principal.role)) +
                                                  " sees only its own organisation's orders");
}

}  // namespace

std::optional<Party> party_of(const Actor& actor, const Order& order) {
    if (!actor) return Party::admin;
    const access::Principal& principal = *actor;
    switch (principal.role) {
        case access::Role::admin: return Party::admin;
        case access::Role::buyer:
            if (principal.org_id == order.buyer_id) return Party::buyer;
            return std::nullopt;
        case access::Role::producer:
            if (principal.org_id == order.seller_id) return Party::seller;
            return std::nullopt;
        case access::Role::logistics:
            if (order.carrier_id && principal.org_id == order.carrier_id) return Party::carrier;
            return std::nullopt;
        default: return std::nullopt;
    }
}

Result<void> require_visible(store::Tx& tx, const Actor& actor, const Order& order) {
    if (!actor || access::is_programme_wide(actor->role)) return ok();
    if (party_of(actor, order)) return ok();
    if (actor->role == access::Role::county_officer) {
        KL_TRY_ASSIGN(std::optional<std::string> county, catalog::officer_county(tx, *actor));
        if (county) {
            KL_TRY_ASSIGN(std::optional<std::string> seller_county, catalog::organisation_county(tx, order.seller_id));
            if (seller_county == county) return ok();
        }
    }
    return outside_scope(*actor);
}

Result<OrderVisibility> visibility_of(store::Tx& tx, const Actor& actor) {
    using Kind = OrderVisibility::Kind;
    if (!actor || access::is_programme_wide(actor->role)) return OrderVisibility{Kind::every, {}};
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case access::Role::buyer: return OrderVisibility{Kind::buyer, org};
        case access::Role::producer: return OrderVisibility{Kind::seller, org};
        case access::Role::logistics: return OrderVisibility{Kind::carrier, org};
        case access::Role::county_officer: {
            KL_TRY_ASSIGN(std::optional<std::string> county, catalog::officer_county(tx, *actor));
            if (!county) return OrderVisibility{Kind::none, {}};
            return OrderVisibility{Kind::seller_county, *county};
        }
        default: return OrderVisibility{Kind::none, {}};
    }
}

}  // namespace kl::orders
