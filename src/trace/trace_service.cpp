#include "trace/trace_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "access/organisation_service.h"
#include "audit/canonical_json.h"
#include "access/page_cursor.h"
#include "access/permissions.h"
#include "catalog/catalog_types.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "core/field_errors.h"
#include "core/identifier.h"
#include "orders/order_repo.h"
#include "store/page.h"
#include "trace/event_hash.h"
#include "trace/sscc.h"
#include "trace/trace_code.h"
#include "trace/trace_repo.h"

namespace kl::trace {

// ---- times -----------------------------------------------------------------------------------------

namespace {
bool digits_at(std::string_view text, size_t from, size_t count) {
    if (from + count > text.size()) return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from), text.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return c >= '0' && c <= '9'; });
}
int number_at(std::string_view text, size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}
// The offset in minutes east of UTC of a checked ±HH:MM.
int offset_minutes(std::string_view offset) {
    const int minutes = number_at(offset, 1, 2) * 60 + number_at(offset, 4, 2);
    return offset[0] == '-' ? -minutes : minutes;
}
}  // namespace

Result<void> check_time_zone_offset(std::string_view offset, const std::string& field) {
    const bool shape = offset.size() == 6 && (offset[0] == '+' || offset[0] == '-') && digits_at(offset, 1, 2) && offset[3] == ':' &&
                       digits_at(offset, 4, 2);
    if (!shape || number_at(offset, 1, 2) > 14 || number_at(offset, 4, 2) > 59) {
        return fail_field(field, ProblemCode::bad_format, "must be a time zone offset ±HH:MM, such as +08:00");
    }
    return ok();
}

Result<EventTime> parse_event_time(std::string_view text, const std::string& field) {
    auto bad = [&] {
        return fail_field(field, ProblemCode::bad_format, "must be a time YYYY-MM-DDTHH:MM:SS[.fff] followed by Z or an offset ±HH:MM");
    };
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || !digits_at(text, 11, 2) ||
        !digits_at(text, 14, 2) || !digits_at(text, 17, 2)) {
        return bad();
    }
    auto date = parse_date(text.substr(0, 10), field);
    if (!date) return fail(date.error());
    size_t at = 19;
    int millis = 0;
    if (text[at] == '.') {
        size_t digits = 0;
        while (at + 1 + digits < text.size() && text[at + 1 + digits] >= '0' && text[at + 1 + digits] <= '9') ++digits;
        if (digits == 0 || digits > 9) return bad();
        // Milliseconds, rounded half up as the event hash algorithm rounds them.
        const std::string fraction = std::string(text.substr(at + 1, digits)) + "000";
        millis = number_at(fraction, 0, 3) + (fraction.size() > 3 && digits > 3 && fraction[3] >= '5' ? 1 : 0);
        at += 1 + digits;
    }
    EventTime time;
    const std::string_view zone = text.substr(at);
    if (zone == "Z") {
        time.offset = "+00:00";
    } else if (check_time_zone_offset(zone, field)) {
        time.offset = std::string(zone);
    } else {
        return bad();
    }
    const int hours = number_at(text, 11, 2), minutes = number_at(text, 14, 2), seconds = number_at(text, 17, 2);
    if (hours > 23 || minutes > 59 || seconds > 59) return bad();
    const int64_t local_ms = date->days * 86'400'000LL + ((hours * 60LL + minutes) * 60 + seconds) * 1000 + millis;
    time.epoch_ms = local_ms - offset_minutes(time.offset) * 60'000LL;
    return time;
}

namespace {

// ---- helpers ---------------------------------------------------------------------------------------

// 409 naming a field whose value another record holds.
Error taken(const std::string& field, const std::string& message) {
    Error error = Error::invalid(field, ProblemCode::duplicate, message);
    error.code = ErrorCode::already_exists;
    return error;
}

// Appends one change of the trace to the audit trail inside `tx`.
Result<void> audit_change(audit::AuditTrail& trail, store::Tx& tx, const Actor& actor, std::string action, std::string record_type,
                          std::string record_id, const audit::CanonicalJson& body) {
    KL_TRY(trail.append(tx, audit::AuditEvent{access::actor_name(actor), std::move(action), std::move(record_type), std::move(record_id),
                                              body.str()}));
    return ok();
}

std::string role_of(const Actor& actor) { return actor ? std::string(access::to_string(actor->role)) : "system"; }

QuantityUnit unit_for(const catalog::Product& product) {
    return product.fields.unit.kind == catalog::UnitKind::box || product.fields.unit.kind == catalog::UnitKind::piece
               ? QuantityUnit::units
               : QuantityUnit::grams;
}

// The grams a quantity of `lot` weighs (units × the product's net grams; pieces without a weight 0).
Result<int64_t> grams_of(store::Tx& tx, const Lot& lot, int64_t quantity) {
    if (lot.quantity_unit == QuantityUnit::grams) return quantity;
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, lot.product_id));
    return product ? quantity * product->fields.unit.net_g : 0;
}

Result<void> check_event_time(FieldErrors& problems, const Event& event, int64_t now_ms) {
    if (event.event_time_ms > now_ms + event_time_future_tolerance_ms) {
        problems.add("event_time", ProblemCode::out_of_range,
                     "is in the future (more than " + std::to_string(event_time_future_tolerance_ms / 60'000) +
                         " minutes after the server's clock)");
    }
    problems.take(check_time_zone_offset(event.event_time_zone_offset, "event_time_zone_offset"));
    return ok();
}

Result<void> check_location(store::Tx& tx, FieldErrors& problems, const std::optional<std::string>& org, const std::string& field,
                            const RecordBatch* batch = nullptr) {
    if (!org) return ok();
    if (batch && batch->organisations.count(*org) != 0) return ok();
    KL_TRY_ASSIGN(std::optional<access::Organisation> found, access::find_organisation(tx, *org));
    if (!found) problems.add(field, ProblemCode::unknown_reference, "must be an organisation of the platform (its site)");
    return ok();
}

}  // namespace

