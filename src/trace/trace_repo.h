#pragma once
// All of the trace module's SQL (migration 0024_trace): lots, their suppliers, events with their
// child lists, error declarations, pallet contents, the lots of shipped orders and SSCC serials.
// The service passes typed values; conditions of lists are built here.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/result.h"
#include "store/sql.h"
#include "store/store.h"
#include "trace/trace_types.h"

namespace kl::trace {

// ---- lots ------------------------------------------------------------------------------------------
Result<void> insert_lot(store::Tx& tx, const Lot& lot, const std::string& lot_code_key,
                        const std::optional<std::string>& created_by);
Result<std::optional<Lot>> find_lot(store::Tx& tx, const std::string& id);
// The lots with these ids (suppliers not read), in no particular order; unknown ids are skipped.
Result<std::vector<Lot>> find_lots(store::Tx& tx, const std::vector<std::string>& ids);
Result<std::optional<std::string>> find_lot_by_code(store::Tx& tx, const std::string& producer_id,
                                                    const std::string& lot_code_key);
Result<std::optional<std::string>> find_lot_by_sscc(store::Tx& tx, const std::string& sscc);
Result<bool> trace_code_taken(store::Tx& tx, const std::string& code);
// Whether the producer has recorded any lot of the product.
Result<bool> producer_has_lots_of(store::Tx& tx, const std::string& producer_id, const std::string& product_id);
// Takes `quantity` out of the lot when that much of it is off pallets (what is packed on a pallet
// moves with the pallet, so it is unpacked first): false (and nothing changed) otherwise.
Result<bool> take_from_lot(store::Tx& tx, const std::string& lot_id, int64_t quantity, int64_t now_ms);

// The condition restricting lots `l` (joined with their producer `p`) to what `actor` sees,
// binding its values into `query` (trace_access.h has the rule): "1 = 1" for every lot.
Result<std::string> lot_visibility_condition(store::Tx& tx, const std::optional<access::Principal>& actor,
                                             store::SqlQuery& query);
// Lots matching the filter and `visible`, by id, one keyset page (store/page.h).
Result<std::vector<Lot>> select_lots(store::Tx& tx, const LotFilter& filter, const std::string& visible,
                                     store::SqlQuery& query, const std::optional<std::string>& after, int limit);
// Whether the lot satisfies the visibility condition.
Result<bool> lot_visible(store::Tx& tx, const std::string& lot_id, const std::string& visible, store::SqlQuery& query);

// ---- events ----------------------------------------------------------------------------------------
// The row id of the event with this eventID, if stored.
Result<std::optional<std::string>> find_event_pk(store::Tx& tx, const std::string& event_id);
// Reserves `count` consecutive event sequence numbers (migration 0030_trace_event_order) and returns
// the first; the counter row stays locked until the transaction ends.
Result<int64_t> reserve_event_seqs(store::Tx& tx, int64_t count);
// Writes the event and its lists (quantity elements must name stored lots); sets event.seq to the
// next sequence number.
Result<void> insert_event(store::Tx& tx, Event& event);
// The rows of events gathered to be written together (the EPCIS capture of a document): an event,
// its lists, business transactions and lineage edges, each table written by multi-row INSERTs.
struct EventRows {
    std::vector<store::Params> events, quantities, transactions, edges;
    bool empty() const { return events.empty(); }
};
// Adds the event's rows (its seq is given when they are written).
void stage_event(EventRows& rows, const Event& event);
// Writes the staged rows, numbering the events in the order staged; empties `rows`. Returns the
// first event's seq (0 when nothing was staged).
Result<int64_t> flush_event_rows(store::Tx& tx, EventRows& rows);
// Which of these eventIDs are stored.
Result<std::set<std::string>> stored_event_ids(store::Tx& tx, const std::vector<std::string>& event_ids);
// Which of these organisation ids exist.
Result<std::set<std::string>> existing_organisations(store::Tx& tx, const std::vector<std::string>& ids);
Result<std::optional<Event>> find_event(store::Tx& tx, const std::string& pk);
// The order every list of events pages in: event time, then recording order (seq). A page's cursor
// is the (event_time_ms, seq) of its last event as "<ms>:<seq>" (event_order_key), encoded as
// store/page.h encodes an id.
std::string event_order_key(const Event& event);
std::string event_order_key(int64_t event_time_ms, int64_t seq);
// The WHERE rest " … ORDER BY … LIMIT …" of a page of events `e` after `after` (an event_order_key;
// invalid_argument naming `cursor` when it is not one).
Result<std::string> event_order_page(store::SqlQuery& query, const std::optional<std::string>& after, int limit);
// The events naming the lot in any list, by event time then recording order, one keyset page.
Result<std::vector<Event>> events_of_lot(store::Tx& tx, const std::string& lot_id, const std::optional<std::string>& after, int limit);
// The lots an event names in any of its lists.
Result<std::vector<std::string>> lots_of_event(store::Tx& tx, const std::string& pk);
Result<bool> event_declared(store::Tx& tx, const std::string& pk);
Result<void> insert_error_declaration(store::Tx& tx, const std::string& id, const std::string& event_pk,
                                      const ErrorDeclaration& declaration, const std::optional<std::string>& recorded_by);

// ---- pallets ---------------------------------------------------------------------------------------
Result<void> put_on_pallet(store::Tx& tx, const std::string& sscc, const std::string& lot_id, int64_t quantity);
// Takes `quantity` of the lot off the pallet: false when the pallet holds less of it.
Result<bool> take_off_pallet(store::Tx& tx, const std::string& sscc, const std::string& lot_id, int64_t quantity);
struct PalletItem {
    std::string lot_id;
    int64_t quantity = 0;
};
Result<std::vector<PalletItem>> pallet_contents(store::Tx& tx, const std::string& sscc);
// How much of the lot is on pallets now (all of them).
Result<int64_t> lot_on_pallets(store::Tx& tx, const std::string& lot_id);
struct PalletShare {
    std::string sscc;
    int64_t quantity = 0;
};
// The pallets holding some of the lot now, by SSCC.
Result<std::vector<PalletShare>> pallets_of_lot(store::Tx& tx, const std::string& lot_id);
// The next serial reference for the company prefix (starting at 1), reserved in the transaction.
Result<int64_t> next_sscc_serial(store::Tx& tx, const std::string& company_prefix);

// ---- shipped orders --------------------------------------------------------------------------------
struct ShipmentRow {
    int64_t line_no = 0;
    std::optional<std::string> lot_id;  // nullopt: shipped without lots
    int64_t quantity = 0;               // units of sale
    int64_t lot_quantity = 0;           // in the lot's unit
};
Result<void> insert_shipment_rows(store::Tx& tx, const std::string& order_id, const std::vector<ShipmentRow>& rows);
Result<std::vector<ShipmentRow>> shipment_rows(store::Tx& tx, const std::string& order_id);
// Whether the lot shipped on an order the organisation buys (buyer) or carries (carrier).
Result<bool> lot_shipped_to(store::Tx& tx, const std::string& lot_id, const std::string& org_id, bool as_carrier);

}  // namespace kl::trace
