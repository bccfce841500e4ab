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
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT seq, record_type, record_id, body_hash FROM audit_events WHERE record_type IN "
                                      "('ledger.transfer', 'ledger.account', 'ledger.pending') ORDER BY seq"));
    for (const auto& row : rows) {
        const std::string type = row.text("record_type");
        auto entry = std::make_pair(row.i64("seq"), row.text("body_hash"));
        if (type == "ledger.transfer") index.transfers[row.text("record_id")] = entry;
        else if (type == "ledger.account") index.accounts[row.text("record_id")] = entry;
        else index.expiries[row.text("record_id")] = entry.first;
    }
    return index;
}

std::string totals_text(const Totals& t) {
    return "debits_pending " + std::to_string(t.debits_pending) + ", debits_posted " + std::to_string(t.debits_posted) +
           ", credits_pending " + std::to_string(t.credits_pending) + ", credits_posted " + std::to_string(t.credits_posted);
}

}  // namespace

Result<std::vector<audit::Break>> verify_ledger(store::Tx& tx, int64_t* account_count, int64_t* transfer_count) {
    std::vector<audit::Break> breaks;
    auto add = [&](std::string kind, int64_t seq, std::string type, std::string id, std::string detail) {
        breaks.push_back(audit::Break{std::move(kind), seq, std::move(type), std::move(id), std::move(detail)});
    };
    KL_TRY_ASSIGN(AuditIndex index, audit_index(tx));
    KL_TRY_ASSIGN(auto account_rows, tx.query("SELECT " + std::string(repo::account_columns) + " FROM ledger_accounts ORDER BY id"));
    KL_TRY_ASSIGN(auto transfer_rows, tx.query("SELECT " + std::string(repo::transfer_columns) + " FROM ledger_transfers ORDER BY seq"));
    KL_TRY_ASSIGN(auto pending_rows, tx.query("SELECT " + std::string(repo::pending_columns) + " FROM ledger_pending"));
    std::unordered_map<std::string, PendingRecord> pendings;
    for (const auto& row : pending_rows) {
        PendingRecord p = repo::pending_from(row);
        pendings[p.transfer_id] = p;
    }
    std::unordered_map<std::string, StoredTransfer> transfers;
    std::map<std::string, Totals> recomputed;
    for (const auto& row : transfer_rows) {
        StoredTransfer t = repo::transfer_from(row);
        auto audited = index.transfers.find(t.id);
        if (audited == index.transfers.end()) {
            add("ledger.transfer_not_audited", 0, "ledger.transfer", t.id, "transfer row has no audit row");
        } else if (audit::sha256_hex(transfer_audit_body(t)) != audited->second.second) {
            add("ledger.transfer_altered", audited->second.first, "ledger.transfer", t.id,
                "transfer row differs from the body audited at row " + std::to_string(audited->second.first) +
                    " (amount now " + std::to_string(t.amount) + ")");
        }
        Totals& dr = recomputed[t.debit_account_id];
        Totals& cr = recomputed[t.credit_account_id];
        if (t.has(tf::pending)) {
            auto p = pendings.find(t.id);
            if (p == pendings.end()) {
                add("ledger.pending_missing", 0, "ledger.transfer", t.id, "pending transfer has no pending state row");
            } else if (p->second.state == PendingState::pending) {
                dr.debits_pending += t.amount;
                cr.credits_pending += t.amount;
            }
        } else if (!t.has(tf::void_pending_transfer)) {
            dr.debits_posted += t.amount;
            cr.credits_posted += t.amount;
        }
        transfers.emplace(t.id, std::move(t));
    }
    for (const auto& [id, audited] : index.transfers) {
        if (!transfers.count(id)) add("ledger.transfer_missing", audited.first, "ledger.transfer", id, "audited transfer is not in the ledger");
    }
    // Pending states must be explained by the transfers and the audit trail.
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
        if (!problem.empty()) add("ledger.pending_state", 0, "ledger.pending", id, problem);
    }
    std::map<std::string, Totals> per_ledger;
    for (const auto& row : account_rows) {
        const Account a = repo::account_from(row);
        const Totals want = recomputed.count(a.id) ? recomputed[a.id] : Totals{};
        const Totals have{a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted};
        if (want.debits_pending != have.debits_pending || want.debits_posted != have.debits_posted ||
            want.credits_pending != have.credits_pending || want.credits_posted != have.credits_posted) {
            add("ledger.account_totals", 0, "ledger.account", a.id,
                "account " + a.name + " holds " + totals_text(have) + "; its transfers sum to " + totals_text(want));
        }
        Totals& l = per_ledger[a.ledger];
        l.debits_pending += have.debits_pending;
        l.debits_posted += have.debits_posted;
        l.credits_pending += have.credits_pending;
        l.credits_posted += have.credits_posted;
        if (a.has(af::zero_balance) && (have.debits_posted != have.credits_posted || have.debits_pending != have.credits_pending))
            add("ledger.zero_balance", 0, "ledger.account", a.id, "zero-balance account " + a.name + " is not at zero: " + totals_text(have));
        if (a.has(af::debits_must_not_exceed_credits) && have.debits_posted + have.debits_pending > have.credits_posted)
            add("ledger.limit", 0, "ledger.account", a.id, "debits exceed credits on " + a.name);
        if (a.has(af::credits_must_not_exceed_debits) && have.credits_posted + have.credits_pending > have.debits_posted)
            add("ledger.limit", 0, "ledger.account", a.id, "credits exceed debits on " + a.name);
        auto audited = index.accounts.find(a.id);
        if (audited == index.accounts.end()) {
            add("ledger.account_not_audited", 0, "ledger.account", a.id, "account row has no audit row");
        } else if (audit::sha256_hex(account_audit_body(a)) != audited->second.second) {
            add("ledger.account_altered", audited->second.first, "ledger.account", a.id,
                "account fields or flags differ from the body audited at row " + std::to_string(audited->second.first));
        }
        recomputed.erase(a.id);
    }
    for (const auto& [id, totals] : recomputed) {
        add("ledger.account_missing", 0, "ledger.account", id, "transfers name an account that does not exist");
    }
    for (const auto& [ledger, t] : per_ledger) {
        if (t.debits_posted != t.credits_posted || t.debits_pending != t.credits_pending)
            add("ledger.unbalanced", 0, "ledger", ledger, "ledger " + ledger + " does not balance: " + totals_text(t));
    }
    if (account_count) *account_count = static_cast<int64_t>(account_rows.size());
    if (transfer_count) *transfer_count = static_cast<int64_t>(transfer_rows.size());
    return breaks;
}

Result<VerifyReport> verify_all(store::Tx& tx, audit::AuditTrail& trail, const audit::Anchors* anchors) {
    VerifyReport report;
    KL_TRY_ASSIGN(report.chain, trail.verify_chain(tx, anchors));
    KL_TRY_ASSIGN(report.ledger_breaks, verify_ledger(tx, &report.accounts, &report.transfers));
    return report;
}

}  // namespace kl::ledger
