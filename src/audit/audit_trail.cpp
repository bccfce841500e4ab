#include "audit/audit_trail.h"

#include <algorithm>
#include <cstdio>

#include "audit/canonical_json.h"
#include "audit/sha256.h"
#include "core/assert.h"
#include "store/list_window.h"
#include "store/sql.h"

namespace kl::audit {

namespace {

// Key of the PostgreSQL advisory lock that orders appends ("AUDT" in ASCII).
constexpr int64_t audit_lock_key = 0x41554454;
// Rows per multi-row INSERT: 10 parameters each, far below both back ends' parameter limits.
constexpr size_t insert_rows_max = 400;
// Rows read per query while verifying.
constexpr int64_t verify_page_rows = 5000;

void put_field(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
}

AuditRow row_from(const store::Row& row) {
    AuditRow out;
    out.seq = row.i64("seq");
    out.at_ms = row.i64("at_ms");
    out.event.actor = row.text("actor");
    out.event.action = row.text("action");
    out.event.record_type = row.text("record_type");
    out.event.record_id = row.text("record_id");
    out.event.body = row.text("body");
    out.body_hash = row.text("body_hash");
    out.prev_hash = row.text("prev_hash");
    out.hash = row.text("hash");
    return out;
}

constexpr std::string_view row_columns =
    "seq, at_ms, actor, action, record_type, record_id, body, body_hash, prev_hash, hash";
// The same over alias e, for the list, which joins the acting user.
constexpr std::string_view listed_row_columns =
    "e.seq, e.at_ms, e.actor, e.action, e.record_type, e.record_id, e.body, e.body_hash, e.prev_hash, e.hash";

std::string seal_hash_of(const std::string& month, int64_t last_seq, const std::string& last_hash) {
    std::string text;
    put_field(text, month);
    put_field(text, std::to_string(last_seq));
    put_field(text, last_hash);
    return sha256_hex(text);
}

constexpr std::string_view checkpoint_columns = "seq, head_hash, at_ms, reason, public_key, signature";

Checkpoint checkpoint_from(const store::Row& row) {
    return Checkpoint{row.i64("seq"), row.text("head_hash"), row.i64("at_ms"), row.text("reason"), row.text("public_key"),
                      row.text("signature")};
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
    KL_TRY_ASSIGN(auto head, tx.query("SELECT seq, at_ms, hash FROM audit_events ORDER BY seq DESC LIMIT 1"));
    int64_t seq = head.empty() ? 0 : head[0].i64("seq");
    std::string prev = head.empty() ? zero_hash() : head[0].text("hash");
    // Time never runs backwards along the chain, even if the clock is set back.
    const int64_t at_ms = std::max(clock_.now_ms(), head.empty() ? int64_t{0} : head[0].i64("at_ms"));
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
    for (size_t start = 0; start < out.size(); start += insert_rows_max) {
        const size_t end = std::min(out.size(), start + insert_rows_max);
        std::string sql = "INSERT INTO audit_events (" + std::string(row_columns) + ") VALUES ";
        store::Params params;
        params.reserve((end - start) * 10);
        for (size_t i = start; i < end; ++i) {
            const auto& row = out[i];
            const size_t base = params.size();
            if (i > start) sql += ',';
            sql += '(';
            for (size_t k = 1; k <= 10; ++k) sql += (k > 1 ? ",$" : "$") + std::to_string(base + k);
            sql += ')';
            params.insert(params.end(), {row.seq, row.at_ms, row.event.actor, row.event.action, row.event.record_type,
                                         row.event.record_id, row.event.body, row.body_hash, row.prev_hash, row.hash});
        }
        KL_TRY(tx.execute(sql, params));
    }
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
    KL_TRY(tx.execute("INSERT INTO audit_checkpoints (" + std::string(checkpoint_columns) + ") VALUES ($1, $2, $3, $4, $5, $6)",
                      {c.seq, c.head_hash, c.at_ms, c.reason, c.public_key, c.signature}));
    return c;
}

Result<Checkpoint> AuditTrail::checkpoint(store::Tx& tx, const std::string& reason) {
    if (!signer_) return fail(ErrorCode::failed_precondition, "the audit trail has no signing key");
    KL_TRY(lock_head(tx));
    KL_TRY_ASSIGN(auto head, tx.query("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"));
    const int64_t seq = head.empty() ? 0 : head[0].i64("seq");
    KL_TRY_ASSIGN(auto taken, tx.query("SELECT " + std::string(checkpoint_columns) + " FROM audit_checkpoints WHERE seq = $1",
                                       {seq}));
    // The head has not moved since the last checkpoint: that one still says all there is to say.
    if (!taken.empty()) return checkpoint_from(taken[0]);
    return sign_checkpoint(tx, seq, head.empty() ? zero_hash() : head[0].text("hash"), reason);
}

Result<std::vector<Checkpoint>> AuditTrail::checkpoints(store::Tx& tx, int limit, std::optional<int64_t> before_seq) {
    const int64_t rows_max = std::clamp(limit, 1, static_cast<int>(audit_page_rows_max));
    return store::query_as(tx,
                           "SELECT " + std::string(checkpoint_columns) +
                               " FROM audit_checkpoints WHERE seq < $1 ORDER BY seq DESC LIMIT $2",
                           {before_seq.value_or(INT64_MAX), rows_max}, checkpoint_from);
}

Result<Seal> AuditTrail::seal_month(store::Tx& tx, const std::string& month, const std::string& actor) {
    const auto start_ms = shanghai_month_start_ms(month);
    if (!start_ms) return fail_field("month", ProblemCode::not_a_date, "must be a month as YYYY-MM");
    if (month >= shanghai_month(clock_.now_ms())) return fail_field("month", ProblemCode::invalid_value, "has not ended yet");
    KL_TRY(lock_head(tx));
    KL_TRY_ASSIGN(auto sealed, tx.query("SELECT month FROM audit_seals WHERE month = $1", {month}));
    if (!sealed.empty()) return fail(ErrorCode::conflict, "month " + month + " is sealed already");
    // The month ends where the next one begins.
    int64_t y = std::stoll(month.substr(0, 4)), m = std::stoll(month.substr(5, 2)) + 1;
    if (m == 13) { m = 1; ++y; }
    char next[48];
    std::snprintf(next, sizeof next, "%04lld-%02lld", static_cast<long long>(y), static_cast<long long>(m));
    const int64_t end_ms = *shanghai_month_start_ms(next);
    KL_TRY_ASSIGN(auto last, tx.query("SELECT seq, hash FROM audit_events WHERE at_ms < $1 ORDER BY seq DESC LIMIT 1",
                                      {end_ms}));
    Seal seal;
    seal.month = month;
    seal.last_seq = last.empty() ? 0 : last[0].i64("seq");
    seal.last_hash = last.empty() ? zero_hash() : last[0].text("hash");
    seal.seal_hash = seal_hash_of(month, seal.last_seq, seal.last_hash);
    seal.sealed_ms = clock_.now_ms();
    seal.actor = actor;
    if (signer_) {
        seal.public_key = signer_->public_key_hex();
        seal.signature = signer_->sign_hex(seal_message(seal));
    }
    KL_TRY(tx.execute("INSERT INTO audit_seals (month, last_seq, last_hash, seal_hash, sealed_ms, actor, public_key, signature) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      {seal.month, seal.last_seq, seal.last_hash, seal.seal_hash, seal.sealed_ms, seal.actor, seal.public_key,
                       seal.signature}));
    CanonicalJson body;
    body.add("month", month).add("last_seq", seal.last_seq).add("last_hash", seal.last_hash).add("seal_hash", seal.seal_hash);
    KL_TRY(append(tx, AuditEvent{actor, "audit.seal", "audit.seal", month, body.str()}));
    // Sealing is a moment worth anchoring: the checkpoint covers the seal's own audit row too.
    if (signer_) KL_TRY(checkpoint(tx, "seal"));
    return seal;
}

Result<std::vector<Seal>> AuditTrail::seals(store::Tx& tx) {
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT month, last_seq, last_hash, seal_hash, sealed_ms, actor, public_key, signature "
                                      "FROM audit_seals ORDER BY month"));
    std::vector<Seal> out;
    for (const auto& row : rows) {
        out.push_back(Seal{row.text("month"), row.i64("last_seq"), row.text("last_hash"), row.text("seal_hash"),
                           row.i64("sealed_ms"), row.text("actor"), row.text("public_key"), row.text("signature")});
    }
    return out;
}

