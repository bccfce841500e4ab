// Traces and recalls through the real server on every backend (trace_graph.h, recall.h). The season:
// the own cooperative (Shache) commissions a farm lot RAW-1 of 100 boxes from its two households (60
// + 40), grades 80 boxes of it into GR-1 (50) and GR-2 (30), packs 20 boxes of GR-1 on a pallet, and
// ships GR-1 to the own buyer (20, order O1) and to the other buyer (10, order O2) and GR-2 to the own
// buyer (5, order O3); GR-1's shipments take the 30 boxes left off the pallet (packed goods move only with it).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "support/test_env.h"
#include "todo/todo_service.h"
#include "trace/recall_work.h"
#include "trace_world.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

constexpr const char* pallet_sscc = "106141411234567897";

class TraceGraphs : public ::testing::TestWithParam<std::string> {
public:
    void SetUp() override {
        w = std::make_unique<TraceWorld>(GetParam());
        NewLot farm;
        farm.producer_id = w->org(Role::producer, Target::own);
        farm.product_id = w->certified;
        farm.grade = "A";
        farm.lot_code = "RAW-1";
        farm.quantity = 100;
        farm.harvest_date = kl::add_days(w->today(), -2);
        farm.suppliers = {LotSupplier{w->household_a, 60, ""}, LotSupplier{w->household_b, 40, ""}};
        raw = must(w->trace().lots.record_lot(std::nullopt, farm), "farm lot").id;
        w->world().clock().advance_ms(1000);
        const json grading = {{"type", "TransformationEvent"},
                              {"event_time", w->now_text()},
                              {"biz_step", "repackaging"},
                              {"process", "grade"},
                              {"input_quantity_list", {{{"lot_id", raw}, {"quantity", 80}}}},
                              {"output_quantity_list",
                               {{{"lot_code", "GR-1"}, {"product_id", w->certified}, {"grade", "A"}, {"quantity", 50}},
                                {{"lot_code", "GR-2"}, {"product_id", w->certified}, {"grade", "A"}, {"quantity", 30}}}}};
        auto graded = w->world().call_as(Role::producer, "POST", "/api/v1/trace/events", grading.dump());
        ASSERT_EQ(graded.status, 201) << graded.body;
        gr1 = body_of(graded).at("output_quantity_list")[0].at("lot_id");
        gr2 = body_of(graded).at("output_quantity_list")[1].at("lot_id");
        w->world().clock().advance_ms(1000);
        const json pack = {{"type", "AggregationEvent"}, {"action", "ADD"}, {"event_time", w->now_text()}, {"biz_step", "packing"},
                           {"parent_id", pallet_sscc}, {"child_quantity_list", {{{"lot_id", gr1}, {"quantity", 20}}}}};
        ASSERT_EQ(w->world().call_as(Role::producer, "POST", "/api/v1/trace/events", pack.dump()).status, 201);
        w->world().clock().advance_ms(1000);
        o1 = ship(w->org(Role::buyer, Target::own), gr1, 20);
        o2 = ship(w->org(Role::buyer, Target::other), gr1, 10);
        o3 = ship(w->org(Role::buyer, Target::own), gr2, 5);
    }

    // A wholesale order of `boxes` of `certified` (A) from the own seller to `buyer`, shipped from `lot`.
    std::string ship(const std::string& buyer, const std::string& lot, int64_t boxes) {
        orders::NewOrder input;
        input.buyer_id = buyer;
        input.seller_id = w->org(Role::producer, Target::own);
        input.delivery_district = "pudong";
        input.delivery_date = w->today();
        input.lines = {orders::NewOrderLine{w->certified, "A", boxes, 12800}};
        const std::string id = must(w->orders().orders.create(std::nullopt, input), "order").id;
        orders::TransitionInput shipping;
        shipping.carrier_id = w->org(Role::logistics, Target::own);
        shipping.line_lots = {orders::LineLots{1, {orders::LotShare{lot, boxes}}}};
        must(w->orders().orders.transition(std::nullopt, id, orders::OrderAction::ship, shipping), "ship");
        w->world().clock().advance_ms(1000);
        return id;
    }