// ---- lots ------------------------------------------------------------------------------------------

Result<std::string> TraceService::new_trace_code_in(store::Tx& tx) {
    for (int draw = 0; draw < trace_code_draws_max; ++draw) {
        std::string code = new_trace_code();
        KL_TRY_ASSIGN(bool used, trace_code_taken(tx, code));
        if (!used) return code;
    }
    return fail(ErrorCode::internal, "no free trace code after " + std::to_string(trace_code_draws_max) + " draws");
}

namespace {

Result<void> check_lot_fields(store::Tx& tx, const NewLot& input, FieldErrors& problems, Lot& lot, const Date& today) {
    KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> producer, catalog::find_profile(tx, input.producer_id));
    if (!producer || !catalog::is_producer_kind(producer->fields.kind)) {
        problems.add("producer_id", ProblemCode::wrong_kind, "must be a producing organisation");
    }
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, input.product_id));
    if (!product || product->producer_id != input.producer_id) {
        problems.add("product_id", ProblemCode::unknown_reference, "must be a product of the producer");
    } else {
        lot.quantity_unit = unit_for(*product);
        if (!input.grade.empty()) {
            KL_TRY_ASSIGN(catalog::SaleTerms terms, catalog::sale_terms(tx, input.product_id, input.grade, catalog::SalesChannel::wholesale));
            if (!terms.has_grade) problems.add("grade", ProblemCode::invalid_value, "must be a grade of the product's brand standard");
        }
    }
    problems.check_text("grade", input.grade, 0, grade_chars_max, TextKind::identifier);
    problems.check_text("lot_code", input.lot_code, 1, lot_code_chars_max, TextKind::identifier);
    if (input.quantity < 1 || input.quantity > lot_quantity_max) {
        problems.add("quantity", ProblemCode::out_of_range, "must be from 1 to " + std::to_string(lot_quantity_max));
    }
    if (input.unit == LotUnit::pallet && !input.sscc) problems.add("sscc", ProblemCode::required, "is required for a pallet");
    if (input.unit != LotUnit::pallet && input.sscc) problems.add("sscc", ProblemCode::invalid_value, "is given only for a pallet");
    if (input.sscc) problems.take(validate_sscc(*input.sscc, "sscc"));
    if (input.harvest_date && *input.harvest_date > today) problems.add("harvest_date", ProblemCode::out_of_range, "must not be in the future");
    if (input.pack_date && *input.pack_date > today) problems.add("pack_date", ProblemCode::out_of_range, "must not be in the future");
    if (input.harvest_date && input.pack_date && *input.pack_date < *input.harvest_date) {
        problems.add("pack_date", ProblemCode::before_other_field, "must not be before the harvest date");
    }
    return ok();
}

Result<void> check_suppliers(store::Tx& tx, const NewLot& input, FieldErrors& problems) {
    if (input.suppliers.size() > lot_suppliers_max) {
        problems.add("suppliers", ProblemCode::too_many, "may list at most " + std::to_string(lot_suppliers_max) + " suppliers");
        return ok();
    }
    KL_TRY_ASSIGN(std::vector<catalog::SupplyLink> links, catalog::supply_links_of(tx, input.producer_id));
    std::set<std::string> linked, seen;
    for (const auto& link : links) linked.insert(link.supplier_id);
    int64_t total = 0;
    for (size_t i = 0; i < input.suppliers.size(); ++i) {
        const auto& supplier = input.suppliers[i];
        const std::string field = "suppliers/" + std::to_string(i) + "/";
        if (linked.count(supplier.supplier_id) == 0) {
            problems.add(field + "supplier_id", ProblemCode::unknown_reference, "must be a supplier among the producer's supply links");
        } else if (!seen.insert(supplier.supplier_id).second) {
            problems.add(field + "supplier_id", ProblemCode::repeated, "is named twice");
        }
        if (supplier.quantity < 1 || supplier.quantity > lot_quantity_max) {
            problems.add(field + "quantity", ProblemCode::out_of_range, "must be from 1 to the lot's quantity");
        } else {
            total += supplier.quantity;
        }
    }
    if (total > input.quantity && input.quantity >= 1) {
        problems.add("suppliers", ProblemCode::above_max, "contribute more than the lot's quantity");
    }
    return ok();
}

// The lot as recorded from `input` (its id and trace code are drawn by the caller).
void fill_new_lot(const NewLot& input, int64_t now_ms, Lot& lot) {
    lot.producer_id = input.producer_id;
    lot.product_id = input.product_id;
    lot.grade = input.grade;
    lot.lot_code = input.lot_code;
    lot.unit = input.unit;
    lot.sscc = input.sscc;
    lot.quantity = lot.on_hand = input.quantity;
    lot.harvest_date = input.harvest_date;
    lot.pack_date = input.pack_date;
    lot.suppliers = input.suppliers;
    lot.created_at_ms = lot.updated_at_ms = now_ms;
}

}  // namespace

