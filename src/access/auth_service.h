#pragma once
// Sign-in and sessions. Passwords are argon2id hashes (libsodium crypto_pwhash_str). A session is an
// opaque random token given to the client once and stored only as its SHA-256 hash, so a database
// leak does not leak live sessions. Console sessions also carry a CSRF token (double-submit: the
// kl_csrf cookie is readable by the page and must be echoed in X-CSRF-Token on every write).

#include <cstdint>
#include <string>
#include <string_view>

#include "access/authenticator.h"
#include "access/password.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::access {

// Sessions that ended (expired or revoked) are kept this long for inspection, then purged at sign-in.
inline constexpr int64_t ended_session_retention_ms = 30LL * 24 * 3600 * 1000;
// Bounds the work one sign-in may ask for; longer inputs are refused before any hashing.
inline constexpr size_t login_username_bytes_max = 64;

struct AuthOptions {
    int64_t session_ttl_s = 12 * 3600;
    int login_failures_max = 5;     // consecutive failures before the account locks
    int64_t login_lockout_s = 15 * 60;
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
    // the same hashing work. A locked account answers resource_exhausted until the lockout ends.
    Result<LoginResult> login(const std::string& username, const std::string& password,
                              const std::string& remote_address);
    // Resolves a bearer token or session cookie value; unauthenticated if unknown, expired or revoked.
    Result<Principal> authenticate(const std::string& token) override;
    // For cookie sessions on unsafe methods: the header value must equal the session's CSRF token.
    Result<void> check_csrf(const Principal& principal, const std::string& csrf_header) override;
    Result<void> logout(const Principal& principal);

    const AuthOptions& options() const { return options_; }

private:
    struct Candidate;
    Result<void> record_failure(const std::string& user_id, int64_t now_ms);
    // `new_hash` replaces the stored hash (the same one unless it was upgraded to current parameters).
    Result<LoginResult> open_session(const Candidate& user, const std::string& new_hash,
                                     const std::string& remote_address, int64_t now_ms);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    AuthOptions options_;
    PasswordHasher hasher_;
    // A hash of a random password, verified against when the username is unknown so that an unknown
    // user costs the same time as a wrong password.
    std::string dummy_hash_;
};

}  // namespace kl::access
