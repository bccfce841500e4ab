// Import and export through the real server: content types, problem+json listing rows and columns,
// permissions (role × own/other organisation), and the files served.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/organisation_directory.h"
#include "exchange/exchange_service.h"
#include "exchange_fixture.h"
#include "support/access_fixture.h"

namespace kl::exchange {
namespace {

using access::Role;
using nlohmann::json;

class ExchangeRoutes : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        test::WorldOptions options = test::on_backend(GetParam());
        options.services = [](http::ApiDeps& deps, test::AccessWorld& w) {
            deps.exchange = &w.make<ExchangeService>(w.store(), w.clock(), w.ids(), w.stack().organisations);
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        // The producer's two organisations become the sheet's two producers, with their credit codes.
        catalog::OrganisationDirectory directory(world_->store(), world_->clock(), world_->stack().organisations);
        give_profile(directory, world_->org_for(Role::producer, test::Target::own), codes_.almonds, "shache");
        give_profile(directory, world_->org_for(Role::producer, test::Target::other), codes_.walnuts, "yecheng");
    }

    void give_profile(catalog::OrganisationDirectory& directory, const std::string& id, const std::string& code,
                      const std::string& county) {
        auto current = directory.get(std::nullopt, id);
        ASSERT_TRUE(current) << current.error().message;
        catalog::OrganisationFields fields = current->fields;
        fields.credit_code = code;
        fields.county = county;
        auto updated = directory.update(std::nullopt, id, fields);
        ASSERT_TRUE(updated) << updated.error().message;
    }

    // POST with a content type of our choosing (the fixture's call() always sends JSON).
    test::HttpReply post(std::optional<Role> role, const std::string& path, const std::string& body,
                         const std::string& content_type = "text/csv") {
        httplib::Client client("127.0.0.1", world_->port());
        httplib::Headers headers;
        if (role) headers.emplace("Authorization", "Bearer " + world_->as(*role).token);
        auto result = client.Post(path.c_str(), headers, body, content_type.c_str());
        test::HttpReply reply;
        if (!result) return reply;
        reply.status = result->status;
        reply.body = result->body;
        reply.content_type = result->get_header_value("Content-Type");
        reply.headers = result->headers;
        return reply;
    }

    std::string own_rows() {
        const auto rows = test::product_rows(codes_);
        return test::products_header() + rows[0] + rows[1];
    }

    test::SheetCodes codes_;
    std::unique_ptr<test::AccessWorld> world_;
};

std::vector<std::string> error_fields(const test::HttpReply& reply) {
    std::vector<std::string> fields;
    const json body = json::parse(reply.body, nullptr, false);
    if (body.is_discarded() || !body.contains("errors")) return fields;
    for (const auto& error : body["errors"]) fields.push_back(error.value("field", ""));
    return fields;
}

TEST_P(ExchangeRoutes, ProducerImportsItsOwnProductsOnce) {
    auto first = post(Role::producer, "/api/v1/imports/products", own_rows());
    ASSERT_EQ(first.status, 200) << first.body;
    const json report = json::parse(first.body);
    EXPECT_EQ(report["created"], 2);
    auto again = post(Role::producer, "/api/v1/imports/products", own_rows(), "text/csv; charset=utf-8");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(json::parse(again.body)["unchanged"], 2);
}

TEST_P(ExchangeRoutes, RefusesOtherProducersRowsWrongTypesAndBadRows) {
    const auto rows = test::product_rows(codes_);
    auto other = post(Role::producer, "/api/v1/imports/products", test::products_header() + rows[0] + rows[2]);
    EXPECT_EQ(other.status, 403) << other.body;
    EXPECT_EQ(other.content_type, "application/problem+json");
    EXPECT_EQ(error_fields(other), std::vector<std::string>{"row 3/producer_credit_code"});

    EXPECT_EQ(post(Role::producer, "/api/v1/imports/products", own_rows(), "application/json").status, 415);
    EXPECT_EQ(post(std::nullopt, "/api/v1/imports/products", own_rows()).status, 401);
    for (Role role : {Role::buyer, Role::logistics, Role::county_officer, Role::auditor, Role::fund_officer}) {
        EXPECT_EQ(post(role, "/api/v1/imports/products", own_rows()).status, 403) << access::to_string(role);
    }

    std::string bad = own_rows();
    bad.replace(bad.find(",4200,"), 6, ",lots,");
    bad.replace(bad.find("kg,,draft"), 9, "kg,,gone");
    auto rejected = post(Role::producer, "/api/v1/imports/products", bad);
    EXPECT_EQ(rejected.status, 400) << rejected.body;
    EXPECT_EQ(error_fields(rejected), (std::vector<std::string>{"row 2/grade1_price_fen", "row 3/status"}));

    EXPECT_EQ(world_->store().read([](store::Tx& tx) -> Result<int64_t> {
                  KL_TRY_ASSIGN(auto counted, tx.query("SELECT COUNT(*) AS n FROM products"));
                  return counted[0].i64("n");
              }).value_or(-1),
              0);
}

TEST_P(ExchangeRoutes, OnlyAdminsImportOrganisations) {
    // The world's producer organisations are cooperatives, and an import cannot change a kind.
    std::string sheet = test::organisations_sheet(codes_);
    sheet.replace(sheet.find("Almonds,enterprise"), 18, "Almonds,cooperative");
    for (Role role : {Role::producer, Role::buyer, Role::county_officer, Role::auditor, Role::fund_officer}) {
        EXPECT_EQ(post(role, "/api/v1/imports/organisations", sheet).status, 403) << access::to_string(role);
    }
    // The sheet names the producer's organisations by their credit codes: they are updated, not doubled.
    auto imported = post(Role::admin, "/api/v1/imports/organisations", sheet);
    ASSERT_EQ(imported.status, 200) << imported.body;
    const json report = json::parse(imported.body);
    EXPECT_EQ(report["created"], 3);
    EXPECT_EQ(report["updated"], 2);
}

TEST_P(ExchangeRoutes, ServesExportsAsFiles) {
    ASSERT_EQ(post(Role::producer, "/api/v1/imports/products", own_rows()).status, 200);
    auto csv = world_->call("GET", "/api/v1/exports/products.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFproducer_credit_code,code,"));
    EXPECT_NE(csv.body.find("ALM-001"), std::string::npos);
    EXPECT_EQ(csv.body.find("ALM-002"), std::string::npos) << "the public sees no drafts";
    auto own = world_->call_as(Role::producer, "GET", "/api/v1/exports/products.csv");
    EXPECT_NE(own.body.find("ALM-002"), std::string::npos) << "its producer does";

