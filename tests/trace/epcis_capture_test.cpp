// The EPCIS 2.0 capture interface through the real server on every backend: a document holding
// every event kind is returned equal by query with the same eventIDs (the JSON-LD round trip), and
// captured again changes nothing; error declarations; a document with one bad event among 10,000
// stores nothing and names the event's index; every problem of a document at once; the same event
// twice stored once; another producer's lot refused with 403; the accepted spellings of CBV values
// and SSCCs; the limits and media types.
#include <gtest/gtest.h>

#include <map>

#include "epcis_world.h"
#include "trace/sscc.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

class EpcisCapture : public ::testing::TestWithParam<std::string> {};

// Minus the fields the platform adds when it stores an event.
json as_sent(json event) {
    event.erase("eventID");
    event.erase("recordTime");
    return event;
}

TEST_P(EpcisCapture, EveryEventKindComesBackEqualByQueryWithTheSameEventIds) {
    TraceWorld w(GetParam());
    const std::string producer = w.org(Role::producer, Target::own);
    const std::string raw = w.own_lot("RAW-1", 100);    // boxes of 5 kg
    const std::string loose = w.own_lot("LOOSE-1", 50);
    const std::string raw_class = lot_class(w, raw), loose_class = lot_class(w, loose);
    const std::string start = utc_timestamp(w.now_ms());
    auto at = [&](int seconds) { return utc_timestamp(w.now_ms() + seconds * 1000LL); };  // after the lots' commissioning
    const std::string made_class = lot_class_uri(producer, identifier_key("GR-A"));
    const std::string made_b_class = lot_class_uri(producer, identifier_key("GR-B"));
    json events = json::array();
    events.push_back({{"type", "ObjectEvent"},
                      {"eventTime", at(1)},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"action", "OBSERVE"},
                      {"quantityList", {{{"epcClass", raw_class}, {"quantity", 5}}}},
                      {"bizStep", "inspecting"},
                      {"disposition", "active"},
                      {"readPoint", {{"id", loc(producer)}}},
                      {"bizLocation", {{"id", loc(producer)}}}});
    events.push_back({{"type", "AggregationEvent"},
                      {"eventTime", at(2)},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"action", "ADD"},
                      {"parentID", sscc_digital_link(epcis_pallet)},
                      {"childQuantityList", {{{"epcClass", raw_class}, {"quantity", 20}}}},
                      {"bizStep", "packing"},
                      {"disposition", "container_closed"}});
    events.push_back({{"type", "TransactionEvent"},
                      {"eventTime", at(3)},
                      {"eventTimeZoneOffset", "+05:00"},
                      {"action", "ADD"},
                      {"quantityList", {{{"epcClass", loose_class}, {"quantity", 3}}}},
                      {"bizStep", "shipping"},
                      {"disposition", "in_transit"},
                      {"bizTransactionList", {{{"type", "inv"}, {"bizTransaction", "urn:kashlink:inv:INV-2026-7"}}}}});
    events.push_back({{"type", "TransformationEvent"},
                      {"eventTime", at(4)},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"inputQuantityList", {{{"epcClass", loose_class}, {"quantity", 10}}}},  // 50 kg
                      {"outputQuantityList", {{{"epcClass", made_class}, {"quantity", 6}}, {{"epcClass", made_b_class}, {"quantity", 2}}}},
                      {"bizStep", "repackaging"},
                      {"kashlink:outputLots",
                       {{{"epcClass", made_class}, {"lotCode", "GR-A"}, {"product", "urn:kashlink:product:" + w.certified}, {"grade", "A"}},
                        {{"epcClass", made_b_class}, {"lotCode", "GR-B"}, {"product", "urn:kashlink:product:" + w.uncertified}, {"grade", "B"}}}},
                      {"kashlink:process", "grade"},
                      {"kashlink:lossGrams", 10'000}});
    events.push_back({{"type", "AggregationEvent"},
                      {"eventTime", at(5)},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"action", "DELETE"},
                      {"parentID", sscc_digital_link(epcis_pallet)},
                      {"childQuantityList", {{{"epcClass", raw_class}, {"quantity", 20}}}},
                      {"bizStep", "unpacking"}});
    events.push_back({{"type", "ObjectEvent"},
                      {"eventTime", at(6)},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"action", "DELETE"},
                      {"quantityList", {{{"epcClass", raw_class}, {"quantity", 1}}}},
                      {"bizStep", "destroying"},
                      {"disposition", "destroyed"}});
    const int64_t events_before = count(w, "SELECT COUNT(*) FROM trace_events");
    auto captured = capture(w, Role::producer, epcis_document(events), "doc-1");
    ASSERT_EQ(captured.status, 201) << captured.body;
    const json outcome = body_of(captured);
    EXPECT_EQ(outcome.at("captured"), 6);
    EXPECT_EQ(outcome.at("alreadyPresent"), 0);
    ASSERT_EQ(outcome.at("eventIDs").size(), 6u);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), events_before + 6);
    // What the events did: packed and unpacked, 1 box destroyed, 10 boxes transformed into 2 new lots.
    EXPECT_EQ(w.on_hand(raw), 99);
    EXPECT_EQ(w.on_hand(loose), 40);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 4);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_pallet_contents"), 0);

    // Queried back: the same events, field for field, with the same eventIDs.
    auto reply = query(w, Role::producer, "GE_eventTime=" + test::query_text(at(0)) + "&perPage=50");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.content_type.substr(0, 19), "application/ld+json");
    const json document = body_of(reply);
    EXPECT_EQ(document.at("type"), "EPCISQueryDocument");
    EXPECT_EQ(document.at("schemaVersion"), "2.0");
    const json listed = document.at("epcisBody").at("queryResults").at("resultsBody").at("eventList");
    ASSERT_EQ(listed.size(), 6u) << listed.dump(1);
    std::map<std::string, json> by_id;
    for (const auto& event : listed) by_id[event.at("eventID")] = event;
    for (size_t i = 0; i < 6; ++i) {
        const std::string id = outcome.at("eventIDs")[i];
        EXPECT_TRUE(id.starts_with("ni:///sha-256;"));
        ASSERT_EQ(by_id.count(id), 1u) << "event " << i << " " << id;
        EXPECT_EQ(as_sent(by_id.at(id)), events[i]) << "event " << i;
    }
    // The same eventIDs as the platform's own route computes (one hash for both interfaces).
    auto own = w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + raw + "/events?limit=50");
    std::set<std::string> raw_ids;
    const json own_events = body_of(own);
    for (const auto& event : own_events.at("items")) raw_ids.insert(event.at("event_id"));
    EXPECT_EQ(raw_ids.count(outcome.at("eventIDs")[0]), 1u);

    // The queried document captured again (eventIDs and recordTime included) changes nothing.
    json again = document;
    again["type"] = "EPCISDocument";
    again["epcisBody"] = {{"eventList", listed}};
    auto resent = capture(w, Role::producer, again);
    ASSERT_EQ(resent.status, 200) << resent.body;
    EXPECT_EQ(body_of(resent).at("captured"), 0);
    EXPECT_EQ(body_of(resent).at("alreadyPresent"), 6);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), events_before + 6);
    EXPECT_EQ(w.on_hand(raw), 99);

    // Declared wrong: the event repeated with an errorDeclaration; the query shows it.
    json declared = events[0];
    declared["errorDeclaration"] = {{"declarationTime", start}, {"reason", "incorrect_data"}, {"correctiveEventIDs", json::array()}};
    auto declaring = capture(w, Role::producer, epcis_document({declared}));
    ASSERT_EQ(declaring.status, 201) << declaring.body;
    EXPECT_EQ(body_of(declaring).at("declared"), 1);
    const json inspected = body_of(query(w, Role::producer, "EQ_bizStep=inspecting&GE_eventTime=" + test::query_text(at(0))));
    const json first = inspected.at("epcisBody").at("queryResults").at("resultsBody").at("eventList").at(0);
    EXPECT_EQ(first.at("errorDeclaration").at("reason"), "incorrect_data");
    EXPECT_EQ(first.at("eventID"), outcome.at("eventIDs")[0]) << "a declaration does not change the eventID";
    EXPECT_EQ(capture(w, Role::producer, epcis_document({declared})).status, 200);
}

