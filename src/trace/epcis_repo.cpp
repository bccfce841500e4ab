#include "trace/epcis_repo.h"

#include "store/stored.h"
#include "trace/trace_repo.h"

namespace kl::trace {

Result<std::optional<LotRef>> find_lot_ref(store::Tx& tx, const std::string& producer_id, const std::string& lot_code_key) {
    return store::query_first(tx, "SELECT id, quantity_unit FROM trace_lots WHERE producer_id = $1 AND lot_code_key = $2",
                              {producer_id, lot_code_key}, [](const store::Row& row) {
                                  return LotRef{row.text(0), store::stored_enum<QuantityUnit>(row.text(1))};
                              });
}

Result<std::map<LotKey, LotRef>> find_lot_refs(store::Tx& tx, const std::set<LotKey>& keys) {
    // Lot codes per statement: well below both back ends' parameter limits.
    constexpr size_t codes_per_query = 500;
    std::set<std::string> producer_set, code_set;
    for (const auto& key : keys) {
        producer_set.insert(key.first);
        code_set.insert(key.second);
    }
    const std::vector<std::string> producers(producer_set.begin(), producer_set.end()), codes(code_set.begin(), code_set.end());
    std::map<LotKey, LotRef> found;
    // Both lists on trace_lots_code (producer_id, lot_code_key); a pair not asked for (a producer's
    // code that only another producer was named with) is dropped here.
    for (size_t first = 0; first < codes.size(); first += codes_per_query) {
        store::SqlQuery sql;
        const std::vector<std::string> chunk(codes.begin() + static_cast<std::ptrdiff_t>(first),
                                             codes.begin() + static_cast<std::ptrdiff_t>(std::min(codes.size(), first + codes_per_query)));
        sql.where_text("producer_id IN (" + sql.bind_list(producers) + ")");
        sql.where_text("lot_code_key IN (" + sql.bind_list(chunk) + ")");
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, quantity_unit, producer_id, lot_code_key FROM trace_lots WHERE " + sql.condition(),
                                                 sql.params()));
        for (const auto& row : rows) {
            LotKey key{row.text(2), row.text(3)};
            if (keys.count(key) != 0) found.emplace(std::move(key), LotRef{row.text(0), store::stored_enum<QuantityUnit>(row.text(1))});
        }
    }
    return found;
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

Result<std::vector<EventPk>> select_event_pks(store::Tx& tx, const ResolvedEventQuery& query, const std::string& visible,
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
    KL_TRY_ASSIGN(std::string page, event_order_page(sql, after, limit));
    return store::query_as(tx, "SELECT e.id, e.event_time_ms, e.seq FROM trace_events e WHERE " + page, sql.params(),
                           [](const store::Row& row) { return EventPk{row.text(0), event_order_key(row.i64(1), row.i64(2))}; });
}

}  // namespace kl::trace
