#include "ledger/ledger_repo.h"

#include <algorithm>

#include "store/page.h"
#include "store/sql.h"

namespace kl::ledger::repo {

namespace {

constexpr size_t ids_per_query_max = 500;

// Runs `select` + " IN (…)" over `ids` in chunks, handing every row to `each`.
Result<void> query_ids(store::Tx& tx, const std::string& select, const std::set<std::string>& ids,
                       const std::function<Result<void>(const store::Row&)>& each) {
    return store::query_by_ids(tx, select, "", {}, std::vector<std::string>(ids.begin(), ids.end()), ids_per_query_max, each);
}

// Reads the records of `ids` into `out`, keyed by their `key` member.
template <typename Record, typename Owner, typename FromRow>
Result<void> load_by_ids(store::Tx& tx, const std::string& select, const std::set<std::string>& ids, FromRow from_row,
                         std::string Owner::*key, std::unordered_map<std::string, Record>& out) {
    return query_ids(tx, select, ids, [&](const store::Row& row) -> Result<void> {
        Record record = from_row(row);
        std::string id = record.*key;
        out[id] = std::move(record);
        return ok();
    });
}

}  // namespace

Account account_from(const store::Row& row) {
    Account a;
    a.id = row.text("id");
    a.ledger = row.text("ledger");
    a.code = row.i64("code");
    a.flags = row.i64("flags");
    a.name = row.text("name");
    a.user_data = row.text("user_data");
    a.debits_pending = row.i64("debits_pending");
    a.debits_posted = row.i64("debits_posted");
    a.credits_pending = row.i64("credits_pending");
    a.credits_posted = row.i64("credits_posted");
    a.created_ms = row.i64("created_ms");
    return a;
}

StoredTransfer transfer_from(const store::Row& row) {
    StoredTransfer t;
    t.id = row.text("id");
    t.seq = row.i64("seq");
    t.debit_account_id = row.text("debit_account_id");
    t.credit_account_id = row.text("credit_account_id");
    t.amount = row.i64("amount");
    t.pending_id = row.text("pending_id");
    t.ledger = row.text("ledger");
    t.code = row.i64("code");
    t.flags = row.i64("flags");
    t.timeout_s = row.i64("timeout_s");
    t.user_data = row.text("user_data");
    t.created_ms = row.i64("created_ms");
    return t;
}

PendingRecord pending_from(const store::Row& row) {
    PendingRecord p;
    p.transfer_id = row.text("transfer_id");
    p.state = parse_pending_state(row.text("state")).value_or(PendingState::pending);
    p.expires_ms = row.i64("expires_ms");
    p.resolved_by = row.text("resolved_by");
    p.resolved_ms = row.i64("resolved_ms");
    return p;
}

Result<void> load_accounts(store::Tx& tx, const std::set<std::string>& ids, std::unordered_map<std::string, Account>& out) {
    return load_by_ids(tx, "SELECT " + std::string(account_columns) + " FROM ledger_accounts WHERE id", ids, account_from,
                       &Account::id, out);
}

Result<void> load_transfers(store::Tx& tx, const std::set<std::string>& ids,
                            std::unordered_map<std::string, StoredTransfer>& out) {
    return load_by_ids(tx, "SELECT " + std::string(transfer_columns) + " FROM ledger_transfers WHERE id", ids,
                       transfer_from, &StoredTransfer::id, out);
}

Result<void> load_pendings(store::Tx& tx, const std::set<std::string>& ids,
                           std::unordered_map<std::string, PendingRecord>& out) {
    return load_by_ids(tx, "SELECT " + std::string(pending_columns) + " FROM ledger_pending WHERE transfer_id", ids,
                       pending_from, &PendingRecord::transfer_id, out);
}

Result<void> load_failed(store::Tx& tx, const std::set<std::string>& ids,
                         std::unordered_map<std::string, FailedRecord>& out) {
    return query_ids(tx, "SELECT id, body_hash, result FROM ledger_failed_transfers WHERE id", ids,
                     [&](const store::Row& row) -> Result<void> {
                         auto result = parse_transfer_result(row.text("result"));
                         if (!result) return fail(ErrorCode::internal, "unknown remembered result " + row.text("result"));
                         out[row.text("id")] = FailedRecord{row.text("body_hash"), *result};
                         return ok();
                     });
}

Result<std::vector<std::string>> due_pending_ids(store::Tx& tx, int64_t now_ms, int64_t limit) {
    return store::query_as(tx, "SELECT transfer_id FROM ledger_pending WHERE state = 'pending' AND expires_ms > 0 "
                               "AND expires_ms <= $1 ORDER BY expires_ms LIMIT $2",
                           {now_ms, limit}, [](const store::Row& row) { return row.text("transfer_id"); });
}

Result<std::vector<Account>> list_accounts(store::Tx& tx, const std::optional<std::string>& ledger,
                                           const std::string& after_id, int64_t limit) {
    store::SqlQuery query;
    query.where("id", after_id, ">");
    if (ledger) query.where("ledger", *ledger);
    const std::string sql = "SELECT " + std::string(account_columns) + " FROM ledger_accounts WHERE " + query.condition() +
                            " ORDER BY id LIMIT " + query.bind(limit);
    return store::query_as(tx, sql, query.params(), account_from);
}

Result<std::vector<StoredTransfer>> account_transfers(store::Tx& tx, const std::string& account_id, int64_t from_ms,
                                                      int64_t to_ms, int64_t after_seq, int64_t limit) {
    // Two index range scans (debit side, credit side) rather than one OR that neither index serves.
    const std::string cols(transfer_columns);
    const std::string where = " AND created_ms >= $2 AND created_ms < $3 AND seq > $4";
    const std::string sql = "SELECT " + cols + " FROM (SELECT " + cols + " FROM ledger_transfers WHERE debit_account_id = $1" +
                            where + " UNION ALL SELECT " + cols + " FROM ledger_transfers WHERE credit_account_id = $1" +
                            where + ") AS h ORDER BY seq LIMIT $5";
    return store::query_as(tx, sql, {account_id, from_ms, to_ms, after_seq, limit}, transfer_from);
}

Result<int64_t> count_expired(store::Tx& tx) {
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT COUNT(*) AS n FROM ledger_pending WHERE state = 'expired'"));
    return rows[0].i64("n");
}

Result<int64_t> last_transfer_seq(store::Tx& tx) {
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT value FROM ledger_counters WHERE name = 'transfer_seq'"));
    if (rows.empty()) return fail(ErrorCode::internal, "ledger_counters has no transfer_seq");
    return rows[0].i64("value");
}

Result<void> set_last_transfer_seq(store::Tx& tx, int64_t seq) {
    KL_TRY(tx.execute("UPDATE ledger_counters SET value = $1 WHERE name = 'transfer_seq'", {seq}));
    return ok();
}

Result<void> insert_transfers(store::Tx& tx, const std::vector<StoredTransfer>& transfers) {
    std::vector<store::Params> rows;
    rows.reserve(transfers.size());
    for (const auto& t : transfers) {
        rows.push_back({t.id, t.seq, t.debit_account_id, t.credit_account_id, t.amount, t.pending_id, t.ledger, t.code,
                        t.flags, t.timeout_s, t.user_data, t.created_ms});
    }
    return store::insert_param_rows(tx, "INSERT INTO ledger_transfers (" + std::string(transfer_columns) + ")", "", 12, rows);
}

Result<void> insert_failures(store::Tx& tx, const std::vector<std::pair<std::string, FailedRecord>>& failures,
                             int64_t now_ms) {
    std::vector<store::Params> rows;
    for (const auto& [id, record] : failures) rows.push_back({id, record.body_hash, std::string(to_string(record.result)), now_ms});
    return store::insert_param_rows(tx, "INSERT INTO ledger_failed_transfers (id, body_hash, result, created_ms)", "", 4, rows);
}

Result<void> upsert_pendings(store::Tx& tx, const std::vector<PendingRecord>& pendings) {
    std::vector<store::Params> rows;
    for (const auto& p : pendings) {
        rows.push_back({p.transfer_id, std::string(to_string(p.state)), p.expires_ms, p.resolved_by, p.resolved_ms});
    }
    return store::insert_param_rows(tx, "INSERT INTO ledger_pending (" + std::string(pending_columns) + ")",
                       "ON CONFLICT (transfer_id) DO UPDATE SET state = excluded.state, expires_ms = excluded.expires_ms, "
                       "resolved_by = excluded.resolved_by, resolved_ms = excluded.resolved_ms",
                       5, rows);
}

Result<void> upsert_accounts(store::Tx& tx, const std::vector<Account>& accounts) {
    std::vector<store::Params> rows;
    for (const auto& a : accounts) {
        rows.push_back({a.id, a.ledger, a.code, a.flags, a.name, a.user_data, a.debits_pending, a.debits_posted,
                        a.credits_pending, a.credits_posted, a.created_ms});
    }
    return store::insert_param_rows(tx, "INSERT INTO ledger_accounts (" + std::string(account_columns) + ")",
                       "ON CONFLICT (id) DO UPDATE SET flags = excluded.flags, debits_pending = excluded.debits_pending, "
                       "debits_posted = excluded.debits_posted, credits_pending = excluded.credits_pending, "
                       "credits_posted = excluded.credits_posted",
                       11, rows);
}

Result<std::vector<Account>> all_accounts(store::Tx& tx) {
    return store::query_as(tx, "SELECT " + std::string(account_columns) + " FROM ledger_accounts ORDER BY id", {}, account_from);
}

Result<std::vector<StoredTransfer>> all_transfers(store::Tx& tx) {
    return store::query_as(tx, "SELECT " + std::string(transfer_columns) + " FROM ledger_transfers ORDER BY seq", {},
                           transfer_from);
}

Result<std::vector<StoredTransfer>> list_transfers(store::Tx& tx, const TransferListQuery& query) {
    store::SqlQuery filter;
    filter.where("created_ms", query.from_ms, ">=").where("created_ms", query.to_ms, "<");
    if (query.ledger) filter.where("ledger", *query.ledger);
    if (query.code) filter.where("code", *query.code);
    if (query.flags_set != 0) filter.where_text("(flags & " + filter.bind(query.flags_set) + ") = " + filter.bind(query.flags_set));
    if (query.before_seq) filter.where("seq", *query.before_seq, "<");
    if (query.any_account_ids) {
        if (query.any_account_ids->empty()) return std::vector<StoredTransfer>{};
        const std::string ids = filter.bind_list(*query.any_account_ids);
        filter.where_text("(debit_account_id IN (" + ids + ") OR credit_account_id IN (" + ids + "))");
    }
    const std::string cols(transfer_columns);
    std::string from = "ledger_transfers";
    if (query.account_id) {
        // Two index range scans (debit side, credit side) rather than one OR that neither index
        // serves; a transfer never has one account on both sides, so nothing comes twice.
        const std::string account = filter.bind(*query.account_id);
        from = "(SELECT " + cols + " FROM ledger_transfers WHERE debit_account_id = " + account + " UNION ALL SELECT " +
               cols + " FROM ledger_transfers WHERE credit_account_id = " + account + ") AS t";
    }
    const int64_t rows_max = store::page_rows_to_fetch(query.limit);
    const std::string sql = "SELECT " + cols + " FROM " + from + " WHERE " + filter.condition() +
                            " ORDER BY seq DESC LIMIT " + filter.bind(rows_max);
    return store::query_as(tx, sql, filter.params(), transfer_from);
}

Result<std::vector<PendingRecord>> all_pendings(store::Tx& tx) {
    return store::query_as(tx, "SELECT " + std::string(pending_columns) + " FROM ledger_pending", {}, pending_from);
}

Result<std::vector<AuditedRecord>> audited_records(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT seq, record_type, record_id, body_hash FROM audit_events WHERE record_type IN "
                                             "('ledger.transfer', 'ledger.account', 'ledger.pending') ORDER BY seq"));
    std::vector<AuditedRecord> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back(AuditedRecord{row.i64("seq"), row.text("record_type"), row.text("record_id"), row.text("body_hash")});
    }
    return out;
}

}  // namespace kl::ledger::repo