TEST_P(EpcisCapture, CbvValuesAndSsccsAreReadInEachOfTheirForms) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("FORMS-1", 40);
    const std::string time = utc_timestamp(w.now_ms() - 1000);
    json web = epcis_observe(lot_class(w, lot), time, 2, "https://ref.gs1.org/cbv/BizStep-storing");
    web["disposition"] = "https://ref.gs1.org/cbv/Disp-sellable_accessible";
    json urn = epcis_observe(lot_class(w, lot), time, 2, "urn:epcglobal:cbv:bizstep:storing");
    urn["disposition"] = "urn:epcglobal:cbv:disp:sellable_accessible";
    json bare = epcis_observe(lot_class(w, lot), time, 2, "storing");
    bare["disposition"] = "sellable_accessible";
    // One event in three spellings: stored once.
    auto reply = capture(w, Role::producer, epcis_document({web, urn, bare}));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(body_of(reply).at("captured"), 1);
    EXPECT_EQ(body_of(reply).at("alreadyPresent"), 2);
    EXPECT_EQ(id_set(body_of(reply).at("eventIDs").get<std::vector<std::string>>()).size(), 1u);
    // An SSCC as an EPC URN is the same pallet as its Digital Link.
    json pack = {{"type", "AggregationEvent"}, {"eventTime", time}, {"eventTimeZoneOffset", "+08:00"}, {"action", "ADD"},
                 {"parentID", "urn:epc:id:sscc:0614141.1123456789"}, {"bizStep", "packing"},
                 {"childQuantityList", {{{"epcClass", lot_class(w, lot)}, {"quantity", 5}}}}};
    ASSERT_EQ(capture(w, Role::producer, epcis_document({pack})).status, 201);
    pack["parentID"] = sscc_digital_link(epcis_pallet);
    auto same = capture(w, Role::producer, epcis_document({pack}));
    EXPECT_EQ(same.status, 200) << same.body;
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_pallet_contents"), 1);
}

