#include "ledger/ledger_service.h"

#include <algorithm>
#include <set>

#include "access/permissions.h"
#include "audit/canonical_json.h"
#include "ledger/ledger_engine.h"
#include "ledger/ledger_repo.h"
#include "store/sql.h"

namespace kl::ledger {

namespace {

using access::Role;
namespace af = account_flags;

// Key of the PostgreSQL advisory lock that serialises ledger batches across processes ("LEDG").
constexpr int64_t ledger_lock_key = 0x4c454447;

AccountResult validate_account(const NewAccount& a) {
    if (!is_id(a.id) || is_zero_id(a.id)) return AccountResult::id_must_not_be_zero;
    if ((a.flags & af::debits_must_not_exceed_credits) && (a.flags & af::credits_must_not_exceed_debits))
        return AccountResult::flags_are_mutually_exclusive;
    if ((a.flags & af::closed) || (a.flags & ~af::all)) return AccountResult::flags_reserved;
    if (!is_ledger_name(a.ledger)) return AccountResult::ledger_must_be_valid;
    if (a.code == 0) return AccountResult::code_must_not_be_zero;
    return AccountResult::ok;
}

AccountResult compare_account(const Account& stored, const NewAccount& a) {
    if ((stored.flags & ~af::closed) != a.flags) return AccountResult::exists_with_different_flags;
    if (stored.ledger != a.ledger) return AccountResult::exists_with_different_ledger;
    if (stored.code != a.code) return AccountResult::exists_with_different_code;
    if (stored.name != a.name) return AccountResult::exists_with_different_name;
    if (stored.user_data != a.user_data) return AccountResult::exists_with_different_user_data;
    return AccountResult::exists;
}

audit::AuditEvent account_event(const std::string& actor, const std::string& action, const Account& account) {
    return audit::AuditEvent{actor, action, "ledger.account", account.id, account_audit_body(account)};
}

}  // namespace


Result<void> require_ledger_read(const std::optional<access::Principal>& actor) {
    return access::require_role(actor, {Role::fund_officer, Role::auditor});
}

Result<void> require_ledger_write(const std::optional<access::Principal>& actor) {
    return access::require_role(actor, {Role::fund_officer});
}

LedgerService::LedgerService(store::Store& store, const Clock& clock, audit::AuditTrail& audit)
    : store_(store),
      clock_(clock),
      audit_(audit),
      combined_(
          store,
          [this](store::Tx& tx, const std::vector<const TransferRequest*>& requests)
              -> Result<std::vector<Result<std::vector<TransferOutcome>>>> {
              KL_TRY_ASSIGN(auto outcomes, create_transfers(tx, requests));
              std::vector<Result<std::vector<TransferOutcome>>> answers;
              answers.reserve(outcomes.size());
              for (auto& each : outcomes) answers.emplace_back(std::move(each));
              return answers;
          },
          [](const TransferRequest& request) { return request.transfers.size(); }, transfers_per_batch_max) {}

Result<void> LedgerService::lock(store::Tx& tx) {
    return store::lock_until_commit(tx, store_.backend(), ledger_lock_key);
}

Result<std::vector<AccountOutcome>> LedgerService::create_accounts(store::Tx& tx, const std::vector<NewAccount>& accounts,
                                                                   const std::string& actor) {
    KL_TRY(lock(tx));
    std::set<std::string> ids;
    for (const auto& a : accounts) ids.insert(a.id);
    std::unordered_map<std::string, Account> known;
    KL_TRY(repo::load_accounts(tx, ids, known));
    std::vector<AccountOutcome> outcomes;
    std::vector<Account> created;
    std::vector<audit::AuditEvent> events;
    const int64_t now_ms = clock_.now_ms();
    for (const auto& a : accounts) {
        AccountResult result = validate_account(a);
        if (result == AccountResult::ok) {
            if (auto it = known.find(a.id); it != known.end()) {
                result = compare_account(it->second, a);
            } else {
                Account account;
                account.id = a.id;
                account.ledger = a.ledger;
                account.code = a.code;
                account.flags = a.flags;
                account.name = a.name;
                account.user_data = a.user_data;
                account.created_ms = now_ms;
                known.emplace(a.id, account);
                created.push_back(account);
                events.push_back(account_event(actor, "ledger.account.create", account));
            }
        }
        outcomes.push_back(AccountOutcome{a.id, result});
    }
    KL_TRY(repo::upsert_accounts(tx, created));
    KL_TRY(audit_.append_many(tx, events));
    return outcomes;
}

namespace {

// Everything a batch names, read in a few queries.
Result<EngineState> load_state(store::Tx& tx, const std::vector<Transfer>& transfers, const std::vector<std::string>& due) {
    EngineState state;
    std::set<std::string> transfer_ids(due.begin(), due.end()), batch_ids, account_ids;
    for (const auto& t : transfers) {
        batch_ids.insert(t.id);
        transfer_ids.insert(t.id);
        if (!is_zero_id(t.pending_id)) transfer_ids.insert(t.pending_id);
        if (!is_zero_id(t.debit_account_id)) account_ids.insert(t.debit_account_id);
        if (!is_zero_id(t.credit_account_id)) account_ids.insert(t.credit_account_id);
    }
    KL_TRY(repo::load_transfers(tx, transfer_ids, state.transfers));
    KL_TRY(repo::load_failed(tx, batch_ids, state.failed));
    std::set<std::string> pending_ids;
    for (const auto& [id, t] : state.transfers) {
        if (t.has(transfer_flags::pending)) pending_ids.insert(id);
        account_ids.insert(t.debit_account_id);
        account_ids.insert(t.credit_account_id);
    }
    KL_TRY(repo::load_pendings(tx, pending_ids, state.pendings));
    KL_TRY(repo::load_accounts(tx, account_ids, state.accounts));
    KL_TRY_ASSIGN(state.last_seq, repo::last_transfer_seq(tx));
    return state;
}

}  // namespace

Result<std::vector<TransferOutcome>> LedgerService::create_transfers(store::Tx& tx, const std::vector<Transfer>& transfers,
                                                                     const std::string& actor) {
    const TransferRequest request{transfers, actor};
    KL_TRY_ASSIGN(auto outcomes, create_transfers(tx, std::vector<const TransferRequest*>{&request}));
    return std::move(outcomes.front());
}

Result<std::vector<std::vector<TransferOutcome>>> LedgerService::create_transfers(
    store::Tx& tx, const std::vector<const TransferRequest*>& requests) {
    // The requests end to end: the engine applies events in order and chains close inside each
    // request, so each request's slice of the outcomes is what it would have got alone, after the
    // ones before it.
    std::vector<Transfer> transfers;
    std::vector<const std::string*> actors;  // the actor of each transfer, for its audit row
    for (const TransferRequest* request : requests) {
        for (const Transfer& t : request->transfers) {
            transfers.push_back(t);
            actors.push_back(&request->actor);
        }
    }
    KL_ASSERT(!requests.empty());
    const std::string& first_actor = requests.front()->actor;  // expiries happen on the first request's watch

    KL_TRY(lock(tx));
    const int64_t now_ms = clock_.now_ms();
    KL_TRY_ASSIGN(auto due, repo::due_pending_ids(tx, now_ms, static_cast<int64_t>(transfers_per_batch_max)));
    KL_TRY_ASSIGN(EngineState state, load_state(tx, transfers, due));
    const int64_t seq_before = state.last_seq;
    BatchEffects expiry;
    const auto expired = expire_pendings(state, due, now_ms, expiry);
    BatchEffects effects = apply_transfers(state, transfers, now_ms);
    effects.accounts_changed.insert(expiry.accounts_changed.begin(), expiry.accounts_changed.end());
    effects.pendings_changed.insert(expiry.pendings_changed.begin(), expiry.pendings_changed.end());

    KL_TRY(repo::insert_transfers(tx, effects.created));
    KL_TRY(repo::insert_failures(tx, effects.failures, now_ms));
    std::vector<PendingRecord> pendings;
    for (const auto& id : effects.pendings_changed) {
        if (auto it = state.pendings.find(id); it != state.pendings.end()) pendings.push_back(it->second);
    }
    KL_TRY(repo::upsert_pendings(tx, pendings));
    std::vector<Account> accounts;
    for (const auto& id : effects.accounts_changed) accounts.push_back(state.accounts.at(id));
    KL_TRY(repo::upsert_accounts(tx, accounts));
    if (state.last_seq != seq_before) KL_TRY(repo::set_last_transfer_seq(tx, state.last_seq));

    std::vector<audit::AuditEvent> events;
    events.reserve(expired.size() + effects.created.size());
    for (const auto& id : expired) {
        audit::CanonicalJson body;
        body.add("id", id).add("expired_ms", now_ms);
        events.push_back(audit::AuditEvent{first_actor, "ledger.transfer.expire", "ledger.pending", id, body.str()});
    }
    // effects.created holds the transfers whose outcome is ok, in the batch's order: each one's
    // actor is its request's.
    size_t created = 0;
    for (size_t index = 0; index < transfers.size(); ++index) {
        if (effects.outcomes[index].result != TransferResult::ok) continue;
        KL_ASSERT(created < effects.created.size() && effects.created[created].id == transfers[index].id);
        const StoredTransfer& t = effects.created[created++];
        events.push_back(audit::AuditEvent{*actors[index], "ledger.transfer.create", "ledger.transfer", t.id, transfer_audit_body(t)});
    }
    KL_ASSERT(created == effects.created.size());
    KL_TRY(audit_.append_many(tx, events));

    std::vector<std::vector<TransferOutcome>> out;
    out.reserve(requests.size());
    auto next = effects.outcomes.begin();
    for (const TransferRequest* request : requests) {
        const auto end = next + static_cast<std::ptrdiff_t>(request->transfers.size());
        out.emplace_back(std::make_move_iterator(next), std::make_move_iterator(end));
        next = end;
    }
    return out;
}

Result<int64_t> LedgerService::expire_due(store::Tx& tx, const std::string& actor) {
    KL_TRY_ASSIGN(int64_t before, repo::count_expired(tx));
    KL_TRY(create_transfers(tx, {}, actor));
    KL_TRY_ASSIGN(int64_t after, repo::count_expired(tx));
    return after - before;
}

Result<Account> LedgerService::close_account(store::Tx& tx, const std::string& account_id, const std::string& actor) {
    KL_TRY(lock(tx));
    KL_TRY_ASSIGN(auto found, find_account(tx, account_id));
    if (!found) return fail(ErrorCode::not_found, "account " + account_id + " does not exist");
    Account account = *found;
    if (account.has(af::closed)) return account;
    if (account.debits_pending != 0 || account.credits_pending != 0)
        return fail(ErrorCode::failed_precondition, "account " + account.name + " has pending transfers");
    if (account.debits_posted != account.credits_posted)
        return fail(ErrorCode::failed_precondition, "account " + account.name + " is not at zero");
    account.flags |= af::closed;
    KL_TRY(repo::upsert_accounts(tx, {account}));
    KL_TRY(audit_.append(tx, account_event(actor, "ledger.account.close", account)));
    return account;
}

Result<std::vector<Account>> LedgerService::lookup_accounts(store::Tx& tx, const std::vector<std::string>& ids) {
    std::unordered_map<std::string, Account> found;
    KL_TRY(repo::load_accounts(tx, std::set<std::string>(ids.begin(), ids.end()), found));
    std::vector<Account> out;
    for (const auto& id : ids) {
        if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    }
    return out;
}

Result<std::optional<Account>> LedgerService::find_account(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(auto accounts, lookup_accounts(tx, {id}));
    if (accounts.empty()) return std::optional<Account>();
    return std::optional<Account>(accounts.front());
}

Result<std::optional<TransferView>> LedgerService::find_transfer(store::Tx& tx, const std::string& id) {
    std::unordered_map<std::string, StoredTransfer> transfers;
    KL_TRY(repo::load_transfers(tx, {id}, transfers));
    if (transfers.empty()) return std::optional<TransferView>();
    TransferView view{transfers.begin()->second, std::nullopt};
    std::unordered_map<std::string, PendingRecord> pendings;
    KL_TRY(repo::load_pendings(tx, {id}, pendings));
    if (!pendings.empty()) view.pending = pendings.begin()->second;
    return std::optional<TransferView>(std::move(view));
}

Result<std::vector<Account>> LedgerService::list_accounts(store::Tx& tx, const AccountFilter& filter) {
    return repo::list_accounts(tx, filter.ledger, filter.after_id.value_or(""), std::clamp(filter.limit, 1, history_rows_max));
}

Result<std::vector<StoredTransfer>> LedgerService::history(store::Tx& tx, const HistoryQuery& query) {
    return repo::account_transfers(tx, query.account_id, query.from_ms, query.to_ms, query.after_seq.value_or(0),
                                   std::clamp(query.limit, 1, history_rows_max));
}

Result<std::vector<StoredTransfer>> LedgerService::list_transfers(store::Tx& tx, const TransferListQuery& query) {
    KL_ASSERT(query.limit >= 1 && query.limit <= history_rows_max);
    return repo::list_transfers(tx, query);
}

// ---- principal-facing ---------------------------------------------------------------------------

Result<std::vector<AccountOutcome>> LedgerService::create_accounts(const std::optional<access::Principal>& actor,
                                                                   const std::vector<NewAccount>& accounts) {
    KL_TRY(require_ledger_write(actor));
    return store_.write([&](store::Tx& tx) { return create_accounts(tx, accounts, actor_name(actor)); });
}

Result<std::vector<TransferOutcome>> LedgerService::create_transfers(const std::optional<access::Principal>& actor,
                                                                     const std::vector<Transfer>& transfers) {
    KL_TRY(require_ledger_write(actor));
    const bool combinable = !transfers.empty() && transfers.size() <= combined_request_transfers_max &&
                            !transfers.back().has(transfer_flags::linked);
    if (!combinable) {
        return store_.write([&](store::Tx& tx) { return create_transfers(tx, transfers, actor_name(actor)); });
    }
    return combined_.submit(TransferRequest{transfers, actor_name(actor)});
}

Result<Account> LedgerService::get_account(const std::optional<access::Principal>& actor, const std::string& id) {
    KL_TRY(require_ledger_read(actor));
    KL_TRY_ASSIGN(auto found, store_.read([&](store::Tx& tx) { return find_account(tx, id); }));
    if (!found) return fail(ErrorCode::not_found, "no account " + id);
    return *found;
}

Result<std::vector<Account>> LedgerService::list_accounts(const std::optional<access::Principal>& actor,
                                                          const AccountFilter& filter) {
    KL_TRY(require_ledger_read(actor));
    return store_.read([&](store::Tx& tx) { return list_accounts(tx, filter); });
}

Result<TransferView> LedgerService::get_transfer(const std::optional<access::Principal>& actor, const std::string& id) {
    KL_TRY(require_ledger_read(actor));
    KL_TRY_ASSIGN(auto found, store_.read([&](store::Tx& tx) { return find_transfer(tx, id); }));
    if (!found) return fail(ErrorCode::not_found, "no transfer " + id);
    return *found;
}

Result<std::vector<StoredTransfer>> LedgerService::history(const std::optional<access::Principal>& actor,
                                                           const HistoryQuery& query) {
    KL_TRY(require_ledger_read(actor));
    KL_TRY_ASSIGN(auto found, store_.read([&](store::Tx& tx) { return find_account(tx, query.account_id); }));
    if (!found) return fail(ErrorCode::not_found, "no account " + query.account_id);
    return store_.read([&](store::Tx& tx) { return history(tx, query); });
}

}  // namespace kl::ledger
