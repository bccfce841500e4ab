// The public trace page over the real server on every backend (issue 16 item 5): what a consumer
// reads by a lot's trace code (product, producer, county, counts of households, dates, certification
// on the sale date, the journey with places but no buyer), none of the private fields, typed codes
// normalised, unknown codes 404 after the same work, scans counted per day, the QR images of the
// page's address, and the rate limit per client address.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include "store/sql.h"
#include "support/test_env.h"
#include "trace/public_trace_limiter.h"
#include "trace_world.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

class PublicTrace : public ::testing::TestWithParam<std::string> {};

// A lot of the own seller's certified product from both households, shipped on a confirmed order
// (line 1: 10 boxes), delivered and accepted; its trace code.
struct SoldLot {
    std::string id;
    std::string code;
    std::string order;
};

SoldLot sold_lot(TraceWorld& w) {
    const json body = {{"producer_id", w.org(Role::producer, Target::own)},
                       {"product_id", w.certified},
                       {"grade", "A"},
                       {"lot_code", "PUB-1"},
                       {"quantity", 40},
                       {"harvest_date", kl::format_date(kl::add_days(w.today(), -3))},
                       {"pack_date", w.today_text()},
                       {"suppliers", {{{"supplier_id", w.household_a}, {"quantity", 30}}, {{"supplier_id", w.household_b}, {"quantity", 10}}}}};
    auto made = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump());
    EXPECT_EQ(made.status, 201) << made.body;
    SoldLot lot{body_of(made).at("id"), body_of(made).at("trace_code"), w.order_in(orders::OrderStatus::confirmed)};
    w.world().clock().advance_ms(1000);
    const json ship = {{"carrier_id", w.org(Role::logistics, Target::own)},
                       {"lines", {{{"line_no", 1}, {"lots", {{{"lot_id", lot.id}, {"quantity", 10}}}}}}}};
    auto shipped = w.world().call_as(Role::producer, "POST", "/api/v1/orders/" + lot.order + "/ship", ship.dump());
    EXPECT_EQ(shipped.status, 200) << shipped.body;
    w.world().clock().advance_ms(1000);
    EXPECT_EQ(w.world().call_as(Role::logistics, "POST", "/api/v1/orders/" + lot.order + "/deliver").status, 200);
    w.world().clock().advance_ms(1000);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + lot.order + "/accept").status, 200);
    return lot;
}

// Every key of the document at any depth.
void collect_keys(const json& node, std::set<std::string>& keys) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            keys.insert(key);
            collect_keys(value, keys);
        }
    } else if (node.is_array()) {
        for (const auto& item : node) collect_keys(item, keys);
    }
}

// What zbarimg (zbar-tools, as tests/qr uses it) reads off the image: a real scanner's decoder.
std::string scanned(const std::string& bytes) {
    test::TempDir dir;
    const std::string path = dir.file("code.png");
    std::ofstream(path, std::ios::binary) << bytes;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(("zbarimg --quiet --raw -Sbinary '" + path + "' 2>/dev/null").c_str(), "r"), ::pclose);
    if (!pipe) return "(popen failed)";
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

int64_t scans(TraceWorld& w, const std::string& lot_id) {
    return count(w, "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM trace_scans WHERE lot_id = '" + lot_id + "'");
}

