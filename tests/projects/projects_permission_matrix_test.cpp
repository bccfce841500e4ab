// THE PROJECTS PERMISSION MATRIX: every role × the projects, contracts, payments, risk, report and
// service-book routes × own/other county or counterparty, through the real server with real sign-in,
// on every backend (projects_world.h: the county officer works for Shache; the producer's own
// cooperative holds the Shache contract, its other cooperative the Zepu one).
#include <gtest/gtest.h>

#include <array>

#include "projects_world.h"

namespace kl::projects::testing {
namespace {

using test::MatrixRow;
using test::Target;

constexpr std::array<Role, 7> columns = {Role::admin, Role::fund_officer, Role::county_officer, Role::producer,
                                         Role::buyer, Role::logistics,    Role::auditor};

struct Line {
    std::string method;
    std::string path;
    std::string body;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};

std::vector<MatrixRow> rows_of(const std::vector<Line>& lines) {
    std::vector<MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t column = 0; column < columns.size(); ++column) {
            rows.push_back(MatrixRow{columns[column], line.method, line.path, line.body, Target::own, line.status[column]});
        }
    }
    return rows;
}

std::string joined(const std::vector<std::string>& failures) {
    std::string all;
    for (const auto& failure : failures) all += failure + "\n";
    return all;
}

class ProjectsPermissionMatrix : public ::testing::TestWithParam<std::string> {};

// clang-format off
TEST_P(ProjectsPermissionMatrix, ProjectsContractsPaymentsRiskAndReports) {
    ProjectsWorld w(GetParam());
    const std::string shache_body = ProjectsWorld::project_body("N-{unique}", "shache").dump();
    const std::string zepu_body = ProjectsWorld::project_body("N-{unique}", "zepu").dump();
    const std::string milestone = R"({"name":"Roof","due_on":"2023-08-01"})";
    const std::vector<Line> lines = {
        {"GET", "/api/v1/projects", "",                                             {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/projects/" + w.shache_project, "",                         {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/projects/" + w.zepu_project, "",                           {200, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/projects", shache_body,                                   {201, 201, 201, 403, 403, 403, 403}},
        {"POST", "/api/v1/projects", zepu_body,                                     {201, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/projects/" + w.shache_project + "/milestones", milestone, {201, 201, 201, 403, 403, 403, 403}},
        {"POST", "/api/v1/projects/" + w.zepu_project + "/milestones", milestone,   {201, 201, 403, 403, 403, 403, 403}},
        {"GET", "/api/v1/contracts", "",                                            {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/contracts/" + w.shache_contract, "",                       {200, 200, 200, 200, 404, 404, 200}},
        {"GET", "/api/v1/contracts/" + w.zepu_contract, "",                         {200, 200, 404, 404, 404, 404, 200}},
        {"GET", "/api/v1/contracts/" + w.shache_contract + "/invoices", "",         {200, 200, 200, 200, 404, 404, 200}},
        {"GET", "/api/v1/payment-requests?status=submitted", "",                    {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/payment-requests/" + w.shache_request, "",                 {200, 200, 200, 200, 404, 404, 200}},
        {"GET", "/api/v1/risk/flags", "",                                           {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/risk/settings", "",                                        {200, 200, 403, 403, 403, 403, 200}},
        {"PUT", "/api/v1/risk/settings", R"({"idle_days":120})",                    {200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/risk/scan", "",                                           {200, 403, 403, 403, 403, 403, 403}},
        {"GET", "/api/v1/reports/projects?year=2023", "",                           {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/servicebook/counts", "",                                   {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/servicebook/enterprises", "",                              {200, 200, 200, 403, 403, 403, 200}},
    };
    EXPECT_EQ(joined(test::run_matrix(w.world(), rows_of(lines))), "");
    // Approval: refused to everyone but the Front Command (the fund officer goes last and succeeds).
    const std::string approve = "/api/v1/payment-requests/" + w.shache_request + "/approve";
    const std::vector<MatrixRow> approvals = {
        {Role::county_officer, "POST", approve, "", Target::own, 403},
        {Role::producer, "POST", approve, "", Target::own, 403},
        {Role::buyer, "POST", approve, "", Target::own, 404},
        {Role::logistics, "POST", approve, "", Target::own, 404},
        {Role::auditor, "POST", approve, "", Target::own, 403},
        {Role::fund_officer, "POST", approve, "", Target::own, 200},
        {Role::admin, "POST", approve, "", Target::own, 409},
    };
    EXPECT_EQ(joined(test::run_matrix(w.world(), approvals)), "");
}
// clang-format on

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsPermissionMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing
