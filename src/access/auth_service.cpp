#include "access/auth_service.h"

#include "access/access_repo.h"
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

struct AuthService::Candidate : StoredLogin {};

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
    std::optional<StoredLogin> found;
    KL_TRY(store_.read([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(wait_ms, throttle_.wait_ms(tx, keys.address, keys.account, now));
        // Usernames are stored as their own key ([a-z0-9._-]), so "Alice " or a full-width "ａｌｉｃｅ"
        // typed at sign-in is the account alice.
        KL_TRY_ASSIGN(found, find_login(tx, LoginLookup::by_username, identifier_key(username)));
        return ok();
    }));
    // Refused before any hashing, by counters that do not depend on whether the user exists: a
    // guessing attack gets no answer and costs no CPU, and learns nothing about the username.
    if (wait_ms > 0) return fail(ErrorCode::resource_exhausted, std::string(throttled));
    if (!found) {
        // Same work and the same counting as a wrong password, so neither the answer, its time nor
        // the throttling that follows tells which usernames exist.
        (void)hasher_.verify(dummy_hash_, password);
        KL_TRY(record_failure(keys, now));
        return unauthenticated(invalid_credentials);
    }
    const Candidate user{*found};
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
        KL_TRY_ASSIGN(bool unchanged, confirm_sign_in(tx, user.id, user.password_hash, new_hash));
        if (!unchanged) return unauthenticated("the account changed during sign-in; try again");
        KL_TRY(throttle_.record_success(tx, keys.address, keys.account));
        KL_TRY(purge_sessions(tx, now_ms - ended_session_retention_ms));
        return insert_session(tx, NewSession{token_hash, user.id, sha256_hex(result.csrf_token), now_ms,
                                             result.expires_at_ms, remote_address});
    };
    KL_TRY(store_.write(job));
    result.principal = Principal{user.id, user.username, user.role, user.org_id, token_hash, false};
    return result;
}

Result<Principal> AuthService::authenticate(const std::string& token) {
    if (!is_token_shaped(token)) return unauthenticated("missing or malformed session token");
    const std::string token_hash = sha256_hex(token);
    KL_TRY_ASSIGN(std::optional<SessionUser> session, session_of(token_hash, clock_.now_ms()));
    if (!session) return unauthenticated("unknown session token; sign in again");
    if (session->revoked) return unauthenticated("the session has ended; sign in again");
    if (session->expires_at_ms <= clock_.now_ms()) return unauthenticated("the session has expired; sign in again");
    if (session->disabled) return unauthenticated("the account is disabled");
    return Principal{session->user_id, session->username, session->role, session->org_id, token_hash, false};
}

Result<void> AuthService::check_csrf(const Principal& principal, const std::string& csrf_header) {
    if (csrf_header.empty()) {
        return fail(ErrorCode::permission_denied, "missing X-CSRF-Token header (copy it from the kl_csrf cookie)");
    }
    if (!is_token_shaped(csrf_header)) return fail(ErrorCode::permission_denied, "wrong CSRF token");
    KL_TRY_ASSIGN(std::optional<SessionUser> session, session_of(principal.session_id, clock_.now_ms()));
    if (!session) return unauthenticated("unknown session; sign in again");
    if (!constant_time_equal(sha256_hex(csrf_header), session->csrf_token_hash)) {
        return fail(ErrorCode::permission_denied, "wrong CSRF token");
    }
    return ok();
}

Result<void> AuthService::logout(const Principal& principal) {
    if (principal.session_id.empty()) return unauthenticated("no session to end");
    const int64_t now = clock_.now_ms();
    KL_TRY(store_.write([&](store::Tx& tx) { return end_session(tx, principal.session_id, now); }));
    sessions_.revoked();
    return ok();
}

Result<std::optional<SessionUser>> AuthService::session_of(const std::string& token_hash, int64_t now_ms) {
    if (sessions_.epoch_due(now_ms)) {
        KL_TRY_ASSIGN(int64_t epoch, store_.read([](store::Tx& tx) { return read_auth_epoch(tx); }));
        sessions_.observe_epoch(epoch, now_ms);
    }
    if (auto cached = sessions_.find(token_hash, now_ms)) return cached;
    // The epoch is taken before the read: if a revocation lands in between, the entry is not kept.
    const int64_t epoch = sessions_.epoch();
    KL_TRY_ASSIGN(std::optional<SessionUser> session,
                  store_.read([&](store::Tx& tx) { return find_session(tx, token_hash); }));
    // Ended and disabled sessions are kept too (a revoked token tried again costs no read); an unknown
    // token is not (made-up tokens would fill the cache).
    if (session) sessions_.put(token_hash, *session, epoch, now_ms);
    return session;
}

}  // namespace kl::access
