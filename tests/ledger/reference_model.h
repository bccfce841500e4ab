#pragma once
// A deliberately simple second implementation of the ledger's rules (pgledger's oracle model,
// TigerBeetle's Auditor): whole-state copies instead of an undo journal, plain maps, no SQL. The
// randomized workload runs every batch through the real service and through this model and
// demands the same result for every transfer and the same totals for every account.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger_types.h"

namespace kl::ledger::testing {

class ReferenceModel {
public:
    struct Totals {
        int64_t dp = 0, dq = 0, cp = 0, cq = 0;  // debits posted/pending, credits posted/pending
        bool operator==(const Totals&) const = default;
    };
    struct Acct {
        int64_t flags = 0;
        Totals t;
    };
    struct Xfer {
        Transfer asked;
        int64_t amount = 0;
        std::string state;  // "", pending, posted, voided, expired
        int64_t expires_ms = 0;
        std::string debit, credit;
    };
    struct State {
        std::map<std::string, Acct> accounts;
        std::map<std::string, Xfer> transfers;
        std::map<std::string, std::pair<Transfer, TransferResult>> failed;
    };

    void add_account(const std::string& id, int64_t flags) { s_.accounts[id] = Acct{flags, {}}; }
    const State& state() const { return s_; }

    void expire(int64_t now_ms) {
        for (auto& [id, x] : s_.transfers) {
            if (x.state == "pending" && x.expires_ms != 0 && x.expires_ms <= now_ms) {
                x.state = "expired";
                s_.accounts[x.debit].t.dq -= x.amount;
                s_.accounts[x.credit].t.cq -= x.amount;
            }
        }
    }

    std::vector<TransferResult> apply(const std::vector<Transfer>& batch, int64_t now_ms) {
        expire(now_ms);
        std::vector<TransferResult> out(batch.size());
        size_t start = 0;
        State before = s_;
        std::optional<size_t> failed;
        for (size_t i = 0; i < batch.size(); ++i) {
            if (i == start) {
                before = s_;
                failed.reset();
            }
            const bool linked = (batch[i].flags & transfer_flags::linked) != 0;
            if (linked && i + 1 == batch.size()) {
                out[i] = TransferResult::linked_event_chain_open;
                if (!failed) failed = i;
            } else if (failed) {
                out[i] = TransferResult::linked_event_failed;
            } else {
                out[i] = one(batch[i], now_ms);
                if (out[i] != TransferResult::ok && out[i] != TransferResult::exists) failed = i;
            }
            if (linked && i + 1 < batch.size()) continue;
            if (!failed) {
                for (const auto& [id, a] : s_.accounts) {
                    const bool touched = !(before.accounts[id].t == a.t);
                    if (touched && (a.flags & account_flags::zero_balance) && (a.t.dp != a.t.cp || a.t.dq != a.t.cq)) {
                        failed = i;
                        out[i] = TransferResult::zero_balance_account_not_zero;
                        break;
                    }
                }
            }
            if (failed) {
                const auto remembered = s_.failed;
                s_ = before;
                s_.failed = remembered;
                for (size_t k = start; k <= i; ++k) {
                    if (k != *failed && out[k] != TransferResult::linked_event_chain_open) out[k] = TransferResult::linked_event_failed;
                }
                if (is_remembered_failure(out[*failed]) && !s_.failed.count(batch[*failed].id))
                    s_.failed[batch[*failed].id] = {batch[*failed], out[*failed]};
            }
            start = i + 1;
        }
        return out;
    }

private:
    TransferResult one(const Transfer& t, int64_t now_ms) {
        using R = TransferResult;
        if (auto it = s_.transfers.find(t.id); it != s_.transfers.end()) {
            const Transfer& a = it->second.asked;
            if (a.flags != t.flags) return R::exists_with_different_flags;
            if (a.debit_account_id != t.debit_account_id) return R::exists_with_different_debit_account_id;
            if (a.credit_account_id != t.credit_account_id) return R::exists_with_different_credit_account_id;
            if (a.amount != t.amount) return R::exists_with_different_amount;
            return R::exists;
        }
        if (auto it = s_.failed.find(t.id); it != s_.failed.end()) {
            const Transfer& a = it->second.first;
            const bool same = a.flags == t.flags && a.amount == t.amount && a.debit_account_id == t.debit_account_id &&
                              a.credit_account_id == t.credit_account_id && a.pending_id == t.pending_id &&
                              a.timeout_s == t.timeout_s;
            return same ? it->second.second : R::id_already_failed;
        }
        const bool post = t.flags & transfer_flags::post_pending_transfer, voiding = t.flags & transfer_flags::void_pending_transfer;
        if (post || voiding) {
            auto it = s_.transfers.find(t.pending_id);
            if (it == s_.transfers.end()) return R::pending_transfer_not_found;
            Xfer& p = it->second;
            if (p.state.empty()) return R::pending_transfer_not_pending;
            const int64_t amount = t.amount == 0 ? p.amount : t.amount;
            if (post && amount > p.amount) return R::exceeds_pending_transfer_amount;
            if (voiding && amount != p.amount) return R::pending_transfer_has_different_amount;
            if (p.state == "posted") return R::pending_transfer_already_posted;
            if (p.state == "voided") return R::pending_transfer_already_voided;
            if (p.state == "expired") return R::pending_transfer_expired;
            s_.accounts[p.debit].t.dq -= p.amount;
            s_.accounts[p.credit].t.cq -= p.amount;
            if (post) {
                s_.accounts[p.debit].t.dp += amount;
                s_.accounts[p.credit].t.cp += amount;
            }
            p.state = post ? "posted" : "voided";
            s_.transfers[t.id] = Xfer{t, amount, "", 0, p.debit, p.credit};
            return R::ok;
        }
        Acct& dr = s_.accounts.at(t.debit_account_id);
        Acct& cr = s_.accounts.at(t.credit_account_id);
        if ((dr.flags & account_flags::debits_must_not_exceed_credits) && dr.t.dp + dr.t.dq + t.amount > dr.t.cp) return R::exceeds_credits;
        if ((cr.flags & account_flags::credits_must_not_exceed_debits) && cr.t.cp + cr.t.cq + t.amount > cr.t.dp) return R::exceeds_debits;
        const bool pending = t.flags & transfer_flags::pending;
        if (pending) {
            dr.t.dq += t.amount;
            cr.t.cq += t.amount;
        } else {
            dr.t.dp += t.amount;
            cr.t.cp += t.amount;
        }
        s_.transfers[t.id] = Xfer{t, t.amount, pending ? "pending" : "", pending && t.timeout_s ? now_ms + t.timeout_s * 1000 : 0,
                                  t.debit_account_id, t.credit_account_id};
        return R::ok;
    }

    State s_;
};

}  // namespace kl::ledger::testing