Result<std::vector<AuditRow>> AuditTrail::list(store::Tx& tx, int limit, std::optional<int64_t> cursor_seq,
                                               const std::optional<std::string>& record_type,
                                               const std::optional<std::string>& record_id, const store::ListWindow& window) {
    const bool newest = window.order == store::PageOrder::newest_first;
    store::SqlQuery query;
    if (cursor_seq) query.where("e.seq", *cursor_seq, newest ? "<" : ">");
    if (record_type) query.where("e.record_type", *record_type);
    if (record_id) query.where("e.record_id", *record_id);
    // The acting user by name as the console shows it; "system" and "cli" rows match by their own text.
    store::add_window(query, window,
                      {{"e.action", "e.record_type", "e.record_id", "e.actor", "u.display_name", "u.username"}, "e.at_ms",
                       store::DateStored::epoch_ms});
    const std::string limit_param = query.bind(int64_t{std::clamp(limit, 1, static_cast<int>(audit_page_rows_max))});
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT " + std::string(listed_row_columns) + " FROM audit_events e LEFT JOIN users u ON u.id = e.actor WHERE " +
                                          query.condition() + " ORDER BY e.seq" + (newest ? " DESC" : "") + " LIMIT " + limit_param,
                                      query.params()));
    std::vector<AuditRow> out;
    for (const auto& row : rows) out.push_back(row_from(row));
    return out;
}

