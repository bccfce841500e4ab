#include "audit/audit_trail.h"

#include <algorithm>
#include <cstdio>

#include "audit/audit_repo.h"
#include "audit/canonical_json.h"
#include "audit/sha256.h"
#include "core/assert.h"
#include "store/sql.h"

namespace kl::audit {

namespace {

// Key of the PostgreSQL advisory lock that orders appends ("AUDT" in ASCII).
constexpr int64_t audit_lock_key = 0x41554454;
// Rows read per query while verifying.
constexpr int64_t verify_page_rows = 5000;

void put_field(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
}

std::string seal_hash_of(const std::string& month, int64_t last_seq, const std::string& last_hash) {
    std::string text;
    put_field(text, month);
    put_field(text, std::to_string(last_seq));
    put_field(text, last_hash);
    return sha256_hex(text);
}

// One row as verification saw it: the hash stored in it and the hash recomputed from the genesis
// through every row's fields and body (they differ from the first altered row on).
struct VerifiedRow {
    int64_t seq = 0;
    std::string stored_hash;
    std::string recomputed_hash;
};

const VerifiedRow* row_at(const std::vector<VerifiedRow>& rows, int64_t seq) {
    auto it = std::lower_bound(rows.begin(), rows.end(), seq, [](const VerifiedRow& row, int64_t s) { return row.seq < s; });
    return it != rows.end() && it->seq == seq ? &*it : nullptr;
}

// What is wrong with a signed checkpoint against the chain `rows`, or "" when nothing is.
// `trusted_key` (hex) is the key it must be signed with; empty when the verifier knows none.
std::string checkpoint_problem(const Checkpoint& c, const std::vector<VerifiedRow>& rows, const std::string& trusted_key) {
    const std::string taken = "checkpoint of row " + std::to_string(c.seq) + " taken " + format_utc_iso8601(c.at_ms);
    if (!trusted_key.empty() && c.public_key != trusted_key)
        return taken + " is signed by key " + c.public_key + ", not by the trusted key " + trusted_key;
    if (!signature_valid(c.public_key, checkpoint_message(c), c.signature))
        return taken + ": its signature is not valid (forged or altered checkpoint)";
    if (c.seq == 0) return "";
    const VerifiedRow* row = row_at(rows, c.seq);
    if (!row) return taken + ": the chain no longer has that row";
    if (row->recomputed_hash != c.head_hash)
        return taken + " signed head " + c.head_hash + ", but the chain now hashes " + row->recomputed_hash +
               " there: the history up to it was rewritten";
    return "";
}

}  // namespace

std::string checkpoint_message(const Checkpoint& checkpoint) {
    std::string text;
    put_field(text, "kashlink.audit.checkpoint.v1");
    put_field(text, std::to_string(checkpoint.seq));
    put_field(text, checkpoint.head_hash);
    put_field(text, std::to_string(checkpoint.at_ms));
    put_field(text, checkpoint.reason);
    return text;
}

std::string seal_message(const Seal& seal) {
    std::string text;
    put_field(text, "kashlink.audit.seal.v1");
    put_field(text, seal.month);
    put_field(text, std::to_string(seal.last_seq));
    put_field(text, seal.last_hash);
    put_field(text, seal.seal_hash);
    put_field(text, std::to_string(seal.sealed_ms));
    return text;
}

std::string row_hash(const std::string& prev_hash, int64_t seq, int64_t at_ms, const AuditEvent& event,
                     const std::string& body_hash) {
    std::string text;
    put_field(text, prev_hash);
    put_field(text, std::to_string(seq));
    put_field(text, std::to_string(at_ms));
    put_field(text, event.actor);
    put_field(text, event.action);
    put_field(text, event.record_type);
    put_field(text, event.record_id);
    put_field(text, body_hash);
    return sha256_hex(text);
}

std::string shanghai_month(int64_t epoch_ms) {
    // The UTC calendar of the instant eight hours later is Shanghai's calendar.
    return format_utc_iso8601(epoch_ms + shanghai_offset_ms).substr(0, 7);
}

std::optional<int64_t> shanghai_month_start_ms(const std::string& month) {
    if (month.size() != 7 || month[4] != '-' || month < "2000-01") return std::nullopt;
    int64_t utc_ms = 0;
    if (!parse_utc_iso8601(month + "-01", utc_ms)) return std::nullopt;
    return utc_ms - shanghai_offset_ms;
}

Result<void> AuditTrail::lock_head(store::Tx& tx) {
    return store::lock_until_commit(tx, backend_, audit_lock_key);
}

Result<AuditRow> AuditTrail::append(store::Tx& tx, const AuditEvent& event) {
    KL_TRY_ASSIGN(auto rows, append_many(tx, {event}));
    return std::move(rows.front());
}

Result<std::vector<AuditRow>> AuditTrail::append_many(store::Tx& tx, const std::vector<AuditEvent>& events) {
    std::vector<AuditRow> out;
    if (events.empty()) return out;
    KL_TRY(lock_head(tx));
    KL_TRY_ASSIGN(const auto head, chain_head(tx));
    int64_t seq = head ? head->seq : 0;
    std::string prev = head ? head->hash : zero_hash();
    // Time never runs backwards along the chain, even if the clock is set back.
    const int64_t at_ms = std::max(clock_.now_ms(), head ? head->at_ms : int64_t{0});
    const int64_t seq_before = seq;
    out.reserve(events.size());
    for (const auto& event : events) {
        AuditRow row;
        row.seq = ++seq;
        row.at_ms = at_ms;
        row.event = event;
        row.body_hash = sha256_hex(event.body);
        row.prev_hash = prev;
        row.hash = row_hash(prev, row.seq, at_ms, event, row.body_hash);
        prev = row.hash;
        out.push_back(std::move(row));
    }
    KL_TRY(insert_audit_rows(tx, out));
    if (signer_ && seq_before / checkpoint_every_appends != seq / checkpoint_every_appends) {
        KL_TRY(sign_checkpoint(tx, seq, prev, "appends"));
    }
    return out;
}

Result<Checkpoint> AuditTrail::sign_checkpoint(store::Tx& tx, int64_t seq, const std::string& head_hash,
                                               const std::string& reason) {
    KL_ASSERT(signer_ != nullptr);
    Checkpoint c{seq, head_hash, clock_.now_ms(), reason, signer_->public_key_hex(), ""};
    c.signature = signer_->sign_hex(checkpoint_message(c));
    KL_TRY(insert_checkpoint(tx, c));
    return c;
}

Result<Checkpoint> AuditTrail::checkpoint(store::Tx& tx, const std::string& reason) {
    if (!signer_) return fail(ErrorCode::failed_precondition, "the audit trail has no signing key");
    KL_TRY(lock_head(tx));
    KL_TRY_ASSIGN(const auto head, chain_head(tx));
    const int64_t seq = head ? head->seq : 0;
    KL_TRY_ASSIGN(auto taken, checkpoint_at(tx, seq));
    // The head has not moved since the last checkpoint: that one still says all there is to say.
    if (taken) return std::move(*taken);
    return sign_checkpoint(tx, seq, head ? head->hash : zero_hash(), reason);
}

Result<std::vector<Checkpoint>> AuditTrail::checkpoints(store::Tx& tx, int limit, std::optional<int64_t> before_seq) {
    const int64_t rows_max = std::clamp(limit, 1, static_cast<int>(audit_page_rows_max));
    return checkpoints_before(tx, before_seq.value_or(INT64_MAX), rows_max);
}

Result<Seal> AuditTrail::seal_month(store::Tx& tx, const std::string& month, const std::string& actor) {
    const auto start_ms = shanghai_month_start_ms(month);
    if (!start_ms) return fail_field("month", ProblemCode::not_a_date, "must be a month as YYYY-MM");
    if (month >= shanghai_month(clock_.now_ms())) return fail_field("month", ProblemCode::invalid_value, "has not ended yet");
    KL_TRY(lock_head(tx));
    KL_TRY_ASSIGN(const bool sealed, month_sealed(tx, month));
    if (sealed) return fail(ErrorCode::conflict, "month " + month + " is sealed already");
    // The month ends where the next one begins.
    int64_t y = std::stoll(month.substr(0, 4)), m = std::stoll(month.substr(5, 2)) + 1;
    if (m == 13) { m = 1; ++y; }
    char next[48];
    std::snprintf(next, sizeof next, "%04lld-%02lld", static_cast<long long>(y), static_cast<long long>(m));
    const int64_t end_ms = *shanghai_month_start_ms(next);
    KL_TRY_ASSIGN(const auto last, last_row_before(tx, end_ms));
    Seal seal;
    seal.month = month;
    seal.last_seq = last ? last->seq : 0;
    seal.last_hash = last ? last->hash : zero_hash();
    seal.seal_hash = seal_hash_of(month, seal.last_seq, seal.last_hash);
    seal.sealed_ms = clock_.now_ms();
    seal.actor = actor;
    if (signer_) {
        seal.public_key = signer_->public_key_hex();
        seal.signature = signer_->sign_hex(seal_message(seal));
    }
    KL_TRY(insert_seal(tx, seal));
    CanonicalJson body;
    body.add("month", month).add("last_seq", seal.last_seq).add("last_hash", seal.last_hash).add("seal_hash", seal.seal_hash);
    KL_TRY(append(tx, AuditEvent{actor, "audit.seal", "audit.seal", month, body.str()}));
    // Sealing is a moment worth anchoring: the checkpoint covers the seal's own audit row too.
    if (signer_) KL_TRY(checkpoint(tx, "seal"));
    return seal;
}

Result<std::vector<Seal>> AuditTrail::seals(store::Tx& tx) { return all_seals(tx); }

Result<std::vector<AuditRow>> AuditTrail::list(store::Tx& tx, int limit, std::optional<int64_t> cursor_seq,
                                               const std::optional<std::string>& record_type,
                                               const std::optional<std::string>& record_id, const store::ListWindow& window) {
    return list_audit_rows(tx, AuditRowFilter{record_type, record_id, window}, cursor_seq,
                           std::clamp(limit, 1, static_cast<int>(audit_page_rows_max)));
}

namespace {

// Walks the chain in seq order: every row's links, body hash and own hash, and the recomputed chain.
Result<std::vector<VerifiedRow>> verify_rows(store::Tx& tx, ChainReport& report) {
    std::vector<VerifiedRow> verified;
    std::string prev = zero_hash(), recomputed_prev = zero_hash();
    int64_t expected_seq = 1;
    int64_t last_at_ms = 0;
    for (int64_t after = 0;;) {
        KL_TRY_ASSIGN(const auto rows, audit_rows_after(tx, after, verify_page_rows));
        for (const AuditRow& row : rows) {
            auto add = [&](std::string kind, std::string detail) {
                report.breaks.push_back(Break{std::move(kind), row.seq, row.event.record_type, row.event.record_id,
                                              std::move(detail)});
            };
            if (row.seq != expected_seq) {
                add("audit.seq", "expected row " + std::to_string(expected_seq) + ", found row " + std::to_string(row.seq));
            }
            if (row.prev_hash != prev) add("audit.prev_hash", "prev_hash " + row.prev_hash + " but the row before hashes to " + prev);
            const std::string body_hash = sha256_hex(row.event.body);
            if (body_hash != row.body_hash) add("audit.body_hash", "body hashes to " + body_hash + ", row says " + row.body_hash);
            const std::string hash = row_hash(row.prev_hash, row.seq, row.at_ms, row.event, row.body_hash);
            if (hash != row.hash) add("audit.hash", "fields hash to " + hash + ", row says " + row.hash);
            if (row.at_ms < last_at_ms) add("audit.time", "time runs backwards from the row before");
            last_at_ms = row.at_ms;
            prev = row.hash;
            recomputed_prev = row_hash(recomputed_prev, row.seq, row.at_ms, row.event, body_hash);
            expected_seq = row.seq + 1;
            after = row.seq;
            verified.push_back(VerifiedRow{row.seq, row.hash, recomputed_prev});
            ++report.rows;
        }
        if (static_cast<int64_t>(rows.size()) < verify_page_rows) break;
    }
    report.head_hash = prev;
    return verified;
}

void verify_seals(const std::vector<Seal>& seals, const std::vector<VerifiedRow>& rows, const std::string& trusted_key,
                  ChainReport& report) {
    for (const auto& seal : seals) {
        ++report.seals;
        auto add = [&](std::string detail) {
            report.breaks.push_back(Break{"audit.seal", seal.last_seq, "audit.seal", seal.month, std::move(detail)});
        };
        if (seal_hash_of(seal.month, seal.last_seq, seal.last_hash) != seal.seal_hash) add("the seal's own hash does not match");
        // Seals made before the trail was signed carry no signature; a signed one must verify.
        if (!seal.signature.empty()) {
            if (!trusted_key.empty() && seal.public_key != trusted_key) {
                add("the seal is signed by key " + seal.public_key + ", not by the trusted key " + trusted_key);
            } else if (!signature_valid(seal.public_key, seal_message(seal), seal.signature)) {
                add("the seal's signature is not valid");
            }
        }
        if (seal.last_seq == 0) continue;
        const VerifiedRow* row = row_at(rows, seal.last_seq);
        if (!row) {
            add("the sealed row " + std::to_string(seal.last_seq) + " is missing");
        } else if (row->stored_hash != seal.last_hash) {
            add("the sealed row " + std::to_string(seal.last_seq) + " now hashes " + row->stored_hash + ", sealed as " + seal.last_hash);
        }
    }
}

void verify_checkpoints(const std::vector<Checkpoint>& checkpoints, const std::vector<VerifiedRow>& rows,
                        const std::string& trusted_key, const std::string& kind, int64_t& counted, ChainReport& report) {
    for (const auto& c : checkpoints) {
        ++counted;
        std::string problem = checkpoint_problem(c, rows, trusted_key);
        if (!problem.empty()) report.breaks.push_back(Break{kind, c.seq, "audit.checkpoint", std::to_string(c.seq), std::move(problem)});
    }
}

}  // namespace

Result<ChainTip> chain_tip(store::Tx& tx) {
    KL_TRY_ASSIGN(auto head, chain_head(tx));
    if (!head) return ChainTip{0, zero_hash()};
    return ChainTip{head->seq, head->hash};
}

Result<ChainReport> AuditTrail::verify_chain(store::Tx& tx, const Anchors* anchors) {
    ChainReport report;
    KL_TRY_ASSIGN(const auto rows, verify_rows(tx, report));
    const std::string own_key = signer_ ? signer_->public_key_hex() : std::string();
    KL_TRY_ASSIGN(const auto all_seals, seals(tx));
    verify_seals(all_seals, rows, own_key, report);
    KL_TRY_ASSIGN(const auto stored_checkpoints, all_checkpoints(tx));
    verify_checkpoints(stored_checkpoints, rows, own_key, "audit.checkpoint", report.checkpoints, report);
    if (anchors) verify_checkpoints(anchors->checkpoints, rows, anchors->public_key, "audit.anchor", report.anchors, report);
    return report;
}

}  // namespace kl::audit
