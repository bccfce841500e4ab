// The EPCIS 2.0 query interface through the real server on every backend: each parameter narrows
// the events as EPCIS defines it, paging follows the Link header, unknown parameters are refused
// naming them, and each role sees only the events of the lots it sees.
#include <gtest/gtest.h>

#include "epcis_world.h"
#include "trace/sscc.h"

namespace kl::trace::testing {
namespace {

class EpcisQuery : public ::testing::TestWithParam<std::string> {};

// Own producer: lots A and B with six captured events; the other producer: lot C with one.
struct Scene {
    std::string a, b, c;
    std::string a_class, b_class, c_class;
    std::vector<std::string> ids;  // of the six own events, in document order
    std::string theirs;            // the other producer's event
    std::string t0;                // before all seven
    std::vector<std::string> times;
};

Scene build(TraceWorld& w) {
    Scene s;
    const std::string own = w.org(Role::producer, Target::own);
    s.a = w.own_lot("Q-A", 100);
    s.b = w.own_lot("Q-B", 100);
    s.c = w.lot(w.org(Role::producer, Target::other), w.other_product, "Q-C", 100);
    s.a_class = lot_class(w, s.a);
    s.b_class = lot_class(w, s.b);
    s.c_class = lot_class(w, s.c);
    const int64_t now = w.now_ms();
    s.t0 = utc_timestamp(now);
    for (int i = 0; i < 7; ++i) s.times.push_back(utc_timestamp(now + 1000 + i * 1000LL));
    json events = json::array();
    json e0 = epcis_observe(s.a_class, s.times[0], 1, "inspecting");  // 0: A, inspecting, active, at own
    e0["disposition"] = "active";
    e0["bizLocation"] = {{"id", loc(own)}};
    events.push_back(e0);
    json e1 = epcis_observe(s.b_class, s.times[1], 2, "storing");  // 1: B, storing, sellable_accessible
    e1["disposition"] = "sellable_accessible";
    events.push_back(e1);
    events.push_back({{"type", "AggregationEvent"}, {"eventTime", s.times[2]}, {"eventTimeZoneOffset", "+08:00"}, {"action", "ADD"},
                      {"parentID", sscc_digital_link(epcis_pallet)}, {"bizStep", "packing"},
                      {"childQuantityList", {{{"epcClass", s.a_class}, {"quantity", 10}}}}});  // 2: A on the pallet
    events.push_back({{"type", "TransactionEvent"}, {"eventTime", s.times[3]}, {"eventTimeZoneOffset", "+08:00"}, {"action", "ADD"},
                      {"bizStep", "shipping"}, {"disposition", "in_transit"},
                      {"bizTransactionList", {{{"type", "inv"}, {"bizTransaction", "urn:kashlink:inv:INV-1"}},
                                              {{"type", "desadv"}, {"bizTransaction", "urn:kashlink:desadv:DN-9"}}}},
                      {"quantityList", {{{"epcClass", s.b_class}, {"quantity", 3}}}}});  // 3: B, invoice INV-1
    events.push_back({{"type", "TransactionEvent"}, {"eventTime", s.times[4]}, {"eventTimeZoneOffset", "+08:00"}, {"action", "ADD"},
                      {"bizStep", "shipping"},
                      {"bizTransactionList", {{{"type", "inv"}, {"bizTransaction", "urn:kashlink:inv:INV-2"}}}},
                      {"quantityList", {{{"epcClass", s.a_class}, {"quantity", 3}}}}});  // 4: A, invoice INV-2
    const std::string made = lot_class_uri(own, identifier_key("Q-A2"));
    events.push_back({{"type", "TransformationEvent"}, {"eventTime", s.times[5]}, {"eventTimeZoneOffset", "+08:00"},
                      {"bizStep", "repackaging"},
                      {"inputQuantityList", {{{"epcClass", s.b_class}, {"quantity", 4}}}},
                      {"outputQuantityList", {{{"epcClass", made}, {"quantity", 4}}}},
                      {"kashlink:outputLots", {{{"epcClass", made}, {"lotCode", "Q-A2"}, {"product", "urn:kashlink:product:" + w.certified}}}}});
    auto reply = capture(w, Role::producer, epcis_document(events));
    EXPECT_EQ(reply.status, 201) << reply.body;
    s.ids = body_of(reply).at("eventIDs").get<std::vector<std::string>>();
    auto theirs = capture(w, Role::admin, epcis_document({epcis_observe(s.c_class, s.times[6], 1, "inspecting")}));
    EXPECT_EQ(theirs.status, 201) << theirs.body;
    s.theirs = body_of(theirs).at("eventIDs").at(0);
    return s;
}

TEST_P(EpcisQuery, EachParameterNarrowsTheEvents) {
    TraceWorld w(GetParam());
    const Scene s = build(w);
    ASSERT_EQ(s.ids.size(), 6u);
    const std::string after = "GE_eventTime=" + test::query_text(s.t0);
    auto ids = [&](const std::string& parameters) { return id_set(queried_ids(w, Role::admin, after + "&" + parameters)); };
    using Set = std::set<std::string>;
    const auto& e = s.ids;
    EXPECT_EQ(id_set(queried_ids(w, Role::admin, after)), (Set{e[0], e[1], e[2], e[3], e[4], e[5], s.theirs}));
    EXPECT_EQ(ids("eventType=TransactionEvent"), (Set{e[3], e[4]}));
    EXPECT_EQ(ids("eventType=AggregationEvent,TransformationEvent"), (Set{e[2], e[5]}));
    EXPECT_EQ(ids("LT_eventTime=" + test::query_text(s.times[2])), (Set{e[0], e[1]}));
    EXPECT_EQ(id_set(queried_ids(w, Role::admin, "GE_eventTime=" + test::query_text(s.times[5]))), (Set{e[5], s.theirs}));
    EXPECT_EQ(ids("EQ_bizStep=inspecting"), (Set{e[0], s.theirs}));
    EXPECT_EQ(ids("EQ_bizStep=" + test::query_text("https://ref.gs1.org/cbv/BizStep-shipping")), (Set{e[3], e[4]}));
    EXPECT_EQ(ids("EQ_disposition=active,in_transit"), (Set{e[0], e[3]}));
    // MATCH_epc: the lot in quantityList or childQuantityList; MATCH_anyEPC: in any list, or the pallet as parentID.
    EXPECT_EQ(ids("MATCH_epc=" + test::query_text(s.a_class)), (Set{e[0], e[2], e[4]}));
    EXPECT_EQ(ids("MATCH_epc=" + test::query_text(s.b_class)), (Set{e[1], e[3]}));
    EXPECT_EQ(ids("MATCH_anyEPC=" + test::query_text(s.b_class)), (Set{e[1], e[3], e[5]}));
    EXPECT_EQ(ids("MATCH_anyEPC=" + test::query_text(sscc_digital_link(epcis_pallet))), (Set{e[2]}));
    EXPECT_EQ(ids("MATCH_anyEPC=" + test::query_text("urn:epc:id:sscc:0614141.1123456789")), (Set{e[2]}));
    EXPECT_EQ(ids("MATCH_epc=" + test::query_text(lot_class_uri(w.org(Role::producer, Target::own), "nothing"))), Set{});
    EXPECT_EQ(ids("EQ_bizLocation=" + test::query_text(loc(w.org(Role::producer, Target::own)))), (Set{e[0]}));
    EXPECT_EQ(ids("EQ_bizTransaction_inv=" + test::query_text("urn:kashlink:inv:INV-1")), (Set{e[3]}));
    EXPECT_EQ(ids("EQ_bizTransaction_inv=" + test::query_text("urn:kashlink:inv:INV-1,urn:kashlink:inv:INV-2")), (Set{e[3], e[4]}));
    EXPECT_EQ(ids("EQ_bizTransaction_desadv=" + test::query_text("urn:kashlink:desadv:DN-9")), (Set{e[3]}));
    EXPECT_EQ(ids("EQ_bizTransaction_po=" + test::query_text("urn:kashlink:inv:INV-1")), Set{});
    // Parameters together are AND'ed.
    EXPECT_EQ(ids("EQ_bizStep=shipping&MATCH_epc=" + test::query_text(s.a_class)), (Set{e[4]}));
}

TEST_P(EpcisQuery, PagesFollowTheLinkHeader) {
    TraceWorld w(GetParam());
    const Scene s = build(w);
    std::string path = "/api/v1/epcis/events?GE_eventTime=" + test::query_text(s.t0) + "&perPage=3";
    std::vector<std::string> seen;
    for (int page = 0; page < 5 && !path.empty(); ++page) {
        auto reply = w.world().call_as(Role::admin, "GET", path);
        ASSERT_EQ(reply.status, 200) << reply.body;
        const json document = body_of(reply);
        for (const auto& event : document.at("epcisBody").at("queryResults").at("resultsBody").at("eventList")) {
            seen.push_back(event.at("eventID"));
        }
        path.clear();
        auto link = reply.headers.find("Link");
        if (link != reply.headers.end()) {
            const std::string value = link->second;
            ASSERT_TRUE(value.ends_with(">; rel=\"next\"")) << value;
            path = value.substr(1, value.find('>') - 1);
        }
    }
    // Every event once, in pages of 3 (in row id order: UUIDv7, by record time to the millisecond).
    std::vector<std::string> expected = s.ids;
    expected.push_back(s.theirs);
    EXPECT_EQ(seen.size(), expected.size());
    EXPECT_EQ(id_set(seen), id_set(expected));
    EXPECT_EQ(query(w, Role::admin, "perPage=0").status, 400);
    EXPECT_EQ(first_problem(query(w, Role::admin, "nextPageToken=garbage!")), "nextPageToken:unknown_reference");
}

TEST_P(EpcisQuery, UnknownParametersAndBadValuesAreRefusedNamingThem) {
    TraceWorld w(GetParam());
    auto reply = query(w, Role::admin, "EQ_readPoint=x&MATCH_parentID=y&eventType=ObjectEvent");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(problem_set(reply), (std::set<std::string>{"EQ_readPoint:unknown_field", "MATCH_parentID:unknown_field"}));
    reply = query(w, Role::admin, "eventType=Thing&EQ_bizStep=teleporting&GE_eventTime=yesterday&MATCH_epc=urn:x&EQ_bizTransaction_memo=a");
    EXPECT_EQ(problem_set(reply), (std::set<std::string>{"eventType:not_one_of", "EQ_bizStep:not_one_of", "GE_eventTime:bad_format",
                                                         "MATCH_epc:bad_format", "EQ_bizTransaction_memo:not_one_of"}));
}

TEST_P(EpcisQuery, EachRoleSeesOnlyTheEventsOfTheLotsItSees) {
    TraceWorld w(GetParam());
    const Scene s = build(w);
    const std::string after = "GE_eventTime=" + test::query_text(s.t0);
    std::set<std::string> own(s.ids.begin(), s.ids.end());
    std::set<std::string> all = own;
    all.insert(s.theirs);
    EXPECT_EQ(id_set(queried_ids(w, Role::producer, after)), own);
    EXPECT_EQ(id_set(queried_ids(w, Role::producer, after + "&MATCH_epc=" + test::query_text(s.c_class))), std::set<std::string>{});
    EXPECT_EQ(id_set(queried_ids(w, Role::county_officer, after)), own);  // the own producer's county
    EXPECT_EQ(id_set(queried_ids(w, Role::auditor, after)), all);
    EXPECT_EQ(id_set(queried_ids(w, Role::buyer, after)), std::set<std::string>{});      // bought none of these lots
    EXPECT_EQ(id_set(queried_ids(w, Role::logistics, after)), std::set<std::string>{});  // carries none
}

INSTANTIATE_TEST_SUITE_P(Backends, EpcisQuery, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