    json trace(Role role, const std::string& lot, const std::string& direction, int expected = 200) {
        auto reply = w->world().call_as(role, "GET", "/api/v1/lots/" + lot + "/trace?direction=" + direction);
        EXPECT_EQ(reply.status, expected) << reply.body;
        return reply.status == 200 ? body_of(reply) : json();
    }

    std::unique_ptr<TraceWorld> w;
    std::string raw, gr1, gr2, o1, o2, o3;
};

const json* node(const json& graph, const std::string& key) {
    for (const auto& n : graph.at("nodes")) {
        if (n.at("key") == key) return &n;
    }
    return nullptr;
}

const json* edge(const json& graph, const std::string& from, const std::string& to) {
    for (const auto& e : graph.at("edges")) {
        if (e.at("from") == from && e.at("to") == to) return &e;
    }
    return nullptr;
}

TEST_P(TraceGraphs, BackwardReachesTheFarmLotAndItsHouseholdsWithQuantities) {
    const json graph = trace(Role::admin, gr1, "backward");
    EXPECT_EQ(graph.at("complete"), true);
    EXPECT_EQ(graph.at("nodes")[0].at("key"), "lot:" + gr1);
    const json* farm = node(graph, "lot:" + raw);
    ASSERT_NE(farm, nullptr) << graph.dump();
    EXPECT_EQ(farm->at("depth"), 1);
    EXPECT_EQ(farm->at("lot").at("lot_code"), "RAW-1");
    EXPECT_NE(farm->at("name").get<std::string>().find("RAW-1"), std::string::npos);
    const json* graded = edge(graph, "lot:" + raw, "lot:" + gr1);
    ASSERT_NE(graded, nullptr);
    EXPECT_EQ(graded->at("kind"), "transformed");
    EXPECT_EQ(graded->at("quantity"), 80);
    EXPECT_EQ(graded->at("to_quantity"), 50);
    EXPECT_TRUE(graded->at("event_id").get<std::string>().starts_with("ni:///sha-256;"));
    const json* household = node(graph, "organisation:" + w->household_a);
    ASSERT_NE(household, nullptr);
    EXPECT_EQ(household->at("name"), "阿依古丽家");
    EXPECT_EQ(edge(graph, "organisation:" + w->household_a, "lot:" + raw)->at("quantity"), 60);
    EXPECT_EQ(edge(graph, "organisation:" + w->household_b, "lot:" + raw)->at("quantity"), 40);
    EXPECT_EQ(graph.at("counts").at("lots"), 2);
    EXPECT_EQ(graph.at("counts").at("organisations"), 2);
    EXPECT_EQ(node(graph, "lot:" + gr2), nullptr) << "a sibling output is not an input";
}

TEST_P(TraceGraphs, ForwardReachesEveryLotPalletOrderAndBuyer) {
    const json graph = trace(Role::admin, raw, "forward");
    EXPECT_EQ(graph.at("complete"), true);
    EXPECT_EQ(graph.at("counts").at("lots"), 3);
    EXPECT_EQ(graph.at("counts").at("pallets"), 1);
    EXPECT_EQ(graph.at("counts").at("orders"), 3);
    EXPECT_EQ(graph.at("counts").at("organisations"), 2);  // the two buyers
    EXPECT_EQ(edge(graph, "lot:" + gr1, std::string("pallet:") + pallet_sscc)->at("quantity"), 20);
    EXPECT_EQ(edge(graph, "lot:" + gr1, "order:" + o1)->at("quantity"), 20);
    EXPECT_EQ(edge(graph, "lot:" + gr1, "order:" + o2)->at("kind"), "shipped");
    EXPECT_EQ(edge(graph, "lot:" + gr2, "order:" + o3)->at("quantity"), 5);
    const json* bought = edge(graph, "order:" + o2, "organisation:" + w->org(Role::buyer, Target::other));
    ASSERT_NE(bought, nullptr);
    EXPECT_EQ(bought->at("kind"), "bought");
    EXPECT_EQ(node(graph, "order:" + o1)->at("depth"), 2);
    EXPECT_FALSE(node(graph, "order:" + o2)->at("order").at("buyer_name").get<std::string>().empty());
}

