#include "http/routes/trace_json.h"

#include <nlohmann/json.hpp>

#include "core/field_errors.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "trace/event_hash.h"
#include "trace/trace_code.h"
#include "trace/trace_service.h"

namespace kl::http::trace_json {

namespace {

// Organisation, product and lot ids (UUIDv7 text, with room).
constexpr size_t id_chars_max = 64;
constexpr size_t event_time_chars_max = 64;

json quantity_element_json(const trace::QuantityElement& element) {
    json out = {{"lot_id", element.lot_id},       {"epc_class", element.epc_class}, {"lot_code", element.lot_code},
                {"quantity", element.quantity}, {"uom", element.unit == trace::QuantityUnit::grams ? json("GRM") : json(nullptr)}};
    return out;
}

json quantity_list_json(const std::vector<trace::QuantityElement>& list) {
    json out = json::array();
    for (const auto& element : list) out.push_back(quantity_element_json(element));
    return out;
}

template <typename E>
json enum_or_null(const std::optional<E>& value) {
    return value ? json(std::string(to_string(*value))) : json(nullptr);
}

// A list of quantity elements under `name` ({lot_id, quantity}; outputs {lot_code, product_id,
// grade, quantity}).
std::vector<trace::QuantityElement> read_quantities(const json& body, const std::string& name, bool outputs, FieldErrors& problems) {
    std::vector<trace::QuantityElement> list;
    const json* items = read_array(body, name, "", trace::event_quantities_max, false, problems);
    if (items == nullptr) return list;
    for (size_t j = 0; j < items->size(); ++j) {
        const std::string path = name + "/" + std::to_string(j);
        if (!(*items)[j].is_object()) {
            problems.add(path, ProblemCode::wrong_type, "must be an object");
            continue;
        }
        FieldReader item((*items)[j], path + "/");
        trace::QuantityElement element;
        if (outputs) {
            item.allow_only({"lot_code", "product_id", "grade", "quantity"});
            element.lot_code = item.text("lot_code", 1, trace::lot_code_chars_max, TextKind::identifier);
            element.product_id = item.text("product_id", 1, id_chars_max);
            element.grade = item.opt_text("grade", trace::grade_chars_max, TextKind::identifier).value_or("");
        } else {
            item.allow_only({"lot_id", "quantity"});
            element.lot_id = item.text("lot_id", 1, id_chars_max);
        }
        element.quantity = item.integer("quantity", 1, trace::lot_quantity_max);
        problems.take(item.finish());
        list.push_back(std::move(element));
    }
    return list;
}

std::optional<int64_t> read_time(FieldReader& reader, const std::string& name, std::string* offset) {
    auto text = reader.opt_text(name, event_time_chars_max);
    if (!text) return std::nullopt;
    auto parsed = trace::parse_event_time(*text, name);
    if (!parsed) {
        reader.add_error(name, parsed.error().fields.front());
        return std::nullopt;
    }
    if (offset) *offset = parsed->offset;
    return parsed->epoch_ms;
}

Result<trace::ErrorDeclarationInput> decode_declaration(const json& body) {
    FieldReader outer(body);
    outer.allow_only({"error_declaration"});
    KL_TRY(outer.finish());
    const json& inner = body.at("error_declaration");
    if (!inner.is_object()) return fail_field("error_declaration", ProblemCode::wrong_type, "must be an object");
    FieldReader reader(inner, "error_declaration/");
    reader.allow_only({"event_id", "declaration_time", "reason", "corrective_event_ids"});
    trace::ErrorDeclarationInput input;
    input.event_id = reader.text("event_id", 1, trace::event_id_chars_max);
    input.declaration_time_ms = read_time(reader, "declaration_time", nullptr);
    if (auto reason = read_enum<trace::ErrorReason>(reader, "reason")) input.reason = *reason;
    FieldErrors problems;
    problems.take(reader.finish());
    if (const json* ids = read_array(inner, "corrective_event_ids", "error_declaration/", trace::corrective_event_ids_max, false, problems)) {
        for (size_t i = 0; i < ids->size(); ++i) {
            if (!(*ids)[i].is_string()) {
                problems.add("error_declaration/corrective_event_ids/" + std::to_string(i), ProblemCode::wrong_type, "must be an eventID");
                continue;
            }
            input.corrective_event_ids.push_back((*ids)[i].get<std::string>());
        }
    }
    KL_TRY(problems.finish());
    return input;
}

std::vector<trace::BizTransaction> read_transactions(const json& body, FieldErrors& problems) {
    std::vector<trace::BizTransaction> list;
    const json* items = read_array(body, "biz_transaction_list", "", trace::event_biz_transactions_max, false, problems);
    if (items == nullptr) return list;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string path = "biz_transaction_list/" + std::to_string(i);
        if (!(*items)[i].is_object()) {
            problems.add(path, ProblemCode::wrong_type, "must be an object");
            continue;
        }
        FieldReader item((*items)[i], path + "/");
        item.allow_only({"type", "id"});
        trace::BizTransaction transaction;
        if (auto type = read_enum<trace::BizTransactionType>(item, "type")) transaction.type = *type;
        transaction.id = item.text("id", 1, trace::biz_transaction_id_chars_max, TextKind::identifier);
        problems.take(item.finish());
        list.push_back(std::move(transaction));
    }
    return list;
}

}  // namespace