namespace {

// Walks the chain in seq order: every row's links, body hash and own hash, and the recomputed chain.
Result<std::vector<VerifiedRow>> verify_rows(store::Tx& tx, ChainReport& report) {
    std::vector<VerifiedRow> verified;
    std::string prev = zero_hash(), recomputed_prev = zero_hash();
    int64_t expected_seq = 1;
    int64_t last_at_ms = 0;
    for (int64_t after = 0;;) {
        KL_TRY_ASSIGN(auto rows, tx.query("SELECT " + std::string(row_columns) +
                                              " FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2",
                                          {after, verify_page_rows}));
        for (const auto& stored : rows) {
            const AuditRow row = row_from(stored);
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

Result<ChainReport> AuditTrail::verify_chain(store::Tx& tx, const Anchors* anchors) {
    ChainReport report;
    KL_TRY_ASSIGN(const auto rows, verify_rows(tx, report));
    const std::string own_key = signer_ ? signer_->public_key_hex() : std::string();
    KL_TRY_ASSIGN(const auto all_seals, seals(tx));
    verify_seals(all_seals, rows, own_key, report);
    KL_TRY_ASSIGN(auto stored, tx.query("SELECT " + std::string(checkpoint_columns) + " FROM audit_checkpoints ORDER BY seq"));
    std::vector<Checkpoint> stored_checkpoints;
    for (const auto& row : stored) stored_checkpoints.push_back(checkpoint_from(row));
    verify_checkpoints(stored_checkpoints, rows, own_key, "audit.checkpoint", report.checkpoints, report);
    if (anchors) verify_checkpoints(anchors->checkpoints, rows, anchors->public_key, "audit.anchor", report.anchors, report);
    return report;
}

}  // namespace kl::audit
