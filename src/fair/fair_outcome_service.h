#pragma once
// At the event (issue 15, item 6): meeting outcomes, intended orders signed at a meeting and
// on-site sales at a booth, each order made through the orders module (OrderService's seam
// create_from_source_in, never by writing its tables) and tied to the event in fair_orders.
//
// When: while the event is `live`; once it is `closed` only its organisers may still record
// (late corrections and paper forms typed in after the event). Any other state: conflict
// (wrong_state).
//
// Who may:
//   record a meeting's outcome          organisers; a user of the meeting's exhibitor (producer) or
//                                       buyer (buyer) organisation
//   read a meeting's outcome history    the same, and programme-wide readers (fund officer, auditor)
//   sign an intended order at a meeting organisers; either side's organisation user (as above)
//   record an on-site sale at a booth   organisers; the exhibitor's organisation user
//   list the event's orders, a receipt  organisers and programme-wide readers: all; a county officer:
//                                       its county's exhibitors'; a producer or buyer: the orders its
//                                       organisation sells or buys; anyone else 403
//
// Outcomes are a history: each write appends version n + 1 and the meeting's outcome is the last
// one (last write wins; a writer that sends the version it saw gets a 409 when someone wrote since).
// An intended order's seller is the meeting's exhibitor's organisation and its buyer the meeting's
// buyer's organisation; its lines must be catalogue products of that exhibitor (active, with the
// channel in their brand standard — the orders module checks the rest). An on-site sale's buyer is
// a buyer organisation when the booth knows it, else the one shared walk-in buyer (a system
// organisation: 0022_fair_outcomes.sql, 0023_system_organisations.sql). Every change is appended to
// the audit trail.

#include <optional>
#include <string>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "fair/fair_access.h"
#include "fair/fair_outcome_types.h"
#include "fair/fair_report.h"
#include "orders/order_service.h"
#include "store/store.h"

namespace kl::fair {

class FairOutcomeService {
public:
    FairOutcomeService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit,
                       orders::OrderService& orders)
        : store_(store), clock_(clock), ids_(ids), audit_(audit), orders_(orders) {}

    // not_found for a meeting not in the event's published schedule.
    Result<MeetingOutcomes> record_outcome(const Actor& actor, const std::string& event_id, const std::string& meeting_id,
                                           const OutcomeInput& input);
    Result<MeetingOutcomes> outcomes(const Actor& actor, const std::string& event_id, const std::string& meeting_id);

    // An intended order signed at a published meeting (status intent; the buyer confirms it later
    // through the order lifecycle). The demo seeder calls this with no actor (as the system).
    Result<FairOrder> record_intent(const Actor& actor, const std::string& event_id, const std::string& meeting_id,
                                    const SaleInput& input);
    // An on-site sale at an exhibitor's booth (a confirmed fair_onsite order).
    Result<FairOrder> record_onsite_sale(const Actor& actor, const std::string& event_id, const std::string& exhibitor_id,
                                         const SaleInput& input);

    // The event's orders the actor may see, in order-id order.
    Result<FairOrderPage> list_orders(const Actor& actor, const std::string& event_id, const FairOrderFilter& filter,
                                      int limit, const std::optional<std::string>& cursor);
    // An on-site sale of the exhibitor's booth with the names a receipt prints (lang zh or en).
    Result<Receipt> receipt(const Actor& actor, const std::string& event_id, const std::string& exhibitor_id,
                            const std::string& order_id, const std::string& lang);

private:
    Result<FairOrder> record_order(store::Tx& tx, const Actor& actor, const Event& event, FairOrder link,
                                   const SaleInput& input, Date order_date);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
    orders::OrderService& orders_;
};

// What the event's routes and the demo seeder take (built once in cli/app.cpp beside fair::Fairs): the
// outcome and order service and the event's report.
struct FairAtEvent {
    FairAtEvent(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit, orders::OrderService& orders)
        : outcomes(store, clock, ids, audit, orders), reports(store, clock) {}

    FairOutcomeService outcomes;
    FairReporter reports;
};

}  // namespace kl::fair
