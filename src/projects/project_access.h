#pragma once
// Who sees and changes which project records (summarised in access/permissions.h):
//
//   role            | projects (and their milestones, progress,     | contracts, invoices, payment
//                   | inspections, attachments)                     | requests
//   ----------------+-----------------------------------------------+---------------------------------
//   admin           | read all; create, edit, every transition      | read all; write all; approve, pay
//   fund_officer    | read all; create, edit, every transition,     | read all; write all; approve
//                   | verifies progress                             | (not its own request), pay
//   auditor         | read all                                      | read all; reviews risk flags
//   county_officer  | its county's only: read, create, edit, start, | its county's only: record
//                   | complete (approve/accept/close: no)           | contracts, invoices, requests;
//                   |                                               | never approves or pays
//   producer, buyer,| no project records (403)                      | read only those where its
//   logistics       |                                               | organisation is the counterparty
//                   |                                               | or payee; others are not found
//
// A county officer whose agency has no county sees no project at all. Refusals are 403 with the rule;
// records outside a counterparty's view answer 404 so their existence is not revealed.

#include <optional>
#include <string>

#include "access/principal.h"
#include "core/result.h"
#include "projects/project_types.h"
#include "store/store.h"

namespace kl::projects {

struct Scope {
    enum class Kind { everything, county, counterparty, nothing };
    Kind kind = Kind::nothing;
    std::string value;  // the county code or the organisation id
    bool writes = false;  // may write at all (not the auditor; counterparties read only)
    bool programme_wide() const { return kind == Kind::everything; }
};

Result<Scope> scope_of(store::Tx& tx, const std::optional<access::Principal>& actor);

// Reads of project records (projects, milestones, inspections…): programme-wide and the county.
Result<void> require_project_read(const Scope& scope, const Project& project);
// Writes of project records: programme-wide writers, and the county officer of the project's county.
Result<void> require_project_write(const Scope& scope, const std::string& county);
// Decisions only the Front Command takes: admin and fund officers (and the command line).
Result<void> require_fund_officer(const std::optional<access::Principal>& actor, const std::string& what);
// Whether the scope sees a contract/invoice/payment of this county with this counterparty or payee.
bool sees_money_record(const Scope& scope, const std::string& county, const std::string& org_id);

}  // namespace kl::projects
