#include "audit/audit_repo.h"

#include "store/sql.h"

namespace kl::audit {

namespace {

constexpr std::string_view row_columns =
    "seq, at_ms, actor, action, record_type, record_id, body, body_hash, prev_hash, hash";
// The same over alias e, for the list, which joins the acting user.
constexpr std::string_view listed_row_columns =
    "e.seq, e.at_ms, e.actor, e.action, e.record_type, e.record_id, e.body, e.body_hash, e.prev_hash, e.hash";
constexpr std::string_view checkpoint_columns = "seq, head_hash, at_ms, reason, public_key, signature";
constexpr std::string_view seal_columns = "month, last_seq, last_hash, seal_hash, sealed_ms, actor, public_key, signature";

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

ChainHead head_from(const store::Row& row) { return ChainHead{row.i64("seq"), row.i64("at_ms"), row.text("hash")}; }

Checkpoint checkpoint_from(const store::Row& row) {
    return Checkpoint{row.i64("seq"), row.text("head_hash"), row.i64("at_ms"), row.text("reason"), row.text("public_key"),
                      row.text("signature")};
}

Seal seal_from(const store::Row& row) {
    return Seal{row.text("month"), row.i64("last_seq"), row.text("last_hash"), row.text("seal_hash"),
                row.i64("sealed_ms"), row.text("actor"), row.text("public_key"), row.text("signature")};
}

std::string select_checkpoints(std::string_view rest) {
    return "SELECT " + std::string(checkpoint_columns) + " FROM audit_checkpoints " + std::string(rest);
}

}  // namespace

Result<std::optional<ChainHead>> chain_head(store::Tx& tx) {
    return store::query_first(tx, "SELECT seq, at_ms, hash FROM audit_events ORDER BY seq DESC LIMIT 1", {}, head_from);
}

Result<std::optional<ChainHead>> last_row_before(store::Tx& tx, int64_t end_ms) {
    return store::query_first(tx, "SELECT seq, at_ms, hash FROM audit_events WHERE at_ms < $1 ORDER BY seq DESC LIMIT 1",
                              {end_ms}, head_from);
}

Result<void> insert_audit_rows(store::Tx& tx, const std::vector<AuditRow>& rows) {
    std::vector<store::Params> values;
    values.reserve(rows.size());
    for (const auto& row : rows) {
        values.push_back({row.seq, row.at_ms, row.event.actor, row.event.action, row.event.record_type, row.event.record_id,
                          row.event.body, row.body_hash, row.prev_hash, row.hash});
    }
    return store::insert_param_rows(tx, "INSERT INTO audit_events (" + std::string(row_columns) + ")", "", 10, values);
}

Result<std::vector<AuditRow>> audit_rows_after(store::Tx& tx, int64_t after_seq, int64_t limit) {
    return store::query_as(tx, "SELECT " + std::string(row_columns) + " FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2",
                           {after_seq, limit}, row_from);
}

Result<std::vector<AuditRow>> list_audit_rows(store::Tx& tx, const AuditRowFilter& filter, std::optional<int64_t> cursor_seq,
                                              int64_t limit) {
    const bool newest = filter.window.order == store::PageOrder::newest_first;
    store::SqlQuery query;
    if (cursor_seq) query.where("e.seq", *cursor_seq, newest ? "<" : ">");
    if (filter.record_type) query.where("e.record_type", *filter.record_type);
    if (filter.record_id) query.where("e.record_id", *filter.record_id);
    // The acting user by name as the console shows it; "system" and "cli" rows match by their own text.
    store::add_window(query, filter.window,
                      {{"e.action", "e.record_type", "e.record_id", "e.actor", "u.display_name", "u.username"}, "e.at_ms",
                       store::DateStored::epoch_ms});
    const std::string limit_param = query.bind(limit);
    return store::query_as(tx,
                           "SELECT " + std::string(listed_row_columns) + " FROM audit_events e LEFT JOIN users u ON u.id = e.actor WHERE " +
                               query.condition() + " ORDER BY e.seq" + (newest ? " DESC" : "") + " LIMIT " + limit_param,
                           query.params(), row_from);
}

Result<void> insert_checkpoint(store::Tx& tx, const Checkpoint& c) {
    return store::exec(tx, "INSERT INTO audit_checkpoints (" + std::string(checkpoint_columns) + ") VALUES ($1, $2, $3, $4, $5, $6)",
                       {c.seq, c.head_hash, c.at_ms, c.reason, c.public_key, c.signature});
}

Result<std::optional<Checkpoint>> checkpoint_at(store::Tx& tx, int64_t seq) {
    return store::query_first(tx, select_checkpoints("WHERE seq = $1"), {seq}, checkpoint_from);
}

Result<std::vector<Checkpoint>> checkpoints_before(store::Tx& tx, int64_t before_seq, int64_t limit) {
    return store::query_as(tx, select_checkpoints("WHERE seq < $1 ORDER BY seq DESC LIMIT $2"), {before_seq, limit},
                           checkpoint_from);
}

Result<std::vector<Checkpoint>> all_checkpoints(store::Tx& tx) {
    return store::query_as(tx, select_checkpoints("ORDER BY seq"), {}, checkpoint_from);
}

Result<bool> month_sealed(store::Tx& tx, const std::string& month) {
    return store::row_exists(tx, "SELECT 1 FROM audit_seals WHERE month = $1", {month});
}

Result<void> insert_seal(store::Tx& tx, const Seal& seal) {
    return store::exec(tx, "INSERT INTO audit_seals (" + std::string(seal_columns) + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       {seal.month, seal.last_seq, seal.last_hash, seal.seal_hash, seal.sealed_ms, seal.actor, seal.public_key,
                        seal.signature});
}

Result<std::vector<Seal>> all_seals(store::Tx& tx) {
    return store::query_as(tx, "SELECT " + std::string(seal_columns) + " FROM audit_seals ORDER BY month", {}, seal_from);
}

}  // namespace kl::audit