TEST_P(PublicTrace, AnyoneReadsALotsPageByItsCodeAndNothingPrivate) {
    TraceWorld w(GetParam());
    const SoldLot lot = sold_lot(w);
    auto reply = w.world().call("GET", "/api/v1/public/trace/" + lot.code);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json page = body_of(reply);
    EXPECT_EQ(page.at("trace_code"), lot.code);
    EXPECT_EQ(page.at("county").at("code"), "shache");
    EXPECT_EQ(page.at("county").at("name"), "莎车县");
    EXPECT_FALSE(page.at("product").at("name").get<std::string>().empty());
    EXPECT_FALSE(page.at("producer").at("name").get<std::string>().empty());
    EXPECT_EQ(page.at("households"), 2);
    EXPECT_EQ(page.at("workshops"), 0);
    EXPECT_EQ(page.at("harvest_date"), kl::format_date(kl::add_days(w.today(), -3)));
    EXPECT_EQ(page.at("pack_date"), w.today_text());
    // The product was certified on the day the lot first shipped.
    EXPECT_EQ(page.at("certification").at("status"), "certified");
    EXPECT_EQ(page.at("certification").at("basis"), "first_shipment");
    EXPECT_EQ(page.at("certification").at("on"), w.today_text());
    // The journey: commissioned at the producer, shipped, received and accepted in the buyer's
    // district — the buyer itself never named.
    const json& journey = page.at("journey");
    ASSERT_EQ(journey.size(), 4u) << journey.dump();
    EXPECT_EQ(journey[0].at("biz_step"), "commissioning");
    EXPECT_EQ(journey[0].at("place").at("kind"), "producer");
    EXPECT_EQ(journey[0].at("place").at("name"), page.at("producer").at("name"));
    EXPECT_EQ(journey[1].at("biz_step"), "shipping");
    EXPECT_EQ(journey[2].at("biz_step"), "receiving");
    EXPECT_EQ(journey[2].at("place").at("kind"), "buyer");
    EXPECT_EQ(journey[2].at("place").at("name"), "浦东新区");
    EXPECT_EQ(journey[3].at("biz_step"), "accepting");
    EXPECT_EQ(journey[3].at("date"), w.today_text());
    EXPECT_EQ(page.at("qr_svg"), "/t/" + lot.code + ".svg");
    EXPECT_TRUE(page.at("page_url").get<std::string>().ends_with("/t/" + lot.code)) << page.at("page_url");
    // No prices, buyers, orders, people or ids: not as keys, not as values.
    std::set<std::string> keys;
    collect_keys(page, keys);
    for (const char* key : {"id", "price", "price_fen", "unit_price_fen", "amount_fen", "buyer", "buyer_id", "buyer_name", "seller_id",
                            "order", "order_id", "biz_transaction_list", "suppliers", "supplier_name", "supplier_id", "recorded_by",
                            "recorded_role", "user", "quantity", "on_hand", "lot_id", "event_id", "read_point", "biz_location"}) {
        EXPECT_EQ(keys.count(key), 0u) << key;
    }
    const std::string buyer = w.org(Role::buyer, Target::own);
    const auto buyer_name = must(w.world().store().read([&](store::Tx& tx) {
                                     return store::query_first_text(tx, "SELECT name FROM organisations WHERE id = $1", {buyer});
                                 }),
                                 "buyer");
    ASSERT_TRUE(buyer_name.has_value());
    for (const std::string& secret : {lot.order, lot.id, *buyer_name, std::string("阿依古丽家"), std::string("买买提家"),
                                      w.org(Role::buyer, Target::own), w.household_a}) {
        EXPECT_EQ(reply.body.find(secret), std::string::npos) << secret;
    }
}

// A lot merged from two farm lots (issue 16: a transformed lot's page shows its inputs' origin, from
// the backward trace): the households of both inputs, each counted once, under their county — and
// still no name, quantity or id of the inputs.
TEST_P(PublicTrace, AMergedLotShowsWhereItsInputsGrewAndHowManyHouseholdsContributed) {
    TraceWorld w(GetParam());
    const std::string producer = w.org(Role::producer, Target::own);
    const auto farm = [&](const std::string& code, std::vector<LotSupplier> suppliers) {
        NewLot input;
        input.producer_id = producer;
        input.product_id = w.certified;
        input.grade = "A";
        input.lot_code = code;
        input.quantity = 0;
        for (const auto& supplier : suppliers) input.quantity += supplier.quantity;
        input.harvest_date = kl::add_days(w.today(), -4);
        input.suppliers = std::move(suppliers);
        const std::string id = must(w.trace().lots.record_lot(std::nullopt, input), "farm lot " + code).id;
        w.world().clock().advance_ms(1000);
        return id;
    };
    const std::string first = farm("FARM-A", {LotSupplier{w.household_a, 30, ""}});
    const std::string second = farm("FARM-B", {LotSupplier{w.household_a, 10, ""}, LotSupplier{w.household_b, 20, ""}});
    const json merge = {{"type", "TransformationEvent"},
                        {"event_time", w.now_text()},
                        {"biz_step", "repackaging"},
                        {"process", "merge"},
                        {"input_quantity_list", {{{"lot_id", first}, {"quantity", 30}}, {{"lot_id", second}, {"quantity", 30}}}},
                        {"output_quantity_list", {{{"lot_code", "MERGED-1"}, {"product_id", w.certified}, {"grade", "A"}, {"quantity", 60}}}}};
    auto merged = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", merge.dump());
    ASSERT_EQ(merged.status, 201) << merged.body;
    const std::string output = body_of(merged).at("output_quantity_list")[0].at("lot_id");
    const std::string code = must(w.trace().lots.get_lot(std::nullopt, output), "merged lot").trace_code;
    auto reply = w.world().call("GET", "/api/v1/public/trace/" + code);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json page = body_of(reply);
    EXPECT_EQ(page.at("input_lots"), 2);
    EXPECT_EQ(page.at("origins_complete"), true);
    EXPECT_EQ(page.at("households"), 2) << "household A supplied both inputs and is counted once";
    EXPECT_EQ(page.at("workshops"), 0);
    ASSERT_EQ(page.at("origins").size(), 1u) << page.dump();
    const json& origin = page.at("origins")[0];
    EXPECT_EQ(origin.at("county").at("code"), "shache");
    EXPECT_EQ(origin.at("county").at("name"), "莎车县");
    EXPECT_EQ(origin.at("households"), 2);
    EXPECT_EQ(origin.at("lots"), 2);
    for (const std::string& secret : {first, second, std::string("FARM-A"), std::string("FARM-B"), std::string("阿依古丽家"),
                                      std::string("买买提家"), w.household_a, w.household_b}) {
        EXPECT_EQ(reply.body.find(secret), std::string::npos) << secret;
    }
    // A farm lot's own page: its households, no inputs.
    const std::string farm_code = must(w.trace().lots.get_lot(std::nullopt, second), "farm lot").trace_code;
    const json own = body_of(w.world().call("GET", "/api/v1/public/trace/" + farm_code));
    EXPECT_EQ(own.at("input_lots"), 0);
    EXPECT_EQ(own.at("households"), 2);
    ASSERT_EQ(own.at("origins").size(), 1u);
    EXPECT_EQ(own.at("origins")[0].at("lots"), 1);
}