json lot_json(const trace::Lot& lot) {
    json suppliers = json::array();
    for (const auto& supplier : lot.suppliers) {
        suppliers.push_back({{"supplier_id", supplier.supplier_id}, {"supplier_name", supplier.supplier_name}, {"quantity", supplier.quantity}});
    }
    return {{"id", lot.id},
            {"producer_id", lot.producer_id},
            {"producer_name", lot.producer_name},
            {"producer_name_en", lot.producer_name_en},
            {"county", lot.county},
            {"product_id", lot.product_id},
            {"product_name", lot.product_name},
            {"product_name_en", lot.product_name_en},
            {"grade", lot.grade},
            {"lot_code", lot.lot_code},
            {"unit", std::string(to_string(lot.unit))},
            {"sscc", or_null(lot.sscc)},
            {"quantity_unit", std::string(to_string(lot.quantity_unit))},
            {"quantity", lot.quantity},
            {"on_hand", lot.on_hand},
            {"harvest_date", date_or_null(lot.harvest_date)},
            {"pack_date", date_or_null(lot.pack_date)},
            {"trace_code", lot.trace_code},
            {"trace_code_printed", trace::format_trace_code(lot.trace_code)},
            {"origin_event_id", lot.origin_event_id},
            {"suppliers", suppliers},
            {"created_at", trace::utc_timestamp(lot.created_at_ms)},
            {"updated_at", trace::utc_timestamp(lot.updated_at_ms)}};
}

json event_json(const trace::Event& event) {
    json transactions = json::array();
    for (const auto& transaction : event.biz_transactions) {
        transactions.push_back({{"type", std::string(to_string(transaction.type))}, {"id", transaction.id},
                                {"biz_transaction", trace::biz_transaction_uri(transaction)}});
    }
    json declaration = nullptr;
    if (event.error_declaration) {
        declaration = {{"declaration_time", trace::utc_timestamp(event.error_declaration->declaration_time_ms)},
                       {"reason", std::string(to_string(event.error_declaration->reason))},
                       {"corrective_event_ids", event.error_declaration->corrective_event_ids},
                       {"recorded_at", trace::utc_timestamp(event.error_declaration->recorded_at_ms)}};
    }
    return {{"id", event.id},
            {"event_id", event.event_id},
            {"type", std::string(to_string(event.type))},
            {"action", enum_or_null(event.action)},
            {"event_time", trace::utc_timestamp(event.event_time_ms)},
            {"event_time_zone_offset", event.event_time_zone_offset},
            {"record_time", trace::utc_timestamp(event.record_time_ms)},
            {"biz_step", enum_or_null(event.biz_step)},
            {"disposition", enum_or_null(event.disposition)},
            {"read_point", or_null(event.read_point)},
            {"biz_location", or_null(event.biz_location)},
            {"biz_transaction_list", transactions},
            {"quantity_list", quantity_list_json(event.quantities)},
            {"parent_id", or_null(event.parent_id)},
            {"child_quantity_list", quantity_list_json(event.child_quantities)},
            {"input_quantity_list", quantity_list_json(event.inputs)},
            {"output_quantity_list", quantity_list_json(event.outputs)},
            {"transformation_id", or_null(event.transformation_id)},
            {"process", enum_or_null(event.process)},
            {"loss_grams", or_null(event.loss_grams)},
            {"error_declaration", declaration},
            {"recorded_role", event.recorded_role}};
}

