#pragma once
// Who is acting. Services receive a Principal and check permissions themselves (DESIGN.md:
// "enforced in the services, not the web page").

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/result.h"

namespace kl::access {

enum class Role { admin, fund_officer, county_officer, producer, buyer, logistics, auditor };

constexpr auto enum_table(Role) {
    using enum Role;
    return enum_table_of<Role>({{admin, "admin"},
                                {fund_officer, "fund_officer"},
                                {county_officer, "county_officer"},
                                {producer, "producer"},
                                {buyer, "buyer"},
                                {logistics, "logistics"},
                                {auditor, "auditor"}});
}
using kl::to_string;  // the names come from the table above (core/enum_names.h)
// invalid_argument naming `role` for anything but the seven roles.
inline Result<Role> parse_role(std::string_view text) { return parse_enum<Role>(text, "role", "role"); }
// Organisation-scoped roles must carry an organisation id and see only their organisation's records.
bool is_org_scoped(Role role);
// Every role, in declaration order (for tables such as the permission matrix).
constexpr std::span<const Role> all_roles() { return enum_values<Role>(); }

struct Principal {
    std::string user_id;
    std::string username;
    Role role = Role::auditor;
    std::optional<std::string> org_id;   // set for org-scoped roles
    std::string session_id;              // the session row (token hash key), for logout
    bool via_cookie = false;             // console session: writes need the CSRF token
};

// The actor as the audit trail names it: the user id, or "cli" for the trusted command line.
inline std::string actor_name(const std::optional<Principal>& actor) { return actor ? actor->user_id : "cli"; }
// The acting user's id for a created_by / requested_by column: nullopt for the command line.
inline std::optional<std::string> user_id_of(const std::optional<Principal>& actor) {
    return actor ? std::optional<std::string>(actor->user_id) : std::nullopt;
}

}  // namespace kl::access