TEST_P(PublicTrace, TypedCodesAreNormalisedAndEachLookIsCountedPerDay) {
    TraceWorld w(GetParam());
    const std::string id = w.own_lot("PUB-2", 5);
    const std::string code = must(w.trace().lots.get_lot(std::nullopt, id), "lot").trace_code;
    std::string typed = code.substr(0, 4) + "-" + code.substr(4, 4) + "%20" + code.substr(8);  // a space, percent-encoded
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto reply = w.world().call("GET", "/api/v1/public/trace/" + typed);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(body_of(reply).at("trace_code"), code);
    EXPECT_EQ(body_of(reply).at("certification").at("basis"), "today");  // not shipped yet
    EXPECT_EQ(body_of(reply).at("households"), 0);
    EXPECT_EQ(w.world().call("GET", "/api/v1/public/trace/" + code).status, 200);
    EXPECT_EQ(scans(w, id), 2);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_scans WHERE lot_id = '" + id + "'"), 1) << "one row per lot and day";
    // Those who see the lot read the counts; the buyer bought none of it.
    auto counted = w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + id + "/scans");
    ASSERT_EQ(counted.status, 200) << counted.body;
    EXPECT_EQ(body_of(counted).at("total"), 2);
    ASSERT_EQ(body_of(counted).at("days").size(), 1u);
    EXPECT_EQ(body_of(counted).at("days")[0].at("day"), w.today_text());
    EXPECT_EQ(w.world().call_as(Role::buyer, "GET", "/api/v1/lots/" + id + "/scans").status, 403);
    // The next Beijing day is a row of its own (read through the service: the sessions have expired by then).
    w.world().clock().advance_ms(24LL * 3600 * 1000);
    EXPECT_EQ(w.world().call("GET", "/api/v1/public/trace/" + code).status, 200);
    const ScanCounts days = must(w.trace().public_trace.scans(std::nullopt, id), "scans");
    EXPECT_EQ(days.total, 3);
    ASSERT_EQ(days.days.size(), 2u);
    EXPECT_EQ(days.days[0].second, 1);
    EXPECT_EQ(days.days[1].second, 2);
    EXPECT_GT(days.days[0].first, days.days[1].first);
    // Nothing of the reader is kept: the table has the lot, the day and the count.
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_scans WHERE count > 0"), 2);
}

TEST_P(PublicTrace, AnUnknownCodeIs404AfterTheSameWorkAndIsCountedAsAProbe) {
    TraceWorld w(GetParam());
    const std::string id = w.own_lot("PUB-3", 5);
    const std::string code = must(w.trace().lots.get_lot(std::nullopt, id), "lot").trace_code;
    // A well-formed code no lot has, a malformed one, and one too long to be a code.
    const std::string absent = code == "0000000000ZZ" ? "0000000000ZY" : "0000000000ZZ";
    for (const std::string& typed : {absent, std::string("not-a-code"), std::string(80, 'A')}) {
        auto reply = w.world().call("GET", "/api/v1/public/trace/" + typed);
        EXPECT_EQ(reply.status, 404) << typed << " " << reply.body;
        EXPECT_EQ(reply.body.find(code), std::string::npos);
    }
    EXPECT_EQ(w.world().call("GET", "/api/v1/public/trace/" + code).status, 200);
    // Both ran the lookup and counted a scan: the known code under its lot, the others under "".
    EXPECT_EQ(scans(w, ""), 3);
    EXPECT_EQ(scans(w, id), 1);
    // The QR images are of known codes only.
    EXPECT_EQ(w.world().call("GET", "/t/" + absent + ".svg").status, 404);
    EXPECT_EQ(w.world().call("GET", "/t/" + absent + ".png").status, 404);
}

