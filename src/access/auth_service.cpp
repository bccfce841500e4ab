#include "access/auth_service.h"

#include "access/token.h"
#include "core/identifier.h"

namespace kl::access {

namespace {
constexpr std::string_view invalid_credentials = "invalid username or password";
// One text for every throttled attempt: it must not tell a guarded username from a refused address,
// nor a known username from an unknown one.
constexpr std::string_view throttled = "too many failed sign-ins; try again later";
constexpr int64_t ms_per_s = 1000;
// The dummy hash is of a random secret nobody knows, so no password can ever match it.
constexpr size_t dummy_secret_bytes = 32;

Unexpected unauthenticated(std::string_view message) {
    return fail(ErrorCode::unauthenticated, std::string(message));
}
}  // namespace

struct AuthService::Candidate {
    std::string id;
    std::string username;
    std::string password_hash;
    Role role = Role::auditor;
    std::optional<std::string> org_id;
    bool disabled = false;
};

struct AuthService::Keys {
    std::string address;
    std::string account;
};

AuthService::AuthService(store::Store& store, const Clock& clock, IdGenerator& ids, AuthOptions options)
    : store_(store),
      clock_(clock),
      ids_(ids),
      options_(options),
      hasher_(options.password_cost),
      throttle_(ThrottlePolicy{options.login_failures_max, options.login_address_failures_max,
                               options.login_lockout_s * ms_per_s}) {
    KL_ASSERT(options_.session_ttl_s > 0);
    auto dummy = hash_password(random_hex(dummy_secret_bytes), options_.password_cost);
    // One hash at start-up; if even that cannot get its memory, the server cannot sign anyone in.
    KL_ASSERT(dummy.has_value());
    dummy_hash_ = std::move(dummy).value();
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& remote_address) {
    if (username.empty() || username.size() > login_username_bytes_max || password.size() > password_bytes_max) {
        return unauthenticated(invalid_credentials);
    }
    const Keys keys{address_throttle_key(remote_address), account_throttle_key(username)};
    const int64_t now = clock_.now_ms();
    int64_t wait_ms = 0;
    KL_TRY_ASSIGN(store::Rows rows, store_.read([&](store::Tx& tx) -> Result<store::Rows> {
        KL_TRY_ASSIGN(wait_ms, throttle_.wait_ms(tx, keys.address, keys.account, now));
        // Usernames are stored as their own key ([a-z0-9._-]), so "Alice " or a full-width "ａｌｉｃｅ"
        // typed at sign-in is the account alice.
        return tx.query("SELECT id, username, password_hash, role, org_id, disabled FROM users WHERE username = $1",
                        {identifier_key(username)});
    }));
    // Refused before any hashing, by counters that do not depend on whether the user exists: a
    // guessing attack gets no answer and costs no CPU, and learns nothing about the username.
    if (wait_ms > 0) return fail(ErrorCode::resource_exhausted, std::string(throttled));
    if (rows.empty()) {
        // Same work and the same counting as a wrong password, so neither the answer, its time nor
        // the throttling that follows tells which usernames exist.
        (void)hasher_.verify(dummy_hash_, password);
        KL_TRY(record_failure(keys, now));
        return unauthenticated(invalid_credentials);
    }
    const store::Row& row = rows[0];
    auto role = parse_role(row.text("role"));
    KL_ASSERT(role.has_value());
    Candidate user{row.text("id"), row.text("username"), row.text("password_hash"), *role,
                   row.opt_text("org_id"), row.i64("disabled") != 0};
    if (!hasher_.verify(user.password_hash, password)) {
        KL_TRY(record_failure(keys, now));
        return unauthenticated(invalid_credentials);
    }
    if (user.disabled) return unauthenticated(invalid_credentials);
    // A hash made with older parameters is upgraded now, while the clear password is at hand.
    std::string stored_hash = user.password_hash;
    if (hasher_.needs_rehash(user.password_hash)) {
        KL_TRY_ASSIGN(stored_hash, hasher_.hash(password));
    }
    return open_session(user, stored_hash, keys, remote_address, now);
}

Result<int64_t> AuthService::sign_in_wait_s(const std::string& username, const std::string& remote_address) {
    const int64_t now = clock_.now_ms();
    KL_TRY_ASSIGN(int64_t wait_ms, store_.read([&](store::Tx& tx) {
        return throttle_.wait_ms(tx, address_throttle_key(remote_address), account_throttle_key(username), now);
    }));
    return (wait_ms + ms_per_s - 1) / ms_per_s;
}

Result<void> AuthService::record_failure(const Keys& keys, int64_t now_ms) {
    return store_.write([&](store::Tx& tx) { return throttle_.record_failure(tx, keys.address, keys.account, now_ms); });
}

Result<LoginResult> AuthService::open_session(const Candidate& user, const std::string& new_hash, const Keys& keys,
                                              const std::string& remote_address, int64_t now_ms) {
    LoginResult result;
    result.token = new_token();
    result.csrf_token = new_token();
    result.expires_at_ms = now_ms + options_.session_ttl_s * ms_per_s;
    const std::string token_hash = sha256_hex(result.token);
    auto job = [&](store::Tx& tx) -> Result<void> {
        // Only if nothing changed since the password was checked: an account disabled or given a new
        // password meanwhile does not get a session. The right password clears the failure counts.
        KL_TRY_ASSIGN(int64_t changed,
                      tx.execute("UPDATE users SET failed_logins = 0, locked_until_ms = 0, password_hash = $3 "
                                 "WHERE id = $1 AND disabled = 0 AND password_hash = $2",
                                 {user.id, user.password_hash, new_hash}));
        if (changed == 0) return unauthenticated("the account changed during sign-in; try again");
        KL_TRY(throttle_.record_success(tx, keys.address, keys.account));
        KL_TRY(tx.execute("DELETE FROM sessions WHERE expires_at_ms < $1", {now_ms - ended_session_retention_ms}));
        KL_TRY(tx.execute("INSERT INTO sessions (token_hash, user_id, csrf_token_hash, created_at_ms, expires_at_ms, "
                          "revoked_at_ms, remote_address) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
                          {token_hash, user.id, sha256_hex(result.csrf_token), now_ms, result.expires_at_ms,
                           remote_address}));
        return ok();
    };
    KL_TRY(store_.write(job));
    result.principal = Principal{user.id, user.username, user.role, user.org_id, token_hash, false};
    return result;
}

Result<Principal> AuthService::authenticate(const std::string& token) {
    if (!is_token_shaped(token)) return unauthenticated("missing or malformed session token");
    const std::string token_hash = sha256_hex(token);
    KL_TRY_ASSIGN(store::Rows rows, store_.read([&](store::Tx& tx) {
        return tx.query("SELECT s.user_id, s.expires_at_ms, s.revoked_at_ms, u.username, u.role, u.org_id, "
                        "u.disabled FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                        {token_hash});
    }));
    if (rows.empty()) return unauthenticated("unknown session token; sign in again");
    const store::Row& row = rows[0];
    if (!row.is_null(2)) return unauthenticated("the session has ended; sign in again");
    if (row.i64("expires_at_ms") <= clock_.now_ms()) return unauthenticated("the session has expired; sign in again");
    if (row.i64("disabled") != 0) return unauthenticated("the account is disabled");
    auto role = parse_role(row.text("role"));
    KL_ASSERT(role.has_value());
    return Principal{row.text("user_id"), row.text("username"), *role, row.opt_text("org_id"), token_hash, false};
}

Result<void> AuthService::check_csrf(const Principal& principal, const std::string& csrf_header) {
    if (csrf_header.empty()) {
        return fail(ErrorCode::permission_denied, "missing X-CSRF-Token header (copy it from the kl_csrf cookie)");
    }
    if (!is_token_shaped(csrf_header)) return fail(ErrorCode::permission_denied, "wrong CSRF token");
    KL_TRY_ASSIGN(store::Rows rows, store_.read([&](store::Tx& tx) {
        return tx.query("SELECT csrf_token_hash FROM sessions WHERE token_hash = $1", {principal.session_id});
    }));
    if (rows.empty()) return unauthenticated("unknown session; sign in again");
    if (!constant_time_equal(sha256_hex(csrf_header), rows[0].text("csrf_token_hash"))) {
        return fail(ErrorCode::permission_denied, "wrong CSRF token");
    }
    return ok();
}

Result<void> AuthService::logout(const Principal& principal) {
    if (principal.session_id.empty()) return unauthenticated("no session to end");
    const int64_t now = clock_.now_ms();
    return store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE sessions SET revoked_at_ms = $2 WHERE token_hash = $1 AND revoked_at_ms IS NULL",
                          {principal.session_id, now}));
        return ok();
    });
}

}  // namespace kl::access
