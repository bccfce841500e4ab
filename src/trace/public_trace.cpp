#include "trace/public_trace.h"

#include <map>
#include <set>

#include "catalog/certification_service.h"
#include "trace/public_trace_repo.h"
#include "trace/trace_code.h"
#include "trace/trace_graph.h"

namespace kl::trace {

namespace {

// A value no trace code can equal (codes are 12 characters of Crockford's alphabet): what an
// unnormalisable input is looked up as, so that it runs the same statement as any other.
constexpr std::string_view no_code = "-";

PublicPlace place_of(const PublicEventRow& event) {
    if (!event.place_kind) return {};
    const auto kind = *event.place_kind;
    if (kind == "household" || kind == "family_workshop") return {PlaceKind::origin, event.county_name, event.county_name_en};
    if (kind == "buyer") return {PlaceKind::buyer, event.district_name, event.district_name_en};
    if (kind == "enterprise" || kind == "cooperative") return {PlaceKind::producer, event.place_name, event.place_name_en};
    if (kind == "logistics") return {PlaceKind::logistics, event.place_name, event.place_name_en};
    return {PlaceKind::other, event.place_name, event.place_name_en};
}

// The origins of the lot's goods (public_trace.h) from its backward trace. An unknown lot ("") has
// none: the county names are read all the same, and its walk stops at the lot's lookup (a known
// lot's walks on, one level per step back: the only work a stored code adds).
Result<void> add_origins(store::Tx& tx, const std::string& lot_id, PublicTrace& page) {
    KL_TRY_ASSIGN(std::vector<CountyNames> names, all_county_names(tx));
    auto graph = walk_trace(tx, lot_id, Direction::backward);
    if (!graph && graph.error().code == ErrorCode::not_found) return ok();
    if (!graph) return fail(graph.error());
    // A lot with an input (a transformation's output, a pallet's lot) was made, not commissioned.
    std::set<std::string> made;
    for (const auto& edge : graph->edges) {
        if (edge.kind == EdgeKind::transformed || edge.kind == EdgeKind::pallet_lot) made.insert(edge.to);
    }
    std::map<std::string, PublicOrigin> by_county;
    for (const auto& node : graph->nodes) {
        if (node.lot) {
            page.input_lots += node.depth > 0 ? 1 : 0;
            if (made.count(node.key) == 0 && !node.lot->county.empty()) ++by_county[node.lot->county].lots;
        } else if (node.organisation) {
            const int64_t household = node.organisation->kind == "household" ? 1 : 0;
            const int64_t workshop = node.organisation->kind == "family_workshop" ? 1 : 0;
            // Every supplier counts; one without a county is in no county's line.
            page.households += household;
            page.workshops += workshop;
            if (node.organisation->county.empty()) continue;
            PublicOrigin& origin = by_county[node.organisation->county];
            origin.households += household;
            origin.workshops += workshop;
        }
    }
    page.origins_complete = graph->complete;
    for (const auto& county : names) {
        auto found = by_county.find(county.code);
        if (found == by_county.end()) continue;
        PublicOrigin origin = found->second;
        origin.county = county.code;
        origin.county_name = county.name;
        origin.county_name_en = county.name_en;
        page.origins.push_back(std::move(origin));
    }
    return ok();
}

}  // namespace

Result<PublicTrace> PublicTraceService::lookup(std::string_view typed) {
    const std::string code = normalise_trace_code(typed);
    const int64_t now = clock_.now_ms();
    const Date today = shanghai_date(now);
    PublicTrace page;
    auto found = store_.read([&](store::Tx& tx) -> Result<std::optional<std::string>> {
        KL_TRY_ASSIGN(std::optional<PublicLotRow> lot, find_public_lot(tx, code.empty() ? std::string(no_code) : code));
        // An unknown code runs every statement below with no lot (""), which matches no row.
        const std::string lot_id = lot ? lot->id : "";
        KL_TRY(add_origins(tx, lot_id, page));
        KL_TRY_ASSIGN(std::vector<PublicEventRow> events, public_events_of_lot(tx, lot_id, public_journey_steps_max));
        KL_TRY_ASSIGN(std::optional<int64_t> shipped_ms, first_shipment_ms(tx, lot_id));
        page.shipped = shipped_ms.has_value();
        page.certification_on = shipped_ms ? shanghai_date(*shipped_ms) : today;
        KL_TRY_ASSIGN(page.certification, catalog::certification_status_on(tx, lot ? lot->product_id : "", page.certification_on));
        if (!lot) return std::optional<std::string>();
        page.trace_code = lot->trace_code;
        page.product_name = lot->product_name;
        page.product_name_en = lot->product_name_en;
        page.grade = lot->grade;
        page.producer_name = lot->producer_name;
        page.producer_name_en = lot->producer_name_en;
        page.county = lot->county;
        page.county_name = lot->county_name;
        page.county_name_en = lot->county_name_en;
        page.harvest_date = lot->harvest_date;
        page.pack_date = lot->pack_date;
        for (const auto& event : events) {
            page.journey.push_back(PublicStep{event.type, event.biz_step, event.disposition, event.process, event.event_time_ms,
                                              shanghai_date(event.event_time_ms), place_of(event)});
        }
        return std::optional<std::string>(lot->id);
    });
    if (!found) return fail(found.error());
    KL_TRY(store_.write([&](store::Tx& tx) { return count_scan(tx, found->value_or(""), today); }));
    if (!*found) return fail(ErrorCode::not_found, "no lot has this trace code");
    return page;
}

Result<std::string> PublicTraceService::existing_code(std::string_view typed) {
    const std::string code = normalise_trace_code(typed);
    KL_TRY_ASSIGN(std::optional<PublicLotRow> lot, store_.read([&](store::Tx& tx) {
                      return find_public_lot(tx, code.empty() ? std::string(no_code) : code);
                  }));
    if (!lot) return fail(ErrorCode::not_found, "no lot has this trace code");
    return lot->trace_code;
}

Result<ScanCounts> PublicTraceService::scans(const Actor& actor, const std::string& lot_id) {
    return store_.read([&](store::Tx& tx) -> Result<ScanCounts> {
        KL_TRY(require_lot_visible(tx, actor, lot_id));
        KL_TRY_ASSIGN(std::vector<ScanDay> days, scans_of_lot(tx, lot_id, scan_days_max));
        ScanCounts counts;
        for (const auto& day : days) {
            counts.total += day.count;
            counts.days.emplace_back(day.day, day.count);
        }
        return counts;
    });
}

}  // namespace kl::trace
