#pragma once
// Lots and their EPCIS 2.0 events (trace_types.h): recording a lot (its commissioning event),
// recording events (observe, pack/unpack onto pallets, transform, link to business transactions,
// remove), declaring an event wrong, reading lots and a lot's events, all scoped by trace_access.h;
// and the order lifecycle's port (orders/shipment_lots.h) that ships, delivers and accepts with lots.
//
// Rules (invalid_argument naming the field unless said otherwise):
//   lots      product_id a product of the producer; grade a grade of its brand standard (or "");
//             lot_code an identifier unique per producer by its key (look-alikes are one code:
//             already_exists naming lot_code); unit pallet ⇔ an SSCC-18 with a valid check digit
//             (sscc); quantity 1..10^12 in grams (products sold by kg or jin) or units of sale
//             (boxes, pieces); harvest_date ≤ pack_date ≤ today; suppliers among the producer's
//             supply links, each once, their quantities adding up to at most the lot's.
//   events    event_time at most event_time_future_tolerance_ms ahead of now; an offset ±HH:MM;
//             action required except for a TransformationEvent (which takes none); bizStep and
//             disposition CBV 2.0 names; lots that exist (quantity_list/<j>/lot_id); a quantity no
//             more than a lot holds where the event takes from it (DELETE, transformation inputs,
//             packing onto a pallet); a transformation's outputs are new lots of the inputs'
//             producer whose grams plus loss_grams equal the inputs' grams (outputs beyond the
//             inputs: output_quantity_list; a shortfall without the loss stated: loss_grams).
//   again     an event whose eventID (the CBV 2.0 hash) is stored already changes nothing and
//             answers the stored event (Recorded::created false).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "audit/audit_trail.h"
#include "core/result.h"
#include "orders/shipment_lots.h"
#include "store/store.h"
#include "trace/trace_access.h"
#include "trace/trace_repo.h"
#include "trace/trace_types.h"

namespace kl::trace {

struct TraceOptions {
    // The GS1 company prefix the platform makes SSCCs from (a pallet packed without an SSCC gets the
    // next one); empty: pallets must be named by their SSCC.
    std::string gs1_company_prefix;
    int sscc_extension_digit = 0;
};

struct EventPage {
    std::vector<Event> events;
    std::optional<std::string> next_cursor;
};

struct LotPage {
    std::vector<Lot> lots;
    std::optional<std::string> next_cursor;
};

// What recording many events in one transaction shares (the EPCIS capture of a document,
// epcis_service.h): reads made once for the whole batch instead of once per event, and the events'
// rows and audit events written together by TraceService::flush_batch instead of one statement
// each. Only reads that stay true within the transaction are kept (a lot's identity, producer and
// unit, never its stock; that an organisation exists; that an eventID was not stored before).
struct RecordBatch {
    std::map<std::string, Lot> lots;              // by id (on_hand is not read from here)
    std::set<std::string> organisations;          // ids that exist
    std::set<std::string> event_ids_not_stored;   // eventIDs stored neither before nor in this batch
    std::set<std::string> orders_seen;            // orders (type po) found and visible to the actor
    EventRows rows;                               // written by flush_batch
    std::vector<audit::AuditEvent> audit;         // appended by flush_batch
};

class TraceService {
public:
    // Lots recorded, events recorded through record_event and error declarations are appended to
    // `audit` (the order lifecycle's own events are on the order's timeline, which is audited there).
    TraceService(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit, TraceOptions options = {})
        : store_(store), clock_(clock), ids_(ids), audit_(audit), options_(std::move(options)) {}

    // admin for any producer, a producer for itself. The lot and its commissioning event.
    Result<Lot> record_lot(const Actor& actor, const NewLot& input);
    Result<Lot> get_lot(const Actor& actor, const std::string& id);
    Result<LotPage> list_lots(const Actor& actor, const LotFilter& filter, int limit, const std::optional<std::string>& cursor);
    // The lot's events in the order recorded, keyset-paginated (scoped as the lot).
    Result<EventPage> lot_events(const Actor& actor, const std::string& lot_id, int limit, const std::optional<std::string>& cursor);

    // One event of any kind but commissioning (record_lot does that); its quantity elements name
    // lots by lot_id (outputs of a transformation: the new lots' lot_code, product_id, grade).
    Result<Recorded> record_event(const Actor& actor, Event input);
    // errorDeclaration: a new record naming the event declared wrong; the event is never edited.
    // not_found naming event_id; conflict when it was declared already; corrective event ids must
    // be stored events.
    Result<Event> declare_error(const Actor& actor, const ErrorDeclarationInput& input);
    // record_event and declare_error inside the caller's write transaction (the EPCIS capture of
    // epcis_service.h records a whole document in one); the caller checked require_event_recorder.
    // With read_back false a new event is answered as built (its eventID and row id set) instead of
    // read again from the tables: a capture of 10,000 events needs only the eventIDs.
    // With a batch, what it holds is not read again and the new event is staged in it: nothing of
    // the event is in the tables until flush_batch (so read_back must be false).
    Result<Recorded> record_event_in(store::Tx& tx, const Actor& actor, Event input, bool read_back = true, RecordBatch* batch = nullptr) {
        return record_in(tx, actor, std::move(input), read_back, batch);
    }
    // Writes the events staged in `batch` (in the order recorded) and their audit events.
    Result<void> flush_batch(store::Tx& tx, RecordBatch& batch);
    Result<Event> declare_error_in(store::Tx& tx, const Actor& actor, const ErrorDeclarationInput& input);

    // The port of orders/shipment_lots.h, inside the order transition's transaction.
    Result<void> order_shipped(store::Tx& tx, const orders::Order& order, const std::vector<orders::LineLots>& lines,
                               const Actor& actor, int64_t now_ms);
    Result<void> order_received(store::Tx& tx, const orders::Order& order, orders::OrderAction action, const Actor& actor,
                                int64_t now_ms);

private:
    Result<Recorded> record_in(store::Tx& tx, const Actor& actor, Event event, bool read_back = true, RecordBatch* batch = nullptr);
    Result<void> apply_effects(store::Tx& tx, Event& event, const Actor& actor);
    Result<std::string> new_trace_code_in(store::Tx& tx);
    Result<Event> store_platform_event(store::Tx& tx, Event event, const Actor& actor);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
    TraceOptions options_;
};

// The port the composition root hands to orders::OrderService::set_shipment_lots.
orders::ShipmentLots shipment_lots_port(TraceService& trace);

// A time as EPCIS writes it: YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM) → epoch ms and the offset
// ("+00:00" for Z); invalid_argument naming `field` otherwise.
struct EventTime {
    int64_t epoch_ms = 0;
    std::string offset;
};
Result<EventTime> parse_event_time(std::string_view text, const std::string& field);
// invalid_argument naming `field` unless `offset` is ±HH:MM (hours 00–14, minutes 00–59).
Result<void> check_time_zone_offset(std::string_view offset, const std::string& field);

}  // namespace kl::trace
