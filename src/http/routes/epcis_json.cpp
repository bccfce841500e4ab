#include "http/routes/epcis_json.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "core/field_errors.h"
#include "core/identifier.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "trace/event_hash.h"
#include "trace/sscc.h"

namespace kl::http::epcis_json {

namespace {

using trace::QuantityUnit;

constexpr std::string_view epcis_kashlink_prefix = "kashlink";
constexpr std::string_view epcis_product_uri_prefix = "urn:kashlink:product:";
// URIs (eventIDs, epcClass, locations, transactions) are far shorter; this bounds what is read.
constexpr size_t epcis_uri_chars_max = 512;
constexpr size_t epcis_time_chars_max = 64;

json epcis_context_json() { return json::array({std::string(epcis_context_url), {{std::string(epcis_kashlink_prefix), std::string(trace::extension_namespace)}}}); }

std::string epcis_ext(std::string_view name) { return std::string(epcis_kashlink_prefix) + ":" + std::string(name); }

json epcis_quantity_list_json(const std::vector<trace::QuantityElement>& list) {
    json out = json::array();
    for (const auto& element : list) {
        json item = {{"epcClass", element.epc_class}, {"quantity", element.quantity}};
        if (element.unit == QuantityUnit::grams) item["uom"] = "GRM";
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

std::string_view cbv_bare_name(std::string_view text, std::string_view web, std::string_view urn) {
    const std::string web_prefix = "https://ref.gs1.org/cbv/" + std::string(web) + "-";
    const std::string urn_prefix = "urn:epcglobal:cbv:" + std::string(urn) + ":";
    if (text.starts_with(web_prefix)) return text.substr(web_prefix.size());
    if (text.starts_with(urn_prefix)) return text.substr(urn_prefix.size());
    return text;
}

// ---- writing ---------------------------------------------------------------------------------------

json event_json(const trace::Event& event) {
    json out = {{"type", std::string(to_string(event.type))},
                {"eventID", event.event_id},
                {"eventTime", trace::utc_timestamp(event.event_time_ms)},
                {"eventTimeZoneOffset", event.event_time_zone_offset},
                {"recordTime", trace::utc_timestamp(event.record_time_ms)}};
    if (event.action) out["action"] = std::string(to_string(*event.action));
    if (event.parent_id) out["parentID"] = trace::sscc_digital_link(*event.parent_id);
    if (!event.quantities.empty()) out["quantityList"] = epcis_quantity_list_json(event.quantities);
    if (!event.child_quantities.empty()) out["childQuantityList"] = epcis_quantity_list_json(event.child_quantities);
    if (!event.inputs.empty()) out["inputQuantityList"] = epcis_quantity_list_json(event.inputs);
    if (!event.outputs.empty()) {
        out["outputQuantityList"] = epcis_quantity_list_json(event.outputs);
        json lots = json::array();
        for (const auto& output : event.outputs) {
            lots.push_back({{"epcClass", output.epc_class},
                            {"lotCode", output.lot_code},
                            {"product", std::string(epcis_product_uri_prefix) + output.product_id},
                            {"grade", output.grade}});
        }
        out[epcis_ext("outputLots")] = std::move(lots);
    }
    if (event.transformation_id) out["transformationID"] = *event.transformation_id;
    if (event.biz_step) out["bizStep"] = std::string(to_string(*event.biz_step));
    if (event.disposition) out["disposition"] = std::string(to_string(*event.disposition));
    if (event.read_point) out["readPoint"] = {{"id", trace::location_uri(*event.read_point)}};
    if (event.biz_location) out["bizLocation"] = {{"id", trace::location_uri(*event.biz_location)}};
    if (!event.biz_transactions.empty()) {
        json list = json::array();
        for (const auto& transaction : event.biz_transactions) {
            list.push_back({{"type", std::string(to_string(transaction.type))}, {"bizTransaction", trace::biz_transaction_uri(transaction)}});
        }
        out["bizTransactionList"] = std::move(list);
    }
    if (event.process) out[epcis_ext("process")] = std::string(to_string(*event.process));
    if (event.loss_grams) out[epcis_ext("lossGrams")] = *event.loss_grams;
    if (event.error_declaration) {
        const auto& declaration = *event.error_declaration;
        out["errorDeclaration"] = {{"declarationTime", trace::utc_timestamp(declaration.declaration_time_ms)},
                                   {"reason", std::string(to_string(declaration.reason))},
                                   {"correctiveEventIDs", declaration.corrective_event_ids}};
    }
    return out;
}

namespace {
json epcis_event_list_json(const std::vector<trace::Event>& events) {
    json list = json::array();
    for (const auto& event : events) list.push_back(event_json(event));
    return list;
}
}  // namespace

json document_json(const std::vector<trace::Event>& events, int64_t now_ms) {
    return {{"@context", epcis_context_json()},
            {"type", "EPCISDocument"},
            {"schemaVersion", "2.0"},
            {"creationDate", trace::utc_timestamp(now_ms)},
            {"epcisBody", {{"eventList", epcis_event_list_json(events)}}}};
}

json query_document_json(const std::vector<trace::Event>& events, int64_t now_ms) {
    return {{"@context", epcis_context_json()},
            {"type", "EPCISQueryDocument"},
            {"schemaVersion", "2.0"},
            {"creationDate", trace::utc_timestamp(now_ms)},
            {"epcisBody",
             {{"queryResults", {{"queryName", "SimpleEventQuery"}, {"resultsBody", {{"eventList", epcis_event_list_json(events)}}}}}}}};
}

// ---- reading ---------------------------------------------------------------------------------------

namespace {

// One event object's fields, read under `path` (epcisBody/eventList/<i>/); `epcis_ext` the names the
// document's @context gives the urn:kashlink:epcis: extensions.
class EpcisEventDecoder {
public:
    EpcisEventDecoder(const json& object, std::string path, const std::vector<std::string>& prefixes)
        : object_(object), path_(std::move(path)), reader_(object, path_) {
        std::vector<std::string> allowed = {"type", "eventID", "eventTime", "eventTimeZoneOffset", "recordTime", "action", "bizStep",
                                            "disposition", "readPoint", "bizLocation", "bizTransactionList", "quantityList",
                                            "childQuantityList", "inputQuantityList", "outputQuantityList", "parentID",
                                            "transformationID", "errorDeclaration", "epcList", "childEPCs", "inputEPCList",
                                            "outputEPCList"};
        for (const auto& prefix : prefixes) {
            for (const char* name : {"process", "lossGrams", "outputLots"}) {
                const std::string full = prefix + name;
                allowed.push_back(full);
                extension_names_[name].push_back(full);
            }
        }
        reader_.allow_only(allowed);
    }

    trace::CaptureEvent decode(FieldErrors& problems) {
        trace::CaptureEvent out;
        trace::Event& event = out.event;
        if (auto type = read_parsed(reader_, "type", enum_parser<trace::EventType>)) event.type = *type;
        out.sent_event_id = reader_.opt_text("eventID", trace::event_id_chars_max);
        if (auto time = time_of("eventTime", true)) {
            event.event_time_ms = time->epoch_ms;
        }
        if (auto offset = reader_.opt_text("eventTimeZoneOffset", epcis_time_chars_max)) {
            event.event_time_zone_offset = *offset;
            if (auto checked = trace::check_time_zone_offset(*offset, "eventTimeZoneOffset"); !checked) {
                reader_.add_error("eventTimeZoneOffset", checked.error().fields.front());
            }
        } else {
            reader_.add_error("eventTimeZoneOffset", ProblemCode::required, "is required (±HH:MM)");
        }
        time_of("recordTime", false);  // set by the platform when stored, as EPCIS says; only its form is checked
        if (auto action = read_parsed(reader_, "action", enum_parser<trace::Action>, false)) event.action = *action;
        event.biz_step = cbv<trace::BizStep>("bizStep", "BizStep", "bizstep");
        event.disposition = cbv<trace::Disposition>("disposition", "Disp", "disp");
        event.read_point = location("readPoint");
        event.biz_location = location("bizLocation");
        if (auto parent = reader_.opt_text("parentID", epcis_uri_chars_max)) {
            auto sscc = trace::parse_sscc_uri(*parent);
            if (!sscc) {
                reader_.add_error("parentID", ProblemCode::bad_format, "must be a pallet's SSCC as https://id.gs1.org/00/<sscc> or urn:epc:id:sscc:…");
            } else if (auto valid = trace::validate_sscc(*sscc, "parentID"); !valid) {
                reader_.add_error("parentID", valid.error().fields.front());
            } else {
                event.parent_id = *sscc;
            }
        }
        event.transformation_id = reader_.opt_text("transformationID", epcis_uri_chars_max);
        event.quantities = quantities("quantityList", problems);
        event.child_quantities = quantities("childQuantityList", problems);
        event.inputs = quantities("inputQuantityList", problems);
        event.outputs = quantities("outputQuantityList", problems);
        for (const char* name : {"epcList", "childEPCs", "inputEPCList", "outputEPCList"}) no_instances(name, problems);
        event.biz_transactions = transactions(problems);
        if (auto process = extension("process")) {
            if (!process->is_string()) {
                problems.add(path_ + extension_field_, ProblemCode::wrong_type, "must be a name");
            } else if (auto parsed = parse_enum<trace::Process>(process->get<std::string>(), path_ + extension_field_); !parsed) {
                problems.add(parsed.error().fields.front().field, parsed.error().fields.front().code, parsed.error().fields.front().message,
                             parsed.error().fields.front().params);
            } else {
                event.process = *parsed;
            }
        }
        if (auto loss = extension("lossGrams")) {
            if (!loss->is_number_integer()) {
                problems.add(path_ + extension_field_, ProblemCode::not_integer, "must be a whole number of grams");
            } else {
                event.loss_grams = loss->get<int64_t>();
            }
        }
        output_lots(event, problems);
        if (const json* declaration = find("errorDeclaration")) out.declaration = error_declaration(*declaration, problems);
        problems.take(reader_.finish());
        return out;
    }

private:
    const json* find(const std::string& name) const {
        auto found = object_.find(name);
        return found == object_.end() || found->is_null() ? nullptr : &*found;
    }

    // The extension under any of its names (the field's name remembered for problems).
    const json* extension(const std::string& name) {
        for (const auto& full : extension_names_[name]) {
            if (const json* value = find(full)) {
                extension_field_ = full;
                return value;
            }
        }
        return nullptr;
    }

    std::optional<trace::EventTime> time_of(const std::string& name, bool required) {
        auto text = reader_.opt_text(name, epcis_time_chars_max);
        if (!text) {
            if (required) reader_.add_error(name, ProblemCode::required, "is required");
            return std::nullopt;
        }
        auto parsed = trace::parse_event_time(*text, name);
        if (!parsed) {
            reader_.add_error(name, parsed.error().fields.front());
            return std::nullopt;
        }
        return *parsed;
    }

    template <typename E>
    std::optional<E> cbv(const std::string& name, std::string_view web, std::string_view urn) {
        auto text = reader_.opt_text(name, epcis_uri_chars_max);
        if (!text) return std::nullopt;
        auto parsed = parse_enum<E>(cbv_bare_name(*text, web, urn), name);
        if (!parsed) {
            reader_.add_error(name, parsed.error().fields.front());
            return std::nullopt;
        }
        return *parsed;
    }

    std::optional<std::string> location(const std::string& name) {
        const json* value = find(name);
        if (value == nullptr) return std::nullopt;
        if (!value->is_object()) {
            problems_add(name, ProblemCode::wrong_type, "must be an object {\"id\": …}");
            return std::nullopt;
        }
        FieldReader inner(*value, path_ + name + "/");
        inner.allow_only({"id"});
        auto id = inner.text("id", 1, epcis_uri_chars_max);
        std::optional<std::string> org;
        if (inner.ok()) {
            if (id.starts_with("https://id.gs1.org/414/")) {
                inner.add_error("id", ProblemCode::unknown_reference,
                                "names a GLN, and no organisation of this platform carries one yet: use urn:kashlink:loc:<organisation id>");
            } else if (!(org = trace::parse_location_uri(id))) {
                inner.add_error("id", ProblemCode::bad_format, "must be urn:kashlink:loc:<organisation id>");
            }
        }
        nested_.take(inner.finish());
        return org;
    }

    void problems_add(const std::string& name, ProblemCode code, const std::string& message) { reader_.add_error(name, code, message); }

    std::vector<trace::QuantityElement> quantities(const std::string& name, FieldErrors& problems) {
        std::vector<trace::QuantityElement> list;
        const json* items = read_array(object_, name, path_, trace::event_quantities_max, false, problems);
        if (items == nullptr) return list;
        for (size_t j = 0; j < items->size(); ++j) {
            const std::string path = path_ + name + "/" + std::to_string(j);
            if (!(*items)[j].is_object()) {
                problems.add(path, ProblemCode::wrong_type, "must be an object {epcClass, quantity, uom}");
                continue;
            }
            FieldReader item((*items)[j], path + "/");
            item.allow_only({"epcClass", "quantity", "uom"});
            trace::QuantityElement element;
            const std::string epc_class = item.text("epcClass", 1, epcis_uri_chars_max);
            if (item.ok()) {
                if (auto lot_class = trace::parse_lot_class_uri(epc_class)) {
                    element.epc_class = trace::lot_class_uri(lot_class->producer_id, lot_class->lot_code_key);
                } else if (epc_class.starts_with("https://id.gs1.org/01/") || epc_class.starts_with("urn:epc:class:lgtin:")) {
                    item.add_error("epcClass", ProblemCode::unknown_reference,
                                   "names a GTIN, and no product of this platform carries one yet: use urn:kashlink:lot:<producer id>:<lot code>");
                } else {
                    item.add_error("epcClass", ProblemCode::bad_format, "must be a lot's class URI urn:kashlink:lot:<producer id>:<lot code>");
                }
            }
            element.quantity = item.integer("quantity", 1, trace::lot_quantity_max);
            const auto uom = item.opt_text("uom", 8);
            if (uom && *uom != "GRM") item.add_error("uom", ProblemCode::not_one_of, "must be GRM (grams) or left out (units of sale)");
            element.unit = uom ? QuantityUnit::grams : QuantityUnit::units;
            problems.take(item.finish());
            list.push_back(std::move(element));
        }
        return list;
    }

    void no_instances(const std::string& name, FieldErrors& problems) {
        const json* items = find(name);
        if (items == nullptr || (items->is_array() && items->empty())) return;
        problems.add(path_ + name, ProblemCode::invalid_value,
                     "names instances, and this platform traces lots by class: name each lot in the quantity list by its epcClass");
    }

    std::vector<trace::BizTransaction> transactions(FieldErrors& problems) {
        std::vector<trace::BizTransaction> list;
        const json* items = read_array(object_, "bizTransactionList", path_, trace::event_biz_transactions_max, false, problems);
        if (items == nullptr) return list;
        for (size_t i = 0; i < items->size(); ++i) {
            const std::string path = path_ + "bizTransactionList/" + std::to_string(i);
            if (!(*items)[i].is_object()) {
                problems.add(path, ProblemCode::wrong_type, "must be an object {type, bizTransaction}");
                continue;
            }
            FieldReader item((*items)[i], path + "/");
            item.allow_only({"type", "bizTransaction"});
            trace::BizTransaction transaction;
            const std::string type = item.text("type", 1, epcis_uri_chars_max);
            const std::string uri = item.text("bizTransaction", 1, epcis_uri_chars_max);
            if (item.ok()) {
                auto parsed = parse_enum<trace::BizTransactionType>(cbv_bare_name(type, "BTT", "btt"), "type");
                if (!parsed) {
                    item.add_error("type", parsed.error().fields.front());
                } else {
                    transaction.type = *parsed;
                    auto id = trace::biz_transaction_id(transaction.type, uri);
                    if (!id) {
                        item.add_error("bizTransaction", ProblemCode::bad_format,
                                       transaction.type == trace::BizTransactionType::po
                                           ? "must be urn:kashlink:order:<order id>"
                                           : "must be urn:kashlink:" + std::string(to_string(transaction.type)) + ":<document number>");
                    } else {
                        transaction.id = *id;
                    }
                }
            }
            problems.take(item.finish());
            list.push_back(std::move(transaction));
        }
        return list;
    }

    // kashlink:outputLots: the new lots' master data, one per outputQuantityList element, by epcClass.
    void output_lots(trace::Event& event, FieldErrors& problems) {
        const json* lots = extension("outputLots");
        const std::string field = path_ + extension_field_;
        std::map<std::string, const json*> by_class;
        if (lots != nullptr) {
            if (!lots->is_array() || lots->size() > trace::event_quantities_max) {
                problems.add(field, ProblemCode::wrong_type, "must be a list of {epcClass, lotCode, product, grade}");
                return;
            }
            for (size_t j = 0; j < lots->size(); ++j) {
                const std::string path = field + "/" + std::to_string(j);
                if (!(*lots)[j].is_object()) {
                    problems.add(path, ProblemCode::wrong_type, "must be an object {epcClass, lotCode, product, grade}");
                    continue;
                }
                FieldReader item((*lots)[j], path + "/");
                item.allow_only({"epcClass", "lotCode", "product", "grade"});
                const std::string epc_class = item.text("epcClass", 1, epcis_uri_chars_max);
                item.text("lotCode", 1, trace::lot_code_chars_max, TextKind::identifier);
                item.text("product", 1, epcis_uri_chars_max);
                item.opt_text("grade", trace::grade_chars_max, TextKind::identifier);
                const auto lot_class = trace::parse_lot_class_uri(epc_class);
                if (item.ok() && !lot_class) item.add_error("epcClass", ProblemCode::bad_format, "must be a lot's class URI");
                if (item.ok()) by_class[trace::lot_class_uri(lot_class->producer_id, lot_class->lot_code_key)] = &(*lots)[j];
                problems.take(item.finish());
            }
        } else if (event.outputs.empty()) {
            return;
        }
        if (event.outputs.empty() && lots != nullptr) {
            problems.add(field, ProblemCode::invalid_value, "belongs to a TransformationEvent with an outputQuantityList");
            return;
        }
        for (size_t j = 0; j < event.outputs.size(); ++j) {
            trace::QuantityElement& output = event.outputs[j];
            const std::string path = path_ + "outputQuantityList/" + std::to_string(j) + "/epcClass";
            if (output.epc_class.empty()) continue;  // its own problem is named
            auto found = by_class.find(output.epc_class);
            if (found == by_class.end()) {
                problems.add(path, ProblemCode::required,
                             "names a new lot whose lot code, product and grade must be given in " + epcis_ext("outputLots"));
                continue;
            }
            const json& lot = *found->second;
            output.lot_code = lot.at("lotCode").get<std::string>();
            const std::string product = lot.at("product").get<std::string>();
            output.product_id = product.starts_with(epcis_product_uri_prefix) ? product.substr(epcis_product_uri_prefix.size()) : "";
            if (output.product_id.empty()) problems.add(path, ProblemCode::bad_format, "has a product that is not urn:kashlink:product:<id>");
            if (lot.contains("grade") && lot.at("grade").is_string()) output.grade = lot.at("grade").get<std::string>();
            if (trace::parse_lot_class_uri(output.epc_class)->lot_code_key != identifier_key(output.lot_code)) {
                problems.add(path, ProblemCode::invalid_value, "must end in the key of its lotCode " + output.lot_code);
            }
        }
    }

    std::optional<trace::ErrorDeclaration> error_declaration(const json& value, FieldErrors& problems) {
        const std::string path = path_ + "errorDeclaration";
        if (!value.is_object()) {
            problems.add(path, ProblemCode::wrong_type, "must be an object {declarationTime, reason, correctiveEventIDs}");
            return std::nullopt;
        }
        FieldReader item(value, path + "/");
        item.allow_only({"declarationTime", "reason", "correctiveEventIDs"});
        trace::ErrorDeclaration declaration;
        const std::string time = item.text("declarationTime", 1, epcis_time_chars_max);
        if (item.ok()) {
            auto parsed = trace::parse_event_time(time, "declarationTime");
            if (!parsed) {
                item.add_error("declarationTime", parsed.error().fields.front());
            } else {
                declaration.declaration_time_ms = parsed->epoch_ms;
            }
        }
        if (auto reason = item.opt_text("reason", epcis_uri_chars_max)) {
            auto parsed = parse_enum<trace::ErrorReason>(cbv_bare_name(*reason, "ER", "er"), "reason");
            if (!parsed) {
                item.add_error("reason", parsed.error().fields.front());
            } else {
                declaration.reason = *parsed;
            }
        }
        problems.take(item.finish());
        if (const json* ids = read_array(value, "correctiveEventIDs", path + "/", trace::corrective_event_ids_max, false, problems)) {
            for (size_t i = 0; i < ids->size(); ++i) {
                if (!(*ids)[i].is_string() || (*ids)[i].get<std::string>().size() > trace::event_id_chars_max) {
                    problems.add(path + "/correctiveEventIDs/" + std::to_string(i), ProblemCode::wrong_type, "must be an eventID");
                    continue;
                }
                declaration.corrective_event_ids.push_back((*ids)[i].get<std::string>());
            }
        }
        return declaration;
    }

public:
    FieldErrors nested_;

private:
    const json& object_;
    std::string path_;
    FieldReader reader_;
    std::map<std::string, std::vector<std::string>> extension_names_;
    std::string extension_field_;
};

// The prefixes ("kashlink:", and the full namespace itself) the @context gives urn:kashlink:epcis:.
std::vector<std::string> epcis_extension_prefixes(const json& context, FieldErrors& problems) {
    std::vector<std::string> prefixes = {std::string(trace::extension_namespace)};
    bool standard = false;
    auto consider = [&](const json& entry) {
        if (entry.is_string()) {
            standard = standard || entry.get<std::string>() == epcis_context_url;
        } else if (entry.is_object()) {
            for (const auto& [name, iri] : entry.items()) {
                if (iri.is_string() && iri.get<std::string>() == trace::extension_namespace) prefixes.push_back(name + ":");
            }
        }
    };
    if (context.is_array()) {
        for (const auto& entry : context) consider(entry);
    } else {
        consider(context);
    }
    if (!standard) problems.add("@context", ProblemCode::invalid_value, "must name the EPCIS 2.0 context " + std::string(epcis_context_url));
    return prefixes;
}

}  // namespace

Result<std::vector<trace::CaptureEvent>> decode_document(const json& body) {
    FieldErrors problems;
    FieldReader reader(body);
    reader.allow_only({"@context", "type", "schemaVersion", "creationDate", "epcisBody"});
    const std::string type = reader.text("type", 1, 32);
    if (reader.ok() && type != "EPCISDocument") reader.add_error("type", ProblemCode::not_one_of, "must be EPCISDocument");
    const std::string version = reader.text("schemaVersion", 1, 16);
    if (reader.ok() && version != "2.0") reader.add_error("schemaVersion", ProblemCode::not_one_of, "must be 2.0");
    const std::string created = reader.text("creationDate", 1, epcis_time_chars_max);
    if (reader.ok()) {
        if (auto parsed = trace::parse_event_time(created, "creationDate"); !parsed) reader.add_error("creationDate", parsed.error().fields.front());
    }
    std::vector<std::string> prefixes;
    if (auto context = body.find("@context"); context == body.end()) {
        problems.add("@context", ProblemCode::required, "is required: the EPCIS 2.0 context " + std::string(epcis_context_url));
    } else {
        prefixes = epcis_extension_prefixes(*context, problems);
    }
    problems.take(reader.finish());
    auto body_it = body.find("epcisBody");
    if (body_it == body.end() || !body_it->is_object()) {
        problems.add("epcisBody", body_it == body.end() ? ProblemCode::required : ProblemCode::wrong_type, "must be an object {eventList}");
        KL_TRY(problems.finish());
    }
    FieldReader inner(*body_it, "epcisBody/");
    inner.allow_only({"eventList"});
    problems.take(inner.finish());
    auto list = body_it->find("eventList");
    if (list == body_it->end() || !list->is_array()) {
        problems.add("epcisBody/eventList", list == body_it->end() ? ProblemCode::required : ProblemCode::wrong_type, "must be a list of events");
        KL_TRY(problems.finish());
    }
    if (list->size() > trace::epcis_capture_events_max) {
        problems.add("epcisBody/eventList", ProblemCode::too_many,
                     "may hold at most " + std::to_string(trace::epcis_capture_events_max) + " events; send the rest in another document");
        KL_TRY(problems.finish());
    }
    std::vector<trace::CaptureEvent> events;
    events.reserve(list->size());
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = "epcisBody/eventList/" + std::to_string(i);
        if (!(*list)[i].is_object()) {
            problems.add(path, ProblemCode::wrong_type, "must be an event object");
            continue;
        }
        EpcisEventDecoder decoder((*list)[i], path + "/", prefixes);
        events.push_back(decoder.decode(problems));
        for (const auto& error : decoder.nested_.errors()) problems.add(error.field, error.code, error.message, error.params);
    }
    KL_TRY(problems.finish());
    return events;
}

// ---- OpenAPI ---------------------------------------------------------------------------------------

void add_epcis_schemas(Router& router) {
    const json quantity_element = object_schema({"epcClass", "quantity"}, {{"epcClass", string_schema()},
                                                                          {"quantity", integer_schema(1, trace::lot_quantity_max)},
                                                                          {"uom", enum_of(std::vector<std::string>{"GRM"})}});
    const json location = object_schema({"id"}, {{"id", string_schema()}}, true);
    const json event = object_schema(
        {"type", "eventTime", "eventTimeZoneOffset"},
        {{"type", enum_of<trace::EventType>()},
         {"eventID", string_schema()},
         {"eventTime", date_time_schema()},
         {"eventTimeZoneOffset", string_schema(6, 6)},
         {"recordTime", date_time_schema()},
         {"action", enum_of<trace::Action>()},
         {"bizStep", string_schema()},
         {"disposition", string_schema()},
         {"readPoint", location},
         {"bizLocation", location},
         {"bizTransactionList", array_of(object_schema({"type", "bizTransaction"}, {{"type", string_schema()}, {"bizTransaction", string_schema()}}, true))},
         {"quantityList", array_of(quantity_element)},
         {"childQuantityList", array_of(quantity_element)},
         {"inputQuantityList", array_of(quantity_element)},
         {"outputQuantityList", array_of(quantity_element)},
         {"parentID", string_schema()},
         {"transformationID", string_schema()},
         {epcis_ext("process"), enum_of<trace::Process>()},
         {epcis_ext("lossGrams"), integer_schema(0, trace::lot_quantity_max)},
         {epcis_ext("outputLots"), array_of(object_schema({"epcClass", "lotCode", "product"}, {{"epcClass", string_schema()},
                                                                                        {"lotCode", string_schema(1, trace::lot_code_chars_max)},
                                                                                        {"product", string_schema()},
                                                                                        {"grade", string_schema(0, trace::grade_chars_max)}}, true))},
         {"errorDeclaration", object_schema({"declarationTime"}, {{"declarationTime", date_time_schema()},
                                                                  {"reason", string_schema()},
                                                                  {"correctiveEventIDs", array_of(string_schema())}}, true)}});
    router.add_schema("EpcisEvent", event.dump());
    const json head = {{"@context", {{"description", "the EPCIS 2.0 context URL, and {\"kashlink\": \"urn:kashlink:epcis:\"} for the extensions"}}},
                       {"schemaVersion", enum_of(std::vector<std::string>{"2.0"})},
                       {"creationDate", date_time_schema()}};
    json document = object_schema({"@context", "type", "schemaVersion", "creationDate", "epcisBody"}, head);
    document["properties"]["type"] = enum_of(std::vector<std::string>{"EPCISDocument"});
    document["properties"]["epcisBody"] =
        object_schema({"eventList"}, {{"eventList", {{"type", "array"}, {"maxItems", trace::epcis_capture_events_max}, {"items", ref_schema("EpcisEvent")}}}}, true);
    router.add_schema("EpcisDocument", document.dump());
    json query_document = object_schema({"@context", "type", "schemaVersion", "creationDate", "epcisBody"}, head);
    query_document["properties"]["type"] = enum_of(std::vector<std::string>{"EPCISQueryDocument"});
    query_document["properties"]["epcisBody"] = object_schema(
        {{"queryResults", object_schema({{"queryName", string_schema()},
                                         {"resultsBody", object_schema({{"eventList", array_of(ref_schema("EpcisEvent"))}})}})}});
    router.add_schema("EpcisQueryDocument", query_document.dump());
    router.add_schema("EpcisCaptureResult",
                      object_schema({{"captured", integer_schema()},
                                     {"alreadyPresent", integer_schema()},
                                     {"declared", integer_schema()},
                                     {"eventIDs", array_of(string_schema())}})
                          .dump());
}

}  // namespace kl::http::epcis_json