TEST_P(PublicTrace, TheQrImagesHoldThePagesOwnAddress) {
    TraceWorld w(GetParam());
    const std::string id = w.own_lot("PUB-4", 5);
    const std::string code = must(w.trace().lots.get_lot(std::nullopt, id), "lot").trace_code;
    auto svg = w.world().call("GET", "/t/" + code + ".svg");
    ASSERT_EQ(svg.status, 200) << svg.body;
    EXPECT_EQ(svg.content_type, "image/svg+xml");
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
    EXPECT_NE(svg.body.find("/t/" + code), std::string::npos) << "titled by the page's path";
    std::string lower = code;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto png = w.world().call("GET", "/t/" + lower + ".png");
    ASSERT_EQ(png.status, 200);
    EXPECT_EQ(png.content_type, "image/png");
    EXPECT_EQ(png.body.substr(0, 4), "\x89PNG");
    // Scanned, it leads to the page's own address (the request's Host, as no public_base_url is set).
    const std::string address = scanned(png.body);
    EXPECT_TRUE(address.starts_with("http://127.0.0.1:")) << address;
    EXPECT_TRUE(address.ends_with("/t/" + code)) << address;
    // A Host that is not a host name is not put into an address.
    auto bad_host = w.world().call("GET", "/t/" + code + ".svg", "", {{"Host", "evil.example/x?"}});
    EXPECT_EQ(bad_host.status, 400) << bad_host.body;
    // The image routes count no scan.
    EXPECT_EQ(scans(w, id), 0);
}

TEST_P(PublicTrace, EachClientAddressIsLimitedWith429AndRetryAfter) {
    TraceWorld w(GetParam());
    const std::string id = w.own_lot("PUB-5", 5);
    const std::string code = must(w.trace().lots.get_lot(std::nullopt, id), "lot").trace_code;
    const RateLimit limit;
    // The fake clock stands still: the bucket does not refill during the test.
    for (int64_t i = 0; i < limit.burst; ++i) {
        const std::string path = i % 3 == 2 ? "/t/" + code + ".svg" : "/api/v1/public/trace/" + code;
        ASSERT_EQ(w.world().call("GET", path).status, 200) << i;
    }
    auto refused = w.world().call("GET", "/api/v1/public/trace/" + code);
    EXPECT_EQ(refused.status, 429) << refused.body;
    ASSERT_TRUE(refused.headers.count("Retry-After"));
    EXPECT_EQ(refused.headers.find("Retry-After")->second, std::to_string((limit.interval_ms + 999) / 1000));
    EXPECT_EQ(w.world().call("GET", "/t/" + code + ".png").status, 429);
    // Refused looks are not scans; once the bucket has refilled a token the client may go on.
    const int64_t counted = scans(w, id);
    w.world().clock().advance_ms(limit.interval_ms);
    EXPECT_EQ(w.world().call("GET", "/api/v1/public/trace/" + code).status, 200);
    EXPECT_EQ(scans(w, id), counted + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicTrace, ::testing::ValuesIn(test::backends_under_test()));

// The bucket itself: a burst, then one per interval; clients apart; memory bounded.
TEST(ClientRateLimiter, AllowsABurstThenOnePerIntervalPerClient) {
    ClientRateLimiter limiter({.burst = 3, .interval_ms = 1000, .clients_max = 2});
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take("a", 0).has_value()) << i;
    EXPECT_EQ(limiter.take("a", 0), std::optional<int64_t>(1000));
    EXPECT_EQ(limiter.take("a", 400), std::optional<int64_t>(600));
    EXPECT_FALSE(limiter.take("a", 1000).has_value());
    EXPECT_TRUE(limiter.take("a", 1000).has_value());
    EXPECT_FALSE(limiter.take("b", 1000).has_value()) << "another client has its own bucket";
    // A third client: "a" and "b" are still counting, so all are forgotten rather than grow the map.
    EXPECT_FALSE(limiter.take("c", 1000).has_value());
    EXPECT_FALSE(limiter.take("a", 1000).has_value());
}

}  // namespace
}  // namespace kl::trace::testing