Result<Lot> TraceService::record_lot(const Actor& actor, const NewLot& input) {
    if (actor) {
        KL_TRY(access::require_writer(*actor));
        KL_TRY(access::require_role(*actor, {access::Role::admin, access::Role::producer}));
        if (actor->role == access::Role::producer && actor->org_id != input.producer_id) {
            return fail(ErrorCode::permission_denied, "a producer records lots only of its own organisation");
        }
    }
    auto written = store_.write([&](store::Tx& tx) -> Result<Lot> {
        FieldErrors problems;
        Lot lot;
        const int64_t now = clock_.now_ms();
        KL_TRY(check_lot_fields(tx, input, problems, lot, today_in_shanghai(clock_)));
        KL_TRY(check_suppliers(tx, input, problems));
        Event event;
        event.event_time_ms = input.event_time_ms.value_or(now);
        event.event_time_zone_offset = input.event_time_zone_offset;
        KL_TRY(check_event_time(problems, event, now));
        KL_TRY(check_location(tx, problems, input.biz_location, "biz_location"));
        KL_TRY(problems.finish());
        const std::string key = identifier_key(input.lot_code);
        KL_TRY_ASSIGN(std::optional<std::string> same_code, find_lot_by_code(tx, input.producer_id, key));
        if (same_code) {
            return fail(taken("lot_code", "is already a lot code of this producer (compared ignoring case, width, dash forms and "
                                          "invisible characters)"));
        }
        if (input.sscc) {
            KL_TRY_ASSIGN(std::optional<std::string> same_sscc, find_lot_by_sscc(tx, *input.sscc));
            if (same_sscc) return fail(taken("sscc", "is already another lot's SSCC"));
        }
        fill_new_lot(input, now, lot);
        lot.id = ids_.next();
        KL_TRY_ASSIGN(lot.trace_code, new_trace_code_in(tx));
        // The commissioning event: ObjectEvent ADD, bizStep commissioning, disposition active.
        event.type = EventType::object;
        event.action = Action::add;
        event.biz_step = BizStep::commissioning;
        event.disposition = Disposition::active;
        event.read_point = event.biz_location = input.biz_location.value_or(input.producer_id);
        event.quantities.push_back(QuantityElement{lot.id, lot_class_uri(lot.producer_id, key), lot.quantity, lot.quantity_unit, "", "", ""});
        event.id = ids_.next();
        event.event_id = event_hash(event);
        event.record_time_ms = now;
        event.recorded_by = access::user_id_of(actor);
        event.recorded_role = role_of(actor);
        lot.origin_event_id = event.event_id;
        KL_TRY(insert_lot(tx, lot, key, access::user_id_of(actor)));
        KL_TRY(insert_event(tx, event));
        KL_TRY(audit_change(audit_, tx, actor, "trace_lot.create", "trace_lot", lot.id,
                            audit::CanonicalJson()
                                .add("producer_id", lot.producer_id)
                                .add("product_id", lot.product_id)
                                .add("lot_code", lot.lot_code)
                                .add("quantity", lot.quantity)
                                .add("event_id", event.event_id)));
        KL_TRY_ASSIGN(std::optional<Lot> stored, find_lot(tx, lot.id));
        return std::move(*stored);
    });
    // Two writers racing with look-alike codes (or one SSCC) pass the checks above; the unique
    // indexes stop the second, answered as the check would have.
    if (!written && written.error().code == ErrorCode::already_exists && written.error().fields.empty()) {
        return fail(taken("lot_code", "is already a lot code of this producer (or, for a pallet, its SSCC is another lot's)"));
    }
    return written;
}

Result<Lot> TraceService::get_lot(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Lot> {
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, id));
        if (!lot) return fail(ErrorCode::not_found, "lot " + id + " not found");
        KL_TRY(require_lot_visible(tx, actor, id));
        return std::move(*lot);
    });
}

Result<LotPage> TraceService::list_lots(const Actor& actor, const LotFilter& filter, int limit, const std::optional<std::string>& cursor) {
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    return store_.read([&](store::Tx& tx) -> Result<LotPage> {
        store::SqlQuery query;
        KL_TRY_ASSIGN(std::string visible, lot_visibility_condition(tx, actor, query));
        KL_TRY_ASSIGN(std::vector<Lot> lots, select_lots(tx, filter, visible, query, after, store::page_rows_to_fetch(limit)));
        LotPage page;
        page.next_cursor = store::finish_page(lots, limit, [](const Lot& lot) { return lot.id; });
        page.lots = std::move(lots);
        return page;
    });
}

Result<EventPage> TraceService::lot_events(const Actor& actor, const std::string& lot_id, int limit,
                                           const std::optional<std::string>& cursor) {
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    return store_.read([&](store::Tx& tx) -> Result<EventPage> {
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, lot_id));
        if (!lot) return fail(ErrorCode::not_found, "lot " + lot_id + " not found");
        KL_TRY(require_lot_visible(tx, actor, lot_id));
        KL_TRY_ASSIGN(std::vector<Event> events, events_of_lot(tx, lot_id, after, store::page_rows_to_fetch(limit)));
        EventPage page;
        page.next_cursor = store::finish_page(events, limit, [](const Event& event) { return event_order_key(event); });
        page.events = std::move(events);
        return page;
    });
}

// ---- events ----------------------------------------------------------------------------------------

