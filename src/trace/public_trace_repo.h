#pragma once
// The SQL of the public trace page (public_trace.h): a lot by its trace code with its product,
// producer and county names, the counties' names, its journey (its events not declared wrong, each
// with where it happened) and the day of its first shipment, and the scans counted per lot and day (migration 0029_trace_scans). Every reader takes a lot id that may be ""
// (no lot): the page runs the same statements for an unknown code as for a known one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"
#include "store/store.h"
#include "trace/trace_types.h"

namespace kl::trace {

struct PublicLotRow {
    std::string id;
    std::string product_id;
    std::string product_name;
    std::string product_name_en;
    std::string grade;
    std::string producer_name;
    std::string producer_name_en;
    std::string county;  // code; "" when the producer has none
    std::string county_name;
    std::string county_name_en;
    std::optional<Date> harvest_date;
    std::optional<Date> pack_date;
    std::string trace_code;
};
Result<std::optional<PublicLotRow>> find_public_lot(store::Tx& tx, const std::string& trace_code);

// The counties' codes and names (the four aided counties: read whole).
struct CountyNames {
    std::string code;
    std::string name;
    std::string name_en;
};
Result<std::vector<CountyNames>> all_county_names(store::Tx& tx);

// The lot's events not declared wrong, in event time order, at most `limit`, each with the
// organisation where it happened (biz_location, else read_point) as stored: kind, names, county and
// district codes and names. The public page decides what of the place it shows.
struct PublicEventRow {
    EventType type = EventType::object;
    std::optional<BizStep> biz_step;
    std::optional<Disposition> disposition;
    std::optional<Process> process;
    int64_t event_time_ms = 0;
    std::optional<std::string> place_kind;
    std::string place_name;
    std::string place_name_en;
    std::string county_name;
    std::string county_name_en;
    std::string district_name;
    std::string district_name_en;
};
Result<std::vector<PublicEventRow>> public_events_of_lot(store::Tx& tx, const std::string& lot_id, int64_t limit);

// When the lot first shipped (its earliest shipping event not declared wrong), if it has.
Result<std::optional<int64_t>> first_shipment_ms(store::Tx& tx, const std::string& lot_id);

// One more scan of the lot ("" for an unknown code) on `day`.
Result<void> count_scan(store::Tx& tx, const std::string& lot_id, Date day);
// The lot's scans per day, newest day first, at most `days`.
struct ScanDay {
    Date day;
    int64_t count = 0;
};
Result<std::vector<ScanDay>> scans_of_lot(store::Tx& tx, const std::string& lot_id, int64_t days);

}  // namespace kl::trace
