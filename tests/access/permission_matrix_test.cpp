// THE PERMISSION MATRIX: every role × every access route × own/other organisation, through the real
// server with real sign-in (tests/support/access_fixture.h). Later modules add their own tables the
// same way: one line per route and target, one expected status per role. The catalog's table (which
// needs seeded products and certifications) is tests/catalog/catalog_permission_matrix_test.cpp.
#include <gtest/gtest.h>

#include <array>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "support/access_fixture.h"

namespace kl::test {
namespace {

using access::Role;

// Columns, in all_roles() order.
constexpr std::array<Role, 7> columns = {Role::admin,    Role::fund_officer, Role::county_officer, Role::producer,
                                         Role::buyer,    Role::logistics,    Role::auditor};

struct RouteLine {
    const char* method;
    const char* path;
    const char* body;
    Target target;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};

// clang-format off
const RouteLine access_table[] = {
    // Everyone reads themselves.
    {"GET", "/api/v1/me", "", Target::own,                                   {200, 200, 200, 200, 200, 200, 200}},
    // Users: admin and auditor read everyone; only admin writes; each user may read itself and set
    // its own password (giving the current one).
    {"GET", "/api/v1/users", "", Target::own,                                {200, 403, 403, 403, 403, 403, 200}},
    {"POST", "/api/v1/users",
     R"({"username":"new.user{unique}","display_name":"New","password":"{password}","role":"auditor"})",
     Target::own,                                                            {201, 403, 403, 403, 403, 403, 403}},
    {"GET", "/api/v1/users/{user}", "", Target::own,                         {200, 200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/users/{user}", "", Target::other,                       {200, 403, 403, 403, 403, 403, 200}},
    {"PUT", "/api/v1/users/{user}/password",
     R"({"password":"{password}","current_password":"{password}"})", Target::own,
                                                                             {204, 204, 204, 204, 204, 204, 204}},
    {"PUT", "/api/v1/users/{user}/password", R"({"password":"{password}"})", Target::other,
                                                                             {204, 403, 403, 403, 403, 403, 403}},
    // Only admin changes users (name, role, organisation, disabled), itself included.
    {"PATCH", "/api/v1/users/{user}", R"({"display_name":"Renamed {unique}"})", Target::own,
                                                                             {200, 403, 403, 403, 403, 403, 403}},
    {"PATCH", "/api/v1/users/{user}", R"({"display_name":"Renamed {unique}"})", Target::other,
                                                                             {200, 403, 403, 403, 403, 403, 403}},
    // Organisations: programme-wide roles read all, organisation-scoped roles only their own; admin
    // creates.
    {"GET", "/api/v1/organisations", "", Target::own,                        {200, 200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/organisations/{org}", "", Target::own,                  {200, 200, 200, 200, 200, 200, 200}},
    {"GET", "/api/v1/organisations/{org}", "", Target::other,                {200, 200, 403, 403, 403, 403, 200}},
    // The organisation routes are the catalog's (a household needs only a name and a county).
    {"POST", "/api/v1/organisations", R"({"name":"Matrix Org {unique}","kind":"household","county":"zepu"})",
     Target::own,
                                                                             {201, 403, 403, 403, 403, 403, 403}},
};
// clang-format on

std::vector<MatrixRow> rows_of(const RouteLine* begin, const RouteLine* end) {
    std::vector<MatrixRow> rows;
    for (const RouteLine* line = begin; line != end; ++line) {
        for (size_t column = 0; column < columns.size(); ++column) {
            rows.push_back(MatrixRow{columns[column], line->method, line->path, line->body, line->target,
                                     line->status[column]});
        }
    }
    return rows;
}

TEST(PermissionMatrix, ColumnsAreEveryRole) {
    ASSERT_EQ(access::all_roles().size(), columns.size());
    for (size_t i = 0; i < columns.size(); ++i) EXPECT_EQ(access::all_roles()[i], columns[i]);
    EXPECT_EQ(matrix_columns, columns) << "the modules' matrices (matrix_rows) use the same columns";
}

class PermissionMatrixTest : public ::testing::TestWithParam<std::string> {};

// The binary's routes include the catalog's, which serve /api/v1/organisations.
WorldOptions with_catalog(const std::string& backend) {
    WorldOptions options = on_backend(backend);
    options.services = [](http::ApiDeps& deps, AccessWorld& world) {
        deps.catalog = &world.make<catalog::Catalog>(world.store(), world.clock(), world.ids(), world.stack().organisations);
    };
    return options;
}

TEST_P(PermissionMatrixTest, AccessRoutes) {
    AccessWorld world(with_catalog(GetParam()));
    const auto rows = rows_of(std::begin(access_table), std::end(access_table));
    const auto failures = run_matrix(world, rows);
    EXPECT_TRUE(failures.empty()) << [&] {
        std::string all;
        for (const auto& failure : failures) all += failure + "\n";
        return all;
    }();
    EXPECT_EQ(rows.size(), std::size(access_table) * columns.size());
}

TEST_P(PermissionMatrixTest, OrganisationListsAreScoped) {
    AccessWorld world(with_catalog(GetParam()));
    for (const Role role : access::all_roles()) {
        const HttpReply reply = world.call_as(role, "GET", "/api/v1/organisations?limit=200");
        ASSERT_EQ(reply.status, 200) << access::to_string(role) << " " << reply.body;
        const auto items = nlohmann::json::parse(reply.body).at("items");
        if (access::is_org_scoped(role)) {
            ASSERT_EQ(items.size(), 1u) << access::to_string(role);
            EXPECT_EQ(items[0].at("id"), world.as(role).own_org);
        } else {
            EXPECT_EQ(items.size(), 8u) << access::to_string(role);  // two per organisation-scoped role
        }
    }
}

TEST_P(PermissionMatrixTest, NoTokenIsUnauthenticatedOnEveryProtectedRoute) {
    AccessWorld world(with_catalog(GetParam()));
    for (const auto& line : access_table) {
        std::string path = line.path;
        using Swap = std::pair<std::string, std::string>;
        const Swap swaps[] = {{"{user}", world.bystander().id}, {"{org}", world.as(Role::producer).own_org}};
        for (const auto& [from, to] : swaps) {
            if (auto at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
        }
        const HttpReply reply = world.call(line.method, path, line.body);
        EXPECT_EQ(reply.status, 401) << line.method << " " << path;
        EXPECT_EQ(reply.content_type.rfind("application/problem+json", 0), 0u) << line.method << " " << path;
    }
    const HttpReply logout = world.call("DELETE", "/api/v1/sessions/current");
    EXPECT_EQ(logout.status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionMatrixTest, ::testing::ValuesIn(backends_under_test()));

}  // namespace
}  // namespace kl::test
