#pragma once
// Recalls (POST/GET /api/v1/recalls…, README "Trace and recall"): a lot named with a reason; what it
// reached is computed when the recall opens — the lot's whole forward trace (trace_graph.h, up to
// recall_nodes_max nodes; a cut trace refuses the recall with 409 rather than notify part of the
// buyers) — and kept: every buyer to notify with what it received of which affected lot on which
// orders. Each buyer's own user acknowledges once, stating what it recovered of each lot (at most what
// it received; lots not named: nothing); the last acknowledgement closes the recall
// (all_acknowledged), or its opener's organisation (or an admin) closes it earlier with a note
// (by_opener). A recall whose lot reached no buyer stays open until its opener closes it (the goods
// are still with the producer). Every change is appended to the audit trail.
//
//   role            | opens                          | sees                              | acknowledges | closes
//   ----------------+--------------------------------+-----------------------------------+--------------+----------------
//   admin           | any lot                        | every recall                      | no           | any
//   county_officer  | its county's producers' lots   | its county's                      | no           | the ones its
//   producer        | its own lots                   | those of its lots                 | no           |  organisation
//                   |                                |                                   |              |  opened
//   buyer           | no                             | those naming it, only its notice  | its notice   | no
//   fund_officer,   | no                             | every recall                      | no           | no
//   auditor         |                                |                                   |              |
//   logistics       | no                             | none                              | no           | no
//
// One lot has at most one open recall (a second is 409 naming lot_id).

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"
#include "trace/recall_types.h"
#include "trace/trace_access.h"

namespace kl::trace {

struct RecallPage {
    std::vector<Recall> recalls;
    std::optional<std::string> next_cursor;
};

class RecallService {
public:
    RecallService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit)
        : store_(store), clock_(clock), ids_(ids), audit_(audit) {}

    Result<Recall> open(const Actor& actor, const NewRecall& input);
    Result<Recall> get(const Actor& actor, const std::string& id);
    // Newest first, keyset-paginated, scoped as above.
    Result<RecallPage> list(const Actor& actor, const RecallFilter& filter, int limit, const std::optional<std::string>& cursor);
    Result<Recall> acknowledge(const Actor& actor, const std::string& id, const RecallAcknowledgement& input);
    // The command line recording a buyer's acknowledgement on its behalf (the demo's recall drill; a
    // reply a buyer sent on paper): as acknowledge, with no user named as the acknowledger.
    Result<Recall> acknowledge_for_buyer(const std::string& id, const std::string& buyer_id, const RecallAcknowledgement& input);
    Result<Recall> close(const Actor& actor, const std::string& id, const std::string& note);

private:
    Result<Recall> record_acknowledgement(const Actor& actor, const std::string& buyer, const std::string& id,
                                          const RecallAcknowledgement& input);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
};

}  // namespace kl::trace
