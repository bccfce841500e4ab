#include "access/user_service.h"

#include "audit/canonical_json.h"
#include "access/access_repo.h"
#include "access/login_throttle.h"
#include "access/organisation_service.h"
#include "access/permissions.h"
#include "core/field_errors.h"
#include "core/unicode_text.h"
#include "store/page.h"

namespace kl::access {

namespace {
// Ids and usernames are at most 64 characters; longer lookups cannot match and are not sent to SQL.
constexpr size_t lookup_chars_max = 64;

Error username_taken(const std::string& username) {
    Error error{ErrorCode::already_exists, "username '" + username + "' is already taken", {}};
    error.fields.push_back(FieldError{"username", ProblemCode::duplicate, "is already taken"});
    return error;
}

// Passwords may hold any characters (spaces and symbols included); only length and UTF-8 are checked.
void check_password(FieldErrors& errors, const std::string& field, const std::string& password) {
    const auto length = unicode::utf8_length(password);
    if (!length) {
        errors.add(field, ProblemCode::invalid_value, "must be valid UTF-8");
    } else if (*length < password_chars_min || *length > password_chars_max) {
        errors.add(field, ProblemCode::length_out_of_range, "must be " + std::to_string(password_chars_min) + " to " +
                              std::to_string(password_chars_max) + " characters long");
    }
}

// An org-scoped role needs an organisation; a programme-wide one has none.
void check_role_org(FieldErrors& errors, Role role, const std::optional<std::string>& org_id) {
    const std::string name(to_string(role));
    if (is_org_scoped(role) && (!org_id || org_id->empty())) {
        errors.add("org_id", ProblemCode::required, "is required for role " + name);
    } else if (!is_org_scoped(role) && org_id) {
        errors.add("org_id", ProblemCode::invalid_value, "must be absent for role " + name + ", which works across the programme");
    }
}

void check_new_user(FieldErrors& errors, const NewUser& user) {
    if (!is_valid_username(user.username)) {
        errors.add("username", ProblemCode::invalid_value, "must be " + std::to_string(username_chars_min) + " to " +
                                   std::to_string(username_chars_max) +
                                   " characters of a-z, 0-9, '.', '_' and '-'");
    }
    errors.check_text("display_name", user.display_name, display_name_chars_min, display_name_chars_max);
    check_password(errors, "password", user.password);
    check_role_org(errors, user.role, user.org_id);
}

std::string kinds_for(Role role) {
    std::string out;
    for (const OrgKind kind : all_org_kinds()) {
        if (!role_fits_org_kind(role, kind)) continue;
        if (!out.empty()) out += ", ";
        out += to_string(kind);
    }
    return out;
}

// Inside the write: the organisation must exist and be of a kind the role belongs to.
Result<void> check_user_org(store::Tx& tx, Role role, const std::optional<std::string>& org_id) {
    if (!org_id) return ok();
    KL_TRY_ASSIGN(std::optional<Organisation> org, find_organisation(tx, *org_id));
    if (!org) return fail_field("org_id", ProblemCode::unknown_reference, "organisation " + *org_id + " does not exist");
    KL_TRY_ASSIGN(const bool system, is_system_organisation(tx, org->id));
    if (system) return fail_field("org_id", ProblemCode::wrong_kind, "is a system organisation (walk-in customers): nobody signs in for it");
    if (!role_fits_org_kind(role, org->kind)) {
        return fail_field("org_id", ProblemCode::invalid_value, "role " + std::string(to_string(role)) + " needs an organisation of kind " +
                                        kinds_for(role) + "; this one is " + std::string(to_string(org->kind)));
    }
    return ok();
}
}  // namespace

bool is_valid_username(const std::string& username) {
    if (username.size() < username_chars_min || username.size() > username_chars_max) return false;
    for (const char c : username) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!allowed) return false;
    }
    return true;
}

struct UserService::Target {
    bool by_id = false;  // otherwise by username
    std::string value;
};

UserService::UserService(store::Store& store, const Clock& clock, IdGenerator& ids, UserOptions options)
    : store_(store), clock_(clock), ids_(ids), hasher_(options.password_cost), audit_(store.backend(), clock) {}