namespace {

struct ListRef {
    std::vector<QuantityElement>* list;
    std::string field;  // quantity_list, child_quantity_list, input_quantity_list
};

// The shape rules of each event type (before any lot is read).
void check_shape(const Event& event, FieldErrors& problems) {
    const bool transformation = event.type == EventType::transformation;
    if (transformation && event.action) problems.add("action", ProblemCode::invalid_value, "is not given for a TransformationEvent");
    if (!transformation && !event.action) problems.add("action", ProblemCode::required, "is required (ADD, OBSERVE or DELETE)");
    if (event.type == EventType::object) {
        if (event.quantities.empty()) problems.add("quantity_list", ProblemCode::required, "must name at least one lot");
        if (event.action == Action::add && event.biz_step == BizStep::commissioning) {
            problems.add("biz_step", ProblemCode::invalid_value, "commissioning records a new lot: POST /api/v1/lots");
        }
    }
    if (event.type == EventType::aggregation) {
        if (!event.parent_id && event.action != Action::add) problems.add("parent_id", ProblemCode::required, "is required (the pallet's SSCC)");
        if (event.action == Action::add && event.child_quantities.empty()) {
            problems.add("child_quantity_list", ProblemCode::required, "must name what is packed onto the pallet");
        }
    }
    if (event.type == EventType::transaction) {
        if (event.biz_transactions.empty()) problems.add("biz_transaction_list", ProblemCode::required, "must name the business transaction");
        if (event.quantities.empty() && !event.parent_id) problems.add("quantity_list", ProblemCode::required, "must name at least one lot");
    }
    if (transformation) {
        if (event.inputs.empty()) problems.add("input_quantity_list", ProblemCode::required, "must name the lots transformed");
        if (event.outputs.empty()) problems.add("output_quantity_list", ProblemCode::required, "must describe the lots made");
    } else if (!event.inputs.empty() || !event.outputs.empty() || event.loss_grams || event.process) {
        problems.add(event.inputs.empty() && event.outputs.empty() ? (event.loss_grams ? "loss_grams" : "process") : "input_quantity_list",
                     ProblemCode::invalid_value, "belongs to a TransformationEvent only");
    }
    if (event.type != EventType::aggregation && event.type != EventType::transaction && event.parent_id) {
        problems.add("parent_id", ProblemCode::invalid_value, "belongs to an AggregationEvent or a TransactionEvent only");
    }
    if (event.type != EventType::aggregation && !event.child_quantities.empty()) {
        problems.add("child_quantity_list", ProblemCode::invalid_value, "belongs to an AggregationEvent only");
    }
    if (event.parent_id) problems.take(validate_sscc(*event.parent_id, "parent_id"));
    if (event.loss_grams && (*event.loss_grams < 0 || *event.loss_grams > lot_quantity_max)) {
        problems.add("loss_grams", ProblemCode::out_of_range, "must be from 0 to " + std::to_string(lot_quantity_max));
    }
}

}  // namespace

Result<Recorded> TraceService::record_event(const Actor& actor, Event input) {
    KL_TRY(require_event_recorder(actor));
    return store_.write([&](store::Tx& tx) { return record_in(tx, actor, std::move(input)); });
}

namespace {

// Reads each element's lot (field problems for unknown lots and bad quantities), fills its class
// and unit, checks the actor may record on it; the lots by id.
const Lot* batched_lot(const RecordBatch* batch, const std::string& lot_id) {
    if (!batch) return nullptr;
    auto found = batch->lots.find(lot_id);
    return found == batch->lots.end() ? nullptr : &found->second;
}

Result<std::map<std::string, Lot>> read_lots(store::Tx& tx, const Actor& actor, Event& event, FieldErrors& problems,
                                             const RecordBatch* batch) {
    std::map<std::string, Lot> lots;
    std::vector<ListRef> lists = {{&event.quantities, "quantity_list"}, {&event.child_quantities, "child_quantity_list"},
                                  {&event.inputs, "input_quantity_list"}};
    for (auto& [list, name] : lists) {
        if (list->size() > event_quantities_max) {
            problems.add(name, ProblemCode::too_many, "may hold at most " + std::to_string(event_quantities_max) + " elements");
            continue;
        }
        std::set<std::string> seen;
        for (size_t j = 0; j < list->size(); ++j) {
            QuantityElement& element = (*list)[j];
            const std::string field = name + "/" + std::to_string(j) + "/";
            if (element.quantity < 1 || element.quantity > lot_quantity_max) {
                problems.add(field + "quantity", ProblemCode::out_of_range, "must be from 1 to " + std::to_string(lot_quantity_max));
            }
            std::optional<Lot> lot;
            if (const Lot* known = batched_lot(batch, element.lot_id)) {
                lot = *known;
            } else {
                KL_TRY_ASSIGN(lot, find_lot(tx, element.lot_id));
            }
            if (!lot) {
                problems.add(field + "lot_id", ProblemCode::unknown_reference, "is not a lot");
                continue;
            }
            if (!seen.insert(element.lot_id).second) problems.add(field + "lot_id", ProblemCode::repeated, "is named twice in this list");
            KL_TRY(require_may_record_on(tx, actor, event, *lot));
            element.unit = lot->quantity_unit;
            element.epc_class = lot_class_uri(lot->producer_id, identifier_key(lot->lot_code));
            element.lot_code = lot->lot_code;
            lots.emplace(lot->id, std::move(*lot));
        }
    }
    return lots;
}

// A transformation's outputs: new lots of the inputs' (one) producer; grams balanced with the loss.
Result<void> check_outputs(store::Tx& tx, const Actor& actor, Event& event, const std::map<std::string, Lot>& lots, FieldErrors& problems) {
    std::set<std::string> producers;
    int64_t inputs_g = 0;
    for (const auto& element : event.inputs) {
        auto lot = lots.find(element.lot_id);
        if (lot == lots.end()) continue;
        producers.insert(lot->second.producer_id);
        KL_TRY_ASSIGN(int64_t grams, grams_of(tx, lot->second, element.quantity));
        inputs_g += grams;
    }
    if (producers.size() > 1) problems.add("input_quantity_list", ProblemCode::invalid_value, "must be lots of one producer");
    if (producers.size() != 1) return ok();
    const std::string producer = *producers.begin();
    if (actor && actor->role == access::Role::producer && actor->org_id != producer) {
        return fail(ErrorCode::permission_denied, "a producer transforms only its own lots");
    }
    if (event.outputs.size() > event_quantities_max) {
        problems.add("output_quantity_list", ProblemCode::too_many, "may hold at most " + std::to_string(event_quantities_max) + " elements");
        return ok();
    }
    int64_t outputs_g = 0;
    std::set<std::string> codes;
    for (size_t j = 0; j < event.outputs.size(); ++j) {
        QuantityElement& output = event.outputs[j];
        const std::string field = "output_quantity_list/" + std::to_string(j) + "/";
        problems.check_text(field + "lot_code", output.lot_code, 1, lot_code_chars_max, TextKind::identifier);
        const std::string key = identifier_key(output.lot_code);
        KL_TRY_ASSIGN(std::optional<std::string> existing, find_lot_by_code(tx, producer, key));
        if (existing) problems.add(field + "lot_code", ProblemCode::duplicate, "is already a lot code of this producer");
        if (!codes.insert(key).second) problems.add(field + "lot_code", ProblemCode::repeated, "is named twice");
        KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, output.product_id));
        if (!product || product->producer_id != producer) {
            problems.add(field + "product_id", ProblemCode::unknown_reference, "must be a product of the inputs' producer");
            continue;
        }
        if (output.quantity < 1 || output.quantity > lot_quantity_max) {
            problems.add(field + "quantity", ProblemCode::out_of_range, "must be from 1 to " + std::to_string(lot_quantity_max));
            continue;
        }
        output.unit = unit_for(*product);
        output.epc_class = lot_class_uri(producer, key);
        outputs_g += output.unit == QuantityUnit::grams ? output.quantity : output.quantity * product->fields.unit.net_g;
    }
    if (!problems.empty()) return ok();
    const int64_t loss = event.loss_grams.value_or(0);
    if (outputs_g + loss > inputs_g) {
        problems.add("output_quantity_list", ProblemCode::above_max,
                     "weigh " + std::to_string(outputs_g) + " g" + (loss > 0 ? " plus a loss of " + std::to_string(loss) + " g" : "") +
                         ", more than the inputs' " + std::to_string(inputs_g) + " g");
    } else if (outputs_g + loss < inputs_g) {
        problems.add("loss_grams", ProblemCode::invalid_value,
                     "must state the loss: the inputs weigh " + std::to_string(inputs_g) + " g and the outputs " + std::to_string(outputs_g) +
                         " g, so loss_grams must be " + std::to_string(inputs_g - outputs_g));
    }
    return ok();
}

