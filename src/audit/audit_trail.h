#pragma once
// The hash-chained audit trail (Formance's hash-chained log and sealed periods). Every change to
// money, projects, users and certifications appends one row: seq, time, actor, action, record,
// body (canonical JSON), body hash, the previous row's hash and the row's own hash
//   hash = SHA-256(prev_hash ‖ seq ‖ at_ms ‖ actor ‖ action ‖ record_type ‖ record_id ‖ body_hash)
// with every field length-prefixed, so no two different rows hash alike.
//
// Appends run inside the caller's transaction, so the change and its audit row commit together or
// not at all. Ordering: the chain head is read and extended inside that transaction. On SQLite the
// store's single writer serialises every writer. On PostgreSQL two processes (or two stores) may
// write at once, so append takes a transaction-scoped advisory lock first (pg_advisory_xact_lock):
// the second writer waits for the first to commit and then sees its head. The seq primary key is the
// backstop: a chain can never fork silently.
//
// Months (Asia/Shanghai) can be sealed: the seal stores the last row of the month and its hash, and
// verification checks the seal still matches the chain.
//
// The chain and the seals live in the database, so someone who can write it can rewrite a row and
// recompute every later hash. With an AuditSigner (audit_signer.h, a key kept in a file outside the
// database) the trail also signs checkpoints — (row, head hash, time) — every
// checkpoint_every_appends rows, when a month is sealed, once a day and on demand, and signs each
// seal. An auditor downloads the checkpoints and keeps them; verifying against them later (Anchors)
// proves the database still holds those heads, which no rewrite without the key can fake.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_signer.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/list_window.h"
#include "store/store.h"

namespace kl::audit {

inline constexpr size_t audit_page_rows_max = 200;
// A checkpoint is signed whenever the chain passes a multiple of this many rows, so a busy day is
// anchored more often than once a day. One signature costs tens of microseconds; 1,000 rows of
// ledger batches take far longer to write.
inline constexpr int64_t checkpoint_every_appends = 1000;

struct AuditEvent {
    std::string actor;        // user id, or "system" / "cli"
    std::string action;       // "ledger.transfer.create", "user.update", …
    std::string record_type;  // "ledger.transfer", "user", …
    std::string record_id;
    std::string body;         // canonical JSON (canonical_json.h)
};

struct AuditRow {
    int64_t seq = 0;
    int64_t at_ms = 0;
    AuditEvent event;
    std::string body_hash;
    std::string prev_hash;
    std::string hash;
};

struct Seal {
    std::string month;  // "2026-10"
    int64_t last_seq = 0;
    std::string last_hash;
    std::string seal_hash;
    int64_t sealed_ms = 0;
    std::string actor;
    std::string public_key;  // hex Ed25519 key and signature of seal_message(); empty on seals made
    std::string signature;   // before the trail was signed (migration 0014)
};

// A signed statement: the chain's row `seq` had hash `head_hash` at `at_ms`.
struct Checkpoint {
    int64_t seq = 0;
    std::string head_hash;
    int64_t at_ms = 0;
    std::string reason;      // why it was taken: "appends", "seal", "daily" or "request"
    std::string public_key;  // hex Ed25519 public key
    std::string signature;   // hex Ed25519 signature of checkpoint_message()
};

// The exact bytes a checkpoint's or a seal's signature covers (length-prefixed fields after a label,
// so a checkpoint's signature can never pass for a seal's, nor the other way round).
std::string checkpoint_message(const Checkpoint& checkpoint);
std::string seal_message(const Seal& seal);

// Checkpoints kept outside the database (downloaded by an auditor) and the public key they must be
// signed with, for verify_chain.
struct Anchors {
    std::vector<Checkpoint> checkpoints;
    std::string public_key;
};

// One place where the chain (or, from ledger verification, the ledger) disagrees with itself.
struct Break {
    std::string kind;         // "audit.hash", "audit.prev_hash", "audit.body_hash", "audit.seq", "audit.time",
                              // "audit.seal", "audit.checkpoint", "audit.anchor", "ledger.account_totals", …
    int64_t seq = 0;          // the audit row concerned, 0 when none
    std::string record_type;  // the record concerned (may be empty)
    std::string record_id;
    std::string detail;       // what differs, in words, with both values
};

struct ChainReport {
    int64_t rows = 0;
    int64_t seals = 0;
    int64_t checkpoints = 0;  // signed checkpoints stored in the database, checked
    int64_t anchors = 0;      // checkpoints given from outside (Anchors), checked
    std::string head_hash;
    std::vector<Break> breaks;
};

// The chain's last row: seq 0 and the zero hash when the chain is empty (a backup's manifest names it).
struct ChainTip {
    int64_t seq = 0;
    std::string hash;
};
Result<ChainTip> chain_tip(store::Tx& tx);

// The row's own hash from its fields (the formula above).
std::string row_hash(const std::string& prev_hash, int64_t seq, int64_t at_ms, const AuditEvent& event,
                     const std::string& body_hash);

class AuditTrail {
public:
    // Without a signer nothing is signed (tests of other modules); `kashlink serve` always has one.
    AuditTrail(store::Backend backend, const Clock& clock, const AuditSigner* signer = nullptr)
        : backend_(backend), clock_(clock), signer_(signer) {}

    const AuditSigner* signer() const { return signer_; }

    // Appends one event (or many, in order) inside `tx`; returns the new row(s).
    Result<AuditRow> append(store::Tx& tx, const AuditEvent& event);
    Result<std::vector<AuditRow>> append_many(store::Tx& tx, const std::vector<AuditEvent>& events);

    // Seals a month that has ended (Shanghai time): conflict when sealed already, invalid_argument
    // naming `month` when malformed or not yet over. The seal itself is appended as an event.
    Result<Seal> seal_month(store::Tx& tx, const std::string& month, const std::string& actor);
    Result<std::vector<Seal>> seals(store::Tx& tx);

    // In seq order, newest or oldest first as `window` says; `cursor_seq` is the last row of the
    // previous page (paging continues past it); record filters optional; the window's q finds the
    // action, record type or id or the acting user's name, its from/to the Beijing day.
    Result<std::vector<AuditRow>> list(store::Tx& tx, int limit, std::optional<int64_t> cursor_seq,
                                       const std::optional<std::string>& record_type,
                                       const std::optional<std::string>& record_id, const store::ListWindow& window);

    // Signs a checkpoint of the chain's head now (the one already signed when the head has not moved
    // since); failed_precondition without a signer.
    Result<Checkpoint> checkpoint(store::Tx& tx, const std::string& reason);
    // Signed checkpoints, newest first; `before_seq` excludes those at or after it (paging).
    Result<std::vector<Checkpoint>> checkpoints(store::Tx& tx, int limit, std::optional<int64_t> before_seq);

    // Recomputes the whole chain, every seal and every stored checkpoint (signatures under this
    // trail's key when it has one), and checks the chain against `anchors` when given.
    Result<ChainReport> verify_chain(store::Tx& tx, const Anchors* anchors = nullptr);

private:
    Result<void> lock_head(store::Tx& tx);
    Result<Checkpoint> sign_checkpoint(store::Tx& tx, int64_t seq, const std::string& head_hash, const std::string& reason);

    store::Backend backend_;
    const Clock& clock_;
    const AuditSigner* signer_;
};

// "YYYY-MM" of an instant in Asia/Shanghai.
std::string shanghai_month(int64_t epoch_ms);
// First instant (UTC ms) of a Shanghai month "YYYY-MM"; nullopt when malformed.
std::optional<int64_t> shanghai_month_start_ms(const std::string& month);

}  // namespace kl::audit
