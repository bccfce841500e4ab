#include "access/access_repo.h"

#include "core/assert.h"
#include "store/sql.h"

namespace kl::access {

namespace {

constexpr std::string_view user_columns =
    "SELECT id, username, display_name, role, org_id, disabled, locked_until_ms, created_at_ms FROM users";
constexpr std::string_view organisation_columns = "SELECT id, name, kind, created_at_ms FROM organisations";

// The CHECK constraints admit only the seven roles and kinds; another value means the schema and
// code differ.
Role stored_role(const std::string& text) {
    auto role = parse_role(text);
    KL_ASSERT(role.has_value());
    return *role;
}

User user_from_row(const store::Row& row) {
    return User{row.text("id"),        row.text("username"),      row.text("display_name"),
                stored_role(row.text("role")), row.opt_text("org_id"), row.i64("disabled") != 0,
                row.i64("locked_until_ms"), row.i64("created_at_ms")};
}

Organisation organisation_from_row(const store::Row& row) {
    auto kind = parse_org_kind(row.text("kind"));
    KL_ASSERT(kind.has_value());
    return Organisation{row.text("id"), row.text("name"), *kind, row.i64("created_at_ms")};
}

}  // namespace

Result<std::optional<StoredLogin>> find_login(store::Tx& tx, LoginLookup lookup, const std::string& value) {
    const std::string column = lookup == LoginLookup::by_id ? "id" : "username";
    return store::query_first(tx, "SELECT id, username, password_hash, role, org_id, disabled FROM users WHERE " + column + " = $1",
                              {value}, [](const store::Row& row) {
                                  return StoredLogin{row.text("id"), row.text("username"), row.text("password_hash"),
                                                     stored_role(row.text("role")), row.opt_text("org_id"), row.i64("disabled") != 0};
                              });
}

Result<bool> confirm_sign_in(store::Tx& tx, const std::string& user_id, const std::string& checked_hash,
                             const std::string& new_hash) {
    KL_TRY_ASSIGN(int64_t changed, tx.execute("UPDATE users SET failed_logins = 0, locked_until_ms = 0, password_hash = $3 "
                                              "WHERE id = $1 AND disabled = 0 AND password_hash = $2",
                                              {user_id, checked_hash, new_hash}));
    return changed != 0;
}

Result<void> raise_user_lock(store::Tx& tx, const std::string& username, int64_t until_ms) {
    return store::exec(tx, "UPDATE users SET locked_until_ms = $2 WHERE username = $1 AND locked_until_ms < $2",
                       {username, until_ms});
}

Result<bool> username_in_use(store::Tx& tx, const std::string& username) {
    return store::row_exists(tx, "SELECT 1 FROM users WHERE username = $1", {username});
}

Result<void> insert_user(store::Tx& tx, const User& user, const std::string& password_hash, int64_t now_ms) {
    return store::exec(tx,
                       "INSERT INTO users (id, username, display_name, role, org_id, password_hash, disabled, "
                       "failed_logins, locked_until_ms, created_at_ms, updated_at_ms) "
                       "VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7, $7)",
                       {user.id, user.username, user.display_name, std::string(to_string(user.role)),
                        store::optional_text(user.org_id), password_hash, now_ms});
}

Result<void> set_password_hash(store::Tx& tx, const std::string& user_id, const std::string& password_hash,
                               int64_t now_ms) {
    return store::exec(tx,
                       "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until_ms = 0, "
                       "updated_at_ms = $3 WHERE id = $1",
                       {user_id, password_hash, now_ms});
}

Result<std::optional<User>> find_user(store::Tx& tx, const std::string& user_id) {
    return store::query_first(tx, std::string(user_columns) + " WHERE id = $1", {user_id}, user_from_row);
}

Result<void> update_user(store::Tx& tx, const User& user, int64_t now_ms) {
    return store::exec(tx,
                       "UPDATE users SET display_name = $2, role = $3, org_id = $4, disabled = $5, updated_at_ms = $6 "
                       "WHERE id = $1",
                       {user.id, user.display_name, std::string(to_string(user.role)), store::optional_text(user.org_id),
                        int64_t{user.disabled ? 1 : 0}, now_ms});
}

Result<std::vector<User>> list_users(store::Tx& tx, const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    const std::string sql = std::string(user_columns) + " WHERE " + query.page("id", after, limit);
    return store::query_as(tx, sql, query.params(), user_from_row);
}

Result<void> insert_session(store::Tx& tx, const NewSession& session) {
    return store::exec(tx,
                       "INSERT INTO sessions (token_hash, user_id, csrf_token_hash, created_at_ms, expires_at_ms, "
                       "revoked_at_ms, remote_address) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
                       {session.token_hash, session.user_id, session.csrf_token_hash, session.created_at_ms,
                        session.expires_at_ms, session.remote_address});
}

Result<void> purge_sessions(store::Tx& tx, int64_t before_ms) {
    return store::exec(tx, "DELETE FROM sessions WHERE expires_at_ms < $1", {before_ms});
}

Result<std::optional<SessionUser>> find_session(store::Tx& tx, const std::string& token_hash) {
    return store::query_first(tx, "SELECT s.user_id, s.expires_at_ms, s.revoked_at_ms, u.username, u.role, "
                                  "u.org_id, u.disabled, s.csrf_token_hash FROM sessions s "
                                  "JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                              {token_hash}, [](const store::Row& row) {
                                  return SessionUser{row.text("user_id"), row.text("username"), stored_role(row.text("role")),
                                                     row.opt_text("org_id"), row.i64("disabled") != 0, !row.is_null(2),
                                                     row.i64("expires_at_ms"), row.text("csrf_token_hash")};
                              });
}