Result<void> check_biz_transactions(store::Tx& tx, const Actor& actor, const Event& event, FieldErrors& problems, RecordBatch* batch) {
    if (event.biz_transactions.size() > event_biz_transactions_max) {
        problems.add("biz_transaction_list", ProblemCode::too_many, "may hold at most " + std::to_string(event_biz_transactions_max));
        return ok();
    }
    for (size_t i = 0; i < event.biz_transactions.size(); ++i) {
        const auto& transaction = event.biz_transactions[i];
        const std::string field = "biz_transaction_list/" + std::to_string(i) + "/id";
        problems.check_text(field, transaction.id, 1, biz_transaction_id_chars_max, TextKind::identifier);
        if (transaction.type != BizTransactionType::po) continue;
        if (batch && batch->orders_seen.count(transaction.id) != 0) continue;
        KL_TRY_ASSIGN(std::optional<orders::Order> order, orders::find_order(tx, transaction.id, false));
        if (!order) {
            problems.add(field, ProblemCode::unknown_reference, "must be an order (type po)");
        } else if (!orders::require_visible(tx, actor, *order)) {
            problems.add(field, ProblemCode::outside_own_scope, "is an order outside your organisation's scope");
        } else if (batch) {
            batch->orders_seen.insert(transaction.id);
        }
    }
    return ok();
}

}  // namespace

namespace {
// A transformation's outputs named as the lots they will be (producer of the inputs, lot code key),
// so that the event's hash is known before anything is written.
Result<void> name_outputs(store::Tx& tx, Event& event, const std::map<std::string, Lot>& lots) {
    if (event.inputs.empty() || lots.count(event.inputs.front().lot_id) == 0) return ok();
    const std::string producer = lots.at(event.inputs.front().lot_id).producer_id;
    for (auto& output : event.outputs) {
        output.epc_class = lot_class_uri(producer, identifier_key(output.lot_code));
        KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, output.product_id));
        if (product) output.unit = unit_for(*product);
    }
    return ok();
}
}  // namespace

