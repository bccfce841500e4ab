// The import of offers and demands (POST /api/v1/imports/offers|demands) through the real server on
// every backend: a good file creates its rows, re-importing it or the export of those rows creates
// nothing twice, every bad row is named with nothing written, a producer cannot import for another
// organisation, and files beyond the limits are 413.
#include <gtest/gtest.h>

#include "catalog/product_code_repo.h"
#include "market_world.h"

namespace kl::market::testing {
namespace {

using nlohmann::json;

class ListingImport : public ::testing::TestWithParam<std::string> {};

// POST as text/csv with the role's bearer token (the fixture's call() sends JSON).
test::HttpReply post_csv(MarketWorld& w, Role role, const std::string& what, const std::string& csv,
                         const std::string& content_type = "text/csv") {
    httplib::Client client("127.0.0.1", w.world().port());
    auto result = client.Post("/api/v1/imports/" + what, {{"Authorization", "Bearer " + w.world().as(role).token}}, csv,
                              content_type);
    test::HttpReply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    return reply;
}

json report(int rows, int created, int unchanged) {
    return {{"rows", rows}, {"created", created}, {"unchanged", unchanged}};
}

std::vector<std::string> fields_of(const test::HttpReply& reply) {
    std::vector<std::string> out;
    const json body = json::parse(reply.body);  // kept alive for the range-for
    for (const auto& error : body.at("errors")) out.push_back(error.at("field").get<std::string>());
    return out;
}

TEST_P(ListingImport, OffersImportOnceAndTheirExportReimportsWithoutDuplicates) {
    MarketWorld w(GetParam());
    ASSERT_TRUE(w.world().store().write([&](store::Tx& tx) -> Result<void> {
        return catalog::set_product_code(tx, w.catalog().own_product, "WAL-01");
    }));
    // The second row names the product by the producer's own code; the file starts with a BOM as Excel writes it.
    const std::string csv = "\xEF\xBB\xBF" + offer_header + offer_row(w, {"spring-1"}) +
                            offer_row(w, {"spring-2", "70000", "1900", "WAL-01"});
    auto first = post_csv(w, Role::producer, "offers", csv);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(json::parse(first.body), report(2, 2, 0));
    EXPECT_EQ(w.count("market_offers"), 4);
    auto again = post_csv(w, Role::producer, "offers", csv);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(json::parse(again.body), report(2, 0, 2));
    EXPECT_EQ(w.count("market_offers"), 4);

    // What the list shows: the reference, the product resolved from its code.
    const json listed = json::parse(w.world().call_as(Role::producer, "GET", "/api/v1/offers?limit=200").body);
    ASSERT_EQ(listed.at("items").size(), 3u);
    std::set<std::string> refs;
    for (const auto& offer : listed.at("items")) {
        if (!offer.at("ref").is_null()) refs.insert(offer.at("ref").get<std::string>());
        EXPECT_EQ(offer.at("product_id"), w.catalog().own_product);
    }
    EXPECT_EQ(refs, (std::set<std::string>{"spring-1", "spring-2"}));

    // The export (with the seeded offer, which has no ref: its id identifies it) re-imports as it is,
    // and with a new row added at the end only that row is created.
    auto exported = w.world().call_as(Role::producer, "GET", "/api/v1/exports/offers.csv");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.body.find("id,ref,org_id,product_id,"), 3u) << exported.body;
    auto round_trip = post_csv(w, Role::producer, "offers", exported.body);
    ASSERT_EQ(round_trip.status, 200) << round_trip.body;
    EXPECT_EQ(json::parse(round_trip.body), report(3, 0, 3));
    EXPECT_EQ(w.count("market_offers"), 4);
}

TEST_P(ListingImport, AnEditedExportCreatesOnlyItsNewRows) {
    MarketWorld w(GetParam());
    auto exported = w.world().call_as(Role::admin, "GET", "/api/v1/exports/offers.csv?org=" +
                                                          w.org(Role::producer, Target::own));
    ASSERT_EQ(exported.status, 200);
    // A row typed under the export's header: id, product_name_zh, best_before and status left empty.
    const std::string added = ",summer-1," + w.org(Role::producer, Target::own) + "," + w.catalog().own_product +
                              ",,B,30000,2100," + w.day(1) + "," + w.day(9) + "," + w.day(1) + ",,origin-shache,\r\n";
    auto reply = post_csv(w, Role::admin, "offers", exported.body + added);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(json::parse(reply.body), report(2, 1, 1));
    EXPECT_EQ(w.count("market_offers"), 3);
}

TEST_P(ListingImport, DemandsImportOnceAndTheirExportReimports) {
    MarketWorld w(GetParam());
    const std::string& buyer = w.org(Role::buyer, Target::own);
    const std::string csv = demand_header + buyer + ",d-1," + w.catalog().own_product + ",,B,,40000,3000," + w.day(12) +
                            ",pudong,5\r\n" + buyer + ",d-2,,fresh_fruit,,2,20000,2500," + w.day(15) + ",xuhui,\r\n";
    auto first = post_csv(w, Role::buyer, "demands", csv);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(json::parse(first.body), report(2, 2, 0));
    EXPECT_EQ(json::parse(post_csv(w, Role::buyer, "demands", csv).body), report(2, 0, 2));
    auto exported = w.world().call_as(Role::buyer, "GET", "/api/v1/exports/demands.csv");
    ASSERT_EQ(exported.status, 200);
    auto round_trip = post_csv(w, Role::buyer, "demands", exported.body);
    ASSERT_EQ(round_trip.status, 200) << round_trip.body;
    EXPECT_EQ(json::parse(round_trip.body), report(3, 0, 3));
    EXPECT_EQ(w.count("market_demands"), 4);
    // A buyer imports no offers, a producer no demands.
    EXPECT_EQ(post_csv(w, Role::buyer, "offers", offer_header + offer_row(w, {"x"})).status, 403);
    EXPECT_EQ(post_csv(w, Role::producer, "demands", csv).status, 403);
}

TEST_P(ListingImport, EveryBadRowIsNamedAndNothingIsWritten) {
    MarketWorld w(GetParam());
    const std::string csv = offer_header + offer_row(w, {"r2", "50000", "12.5"}) +
                            offer_row(w, {"r3", "50000", "twelve"}) + offer_row(w, {"r4", "0"}) +
                            offer_row(w, {"r5", "-5"}) + offer_row(w, {"r6", "50000", "1800", "no-such-product"}) +
                            offer_row(w, {"r7", "50000", "1800", "", "2026-02-30"}) + offer_row(w, {"dup"}) +
                            offer_row(w, {"dup"}) + offer_row(w, {"good"});
    auto reply = post_csv(w, Role::producer, "offers", csv);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(fields_of(reply), (std::vector<std::string>{"row 2/price_fen_per_kg", "row 3/price_fen_per_kg",
                                                          "row 4/quantity_g", "row 5/quantity_g", "row 6/product_id",
                                                          "row 7/available_from", "row 8/ref", "row 9/ref"}));
    EXPECT_EQ(w.count("market_offers"), 2);  // the two seeded ones: not even the good row

    auto header = post_csv(w, Role::producer, "offers",
                           "org_id,ref,product_id,colour,quantity_g,price_fen_per_kg,available_from,available_to,"
                           "packed_on,origin_node_id,ref\r\n");
    EXPECT_EQ(header.status, 400) << header.body;
    EXPECT_EQ(fields_of(header), (std::vector<std::string>{"header/colour", "header/ref", "header/grade"}));

    // A row without an id needs a ref; a bad demand names its columns too.
    auto no_ref = post_csv(w, Role::producer, "offers", offer_header + offer_row(w, {""}));
    EXPECT_EQ(no_ref.status, 400);
    EXPECT_EQ(fields_of(no_ref), (std::vector<std::string>{"row 2/ref"}));
    auto demand = post_csv(w, Role::buyer, "demands",
                           demand_header + w.org(Role::buyer, Target::own) + ",d-1,,no-such-category,,1,1000,3.5," +
                               w.day(3) + ",atlantis,\r\n");
    EXPECT_EQ(demand.status, 400);
    EXPECT_EQ(fields_of(demand), (std::vector<std::string>{"row 2/max_price_fen_per_kg"}));
    auto refused = post_csv(w, Role::buyer, "demands",
                            demand_header + w.org(Role::buyer, Target::own) + ",d-1,,no-such-category,,1,1000,300," +
                                w.day(3) + ",atlantis,\r\n");
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(fields_of(refused), (std::vector<std::string>{"row 2/category_id", "row 2/district"}));
    EXPECT_EQ(w.count("market_demands"), 2);
}

TEST_P(ListingImport, AProducerImportsOnlyForItsOwnOrganisation) {
    MarketWorld w(GetParam());
    const std::string csv = offer_header + offer_row(w, {"mine"}) +
                            offer_row(w, {"theirs", "50000", "1800", w.catalog().other_product},
                                      w.org(Role::producer, Target::other));
    auto reply = post_csv(w, Role::producer, "offers", csv);
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(fields_of(reply), (std::vector<std::string>{"row 3/org_id"}));
    // An id of another organisation's offer is not taken as "already imported", nor does it say whose it is.
    auto by_id = post_csv(w, Role::producer, "offers",
                          "id," + offer_header + w.other_offer + "," + offer_row(w, {"x"}));
    EXPECT_EQ(by_id.status, 400) << by_id.body;
    EXPECT_EQ(fields_of(by_id), (std::vector<std::string>{"row 2/id"}));
    EXPECT_EQ(w.count("market_offers"), 2);
    // Admin may name any producing organisation.
    auto admin = post_csv(w, Role::admin, "offers", csv);
    ASSERT_EQ(admin.status, 200) << admin.body;
    EXPECT_EQ(json::parse(admin.body), report(2, 2, 0));
    EXPECT_EQ(post_csv(w, Role::admin, "offers", "{}", "application/json").status, 415);
}

TEST_P(ListingImport, FilesBeyondTheLimitsAre413) {
    MarketWorld w(GetParam());
    std::string rows = offer_header;
    for (size_t i = 0; i <= listing_import_rows_max; ++i) rows += "x\r\n";
    auto many = post_csv(w, Role::producer, "offers", rows);
    EXPECT_EQ(many.status, 413) << many.body.substr(0, 300);
    EXPECT_EQ(fields_of(many), (std::vector<std::string>{"file"}));
    auto large = post_csv(w, Role::producer, "offers", offer_header + std::string(listing_import_bytes_max, 'x'));
    EXPECT_EQ(large.status, 413) << large.body.substr(0, 300);
    EXPECT_EQ(w.count("market_offers"), 2);
}

TEST_P(ListingImport, TheSingleCreateTakesARefOnce) {
    MarketWorld w(GetParam());
    json body = w.offer_body(w.org(Role::producer, Target::own), w.catalog().own_product);
    body["ref"] = "spring-1";
    auto made = w.world().call_as(Role::producer, "POST", "/api/v1/offers", body.dump());
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(json::parse(made.body).at("ref"), "spring-1");
    auto twice = w.world().call_as(Role::producer, "POST", "/api/v1/offers", body.dump());
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(fields_of(twice), (std::vector<std::string>{"ref"}));
    // The import skips the row whose ref the create used.
    auto imported = post_csv(w, Role::producer, "offers", offer_header + offer_row(w, {"spring-1"}));
    EXPECT_EQ(json::parse(imported.body), report(1, 0, 1));
    EXPECT_EQ(w.count("market_offers"), 3);
}

// The permission matrix of the two imports (the fixture's matrix sends JSON; these take text/csv):
// an offer file is taken from admin and the producer, a demand file from admin and the buyer; every
// other role gets 403 and nothing is written.
TEST_P(ListingImport, OnlyTheListingSideAndAdminMayImport) {
    MarketWorld w(GetParam());
    const std::string offers = offer_header + offer_row(w, {"matrix-offer"});
    const std::string demands = demand_header + w.org(Role::buyer, Target::own) + ",matrix-demand," +
                                w.catalog().own_product + ",,B,,1000,3000," + w.day(10) + ",pudong,0\r\n";
    for (const Role role : {Role::fund_officer, Role::county_officer, Role::logistics, Role::auditor}) {
        EXPECT_EQ(post_csv(w, role, "offers", offers).status, 403) << access::to_string(role);
        EXPECT_EQ(post_csv(w, role, "demands", demands).status, 403) << access::to_string(role);
    }
    EXPECT_EQ(w.count("market_offers"), 2);
    EXPECT_EQ(w.count("market_demands"), 2);
    EXPECT_EQ(post_csv(w, Role::producer, "offers", offers).status, 200);
    EXPECT_EQ(post_csv(w, Role::buyer, "demands", demands).status, 200);
    EXPECT_EQ(w.count("market_offers"), 3);
    EXPECT_EQ(w.count("market_demands"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, ListingImport, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::market::testing
