// The projects routes through the real server: the approval flow, a refused payment answered 422
// with its reason, illegal transitions 409, and bad input named field by field with nothing written.
#include <gtest/gtest.h>

#include "projects_world.h"

namespace kl::projects::testing {
namespace {

using nlohmann::json;

class ProjectsRoutes : public ::testing::TestWithParam<std::string> {};

TEST_P(ProjectsRoutes, AFundOfficerApprovesAndPaysARequest) {
    ProjectsWorld w(GetParam());
    const std::string base = "/api/v1/payment-requests/" + w.shache_request;
    auto queue = w.world().call_as(Role::fund_officer, "GET", "/api/v1/payment-requests?status=submitted");
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_EQ(json::parse(queue.body)["items"].size(), 1u);
    // The queue names what the officer decides on: the project, the contract and the payee, as their
    // own records name them.
    const json listed = json::parse(queue.body)["items"][0];
    const auto record = [&](const std::string& path) { return json::parse(w.world().call_as(Role::fund_officer, "GET", path).body); };
    const json project = record("/api/v1/projects/" + listed["project_id"].get<std::string>());
    EXPECT_EQ(listed["project_code"], project["code"]);
    EXPECT_EQ(listed["project_name"], project["name"]);
    EXPECT_EQ(listed["contract_title"], record("/api/v1/contracts/" + listed["contract_id"].get<std::string>())["title"]);
    EXPECT_EQ(listed["payee_name"], record("/api/v1/organisations/" + listed["payee_org_id"].get<std::string>())["name"]);
    EXPECT_FALSE(listed["payee_name"].get<std::string>().empty());
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "POST", base + "/approve").status, 200);
    auto paid = w.world().call_as(Role::fund_officer, "POST", base + "/pay", R"({"paid_on":"2023-04-20"})",
                                  {{"Idempotency-Key", "pay-1"}});
    ASSERT_EQ(paid.status, 200) << paid.body;
    EXPECT_EQ(json::parse(paid.body)["status"], "paid");
    EXPECT_EQ(w.funds().orders.size(), 1u);
    // The same key again: the first answer, and no second payment.
    auto again = w.world().call_as(Role::fund_officer, "POST", base + "/pay", R"({"paid_on":"2023-04-20"})",
                                   {{"Idempotency-Key", "pay-1"}});
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(w.funds().orders.size(), 1u);
    auto report = w.world().call_as(Role::auditor, "GET", "/api/v1/reports/projects?year=2023");
    ASSERT_EQ(report.status, 200) << report.body;
    const json shache = json::parse(report.body)["items"][0];
    EXPECT_EQ(shache["county"], "shache");
    EXPECT_EQ(shache["disbursed_fen"], 12'345'678);
    EXPECT_EQ(shache["arrived_fen"], 300'000'000);  // the approved budget, allocated to its accounts
    EXPECT_EQ(shache["committed_fen"], 200'000'000);
    EXPECT_EQ(shache["started"], 1);
    auto csv = w.world().call_as(Role::fund_officer, "GET", "/api/v1/reports/projects?year=2023&format=csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("county,year,planned,started,completed,budget_fen,arrived_fen,committed_fen"), std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("shache,2023,1,1,0,300000000,300000000,200000000,12345678,411,"), std::string::npos) << csv.body;
    // After the machine columns, their readable twins: the county's names, yuan, per cent.
    EXPECT_NE(csv.body.find(",open_flags,county_name_zh,county_name_en,budget_yuan,arrived_yuan,committed_yuan,disbursed_yuan,execution_pct\r\n"),
              std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(",莎车县,Shache County,3000000.00,3000000.00,2000000.00,123456.78,4.11\r\n"), std::string::npos) << csv.body;
    auto xlsx = w.world().call_as(Role::fund_officer, "GET", "/api/v1/reports/projects?format=xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_P(ProjectsRoutes, ARefusedPaymentAnswers422WithTheReason) {
    ProjectsWorld w(GetParam());
    const std::string base = "/api/v1/payment-requests/" + w.shache_request;
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "POST", base + "/approve").status, 200);
    w.funds().refuse_payments = true;
    auto refused = w.world().call_as(Role::fund_officer, "POST", base + "/pay");
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_NE(json::parse(refused.body)["detail"].get<std::string>().find("quota insufficient"), std::string::npos);
    auto request = w.world().call_as(Role::fund_officer, "GET", base);
    EXPECT_EQ(json::parse(request.body)["status"], "approved");
    EXPECT_NE(json::parse(request.body)["refusal_reason"].get<std::string>().find("quota"), std::string::npos);
    // The same refusal as a code (the funds' problem) for the console to write in its reader's language.
    const json refusal = json::parse(request.body)["refusal"];
    ASSERT_TRUE(refusal.is_object()) << request.body;
    EXPECT_FALSE(refusal["code"].get<std::string>().empty());
    EXPECT_EQ(refusal["message"], json::parse(request.body)["refusal_reason"]);
    // Paid after all: the refusal is gone.
    w.funds().refuse_payments = false;
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "POST", base + "/pay", "", {{"Idempotency-Key", "pay-again"}}).status, 200);
    EXPECT_TRUE(json::parse(w.world().call_as(Role::fund_officer, "GET", base).body)["refusal"].is_null());
}

