// Events recorded in the same millisecond come back in the order they were recorded, on every
// backend: UUIDv7 row ids are random within a millisecond, so every list of events orders by event
// time and then by the sequence number each event gets when it is recorded (migration 0030). Through
// the lot's events (paged), the EPCIS query (paged by its Link header) and an EPCIS document whose
// events all carry one eventTime.
#include <gtest/gtest.h>

#include "epcis_world.h"
#include "trace/trace_repo.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

class EventOrder : public ::testing::TestWithParam<std::string> {};

constexpr int events_in_one_ms = 40;

// Every page of a lot's events, `limit` at a time: the quantities of their first elements.
std::vector<int64_t> paged_quantities(TraceWorld& w, const std::string& lot, int limit) {
    std::vector<int64_t> quantities;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
        std::string path = "/api/v1/lots/" + lot + "/events?limit=" + std::to_string(limit);
        if (!cursor.empty()) path += "&cursor=" + cursor;
        auto reply = w.world().call_as(Role::producer, "GET", path);
        EXPECT_EQ(reply.status, 200) << reply.body;
        const json body = body_of(reply);
        for (const auto& event : body.at("items")) quantities.push_back(event.at("quantity_list")[0].at("quantity").get<int64_t>());
        if (!body.contains("next_cursor") || body.at("next_cursor").is_null()) break;
        cursor = body.at("next_cursor").get<std::string>();
    }
    return quantities;
}

TEST_P(EventOrder, EventsOfOneMillisecondComeBackInRecordingOrder) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("ORD-1", 1000);
    w.world().clock().advance_ms(1000);
    // 40 events at one event time, recorded in one millisecond of the server's clock; quantities
    // 40, 39, … 1 so that neither quantity nor eventID sorts them into recording order by chance.
    Event observe;
    observe.type = EventType::object;
    observe.action = Action::observe;
    observe.biz_step = BizStep::inspecting;
    observe.event_time_ms = w.now_ms();
    std::vector<int64_t> recorded;
    for (int i = 0; i < events_in_one_ms; ++i) {
        observe.quantities = {QuantityElement{lot, "", events_in_one_ms - i, QuantityUnit::units, "", "", ""}};
        ASSERT_TRUE(w.trace().lots.record_event(std::nullopt, observe));
        recorded.push_back(events_in_one_ms - i);
    }
    // The lot's events: its commissioning first (a second earlier), then the 40 in recording order,
    // whatever the page size.
    std::vector<int64_t> expected = {1000};
    expected.insert(expected.end(), recorded.begin(), recorded.end());
    EXPECT_EQ(paged_quantities(w, lot, 200), expected);
    EXPECT_EQ(paged_quantities(w, lot, 7), expected);
    EXPECT_EQ(paged_quantities(w, lot, 1), expected);
    // Sequence numbers are unique and follow recording order.
    EXPECT_EQ(count(w, "SELECT COUNT(DISTINCT seq) FROM trace_events"), events_in_one_ms + 1);
    EXPECT_EQ(count(w, "SELECT last_seq FROM trace_event_sequence"), count(w, "SELECT MAX(seq) FROM trace_events"));
    // A cursor that is not one of this list's is refused.
    auto bad = w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + lot + "/events?cursor=" + store::encode_cursor("x:1"));
    EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_P(EventOrder, AnEpcisDocumentOfOneEventTimeIsQueriedBackInDocumentOrder) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("ORD-2", 1000);
    const std::string lot_uri = lot_class(w, lot);
    w.world().clock().advance_ms(1000);
    const std::string time = w.now_text();
    json events = json::array();
    for (int i = 0; i < events_in_one_ms; ++i) events.push_back(epcis_observe(lot_uri, time, events_in_one_ms - i));
    auto captured = capture(w, Role::producer, epcis_document(events));
    ASSERT_EQ(captured.status, 201) << captured.body;
    const std::vector<std::string> sent = body_of(captured).at("eventIDs").get<std::vector<std::string>>();
    ASSERT_EQ(sent.size(), static_cast<size_t>(events_in_one_ms));
    // Pages of 6 by the Link header: the document's order.
    std::vector<std::string> seen;
    std::string path = "/api/v1/epcis/events?eventType=ObjectEvent&EQ_bizStep=inspecting&perPage=6";
    for (int page = 0; page < 20 && !path.empty(); ++page) {
        auto reply = w.world().call_as(Role::producer, "GET", path);
        ASSERT_EQ(reply.status, 200) << reply.body;
        const json document = body_of(reply);  // kept: a range over a member of a temporary would dangle
        for (const auto& event : document.at("epcisBody").at("queryResults").at("resultsBody").at("eventList")) {
            seen.push_back(event.at("eventID"));
        }
        path.clear();
        if (auto link = reply.headers.find("Link"); link != reply.headers.end()) path = link->second.substr(1, link->second.find('>') - 1);
    }
    EXPECT_EQ(seen, sent);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventOrder, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
