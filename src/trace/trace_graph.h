#pragma once
// Trace: the lot-lineage graph walked from one lot (GET /api/v1/lots/{id}/trace), breadth first over
// the edges written when events are recorded (migration 0028_trace_edges, trace_graph_repo.h):
//
//   backward  a lot → the lots it was made from (transformations), the lots packed onto it when it
//             is a pallet, … down to the commissioned lots and the suppliers (workshops,
//             households) that contributed to them, with their quantities
//   forward   a lot → every lot made from it, every pallet it was packed on (and the pallet lot of
//             that SSCC, onwards), every order it shipped on and the buyer of each, with quantities
//
// Edges run in the direction goods flow (input → output, lot → pallet → pallet lot, lot → order →
// buyer, supplier → lot) whichever way the walk goes. Each level is one indexed query per kind of
// hop over the whole frontier, so a trace costs (levels × 3) statements, not one per node.
//
// Limits: trace_depth_max levels and trace_nodes_max nodes per answer (a recall walks up to
// recall_nodes_max). Beyond them the answer is cut, says so (complete: false, stopped_by "depth" or
// "nodes") and keeps what it found; a recall refuses to open on a cut trace (409) rather than notify
// part of the buyers.
//
// Scope (trace_access.h): the lot itself must be visible to the caller (403 otherwise). Its lineage
// is shown in full — the lots, pallets and suppliers it came from or went into are the trace of what
// the caller may see. Orders and their buyers are shown only where the caller sees the order: admin,
// fund officer and auditor every order; a county officer those of its county's sellers; a producer its
// own sales; a buyer its own purchases; a carrier what it carries. Other orders stay in the graph as
// hidden nodes (kind and depth only, no id, buyer or quantity names beyond the edge), so a producer
// whose lot reached a pallet another seller sold learns that an order exists, not whose it is.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "sheets/table.h"
#include "store/store.h"
#include "trace/trace_access.h"
#include "trace/trace_types.h"

namespace kl::trace {

inline constexpr int trace_depth_max = 32;
inline constexpr size_t trace_nodes_max = 5'000;
inline constexpr size_t recall_nodes_max = 200'000;
// Ids per IN (…) list of one statement.
inline constexpr size_t trace_ids_per_query = 500;

enum class Direction { backward, forward };
constexpr auto enum_table(Direction) {
    using enum Direction;
    return enum_table_of<Direction>({{backward, "backward"}, {forward, "forward"}});
}
constexpr std::string_view enum_noun(Direction) { return "trace direction"; }

enum class NodeKind { lot, pallet, order, organisation };
constexpr auto enum_table(NodeKind) {
    using enum NodeKind;
    return enum_table_of<NodeKind>({{lot, "lot"}, {pallet, "pallet"}, {order, "order"}, {organisation, "organisation"}});
}

// supplied: a supplier's contribution to a commissioned lot; transformed: input → output lot;
// packed: lot → pallet; pallet_lot: pallet → the lot that is that pallet (same SSCC); shipped: lot →
// order; bought: order → its buyer.
enum class EdgeKind { supplied, transformed, packed, pallet_lot, shipped, bought };
constexpr auto enum_table(EdgeKind) {
    using enum EdgeKind;
    return enum_table_of<EdgeKind>({{supplied, "supplied"},
                                    {transformed, "transformed"},
                                    {packed, "packed"},
                                    {pallet_lot, "pallet_lot"},
                                    {shipped, "shipped"},
                                    {bought, "bought"}});
}

struct OrderNode {
    std::string id;
    std::string status;  // orders::OrderStatus name
    std::optional<Date> order_date;
    std::string seller_id, seller_name, seller_name_en;
    std::string buyer_id, buyer_name, buyer_name_en;
    std::optional<std::string> carrier_id;
    std::string seller_county;
};

struct OrganisationNode {
    std::string id;
    std::string name, name_en;
    std::string kind;    // access organisation kind (household, family_workshop, buyer…)
    std::string county;  // "" when it has none
};

struct TraceNode {
    std::string key;  // "lot:<id>", "pallet:<sscc>", "order:<id>", "organisation:<id>", "hidden:<n>"
    NodeKind kind = NodeKind::lot;
    int depth = 0;        // levels from the traced lot
    bool hidden = false;  // outside the caller's scope: no id, no names
    std::optional<Lot> lot;
    std::string sscc;  // a pallet's
    std::optional<OrderNode> order;
    std::optional<OrganisationNode> organisation;
};

struct TraceEdge {
    std::string from, to;  // node keys
    EdgeKind kind = EdgeKind::transformed;
    std::string event_pk;  // the event's row ("" for supplied and bought: no event of their own)
    std::string event_id;  // its EPCIS eventID
    int64_t event_time_ms = 0;
    int64_t quantity = 0;     // taken of the from-node (a lot's unit; a supplier's contribution)
    int64_t to_quantity = 0;  // made of (or put into) the to-node
    bool declared_wrong = false;  // its event has an error declaration
};

struct TraceGraph {
    std::string lot_id;
    Direction direction = Direction::backward;
    std::vector<TraceNode> nodes;  // the traced lot first, then by level
    std::vector<TraceEdge> edges;
    bool complete = true;
    std::string stopped_by;  // "depth" or "nodes" when cut
    int depth_max = trace_depth_max;
    size_t nodes_max = trace_nodes_max;
};

// The walk itself, unscoped (recall and the sheet use it for the whole truth): every node found,
// nothing hidden. not_found when the lot does not exist.
Result<TraceGraph> walk_trace(store::Tx& tx, const std::string& lot_id, Direction direction, size_t nodes_max = trace_nodes_max,
                              int depth_max = trace_depth_max);

// The trace as `actor` may see it: 404 unknown lot, 403 a lot outside its scope, orders it does not
// see hidden (above).
Result<TraceGraph> trace_for(store::Tx& tx, const Actor& actor, const std::string& lot_id, Direction direction);

// The FSMA 204 "electronic sortable spreadsheet" of a lot (21 CFR 1.1455(c)): one row per critical
// tracking event and lot it names — of every lot of the lot's backward and forward traces as `actor`
// sees them (events naming an order it does not see are left out) — with the key data elements:
// the traceability lot code and its source (the producer that assigned it, the event that did),
// product description, quantity and unit of measure, location of the event, date and time, the
// reference documents (business transactions), the ship-to party of a shipment, harvest and pack
// dates, suppliers of a commissioned lot, and whether the event was declared wrong. In event time
// order; trace_sheet_columns() names the columns.
Result<sheets::Table> trace_sheet(store::Tx& tx, const Actor& actor, const std::string& lot_id);

class TraceGraphService {
public:
    explicit TraceGraphService(store::Store& store) : store_(store) {}
    Result<TraceGraph> trace(const Actor& actor, const std::string& lot_id, Direction direction);
    Result<sheets::Table> sheet(const Actor& actor, const std::string& lot_id);

private:
    store::Store& store_;
};

}  // namespace kl::trace