Result<Recorded> TraceService::record_in(store::Tx& tx, const Actor& actor, Event event, bool read_back, RecordBatch* batch) {
    KL_ASSERT(!batch || !read_back);  // a staged event is not in the tables yet
    const int64_t now = clock_.now_ms();
    FieldErrors problems;
    check_shape(event, problems);
    KL_TRY(check_event_time(problems, event, now));
    KL_TRY(check_location(tx, problems, event.read_point, "read_point", batch));
    KL_TRY(check_location(tx, problems, event.biz_location, "biz_location", batch));
    KL_TRY(problems.finish());
    KL_TRY_ASSIGN(auto lots, read_lots(tx, actor, event, problems, batch));
    KL_TRY(name_outputs(tx, event, lots));
    KL_TRY(problems.finish());
    const bool new_pallet = event.type == EventType::aggregation && !event.parent_id;
    if (!new_pallet) {
        // The same event again (its eventID is stored): nothing changes; the answer is the first one.
        event.event_id = event_hash(event);
        std::optional<std::string> stored_pk;
        if (!batch || batch->event_ids_not_stored.count(event.event_id) == 0) {
            KL_TRY_ASSIGN(stored_pk, find_event_pk(tx, event.event_id));
        }
        if (stored_pk) {
            KL_TRY_ASSIGN(std::optional<Event> stored, find_event(tx, *stored_pk));
            return Recorded{std::move(*stored), false};
        }
    }
    if (event.type == EventType::transformation) KL_TRY(check_outputs(tx, actor, event, lots, problems));
    KL_TRY(check_biz_transactions(tx, actor, event, problems, batch));
    if (new_pallet && options_.gs1_company_prefix.empty()) {
        problems.add("parent_id", ProblemCode::required, "is required: this platform has no GS1 company prefix to make an SSCC from");
    }
    KL_TRY(problems.finish());
    if (new_pallet) {
        KL_TRY_ASSIGN(int64_t serial, next_sscc_serial(tx, options_.gs1_company_prefix));
        KL_TRY_ASSIGN(event.parent_id, make_sscc(options_.sscc_extension_digit, options_.gs1_company_prefix, serial));
        event.event_id = event_hash(event);
    }
    event.id = ids_.next();
    event.record_time_ms = now;
    event.recorded_by = access::user_id_of(actor);
    event.recorded_role = role_of(actor);
    KL_TRY(apply_effects(tx, event, actor));
    const audit::CanonicalJson audited =
        audit::CanonicalJson().add("event_id", event.event_id).add("type", std::string(to_string(event.type)));
    if (batch) {
        stage_event(batch->rows, event);
        batch->audit.push_back(audit::AuditEvent{access::actor_name(actor), "trace_event.create", "trace_event", event.id, audited.str()});
        return Recorded{std::move(event), true};
    }
    KL_TRY(insert_event(tx, event));
    KL_TRY(audit_change(audit_, tx, actor, "trace_event.create", "trace_event", event.id, audited));
    if (!read_back) return Recorded{std::move(event), true};
    KL_TRY_ASSIGN(std::optional<Event> stored, find_event(tx, event.id));
    return Recorded{std::move(*stored), true};
}

namespace {

// Why `quantity` could not be taken out of the lot: more than it holds, or more than it holds off
// pallets. Goods packed on a pallet move with the pallet (README "Traceability" → "Pallets and
// stock"): they are unpacked first.
Result<std::string> stock_refusal(store::Tx& tx, const std::string& lot_id, int64_t quantity) {
    KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, lot_id));
    KL_TRY_ASSIGN(std::vector<PalletShare> pallets, pallets_of_lot(tx, lot_id));
    const std::string unit = lot->quantity_unit == QuantityUnit::grams ? " g" : " units";
    if (pallets.empty() || quantity > lot->on_hand) return "is more than the lot holds (" + std::to_string(lot->on_hand) + unit + " on hand)";
    int64_t packed = 0;
    std::string named;
    for (const auto& pallet : pallets) {
        packed += pallet.quantity;
        named += (named.empty() ? "" : ", ") + pallet.sscc + " (" + std::to_string(pallet.quantity) + unit + ")";
    }
    return "is more than the lot holds off pallets (" + std::to_string(lot->on_hand - packed) + unit + " of its " +
           std::to_string(lot->on_hand) + unit + " on hand): the rest is packed on pallet " + named +
           ", and a pallet's goods move with it: unpack them first (AggregationEvent DELETE)";
}

Result<void> take_all(store::Tx& tx, const std::vector<QuantityElement>& list, const std::string& name, int64_t now) {
    FieldErrors problems;
    for (size_t j = 0; j < list.size(); ++j) {
        KL_TRY_ASSIGN(bool taken_out, take_from_lot(tx, list[j].lot_id, list[j].quantity, now));
        if (!taken_out) {
            KL_TRY_ASSIGN(std::string why, stock_refusal(tx, list[j].lot_id, list[j].quantity));
            problems.add(name + "/" + std::to_string(j) + "/quantity", ProblemCode::above_max, why);
        }
    }
    return problems.finish();
}

}  // namespace

// What an event does to stock: DELETE takes out of lots, a transformation takes its inputs and makes
// its outputs (new lots), packing and unpacking move lots onto and off a pallet.
Result<void> TraceService::apply_effects(store::Tx& tx, Event& event, const Actor& actor) {
    const int64_t now = event.record_time_ms;
    if (event.type == EventType::object && event.action == Action::remove) return take_all(tx, event.quantities, "quantity_list", now);
    if (event.type == EventType::transformation) {
        KL_TRY(take_all(tx, event.inputs, "input_quantity_list", now));
        KL_TRY_ASSIGN(std::optional<Lot> first_input, find_lot(tx, event.inputs.front().lot_id));
        for (auto& output : event.outputs) {
            Lot lot;
            lot.id = ids_.next();
            lot.producer_id = first_input->producer_id;
            lot.product_id = output.product_id;
            lot.grade = output.grade;
            lot.lot_code = output.lot_code;
            lot.quantity_unit = output.unit;
            lot.quantity = lot.on_hand = output.quantity;
            lot.harvest_date = first_input->harvest_date;
            lot.pack_date = shanghai_date(event.event_time_ms);
            lot.created_at_ms = lot.updated_at_ms = now;
            lot.origin_event_id = event.event_id;
            KL_TRY_ASSIGN(lot.trace_code, new_trace_code_in(tx));
            KL_TRY(insert_lot(tx, lot, identifier_key(lot.lot_code), access::user_id_of(actor)));
            output.lot_id = lot.id;
        }
        return ok();
    }
    if (event.type != EventType::aggregation) return ok();
    FieldErrors problems;
    std::vector<QuantityElement> children = event.child_quantities;
    if (event.action == Action::remove && children.empty()) {
        // Unpacking a whole pallet (childQuantityList omitted, as EPCIS allows): everything on it
        // comes off. The event is stored as sent.
        KL_TRY_ASSIGN(std::vector<PalletItem> items, pallet_contents(tx, *event.parent_id));
        for (const auto& item : items) {
            QuantityElement element;
            element.lot_id = item.lot_id;
            element.quantity = item.quantity;
            children.push_back(std::move(element));
        }
    }
    for (size_t j = 0; j < children.size(); ++j) {
        const std::string field = "child_quantity_list/" + std::to_string(j) + "/quantity";
        if (event.action == Action::add) {
            KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, children[j].lot_id));
            KL_TRY_ASSIGN(int64_t packed, lot_on_pallets(tx, children[j].lot_id));
            if (children[j].quantity > lot->on_hand - packed) {
                problems.add(field, ProblemCode::above_max, "is more than the lot holds off pallets now (" + std::to_string(lot->on_hand - packed) + ")");
            } else {
                KL_TRY(put_on_pallet(tx, *event.parent_id, children[j].lot_id, children[j].quantity));
            }
        } else if (event.action == Action::remove) {
            KL_TRY_ASSIGN(bool off, take_off_pallet(tx, *event.parent_id, children[j].lot_id, children[j].quantity));
            if (!off) problems.add(field, ProblemCode::above_max, "is more than the pallet holds of this lot");
        }
    }
    return problems.finish();
}

