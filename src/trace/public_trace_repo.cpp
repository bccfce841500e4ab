#include "trace/public_trace_repo.h"

#include "store/sql.h"
#include "store/stored.h"

namespace kl::trace {

namespace {
using store::Row;
}  // namespace

Result<std::optional<PublicLotRow>> find_public_lot(store::Tx& tx, const std::string& trace_code) {
    return store::query_first(
        tx,
        "SELECT l.id, l.product_id, pr.name_zh, pr.name_en, l.grade, p.name, p.name_en, p.county_code, c.name_zh AS county_name, "
        "c.name_en AS county_name_en, l.harvest_date, l.pack_date, l.trace_code FROM trace_lots l "
        "JOIN organisations p ON p.id = l.producer_id JOIN products pr ON pr.id = l.product_id "
        "LEFT JOIN counties c ON c.code = p.county_code WHERE l.trace_code = $1",
        {trace_code}, [](const Row& row) {
            PublicLotRow lot;
            lot.id = row.text(0);
            lot.product_id = row.text(1);
            lot.product_name = row.text(2);
            lot.product_name_en = row.text(3);
            lot.grade = row.text(4);
            lot.producer_name = row.text(5);
            lot.producer_name_en = row.text(6);
            lot.county = row.opt_text("county_code").value_or("");
            lot.county_name = row.opt_text("county_name").value_or("");
            lot.county_name_en = row.opt_text("county_name_en").value_or("");
            lot.harvest_date = store::stored_opt_date(row.opt_text("harvest_date"));
            lot.pack_date = store::stored_opt_date(row.opt_text("pack_date"));
            lot.trace_code = row.text(12);
            return lot;
        });
}

Result<std::vector<CountyNames>> all_county_names(store::Tx& tx) {
    return store::query_as(tx, "SELECT code, name_zh, name_en FROM counties ORDER BY code", {},
                           [](const Row& row) { return CountyNames{row.text(0), row.text(1), row.text(2)}; });
}

Result<std::vector<PublicEventRow>> public_events_of_lot(store::Tx& tx, const std::string& lot_id, int64_t limit) {
    return store::query_as(
        tx,
        "SELECT e.type, e.biz_step, e.disposition, e.process, e.event_time_ms, o.kind AS place_kind, o.name AS place_name, "
        "o.name_en AS place_name_en, c.name_zh AS county_name, c.name_en AS county_name_en, d.name_zh AS district_name, "
        "d.name_en AS district_name_en FROM trace_events e "
        "LEFT JOIN organisations o ON o.id = COALESCE(e.biz_location, e.read_point) "
        "LEFT JOIN counties c ON c.code = o.county_code LEFT JOIN districts d ON d.code = o.district_code "
        "WHERE e.id IN (SELECT event_pk FROM trace_event_quantities WHERE lot_id = $1) "
        "AND NOT EXISTS (SELECT 1 FROM trace_error_declarations x WHERE x.event_pk = e.id) "
        "ORDER BY e.event_time_ms, e.seq LIMIT $2",
        {lot_id, limit}, [](const Row& row) {
            PublicEventRow event;
            event.type = store::stored_enum<EventType>(row.text(0));
            if (auto step = row.opt_text("biz_step")) event.biz_step = store::stored_enum<BizStep>(*step);
            if (auto disposition = row.opt_text("disposition")) event.disposition = store::stored_enum<Disposition>(*disposition);
            if (auto process = row.opt_text("process")) event.process = store::stored_enum<Process>(*process);
            event.event_time_ms = row.i64(4);
            event.place_kind = row.opt_text("place_kind");
            event.place_name = row.opt_text("place_name").value_or("");
            event.place_name_en = row.opt_text("place_name_en").value_or("");
            event.county_name = row.opt_text("county_name").value_or("");
            event.county_name_en = row.opt_text("county_name_en").value_or("");
            event.district_name = row.opt_text("district_name").value_or("");
            event.district_name_en = row.opt_text("district_name_en").value_or("");
            return event;
        });
}

Result<std::optional<int64_t>> first_shipment_ms(store::Tx& tx, const std::string& lot_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT MIN(e.event_time_ms) AS first_ms FROM trace_events e WHERE e.biz_step = 'shipping' "
                           "AND e.id IN (SELECT event_pk FROM trace_event_quantities WHERE lot_id = $1) "
                           "AND NOT EXISTS (SELECT 1 FROM trace_error_declarations x WHERE x.event_pk = e.id)",
                           {lot_id}));
    return rows.empty() ? std::nullopt : rows[0].opt_i64("first_ms");
}

Result<void> count_scan(store::Tx& tx, const std::string& lot_id, Date day) {
    return store::exec(tx,
                       "INSERT INTO trace_scans (lot_id, day, count) VALUES ($1, $2, 1) "
                       "ON CONFLICT (lot_id, day) DO UPDATE SET count = trace_scans.count + 1",
                       {lot_id, format_date(day)});
}

Result<std::vector<ScanDay>> scans_of_lot(store::Tx& tx, const std::string& lot_id, int64_t days) {
    return store::query_as(tx, "SELECT day, count FROM trace_scans WHERE lot_id = $1 ORDER BY day DESC LIMIT $2", {lot_id, days},
                           [](const Row& row) { return ScanDay{store::stored_date(row.text(0)), row.i64(1)}; });
}

}  // namespace kl::trace
