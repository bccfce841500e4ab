#include "ledger/ledger_engine.h"

#include <algorithm>
#include <map>
#include <optional>

#include "audit/sha256.h"
#include "core/assert.h"

namespace kl::ledger {

namespace {

using R = TransferResult;
namespace tf = transfer_flags;
namespace af = account_flags;

// What a chain changed, so a failing chain can be undone exactly.
struct Journal {
    std::map<std::string, Account> accounts;                     // value before the chain's first touch
    std::map<std::string, std::optional<PendingRecord>> pendings;
    std::vector<std::string> created_ids;
    size_t created_before = 0;
    int64_t seq_before = 0;
    std::set<std::string> touched;                               // accounts the chain moved money on

    void save(EngineState& state, const std::string& account_id) {
        touched.insert(account_id);
        if (!accounts.count(account_id)) accounts.emplace(account_id, state.accounts.at(account_id));
    }
    void save_pending(EngineState& state, const std::string& id) {
        if (pendings.count(id)) return;
        auto it = state.pendings.find(id);
        pendings.emplace(id, it == state.pendings.end() ? std::nullopt : std::optional<PendingRecord>(it->second));
    }
    void undo(EngineState& state, BatchEffects& effects) {
        for (auto& [id, account] : accounts) state.accounts[id] = account;
        for (auto& [id, pending] : pendings) {
            if (pending) state.pendings[id] = *pending;
            else state.pendings.erase(id);
        }
        for (const auto& id : created_ids) state.transfers.erase(id);
        effects.created.resize(created_before);
        state.last_seq = seq_before;
    }
};

bool add_overflows(int64_t a, int64_t b, int64_t c = 0) {
    int64_t sum = 0;
    return __builtin_add_overflow(a, b, &sum) || __builtin_add_overflow(sum, c, &sum);
}

int popcount(int64_t v) { return __builtin_popcountll(static_cast<unsigned long long>(v)); }

// The stored transfer equals the request, field by field, in TigerBeetle's order of reporting.
R compare_existing(const StoredTransfer& stored, const Transfer& asked) {
    const bool resolving = asked.has(tf::post_pending_transfer) || asked.has(tf::void_pending_transfer);
    if (stored.flags != asked.flags) return R::exists_with_different_flags;
    if (stored.pending_id != (asked.pending_id.empty() ? zero_id() : asked.pending_id)) return R::exists_with_different_pending_id;
    if (stored.timeout_s != asked.timeout_s) return R::exists_with_different_timeout;
    if (!(resolving && is_zero_id(asked.debit_account_id)) && stored.debit_account_id != asked.debit_account_id)
        return R::exists_with_different_debit_account_id;
    if (!(resolving && is_zero_id(asked.credit_account_id)) && stored.credit_account_id != asked.credit_account_id)
        return R::exists_with_different_credit_account_id;
    const bool balancing = asked.has(tf::balancing_debit) || asked.has(tf::balancing_credit);
    const bool amount_same = balancing ? (asked.amount == 0 || stored.amount <= asked.amount)
                                       : (resolving && asked.amount == 0) || stored.amount == asked.amount;
    if (!amount_same) return R::exists_with_different_amount;
    if (stored.user_data != asked.user_data) return R::exists_with_different_user_data;
    if (!(resolving && asked.ledger.empty()) && stored.ledger != asked.ledger) return R::exists_with_different_ledger;
    if (!(resolving && asked.code == 0) && stored.code != asked.code) return R::exists_with_different_code;
    return R::exists;
}

// Checks that need nothing but the request itself.
R validate_shape(const Transfer& t) {
    if (is_zero_id(t.id)) return R::id_must_not_be_zero;
    const bool post = t.has(tf::post_pending_transfer), voiding = t.has(tf::void_pending_transfer);
    const bool balancing = t.has(tf::balancing_debit) || t.has(tf::balancing_credit);
    if (popcount(t.flags & (tf::pending | tf::post_pending_transfer | tf::void_pending_transfer)) > 1 ||
        ((post || voiding) && balancing))
        return R::flags_are_mutually_exclusive;
    if (post || voiding) {
        if (is_zero_id(t.pending_id)) return R::pending_id_must_not_be_zero;
        if (t.pending_id == t.id) return R::pending_id_must_be_different;
        if (t.timeout_s != 0) return R::timeout_reserved_for_pending_transfer;
        return R::ok;
    }
    if (is_zero_id(t.debit_account_id)) return R::debit_account_id_must_not_be_zero;
    if (is_zero_id(t.credit_account_id)) return R::credit_account_id_must_not_be_zero;
    if (t.debit_account_id == t.credit_account_id) return R::accounts_must_be_different;
    if (!is_zero_id(t.pending_id)) return R::pending_id_must_be_zero;
    if (!t.has(tf::pending) && t.timeout_s != 0) return R::timeout_reserved_for_pending_transfer;
    if (t.amount == 0 && !balancing) return R::amount_must_not_be_zero;
    if (!is_ledger_name(t.ledger)) return R::ledger_must_be_valid;
    if (t.code == 0) return R::code_must_not_be_zero;
    return R::ok;
}

R check_accounts(const EngineState& state, const std::string& debit_id, const std::string& credit_id,
                 const std::string& ledger) {
    auto dr = state.accounts.find(debit_id);
    if (dr == state.accounts.end()) return R::debit_account_not_found;
    auto cr = state.accounts.find(credit_id);
    if (cr == state.accounts.end()) return R::credit_account_not_found;
    if (dr->second.ledger != cr->second.ledger) return R::accounts_must_have_the_same_ledger;
    if (dr->second.ledger != ledger) return R::transfer_must_have_the_same_ledger_as_accounts;
    if (dr->second.has(af::closed)) return R::debit_account_closed;
    if (cr->second.has(af::closed)) return R::credit_account_closed;
    return R::ok;
}

// A new pending or posted transfer: limits, then the totals.
R apply_new(EngineState& state, const Transfer& t, int64_t now_ms, Journal& journal, int64_t& amount) {
    if (auto r = check_accounts(state, t.debit_account_id, t.credit_account_id, t.ledger); r != R::ok) return r;
    Account& dr = state.accounts.at(t.debit_account_id);
    Account& cr = state.accounts.at(t.credit_account_id);
    amount = t.amount == 0 ? amount_max : t.amount;
    if (t.has(tf::balancing_debit)) {
        amount = std::min(amount, dr.credits_posted - dr.debits_posted - dr.debits_pending);
        if (amount <= 0) return R::exceeds_credits;
    }
    if (t.has(tf::balancing_credit)) {
        amount = std::min(amount, cr.debits_posted - cr.credits_posted - cr.credits_pending);
        if (amount <= 0) return R::exceeds_debits;
    }
    if (add_overflows(dr.debits_pending, dr.debits_posted, amount)) return R::overflows_debits;
    if (add_overflows(cr.credits_pending, cr.credits_posted, amount)) return R::overflows_credits;
    if (dr.has(af::debits_must_not_exceed_credits) && dr.debits_pending + dr.debits_posted + amount > dr.credits_posted)
        return R::exceeds_credits;
    if (cr.has(af::credits_must_not_exceed_debits) && cr.credits_pending + cr.credits_posted + amount > cr.debits_posted)
        return R::exceeds_debits;
    journal.save(state, dr.id);
    journal.save(state, cr.id);
    if (t.has(tf::pending)) {
        dr.debits_pending += amount;
        cr.credits_pending += amount;
        journal.save_pending(state, t.id);
        state.pendings[t.id] = PendingRecord{t.id, PendingState::pending,
                                             t.timeout_s > 0 ? now_ms + t.timeout_s * 1000 : 0, "", 0};
    } else {
        dr.debits_posted += amount;
        cr.credits_posted += amount;
    }
    return R::ok;
}

// Post or void a pending transfer.
R apply_resolve(EngineState& state, const Transfer& t, int64_t now_ms, Journal& journal, StoredTransfer& out) {
    auto found = state.transfers.find(t.pending_id);
    if (found == state.transfers.end()) return R::pending_transfer_not_found;
    const StoredTransfer& p = found->second;
    if (!p.has(tf::pending)) return R::pending_transfer_not_pending;
    if (!is_zero_id(t.debit_account_id) && t.debit_account_id != p.debit_account_id)
        return R::pending_transfer_has_different_debit_account_id;
    if (!is_zero_id(t.credit_account_id) && t.credit_account_id != p.credit_account_id)
        return R::pending_transfer_has_different_credit_account_id;
    if (!t.ledger.empty() && t.ledger != p.ledger) return R::pending_transfer_has_different_ledger;
    if (t.code != 0 && t.code != p.code) return R::pending_transfer_has_different_code;
    const bool post = t.has(tf::post_pending_transfer);
    int64_t amount = t.amount == 0 ? p.amount : t.amount;
    if (post && amount > p.amount) return R::exceeds_pending_transfer_amount;
    if (!post && amount != p.amount) return R::pending_transfer_has_different_amount;
    const PendingRecord& record = state.pendings.at(p.id);
    if (record.state == PendingState::posted) return R::pending_transfer_already_posted;
    if (record.state == PendingState::voided) return R::pending_transfer_already_voided;
    if (record.state == PendingState::expired || (record.expires_ms != 0 && now_ms >= record.expires_ms))
        return R::pending_transfer_expired;
    // Closed accounts still release what they hold pending (a void), but take no new postings.
    if (post) {
        if (auto r = check_accounts(state, p.debit_account_id, p.credit_account_id, p.ledger); r != R::ok) return r;
    }
    Account& dr = state.accounts.at(p.debit_account_id);
    Account& cr = state.accounts.at(p.credit_account_id);
    journal.save(state, dr.id);
    journal.save(state, cr.id);
    journal.save_pending(state, p.id);
    dr.debits_pending -= p.amount;
    cr.credits_pending -= p.amount;
    if (post) {
        dr.debits_posted += amount;
        cr.credits_posted += amount;
    }
    PendingRecord& changed = state.pendings.at(p.id);
    changed.state = post ? PendingState::posted : PendingState::voided;
    changed.resolved_by = t.id;
    changed.resolved_ms = now_ms;
    out.debit_account_id = p.debit_account_id;
    out.credit_account_id = p.credit_account_id;
    out.ledger = p.ledger;
    out.code = p.code;
    out.amount = amount;
    return R::ok;
}

// One event; on ok, `created` holds the stored transfer (unless it existed).
R apply_one(EngineState& state, const Transfer& t, int64_t now_ms, Journal& journal, BatchEffects& effects,
            TransferOutcome& outcome) {
    if (is_zero_id(t.id)) return R::id_must_not_be_zero;
    if (auto it = state.transfers.find(t.id); it != state.transfers.end()) {
        outcome.amount = it->second.amount;
        return compare_existing(it->second, t);
    }
    if (auto it = state.failed.find(t.id); it != state.failed.end()) {
        if (it->second.body_hash != transfer_request_hash(t)) return R::id_already_failed;
        outcome.replayed = true;
        return it->second.result;
    }
    if (auto r = validate_shape(t); r != R::ok) return r;
    StoredTransfer stored;
    static_cast<Transfer&>(stored) = t;
    if (stored.pending_id.empty()) stored.pending_id = zero_id();
    stored.created_ms = now_ms;
    R result = R::ok;
    if (t.has(tf::post_pending_transfer) || t.has(tf::void_pending_transfer)) {
        result = apply_resolve(state, t, now_ms, journal, stored);
    } else {
        result = apply_new(state, t, now_ms, journal, stored.amount);
    }
    if (result != R::ok) return result;
    stored.seq = ++state.last_seq;
    outcome.amount = stored.amount;
    journal.created_ids.push_back(stored.id);
    state.transfers.emplace(stored.id, stored);
    effects.created.push_back(std::move(stored));
    return R::ok;
}

bool zero_balances_hold(const EngineState& state, const std::set<std::string>& touched) {
    for (const auto& id : touched) {
        const Account& account = state.accounts.at(id);
        if (!account.has(af::zero_balance)) continue;
        if (account.debits_posted != account.credits_posted || account.debits_pending != account.credits_pending)
            return false;
    }
    return true;
}

}  // namespace

std::string transfer_request_hash(const Transfer& t) {
    std::string text;
    for (const std::string* field : {&t.id, &t.debit_account_id, &t.credit_account_id, &t.pending_id, &t.ledger, &t.user_data}) {
        text += std::to_string(field->size()) + ":" + *field + "\n";
    }
    text += std::to_string(t.amount) + "\n" + std::to_string(t.code) + "\n" + std::to_string(t.flags) + "\n" +
            std::to_string(t.timeout_s) + "\n";
    return audit::sha256_hex(text);
}

BatchEffects apply_transfers(EngineState& state, const std::vector<Transfer>& batch, int64_t now_ms) {
    BatchEffects effects;
    effects.outcomes.resize(batch.size());
    size_t chain_start = 0;
    Journal journal;
    std::optional<size_t> failed_at;  // the event that failed the current chain
    for (size_t i = 0; i < batch.size(); ++i) {
        if (i == chain_start) {
            journal = Journal{};
            journal.created_before = effects.created.size();
            journal.seq_before = state.last_seq;
            failed_at.reset();
        }
        const Transfer& t = batch[i];
        TransferOutcome& outcome = effects.outcomes[i];
        outcome.id = t.id;
        const bool linked = t.has(tf::linked);
        if (linked && i + 1 == batch.size()) {
            outcome.result = R::linked_event_chain_open;
            if (!failed_at) failed_at = i;
        } else if (failed_at) {
            outcome.result = R::linked_event_failed;
        } else {
            outcome.result = apply_one(state, t, now_ms, journal, effects, outcome);
            if (!is_success(outcome.result)) failed_at = i;
        }
        const bool chain_ends = !linked || i + 1 == batch.size();
        if (!chain_ends) continue;
        if (!failed_at && !zero_balances_hold(state, journal.touched)) {
            failed_at = i;
            outcome.result = R::zero_balance_account_not_zero;
        }
        if (failed_at) {
            journal.undo(state, effects);
            for (size_t k = chain_start; k <= i; ++k) {
                TransferOutcome& other = effects.outcomes[k];
                if (k != *failed_at && other.result != R::linked_event_chain_open) other.result = R::linked_event_failed;
                other.amount = 0;
            }
            const TransferOutcome& failure = effects.outcomes[*failed_at];
            if (is_remembered_failure(failure.result) && !failure.replayed) {
                FailedRecord record{transfer_request_hash(batch[*failed_at]), failure.result};
                state.failed[batch[*failed_at].id] = record;
                effects.failures.emplace_back(batch[*failed_at].id, record);
            }
        } else {
            for (const auto& id : journal.touched) effects.accounts_changed.insert(id);
            for (const auto& [id, before] : journal.pendings) effects.pendings_changed.insert(id);
        }
        chain_start = i + 1;
    }
    return effects;
}

std::vector<std::string> expire_pendings(EngineState& state, const std::vector<std::string>& due_ids, int64_t now_ms,
                                         BatchEffects& effects) {
    std::vector<std::string> expired;
    for (const auto& id : due_ids) {
        auto record = state.pendings.find(id);
        auto transfer = state.transfers.find(id);
        if (record == state.pendings.end() || transfer == state.transfers.end()) continue;
        PendingRecord& pending = record->second;
        if (pending.state != PendingState::pending || pending.expires_ms == 0 || pending.expires_ms > now_ms) continue;
        const StoredTransfer& t = transfer->second;
        Account& dr = state.accounts.at(t.debit_account_id);
        Account& cr = state.accounts.at(t.credit_account_id);
        dr.debits_pending -= t.amount;
        cr.credits_pending -= t.amount;
        KL_ASSERT(dr.debits_pending >= 0 && cr.credits_pending >= 0);
        pending.state = PendingState::expired;
        pending.resolved_ms = now_ms;
        effects.accounts_changed.insert(dr.id);
        effects.accounts_changed.insert(cr.id);
        effects.pendings_changed.insert(id);
        expired.push_back(id);
    }
    return expired;
}

}  // namespace kl::ledger