Result<User> UserService::add(const std::optional<Principal>& actor, const NewUser& user) {
    KL_TRY(require_role(actor, {Role::admin}));
    FieldErrors errors;
    check_new_user(errors, user);
    KL_TRY(errors.finish());

    // Hashing takes tens of milliseconds on purpose, so it happens before the write, never inside it.
    KL_TRY_ASSIGN(std::string password_hash, hasher_.hash(user.password));
    const int64_t now = clock_.now_ms();
    User created{ids_.next(), user.username, user.display_name, user.role, user.org_id, false, 0, now};
    auto written = store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(check_user_org(tx, user.role, user.org_id));
        KL_TRY_ASSIGN(bool taken, username_in_use(tx, user.username));
        if (taken) return fail(username_taken(user.username));
        KL_TRY(insert_user(tx, created, password_hash, now));
        audit::CanonicalJson body;
        body.add("id", created.id).add("username", created.username).add("display_name", created.display_name)
            .add("role", std::string(to_string(created.role))).add("org_id", created.org_id.value_or(""));
        KL_TRY(audit_.append(tx, audit::AuditEvent{actor_name(actor), "user.add", "user", created.id, body.str()}));
        return ok();
    });
    if (!written) {
        // Two adds of one username racing: the unique index answers for the one that lost.
        if (written.error().code == ErrorCode::already_exists) return fail(username_taken(user.username));
        return fail(std::move(written).error());
    }
    return created;
}

Result<void> UserService::set_password(const std::optional<Principal>& actor, const std::string& username,
                                       const std::string& password,
                                       const std::optional<std::string>& current_password) {
    return change_password(actor, Target{false, username}, password, current_password);
}

Result<void> UserService::set_password_by_id(const std::optional<Principal>& actor, const std::string& user_id,
                                             const std::string& password,
                                             const std::optional<std::string>& current_password) {
    return change_password(actor, Target{true, user_id}, password, current_password);
}

Result<void> UserService::change_password(const std::optional<Principal>& actor, const Target& target,
                                          const std::string& password,
                                          const std::optional<std::string>& current_password) {
    const bool self = actor && (target.by_id ? actor->user_id == target.value : actor->username == target.value);
    // Permission before lookup, so a non-admin cannot learn which users exist.
    if (actor && !self && actor->role != Role::admin) {
        return fail(ErrorCode::permission_denied, "only an admin may set another user's password");
    }
    FieldErrors errors;
    check_password(errors, "password", password);
    if (self && !current_password) errors.add("current_password", ProblemCode::required, "is required to change your own password");
    KL_TRY(errors.finish());

    if (target.value.size() > lookup_chars_max) {
        return fail(ErrorCode::not_found, "user " + target.value + " not found");
    }
    KL_TRY_ASSIGN(std::optional<StoredLogin> found, store_.read([&](store::Tx& tx) {
        return find_login(tx, target.by_id ? LoginLookup::by_id : LoginLookup::by_username, target.value);
    }));
    if (!found) return fail(ErrorCode::not_found, "user " + target.value + " not found");
    const std::string user_id = found->id;
    const std::string username = found->username;
    if (self && !hasher_.verify(found->password_hash, *current_password)) {
        return fail_field("current_password", ProblemCode::invalid_value, "does not match your current password");
    }

    KL_TRY_ASSIGN(std::string password_hash, hasher_.hash(password));
    const int64_t now = clock_.now_ms();
    // The caller's own session survives its own password change; every other session ends.
    const std::string keep_session = self ? actor->session_id : std::string();
    KL_TRY(store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(set_password_hash(tx, user_id, password_hash, now));
        // A new password lifts the guard on the username (login_throttle.h); addresses stay counted.
        KL_TRY(forget_throttle_keys(tx, {account_throttle_key(username)}));
        KL_TRY(end_sessions_of(tx, user_id, now, keep_session));
        // The audit row records that the password changed, never the password or its hash.
        audit::CanonicalJson body;
        body.add("id", user_id).add("sessions_revoked", true);
        KL_TRY(audit_.append(tx, audit::AuditEvent{actor_name(actor), "user.password", "user", user_id, body.str()}));
        return ok();
    }));
    if (sessions_revoked_) sessions_revoked_();
    return ok();
}