TEST_P(TraceGraphs, ABuyerSeesOnlyItsOwnOrdersInAForwardTrace) {
    // The own buyer bought from GR-1: its trace shows its order, and the other buyer's as a hidden node.
    const json graph = trace(Role::buyer, gr1, "forward");
    EXPECT_NE(node(graph, "order:" + o1), nullptr);
    EXPECT_EQ(node(graph, "order:" + o2), nullptr);
    EXPECT_EQ(graph.at("counts").at("hidden"), 1);
    EXPECT_EQ(graph.dump().find(o2), std::string::npos) << "the other buyer's order id does not leak";
    EXPECT_EQ(graph.dump().find(w->org(Role::buyer, Target::other)), std::string::npos);
    // Its backward trace reaches the farm lot and the households (the origin of what it bought).
    const json back = trace(Role::buyer, gr1, "backward");
    EXPECT_NE(node(back, "lot:" + raw), nullptr);
    // The farm lot itself was never shipped to it: 403; an unknown lot 404.
    trace(Role::buyer, raw, "forward", 403);
    trace(Role::admin, "no-such-lot", "forward", 404);
    // The producer sees every sale of its lots; the county officer its county's.
    EXPECT_EQ(trace(Role::producer, raw, "forward").at("counts").at("hidden"), 0);
    EXPECT_EQ(trace(Role::county_officer, raw, "forward").at("counts").at("orders"), 3);
    auto bad = w->world().call_as(Role::admin, "GET", "/api/v1/lots/" + raw + "/trace?direction=sideways");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(first_problem(bad), "direction:not_one_of");
}

TEST_P(TraceGraphs, APalletLotLeadsBackToWhatWasPackedOnIt) {
    NewLot pallet;
    pallet.producer_id = w->org(Role::producer, Target::own);
    pallet.product_id = w->certified;
    pallet.grade = "A";
    pallet.lot_code = "PAL-1";
    pallet.unit = LotUnit::pallet;
    pallet.sscc = pallet_sscc;
    pallet.quantity = 30;
    const std::string pallet_lot = must(w->trace().lots.record_lot(std::nullopt, pallet), "pallet lot").id;
    const json back = trace(Role::admin, pallet_lot, "backward");
    EXPECT_EQ(edge(back, std::string("pallet:") + pallet_sscc, "lot:" + pallet_lot)->at("kind"), "pallet_lot");
    EXPECT_EQ(edge(back, "lot:" + gr1, std::string("pallet:") + pallet_sscc)->at("quantity"), 20);
    EXPECT_NE(node(back, "lot:" + raw), nullptr) << "through GR-1 down to the farm lot";
    const json forward = trace(Role::admin, gr1, "forward");
    EXPECT_NE(node(forward, "lot:" + pallet_lot), nullptr) << "the pallet lot of the SSCC GR-1 was packed on";
}

TEST_P(TraceGraphs, ACutTraceSaysWhereItStopped) {
    auto walk = [&](size_t nodes_max, int depth_max) {
        return must(w->world().store().read([&](store::Tx& tx) { return walk_trace(tx, raw, Direction::forward, nodes_max, depth_max); }),
                    "walk");
    };
    const TraceGraph few = walk(3, trace_depth_max);
    EXPECT_FALSE(few.complete);
    EXPECT_EQ(few.stopped_by, "nodes");
    EXPECT_EQ(few.nodes.size(), 3u);
    const TraceGraph shallow = walk(trace_nodes_max, 1);
    EXPECT_FALSE(shallow.complete);
    EXPECT_EQ(shallow.stopped_by, "depth");
    EXPECT_EQ(shallow.nodes.size(), 3u);  // the farm lot and the two graded lots
    const TraceGraph whole = walk(trace_nodes_max, 2);
    EXPECT_TRUE(whole.complete) << "orders are two levels down and lead nowhere further";
    EXPECT_EQ(whole.stopped_by, "");
}

