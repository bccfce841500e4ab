#pragma once
// The ledger over the store. Two layers:
//   - in a caller's transaction, no permission checks (the funds module builds on these):
//     create_accounts, create_transfers, close_account, expire_due, lookups;
//   - for people (the HTTP routes): the same under a principal, each in its own transaction.
//
// create_transfers is one transaction for the whole batch (up to transfers_per_batch_max): it reads
// what the batch names in a handful of `IN (…)` queries, applies the batch in memory
// (ledger_engine.h), and writes back with multi-row statements — new transfers, remembered
// failures, pending states and account totals (upserts) — plus the audit rows. The number of
// statements grows with the batch size / 400, not with the number of transfers.
//
// Who may do what (the rule table of access/permissions.h, for the ledger):
//   write (accounts, transfers, close)   fund_officer (and the command line)
//   read (accounts, balances, history)   fund_officer, auditor
//   everyone else                         nothing: county officers see their county's accounts through
//                                         the funds routes, which scope them.

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/result.h"
#include "ledger/ledger_types.h"
#include "store/store.h"
#include "store/write_coalescer.h"

namespace kl::ledger {

inline constexpr int history_rows_max = 200;
// A request of at most this many transfers (whose last one closes its chain) joins the requests
// arriving with it in one engine batch and one write job; larger ones amortise their job alone.
inline constexpr size_t combined_request_transfers_max = 64;

// One principal's request to create transfers: the unit the combined write answers.
struct TransferRequest {
    std::vector<Transfer> transfers;
    std::string actor;
};

struct AccountFilter {
    std::optional<std::string> ledger;
    std::optional<std::string> after_id;  // paging: ids sort in hex order
    int limit = 50;
};

struct HistoryQuery {
    std::string account_id;
    int64_t from_ms = 0;                 // inclusive
    int64_t to_ms = INT64_MAX;           // exclusive
    std::optional<int64_t> after_seq;    // paging
    int limit = 50;
};

struct TransferView {
    StoredTransfer transfer;
    std::optional<PendingRecord> pending;  // for pending transfers: their state now
};

using access::actor_name;  // the audit trail's name of the actor (access/principal.h)

class LedgerService {
public:
    LedgerService(store::Store& store, const Clock& clock, audit::AuditTrail& audit);

    // ---- inside a caller's transaction --------------------------------------------------------
    Result<std::vector<AccountOutcome>> create_accounts(store::Tx& tx, const std::vector<NewAccount>& accounts,
                                                        const std::string& actor);
    Result<std::vector<TransferOutcome>> create_transfers(store::Tx& tx, const std::vector<Transfer>& transfers,
                                                          const std::string& actor);
    // Several requests as one batch, each answered with its own outcomes exactly as if the requests
    // had run one after another (each request's chains must close inside it: its last transfer is
    // not linked, or it is the only request).
    Result<std::vector<std::vector<TransferOutcome>>> create_transfers(store::Tx& tx,
                                                                       const std::vector<const TransferRequest*>& requests);
    // Expires pending transfers whose timeout has passed on the ledger clock; returns how many.
    Result<int64_t> expire_due(store::Tx& tx, const std::string& actor);
    // Sets `closed`: failed_precondition unless the balance is zero and nothing is pending.
    Result<Account> close_account(store::Tx& tx, const std::string& account_id, const std::string& actor);
    Result<std::vector<Account>> lookup_accounts(store::Tx& tx, const std::vector<std::string>& ids);
    Result<std::optional<Account>> find_account(store::Tx& tx, const std::string& id);
    Result<std::optional<TransferView>> find_transfer(store::Tx& tx, const std::string& id);
    Result<std::vector<Account>> list_accounts(store::Tx& tx, const AccountFilter& filter);
    Result<std::vector<StoredTransfer>> history(store::Tx& tx, const HistoryQuery& query);
    // A page of every transfer, newest first: page_rows_to_fetch(query.limit) rows (store/page.h).
    Result<std::vector<StoredTransfer>> list_transfers(store::Tx& tx, const TransferListQuery& query);

    // ---- for a principal, each in its own transaction ------------------------------------------
    Result<std::vector<AccountOutcome>> create_accounts(const std::optional<access::Principal>& actor,
                                                        const std::vector<NewAccount>& accounts);
    // Small requests (combined_request_transfers_max) arriving together share one write job and one
    // engine batch (store/write_coalescer.h); each still gets its own outcomes.
    Result<std::vector<TransferOutcome>> create_transfers(const std::optional<access::Principal>& actor,
                                                          const std::vector<Transfer>& transfers);
    Result<Account> get_account(const std::optional<access::Principal>& actor, const std::string& id);
    Result<std::vector<Account>> list_accounts(const std::optional<access::Principal>& actor, const AccountFilter& filter);
    Result<TransferView> get_transfer(const std::optional<access::Principal>& actor, const std::string& id);
    Result<std::vector<StoredTransfer>> history(const std::optional<access::Principal>& actor, const HistoryQuery& query);

    store::Store& store() { return store_; }
    const Clock& clock() const { return clock_; }
    audit::AuditTrail& audit() { return audit_; }
    // Combined write jobs run for principals' transfer requests, and the requests they carried.
    store::WriteCoalescer<TransferRequest, std::vector<TransferOutcome>>::Stats combined_stats() const {
        return combined_.stats();
    }

private:
    Result<void> lock(store::Tx& tx);

    store::Store& store_;
    const Clock& clock_;
    audit::AuditTrail& audit_;
    store::WriteCoalescer<TransferRequest, std::vector<TransferOutcome>> combined_;
};

Result<void> require_ledger_read(const std::optional<access::Principal>& actor);
Result<void> require_ledger_write(const std::optional<access::Principal>& actor);

}  // namespace kl::ledger
