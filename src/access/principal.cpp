#include "access/principal.h"

#include <array>
#include <string>

namespace kl::access {

namespace {
struct RoleName {
    Role role;
    std::string_view name;
};
constexpr std::array<RoleName, 7> role_names{{
    {Role::admin, "admin"},
    {Role::fund_officer, "fund_officer"},
    {Role::county_officer, "county_officer"},
    {Role::producer, "producer"},
    {Role::buyer, "buyer"},
    {Role::logistics, "logistics"},
    {Role::auditor, "auditor"},
}};
}  // namespace

std::string_view to_string(Role role) {
    for (const auto& entry : role_names) {
        if (entry.role == role) return entry.name;
    }
    KL_ASSERT(false && "every Role has a name");
    return "";
}

Result<Role> parse_role(std::string_view text) {
    for (const auto& entry : role_names) {
        if (entry.name == text) return entry.role;
    }
    return fail_field("role", ProblemCode::not_one_of, "unknown role '" + std::string(text) +
                                  "'; expected one of admin, fund_officer, county_officer, producer, buyer, "
                                  "logistics, auditor");
}

const std::vector<Role>& all_roles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> out;
        for (const auto& entry : role_names) out.push_back(entry.role);
        return out;
    }();
    return roles;
}

// DESIGN.md: producers, buyers and logistics firms act for their own organisation. A county officer
// acts for its county's branch, which is an organisation of kind `agency`, so it is organisation-scoped
// too (the catalog widens this to the county's producers through its own county rule). Admins, fund
// officers (Front Command) and auditors work across the whole programme.
bool is_org_scoped(Role role) {
    switch (role) {
        case Role::producer:
        case Role::buyer:
        case Role::logistics:
        case Role::county_officer:
            return true;
        case Role::admin:
        case Role::fund_officer:
        case Role::auditor:
            return false;
    }
    return false;
}

}  // namespace kl::access
