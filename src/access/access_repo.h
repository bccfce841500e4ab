#pragma once
// The SQL of the access module (users, sessions, organisations' identity rows, the sign-in
// throttle), inside a caller's transaction, with no permission checks.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/access_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::access {

// ---- users -------------------------------------------------------------------------------------

// What signing in (or changing a password) checks a password against.
struct StoredLogin {
    std::string id, username, password_hash;
    Role role = Role::auditor;
    std::optional<std::string> org_id;
    bool disabled = false;
};
enum class LoginLookup { by_username, by_id };
Result<std::optional<StoredLogin>> find_login(store::Tx& tx, LoginLookup lookup, const std::string& value);
// The user's password hash is still `checked_hash` and the account enabled: stores `new_hash` and
// clears the failure counts. false when the account changed since it was read.
Result<bool> confirm_sign_in(store::Tx& tx, const std::string& user_id, const std::string& checked_hash,
                             const std::string& new_hash);
// Shows the user (if there is one) as locked until `until_ms`, unless already locked longer.
Result<void> raise_user_lock(store::Tx& tx, const std::string& username, int64_t until_ms);
Result<bool> username_in_use(store::Tx& tx, const std::string& username);
Result<void> insert_user(store::Tx& tx, const User& user, const std::string& password_hash, int64_t now_ms);
// A new password hash, failure counts cleared.
Result<void> set_password_hash(store::Tx& tx, const std::string& user_id, const std::string& password_hash,
                               int64_t now_ms);
Result<std::optional<User>> find_user(store::Tx& tx, const std::string& user_id);
// Writes the user's display name, role, organisation and disabled flag as `user` holds them.
Result<void> update_user(store::Tx& tx, const User& user, int64_t now_ms);
// A keyset page of users by id after `after`: page_rows_to_fetch(limit) rows (store/page.h).
Result<std::vector<User>> list_users(store::Tx& tx, const std::optional<std::string>& after, int limit);

// ---- sessions ----------------------------------------------------------------------------------

struct NewSession {
    std::string token_hash, user_id, csrf_token_hash;
    int64_t created_at_ms = 0, expires_at_ms = 0;
    std::string remote_address;
};
Result<void> insert_session(store::Tx& tx, const NewSession& session);
// Forgets sessions that expired before `before_ms`.
Result<void> purge_sessions(store::Tx& tx, int64_t before_ms);
// A session with its user, as a request authenticates with it.
struct SessionUser {
    std::string user_id, username;
    Role role = Role::auditor;
    std::optional<std::string> org_id;
    bool disabled = false, revoked = false;
    int64_t expires_at_ms = 0;
    std::string csrf_token_hash;
};
Result<std::optional<SessionUser>> find_session(store::Tx& tx, const std::string& token_hash);
// Both end sessions and advance the auth epoch (below) in the caller's transaction.
Result<void> end_session(store::Tx& tx, const std::string& token_hash, int64_t now_ms);
// Ends every open session of the user but `keep_token_hash`'s (none kept when it is empty).
Result<void> end_sessions_of(store::Tx& tx, const std::string& user_id, int64_t now_ms, const std::string& keep_token_hash);
// The counter every revocation advances (migration 0026, session_cache.h): a process whose cached
// sessions were read under an older value drops them.
Result<int64_t> read_auth_epoch(store::Tx& tx);
Result<void> advance_auth_epoch(store::Tx& tx);

// ---- organisations' identity rows --------------------------------------------------------------

Result<std::optional<Organisation>> find_organisation_row(store::Tx& tx, const std::string& org_id);
Result<void> insert_organisation(store::Tx& tx, const Organisation& organisation);
// A system organisation (0023_system_organisations.sql: the walk-in buyer) has no users.
Result<bool> is_system_organisation(store::Tx& tx, const std::string& org_id);
// A keyset page of organisations by id (only `only_org` when given, of one kind when given) after
// `after`: page_rows_to_fetch(limit) rows.
Result<std::vector<Organisation>> list_organisations(store::Tx& tx, const std::optional<std::string>& only_org,
                                                     const std::optional<OrgKind>& kind,
                                                     const std::optional<std::string>& after, int limit);

// ---- the sign-in throttle (login_throttle.h) ----------------------------------------------------

struct ThrottleRow {
    std::string key;
    int64_t failures = 0, locked_until_ms = 0;
};
// The rows of the keys whose last failure came after `since_ms`.
Result<std::vector<ThrottleRow>> recent_throttle_rows(store::Tx& tx, const std::string& key_a, const std::string& key_b,
                                                      int64_t since_ms);
// Counts one failure of `key` at `now_ms` (a row last failed at or before `forgotten_before_ms`
// starts again at 1); at `failures_max` failures the key is locked until `locked_until_ms`.
// Returns the key's locked_until_ms.
Result<int64_t> count_throttle_failure(store::Tx& tx, const std::string& key, int64_t now_ms, int64_t forgotten_before_ms,
                                       int64_t failures_max, int64_t locked_until_ms);
// Forgets rows last failed at or before `before_ms`, then the oldest beyond `rows_max`.
Result<void> bound_throttle_rows(store::Tx& tx, int64_t before_ms, int64_t rows_max);
Result<void> forget_throttle_keys(store::Tx& tx, const std::vector<std::string>& keys);

}  // namespace kl::access