TEST_P(ProjectsRoutes, IllegalTransitionsAre409AndRoleRefusals403) {
    ProjectsWorld w(GetParam());
    const std::string path = "/api/v1/projects/" + w.shache_project + "/transitions";
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "POST", path, R"({"to":"approved"})").status, 409);
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "POST", path, R"({"to":"closed"})").status, 409);
    EXPECT_EQ(w.world().call_as(Role::county_officer, "POST", path, R"({"to":"completed"})").status, 200);
    EXPECT_EQ(w.world().call_as(Role::county_officer, "POST", path, R"({"to":"accepted"})").status, 403);
    auto bad = w.world().call_as(Role::fund_officer, "POST", path, R"({"to":"finished"})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(fields_of(bad), std::vector<std::string>{"to"});
}

TEST_P(ProjectsRoutes, BadInputIsNamedAndWritesNothing) {
    ProjectsWorld w(GetParam());
    const int64_t projects_before = w.count("projects");
    const int64_t requests_before = w.count("payment_requests");
    auto project = w.world().call_as(Role::fund_officer, "POST", "/api/v1/projects",
                                     R"({"code":"","name":"x","county":"shache","sector":"space","year":2023,)"
                                     R"("budget_fen":"100","colour":"red"})");
    ASSERT_EQ(project.status, 400) << project.body;
    auto named = fields_of(project);
    for (const char* field : {"code", "sector", "budget_fen", "colour"}) {
        EXPECT_NE(std::find(named.begin(), named.end(), field), named.end()) << field << " in " << project.body;
    }
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "POST", "/api/v1/projects", "not json").status, 400);
    auto money = w.world().call_as(Role::county_officer, "POST", "/api/v1/payment-requests",
                                   R"({"contract_id":")" + w.shache_contract + R"(","invoice_id":")" + w.shache_invoice +
                                       R"(","progress_id":")" + w.shache_progress +
                                       R"(","amount_fen":1.5,"requested_on":"2023-02-30","method":"gold"})");
    ASSERT_EQ(money.status, 400) << money.body;
    EXPECT_EQ(fields_of(money), (std::vector<std::string>{"amount_fen", "method", "requested_on"}));
    auto over = w.world().call_as(Role::county_officer, "POST", "/api/v1/payment-requests",
                                  R"({"contract_id":")" + w.shache_contract + R"(","invoice_id":")" + w.shache_invoice +
                                      R"(","progress_id":")" + w.shache_progress +
                                      R"(","amount_fen":30000001,"requested_on":"2023-04-02"})");
    ASSERT_EQ(over.status, 400) << over.body;
    EXPECT_EQ(fields_of(over), std::vector<std::string>{"amount_fen"});
    auto attachment = w.world().call_as(Role::county_officer, "POST", "/api/v1/projects/" + w.shache_project + "/attachments",
                                        R"({"file_name":"a.pdf","sha256":"xyz","size_bytes":0})");
    EXPECT_EQ(attachment.status, 400);
    EXPECT_EQ(w.world().call_as(Role::admin, "PUT", "/api/v1/risk/settings", R"({"idle_days":-1})").status, 400);
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "GET", "/api/v1/projects?limit=0").status, 400);
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "GET", "/api/v1/projects?status=done").status, 400);
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "GET", "/api/v1/reports/projects?format=pdf").status, 400);
    EXPECT_EQ(w.count("projects"), projects_before);
    EXPECT_EQ(w.count("payment_requests"), requests_before);
    EXPECT_EQ(w.count("project_attachments"), 0);
}

TEST_P(ProjectsRoutes, ServiceBookCountsExportAsCsvAndXlsx) {
    ProjectsWorld w(GetParam());
    auto csv = w.world().call_as(Role::auditor, "GET", "/api/v1/servicebook/counts?from=2023-01-01&to=2023-12-31&format=csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    // After the UTF-8 byte order mark that spreadsheet programs need to read Chinese names.
    EXPECT_EQ(csv.body.find("county,enterprises_served,leading_enterprises_visited,visits,requests_raised,"), 3u)
        << csv.body;
    EXPECT_NE(csv.body.find(",events,county_name_zh,county_name_en,investment_amount_yuan\r\n"), std::string::npos) << "counties by name: " << csv.body;
    const auto disposition = csv.headers.find("Content-Disposition");
    ASSERT_NE(disposition, csv.headers.end());
    EXPECT_NE(disposition->second.find("servicebook-counts-2023-01-01-2023-12-31.csv"), std::string::npos);
    auto xlsx = w.world().call_as(Role::auditor, "GET", "/api/v1/servicebook/counts?format=xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    auto bad = w.world().call_as(Role::auditor, "GET", "/api/v1/servicebook/counts?format=pdf");
    ASSERT_EQ(bad.status, 400);
    EXPECT_EQ(fields_of(bad), std::vector<std::string>{"format"});
}

TEST_P(ProjectsRoutes, TheProjectPageShowsItsRecords) {
    ProjectsWorld w(GetParam());
    const std::string base = "/api/v1/projects/" + w.shache_project;
    ASSERT_EQ(w.world().call_as(Role::county_officer, "POST", base + "/inspections",
                                R"({"kind":"quality","inspected_on":"2023-05-02","inspector":"Quality station",)"
                                R"("findings":"concrete strength below C30","passed":false,"rectify_by":"2023-05-20"})")
                  .status,
              201);
    auto page = w.world().call_as(Role::county_officer, "GET", base);
    ASSERT_EQ(page.status, 200);
    const json detail = json::parse(page.body);
    EXPECT_EQ(detail["status"], "started");
    EXPECT_EQ(detail["inspections"].size(), 1u);
    EXPECT_EQ(detail["progress"][0]["verified"], true);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsRoutes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing
