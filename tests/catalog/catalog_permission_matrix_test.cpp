// THE CATALOG'S PERMISSION MATRIX: every role × every catalog route × own/other organisation, through
// the real server with real sign-in (tests/support/access_fixture.h), on every backend. The world is
// catalog_world.h's: the county officer works for Shache, the producer is a Shache cooperative, and
// "other" means Zepu's branch and a Bachu cooperative.
#include <gtest/gtest.h>

#include <array>

#include "catalog_world.h"

namespace kl::catalog::testing {
namespace {

using access::Role;
using test::MatrixRow;
using test::Target;

constexpr std::array<Role, 7> columns = {Role::admin, Role::fund_officer, Role::county_officer, Role::producer,
                                         Role::buyer, Role::logistics,    Role::auditor};

struct Line {
    std::string method;
    std::string path;
    std::string body;
    Target target;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};

std::vector<MatrixRow> rows_of(const std::vector<Line>& lines) {
    std::vector<MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t column = 0; column < columns.size(); ++column) {
            rows.push_back(MatrixRow{columns[column], line.method, line.path, line.body, line.target, line.status[column]});
        }
    }
    return rows;
}

std::string joined(const std::vector<std::string>& failures) {
    std::string all;
    for (const auto& failure : failures) all += failure + "\n";
    return all;
}

class CatalogPermissionMatrix : public ::testing::TestWithParam<std::string> {};