Result<User> UserService::update(const std::optional<Principal>& actor, const std::string& user_id,
                                 const UserChange& change) {
    KL_TRY(require_role(actor, {Role::admin}));
    if (user_id.empty() || user_id.size() > lookup_chars_max) return fail(ErrorCode::not_found, "user " + user_id + " not found");
    FieldErrors errors;
    if (change.display_name) errors.check_text("display_name", *change.display_name, display_name_chars_min, display_name_chars_max);
    const bool self = actor && actor->user_id == user_id;
    // An admin cannot lock itself out: another admin (or the command line) must do it.
    if (self && change.disabled.value_or(false)) errors.add("disabled", ProblemCode::invalid_value, "you cannot disable yourself");
    if (self && change.role && *change.role != Role::admin) {
        errors.add("role", ProblemCode::invalid_value, "you cannot take away your own admin role");
    }
    KL_TRY(errors.finish());
    const int64_t now = clock_.now_ms();
    bool revoked = false;
    KL_TRY_ASSIGN(User updated, store_.write([&](store::Tx& tx) -> Result<User> {
        KL_TRY_ASSIGN(std::optional<User> found, find_user(tx, user_id));
        if (!found) return fail(ErrorCode::not_found, "user " + user_id + " not found");
        User user = *found;
        if (change.display_name) user.display_name = *change.display_name;
        if (change.role) user.role = *change.role;
        if (change.org_id) user.org_id = *change.org_id;
        if (change.disabled) user.disabled = *change.disabled;
        // The organisation follows the role: a new programme-wide role drops it unless one is named.
        if (change.role && !change.org_id && !is_org_scoped(user.role)) user.org_id.reset();
        FieldErrors combination;
        check_role_org(combination, user.role, user.org_id);
        KL_TRY(combination.finish());
        KL_TRY(check_user_org(tx, user.role, user.org_id));
        KL_TRY(update_user(tx, user, now));
        // Whoever the sessions were opened for is no longer who the user is: every session ends.
        revoked = user.role != found->role || user.org_id != found->org_id || user.disabled != found->disabled;
        if (revoked) KL_TRY(end_sessions_of(tx, user.id, now, std::string()));
        audit::CanonicalJson body;
        body.add("id", user.id).add("display_name", user.display_name).add("role", std::string(to_string(user.role)))
            .add("org_id", user.org_id.value_or("")).add("disabled", user.disabled).add("sessions_revoked", revoked);
        KL_TRY(audit_.append(tx, audit::AuditEvent{actor_name(actor), "user.update", "user", user.id, body.str()}));
        return user;
    }));
    if (revoked && sessions_revoked_) sessions_revoked_();
    return updated;
}

Result<User> UserService::get(const std::optional<Principal>& actor, const std::string& user_id) {
    if (actor && actor->role != Role::admin && actor->role != Role::auditor && actor->user_id != user_id) {
        return fail(ErrorCode::permission_denied,
                    "role " + std::string(to_string(actor->role)) + " may read only its own user");
    }
    if (user_id.empty() || user_id.size() > lookup_chars_max) {
        return fail(ErrorCode::not_found, "user " + user_id + " not found");
    }
    KL_TRY_ASSIGN(std::optional<User> found, store_.read([&](store::Tx& tx) { return find_user(tx, user_id); }));
    if (!found) return fail(ErrorCode::not_found, "user " + user_id + " not found");
    return std::move(*found);
}

Result<UserPage> UserService::list(const std::optional<Principal>& actor, int limit,
                                   const std::optional<std::string>& cursor) {
    KL_TRY(require_role(actor, {Role::admin, Role::auditor}));
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    UserPage page;
    KL_TRY_ASSIGN(page.users, store_.read([&](store::Tx& tx) { return list_users(tx, after, limit); }));
    page.next_cursor = store::finish_page(page.users, limit, [](const auto& item) { return item.id; });
    return page;
}

}  // namespace kl::access