    auto xlsx = world_->call_as(Role::admin, "GET", "/api/v1/exports/products.xlsx?county=shache");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_TRUE(xlsx.body.starts_with(std::string("PK\x03\x04", 4)));
    EXPECT_NE(xlsx.headers.find("Content-Disposition")->second.find("products.xlsx"), std::string::npos);

    auto bad_filter = world_->call("GET", "/api/v1/exports/products.csv?status=sold");
    EXPECT_EQ(bad_filter.status, 400);
    EXPECT_EQ(error_fields(bad_filter), std::vector<std::string>{"status"});

    EXPECT_EQ(world_->call("GET", "/api/v1/exports/organisations.csv").status, 401);
    auto mine = world_->call_as(Role::producer, "GET", "/api/v1/exports/organisations.csv");
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(std::count(mine.body.begin(), mine.body.end(), '\n'), 2) << "header and its own organisation";
    EXPECT_NE(mine.body.find(",supplies_to,county_name_zh,county_name_en,district_name_zh,district_name_en,channel_name_zh,"
                             "channel_name_en\r\n"),
              std::string::npos)
        << "the codes' names follow the machine columns: " << mine.body;
    auto all = world_->call_as(Role::admin, "GET", "/api/v1/exports/organisations.xlsx?kind=cooperative");
    EXPECT_EQ(all.status, 200);
}

TEST_P(ExchangeRoutes, EveryOtherListExportsToo) {
    auto counties = world_->call("GET", "/api/v1/exports/counties.csv");
    ASSERT_EQ(counties.status, 200);
    EXPECT_NE(counties.body.find("shache,653125,莎车县,Shache County"), std::string::npos) << counties.body;
    auto districts = world_->call("GET", "/api/v1/exports/districts.xlsx");
    EXPECT_EQ(districts.status, 200);
    auto categories = world_->call("GET", "/api/v1/exports/categories.csv");
    ASSERT_EQ(categories.status, 200);
    EXPECT_EQ(std::count(categories.body.begin(), categories.body.end(), '\n'), 11) << "header and the 10 categories";
    EXPECT_EQ(world_->call("GET", "/api/v1/exports/users.csv").status, 401);
    EXPECT_EQ(world_->call_as(Role::producer, "GET", "/api/v1/exports/users.csv").status, 403);
    auto users = world_->call_as(Role::auditor, "GET", "/api/v1/exports/users.csv");
    ASSERT_EQ(users.status, 200);
    EXPECT_NE(users.body.find(world_->as(Role::producer).user.username), std::string::npos);
    EXPECT_EQ(users.body.find("argon2"), std::string::npos) << "no password hashes";
}

// The export routes in the permission matrix's shape (role × route → status); the imports are
// covered above, as the matrix sends JSON bodies.
TEST_P(ExchangeRoutes, ExportPermissionMatrix) {
    using test::Target;
    std::vector<test::MatrixRow> rows;
    for (Role role : access::all_roles()) {
        const bool reads_users = role == Role::admin || role == Role::auditor;
        rows.push_back({role, "GET", "/api/v1/exports/users.csv", "", Target::own, reads_users ? 200 : 403});
        rows.push_back({role, "GET", "/api/v1/exports/organisations.csv", "", Target::own, 200});
        rows.push_back({role, "GET", "/api/v1/exports/products.xlsx", "", Target::own, 200});
        rows.push_back({role, "GET", "/api/v1/exports/products.csv?county=nowhere", "", Target::own, 400});
    }
    EXPECT_EQ(test::run_matrix(*world_, rows), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Backends, ExchangeRoutes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::exchange
