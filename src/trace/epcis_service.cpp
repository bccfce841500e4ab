#include "trace/epcis_service.h"

#include <map>
#include <set>

#include "access/page_cursor.h"
#include "core/field_errors.h"
#include "core/identifier.h"
#include "core/percent_encoding.h"
#include "store/page.h"
#include "trace/epcis_repo.h"
#include "trace/event_hash.h"
#include "trace/sscc.h"
#include "trace/trace_repo.h"

namespace kl::trace {

// ---- URIs ------------------------------------------------------------------------------------------

namespace {

bool decimal_digits_only(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<LotClass> parse_lot_class_uri(std::string_view uri) {
    constexpr std::string_view prefix = "urn:kashlink:lot:";
    if (!uri.starts_with(prefix)) return std::nullopt;
    const std::string_view rest = uri.substr(prefix.size());
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return std::nullopt;
    auto code = percent_decode(rest.substr(colon + 1), false);
    if (!code) return std::nullopt;
    return LotClass{std::string(rest.substr(0, colon)), identifier_key(*code)};
}

std::optional<std::string> parse_sscc_uri(std::string_view uri) {
    constexpr std::string_view link = "https://id.gs1.org/00/";
    constexpr std::string_view urn = "urn:epc:id:sscc:";
    if (uri.starts_with(link)) return std::string(uri.substr(link.size()));
    if (!uri.starts_with(urn)) return std::nullopt;
    // urn:epc:id:sscc:<company prefix>.<extension digit><serial reference> (EPC Tag Data Standard)
    const std::string_view rest = uri.substr(urn.size());
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string_view prefix = rest.substr(0, dot), serial = rest.substr(dot + 1);
    if (!decimal_digits_only(prefix) || !decimal_digits_only(serial) || prefix.size() + serial.size() != sscc_digits - 1) return std::nullopt;
    const std::string first_17 = std::string(serial.substr(0, 1)) + std::string(prefix) + std::string(serial.substr(1));
    return first_17 + std::to_string(sscc_check_digit(first_17));
}

std::optional<std::string> biz_transaction_id(BizTransactionType type, std::string_view uri) {
    const std::string prefix = type == BizTransactionType::po ? "urn:kashlink:order:" : "urn:kashlink:" + std::string(to_string(type)) + ":";
    if (!uri.starts_with(prefix) || uri.size() == prefix.size()) return std::nullopt;
    auto id = percent_decode(uri.substr(prefix.size()), false);
    if (!id || id->empty()) return std::nullopt;
    return id;
}

std::optional<std::string> parse_location_uri(std::string_view uri) {
    constexpr std::string_view prefix = "urn:kashlink:loc:";
    if (!uri.starts_with(prefix) || uri.size() == prefix.size()) return std::nullopt;
    return std::string(uri.substr(prefix.size()));
}

// ---- capture ---------------------------------------------------------------------------------------

namespace {

// The EPCIS name of each of TraceService's field names (its paths use our API's snake_case).
std::string epcis_field_segment(const std::string& segment) {
    static const std::map<std::string, std::string> names = {
        {"quantity_list", "quantityList"},
        {"child_quantity_list", "childQuantityList"},
        {"input_quantity_list", "inputQuantityList"},
        {"output_quantity_list", "outputQuantityList"},
        {"biz_transaction_list", "bizTransactionList"},
        {"biz_step", "bizStep"},
        {"biz_location", "bizLocation"},
        {"read_point", "readPoint"},
        {"event_time", "eventTime"},
        {"event_time_zone_offset", "eventTimeZoneOffset"},
        {"parent_id", "parentID"},
        {"transformation_id", "transformationID"},
        {"loss_grams", "kashlink:lossGrams"},
        {"process", "kashlink:process"},
        {"lot_id", "epcClass"},
        {"lot_code", "epcClass"},
        {"product_id", "kashlink:product"},
        {"id", "bizTransaction"},
        {"error_declaration", "errorDeclaration"},
        {"event_id", "eventID"},
        {"declaration_time", "declarationTime"},
        {"corrective_event_ids", "correctiveEventIDs"}};
    auto found = names.find(segment);
    return found == names.end() ? segment : found->second;
}

std::string epcis_path(const std::string& prefix, const std::string& field) {
    std::string out = prefix;
    size_t from = 0;
    while (from <= field.size()) {
        const size_t slash = field.find('/', from);
        const std::string segment = field.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
        out += epcis_field_segment(segment);
        if (slash == std::string::npos) break;
        out += '/';
        from = slash + 1;
    }
    return out;
}

// Keeps an error's field problems under the event's path; false when the error names no field (a
// refusal of the whole request: permission, conflict, storage).
bool take_epcis_fields(FieldErrors& problems, const std::string& prefix, const Error& error) {
    if (error.fields.empty()) return false;
    for (const auto& field : error.fields) problems.add(epcis_path(prefix, field.field), field.code, field.message, field.params);
    return true;
}

struct EpcisListRef {
    std::vector<QuantityElement>* list;
    std::string name;
};

// Each quantity element's lot looked up by its epcClass (and its uom checked against the lot's unit).
using LotRefCache = std::map<std::string, LotRef>;

Result<void> resolve_epcis_lots(store::Tx& tx, Event& event, const std::string& prefix, FieldErrors& problems, LotRefCache& cache) {
    const std::vector<EpcisListRef> lists = {{&event.quantities, "quantityList"}, {&event.child_quantities, "childQuantityList"},
                                        {&event.inputs, "inputQuantityList"}};
    for (const auto& [list, name] : lists) {
        for (size_t j = 0; j < list->size(); ++j) {
            QuantityElement& element = (*list)[j];
            const std::string field = prefix + name + "/" + std::to_string(j) + "/";
            const auto lot_class = parse_lot_class_uri(element.epc_class);
            KL_ASSERT(lot_class);  // the codec admits nothing else
            // A document names the same few lots over and over: each is looked up once.
            // (Only found lots are kept: a transformation earlier in the document may make one.)
            std::optional<LotRef> lot;
            if (auto cached = cache.find(element.epc_class); cached != cache.end()) {
                lot = cached->second;
            } else {
                KL_TRY_ASSIGN(lot, find_lot_ref(tx, lot_class->producer_id, lot_class->lot_code_key));
                if (lot) cache.emplace(element.epc_class, *lot);
            }
            if (!lot) {
                problems.add(field + "epcClass", ProblemCode::unknown_reference, "is not a lot of this platform");
                continue;
            }
            element.lot_id = lot->id;
            if (lot->unit != element.unit) {
                problems.add(field + "uom", ProblemCode::invalid_value,
                             lot->unit == QuantityUnit::grams ? "must be GRM: the lot counts grams"
                                                              : "must be left out: the lot counts units of sale");
            }
        }
    }
    for (size_t j = 0; j < event.outputs.size(); ++j) {
        const auto lot_class = parse_lot_class_uri(event.outputs[j].epc_class);
        KL_ASSERT(lot_class);
        if (!event.inputs.empty() && !event.inputs.front().lot_id.empty()) {
            const auto input_class = parse_lot_class_uri(event.inputs.front().epc_class);
            if (input_class->producer_id != lot_class->producer_id) {
                problems.add(prefix + "outputQuantityList/" + std::to_string(j) + "/epcClass", ProblemCode::invalid_value,
                             "must be a lot of the inputs' producer");
            }
        }
    }
    return ok();
}

}  // namespace

namespace {

// What a document names, read in a few statements before its events are checked one by one
// (RecordBatch, trace_service.h): its lots by class, the lots' rows, its locations, and which of
// its eventIDs are stored already. A lot a transformation of the document makes is looked up when
// an event names it.
struct CapturePrefetch {
    LotRefCache lots;
    std::set<std::string> hashed;  // eventIDs computed here (events that are not new pallets)
    std::set<std::string> stored;  // … of which stored before the document
};

Result<void> prefetch_capture(store::Tx& tx, const std::vector<CaptureEvent>& events, CapturePrefetch& prefetch, RecordBatch& batch) {
    std::set<LotKey> keys;
    std::map<LotKey, std::string> class_of;
    std::set<std::string> locations;
    for (const auto& item : events) {
        for (const auto* list : {&item.event.quantities, &item.event.child_quantities, &item.event.inputs}) {
            for (const auto& element : *list) {
                const auto lot_class = parse_lot_class_uri(element.epc_class);
                if (!lot_class) continue;
                LotKey key{lot_class->producer_id, lot_class->lot_code_key};
                class_of.emplace(key, element.epc_class);
                keys.insert(std::move(key));
            }
        }
        for (const auto* location : {&item.event.read_point, &item.event.biz_location}) {
            if (*location) locations.insert(**location);
        }
        if (!(item.event.type == EventType::aggregation && !item.event.parent_id)) prefetch.hashed.insert(event_hash(item.event));
    }
    KL_TRY_ASSIGN(auto refs, find_lot_refs(tx, keys));
    std::vector<std::string> lot_ids;
    for (auto& [key, ref] : refs) {
        lot_ids.push_back(ref.id);
        prefetch.lots.emplace(class_of.at(key), std::move(ref));
    }
    KL_TRY_ASSIGN(std::vector<Lot> lots, find_lots(tx, lot_ids));
    for (auto& lot : lots) batch.lots.emplace(lot.id, std::move(lot));
    KL_TRY_ASSIGN(batch.organisations, existing_organisations(tx, std::vector<std::string>(locations.begin(), locations.end())));
    KL_TRY_ASSIGN(prefetch.stored, stored_event_ids(tx, std::vector<std::string>(prefetch.hashed.begin(), prefetch.hashed.end())));
    for (const auto& hash : prefetch.hashed) {
        if (prefetch.stored.count(hash) == 0) batch.event_ids_not_stored.insert(hash);
    }
    return ok();
}

// Whether recording the event writes anything but its own rows (stock taken, lots made, pallets
// packed or unpacked, an SSCC drawn): such an event is recorded under its own savepoint, so that a
// refusal leaves nothing behind while the rest of the document is checked.
bool writes_beyond_its_rows(const Event& event) {
    return (event.type == EventType::object && event.action == Action::remove) || event.type == EventType::transformation ||
           event.type == EventType::aggregation;
}

}  // namespace

Result<CaptureOutcome> EpcisService::capture(const Actor& actor, std::vector<CaptureEvent> events) {
    KL_TRY(require_event_recorder(actor));
    if (events.size() > epcis_capture_events_max) {
        return fail_field("epcisBody/eventList", ProblemCode::too_many,
                          "may hold at most " + std::to_string(epcis_capture_events_max) + " events");
    }
    return store_.write([&](store::Tx& tx) -> Result<CaptureOutcome> {
        CaptureOutcome outcome;
        FieldErrors problems;
        CapturePrefetch prefetch;
        RecordBatch batch;
        KL_TRY(prefetch_capture(tx, events, prefetch, batch));
        std::set<std::string> recorded_here;  // eventIDs staged by this document
        for (size_t i = 0; i < events.size(); ++i) {
            CaptureEvent& item = events[i];
            const std::string prefix = "epcisBody/eventList/" + std::to_string(i) + "/";
            const size_t problems_before = problems.errors().size();
            KL_TRY(resolve_epcis_lots(tx, item.event, prefix, problems, prefetch.lots));
            if (problems.errors().size() != problems_before) continue;
            // A new pallet (packing without a parentID) gets its SSCC, hence its eventID, when recorded.
            const bool new_pallet = item.event.type == EventType::aggregation && !item.event.parent_id;
            bool stored = false;
            std::string hash;
            if (!new_pallet) {
                hash = event_hash(item.event);
                if (item.sent_event_id && *item.sent_event_id != hash) {
                    problems.add(prefix + "eventID", ProblemCode::invalid_value,
                                 "must be the event's CBV 2.0 hash " + hash + " (or be left out)");
                    continue;
                }
                if (item.declaration) {
                    // A declaration reads the stored event: what the document recorded so far is written first.
                    KL_TRY(trace_.flush_batch(tx, batch));
                    KL_TRY_ASSIGN(std::optional<std::string> stored_pk, find_event_pk(tx, hash));
                    item.event.event_id = hash;
                    if (!stored_pk) {
                        problems.add(prefix + "errorDeclaration", ProblemCode::unknown_reference,
                                     "declares wrong an event that is not stored (the event must be repeated as it was captured)");
                        continue;
                    }
                    KL_TRY_ASSIGN(bool declared, event_declared(tx, *stored_pk));
                    if (declared) {
                        ++outcome.already_present;
                    } else {
                        ErrorDeclarationInput input{hash, item.declaration->declaration_time_ms, item.declaration->reason,
                                                    item.declaration->corrective_event_ids};
                        // Its own savepoint: a refused declaration leaves nothing behind while the rest is checked.
                        auto done = store_.write([&](store::Tx& inner) { return trace_.declare_error_in(inner, actor, input); });
                        if (!done) {
                            if (!take_epcis_fields(problems, prefix, done.error())) return fail(done.error());
                            continue;
                        }
                        ++outcome.declared;
                    }
                    outcome.event_ids.push_back(hash);
                    continue;
                }
                if (recorded_here.count(hash) != 0 || prefetch.stored.count(hash) != 0) {
                    stored = true;
                } else if (prefetch.hashed.count(hash) == 0) {
                    KL_TRY_ASSIGN(std::optional<std::string> stored_pk, find_event_pk(tx, hash));
                    stored = stored_pk.has_value();
                }
            } else if (item.declaration) {
                problems.add(prefix + "errorDeclaration", ProblemCode::unknown_reference,
                             "declares wrong an event that is not stored (the event must be repeated as it was captured)");
                continue;
            }
            if (stored) {
                ++outcome.already_present;
                outcome.event_ids.push_back(hash);
                continue;
            }
            auto record = [&](store::Tx& on) { return trace_.record_event_in(on, actor, item.event, false, &batch); };
            auto recorded = writes_beyond_its_rows(item.event) ? store_.write(record) : record(tx);
            if (!recorded) {
                if (!take_epcis_fields(problems, prefix, recorded.error())) return fail(recorded.error());
                continue;
            }
            if (!hash.empty() && recorded->event.event_id != hash) {
                // Only a transformation's outputs can differ: their unit is their product's, not the uom sent.
                problems.add(prefix + "outputQuantityList", ProblemCode::invalid_value,
                             "must give each new lot's uom as its product counts it: GRM for products sold by weight, none for "
                             "boxes and pieces");
                continue;
            }
            recorded_here.insert(recorded->event.event_id);
            ++(recorded->created ? outcome.captured : outcome.already_present);
            outcome.event_ids.push_back(recorded->event.event_id);
        }
        KL_TRY(problems.finish());
        KL_TRY(trace_.flush_batch(tx, batch));
        return outcome;
    });
}

// ---- query -----------------------------------------------------------------------------------------

namespace {

// MATCH_epc / MATCH_anyEPC values resolved: lots named by class, pallet lots and parents by SSCC.
Result<void> resolve_match_epcs(store::Tx& tx, const std::vector<std::string>& uris, std::vector<std::string>& lots,
                          std::vector<std::string>* parents) {
    for (const auto& uri : uris) {
        if (auto lot_class = parse_lot_class_uri(uri)) {
            KL_TRY_ASSIGN(std::optional<LotRef> lot, find_lot_ref(tx, lot_class->producer_id, lot_class->lot_code_key));
            if (lot) lots.push_back(lot->id);
        } else if (auto sscc = parse_sscc_uri(uri)) {
            KL_TRY_ASSIGN(std::optional<std::string> pallet_lot, find_lot_by_sscc(tx, *sscc));
            if (pallet_lot) lots.push_back(*pallet_lot);
            if (parents) parents->push_back(*sscc);
        }
    }
    return ok();
}

template <typename E>
std::vector<std::string> epcis_names_of(const std::vector<E>& values) {
    std::vector<std::string> names;
    for (const auto value : values) names.emplace_back(to_string(value));
    return names;
}

}  // namespace

Result<EventQueryPage> EpcisService::query(const Actor& actor, const EventQuery& query, int limit,
                                           const std::optional<std::string>& cursor) {
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    return store_.read([&](store::Tx& tx) -> Result<EventQueryPage> {
        ResolvedEventQuery resolved;
        resolved.types = epcis_names_of(query.event_types);
        resolved.biz_steps = epcis_names_of(query.biz_steps);
        resolved.dispositions = epcis_names_of(query.dispositions);
        for (const auto& uri : query.biz_locations) resolved.biz_locations.push_back(parse_location_uri(uri).value_or(uri));
        resolved.ge_event_time_ms = query.ge_event_time_ms;
        resolved.lt_event_time_ms = query.lt_event_time_ms;
        if (!query.match_epc.empty()) {
            resolved.epc_lots.emplace();
            KL_TRY(resolve_match_epcs(tx, query.match_epc, *resolved.epc_lots, nullptr));
        }
        if (!query.match_any_epc.empty()) {
            resolved.any_epc_lots.emplace();
            KL_TRY(resolve_match_epcs(tx, query.match_any_epc, *resolved.any_epc_lots, &resolved.any_epc_parents));
        }
        for (const auto& transactions : query.biz_transactions) {
            resolved.biz_transactions.push_back({std::string(to_string(transactions.type)), transactions.uris});
        }
        store::SqlQuery sql;
        KL_TRY_ASSIGN(std::string visible, lot_visibility_condition(tx, actor, sql));
        KL_TRY_ASSIGN(std::vector<EventPk> pks, select_event_pks(tx, resolved, visible, sql, after, store::page_rows_to_fetch(limit)));
        EventQueryPage page;
        page.next_cursor = store::finish_page(pks, limit, [](const EventPk& pk) { return pk.order_key; });
        for (const auto& pk : pks) {
            KL_TRY_ASSIGN(std::optional<Event> event, find_event(tx, pk.pk));
            page.events.push_back(std::move(*event));
        }
        return page;
    });
}

}  // namespace kl::trace
