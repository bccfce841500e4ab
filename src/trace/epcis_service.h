#pragma once
// The EPCIS 2.0 interface at the edges of the trace module (README "Traceability" → "EPCIS
// interface"): capturing a document of events all or nothing, and answering the EPCIS query
// parameters over the stored events. The JSON-LD codec is the HTTP layer's
// (http/routes/epcis_json.h); here the decoded events are resolved against stored lots and recorded
// through TraceService, inside ONE write transaction.
//
// Capture rules, beyond TraceService::record_event's (trace_service.h):
//   - a quantity element names its lot by epcClass: urn:kashlink:lot:<producer id>:<lot code key>
//     (lot_class_uri); GS1 Digital Link lot URIs (https://id.gs1.org/01/<gtin>/10/<lot>) are
//     understood and refused, since no product of the platform carries a GTIN yet;
//   - uom GRM for a lot counted in grams, none for one counted in units;
//   - an event whose eventID (the CBV 2.0 hash, computed here) is stored already is a no-op, as is
//     the same event twice in one document; a sent eventID must be that hash;
//   - an event carrying errorDeclaration declares the stored event it repeats wrong (EPCIS 2.0
//     §7.4.1.2: the erroneous event is sent again with the declaration);
//   - every problem of the document is answered at once, each named
//     epcisBody/eventList/<index>/<EPCIS field>, and nothing is stored; a permission refusal
//     (another producer's lot) refuses the whole document (403).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"
#include "trace/trace_access.h"
#include "trace/trace_service.h"
#include "trace/trace_types.h"

namespace kl::trace {

// Events in one captured document at most (issue 16; a document of 10,000 events commits well
// under a second, so capture is synchronous).
inline constexpr size_t epcis_capture_events_max = 10'000;
// Values of one query parameter (a comma-separated list) at most.
inline constexpr size_t epcis_query_values_max = 50;

// One event of a captured document, decoded (quantity elements carry epc_class, not lot_id yet;
// a transformation's outputs carry their new lot's lot_code, product_id and grade).
struct CaptureEvent {
    Event event;
    std::optional<std::string> sent_event_id;
    std::optional<ErrorDeclaration> declaration;
};

struct CaptureOutcome {
    int64_t captured = 0;         // events stored by this document
    int64_t already_present = 0;  // events whose eventID was stored already (or repeated in it)
    int64_t declared = 0;         // error declarations recorded
    std::vector<std::string> event_ids;  // in document order
};

// The subset of the EPCIS 2.0 query parameters answered (every list is OR'ed, the parameters AND'ed).
struct EventQuery {
    std::vector<EventType> event_types;
    std::optional<int64_t> ge_event_time_ms;
    std::optional<int64_t> lt_event_time_ms;
    std::vector<BizStep> biz_steps;
    std::vector<Disposition> dispositions;
    // MATCH_epc: lot class URIs or SSCC URIs, matched in quantityList and childQuantityList (an SSCC:
    // the pallet lot it identifies). MATCH_anyEPC: in every list, and an SSCC also as parentID.
    std::vector<std::string> match_epc;
    std::vector<std::string> match_any_epc;
    std::vector<std::string> biz_locations;  // location URIs
    struct Transactions {
        BizTransactionType type;
        std::vector<std::string> uris;
    };
    std::vector<Transactions> biz_transactions;  // EQ_bizTransaction_<type>
};

struct EventQueryPage {
    std::vector<Event> events;
    std::optional<std::string> next_cursor;
};

// Parses a lot's epcClass: producer id and lot code key (nullopt when it is not a platform lot URI).
struct LotClass {
    std::string producer_id;
    std::string lot_code_key;
};
std::optional<LotClass> parse_lot_class_uri(std::string_view uri);
// The SSCC of https://id.gs1.org/00/<sscc> or urn:epc:id:sscc:<prefix>.<serial reference>; nullopt
// when `uri` is neither form (the digits are not validated here).
std::optional<std::string> parse_sscc_uri(std::string_view uri);
// The order id or document number of a business transaction URI of `type` (biz_transaction_uri's
// inverse: urn:kashlink:order:<id>, urn:kashlink:<type>:<percent-encoded number>); nullopt otherwise.
std::optional<std::string> biz_transaction_id(BizTransactionType type, std::string_view uri);
// The organisation id of urn:kashlink:loc:<id>; nullopt otherwise.
std::optional<std::string> parse_location_uri(std::string_view uri);

class EpcisService {
public:
    EpcisService(store::Store& store, const Clock& clock, TraceService& trace) : store_(store), clock_(clock), trace_(trace) {}

    // The creationDate of the documents answered.
    int64_t now_ms() const { return clock_.now_ms(); }

    // All or nothing, in one transaction (rules above).
    Result<CaptureOutcome> capture(const Actor& actor, std::vector<CaptureEvent> events);
    // Events matching `query` that the actor sees (an event is seen when it names a lot the actor
    // sees; the unscoped roles see every event), in the order recorded, one keyset page.
    Result<EventQueryPage> query(const Actor& actor, const EventQuery& query, int limit, const std::optional<std::string>& cursor);

private:
    store::Store& store_;
    const Clock& clock_;
    TraceService& trace_;
};

}  // namespace kl::trace
