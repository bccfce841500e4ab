// THE MARKET'S PERMISSION MATRIX: every role × every market route × own/other organisation, through
// the real server with real sign-in, on every backend (rules in src/market/market_access.h). The
// world is market_world.h's; "own" is the acting role's organisation (programme-wide roles: the
// producer's own), "other" an organisation of the same kind that is not theirs.
#include <gtest/gtest.h>

#include <array>

#include "market_world.h"

namespace kl::market::testing {
namespace {

using nlohmann::json;

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

std::vector<test::MatrixRow> rows_of(const std::vector<Line>& lines) {
    std::vector<test::MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t column = 0; column < columns.size(); ++column) {
            rows.push_back(test::MatrixRow{columns[column], line.method, line.path, line.body, line.target, line.status[column]});
        }
    }
    return rows;
}

std::string joined(const std::vector<std::string>& failures) {
    std::string all;
    for (const auto& failure : failures) all += failure + "\n";
    return all;
}

class MarketPermissionMatrix : public ::testing::TestWithParam<std::string> {};

// clang-format off
TEST_P(MarketPermissionMatrix, LanesAndNodes) {
    MarketWorld w(GetParam());
    const std::string lane = json({{"origin_node_id", "origin-zepu"}, {"destination_node_id", "dest-xuhui"}, {"mode", "rail"},
                                   {"transit_hours", 120}, {"cost_fen_per_kg", 80}, {"temperature_class", "chilled_0_4"}}).dump();
    const std::string change = json({{"origin_node_id", "origin-shache"}, {"destination_node_id", "dest-pudong"}, {"mode", "truck"},
                                     {"transit_hours", 140}, {"cost_fen_per_kg", 110}, {"temperature_class", "chilled_0_4"}}).dump();
    const std::vector<Line> lines = {
        {"GET", "/api/v1/market/nodes", "", Target::own,                    {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lanes", "", Target::own,                           {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lanes/" + w.truck_lane, "", Target::own,           {200, 200, 200, 200, 200, 200, 200}},
        {"POST", "/api/v1/lanes", lane, Target::own,                        {201, 403, 403, 403, 403, 403, 403}},
        {"PUT", "/api/v1/lanes/" + w.truck_lane, change, Target::own,       {200, 403, 403, 403, 403, 403, 403}},
        {"DELETE", "/api/v1/lanes/" + w.bachu_lane, "", Target::own,        {200, 403, 403, 403, 403, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

TEST_P(MarketPermissionMatrix, Offers) {
    MarketWorld w(GetParam());
    const std::string own = "/api/v1/offers/" + w.own_offer;
    const std::string other = "/api/v1/offers/" + w.other_offer;
    // {org} is the acting role's own (or other) organisation; only the producer's own org holds own_product.
    json body = w.offer_body("{org}", w.catalog().own_product);
    json fields = body;
    fields.erase("org_id");
    const std::vector<Line> lines = {
        {"GET", "/api/v1/offers", "", Target::own,                          {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/offers?org={org}", "", Target::own,                {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/offers?org={org}", "", Target::other,              {200, 200, 403, 403, 403, 403, 200}},
        {"GET", own, "", Target::own,                                       {200, 200, 403, 200, 403, 403, 200}},
        {"GET", other, "", Target::own,                                     {200, 200, 403, 403, 403, 403, 200}},
        // Creating names the organisation: the admin for the producer (201), a producer only itself.
        {"POST", "/api/v1/offers", body.dump(), Target::own,                {201, 403, 403, 201, 403, 403, 403}},
        {"POST", "/api/v1/offers", body.dump(), Target::other,              {400, 403, 403, 403, 403, 403, 403}},
        {"PUT", own, fields.dump(), Target::own,                            {200, 403, 403, 200, 403, 403, 403}},
        {"PUT", other, fields.dump(), Target::own,                          {400, 403, 403, 403, 403, 403, 403}},
        {"POST", other + "/withdraw", "", Target::own,                      {200, 403, 403, 403, 403, 403, 403}},
        {"POST", own + "/withdraw", "", Target::own,                        {200, 403, 403, 200, 403, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

TEST_P(MarketPermissionMatrix, Demands) {
    MarketWorld w(GetParam());
    const std::string own = "/api/v1/demands/" + w.own_demand;
    const std::string other = "/api/v1/demands/" + w.other_demand;
    // Programme-wide roles' {org} is the producer's, which cannot ask (400 naming org_id); the
    // buyer's own is its buyer organisation.
    json body = w.demand_body("{org}", w.catalog().own_product);
    json fields = body;
    fields.erase("org_id");
    const std::vector<Line> lines = {
        {"GET", "/api/v1/demands", "", Target::own,                         {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/demands?org={org}", "", Target::other,             {200, 200, 403, 403, 403, 403, 200}},
        {"GET", own, "", Target::own,                                       {200, 200, 403, 403, 200, 403, 200}},
        {"GET", other, "", Target::own,                                     {200, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/demands", body.dump(), Target::own,               {400, 403, 403, 403, 201, 403, 403}},
        {"POST", "/api/v1/demands", body.dump(), Target::other,             {400, 403, 403, 403, 403, 403, 403}},
        {"PUT", own, fields.dump(), Target::own,                            {200, 403, 403, 403, 200, 403, 403}},
        {"PUT", other, fields.dump(), Target::own,                          {200, 403, 403, 403, 403, 403, 403}},
        {"POST", other + "/withdraw", "", Target::own,                      {200, 403, 403, 403, 403, 403, 403}},
        {"POST", own + "/withdraw", "", Target::own,                        {200, 403, 403, 403, 200, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

TEST_P(MarketPermissionMatrix, AllocationsAndProposals) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation();
    const std::string runs = "/api/v1/allocations/" + run.at("id").get<std::string>();
    std::string own_proposal, other_proposal;
    const json proposals = json::parse(w.world().call_as(Role::admin, "GET", runs + "/proposals").body);
    for (const auto& p : proposals.at("items")) {
        (p.at("offer_id") == w.own_offer ? own_proposal : other_proposal) = p.at("id");
    }
    ASSERT_FALSE(own_proposal.empty());
    ASSERT_FALSE(other_proposal.empty());
    const std::string own = runs + "/proposals/" + own_proposal;
    const std::string other = runs + "/proposals/" + other_proposal;
    const std::vector<Line> lines = {
        // Starting a run answers 202 at once; the job runs behind it.
        {"POST", "/api/v1/allocations", "{}", Target::own,                  {202, 202, 403, 403, 403, 403, 403}},
        {"GET", "/api/v1/allocations", "", Target::own,                     {200, 200, 200, 200, 200, 200, 200}},
        {"GET", runs, "", Target::own,                                      {200, 200, 200, 200, 200, 200, 200}},
        {"GET", runs + "/proposals", "", Target::own,                       {200, 200, 200, 200, 200, 200, 200}},
        {"GET", runs + "/unmet", "", Target::own,                           {200, 200, 200, 200, 200, 200, 200}},
        // Only the two sides decide, each its own; nobody decides for another organisation.
        {"POST", other + "/accept", "", Target::own,                        {403, 403, 403, 403, 403, 403, 403}},
        {"POST", other + "/decline", "", Target::own,                       {403, 403, 403, 403, 403, 403, 403}},
        {"POST", own + "/accept", "", Target::own,                          {403, 403, 403, 200, 200, 403, 403}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
    EXPECT_EQ(w.sink().count(), 1u);  // both sides accepted: one order
    EXPECT_EQ(w.world().call("GET", runs).status, 401);  // and nothing without a session
}

TEST_P(MarketPermissionMatrix, EveryMarketRouteNeedsASession) {
    MarketWorld w(GetParam());
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"GET", "/api/v1/market/nodes"},  {"GET", "/api/v1/lanes"},   {"POST", "/api/v1/lanes"},
        {"GET", "/api/v1/offers"},        {"POST", "/api/v1/offers"}, {"GET", "/api/v1/offers/" + w.own_offer},
        {"GET", "/api/v1/demands"},       {"POST", "/api/v1/demands"}, {"POST", "/api/v1/allocations"},
        {"GET", "/api/v1/allocations"},
    };
    for (const auto& [method, path] : routes) {
        const test::HttpReply reply = w.world().call(method, path, "{}");
        EXPECT_EQ(reply.status, 401) << method << " " << path;
    }
}
// clang-format on

INSTANTIATE_TEST_SUITE_P(Backends, MarketPermissionMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::market::testing