Result<void> TraceService::flush_batch(store::Tx& tx, RecordBatch& batch) {
    KL_TRY(flush_event_rows(tx, batch.rows));
    if (!batch.audit.empty()) {
        KL_TRY(audit_.append_many(tx, batch.audit));
    }
    batch.audit.clear();
    return ok();
}

Result<Event> TraceService::declare_error(const Actor& actor, const ErrorDeclarationInput& input) {
    KL_TRY(require_event_recorder(actor));
    return store_.write([&](store::Tx& tx) { return declare_error_in(tx, actor, input); });
}

Result<Event> TraceService::declare_error_in(store::Tx& tx, const Actor& actor, const ErrorDeclarationInput& input) {
    const int64_t now = clock_.now_ms();
    FieldErrors problems;
    KL_TRY_ASSIGN(std::optional<std::string> pk, find_event_pk(tx, input.event_id));
    if (!pk) return fail_field("error_declaration/event_id", ProblemCode::unknown_reference, "is not a stored event");
    if (input.corrective_event_ids.size() > corrective_event_ids_max) {
        problems.add("error_declaration/corrective_event_ids", ProblemCode::too_many, "may hold at most " + std::to_string(corrective_event_ids_max));
    }
    for (size_t i = 0; i < input.corrective_event_ids.size() && i < corrective_event_ids_max; ++i) {
        KL_TRY_ASSIGN(std::optional<std::string> corrective, find_event_pk(tx, input.corrective_event_ids[i]));
        if (!corrective) {
            problems.add("error_declaration/corrective_event_ids/" + std::to_string(i), ProblemCode::unknown_reference, "is not a stored event");
        }
    }
    const int64_t declared_at = input.declaration_time_ms.value_or(now);
    if (declared_at > now + event_time_future_tolerance_ms) {
        problems.add("error_declaration/declaration_time", ProblemCode::out_of_range, "is in the future");
    }
    KL_TRY(problems.finish());
    KL_TRY_ASSIGN(std::optional<Event> event, find_event(tx, *pk));
    // Whoever may record on every lot of the event may declare it wrong.
    KL_TRY_ASSIGN(std::vector<std::string> lot_ids, lots_of_event(tx, *pk));
    for (const auto& lot_id : lot_ids) {
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, lot_id));
        KL_TRY(require_may_record_on(tx, actor, *event, *lot));
    }
    KL_TRY_ASSIGN(bool already, event_declared(tx, *pk));
    if (already) return fail(ErrorCode::conflict, ProblemCode::wrong_state, "this event has been declared wrong already");
    ErrorDeclaration declaration{declared_at, input.reason, input.corrective_event_ids, now};
    const std::string declaration_id = ids_.next();
    KL_TRY(insert_error_declaration(tx, declaration_id, *pk, declaration, access::user_id_of(actor)));
    KL_TRY(audit_change(audit_, tx, actor, "trace_event.declare_error", "trace_error_declaration", declaration_id,
                        audit::CanonicalJson()
                            .add("event_id", input.event_id)
                            .add("reason", std::string(to_string(input.reason)))
                            .add("corrective_event_ids", input.corrective_event_ids)));
    KL_TRY_ASSIGN(event, find_event(tx, *pk));
    return std::move(*event);
}

// ---- the order lifecycle's port ---------------------------------------------------------------------

namespace {

// The lots of one named line checked and taken; rows for trace_shipments; per-lot totals for the event.
Result<void> ship_line(store::Tx& tx, const orders::Order& order, const orders::LineLots& named, const std::string& path,
                       int64_t now, FieldErrors& problems, std::vector<ShipmentRow>& rows, std::map<std::string, int64_t>& per_lot) {
    const orders::OrderLine& line = order.lines[static_cast<size_t>(named.line_no - 1)];
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, line.product_id));
    int64_t total = 0;
    std::set<std::string> seen;
    for (size_t j = 0; j < named.lots.size(); ++j) {
        const orders::LotShare& share = named.lots[j];
        const std::string field = path + "lots/" + std::to_string(j) + "/";
        total += share.quantity;
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, share.lot_id));
        if (!lot || lot->producer_id != order.seller_id) {
            problems.add(field + "lot_id", ProblemCode::unknown_reference, "must be a lot of the seller");
            continue;
        }
        if (lot->product_id != line.product_id) {
            problems.add(field + "lot_id", ProblemCode::invalid_value, "is a lot of another product than the line's");
            continue;
        }
        if (!lot->grade.empty() && lot->grade != line.grade) {
            problems.add(field + "lot_id", ProblemCode::invalid_value, "is grade " + lot->grade + ", the line grade " + line.grade);
            continue;
        }
        if (!seen.insert(share.lot_id).second) {
            problems.add(field + "lot_id", ProblemCode::repeated, "is named twice for this line");
            continue;
        }
        const int64_t lot_quantity = lot->quantity_unit == QuantityUnit::grams ? share.quantity * product->fields.unit.net_g : share.quantity;
        KL_TRY_ASSIGN(bool taken_out, take_from_lot(tx, lot->id, lot_quantity, now));
        if (!taken_out) {
            KL_TRY_ASSIGN(std::string why, stock_refusal(tx, lot->id, lot_quantity));
            problems.add(field + "quantity", ProblemCode::above_max, why);
            continue;
        }
        rows.push_back(ShipmentRow{named.line_no, lot->id, share.quantity, lot_quantity});
        per_lot[lot->id] += lot_quantity;
    }
    if (total != line.quantity) {
        problems.add(path + "lots", ProblemCode::invalid_value,
                     "add up to " + std::to_string(total) + " units of sale, the line has " + std::to_string(line.quantity));
    }
    return ok();
}

}  // namespace