// clang-format off
TEST_P(CatalogPermissionMatrix, PublicCatalogue) {
    CatalogWorld w(GetParam());
    const std::string p = "/api/v1/products/";
    const std::vector<Line> lines = {
        {"GET", "/api/v1/counties", "", Target::own,                          {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/districts", "", Target::own,                         {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/categories", "", Target::own,                        {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/products", "", Target::own,                          {200, 200, 200, 200, 200, 200, 200}},
        {"GET", p + w.own_product, "", Target::own,                           {200, 200, 200, 200, 200, 200, 200}},
        {"GET", p + w.other_product + "/standard", "", Target::own,           {200, 200, 200, 200, 200, 200, 200}},
        {"GET", p + w.own_product + "/certifications", "", Target::own,       {200, 200, 200, 200, 200, 200, 200}},
        // A draft: its producer, its county's officer and programme-wide roles; no one else learns of it.
        {"GET", p + w.own_draft, "", Target::own,                             {200, 200, 200, 200, 404, 404, 200}},
        {"GET", p + w.own_draft + "/standard", "", Target::own,               {200, 200, 200, 200, 404, 404, 200}},
        {"GET", p + w.own_draft + "/certifications", "", Target::own,         {200, 200, 200, 200, 404, 404, 200}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
    // Anonymous visitors read the public catalogue and nothing else.
    for (const auto& line : lines) {
        const int expected = line.path == p + w.own_draft || line.path.rfind(p + w.own_draft + "/", 0) == 0 ? 404 : 200;
        EXPECT_EQ(w.world().call("GET", line.path).status, expected) << line.path;
    }
}

TEST_P(CatalogPermissionMatrix, CategoriesAndProducts) {
    CatalogWorld w(GetParam());
    const std::string p = "/api/v1/products/";
    const std::string own = w.org(Role::producer, Target::own);
    const std::string other = w.org(Role::producer, Target::other);
    const std::string fields = R"({"name_zh":"核桃","name_en":"Walnuts","category_id":"nuts_dried_fruit","unit":{"kind":"kg"},"status":"active"})";
    const std::string standard = nlohmann::json({{"standard", CatalogWorld::standard_body()}}).dump();
    const std::vector<Line> lines = {
        {"POST", "/api/v1/categories", R"({"id":"matrix_{unique}","name_zh":"类","name_en":"Kind"})", Target::own,
                                                                              {201, 403, 403, 403, 403, 403, 403}},
        {"PUT", "/api/v1/categories/cosmetics", R"({"name_zh":"化妆品","name_en":"Cosmetics","sort_order":90})",
         Target::own,                                                         {200, 403, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/products", CatalogWorld::product_body(own, "新核桃{unique}").dump(), Target::own,
                                                                              {201, 403, 403, 201, 403, 403, 403}},
        {"POST", "/api/v1/products", CatalogWorld::product_body(other, "别家{unique}").dump(), Target::other,
                                                                              {201, 403, 403, 403, 403, 403, 403}},
        {"PUT", p + w.own_product, fields, Target::own,                       {200, 403, 403, 200, 403, 403, 403}},
        {"PUT", p + w.other_product, fields, Target::other,                   {200, 403, 403, 403, 403, 403, 403}},
        {"PUT", p + w.own_product + "/standard", standard, Target::own,       {200, 403, 403, 200, 403, 403, 403}},
        {"PUT", p + w.other_product + "/standard", standard, Target::other,   {200, 403, 403, 403, 403, 403, 403}},
        // Its own draft, for its producer (another producer is told "not found": product_service_test).
        {"PUT", p + w.own_draft, fields, Target::own,                         {200, 403, 403, 200, 403, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

TEST_P(CatalogPermissionMatrix, Certification) {
    CatalogWorld w(GetParam());
    const std::string p = "/api/v1/products/";
    const std::string c = "/api/v1/certifications/";
    const std::string input = R"({"certificate_no":"M-{unique}","valid_from":"2026-10-01","valid_to":"2027-09-30","notice_days":7})";
    const std::vector<Line> lines = {
        // Only the officer of the product's county certifies (Shache's officer; the other product is Bachu's).
        {"POST", p + w.cert_product + "/certifications", input, Target::own,  {403, 403, 201, 403, 403, 403, 403}},
        {"POST", p + w.other_product + "/certifications", input, Target::other, {403, 403, 403, 403, 403, 403, 403}},
        // Objections during the notice: any signed-in user but the auditor.
        {"POST", c + w.own_cert + "/objections", R"({"text":"价格偏高"})", Target::own,
                                                                              {201, 201, 201, 201, 201, 201, 403}},
        {"POST", c + w.other_cert + "/revoke", R"({"reason":"抽检不合格"})", Target::other,
                                                                              {403, 403, 403, 403, 403, 403, 403}},
        {"POST", c + w.revoke_cert + "/revoke", R"({"reason":"抽检不合格"})", Target::own,
                                                                              {403, 403, 200, 403, 403, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

TEST_P(CatalogPermissionMatrix, Organisations) {
    CatalogWorld w(GetParam());
    const std::string o = "/api/v1/organisations/";
    const std::string own = w.org(Role::producer, Target::own);
    const std::string other = w.org(Role::producer, Target::other);
    const std::vector<Line> lines = {
        {"GET", "/api/v1/organisations", "", Target::own,                     {200, 200, 200, 200, 200, 200, 200}},
        {"GET", o + "{org}", "", Target::own,                                 {200, 200, 200, 200, 200, 200, 200}},
        {"GET", o + "{org}", "", Target::other,                               {200, 200, 403, 403, 403, 403, 200}},
        // Shache's officer also reads Shache's producers, but not Bachu's.
        {"GET", o + own, "", Target::own,                                     {200, 200, 200, 200, 403, 403, 200}},
        {"GET", o + other, "", Target::other,                                 {200, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/organisations", R"({"name":"Matrix household {unique}","kind":"household","county":"zepu"})",
         Target::own,                                                         {201, 403, 403, 403, 403, 403, 403}},
        {"PUT", o + own, w.organisation_body(own).dump(), Target::own,        {200, 403, 403, 403, 403, 403, 403}},
        {"GET", o + "{org}/supply-links", "", Target::own,                    {200, 200, 200, 200, 200, 200, 200}},
        {"GET", o + other + "/supply-links", "", Target::other,               {200, 200, 403, 403, 403, 403, 200}},
        {"PUT", o + own + "/supply-links", R"({"links":[]})", Target::own,    {200, 403, 403, 200, 403, 403, 403}},
        {"PUT", o + other + "/supply-links", R"({"links":[]})", Target::other, {200, 403, 403, 403, 403, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}
// clang-format on

TEST_P(CatalogPermissionMatrix, ListsAreScoped) {
    CatalogWorld w(GetParam());
    for (const Role role : access::all_roles()) {
        const test::HttpReply reply = w.world().call_as(role, "GET", "/api/v1/organisations?limit=200");
        ASSERT_EQ(reply.status, 200) << access::to_string(role) << " " << reply.body;
        const auto items = nlohmann::json::parse(reply.body).at("items");
        std::set<std::string> ids;
        for (const auto& item : items) ids.insert(item.at("id").get<std::string>());
        if (role == Role::county_officer) {
            // Its branch, and the Shache cooperative (the world's other organisations have no county
            // or another one).
            EXPECT_EQ(ids, (std::set<std::string>{w.org(role, Target::own), w.org(Role::producer, Target::own)}));
        } else if (access::is_org_scoped(role)) {
            EXPECT_EQ(ids, (std::set<std::string>{w.org(role, Target::own)}));
        } else {
            EXPECT_EQ(ids.size(), 8u);  // two per organisation-scoped role
        }
        // Drafts are listed only where they may be seen.
        const test::HttpReply products = w.world().call_as(role, "GET", "/api/v1/products?limit=200");
        ASSERT_EQ(products.status, 200);
        const bool sees_draft = role != Role::buyer && role != Role::logistics;
        EXPECT_EQ(nlohmann::json::parse(products.body).at("items").size(), sees_draft ? 5u : 4u)
            << access::to_string(role);
    }
    EXPECT_EQ(nlohmann::json::parse(w.world().call("GET", "/api/v1/products").body).at("items").size(), 4u);
}

TEST_P(CatalogPermissionMatrix, ProtectedRoutesNeedASession) {
    CatalogWorld w(GetParam());
    const std::vector<std::pair<std::string, std::string>> protected_routes = {
        {"POST", "/api/v1/categories"},
        {"PUT", "/api/v1/categories/cosmetics"},
        {"GET", "/api/v1/organisations"},
        {"POST", "/api/v1/organisations"},
        {"GET", "/api/v1/organisations/" + w.org(Role::producer, Target::own)},
        {"PUT", "/api/v1/organisations/" + w.org(Role::producer, Target::own)},
        {"GET", "/api/v1/organisations/" + w.org(Role::producer, Target::own) + "/supply-links"},
        {"PUT", "/api/v1/organisations/" + w.org(Role::producer, Target::own) + "/supply-links"},
        {"POST", "/api/v1/products"},
        {"PUT", "/api/v1/products/" + w.own_product},
        {"PUT", "/api/v1/products/" + w.own_product + "/standard"},
        {"POST", "/api/v1/products/" + w.cert_product + "/certifications"},
        {"POST", "/api/v1/certifications/" + w.own_cert + "/objections"},
        {"POST", "/api/v1/certifications/" + w.revoke_cert + "/revoke"},
    };
    for (const auto& [method, path] : protected_routes) {
        const test::HttpReply reply = w.world().call(method, path, "{}");
        EXPECT_EQ(reply.status, 401) << method << " " << path;
        EXPECT_EQ(reply.content_type.rfind("application/problem+json", 0), 0u) << method << " " << path;
    }
    EXPECT_EQ(w.world().store().read([](store::Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM certification_objections"));
        return rows[0].i64("n");
    }).value(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogPermissionMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog::testing
