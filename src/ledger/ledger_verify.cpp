#include "ledger/ledger_verify.h"

#include <map>
#include <unordered_map>

#include "audit/sha256.h"
#include "ledger/ledger_repo.h"

namespace kl::ledger {

namespace {

namespace tf = transfer_flags;
namespace af = account_flags;

struct Totals {
    int64_t debits_pending = 0, debits_posted = 0, credits_pending = 0, credits_posted = 0;
};

struct AuditIndex {
    std::unordered_map<std::string, std::pair<int64_t, std::string>> transfers;  // id → (seq, body hash)
    std::unordered_map<std::string, std::pair<int64_t, std::string>> accounts;   // latest
    std::unordered_map<std::string, int64_t> expiries;
};

Result<AuditIndex> audit_index(store::Tx& tx) {
    AuditIndex index;
    KL_TRY_ASSIGN(std::vector<repo::AuditedRecord> records, repo::audited_records(tx));
    for (auto& record : records) {
        auto entry = std::make_pair(record.seq, std::move(record.body_hash));
        if (record.record_type == "ledger.transfer") index.transfers[record.record_id] = std::move(entry);
        else if (record.record_type == "ledger.account") index.accounts[record.record_id] = std::move(entry);
        else index.expiries[record.record_id] = entry.first;
    }
    return index;
}

std::string totals_text(const Totals& t) {
    return "debits_pending " + std::to_string(t.debits_pending) + ", debits_posted " + std::to_string(t.debits_posted) +
           ", credits_pending " + std::to_string(t.credits_pending) + ", credits_posted " + std::to_string(t.credits_posted);
}

// What verification has found so far.
class VerifyBreaks {
public:
    void add(std::string kind, int64_t seq, std::string type, std::string id, std::string detail) {
        breaks_.push_back(audit::Break{std::move(kind), seq, std::move(type), std::move(id), std::move(detail)});
    }
    std::vector<audit::Break> take() { return std::move(breaks_); }

private:
    std::vector<audit::Break> breaks_;
};

// The transfers by id, and the four totals each account should hold by its transfers.
struct Recomputed {
    std::unordered_map<std::string, StoredTransfer> transfers;
    std::map<std::string, Totals> totals;
};

// Phase 1: every transfer against its audit row, summed into its accounts' totals.
Recomputed verify_transfers(std::vector<StoredTransfer> rows, const std::unordered_map<std::string, PendingRecord>& pendings,
                            const AuditIndex& index, VerifyBreaks& breaks) {
    Recomputed out;
    for (auto& t : rows) {
        auto audited = index.transfers.find(t.id);
        if (audited == index.transfers.end()) {
            breaks.add("ledger.transfer_not_audited", 0, "ledger.transfer", t.id, "transfer row has no audit row");
        } else if (audit::sha256_hex(transfer_audit_body(t)) != audited->second.second) {
            breaks.add("ledger.transfer_altered", audited->second.first, "ledger.transfer", t.id,
                       "transfer row differs from the body audited at row " + std::to_string(audited->second.first) +
                           " (amount now " + std::to_string(t.amount) + ")");
        }
        Totals& dr = out.totals[t.debit_account_id];
        Totals& cr = out.totals[t.credit_account_id];
        if (t.has(tf::pending)) {
            auto p = pendings.find(t.id);
            if (p == pendings.end()) {
                breaks.add("ledger.pending_missing", 0, "ledger.transfer", t.id, "pending transfer has no pending state row");
            } else if (p->second.state == PendingState::pending) {
                dr.debits_pending += t.amount;
                cr.credits_pending += t.amount;
            }
        } else if (!t.has(tf::void_pending_transfer)) {
            dr.debits_posted += t.amount;
            cr.credits_posted += t.amount;
        }
        std::string id = t.id;
        out.transfers.emplace(std::move(id), std::move(t));
    }
    for (const auto& [id, audited] : index.transfers) {
        if (!out.transfers.count(id)) {
            breaks.add("ledger.transfer_missing", audited.first, "ledger.transfer", id, "audited transfer is not in the ledger");
        }
    }
    return out;
}

// Phase 2: pending states must be explained by the transfers and the audit trail.
void verify_pendings(const std::unordered_map<std::string, PendingRecord>& pendings,
                     const std::unordered_map<std::string, StoredTransfer>& transfers, const AuditIndex& index,
                     VerifyBreaks& breaks) {
    for (const auto& [id, p] : pendings) {
        auto resolver = transfers.find(p.resolved_by);
        const bool resolved_ok = resolver != transfers.end() && resolver->second.pending_id == id;
        std::string problem;
        if (!transfers.count(id)) problem = "state row for a transfer that does not exist";
        else if (p.state == PendingState::posted && !(resolved_ok && resolver->second.has(tf::post_pending_transfer)))
            problem = "posted, but no post transfer resolves it";
        else if (p.state == PendingState::voided && !(resolved_ok && resolver->second.has(tf::void_pending_transfer)))
            problem = "voided, but no void transfer resolves it";
        else if (p.state == PendingState::expired && !index.expiries.count(id)) problem = "expired, but no audit row says so";
        else if (p.state == PendingState::pending && (!p.resolved_by.empty() || index.expiries.count(id)))
            problem = "still pending, but it was resolved";
        if (!problem.empty()) breaks.add("ledger.pending_state", 0, "ledger.pending", id, problem);
    }
}

// One account's flags: at zero when zero_balance, within its debit/credit limit.
void verify_account_flags(const Account& a, const Totals& have, VerifyBreaks& breaks) {
    if (a.has(af::zero_balance) && (have.debits_posted != have.credits_posted || have.debits_pending != have.credits_pending))
        breaks.add("ledger.zero_balance", 0, "ledger.account", a.id, "zero-balance account " + a.name + " is not at zero: " + totals_text(have));
    if (a.has(af::debits_must_not_exceed_credits) && have.debits_posted + have.debits_pending > have.credits_posted)
        breaks.add("ledger.limit", 0, "ledger.account", a.id, "debits exceed credits on " + a.name);
    if (a.has(af::credits_must_not_exceed_debits) && have.credits_posted + have.credits_pending > have.debits_posted)
        breaks.add("ledger.limit", 0, "ledger.account", a.id, "credits exceed debits on " + a.name);
}

// Phase 3: every account's totals against its transfers, its flags, its audit row; the totals per
// ledger. Accounts the transfers name but that do not exist are reported.
std::map<std::string, Totals> verify_accounts(const std::vector<Account>& accounts, std::map<std::string, Totals> recomputed,
                                              const AuditIndex& index, VerifyBreaks& breaks) {
    std::map<std::string, Totals> per_ledger;
    for (const Account& a : accounts) {
        const Totals want = recomputed.count(a.id) ? recomputed[a.id] : Totals{};
        const Totals have{a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted};
        if (want.debits_pending != have.debits_pending || want.debits_posted != have.debits_posted ||
            want.credits_pending != have.credits_pending || want.credits_posted != have.credits_posted) {
            breaks.add("ledger.account_totals", 0, "ledger.account", a.id,
                       "account " + a.name + " holds " + totals_text(have) + "; its transfers sum to " + totals_text(want));
        }
        Totals& l = per_ledger[a.ledger];
        l.debits_pending += have.debits_pending;
        l.debits_posted += have.debits_posted;
        l.credits_pending += have.credits_pending;
        l.credits_posted += have.credits_posted;
        verify_account_flags(a, have, breaks);
        auto audited = index.accounts.find(a.id);
        if (audited == index.accounts.end()) {
            breaks.add("ledger.account_not_audited", 0, "ledger.account", a.id, "account row has no audit row");
        } else if (audit::sha256_hex(account_audit_body(a)) != audited->second.second) {
            breaks.add("ledger.account_altered", audited->second.first, "ledger.account", a.id,
                       "account fields or flags differ from the body audited at row " + std::to_string(audited->second.first));
        }
        recomputed.erase(a.id);
    }
    for (const auto& [id, totals] : recomputed) {
        breaks.add("ledger.account_missing", 0, "ledger.account", id, "transfers name an account that does not exist");
    }
    return per_ledger;
}

}  // namespace

Result<std::vector<audit::Break>> verify_ledger(store::Tx& tx, int64_t* account_count, int64_t* transfer_count) {
    VerifyBreaks breaks;
    KL_TRY_ASSIGN(AuditIndex index, audit_index(tx));
    KL_TRY_ASSIGN(std::vector<Account> accounts, repo::all_accounts(tx));
    KL_TRY_ASSIGN(std::vector<StoredTransfer> transfer_rows, repo::all_transfers(tx));
    KL_TRY_ASSIGN(std::vector<PendingRecord> pending_rows, repo::all_pendings(tx));
    std::unordered_map<std::string, PendingRecord> pendings;
    for (auto& p : pending_rows) {
        std::string id = p.transfer_id;
        pendings[std::move(id)] = std::move(p);
    }
    const auto transfers_seen = static_cast<int64_t>(transfer_rows.size());
    Recomputed recomputed = verify_transfers(std::move(transfer_rows), pendings, index, breaks);
    verify_pendings(pendings, recomputed.transfers, index, breaks);
    const std::map<std::string, Totals> per_ledger = verify_accounts(accounts, std::move(recomputed.totals), index, breaks);
    for (const auto& [ledger, t] : per_ledger) {
        if (t.debits_posted != t.credits_posted || t.debits_pending != t.credits_pending)
            breaks.add("ledger.unbalanced", 0, "ledger", ledger, "ledger " + ledger + " does not balance: " + totals_text(t));
    }
    if (account_count) *account_count = static_cast<int64_t>(accounts.size());
    if (transfer_count) *transfer_count = transfers_seen;
    return breaks.take();
}

Result<VerifyReport> verify_all(store::Tx& tx, audit::AuditTrail& trail, const audit::Anchors* anchors) {
    VerifyReport report;
    KL_TRY_ASSIGN(report.chain, trail.verify_chain(tx, anchors));
    KL_TRY_ASSIGN(report.ledger_breaks, verify_ledger(tx, &report.accounts, &report.transfers));
    return report;
}

}  // namespace kl::ledger
