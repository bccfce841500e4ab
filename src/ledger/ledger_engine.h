#pragma once
// The deterministic core that applies a batch of transfers to accounts held in memory: no SQL, no
// clock of its own (funds-anchors: "keep all balance rules inside a deterministic core that applies
// batches"). The service loads what a batch names, runs the engine, and writes back what changed in
// a few multi-row statements; the randomized workload test checks the engine's answers against a
// separate reference model.
//
// Semantics (TigerBeetle's create_transfers):
//   - events apply in order; each sees the effects of the ones before it;
//   - a run of events with `linked` set, up to and including the first without it, is a chain: all
//     of it applies or none of it does; the failing event gets its own result, the rest of the
//     chain linked_event_failed; a batch that ends inside a chain fails that chain
//     (linked_event_chain_open);
//   - after every chain (a lone event is a chain of one) every zero_balance account the chain
//     touched must have debits = credits, posted and pending alike, or the chain fails with
//     zero_balance_account_not_zero on its last event;
//   - an id that exists answers `exists` (same request) or exists_with_different_<field>; `exists`
//     does not break a chain, so a whole chain can be retried;
//   - an id that failed for a reason of state (is_remembered_failure) answers the same failure again
//     for the same request, id_already_failed for another one.

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ledger/ledger_types.h"

namespace kl::ledger {

struct FailedRecord {
    std::string body_hash;
    TransferResult result = TransferResult::ok;
};

struct EngineState {
    std::unordered_map<std::string, Account> accounts;          // every account the batch names
    std::unordered_map<std::string, StoredTransfer> transfers;  // existing transfers the batch names
    std::unordered_map<std::string, PendingRecord> pendings;    // states of pending transfers named
    std::unordered_map<std::string, FailedRecord> failed;       // remembered failures among the batch's ids
    int64_t last_seq = 0;                                       // highest seq used so far
};

struct BatchEffects {
    std::vector<TransferOutcome> outcomes;  // one per event, in order
    std::vector<StoredTransfer> created;
    std::vector<std::pair<std::string, FailedRecord>> failures;  // newly remembered
    std::set<std::string> accounts_changed;
    std::set<std::string> pendings_changed;
};

// SHA-256 of the requested fields: what "the same request" means for a remembered failure.
std::string transfer_request_hash(const Transfer& transfer);

BatchEffects apply_transfers(EngineState& state, const std::vector<Transfer>& batch, int64_t now_ms);

// Expires the named pending transfers (state pending, due by now_ms): their amounts leave the
// pending totals. Returns the ids expired; effects are added to `effects`.
std::vector<std::string> expire_pendings(EngineState& state, const std::vector<std::string>& due_ids, int64_t now_ms,
                                         BatchEffects& effects);

}  // namespace kl::ledger
