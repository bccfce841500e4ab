#pragma once
// EPCIS 2.0 JSON-LD ↔ trace::Event (trace_types.h maps them field for field): the EPCISDocument a
// capture sends and the EPCISQueryDocument a query answers. The codec lives with the routes because
// the HTTP layer is the only library that reads JSON (src/http/CMakeLists.txt).
//
//   {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
//                 {"kashlink": "urn:kashlink:epcis:"}],
//    "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-10-08T02:00:00.000Z",
//    "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": …, "eventTimeZoneOffset": "+08:00",
//        "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
//        "readPoint": {"id": "urn:kashlink:loc:<org id>"},
//        "quantityList": [{"epcClass": "urn:kashlink:lot:<producer id>:<lot code key>", "quantity": 5000, "uom": "GRM"}],
//        "bizTransactionList": [{"type": "po", "bizTransaction": "urn:kashlink:order:<id>"}]}]}}
//
// Written: CBV values as bare names (EPCIS 2.0 JSON-LD's form), times in UTC with milliseconds,
// pallets as GS1 Digital Link SSCCs (https://id.gs1.org/00/<sscc>), everything else by the
// platform's URIs (no product carries a GTIN and no organisation a GLN yet). Read: the bare names
// and the https://ref.gs1.org/cbv/<Vocabulary>-<name> and urn:epcglobal:cbv:<vocabulary>:<name>
// forms; SSCCs as Digital Links or urn:epc:id:sscc; GS1 lot (…/01/<gtin>/10/<lot>) and location
// (…/414/<gln>) Digital Links are recognised and refused, naming the field. Extensions in the
// namespace urn:kashlink:epcis: (any prefix the @context maps to it): process and lossGrams
// (TransformationEvent), and outputLots [{epcClass, lotCode, product: urn:kashlink:product:<id>,
// grade}] — the master data of the lots a transformation makes. Fields the platform does not
// record (sourceList, sensorElementList, ilmd, instance EPCs…) are refused naming them.

#include <nlohmann/json_fwd.hpp>

#include <vector>

#include "core/result.h"
#include "http/router.h"
#include "trace/epcis_service.h"

namespace kl::http::epcis_json {

using nlohmann::json;

inline constexpr std::string_view epcis_context_url = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

// One event as EPCIS 2.0 JSON-LD.
json event_json(const trace::Event& event);
// An EPCISDocument holding `events` (creationDate `now_ms`).
json document_json(const std::vector<trace::Event>& events, int64_t now_ms);
// An EPCISQueryDocument (SimpleEventQuery) holding `events`.
json query_document_json(const std::vector<trace::Event>& events, int64_t now_ms);

// The events of an EPCISDocument, every problem named epcisBody/eventList/<i>/<field> (or the
// document's own field), at most trace::epcis_capture_events_max events.
Result<std::vector<trace::CaptureEvent>> decode_document(const json& body);

// The bare name of a CBV 2.0 value given in any of its three forms (bare, GS1 Web URI, URN): `web` is
// the Web URI's vocabulary ("BizStep"), `urn` the URN's ("bizstep").
std::string_view cbv_bare_name(std::string_view text, std::string_view web, std::string_view urn);

void add_epcis_schemas(Router& router);

}  // namespace kl::http::epcis_json
