#include "market/market_access.h"

#include "access/permissions.h"
#include "catalog/catalog_types.h"

namespace kl::market {

Result<void> require_admin(const Actor& actor) { return access::require_role(actor, {access::Role::admin}); }

Result<void> require_listing_write(const Actor& actor, access::Role org_role, const std::string& org_id) {
    KL_TRY(access::require_role(actor, {access::Role::admin, org_role}));
    return access::require_org_access(actor, org_id, access::AccessKind::write);
}

Result<void> require_listing_read(const Actor& actor, const std::string& org_id) {
    return access::require_org_access(actor, org_id, access::AccessKind::read);
}

Result<void> require_org_kind(store::Tx& tx, const std::string& org_id, bool producer) {
    KL_TRY_ASSIGN(std::optional<access::Organisation> org, access::find_organisation(tx, org_id));
    if (!org) return fail_field("org_id", ProblemCode::invalid_value, "no organisation " + org_id);
    const bool fits = producer ? catalog::is_producer_kind(org->kind) : org->kind == access::OrgKind::buyer;
    if (!fits) {
        return fail_field("org_id", ProblemCode::invalid_value, std::string("must be ") +
                                        (producer ? "a producing organisation (enterprise, cooperative, workshop, household)"
                                                  : "a buyer organisation"));
    }
    return ok();
}

Result<Side> side_of(const Actor& actor, const std::string& seller_org_id, const std::string& buyer_org_id,
                     std::optional<Side> command_line_side) {
    if (!actor) {
        if (!command_line_side) return fail_field("side", ProblemCode::invalid_value, "the command line must say which side decides");
        return *command_line_side;
    }
    KL_TRY(access::require_writer(*actor));
    if (actor->role == access::Role::producer && actor->org_id == seller_org_id) return Side::seller;
    if (actor->role == access::Role::buyer && actor->org_id == buyer_org_id) return Side::buyer;
    return fail(ErrorCode::permission_denied,
                "only the selling producer or the buying organisation decides a proposal, each for its own side");
}

}  // namespace kl::market
