#include "trace/public_trace.h"

#include "catalog/certification_service.h"
#include "trace/public_trace_repo.h"
#include "trace/trace_code.h"

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
        KL_TRY_ASSIGN(std::vector<SupplierKindCount> kinds, supplier_kind_counts(tx, lot_id));
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
        for (const auto& kind : kinds) {
            if (kind.kind == "household") page.households += kind.count;
            if (kind.kind == "family_workshop") page.workshops += kind.count;
        }
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
