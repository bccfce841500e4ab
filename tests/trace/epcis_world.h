#pragma once
// The trace test world with the EPCIS interface's helpers: documents, lot class URIs and captures.

#include <httplib.h>

#include <set>
#include <string>
#include <vector>

#include "core/identifier.h"
#include "http/routes/epcis_json.h"
#include "trace_world.h"

namespace kl::trace::testing {

// A pallet's SSCC (GS1's example, check digit 7); urn:epc:id:sscc:0614141.1123456789 in the EPC form.
inline constexpr const char* epcis_pallet = "106141411234567897";

// An EPCISDocument holding `events`, with the kashlink extension prefix.
inline json epcis_document(json events) {
    return {{"@context", json::array({std::string(http::epcis_json::epcis_context_url), {{"kashlink", "urn:kashlink:epcis:"}}})},
            {"type", "EPCISDocument"},
            {"schemaVersion", "2.0"},
            {"creationDate", "2026-10-08T02:00:00.000Z"},
            {"epcisBody", {{"eventList", std::move(events)}}}};
}

// The epcClass of a stored lot.
inline std::string lot_class(TraceWorld& w, const std::string& lot_id) {
    const Lot lot = must(w.trace().lots.get_lot(std::nullopt, lot_id), "lot");
    return lot_class_uri(lot.producer_id, identifier_key(lot.lot_code));
}

inline std::string loc(const std::string& org_id) { return location_uri(org_id); }

// An ObjectEvent OBSERVE of `quantity` units of the lot of class `epc_class` at `time` (UTC text).
inline json epcis_observe(const std::string& epc_class, const std::string& time, int64_t quantity = 1,
                          const std::string& step = "inspecting") {
    return {{"type", "ObjectEvent"},
            {"eventTime", time},
            {"eventTimeZoneOffset", "+08:00"},
            {"action", "OBSERVE"},
            {"bizStep", step},
            {"quantityList", {{{"epcClass", epc_class}, {"quantity", quantity}}}}};
}

inline test::HttpReply capture(TraceWorld& w, Role role, const json& document, const std::string& key = "") {
    return w.world().call_as(role, "POST", "/api/v1/epcis/capture", document.dump(),
                             key.empty() ? httplib::Headers{} : idempotent(key));
}

inline test::HttpReply query(TraceWorld& w, Role role, const std::string& parameters) {
    return w.world().call_as(role, "GET", "/api/v1/epcis/events" + (parameters.empty() ? "" : "?" + parameters));
}

// The eventIDs of a query's answer (200 expected).
inline std::vector<std::string> queried_ids(TraceWorld& w, Role role, const std::string& parameters) {
    auto reply = query(w, role, parameters);
    EXPECT_EQ(reply.status, 200) << parameters << " " << reply.body;
    std::vector<std::string> ids;
    if (reply.status != 200) return ids;
    const json document = body_of(reply);  // kept: a range over a member of a temporary would dangle
    for (const auto& event : document.at("epcisBody").at("queryResults").at("resultsBody").at("eventList")) {
        ids.push_back(event.at("eventID"));
    }
    return ids;
}

inline std::set<std::string> id_set(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

// Every field problem's "field:code".
inline std::set<std::string> problem_set(const test::HttpReply& reply) {
    const auto codes = test::problem_field_codes(reply);
    return {codes.begin(), codes.end()};
}

}  // namespace kl::trace::testing
