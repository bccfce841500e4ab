#include "audit/audit_trail.h"

#include <algorithm>
#include <cstdio>

#include "audit/canonical_json.h"
#include "audit/sha256.h"

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

std::string seal_hash_of(const std::string& month, int64_t last_seq, const std::string& last_hash) {
    std::string text;
    put_field(text, month);
    put_field(text, std::to_string(last_seq));
    put_field(text, last_hash);
    return sha256_hex(text);
}

}  // namespace

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
    if (backend_ != store::Backend::postgres) return ok();  // SQLite: the one writer already orders us
    KL_TRY(tx.query("SELECT pg_advisory_xact_lock($1)", {audit_lock_key}));
    return ok();
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
    return out;
}

Result<Seal> AuditTrail::seal_month(store::Tx& tx, const std::string& month, const std::string& actor) {
    const auto start_ms = shanghai_month_start_ms(month);
    if (!start_ms) return fail_field("month", "must be a month as YYYY-MM");
    if (month >= shanghai_month(clock_.now_ms())) return fail_field("month", "has not ended yet");
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
    KL_TRY(tx.execute("INSERT INTO audit_seals (month, last_seq, last_hash, seal_hash, sealed_ms, actor) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      {seal.month, seal.last_seq, seal.last_hash, seal.seal_hash, seal.sealed_ms, seal.actor}));
    CanonicalJson body;
    body.add("month", month).add("last_seq", seal.last_seq).add("last_hash", seal.last_hash).add("seal_hash", seal.seal_hash);
    KL_TRY(append(tx, AuditEvent{actor, "audit.seal", "audit.seal", month, body.str()}));
    return seal;
}

Result<std::vector<Seal>> AuditTrail::seals(store::Tx& tx) {
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT month, last_seq, last_hash, seal_hash, sealed_ms, actor FROM audit_seals "
                                      "ORDER BY month"));
    std::vector<Seal> out;
    for (const auto& row : rows) {
        out.push_back(Seal{row.text("month"), row.i64("last_seq"), row.text("last_hash"), row.text("seal_hash"),
                           row.i64("sealed_ms"), row.text("actor")});
    }
    return out;
}

Result<std::vector<AuditRow>> AuditTrail::list(store::Tx& tx, int limit, std::optional<int64_t> before_seq,
                                               const std::optional<std::string>& record_type,
                                               const std::optional<std::string>& record_id) {
    std::string sql = "SELECT " + std::string(row_columns) + " FROM audit_events WHERE seq < $1";
    store::Params params{before_seq.value_or(INT64_MAX)};
    if (record_type) {
        params.push_back(*record_type);
        sql += " AND record_type = $" + std::to_string(params.size());
    }
    if (record_id) {
        params.push_back(*record_id);
        sql += " AND record_id = $" + std::to_string(params.size());
    }
    params.push_back(int64_t{std::clamp(limit, 1, static_cast<int>(audit_page_rows_max))});
    sql += " ORDER BY seq DESC LIMIT $" + std::to_string(params.size());
    KL_TRY_ASSIGN(auto rows, tx.query(sql, params));
    std::vector<AuditRow> out;
    for (const auto& row : rows) out.push_back(row_from(row));
    return out;
}

Result<ChainReport> AuditTrail::verify_chain(store::Tx& tx) {
    ChainReport report;
    std::string prev = zero_hash();
    int64_t expected_seq = 1;
    int64_t last_at_ms = 0;
    std::vector<std::pair<int64_t, std::string>> hashes;  // seq → stored hash, for the seals
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
            expected_seq = row.seq + 1;
            after = row.seq;
            hashes.emplace_back(row.seq, row.hash);
            ++report.rows;
        }
        if (static_cast<int64_t>(rows.size()) < verify_page_rows) break;
    }
    report.head_hash = prev;
    KL_TRY_ASSIGN(auto all_seals, seals(tx));
    for (const auto& seal : all_seals) {
        ++report.seals;
        auto add = [&](std::string detail) {
            report.breaks.push_back(Break{"audit.seal", seal.last_seq, "audit.seal", seal.month, std::move(detail)});
        };
        if (seal_hash_of(seal.month, seal.last_seq, seal.last_hash) != seal.seal_hash) add("the seal's own hash does not match");
        if (seal.last_seq == 0) continue;
        auto it = std::lower_bound(hashes.begin(), hashes.end(), std::make_pair(seal.last_seq, std::string()));
        if (it == hashes.end() || it->first != seal.last_seq) {
            add("the sealed row " + std::to_string(seal.last_seq) + " is missing");
        } else if (it->second != seal.last_hash) {
            add("the sealed row " + std::to_string(seal.last_seq) + " now hashes " + it->second + ", sealed as " + seal.last_hash);
        }
    }
    return report;
}

}  // namespace kl::audit
