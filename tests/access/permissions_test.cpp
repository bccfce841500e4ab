// The organisation rule table of permissions.h, checked role by role without a database.
#include "access/permissions.h"

#include <gtest/gtest.h>

namespace kl::access {
namespace {

Principal as(Role role) {
    Principal principal{"user-1", "someone", role, std::nullopt, "", false};
    if (is_org_scoped(role)) principal.org_id = "org-own";
    return principal;
}

struct OrgRule {
    Role role;
    bool read_own, write_own, read_other, write_other;
};

// Mirrors the table in permissions.h; a change to the rules must change both.
const OrgRule org_rules[] = {
    {Role::admin, true, true, true, true},
    {Role::fund_officer, true, true, true, true},
    {Role::auditor, true, false, true, false},
    {Role::county_officer, true, true, false, false},
    {Role::producer, true, true, false, false},
    {Role::buyer, true, true, false, false},
    {Role::logistics, true, true, false, false},
};

TEST(Permissions, OrganisationRuleTable) {
    for (const auto& rule : org_rules) {
        const Principal principal = as(rule.role);
        const std::string role(to_string(rule.role));
        auto check = [&](const std::string& org, AccessKind kind, bool allowed) {
            auto result = require_org_access(principal, org, kind);
            EXPECT_EQ(result.has_value(), allowed) << role << " " << to_string(kind) << " " << org;
            if (!result) {
                EXPECT_EQ(result.error().code, ErrorCode::permission_denied);
            }
        };
        check("org-own", AccessKind::read, rule.read_own);
        check("org-own", AccessKind::write, rule.write_own);
        check("org-other", AccessKind::read, rule.read_other);
        check("org-other", AccessKind::write, rule.write_other);
    }
}

TEST(Permissions, EveryRoleIsInTheTable) {
    EXPECT_EQ(all_roles().size(), std::size(org_rules));
}

TEST(Permissions, ScopeOfEachRole) {
    EXPECT_FALSE(is_org_scoped(Role::admin));
    EXPECT_FALSE(is_org_scoped(Role::fund_officer));
    EXPECT_FALSE(is_org_scoped(Role::auditor));
    EXPECT_TRUE(is_org_scoped(Role::county_officer));
    EXPECT_TRUE(is_org_scoped(Role::producer));
    EXPECT_TRUE(is_org_scoped(Role::buyer));
    EXPECT_TRUE(is_org_scoped(Role::logistics));
}

TEST(Permissions, RequireRole) {
    EXPECT_TRUE(require_role(as(Role::admin), {Role::admin}).has_value());
    EXPECT_TRUE(require_role(as(Role::buyer), {Role::admin, Role::buyer}).has_value());
    auto refused = require_role(as(Role::producer), {Role::admin, Role::fund_officer});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_NE(refused.error().message.find("producer"), std::string::npos);
    EXPECT_NE(refused.error().message.find("fund_officer"), std::string::npos);
}

TEST(Permissions, CommandLineIsTrusted) {
    const std::optional<Principal> command_line;
    EXPECT_TRUE(require_role(command_line, {Role::admin}).has_value());
    EXPECT_TRUE(require_org_access(command_line, "any", AccessKind::write).has_value());
    EXPECT_FALSE(visible_org(command_line).has_value());
}

TEST(Permissions, AuditorNeverWrites) {
    auto refused = require_writer(as(Role::auditor));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(require_writer(as(Role::admin)).has_value());
}

TEST(Permissions, VisibleOrganisation) {
    EXPECT_EQ(visible_org(as(Role::producer)), std::optional<std::string>("org-own"));
    EXPECT_EQ(visible_org(as(Role::county_officer)), std::optional<std::string>("org-own"));
    EXPECT_FALSE(visible_org(as(Role::fund_officer)).has_value());
    EXPECT_FALSE(visible_org(as(Role::auditor)).has_value());
}

TEST(Roles, NamesRoundTrip) {
    for (const Role role : all_roles()) {
        auto parsed = parse_role(to_string(role));
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, role);
    }
    auto unknown = parse_role("superuser");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().fields.at(0).field, "role");
    EXPECT_FALSE(parse_role("Admin").has_value());
}

}  // namespace
}  // namespace kl::access
