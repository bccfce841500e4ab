#pragma once
// The SQL of this module's records (internal to src/projects): row mappers and lookups that run
// inside a caller's transaction, with no permission checks.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "projects/project_types.h"
#include "store/page.h"
#include "store/sql.h"
#include "store/store.h"

namespace kl::projects {

inline constexpr size_t record_id_chars_max = 64;

Date stored_date(const std::string& text);
std::optional<Date> stored_opt_date(const std::optional<std::string>& text);
store::Value date_value(const std::optional<Date>& date);

Result<std::optional<Project>> find_project(store::Tx& tx, const std::string& id);
Result<Project> require_project(store::Tx& tx, const std::string& id);  // not_found
Result<std::vector<Project>> query_projects(store::Tx& tx, const std::string& where, const store::Params& params);

Result<Contract> require_contract(store::Tx& tx, const std::string& id);  // not_found; with sums
Result<std::vector<Contract>> query_contracts(store::Tx& tx, const std::string& where, const store::Params& params);
Result<Invoice> require_invoice(store::Tx& tx, const std::string& id);
Result<std::vector<Invoice>> query_invoices(store::Tx& tx, const std::string& where, const store::Params& params);
Result<ProgressReport> require_progress(store::Tx& tx, const std::string& id);
Result<std::vector<ProgressReport>> query_progress(store::Tx& tx, const std::string& where, const store::Params& params);
Result<PaymentRequest> require_payment(store::Tx& tx, const std::string& id);
Result<std::vector<PaymentRequest>> query_payments(store::Tx& tx, const std::string& where, const store::Params& params);
Result<std::vector<Milestone>> query_milestones(store::Tx& tx, const std::string& project_id);
Result<std::vector<Inspection>> query_inspections(store::Tx& tx, const std::string& where, const store::Params& params);
Result<std::vector<Attachment>> query_attachments(store::Tx& tx, const std::string& project_id);
Result<std::vector<RiskFlag>> query_flags(store::Tx& tx, const std::string& where, const store::Params& params);

// List queries and their keyset pages are the store's (store/sql.h, store/page.h).
using ListQuery = store::SqlQuery;
using store::finish_page;

// Σ amount of the contract's paid requests.
Result<int64_t> contract_paid_fen(store::Tx& tx, const std::string& contract_id);

}  // namespace kl::projects
