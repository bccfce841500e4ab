#pragma once
// Interim implementations of the seams (ports.h) for this branch's binary, replaced at merge by the
// real zero-balance ledger (src/funds) and audit hash chain (src/audit). They are real checks, not
// stubs: the funds port refuses a payment that would take a project's disbursements past its budget
// (the quota the budget released) and reports a project settled when nothing is approved but
// unpaid; the audit sink appends every record to projects_audit_interim.

#include "core/clock.h"
#include "core/ids.h"
#include "projects/ports.h"

namespace kl::projects {

FundsPort budget_quota_funds_port(IdGenerator& ids);
AuditSink interim_audit_sink(const Clock& clock, IdGenerator& ids);

}  // namespace kl::projects
