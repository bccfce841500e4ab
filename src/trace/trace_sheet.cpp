// The FSMA 204 sortable spreadsheet of a lot (trace_graph.h: trace_sheet).
#include <map>
#include <set>

#include "core/civil_date.h"
#include "trace/event_hash.h"
#include "trace/trace_graph.h"
#include "trace/trace_graph_repo.h"
#include "trace/trace_repo.h"

namespace kl::trace {

namespace {

// FSMA 204 names its critical tracking events; the platform's other tracking events keep their CBV
// business step.
std::string tracking_event(const CteRow& row, const Lot& lot) {
    if (row.type == "TransformationEvent") return "transformation";
    if (row.biz_step == "commissioning") return lot.pack_date || lot.unit != LotUnit::loose ? "initial_packing" : "harvesting";
    if (row.biz_step == "shipping" || row.biz_step == "departing") return "shipping";
    if (row.biz_step == "receiving" || row.biz_step == "accepting" || row.biz_step == "arriving") return "receiving";
    if (row.type == "AggregationEvent") return row.action == "DELETE" ? "unpacking" : "packing";
    return row.biz_step.empty() ? "other" : row.biz_step;
}

std::string optional_date(const std::optional<Date>& date) { return date ? format_date(*date) : ""; }

sheets::Table empty_sheet() {
    sheets::Table table;
    table.sheet_name = "FSMA 204 trace";
    for (const char* name : {"event_time_utc", "event_time_zone_offset", "event_date", "critical_tracking_event", "event_type", "action",
                             "biz_step", "disposition", "lot_role", "traceability_lot_code", "lot_id", "product_description",
                             "product_description_en", "grade", "quantity", "unit_of_measure", "packaging", "sscc",
                             "location_of_event", "location_of_event_en", "location_id", "location_county", "harvest_date", "pack_date",
                             "tlc_source", "tlc_source_en", "tlc_source_id", "tlc_source_county", "tlc_source_reference", "suppliers",
                             "reference_documents", "ship_to", "ship_to_en", "event_id", "declared_wrong"}) {
        table.columns.push_back(sheets::Column{name, std::string_view(name) == "quantity"});
    }
    return table;
}

}  // namespace

Result<sheets::Table> trace_sheet(store::Tx& tx, const Actor& actor, const std::string& lot_id) {
    KL_TRY_ASSIGN(TraceGraph backward, trace_for(tx, actor, lot_id, Direction::backward));
    KL_TRY_ASSIGN(TraceGraph forward, trace_for(tx, actor, lot_id, Direction::forward));
    std::map<std::string, Lot> lots;
    std::map<std::string, OrderNode> orders;  // the orders the caller sees
    for (const TraceGraph* graph : {&backward, &forward}) {
        for (const auto& node : graph->nodes) {
            if (node.lot) lots.emplace(node.lot->id, *node.lot);
            if (node.order) orders.emplace(node.order->id, *node.order);
        }
    }
    std::vector<std::string> lot_ids;
    for (const auto& [id, lot] : lots) lot_ids.push_back(id);
    KL_TRY_ASSIGN(std::vector<CteRow> rows, cte_rows(tx, lot_ids));
    std::vector<std::string> event_pks;
    for (const auto& row : rows) {
        if (event_pks.empty() || event_pks.back() != row.event_pk) event_pks.push_back(row.event_pk);
    }
    KL_TRY_ASSIGN(std::vector<CteTransaction> transactions, cte_transactions(tx, event_pks));
    std::map<std::string, std::vector<CteTransaction>> by_event;
    for (auto& transaction : transactions) by_event[transaction.event_pk].push_back(std::move(transaction));
    // Suppliers of the commissioned lots, read once per lot.
    std::map<std::string, std::string> suppliers;
    for (const auto& [id, lot] : lots) {
        KL_TRY_ASSIGN(std::optional<Lot> full, find_lot(tx, id));
        std::string text;
        for (const auto& supplier : full->suppliers) {
            text += (text.empty() ? "" : "; ") + supplier.supplier_name + " (" + std::to_string(supplier.quantity) + ")";
        }
        suppliers[id] = text;
    }
    sheets::Table table = empty_sheet();
    for (const auto& row : rows) {
        std::string documents;
        const OrderNode* ship_to = nullptr;
        bool unseen_order = false;
        for (const auto& transaction : by_event[row.event_pk]) {
            documents += (documents.empty() ? "" : "; ") + transaction.type + ":" + transaction.id;
            if (transaction.type != "po") continue;
            auto order = orders.find(transaction.id);
            if (order == orders.end()) unseen_order = true;
            else ship_to = &order->second;
        }
        if (unseen_order) continue;  // another buyer's (or seller's) business: not the caller's to read
        const Lot& lot = lots.at(row.lot_id);
        const bool shipping = tracking_event(row, lot) == "shipping";
        table.rows.push_back({utc_timestamp(row.event_time_ms),
                              row.time_zone_offset,
                              format_date(shanghai_date(row.event_time_ms)),
                              tracking_event(row, lot),
                              row.type,
                              row.action,
                              row.biz_step,
                              row.disposition,
                              row.list,
                              lot.lot_code,
                              lot.id,
                              lot.product_name,
                              lot.product_name_en,
                              lot.grade,
                              std::to_string(row.quantity),
                              lot.quantity_unit == QuantityUnit::grams ? "GRM" : "EA",
                              std::string(to_string(lot.unit)),
                              lot.sscc.value_or(""),
                              row.location_name,
                              row.location_name_en,
                              row.location_id,
                              row.location_county,
                              optional_date(lot.harvest_date),
                              optional_date(lot.pack_date),
                              lot.producer_name,
                              lot.producer_name_en,
                              lot.producer_id,
                              lot.county,
                              lot.origin_event_id,
                              suppliers[lot.id],
                              documents,
                              shipping && ship_to ? ship_to->buyer_name : "",
                              shipping && ship_to ? ship_to->buyer_name_en : "",
                              row.event_id,
                              row.declared_wrong ? "yes" : ""});
    }
    return table;
}

}  // namespace kl::trace
