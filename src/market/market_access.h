#pragma once
// The market's permission rules (summarised in access/permissions.h):
//
//   lanes and nodes   read: every signed-in user; write: admin
//   offers            create/edit/withdraw: admin for any producing organisation, a producer for
//                     its own; read: programme-wide roles all, org-scoped roles their own org's only
//   demands           the same with buyers in place of producers
//   allocation runs   start: admin and fund_officer (the Front Command coordinates the matching);
//                     read a run and its totals: every signed-in user
//   proposals         read: programme-wide roles all; a producer those where its org sells, a buyer
//                     those where its org buys; other org-scoped roles none
//                     accept/decline: only the seller's producers (seller side) and the buyer's
//                     buyers (buyer side); nobody decides for another organisation, not even admin
// The command line (std::nullopt) passes every check; deciding a proposal it names the side.

#include <optional>
#include <string>

#include "access/organisation_service.h"
#include "access/principal.h"
#include "core/result.h"
#include "market/market_types.h"
#include "store/store.h"

namespace kl::market {

using Actor = std::optional<access::Principal>;

// permission_denied unless the actor is signed in as one of the roles (the command line passes).
Result<void> require_admin(const Actor& actor);
// An offer (`org_role` producer) or demand (buyer) of organisation `org_id`: the role rule then the
// organisation rule above.
Result<void> require_listing_write(const Actor& actor, access::Role org_role, const std::string& org_id);
Result<void> require_listing_read(const Actor& actor, const std::string& org_id);

// The organisation must exist and be of a producing kind (offers) or a buyer (demands); errors name
// `org_id`.
Result<void> require_org_kind(store::Tx& tx, const std::string& org_id, bool producer);

// Which side of a proposal the actor decides for; permission_denied when neither.
Result<Side> side_of(const Actor& actor, const std::string& seller_org_id, const std::string& buyer_org_id,
                     std::optional<Side> command_line_side);

}  // namespace kl::market
