#pragma once
// The ledger's SQL (and nothing else). Reads take sets of ids and use `IN (…)` lists in chunks;
// writes are multi-row INSERTs and upserts in chunks, so a batch of 8,000 transfers costs a few
// dozen statements, not tens of thousands.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "ledger/ledger_engine.h"
#include "store/store.h"

namespace kl::ledger::repo {

Result<void> load_accounts(store::Tx& tx, const std::set<std::string>& ids, std::unordered_map<std::string, Account>& out);
Result<void> load_transfers(store::Tx& tx, const std::set<std::string>& ids,
                            std::unordered_map<std::string, StoredTransfer>& out);
Result<void> load_pendings(store::Tx& tx, const std::set<std::string>& ids,
                           std::unordered_map<std::string, PendingRecord>& out);
Result<void> load_failed(store::Tx& tx, const std::set<std::string>& ids,
                         std::unordered_map<std::string, FailedRecord>& out);
Result<std::vector<std::string>> due_pending_ids(store::Tx& tx, int64_t now_ms, int64_t limit);

// A page of transfers, newest first (seq descending), page_rows_to_fetch(limit) rows.
Result<std::vector<StoredTransfer>> list_transfers(store::Tx& tx, const TransferListQuery& query);

// Accounts by id after `after_id` (of one ledger when given), at most `limit`.
Result<std::vector<Account>> list_accounts(store::Tx& tx, const std::optional<std::string>& ledger,
                                           const std::string& after_id, int64_t limit);
// The account's transfers (either side) created in [from_ms, to_ms) after `after_seq`, by seq, at most `limit`.
Result<std::vector<StoredTransfer>> account_transfers(store::Tx& tx, const std::string& account_id, int64_t from_ms,
                                                      int64_t to_ms, int64_t after_seq, int64_t limit);
// Pending transfers that expired, all time.
Result<int64_t> count_expired(store::Tx& tx);

Result<int64_t> last_transfer_seq(store::Tx& tx);
Result<void> set_last_transfer_seq(store::Tx& tx, int64_t seq);

Result<void> insert_transfers(store::Tx& tx, const std::vector<StoredTransfer>& transfers);
Result<void> insert_failures(store::Tx& tx, const std::vector<std::pair<std::string, FailedRecord>>& failures,
                             int64_t now_ms);
Result<void> upsert_pendings(store::Tx& tx, const std::vector<PendingRecord>& pendings);
// Inserts new accounts and updates the totals and flags of existing ones.
Result<void> upsert_accounts(store::Tx& tx, const std::vector<Account>& accounts);

// Every row, for verification (ledger_verify.h): accounts by id, transfers in the order they were
// applied, pending states in no order.
Result<std::vector<Account>> all_accounts(store::Tx& tx);
Result<std::vector<StoredTransfer>> all_transfers(store::Tx& tx);
Result<std::vector<PendingRecord>> all_pendings(store::Tx& tx);

// An audit row about the ledger (ledger.transfer, ledger.account, ledger.pending), in seq order.
struct AuditedRecord {
    int64_t seq = 0;
    std::string record_type;
    std::string record_id;
    std::string body_hash;
};
Result<std::vector<AuditedRecord>> audited_records(store::Tx& tx);

Account account_from(const store::Row& row);
StoredTransfer transfer_from(const store::Row& row);
PendingRecord pending_from(const store::Row& row);

inline constexpr std::string_view account_columns =
    "id, ledger, code, flags, name, user_data, debits_pending, debits_posted, credits_pending, credits_posted, created_ms";
inline constexpr std::string_view transfer_columns =
    "id, seq, debit_account_id, credit_account_id, amount, pending_id, ledger, code, flags, timeout_s, user_data, "
    "created_ms";
inline constexpr std::string_view pending_columns = "transfer_id, state, expires_ms, resolved_by, resolved_ms";

}  // namespace kl::ledger::repo
