#pragma once
// Who is acting. Services receive a Principal and check permissions themselves (DESIGN.md:
// "enforced in the services, not the web page").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kl::access {

enum class Role { admin, fund_officer, county_officer, producer, buyer, logistics, auditor };

std::string_view to_string(Role role);
Result<Role> parse_role(std::string_view text);
// Organisation-scoped roles must carry an organisation id and see only their organisation's records.
bool is_org_scoped(Role role);
// Every role, in declaration order (for tables such as the permission matrix).
const std::vector<Role>& all_roles();

struct Principal {
    std::string user_id;
    std::string username;
    Role role = Role::auditor;
    std::optional<std::string> org_id;   // set for org-scoped roles
    std::string session_id;              // the session row (token hash key), for logout
    bool via_cookie = false;             // console session: writes need the CSRF token
};

}  // namespace kl::access
