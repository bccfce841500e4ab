// The CBV 2.0 event hash (eventID) of our events, with a test vector derived by hand from the
// algorithm (CBV 2.0 §8.9; the reference implementation's expected pre-hashes, e.g.
// tests/examples/expected/CBV2.0/ObjectEvent_all_possible_fields.prehashes of
// RalphTro/epcis-event-hash-generator, show the same shapes: `quantityListquantityElementepcClass=…
// quantity=200uom=KGM`, `readPointid=…`, `bizTransactionListtype=…bizTransaction=…`).
#include "trace/event_hash.h"

#include <gtest/gtest.h>

#include "trace/trace_service.h"

namespace kl::trace {
namespace {

// A shipment of two lots of producer p1 on order ord-1, seen at org-1 at 10:00 Beijing time.
Event shipment() {
    Event event;
    event.type = EventType::object;
    event.action = Action::observe;
    event.event_time_ms = 1'791'424'800'000;  // 2026-10-08T02:00:00Z = 10:00 at +08:00
    event.event_time_zone_offset = "+08:00";
    event.biz_step = BizStep::shipping;
    event.disposition = Disposition::in_transit;
    event.read_point = "org-1";
    event.biz_transactions = {BizTransaction{BizTransactionType::po, "ord-1"}};
    QuantityElement loose;  // 5 kg of a loose lot, counted in grams
    loose.epc_class = lot_class_uri("p1", "yc-2026-001");
    loose.quantity = 5000;
    loose.unit = QuantityUnit::grams;
    QuantityElement boxes;  // 40 boxes of a lot whose code key holds a space (percent-encoded)
    boxes.epc_class = lot_class_uri("p1", "yc 002");
    boxes.quantity = 40;
    boxes.unit = QuantityUnit::units;
    event.quantities = {loose, boxes};
    return event;
}

// The vector, field by field: the event type; eventTime in UTC with milliseconds; the offset; the
// quantity list with its elements sorted by their text ('%' 0x25 sorts before '-' 0x2D, so the box
// lot comes first; a count has no uom, grams are GRM); action; CBV values as GS1 Web URIs; the read
// point as readPointid=; the business transaction type first. SHA-256 of that text (computed with
// Python's hashlib from the same string) in the ni: form.
TEST(EventHash, MatchesTheVectorDerivedFromTheAlgorithm) {
    const std::string expected_prehash =
        "eventType=ObjectEvent"
        "eventTime=2026-10-08T02:00:00.000Z"
        "eventTimeZoneOffset=+08:00"
        "quantityList"
        "quantityElementepcClass=urn:kashlink:lot:p1:yc%20002quantity=40"
        "quantityElementepcClass=urn:kashlink:lot:p1:yc-2026-001quantity=5000uom=GRM"
        "action=OBSERVE"
        "bizStep=https://ref.gs1.org/cbv/BizStep-shipping"
        "disposition=https://ref.gs1.org/cbv/Disp-in_transit"
        "readPointid=urn:kashlink:loc:org-1"
        "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=urn:kashlink:order:ord-1";
    EXPECT_EQ(event_prehash(shipment()), expected_prehash);
    EXPECT_EQ(event_hash(shipment()), "ni:///sha-256;0d7df5976c054f11963a51140c63bf650a93f7eb6fb4246e008bce9a51849651?ver=CBV2.0");
}

TEST(EventHash, IgnoresListOrderRecordTimeAndErrorDeclarationButNotWhatHappened) {
    const std::string hash = event_hash(shipment());
    Event reordered = shipment();
    std::swap(reordered.quantities[0], reordered.quantities[1]);
    reordered.record_time_ms = 42;
    reordered.event_id = "anything";
    reordered.error_declaration = ErrorDeclaration{1, ErrorReason::incorrect_data, {}, 2};
    EXPECT_EQ(event_hash(reordered), hash);
    Event more = shipment();
    more.quantities[0].quantity += 1;
    EXPECT_NE(event_hash(more), hash);
    Event later = shipment();
    later.event_time_ms += 1;
    EXPECT_NE(event_hash(later), hash);
    Event elsewhere = shipment();
    elsewhere.event_time_zone_offset = "+06:00";  // Kashgar's local time: a different statement
    EXPECT_NE(event_hash(elsewhere), hash);
}

TEST(EventHash, TransformationsWriteTheirListsAndExtensionsInOrder) {
    Event event;
    event.type = EventType::transformation;
    event.event_time_ms = 0;
    event.event_time_zone_offset = "+08:00";
    QuantityElement input;
    input.epc_class = "urn:kashlink:lot:p1:a";
    input.quantity = 1000;
    QuantityElement output;
    output.epc_class = "urn:kashlink:lot:p1:b";
    output.quantity = 900;
    event.inputs = {input};
    event.outputs = {output};
    event.biz_step = BizStep::commissioning;
    event.process = Process::grade;
    event.loss_grams = 100;
    EXPECT_EQ(event_prehash(event),
              "eventType=TransformationEventeventTime=1970-01-01T00:00:00.000ZeventTimeZoneOffset=+08:00"
              "inputQuantityListquantityElementepcClass=urn:kashlink:lot:p1:aquantity=1000uom=GRM"
              "outputQuantityListquantityElementepcClass=urn:kashlink:lot:p1:bquantity=900uom=GRM"
              "bizStep=https://ref.gs1.org/cbv/BizStep-commissioning"
              "{urn:kashlink:epcis:}lossGrams=100{urn:kashlink:epcis:}process=grade");
}

TEST(EventTime, ParsesEpcisTimesWithTheirOffsets) {
    auto time = parse_event_time("2026-10-08T10:00:00+08:00", "event_time");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->epoch_ms, 1'791'424'800'000);
    EXPECT_EQ(time->offset, "+08:00");
    time = parse_event_time("2026-10-08T02:00:00.5Z", "event_time");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->epoch_ms, 1'791'424'800'500);
    EXPECT_EQ(time->offset, "+00:00");
    time = parse_event_time("2026-10-08T02:00:00.1234Z", "event_time");
    ASSERT_TRUE(time);
    EXPECT_EQ(time->epoch_ms, 1'791'424'800'123);
    EXPECT_EQ(utc_timestamp(1'791'424'800'123), "2026-10-08T02:00:00.123Z");
    for (const char* bad : {"2026-10-08", "2026-10-08T10:00:00", "2026-10-08T25:00:00Z", "2026-02-30T10:00:00Z",
                            "2026-10-08T10:00:00+8:00", "2026-10-08T10:00:00+15:00", "2026-10-08 10:00:00Z"}) {
        auto refused = parse_event_time(bad, "event_time");
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().fields.at(0).field, "event_time") << bad;
    }
}

}  // namespace
}  // namespace kl::trace
