#pragma once
// Users: username, display name, role, organisation (for org-scoped roles), argon2id password hash.
//
// Who may do what (checked here, not in the web page):
//   add              admin, or the trusted command line (actor == nullopt)
//   set_password     admin or the command line for anyone; any user for itself, giving its current
//                    password (a stolen session alone cannot take over the account)
//   get              admin and auditor: anyone; every other role: only itself
//   list             admin and auditor (and the command line)
//   update           admin or the command line: display name, role and organisation, disabled; a
//                    change of role, organisation or disabled ends every session of the user (an
//                    admin cannot disable itself or take away its own admin role)

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "access/access_types.h"
#include "access/password.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::access {

inline constexpr size_t username_chars_min = 3;
inline constexpr size_t username_chars_max = 64;
inline constexpr size_t display_name_chars_min = 1;
inline constexpr size_t display_name_chars_max = 100;

struct NewUser {
    std::string username;      // 3–64 chars of [a-z0-9._-]
    std::string display_name;  // 1–100 chars
    std::string password;      // 10–256 chars
    Role role = Role::auditor;
    std::optional<std::string> org_id;  // required for org-scoped roles, refused for others
};

// PATCH /api/v1/users/{id}: what is given changes, the rest stays. `org_id` holds the new value
// when given (absent for a role that works across the programme).
struct UserChange {
    std::optional<std::string> display_name;
    std::optional<Role> role;
    std::optional<std::optional<std::string>> org_id;
    std::optional<bool> disabled;
};

struct UserPage {
    std::vector<User> users;
    std::optional<std::string> next_cursor;
};

struct UserOptions {
    PasswordCost password_cost = PasswordCost::interactive();
};

// True for 3–64 characters of [a-z0-9._-].
bool is_valid_username(const std::string& username);

class UserService {
public:
    UserService(store::Store& store, const Clock& clock, IdGenerator& ids, UserOptions options = {});

    // `actor` is nullopt for the command line (trusted local operator).
    Result<User> add(const std::optional<Principal>& actor, const NewUser& user);
    // Sets a new password, clears any lockout and signs the user out everywhere else (all its other
    // sessions are revoked). `current_password` is required when a user changes its own password.
    Result<void> set_password(const std::optional<Principal>& actor, const std::string& username,
                              const std::string& password,
                              const std::optional<std::string>& current_password = std::nullopt);
    Result<void> set_password_by_id(const std::optional<Principal>& actor, const std::string& user_id,
                                    const std::string& password,
                                    const std::optional<std::string>& current_password = std::nullopt);
    Result<User> get(const std::optional<Principal>& actor, const std::string& user_id);
    Result<UserPage> list(const std::optional<Principal>& actor, int limit, const std::optional<std::string>& cursor);
    Result<User> update(const std::optional<Principal>& actor, const std::string& user_id, const UserChange& change);

    // Called after this service revoked sessions (a password, role or organisation changed, a user
    // disabled), so that the process's session cache drops them at once (AuthService::forget_cached_sessions);
    // other processes see the database's auth epoch move (session_cache.h).
    void on_sessions_revoked(std::function<void()> hook) { sessions_revoked_ = std::move(hook); }

private:
    struct Target;
    Result<void> change_password(const std::optional<Principal>& actor, const Target& target,
                                 const std::string& password, const std::optional<std::string>& current_password);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    PasswordHasher hasher_;
    audit::AuditTrail audit_;  // user changes join the hash-chained audit trail (issue 5)
    std::function<void()> sessions_revoked_;
};

}  // namespace kl::access
