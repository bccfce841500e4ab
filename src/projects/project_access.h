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
#include <type_traits>

#include "access/principal.h"
#include "core/result.h"
#include "projects/project_repo.h"
#include "projects/project_types.h"
#include "store/page.h"
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

// The scope as the rows a list holds (a `nothing` scope lists nothing before it asks).
inline ListScope list_scope(const Scope& scope) {
    ListScope rows;
    if (scope.kind == Scope::Kind::county) rows.county = scope.value;
    if (scope.kind == Scope::Kind::counterparty) rows.counterparty = scope.value;
    return rows;
}

// One page of a scoped list (projects, contracts, payment requests, risk flags): the limit and cursor
// checked, the actor's scope read with `scope_of(tx)`, nothing for a `nothing` scope, else
// `rows(tx, list_scope, after)` (page_rows_to_fetch(limit) rows) cut to the page, the next cursor
// set from the last record's id.
template <typename ScopeOf, typename Rows>
auto scoped_page(store::Store& store, int limit, const std::optional<std::string>& cursor,
                 std::optional<std::string>& next_cursor, ScopeOf scope_of, Rows rows)
    -> std::invoke_result_t<Rows&, store::Tx&, const ListScope&, const std::optional<std::string>&> {
    using Records = typename std::invoke_result_t<Rows&, store::Tx&, const ListScope&, const std::optional<std::string>&>::value_type;
    KL_TRY(store::check_page_limit(limit));
    KL_TRY_ASSIGN(auto after, store::decode_optional_cursor(cursor));
    return store.read([&](store::Tx& tx) -> Result<Records> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx));
        if (scope.kind == Scope::Kind::nothing) return Records{};
        KL_TRY_ASSIGN(Records records, rows(tx, list_scope(scope), after));
        next_cursor = store::finish_page(records, limit, [](const auto& record) { return record.id; });
        return records;
    });
}

// Reads of project records (projects, milestones, inspections…): programme-wide and the county.
Result<void> require_project_read(const Scope& scope, const Project& project);
// Writes of project records: programme-wide writers, and the county officer of the project's county.
Result<void> require_project_write(const Scope& scope, const std::string& county);
// Decisions only the Front Command takes: admin and fund officers (and the command line).
Result<void> require_fund_officer(const std::optional<access::Principal>& actor, const std::string& what);
// Whether the scope sees a contract/invoice/payment of this county with this counterparty or payee.
bool sees_money_record(const Scope& scope, const std::string& county, const std::string& org_id);

}  // namespace kl::projects
