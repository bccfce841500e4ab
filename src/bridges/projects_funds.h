#pragma once
// Projects → funds: the project services pay, open and close accounts through a plain function type
// (projects/ports.h); this bridge connects it to the zero-balance funds structure (src/funds), inside
// the project service's own transaction. (Their audit records go straight to audit::AuditTrail.)
//
//   projects::Projects projects(store, clock, ids, bridges::funds_port(funds), audit_trail);

#include "funds/funds_service.h"
#include "projects/ports.h"

namespace kl::bridges {

projects::FundsPort funds_port(funds::FundsService& funds);

}  // namespace kl::bridges
