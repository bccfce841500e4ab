#pragma once
// The traceability part of the demo programme (internal to src/demo; demo_trace.cpp says what it
// records). DemoWarehouse stands in for the lot-keeping producers' warehouses while the demo's orders
// ship: the demo sets its port on the OrderService before any order moves, so every shipment of the
// season and the fairs goes through the trace module's own port, naming lots where the seller keeps
// them and without them where it does not.
//
//   DemoWarehouse warehouse(world, trace.lots, demo_clock, seed);
//   KL_TRY(warehouse.open());                               // after seed_organisations and seed_products
//   orders.orders.set_shipment_lots(warehouse.port());
//   … seed_orders, seed_fairs …
//   KL_TRY_ASSIGN(DemoTraceCounts counts, warehouse.close());  // pallets, then the counts

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/clock.h"
#include "core/result.h"
#include "demo/demo_catalog.h"
#include "demo/demo_random.h"
#include "orders/shipment_lots.h"
#include "store/store.h"
#include "trace/recall.h"
#include "trace/trace_service.h"

namespace kl::demo {

// The GS1 company prefix the demo's pallets get their SSCC-18 from: GS1 keeps prefix 952 for
// demonstrations and examples and never issues it to a company, so no demo SSCC can be a real one.
inline constexpr std::string_view demo_gs1_company_prefix = "9528000";

// The producers that keep lots (their English names, as demo_producers.cpp has them): walnuts,
// apricots and red dates (jujubes), two of them cooperatives that collect from villages.
const std::vector<std::string>& lot_keeping_producers();

struct DemoTraceCounts {
    size_t lots = 0;
    size_t events = 0;
    size_t pallets = 0;
    size_t transformations = 0;
    size_t lines_with_lots = 0;     // order lines shipped naming lots
    size_t lines_without_lots = 0;  // order lines of producers who keep no lots
};

// A lot whose public trace page the demo prints (`kashlink demo`: 扫码追溯 / trace: …/t/<code>).
struct DemoTraceCode {
    std::string trace_code;
    std::string lot_code;
    std::string grade;
    std::string product_zh;
    std::string product_en;
    std::string producer_zh;
    std::string producer_en;
};

class DemoWarehouse {
public:
    // `clock` is the demo's (the pallets are packed half an hour before it).
    DemoWarehouse(DemoWorld& world, trace::TraceService& trace, const Clock& clock, uint64_t seed);

    // Finds the lot-keeping producers and their supply links.
    Result<void> open();
    // orders::ShipmentLots picking lots for the lines of lot-keeping sellers (and harvesting when
    // their stock is short), then handing the order to the trace module's own port.
    orders::ShipmentLots port();
    // Packs what is left of some graded lots onto pallets; the counts of what the demo recorded.
    Result<DemoTraceCounts> close();

private:
    struct StockLot {
        std::string id;
        int64_t on_hand = 0;  // in the lot's unit
    };
    // One product of one lot-keeping producer: its graded lots oldest first, by grade.
    struct Stream {
        std::string producer_id;
        std::string product_id;
        std::string product_code;
        bool counts_units = false;  // boxes and pieces: lots count units of sale
        int64_t net_g = 1000;       // one unit of sale
        std::vector<std::string> grades;  // by rank
        std::map<std::string, std::vector<StockLot>> stock;
        int64_t rounds = 0;
    };

    Result<void> shipped(store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& named,
                         const orders::Actor& actor, int64_t now_ms);
    Result<Stream*> stream_of(store::Tx& tx, const std::string& producer_id, const std::string& product_id);
    Result<orders::LineLots> pick(store::Tx& tx, const orders::Order& order, const orders::OrderLine& line);
    // Makes at least `need` (lot units) of `grade` available: a harvest from the supply links, merged
    // from two collection points at a cooperative, graded with its loss; packed cartons for products
    // counted in units.
    Result<void> harvest(Stream& stream, const std::string& grade, int64_t need, Date order_date);
    // Sets aside stock for the confirmed orders of lot-keeping sellers (harvesting when short).
    Result<void> stock_for_open_orders();
    Result<std::vector<trace::LotSupplier>> suppliers(const std::string& producer_id, int64_t quantity, int part, int parts);

    DemoWorld& world_;
    trace::TraceService& trace_;
    const Clock& clock_;
    DemoRandom random_;
    std::set<std::string> keepers_;
    std::set<std::string> cooperatives_;
    std::map<std::string, std::vector<catalog::SupplyLink>> links_;
    std::map<std::pair<std::string, std::string>, Stream> streams_;
    DemoTraceCounts counts_;
};

// The trace codes worth opening in a demo database: for three of the lot-keeping producers, their
// first graded lot that has shipped (its page shows households, grading and the journey). Empty
// when the database holds no demo lots.
Result<std::vector<DemoTraceCode>> demo_trace_codes(store::Store& store);

// The lot of the demo's recall drill (issue 16 item 7): the graded lot that reached the most buyers
// among those that reached `buyer_id` (the demo buyer login's organisation, so that its user has the
// recall to acknowledge), else the one that reached the most buyers.
Result<std::optional<std::string>> recall_drill_lot(store::Tx& tx, const std::string& buyer_id);

struct DemoRecallDrill {
    std::string lot_code;
    std::string recall_id;
    size_t buyers = 0;        // to notify
    size_t acknowledged = 0;  // of them, already acknowledged
    size_t affected_lots = 0, affected_orders = 0;
};

// The recall drill itself, through the trace module's recall service: `opener` (the lot's county
// officer) recalls `lot_id` with the reason "演练 / drill", and one buyer other than `pending_buyer_id`
// acknowledges at once, having recovered all it received; the others (the demo buyer among them)
// are left pending, so their to-do lists name the recall.
Result<DemoRecallDrill> run_recall_drill(trace::RecallService& recalls, const trace::Actor& opener, const std::string& lot_id,
                                         const std::string& pending_buyer_id);

}  // namespace kl::demo