// Reads a sheet of an XLSX file back with unzip (Debian's unzip package): the shared strings.
std::optional<std::string> xlsx_strings(const std::string& bytes) {
    if (std::system("command -v unzip > /dev/null 2>&1") != 0) return std::nullopt;
    test::TempDir dir;
    const std::string path = dir.file("trace.xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(("unzip -p '" + path + "' xl/sharedStrings.xml xl/worksheets/sheet1.xml").c_str(), "r"),
                                               ::pclose);
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

TEST_P(TraceGraphs, TheFsmaSheetHasARowPerTrackingEventWithItsKeyDataElements) {
    auto reply = w->world().call_as(Role::admin, "GET", "/api/v1/lots/" + gr1 + "/trace.xlsx");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.body.starts_with(std::string("PK\x03\x04", 4)));
    auto same = w->world().call_as(Role::admin, "GET", "/api/v1/lots/" + gr1 + "/trace?format=xlsx");
    EXPECT_EQ(same.status, 200);
    auto strings = xlsx_strings(reply.body);
    if (!strings) GTEST_SKIP() << "unzip is not installed";
    for (const char* expected : {"traceability_lot_code", "product_description", "unit_of_measure", "location_of_event", "tlc_source",
                                 "reference_documents", "ship_to", "RAW-1", "GR-1", "harvesting", "transformation", "shipping",
                                 "阿依古丽家 (60)"}) {
        EXPECT_NE(strings->find(expected), std::string::npos) << expected;
    }
    EXPECT_NE(strings->find("po:" + o2), std::string::npos) << "the admin reads every shipment";
    // The own buyer's sheet leaves out the other buyer's shipment.
    auto buyers = w->world().call_as(Role::buyer, "GET", "/api/v1/lots/" + gr1 + "/trace.xlsx");
    ASSERT_EQ(buyers.status, 200);
    auto buyer_strings = xlsx_strings(buyers.body);
    EXPECT_NE(buyer_strings->find("po:" + o1), std::string::npos);
    EXPECT_EQ(buyer_strings->find("po:" + o2), std::string::npos);
    EXPECT_EQ(w->world().call_as(Role::buyer, "GET", "/api/v1/lots/" + raw + "/trace.xlsx").status, 403);
}

// ---- recalls ---------------------------------------------------------------------------------------

json open_recall(TraceGraphs& t, Role role, const std::string& lot, int expected, const std::string& key = "") {
    httplib::Headers headers;
    if (!key.empty()) headers = idempotent(key);
    auto reply = t.w->world().call_as(role, "POST", "/api/v1/recalls", json{{"lot_id", lot}, {"reason", "黄曲霉毒素超标"}}.dump(), headers);
    EXPECT_EQ(reply.status, expected) << reply.body;
    return reply.status < 300 ? body_of(reply) : json{{"problem", first_problem(reply)}};
}

