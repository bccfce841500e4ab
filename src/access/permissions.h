#pragma once
// The permission checks every service calls before it touches a record (DESIGN.md: access is enforced
// in the services, not the web page). Two questions, asked separately:
//
//   require_role        — may this role do this kind of thing at all? (e.g. only admin adds users)
//   require_org_access  — may this principal read or write records of that organisation?
//
// Organisation rule table (require_org_access):
//
//   role            | read records of org X        | write records of org X
//   ----------------+------------------------------+-----------------------------
//   admin           | every organisation           | every organisation
//   fund_officer    | every organisation           | every organisation
//   auditor         | every organisation           | never (reads everything, changes nothing)
//   county_officer  | only its own (its agency)    | only its own
//                   |  + its county's producers ¹  |  + certifies its county's products ¹
//   producer        | only its own                 | only its own
//   buyer           | only its own                 | only its own
//   logistics       | only its own                 | only its own
//
// ¹ The county rule, checked by the catalog (src/catalog/catalog_access.h) because it needs the
//   database: a county officer's agency may have a county (organisations.county_code); its officers
//   also read the producing organisations (enterprise, cooperative, family_workshop, household) of
//   that county, and certify and revoke consumption-aid certifications of that county's products.
//   An agency without a county gives its officers neither. require_org_access itself is unchanged.
//   The public catalogue (active products, their standards and certifications) is readable by
//   anyone, signed in or not; drafts only by their producer, their county's officers and
//   programme-wide roles.
//
// The market (src/market/market_access.h) adds: lanes and nodes — every signed-in user reads, admin
// writes; offers — admin for any producing organisation, a producer for its own (org-scoped roles
// read only their own organisation's); demands — the same with buyers; allocation runs — admin and
// fund_officer start them, every signed-in user reads a run; proposals — programme-wide roles read
// all, producers and buyers those their organisation is a side of, and only those two sides accept
// or decline, each its own side (admin included: nobody commits another organisation to a sale).
// Ledger, funds and audit (src/ledger, src/funds, HTTP routes of src/http/routes/ledger_routes.cpp):
//   ledger accounts/transfers   write: fund_officer          read: fund_officer, auditor
//   funds operations            write: fund_officer          (receipts, quota, refunds, sweeps)
//   funds account tree          read: fund_officer, auditor (all); county_officer (its county's accounts
//                               and its projects' only); producer, buyer, logistics, admin: none
//   audit verify/events/seals   read: auditor, fund_officer, admin; sealing a month: fund_officer, admin
// ² Aid projects (src/projects/project_access.h has the full table): a county officer reads and writes
//   only its county's projects, contracts, invoices and payment requests and never approves or pays;
//   fund officers and admin do everything; the auditor reads everything and reviews risk flags;
//   producers, buyers and logistics firms read only the contracts, invoices and payment requests
//   whose counterparty or payee is their organisation (other records answer 404), and no projects,
//   flags or reports (403). The service book follows the county rule; counterparties have no access.
//
// A service usually calls both: require_role narrows which roles may write a kind of record (a fund
// officer may write funds records for any county but not a producer's lots), and require_org_access
// keeps organisation-scoped roles inside their own organisation. Refusals are permission_denied
// (HTTP 403) with a message that says which rule refused. The trusted command line acts with no
// principal (std::nullopt) and passes every check.
//
// The permission matrix test (tests/access/permission_matrix_test.cpp, fixture in
// tests/support/access_fixture.h) checks these rules through the real server, role × route × own/other
// organisation; every module adds its rows there.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "access/principal.h"
#include "core/result.h"

namespace kl::access {

enum class AccessKind { read, write };
std::string_view to_string(AccessKind kind);

// admin, fund_officer and auditor: the whole programme; the others: one organisation.
inline bool is_programme_wide(Role role) { return !is_org_scoped(role); }

Result<void> require_role(const Principal& principal, std::initializer_list<Role> allowed);
Result<void> require_role(const std::optional<Principal>& actor, std::initializer_list<Role> allowed);

Result<void> require_org_access(const Principal& principal, const std::string& org_id, AccessKind kind);
Result<void> require_org_access(const std::optional<Principal>& actor, const std::string& org_id,
                                AccessKind kind);

// Any write at all: refused for the auditor, whatever the record.
Result<void> require_writer(const Principal& principal);

// For list queries: the one organisation whose records this principal may see, or nullopt when it
// may see every organisation's (programme-wide roles and the command line).
std::optional<std::string> visible_org(const Principal& principal);
std::optional<std::string> visible_org(const std::optional<Principal>& actor);

}  // namespace kl::access