TEST_P(EpcisCapture, TheSameEventTwiceIsStoredOnce) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("TWICE-1", 10);
    const json event = epcis_observe(lot_class(w, lot), utc_timestamp(w.now_ms()));
    const int64_t before = count(w, "SELECT COUNT(*) FROM trace_events");
    auto reply = capture(w, Role::producer, epcis_document({event, event}));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(body_of(reply).at("captured"), 1);
    EXPECT_EQ(body_of(reply).at("alreadyPresent"), 1);
    // Sent again in another document (no Idempotency-Key): a no-op, 200.
    reply = capture(w, Role::producer, epcis_document({event}));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(body_of(reply).at("alreadyPresent"), 1);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before + 1);
    // A sent eventID must be the event's hash.
    json wrong = event;
    wrong["eventID"] = "ni:///sha-256;" + std::string(64, '0') + "?ver=CBV2.0";
    reply = capture(w, Role::producer, epcis_document({wrong}));
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(first_problem(reply), "epcisBody/eventList/0/eventID:invalid_value");
}

TEST_P(EpcisCapture, OneBadEventAmongTenThousandStoresNothingAndNamesItsIndex) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("BULK-1", 100'000);
    const std::string epc_class = lot_class(w, lot);
    const int64_t first_ms = w.now_ms() - 3'600'000;
    json events = json::array();
    for (int64_t i = 0; i < static_cast<int64_t>(epcis_capture_events_max); ++i) {
        events.push_back(epcis_observe(epc_class, utc_timestamp(first_ms + i)));
    }
    const int64_t before = count(w, "SELECT COUNT(*) FROM trace_events");
    // A lot that does not exist at the last index: found only after 9,999 events were recorded in the
    // transaction, which is then rolled back whole. (Through the service: on PostgreSQL under load the
    // document takes longer than the test client waits for an answer.)
    json unknown_lot = events;
    unknown_lot[9999]["quantityList"][0]["epcClass"] = lot_class_uri(w.org(Role::producer, Target::own), "no-such-lot");
    auto decoded = http::epcis_json::decode_document(epcis_document(unknown_lot));
    ASSERT_TRUE(decoded);
    auto captured = w.trace().epcis.capture(std::nullopt, std::move(*decoded));
    ASSERT_FALSE(captured);
    ASSERT_EQ(captured.error().fields.size(), 1u);
    EXPECT_EQ(captured.error().fields[0].field, "epcisBody/eventList/9999/quantityList/0/epcClass");
    EXPECT_EQ(captured.error().fields[0].code, ProblemCode::unknown_reference);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before);
    // An unknown bizStep in the middle: named, nothing stored.
    json bad = events;
    bad[4321]["bizStep"] = "teleporting";
    auto refused = capture(w, Role::producer, epcis_document(bad));
    ASSERT_EQ(refused.status, 400);
    EXPECT_EQ(problem_set(refused), (std::set<std::string>{"epcisBody/eventList/4321/bizStep:not_one_of"}));
    EXPECT_NE(refused.body.find("teleporting"), std::string::npos);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before);
    // More than 10,000 events: refused naming the list.
    json more = events;
    more.push_back(epcis_observe(epc_class, utc_timestamp(first_ms - 1)));
    auto too_many = capture(w, Role::producer, epcis_document(more));
    EXPECT_EQ(too_many.status, 400);
    EXPECT_EQ(first_problem(too_many), "epcisBody/eventList:too_many");
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before);
}