Result<trace::NewLot> decode_new_lot(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"producer_id", "product_id", "grade", "lot_code", "unit", "sscc", "quantity", "harvest_date", "pack_date",
                       "suppliers", "biz_location", "event_time"});
    trace::NewLot lot;
    lot.producer_id = reader.text("producer_id", 1, id_chars_max);
    lot.product_id = reader.text("product_id", 1, id_chars_max);
    lot.grade = reader.opt_text("grade", trace::grade_chars_max, TextKind::identifier).value_or("");
    lot.lot_code = reader.text("lot_code", 1, trace::lot_code_chars_max, TextKind::identifier);
    if (auto unit = read_enum<trace::LotUnit>(reader, "unit", false)) lot.unit = *unit;
    lot.sscc = reader.opt_text("sscc", 32);
    lot.quantity = reader.integer("quantity", 1, trace::lot_quantity_max);
    lot.harvest_date = read_date(reader, "harvest_date", false);
    lot.pack_date = read_date(reader, "pack_date", false);
    lot.biz_location = reader.opt_text("biz_location", id_chars_max);
    lot.event_time_ms = read_time(reader, "event_time", &lot.event_time_zone_offset);
    FieldErrors problems;
    problems.take(reader.finish());
    if (const json* items = read_array(body, "suppliers", "", trace::lot_suppliers_max, false, problems)) {
        for (size_t i = 0; i < items->size(); ++i) {
            const std::string path = "suppliers/" + std::to_string(i);
            if (!(*items)[i].is_object()) {
                problems.add(path, ProblemCode::wrong_type, "must be an object");
                continue;
            }
            FieldReader item((*items)[i], path + "/");
            item.allow_only({"supplier_id", "quantity"});
            trace::LotSupplier supplier;
            supplier.supplier_id = item.text("supplier_id", 1, id_chars_max);
            supplier.quantity = item.integer("quantity", 1, trace::lot_quantity_max);
            problems.take(item.finish());
            lot.suppliers.push_back(std::move(supplier));
        }
    }
    KL_TRY(problems.finish());
    return lot;
}

Result<std::variant<trace::Event, trace::ErrorDeclarationInput>> decode_event(const json& body) {
    if (body.contains("error_declaration")) {
        KL_TRY_ASSIGN(trace::ErrorDeclarationInput declaration, decode_declaration(body));
        return std::variant<trace::Event, trace::ErrorDeclarationInput>(std::move(declaration));
    }
    FieldReader reader(body);
    // error_declaration is one body of the route (the branch above), so it is listed as documented.
    reader.allow_only({"type", "action", "event_time", "biz_step", "disposition", "read_point", "biz_location", "biz_transaction_list",
                       "quantity_list", "parent_id", "child_quantity_list", "input_quantity_list", "output_quantity_list",
                       "transformation_id", "process", "loss_grams", "error_declaration"});
    trace::Event event;
    if (auto type = read_enum<trace::EventType>(reader, "type")) event.type = *type;
    event.action = read_enum<trace::Action>(reader, "action", false);
    if (auto time = read_time(reader, "event_time", &event.event_time_zone_offset)) event.event_time_ms = *time;
    else if (!body.contains("event_time")) reader.add_error("event_time", ProblemCode::required, "is required");
    event.biz_step = read_enum<trace::BizStep>(reader, "biz_step", false);
    event.disposition = read_enum<trace::Disposition>(reader, "disposition", false);
    event.read_point = reader.opt_text("read_point", id_chars_max);
    event.biz_location = reader.opt_text("biz_location", id_chars_max);
    event.parent_id = reader.opt_text("parent_id", 32);
    event.transformation_id = reader.opt_text("transformation_id", trace::event_id_chars_max, TextKind::identifier);
    event.process = read_enum<trace::Process>(reader, "process", false);
    event.loss_grams = reader.opt_integer("loss_grams", 0, trace::lot_quantity_max);
    FieldErrors problems;
    problems.take(reader.finish());
    event.biz_transactions = read_transactions(body, problems);
    event.quantities = read_quantities(body, "quantity_list", false, problems);
    event.child_quantities = read_quantities(body, "child_quantity_list", false, problems);
    event.inputs = read_quantities(body, "input_quantity_list", false, problems);
    event.outputs = read_quantities(body, "output_quantity_list", true, problems);
    KL_TRY(problems.finish());
    return std::variant<trace::Event, trace::ErrorDeclarationInput>(std::move(event));
}