TEST_P(TraceGraphs, ARecallListsEveryBuyerWithWhatItReceived) {
    const json recall = open_recall(*this, Role::county_officer, raw, 201, "recall-1");
    EXPECT_EQ(recall.at("status"), "open");
    EXPECT_EQ(recall.at("affected_lots"), 3);
    EXPECT_EQ(recall.at("affected_pallets"), 1);
    EXPECT_EQ(recall.at("affected_orders"), 3);
    EXPECT_EQ(recall.at("buyers"), 2);
    EXPECT_EQ(recall.at("lot_code"), "RAW-1");
    const std::string own_buyer = w->org(Role::buyer, Target::own);
    for (const auto& notice : recall.at("notices")) {
        if (notice.at("buyer_id") == own_buyer) {
            ASSERT_EQ(notice.at("items").size(), 2u);
            EXPECT_EQ(notice.at("orders").size(), 2u);
            int64_t total = 0;
            for (const auto& item : notice.at("items")) total += item.at("quantity").get<int64_t>();
            EXPECT_EQ(total, 25);
        } else {
            ASSERT_EQ(notice.at("items").size(), 1u);
            EXPECT_EQ(notice.at("items")[0].at("lot_code"), "GR-1");
            EXPECT_EQ(notice.at("items")[0].at("quantity"), 10);
        }
    }
    // Sent again with its key: the same recall; without: the lot has an open recall.
    EXPECT_EQ(open_recall(*this, Role::county_officer, raw, 201, "recall-1").at("id"), recall.at("id"));
    EXPECT_EQ(open_recall(*this, Role::admin, raw, 409).at("problem"), "lot_id:duplicate");
    EXPECT_EQ(count(*w, "SELECT COUNT(*) FROM trace_recalls"), 1);
    EXPECT_EQ(count(*w, "SELECT COUNT(*) FROM audit_events WHERE action = 'trace.recall.open'"), 1);
    // The buyer reads its own notice only.
    auto seen = w->world().call_as(Role::buyer, "GET", "/api/v1/recalls/" + recall.at("id").get<std::string>());
    ASSERT_EQ(seen.status, 200);
    ASSERT_EQ(body_of(seen).at("notices").size(), 1u);
    EXPECT_EQ(body_of(seen).at("notices")[0].at("buyer_id"), own_buyer);
    EXPECT_EQ(seen.body.find(w->org(Role::buyer, Target::other)), std::string::npos);
    // Its to-do names the recall.
    access::Principal buyer{w->world().as(Role::buyer).user.id, "", Role::buyer, own_buyer, "", false};
    auto queues = w->world().store().read([&](store::Tx& tx) { return recall_work(tx, buyer); });
    ASSERT_TRUE(queues);
    ASSERT_EQ(queues->size(), 1u);
    EXPECT_EQ((*queues)[0].kind, "recalls_to_acknowledge");
    EXPECT_EQ((*queues)[0].count, 1);
    EXPECT_EQ((*queues)[0].items[0].label_en.find("RAW-1") != std::string::npos, true);
    // Acknowledged with what was recovered; more than received is refused naming the field.
    const std::string path = "/api/v1/recalls/" + recall.at("id").get<std::string>();
    auto too_much = w->world().call_as(Role::buyer, "POST", path + "/acknowledgements",
                                       json{{"recovered", {{{"lot_id", gr1}, {"quantity", 21}}}}}.dump());
    EXPECT_EQ(too_much.status, 400);
    EXPECT_EQ(first_problem(too_much), "recovered/0/quantity:out_of_range");
    auto unknown = w->world().call_as(Role::buyer, "POST", path + "/acknowledgements",
                                      json{{"recovered", {{{"lot_id", raw}, {"quantity", 1}}}}}.dump());
    EXPECT_EQ(first_problem(unknown), "recovered/0/lot_id:unknown_reference");
    auto acknowledged = w->world().call_as(Role::buyer, "POST", path + "/acknowledgements",
                                           json{{"recovered", {{{"lot_id", gr1}, {"quantity", 18}}}}, {"note", "两箱已售出"}}.dump());
    ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
    const json notice = body_of(acknowledged).at("notices")[0];
    EXPECT_EQ(notice.at("acknowledged"), true);
    for (const auto& item : notice.at("items")) EXPECT_EQ(item.at("recovered"), item.at("lot_id") == gr1 ? 18 : 0);
    EXPECT_EQ(body_of(acknowledged).at("status"), "open") << "the other buyer has not acknowledged";
    EXPECT_EQ(w->world().call_as(Role::buyer, "POST", path + "/acknowledgements", json{{"recovered", json::array()}}.dump()).status, 409);
    queues = w->world().store().read([&](store::Tx& tx) { return recall_work(tx, buyer); });
    EXPECT_EQ((*queues)[0].count, 0);
    // Closed early by the opener's organisation with a note; the producer did not open it.
    EXPECT_EQ(w->world().call_as(Role::producer, "POST", path + "/close", json{{"note", "done"}}.dump()).status, 403);
    auto no_note = w->world().call_as(Role::county_officer, "POST", path + "/close", json::object().dump());
    EXPECT_EQ(first_problem(no_note), "note:required");
    auto closed = w->world().call_as(Role::county_officer, "POST", path + "/close", json{{"note", "另一买家电话确认已下架"}}.dump());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(body_of(closed).at("status"), "closed");
    EXPECT_EQ(body_of(closed).at("closed_how"), "by_opener");
    EXPECT_EQ(w->world().call_as(Role::county_officer, "POST", path + "/close", json{{"note", "again"}}.dump()).status, 409);
    EXPECT_EQ(count(*w, "SELECT COUNT(*) FROM audit_events WHERE record_type = 'trace.recall'"), 3);
}

