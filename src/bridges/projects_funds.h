#pragma once
// Projects → funds and audit: the project services pay, open and close accounts and record their
// changes through plain function types (projects/ports.h); these bridges connect them to the
// zero-balance funds structure (src/funds) and the hash-chained audit trail (src/audit), both inside
// the project service's own transaction.
//
//   projects::Projects projects(store, clock, ids, bridges::funds_port(funds), bridges::audit_sink(audit));

#include "audit/audit_trail.h"
#include "funds/funds_service.h"
#include "projects/ports.h"

namespace kl::bridges {

projects::FundsPort funds_port(funds::FundsService& funds);
projects::AuditSink audit_sink(audit::AuditTrail& trail);

}  // namespace kl::bridges
