#pragma once
// The SQL of this module's records (internal to src/projects): row mappers and lookups that run
// inside a caller's transaction, with no permission checks.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "projects/project_types.h"
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

// The WHERE clause of a list query, built condition by condition with numbered placeholders, and
// its keyset page (ORDER BY id, one row more than the page to know whether another follows).
class ListQuery {
public:
    // Appends " AND <column> <op> $n" with `value` bound.
    ListQuery& where(const std::string& column, store::Value value, const std::string& op = "=");
    // The WHERE text, then " ORDER BY <id_column> LIMIT $n" for a page of `limit` after `after`.
    std::string page(const std::string& id_column, const std::optional<std::string>& after, int limit);
    const std::string& condition() const { return where_; }
    const store::Params& params() const { return params_; }

private:
    std::string bind(store::Value value);
    std::string where_ = "1 = 1";
    store::Params params_;
};

std::string encode_page_cursor(const std::string& last_id);
// Drops the extra row of a page and returns the cursor of the next page (nullopt on the last).
template <typename T, typename IdOf>
std::optional<std::string> finish_page(std::vector<T>& items, int limit, IdOf id_of) {
    if (items.size() <= static_cast<size_t>(limit)) return std::nullopt;
    items.pop_back();
    return encode_page_cursor(id_of(items.back()));
}

// Σ amount of the contract's paid requests.
Result<int64_t> contract_paid_fen(store::Tx& tx, const std::string& contract_id);

}  // namespace kl::projects
