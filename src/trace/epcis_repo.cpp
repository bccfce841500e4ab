#include "trace/epcis_repo.h"

#include "store/stored.h"

namespace kl::trace {

Result<std::optional<LotRef>> find_lot_ref(store::Tx& tx, const std::string& producer_id, const std::string& lot_code_key) {
    return store::query_first(tx, "SELECT id, quantity_unit FROM trace_lots WHERE producer_id = $1 AND lot_code_key = $2",
                              {producer_id, lot_code_key}, [](const store::Row& row) {
                                  return LotRef{row.text(0), store::stored_enum<QuantityUnit>(row.text(1))};
                              });
}

namespace {

// " AND <column> IN (…)" for a given list; nothing when the list is empty.
void epcis_where_in(store::SqlQuery& sql, std::string_view column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    sql.where_text(std::string(column) + " IN (" + sql.bind_list(values) + ")");
}

// An event whose lists name one of `lots` (only the lists in `lists`, SQL text; empty: any list).
std::string epcis_names_lots(store::SqlQuery& sql, const std::vector<std::string>& lots, std::string_view lists) {
    if (lots.empty()) return "1 = 0";
    std::string condition = "e.id IN (SELECT event_pk FROM trace_event_quantities WHERE lot_id IN (" + sql.bind_list(lots) + ")";
    if (!lists.empty()) condition += " AND list IN (" + std::string(lists) + ")";
    return condition + ")";
}

}  // namespace

Result<std::vector<std::string>> select_event_pks(store::Tx& tx, const ResolvedEventQuery& query, const std::string& visible,
                                                  store::SqlQuery& sql, const std::optional<std::string>& after, int limit) {
    if (visible != "1 = 1") {
        sql.where_text("EXISTS (SELECT 1 FROM trace_event_quantities vq JOIN trace_lots l ON l.id = vq.lot_id JOIN organisations p "
                       "ON p.id = l.producer_id WHERE vq.event_pk = e.id AND " + visible + ")");
    }
    epcis_where_in(sql, "e.type", query.types);
    epcis_where_in(sql, "e.biz_step", query.biz_steps);
    epcis_where_in(sql, "e.disposition", query.dispositions);
    epcis_where_in(sql, "e.biz_location", query.biz_locations);
    if (query.ge_event_time_ms) sql.where("e.event_time_ms", *query.ge_event_time_ms, ">=");
    if (query.lt_event_time_ms) sql.where("e.event_time_ms", *query.lt_event_time_ms, "<");
    if (query.epc_lots) sql.where_text(epcis_names_lots(sql, *query.epc_lots, "'quantity', 'child'"));
    if (query.any_epc_lots) {
        std::string condition = epcis_names_lots(sql, *query.any_epc_lots, "");
        if (!query.any_epc_parents.empty()) condition += " OR e.parent_id IN (" + sql.bind_list(query.any_epc_parents) + ")";
        sql.where_text("(" + condition + ")");
    }
    for (const auto& transactions : query.biz_transactions) {
        const std::string type = sql.bind(transactions.type);
        sql.where_text("e.id IN (SELECT event_pk FROM trace_event_biz_transactions WHERE type = " + type + " AND biz_transaction IN (" +
                       sql.bind_list(transactions.uris) + "))");
    }
    return store::query_as(tx, "SELECT e.id FROM trace_events e WHERE " + sql.page("e.id", after, limit), sql.params(),
                           [](const store::Row& row) { return row.text(0); });
}

}  // namespace kl::trace
