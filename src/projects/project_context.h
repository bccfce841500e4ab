#pragma once
// What every service of this module shares: the store, the clock, ids, the funds seam (ports.h) and
// the audit trail every change is recorded on.
// One context lives as long as the services that refer to it.

#include <optional>
#include <string>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "projects/ports.h"
#include "store/store.h"

namespace kl::projects {

struct ProjectContext {
    store::Store& store;
    const Clock& clock;
    IdGenerator& ids;
    FundsPort funds;
    audit::AuditTrail& audit;
};

using access::actor_name;
using access::user_id_of;

// Appends one event to the audit trail inside `tx` (fails the caller's transaction when it fails);
// `body_json` is canonical JSON (audit/canonical_json.h).
Result<void> audit(store::Tx& tx, const ProjectContext& context, const std::optional<access::Principal>& actor,
                   std::string action, std::string record_type, std::string record_id, std::string body_json);

}  // namespace kl::projects