TEST_P(TraceGraphs, TheLastAcknowledgementClosesTheRecall) {
    const json recall = open_recall(*this, Role::producer, gr2, 201);
    ASSERT_EQ(recall.at("buyers"), 1);
    const std::string path = "/api/v1/recalls/" + recall.at("id").get<std::string>();
    auto acknowledged = w->world().call_as(Role::buyer, "POST", path + "/acknowledgements",
                                           json{{"recovered", {{{"lot_id", gr2}, {"quantity", 5}}}}}.dump());
    ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
    EXPECT_EQ(body_of(acknowledged).at("status"), "closed");
    EXPECT_EQ(body_of(acknowledged).at("closed_how"), "all_acknowledged");
    // A recall of a lot that reached nobody stays open until its opener closes it.
    const std::string unsold = w->own_lot("UNSOLD", 5);
    const json quiet = open_recall(*this, Role::admin, unsold, 201);
    EXPECT_EQ(quiet.at("buyers"), 0);
    EXPECT_EQ(quiet.at("status"), "open");
    // Lists: open ones, newest first, scoped.
    EXPECT_EQ(test::list_ids(w->world(), Role::admin, "/api/v1/recalls?status=open").ids, std::vector<std::string>{quiet.at("id")});
    EXPECT_EQ(test::list_ids(w->world(), Role::buyer, "/api/v1/recalls").ids, std::vector<std::string>{recall.at("id")});
    EXPECT_EQ(test::list_ids(w->world(), Role::admin, "/api/v1/recalls").ids.size(), 2u);
}

TEST_P(TraceGraphs, BadRecallsAreRefusedNamingTheFieldAndWriteNothing) {
    auto post = [&](const json& body) { return w->world().call_as(Role::admin, "POST", "/api/v1/recalls", body.dump()); };
    EXPECT_EQ(first_problem(post({{"lot_id", raw}})), "reason:required");
    EXPECT_EQ(first_problem(post({{"lot_id", raw}, {"reason", "   "}})), "reason:blank");
    EXPECT_EQ(first_problem(post({{"lot_id", "nope"}, {"reason", "x"}})), "lot_id:unknown_reference");
    EXPECT_EQ(first_problem(post({{"lot_id", raw}, {"reason", "x"}, {"extra", 1}})), "extra:unknown_field");
    EXPECT_EQ(count(*w, "SELECT COUNT(*) FROM trace_recalls"), 0);
    // The other county's officer may not recall this county's lot; a buyer recalls nothing.
    const std::string theirs = w->lot(w->org(Role::producer, Target::other), w->other_product, "THEIRS", 5);
    EXPECT_EQ(w->world().call_as(Role::county_officer, "POST", "/api/v1/recalls", json{{"lot_id", theirs}, {"reason", "x"}}.dump()).status, 403);
    EXPECT_EQ(w->world().call_as(Role::producer, "POST", "/api/v1/recalls", json{{"lot_id", theirs}, {"reason", "x"}}.dump()).status, 403);
    EXPECT_EQ(w->world().call_as(Role::buyer, "POST", "/api/v1/recalls", json{{"lot_id", raw}, {"reason", "x"}}.dump()).status, 403);
    EXPECT_EQ(count(*w, "SELECT COUNT(*) FROM trace_recalls"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceGraphs, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
