#pragma once
// The audit trail for people (the HTTP routes): verification, the event list, month seals and signed
// checkpoints, each checking the caller's role and running in its own transaction, like every other
// service. It lives here, not in src/audit: the trail sits below access (access appends to it), and
// verification recomputes the ledger, so the ledger library is the lowest that sees roles, the
// trail and the ledger together.
//
// Who may do what:
//   verify, events, seals, checkpoints (read)   auditor, fund_officer, admin
//   take a checkpoint now                         auditor, fund_officer, admin
//   seal a month                                  fund_officer, admin (an auditor only reads)
//   the public key                                anyone (it is published)

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "core/result.h"
#include "ledger/ledger_verify.h"
#include "store/store.h"

namespace kl::ledger {

using AuditActor = std::optional<access::Principal>;

// A page of the event list: newest first unless the window says oldest, past the row `cursor_seq` when
// continuing.
struct AuditEventQuery {
    int limit = 50;
    std::optional<int64_t> cursor_seq;  // the previous page's last row
    std::optional<std::string> record_type;
    std::optional<std::string> record_id;
    // Newest first unless it says oldest (audit_trail.h list: what q finds, the Beijing day).
    store::ListWindow window = store::newest_first_window();
};

struct CheckpointPage {
    std::string public_key_hex;  // empty when the trail has no signing key
    std::vector<audit::Checkpoint> checkpoints;
};

class AuditService {
public:
    AuditService(store::Store& store, audit::AuditTrail& trail) : store_(store), trail_(trail) {}

    // The chain, the seals, the stored checkpoints and the ledger's invariants, recomputed.
    Result<VerifyReport> verify(const AuditActor& actor);
    Result<std::vector<audit::AuditRow>> events(const AuditActor& actor, const AuditEventQuery& query);
    Result<audit::Seal> seal(const AuditActor& actor, const std::string& month);
    Result<std::vector<audit::Seal>> seals(const AuditActor& actor);
    // not_found when the trail has no signing key.
    Result<std::string> public_key_hex() const;
    Result<CheckpointPage> checkpoints(const AuditActor& actor, int limit, std::optional<int64_t> before_seq);
    // A checkpoint of the head now (the last one again when the head has not moved).
    Result<audit::Checkpoint> take_checkpoint(const AuditActor& actor);

private:
    store::Store& store_;
    audit::AuditTrail& trail_;
};

}  // namespace kl::ledger