void add_trace_schemas(Router& router) {
    const json text = string_schema();
    const json integer = integer_schema();
    const json nullable_text = nullable(string_schema());
    const json element = object_schema({{"lot_id", text}, {"epc_class", text}, {"lot_code", text}, {"quantity", integer},
                                        {"uom", nullable(enum_of({"GRM"}))}});
    router.add_schema("TraceQuantityElement", element.dump());
    const json elements = array_of(ref_schema("TraceQuantityElement"));
    router.add_schema(
        "Lot",
        object_schema({{"id", text}, {"producer_id", text}, {"producer_name", text}, {"producer_name_en", text}, {"county", text},
                       {"product_id", text}, {"product_name", text}, {"product_name_en", text}, {"grade", text}, {"lot_code", text},
                       {"unit", enum_of<trace::LotUnit>()}, {"sscc", nullable_text}, {"quantity_unit", enum_of<trace::QuantityUnit>()},
                       {"quantity", integer}, {"on_hand", integer}, {"harvest_date", nullable(date_schema())},
                       {"pack_date", nullable(date_schema())}, {"trace_code", text}, {"trace_code_printed", text},
                       {"origin_event_id", text},
                       {"suppliers", array_of(object_schema({{"supplier_id", text}, {"supplier_name", text}, {"quantity", integer}}))},
                       {"created_at", date_time_schema()}, {"updated_at", date_time_schema()}})
            .dump());
    router.add_schema("LotPage", page_of("Lot").dump());
    router.add_schema(
        "TraceEvent",
        object_schema({{"id", text}, {"event_id", text}, {"type", enum_of<trace::EventType>()}, {"action", nullable(enum_of<trace::Action>())},
                       {"event_time", date_time_schema()}, {"event_time_zone_offset", text}, {"record_time", date_time_schema()},
                       {"biz_step", nullable(enum_of<trace::BizStep>())}, {"disposition", nullable(enum_of<trace::Disposition>())},
                       {"read_point", nullable_text}, {"biz_location", nullable_text},
                       {"biz_transaction_list", array_of(object_schema({{"type", enum_of<trace::BizTransactionType>()}, {"id", text},
                                                                        {"biz_transaction", text}}))},
                       {"quantity_list", elements}, {"parent_id", nullable_text}, {"child_quantity_list", elements},
                       {"input_quantity_list", elements}, {"output_quantity_list", elements}, {"transformation_id", nullable_text},
                       {"process", nullable(enum_of<trace::Process>())}, {"loss_grams", nullable(integer)},
                       {"error_declaration", nullable(object_schema({{"declaration_time", date_time_schema()},
                                                                     {"reason", enum_of<trace::ErrorReason>()},
                                                                     {"corrective_event_ids", array_of(text)},
                                                                     {"recorded_at", date_time_schema()}}))},
                       {"recorded_role", text}})
            .dump());
    router.add_schema("TraceEventPage", page_of("TraceEvent").dump());
    const json quantity = integer_schema(1, trace::lot_quantity_max, "grams, or units of sale for boxes and pieces");
    router.add_schema(
        "NewLot",
        object_schema({"producer_id", "product_id", "lot_code", "quantity"},
                      {{"producer_id", text}, {"product_id", text}, {"grade", text}, {"lot_code", text},
                       {"unit", enum_of<trace::LotUnit>()}, {"sscc", {{"type", "string"}, {"description", "SSCC-18 (unit pallet)"}}},
                       {"quantity", quantity}, {"harvest_date", date_schema()}, {"pack_date", date_schema()},
                       {"suppliers", array_of(object_schema({"supplier_id", "quantity"}, {{"supplier_id", text}, {"quantity", quantity}}))},
                       {"biz_location", text}, {"event_time", date_time_schema()}},
                      true)
            .dump());
    const json input_element = object_schema({"lot_id", "quantity"}, {{"lot_id", text}, {"quantity", quantity}}, true);
    const json output_element = object_schema({"lot_code", "product_id", "quantity"},
                                              {{"lot_code", text}, {"product_id", text}, {"grade", text}, {"quantity", quantity}}, true);
    router.add_schema(
        "NewTraceEvent",
        object_schema({{"type", enum_of<trace::EventType>()}, {"action", enum_of<trace::Action>()},
                       {"event_time", {{"type", "string"}, {"description", "YYYY-MM-DDTHH:MM:SS[.fff] and Z or ±HH:MM (kept as eventTimeZoneOffset)"}}},
                       {"biz_step", enum_of<trace::BizStep>()}, {"disposition", enum_of<trace::Disposition>()},
                       {"read_point", text}, {"biz_location", text},
                       {"biz_transaction_list", array_of(object_schema({"type", "id"}, {{"type", enum_of<trace::BizTransactionType>()},
                                                                                        {"id", {{"type", "string"}, {"description", "po: an order id"}}}}))},
                       {"quantity_list", array_of(input_element)}, {"parent_id", {{"type", "string"}, {"description", "the pallet's SSCC-18"}}},
                       {"child_quantity_list", array_of(input_element)}, {"input_quantity_list", array_of(input_element)},
                       {"output_quantity_list", array_of(output_element)}, {"transformation_id", text},
                       {"process", enum_of<trace::Process>()}, {"loss_grams", integer_schema(0, trace::lot_quantity_max)},
                       {"error_declaration", object_schema({"event_id", "reason"},
                                                           {{"event_id", text}, {"declaration_time", date_time_schema()},
                                                            {"reason", enum_of<trace::ErrorReason>()},
                                                            {"corrective_event_ids", array_of(text)}})}})
            .dump());
}

}  // namespace kl::http::trace_json
