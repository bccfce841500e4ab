#pragma once
// The public trace page of a lot (/t/<code>, issue 16 item 5): what a consumer who scans a box may
// read, with no sign-in — the product, its producer and county, how many households and workshops
// contributed (counts, never names), harvest and pack dates, the product's consumption-aid
// certification on the sale date (the lot's first shipment, else today), and the journey: the lot's
// events not declared wrong, each as its step, where (a place name) and when. Nothing else: no
// price, buyer, order, person, quantity held or user. Where an event happened at a household or
// family workshop the place is its county; at a buyer, the buyer's district (a buyer is never named).
//
// Looking a code up does the same work whether or not it names a lot — the typed code is normalised
// (trace_code.h), the same statements run with the lot or with no lot, and a scan is counted either
// way (an unknown code's under lot ""), so the answer's time does not tell a stored code from
// another. Scans are counted per lot and Beijing day (trace_scans, migration 0029) and nothing of the
// reader is kept. The route layer limits each client address with admit() (public_trace_limiter.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/civil_date.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"
#include "trace/public_trace_limiter.h"
#include "trace/trace_access.h"
#include "trace/trace_types.h"

namespace kl::trace {

// The journey shows at most this many steps (the first ones, in time order).
inline constexpr int64_t public_journey_steps_max = 200;
// A lot's page in the console shows at most this many days of scans.
inline constexpr int64_t scan_days_max = 90;

// Where a step happened, as the public may read it.
enum class PlaceKind { producer, origin, logistics, buyer, other, none };
constexpr auto enum_table(PlaceKind) {
    using enum PlaceKind;
    return enum_table_of<PlaceKind>({{producer, "producer"}, {origin, "origin"}, {logistics, "logistics"}, {buyer, "buyer"},
                                     {other, "other"}, {none, "none"}});
}

struct PublicPlace {
    PlaceKind kind = PlaceKind::none;
    std::string name;  // producer, logistics, other: the organisation; origin: its county; buyer: its district
    std::string name_en;
};

struct PublicStep {
    EventType type = EventType::object;
    std::optional<BizStep> biz_step;
    std::optional<Disposition> disposition;
    std::optional<Process> process;
    int64_t event_time_ms = 0;
    Date date;  // in Beijing
    PublicPlace place;
};

// Where the goods of a lot grew, per county: read from its backward trace (trace_graph.h), so a lot
// made by merging, grading or processing others shows its inputs' origin. households and workshops
// count the suppliers of the commissioned lots the trace reaches (each once, however many of them it
// supplied); lots counts those commissioned lots of producers in the county (the goods a producer
// grew itself have no supplier). Counts only: never a name.
struct PublicOrigin {
    std::string county;  // code
    std::string county_name;
    std::string county_name_en;
    int64_t households = 0;
    int64_t workshops = 0;
    int64_t lots = 0;
};

struct PublicTrace {
    std::string trace_code;
    std::string product_name;
    std::string product_name_en;
    std::string grade;
    std::string producer_name;
    std::string producer_name_en;
    std::string county;
    std::string county_name;
    std::string county_name_en;
    int64_t households = 0;  // summed over origins
    int64_t workshops = 0;
    std::vector<PublicOrigin> origins;  // by county code
    int64_t input_lots = 0;             // lots it was made from, all the way back (0: commissioned itself)
    bool origins_complete = true;       // false when the backward trace was cut (trace_graph.h limits)
    std::optional<Date> harvest_date;
    std::optional<Date> pack_date;
    catalog::CertStatus certification = catalog::CertStatus::none;
    Date certification_on;  // the sale date the status is for
    bool shipped = false;   // certification_on is the first shipment's date (else today)
    std::vector<PublicStep> journey;
};

struct ScanCounts {
    int64_t total = 0;                                   // over the days listed
    std::vector<std::pair<Date, int64_t>> days;          // newest first, at most scan_days_max
};

class PublicTraceService {
public:
    PublicTraceService(store::Store& store, const Clock& clock, RateLimit limit = {})
        : store_(store), clock_(clock), limiter_(limit) {}

    // nullopt: the client may go on; otherwise milliseconds to wait (a 429's Retry-After).
    std::optional<int64_t> admit(const std::string& client_key) { return limiter_.take(client_key, clock_.now_ms()); }

    // The page of the lot `typed` names, counting one scan; not_found otherwise (the same work).
    Result<PublicTrace> lookup(std::string_view typed);
    // The canonical code when `typed` names a lot (for its QR image); not_found otherwise. Counts no scan.
    Result<std::string> existing_code(std::string_view typed);
    // The lot's scans per day, for those who see the lot (trace_access.h).
    Result<ScanCounts> scans(const Actor& actor, const std::string& lot_id);

private:
    store::Store& store_;
    const Clock& clock_;
    ClientRateLimiter limiter_;
};

}  // namespace kl::trace