Result<Event> TraceService::store_platform_event(store::Tx& tx, Event event, const Actor& actor) {
    for (auto& element : event.quantities) {
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, element.lot_id));
        element.unit = lot->quantity_unit;
        element.epc_class = lot_class_uri(lot->producer_id, identifier_key(lot->lot_code));
    }
    event.id = ids_.next();
    event.event_id = event_hash(event);
    event.record_time_ms = event.event_time_ms;
    event.recorded_by = access::user_id_of(actor);
    event.recorded_role = role_of(actor);
    KL_TRY(insert_event(tx, event));
    return event;
}

Result<void> TraceService::order_shipped(store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& lines,
                                         const Actor& actor, int64_t now_ms) {
    FieldErrors problems;
    std::vector<ShipmentRow> rows;
    std::map<std::string, int64_t> per_lot;
    std::set<int64_t> named;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string path = "lines/" + std::to_string(i) + "/";
        const int64_t line_no = lines[i].line_no;
        if (line_no < 1 || line_no > static_cast<int64_t>(order.lines.size())) {
            problems.add(path + "line_no", ProblemCode::unknown_reference, "is not a line of this order");
        } else if (!named.insert(line_no).second) {
            problems.add(path + "line_no", ProblemCode::repeated, "is named twice");
        } else {
            KL_TRY(ship_line(tx, order, lines[i], path, now_ms, problems, rows, per_lot));
        }
    }
    for (const auto& line : order.lines) {
        if (named.count(line.line_no) != 0) continue;
        KL_TRY_ASSIGN(bool has_lots, producer_has_lots_of(tx, order.seller_id, line.product_id));
        if (has_lots) {
            problems.add("lines", ProblemCode::required,
                         "line " + std::to_string(line.line_no) + " (" + line.product_name + ") must name the lots that fill it: its seller records lots of this product");
        } else {
            rows.push_back(ShipmentRow{line.line_no, std::nullopt, line.quantity, line.quantity});  // shipped without lots
        }
    }
    KL_TRY(problems.finish());
    KL_TRY(insert_shipment_rows(tx, order.id, rows));
    Event event;
    event.type = EventType::object;
    event.action = Action::observe;
    event.biz_step = BizStep::shipping;
    event.disposition = Disposition::in_transit;
    event.event_time_ms = now_ms;
    event.read_point = order.seller_id;
    event.biz_transactions.push_back(BizTransaction{BizTransactionType::po, order.id});
    for (const auto& [lot_id, quantity] : per_lot) event.quantities.push_back(QuantityElement{lot_id, "", quantity, QuantityUnit::grams, "", "", ""});
    if (event.quantities.empty()) return ok();  // nothing traced: trace_shipments says "without lots"
    KL_TRY(store_platform_event(tx, std::move(event), actor));
    return ok();
}

Result<void> TraceService::order_received(store::Tx& tx, const orders::Order& order, orders::OrderAction action, const Actor& actor,
                                          int64_t now_ms) {
    KL_TRY_ASSIGN(std::vector<ShipmentRow> rows, shipment_rows(tx, order.id));
    std::map<std::string, int64_t> per_lot;
    for (const auto& row : rows) {
        if (row.lot_id) per_lot[*row.lot_id] += row.lot_quantity;
    }
    if (per_lot.empty()) return ok();  // shipped without lots (or before lots were recorded)
    Event event;
    event.type = EventType::object;
    event.action = Action::observe;
    const bool delivered = action == orders::OrderAction::deliver;
    event.biz_step = delivered ? BizStep::receiving : BizStep::accepting;
    event.disposition = delivered ? Disposition::in_progress : Disposition::active;
    event.event_time_ms = now_ms;
    event.read_point = event.biz_location = order.buyer_id;
    event.biz_transactions.push_back(BizTransaction{BizTransactionType::po, order.id});
    for (const auto& [lot_id, quantity] : per_lot) event.quantities.push_back(QuantityElement{lot_id, "", quantity, QuantityUnit::grams, "", "", ""});
    KL_TRY(store_platform_event(tx, std::move(event), actor));
    return ok();
}

orders::ShipmentLots shipment_lots_port(TraceService& trace) {
    orders::ShipmentLots port;
    port.shipped = [&trace](store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& lines, const orders::Actor& actor,
                            int64_t now_ms) { return trace.order_shipped(tx, order, lines, actor, now_ms); };
    port.received = [&trace](store::Tx& tx, const orders::Order& order, orders::OrderAction action, const orders::Actor& actor,
                             int64_t now_ms) { return trace.order_received(tx, order, action, actor, now_ms); };
    return port;
}

}  // namespace kl::trace
