#pragma once
// The SQL of this module's records (internal to src/projects): row mappers and lookups that run
// inside a caller's transaction, with no permission checks.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/work_item.h"
#include "projects/project_types.h"
#include "store/page.h"
#include "store/sql.h"
#include "store/stored.h"
#include "store/store.h"

namespace kl::projects {

inline constexpr size_t record_id_chars_max = 64;

using store::date_value;
using store::stored_date;
using store::stored_enum;
using store::stored_opt_date;

Result<std::optional<Project>> find_project(store::Tx& tx, const std::string& id);
Result<Project> require_project(store::Tx& tx, const std::string& id);  // not_found

// Whose records a list holds: everyone's (neither set), one county's, or one counterparty's (a
// contractor's contracts, a payee's requests) — project_access.h's Scope as rows.
struct ListScope {
    std::optional<std::string> county;
    std::optional<std::string> counterparty;
};

// A keyset page of projects in the filter's order after `after` (of the scope's county; projects have
// no counterparty): page_rows_to_fetch(limit) rows. Searched: code, name, id; dated by the day it was
// recorded (Beijing time).
Result<std::vector<Project>> list_projects(store::Tx& tx, const ProjectFilter& filter, const ListScope& scope,
                                           const std::optional<std::string>& after, int limit);
// Projects approved or started, by id (the idle-funds rule's).
Result<std::vector<Project>> active_projects(store::Tx& tx);

Result<Contract> require_contract(store::Tx& tx, const std::string& id);  // not_found; with sums
// Every contract, by id (without modifications: require_contract).
Result<std::vector<Contract>> all_contracts(store::Tx& tx);
// A keyset page of contracts by id after `after`: page_rows_to_fetch(limit) rows (store/page.h).
Result<std::vector<Contract>> list_contracts(store::Tx& tx, const ContractFilter& filter, const ListScope& scope,
                                             const std::optional<std::string>& after, int limit);
// The contracts the split-contract rule sums (risk_rules.cpp): of the counterparty or the project, in
// the category, awarded within [from, to] and each below `below_fen`; by id.
struct SplitGroup {
    std::string counterparty_org_id, project_id;
    ContractCategory category = ContractCategory::goods;
    Date from, to;
    int64_t below_fen = 0;
};
Result<std::vector<Contract>> split_group_contracts(store::Tx& tx, const SplitGroup& group);
Result<Invoice> require_invoice(store::Tx& tx, const std::string& id);
// The contract's invoices by issue date, then id.
Result<std::vector<Invoice>> contract_invoices(store::Tx& tx, const std::string& contract_id);
Result<ProgressReport> require_progress(store::Tx& tx, const std::string& id);
// The project's progress reports by as-of date, then id.
Result<std::vector<ProgressReport>> project_progress(store::Tx& tx, const std::string& project_id);
Result<PaymentRequest> require_payment(store::Tx& tx, const std::string& id);
// A keyset page of requests in the filter's order after `after`: page_rows_to_fetch(limit) rows.
// Searched: id, its project's code or name, its contract's title, its payee's name (zh or en);
// dated by requested_on.
Result<std::vector<PaymentRequest>> list_payments(store::Tx& tx, const PaymentFilter& filter, const ListScope& scope,
                                                  const std::optional<std::string>& after, int limit);
// Every request not rejected, by id (what a risk scan checks).
Result<std::vector<PaymentRequest>> unrejected_payments(store::Tx& tx);
Result<std::vector<Milestone>> query_milestones(store::Tx& tx, const std::string& project_id);
// The project's inspections by inspection date, then id.
Result<std::vector<Inspection>> project_inspections(store::Tx& tx, const std::string& project_id);
Result<Inspection> require_inspection(store::Tx& tx, const std::string& id);  // not_found
Result<std::vector<Attachment>> query_attachments(store::Tx& tx, const std::string& project_id);
Result<std::optional<RiskFlag>> find_flag(store::Tx& tx, const std::string& id);
// A keyset page of flags in the filter's order after `after` (of `county` when given):
// page_rows_to_fetch(limit) rows. Searched: id, rule, its project's code or name, its contract's
// title; dated by the day it was raised (Beijing time).
Result<std::vector<RiskFlag>> list_flags(store::Tx& tx, const FlagFilter& filter, const std::optional<std::string>& county,
                                         const std::optional<std::string>& after, int limit);
// Open or confirmed high-severity flags that stop a request from being paid: those raised on the
// request itself and those raised on its contract as a whole; by id.
Result<std::vector<RiskFlag>> blocking_flags(store::Tx& tx, const PaymentRequest& request);

// Keyset pages are the store's (store/page.h).
using store::finish_page;

// Σ amount of the contract's paid requests.
Result<int64_t> contract_paid_fen(store::Tx& tx, const std::string& contract_id);

// Whether `county` is one of the aided counties (the service book asks too).
Result<bool> county_exists(store::Tx& tx, const std::string& county);

// Projects: `code_key` is the code's identifier key (core/identifier.h); `except_id` leaves the
// project being edited out of the search for another with the same key.
Result<bool> code_key_in_use(store::Tx& tx, const std::string& code_key, const std::optional<std::string>& except_id);
Result<void> insert_project(store::Tx& tx, const std::string& id, const ProjectFields& fields, const std::string& code_key,
                            const std::optional<std::string>& created_by, int64_t now_ms);
Result<void> update_project_fields(store::Tx& tx, const std::string& id, const ProjectFields& fields,
                                   const std::string& code_key, int64_t now_ms);
// Sets the status and the date of the move in `date_column` (one of the project's *_on columns).
Result<void> update_project_status(store::Tx& tx, const std::string& id, ProjectStatus status,
                                   std::string_view date_column, Date on, int64_t now_ms);
// Payment requests of the project still submitted or approved (a project closes without any).
Result<int64_t> count_pending_payments(store::Tx& tx, const std::string& project_id);
// The project's verified progress, from a report just verified.
Result<void> update_project_progress(store::Tx& tx, const std::string& id, int64_t pct, ProgressBasis basis,
                                     int64_t now_ms);

Result<void> insert_milestone(store::Tx& tx, const Milestone& milestone, int64_t now_ms);
// The project of milestone `id`, if there is such a milestone.
Result<std::optional<std::string>> find_milestone_project(store::Tx& tx, const std::string& id);
Result<void> update_milestone_done(store::Tx& tx, const std::string& id, Date done_on);
Result<void> insert_progress(store::Tx& tx, const ProgressReport& report, int64_t now_ms);
Result<void> update_progress_verified(store::Tx& tx, const std::string& id, const std::string& verified_by,
                                      int64_t now_ms);
Result<void> insert_inspection(store::Tx& tx, const Inspection& inspection, int64_t now_ms);
Result<void> update_inspection_rectified(store::Tx& tx, const std::string& id, Date rectified_on);
Result<void> insert_attachment(store::Tx& tx, const Attachment& attachment, int64_t now_ms);

// ---- reports (project_reports.h): projects `where` chooses, `p` aliasing projects ----------------

// Per county and year (by year, then the counties' order): the counts, budget, committed and
// disbursed sums and open flags; arrived_fen and execution_bp are left for the caller.
Result<std::vector<CountyYearFigures>> county_year_figures(store::Tx& tx, const store::SqlQuery& where);
// Each project's county and year, to sum per-project figures by the same groups.
struct ProjectCountyYear {
    std::string id, county;
    int64_t year = 0;
};
Result<std::vector<ProjectCountyYear>> project_county_years(store::Tx& tx, const store::SqlQuery& where);

// ---- to-do queries (project_work.h): a count and the most urgent few, each named ------------------

// Payment requests in `status` (oldest request first), named by project and payee; when
// `not_requested_by` is given, without that user's own requests (four eyes: a requester never approves).
Result<WorkQueue> payments_awaiting(store::Tx& tx, std::string kind, PaymentStatus status,
                                    const std::optional<std::string>& not_requested_by);
// Open risk flags, of one county when given: high severity first, then the oldest.
Result<WorkQueue> open_flags(store::Tx& tx, const std::optional<std::string>& county);
// Projects in one of `statuses` (of one county when given), by code, named, with their budget.
Result<WorkQueue> projects_awaiting(store::Tx& tx, const std::vector<ProjectStatus>& statuses,
                                    const std::optional<std::string>& county);

}  // namespace kl::projects