Result<void> end_session(store::Tx& tx, const std::string& token_hash, int64_t now_ms) {
    KL_TRY(store::exec(tx, "UPDATE sessions SET revoked_at_ms = $2 WHERE token_hash = $1 AND revoked_at_ms IS NULL",
                       {token_hash, now_ms}));
    return advance_auth_epoch(tx);
}

Result<void> end_sessions_of(store::Tx& tx, const std::string& user_id, int64_t now_ms, const std::string& keep_token_hash) {
    KL_TRY(store::exec(tx,
                       "UPDATE sessions SET revoked_at_ms = $2 "
                       "WHERE user_id = $1 AND revoked_at_ms IS NULL AND token_hash <> $3",
                       {user_id, now_ms, keep_token_hash}));
    return advance_auth_epoch(tx);
}

Result<int64_t> read_auth_epoch(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT version FROM auth_epoch WHERE id = 1"));
    // Migration 0026 inserts the one row; a database without it is not one this binary migrated.
    if (rows.empty()) return fail(ErrorCode::internal, "auth_epoch has no row; run the migrations");
    return rows[0].i64("version");
}

Result<void> advance_auth_epoch(store::Tx& tx) {
    return store::exec(tx, "UPDATE auth_epoch SET version = version + 1 WHERE id = 1", {});
}

Result<std::optional<Organisation>> find_organisation_row(store::Tx& tx, const std::string& org_id) {
    return store::query_first(tx, std::string(organisation_columns) + " WHERE id = $1", {org_id}, organisation_from_row);
}

Result<void> insert_organisation(store::Tx& tx, const Organisation& organisation) {
    return store::exec(tx, "INSERT INTO organisations (id, name, kind, created_at_ms) VALUES ($1, $2, $3, $4)",
                       {organisation.id, organisation.name, std::string(to_string(organisation.kind)),
                        organisation.created_at_ms});
}

Result<bool> is_system_organisation(store::Tx& tx, const std::string& org_id) {
    return store::row_exists(tx, "SELECT 1 FROM organisations WHERE id = $1 AND is_system = 1", {org_id});
}

Result<std::vector<Organisation>> list_organisations(store::Tx& tx, const std::optional<std::string>& only_org,
                                                     const std::optional<OrgKind>& kind,
                                                     const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    query.where_text("is_system = 0");  // Kashlink's own organisations are nobody's (0023)
    if (only_org) query.where("id", *only_org);
    if (kind) query.where("kind", std::string(to_string(*kind)));
    const std::string sql = std::string(organisation_columns) + " WHERE " + query.page("id", after, limit);
    return store::query_as(tx, sql, query.params(), organisation_from_row);
}

Result<std::vector<ThrottleRow>> recent_throttle_rows(store::Tx& tx, const std::string& key_a, const std::string& key_b,
                                                      int64_t since_ms) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT throttle_key, failures, locked_until_ms FROM login_throttle "
                                             "WHERE throttle_key IN ($1, $2) AND last_failure_ms > $3",
                                             {key_a, key_b, since_ms}));
    std::vector<ThrottleRow> out;
    for (const auto& row : rows) {
        out.push_back(ThrottleRow{row.text("throttle_key"), row.i64("failures"), row.i64("locked_until_ms")});
    }
    return out;
}

Result<int64_t> count_throttle_failure(store::Tx& tx, const std::string& key, int64_t now_ms, int64_t forgotten_before_ms,
                                       int64_t failures_max, int64_t locked_until_ms) {
    // $3 is the moment before which a failure is forgotten: an older row starts again at 1.
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("INSERT INTO login_throttle (throttle_key, failures, last_failure_ms, locked_until_ms) "
                           "VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN $5 ELSE 0 END) "
                           "ON CONFLICT (throttle_key) DO UPDATE SET "
                           "failures = CASE WHEN login_throttle.last_failure_ms <= $3 THEN 1 "
                           "ELSE login_throttle.failures + 1 END, "
                           "locked_until_ms = CASE WHEN (CASE WHEN login_throttle.last_failure_ms <= $3 THEN 1 "
                           "ELSE login_throttle.failures + 1 END) >= $4 THEN $5 "
                           "WHEN login_throttle.last_failure_ms <= $3 THEN 0 ELSE login_throttle.locked_until_ms END, "
                           "last_failure_ms = $2 RETURNING locked_until_ms",
                           {key, now_ms, forgotten_before_ms, failures_max, locked_until_ms}));
    KL_ASSERT(rows.size() == 1);
    return rows[0].i64("locked_until_ms");
}

Result<void> bound_throttle_rows(store::Tx& tx, int64_t before_ms, int64_t rows_max) {
    KL_TRY(tx.execute("DELETE FROM login_throttle WHERE last_failure_ms <= $1", {before_ms}));
    KL_TRY_ASSIGN(store::Rows counted, tx.query("SELECT COUNT(*) AS n FROM login_throttle"));
    const int64_t excess = counted[0].i64("n") - rows_max;
    if (excess <= 0) return ok();
    return store::exec(tx,
                       "DELETE FROM login_throttle WHERE throttle_key IN (SELECT throttle_key FROM login_throttle "
                       "ORDER BY last_failure_ms, throttle_key LIMIT $1)",
                       {excess});
}

Result<void> forget_throttle_keys(store::Tx& tx, const std::vector<std::string>& keys) {
    if (keys.empty()) return ok();
    store::SqlQuery query;
    const std::string in = query.bind_list(keys);
    return store::exec(tx, "DELETE FROM login_throttle WHERE throttle_key IN (" + in + ")", query.params());
}

}  // namespace kl::access
