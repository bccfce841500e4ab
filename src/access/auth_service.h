#pragma once
// Sign-in and sessions. Passwords are argon2id hashes (libsodium crypto_pwhash_str). A session is an
// opaque random token given to the client once and stored only as its SHA-256 hash, so a database
// leak does not leak live sessions. Verified sessions are kept in memory (session_cache.h), trusted
// only until something revokes them. Console sessions also carry a CSRF token (double-submit: the
// kl_csrf cookie is readable by the page and must be echoed in X-CSRF-Token on every write).

#include <cstdint>
#include <string>
#include <string_view>

#include "access/authenticator.h"
#include "access/login_throttle.h"
#include "access/password.h"
#include "access/principal.h"
#include "access/session_cache.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::access {

// Sessions that ended (expired or revoked) are kept this long for inspection, then purged at sign-in.
inline constexpr int64_t ended_session_retention_ms = 30LL * 24 * 3600 * 1000;
// Bounds the work one sign-in may ask for; longer inputs are refused before any hashing.
inline constexpr size_t login_username_bytes_max = 64;

// Sign-in throttling (login_throttle.h): failures on one username from anywhere guard it, so that
// only addresses that have not failed may try it; failures from one address refuse that address.
struct AuthOptions {
    int64_t session_ttl_s = 12 * 3600;
    int login_failures_max = 5;            // failures on one username before it is guarded
    int login_address_failures_max = 20;   // failures from one address before it is refused
    int64_t login_lockout_s = 15 * 60;     // how long a guard or refusal lasts, and a failure is remembered
    PasswordCost password_cost = PasswordCost::interactive();
};

struct LoginResult {
    std::string token;       // give to the client; never stored in clear
    std::string csrf_token;  // for console sessions
    int64_t expires_at_ms = 0;
    Principal principal;
};

class AuthService final : public Authenticator {
public:
    AuthService(store::Store& store, const Clock& clock, IdGenerator& ids, AuthOptions options);

    // Wrong user and wrong password give the same unauthenticated error (no user enumeration), after
    // the same hashing work. A throttled attempt (login_throttle.h) answers resource_exhausted before
    // any hashing, alike for known and unknown usernames; sign_in_wait_s says for how long.
    Result<LoginResult> login(const std::string& username, const std::string& password,
                              const std::string& remote_address);
    // Seconds (rounded up) before `remote_address` may try `username` again; 0: now. For Retry-After.
    Result<int64_t> sign_in_wait_s(const std::string& username, const std::string& remote_address);
    // Resolves a bearer token or session cookie value; unauthenticated if unknown, expired or revoked.
    Result<Principal> authenticate(const std::string& token) override;
    // For cookie sessions on unsafe methods: the header value must equal the session's CSRF token.
    Result<void> check_csrf(const Principal& principal, const std::string& csrf_header) override;
    Result<void> logout(const Principal& principal);
    // Another service of this process revoked sessions (UserService: a password, role or organisation
    // changed, a user disabled): the cached ones are dropped at once (session_cache.h).
    void forget_cached_sessions() { sessions_.revoked(); }

    const AuthOptions& options() const { return options_; }

private:
    struct Candidate;
    struct Keys;
    Result<void> record_failure(const Keys& keys, int64_t now_ms);
    // `new_hash` replaces the stored hash (the same one unless it was upgraded to current parameters).
    Result<LoginResult> open_session(const Candidate& user, const std::string& new_hash, const Keys& keys,
                                     const std::string& remote_address, int64_t now_ms);
    // The session of `token_hash` from memory, or read (and kept) when not there or no longer trusted.
    Result<std::optional<SessionUser>> session_of(const std::string& token_hash, int64_t now_ms);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuthOptions options_;
    PasswordHasher hasher_;
    LoginThrottle throttle_;
    // A hash of a random password, verified against when the username is unknown so that an unknown
    // user costs the same time as a wrong password.
    std::string dummy_hash_;
    SessionCache sessions_;
};

}  // namespace kl::access
