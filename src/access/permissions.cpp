#include "access/permissions.h"

#include <string>

namespace kl::access {

std::string_view to_string(AccessKind kind) { return kind == AccessKind::read ? "read" : "write"; }

Result<void> require_role(const Principal& principal, std::initializer_list<Role> allowed) {
    for (const Role role : allowed) {
        if (principal.role == role) return ok();
    }
    std::string names;
    for (const Role role : allowed) {
        if (!names.empty()) names += ", ";
        names += to_string(role);
    }
    return fail(ErrorCode::permission_denied,
                "role " + std::string(to_string(principal.role)) + " may not do this; allowed: " + names);
}

Result<void> require_role(const std::optional<Principal>& actor, std::initializer_list<Role> allowed) {
    if (!actor) return ok();
    return require_role(*actor, allowed);
}

Result<void> require_writer(const Principal& principal) {
    if (principal.role == Role::auditor) {
        return fail(ErrorCode::permission_denied, "role auditor reads records but never changes them");
    }
    return ok();
}

Result<void> require_org_access(const Principal& principal, const std::string& org_id, AccessKind kind) {
    if (kind == AccessKind::write) KL_TRY(require_writer(principal));
    if (is_programme_wide(principal.role)) return ok();
    // An organisation-scoped principal without an organisation is a bug in whoever built it (the
    // database CHECK and the user service both refuse such a user).
    KL_ASSERT(principal.org_id.has_value());
    if (*principal.org_id == org_id) return ok();
    return fail(ErrorCode::permission_denied,
                "role " + std::string(to_string(principal.role)) + " may " + std::string(to_string(kind)) +
                    " only its own organisation's records");
}

Result<void> require_org_access(const std::optional<Principal>& actor, const std::string& org_id,
                                AccessKind kind) {
    if (!actor) return ok();
    return require_org_access(*actor, org_id, kind);
}

std::optional<std::string> visible_org(const Principal& principal) {
    if (is_programme_wide(principal.role)) return std::nullopt;
    KL_ASSERT(principal.org_id.has_value());
    return principal.org_id;
}

std::optional<std::string> visible_org(const std::optional<Principal>& actor) {
    if (!actor) return std::nullopt;
    return visible_org(*actor);
}

}  // namespace kl::access