TEST_P(EpcisCapture, EveryProblemOfADocumentIsNamedAtOnce) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("PROB-1", 10);
    const std::string time = utc_timestamp(w.now_ms());
    json events = json::array();
    events.push_back(epcis_observe(lot_class(w, lot), time, 1, "flying"));
    events.push_back(epcis_observe(lot_class(w, lot), time, 1, "inspecting"));
    json gln = epcis_observe(lot_class(w, lot), time, 1, "storing");
    gln["readPoint"] = {{"id", "https://id.gs1.org/414/9521234000007"}};
    events.push_back(gln);
    json gtin = epcis_observe("https://id.gs1.org/01/09521234543213/10/LOT-1", time);
    events.push_back(gtin);
    json instance = epcis_observe(lot_class(w, lot), time, 1, "receiving");
    instance["epcList"] = {"https://id.gs1.org/01/09521234543213/21/1"};
    instance["sensorElementList"] = json::array();
    events.push_back(instance);
    json future = epcis_observe(lot_class(w, lot), utc_timestamp(w.now_ms() + 3'600'000), 1, "holding");
    events.push_back(future);
    json document = epcis_document(events);
    document["schemaVersion"] = "1.2";
    auto reply = capture(w, Role::producer, document);
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(problem_set(reply), (std::set<std::string>{"schemaVersion:not_one_of", "epcisBody/eventList/0/bizStep:not_one_of",
                                                         "epcisBody/eventList/2/readPoint/id:unknown_reference",
                                                         "epcisBody/eventList/3/quantityList/0/epcClass:unknown_reference",
                                                         "epcisBody/eventList/4/epcList:invalid_value",
                                                         "epcisBody/eventList/4/sensorElementList:unknown_field"}));
    // The document's form right, the service's problems are named the same way, all at once.
    document["schemaVersion"] = "2.0";
    json too_much = epcis_observe(lot_class(w, lot), time, 11, "destroying");
    too_much["action"] = "DELETE";
    document["epcisBody"]["eventList"] = {events[1], future, too_much};
    reply = capture(w, Role::producer, document);
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(problem_set(reply), (std::set<std::string>{"epcisBody/eventList/1/eventTime:out_of_range",
                                                         "epcisBody/eventList/2/quantityList/0/quantity:above_max"}));
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), 1);  // the lot's commissioning alone
}

TEST_P(EpcisCapture, WhoMayCapture) {
    TraceWorld w(GetParam());
    const std::string other = w.lot(w.org(Role::producer, Target::other), w.other_product, "THEIRS-1", 10);
    const std::string own = w.own_lot("MINE-1", 10);
    const std::string time = utc_timestamp(w.now_ms());
    const int64_t before = count(w, "SELECT COUNT(*) FROM trace_events");
    // A producer on another producer's lot: 403, and its own event in the same document is not kept.
    auto reply = capture(w, Role::producer, epcis_document({epcis_observe(lot_class(w, own), time), epcis_observe(lot_class(w, other), time)}));
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before);
    for (Role role : {Role::buyer, Role::auditor, Role::county_officer, Role::fund_officer}) {
        EXPECT_EQ(capture(w, role, epcis_document({epcis_observe(lot_class(w, own), time)})).status, 403) << access::to_string(role);
    }
    // A carrier observes only what it carries (nothing shipped yet).
    EXPECT_EQ(capture(w, Role::logistics, epcis_document({epcis_observe(lot_class(w, own), time)})).status, 403);
    EXPECT_EQ(capture(w, Role::admin, epcis_document({epcis_observe(lot_class(w, other), time)})).status, 201);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), before + 1);
}

TEST_P(EpcisCapture, TakesJsonLdAndRefusesOtherMediaTypes) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("MEDIA-1", 10);
    const std::string body = epcis_document({epcis_observe(lot_class(w, lot), utc_timestamp(w.now_ms()))}).dump();
    httplib::Client client("127.0.0.1", w.world().port());
    const httplib::Headers auth = {{"Authorization", "Bearer " + w.world().as(Role::producer).token}};
    auto ld = client.Post("/api/v1/epcis/capture", auth, body, "application/ld+json");
    ASSERT_TRUE(ld);
    EXPECT_EQ(ld->status, 201) << ld->body;
    auto text = client.Post("/api/v1/epcis/capture", auth, body, "text/plain");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->status, 415);
    // Without the EPCIS context: named.
    json document = json::parse(body);
    document["@context"] = "https://example.org/context.jsonld";
    auto reply = capture(w, Role::producer, document);
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(first_problem(reply), "@context:invalid_value");
}

INSTANTIATE_TEST_SUITE_P(Backends, EpcisCapture, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
