#include "trace/trace_repo.h"

#include <charconv>

#include "core/identifier.h"
#include "trace/epcis_service.h"
#include "store/stored.h"
#include "trace/trace_code.h"

namespace kl::trace {

namespace {

using store::null;
using store::optional_int;
using store::optional_text;
using store::Row;
using store::Value;

// Ids per statement of a batched lookup: well below both back ends' parameter limits.
constexpr size_t ids_per_query = 500;
// The position of seq among the columns stage_event writes.
constexpr size_t event_seq_column = 2;

const std::string lot_columns =
    "l.id, l.producer_id, p.name AS producer_name, p.name_en AS producer_name_en, p.county_code, l.product_id, "
    "pr.name_zh AS product_name, pr.name_en AS product_name_en, l.grade, l.lot_code, l.unit, l.sscc, l.quantity_unit, "
    "l.quantity, l.on_hand, l.harvest_date, l.pack_date, l.trace_code, l.origin_event_id, l.created_at_ms, l.updated_at_ms";
const std::string lot_from = " FROM trace_lots l JOIN organisations p ON p.id = l.producer_id JOIN products pr ON pr.id = l.product_id";

Lot lot_from_row(const Row& row) {
    Lot lot;
    lot.id = row.text("id");
    lot.producer_id = row.text("producer_id");
    lot.producer_name = row.text("producer_name");
    lot.producer_name_en = row.text("producer_name_en");
    lot.county = row.opt_text("county_code").value_or("");
    lot.product_id = row.text("product_id");
    lot.product_name = row.text("product_name");
    lot.product_name_en = row.text("product_name_en");
    lot.grade = row.text("grade");
    lot.lot_code = row.text("lot_code");
    lot.unit = store::stored_enum<LotUnit>(row.text("unit"));
    lot.sscc = row.opt_text("sscc");
    lot.quantity_unit = store::stored_enum<QuantityUnit>(row.text("quantity_unit"));
    lot.quantity = row.i64("quantity");
    lot.on_hand = row.i64("on_hand");
    lot.harvest_date = store::stored_opt_date(row.opt_text("harvest_date"));
    lot.pack_date = store::stored_opt_date(row.opt_text("pack_date"));
    lot.trace_code = row.text("trace_code");
    lot.origin_event_id = row.text("origin_event_id");
    lot.created_at_ms = row.i64("created_at_ms");
    lot.updated_at_ms = row.i64("updated_at_ms");
    return lot;
}

Result<void> read_suppliers(store::Tx& tx, Lot& lot) {
    KL_TRY_ASSIGN(lot.suppliers,
                  store::query_as(tx,
                                  "SELECT s.supplier_id, s.quantity, o.name FROM trace_lot_suppliers s JOIN organisations o "
                                  "ON o.id = s.supplier_id WHERE s.lot_id = $1 ORDER BY s.supplier_id",
                                  {lot.id}, [](const Row& row) {
                                      return LotSupplier{row.text(0), row.i64(1), row.text(2)};
                                  }));
    return ok();
}

std::string_view list_name(int list) {
    static constexpr std::string_view names[] = {"quantity", "child", "input", "output"};
    return names[list];
}

std::vector<QuantityElement>& list_of(Event& event, std::string_view name) {
    if (name == "child") return event.child_quantities;
    if (name == "input") return event.inputs;
    if (name == "output") return event.outputs;
    return event.quantities;
}

Event event_from_row(const Row& row) {
    Event event;
    event.id = row.text("id");
    event.event_id = row.text("event_id");
    event.seq = row.i64("seq");
    event.type = store::stored_enum<EventType>(row.text("type"));
    if (auto action = row.opt_text("action")) event.action = store::stored_enum<Action>(*action);
    event.event_time_ms = row.i64("event_time_ms");
    event.event_time_zone_offset = row.text("event_time_zone_offset");
    event.record_time_ms = row.i64("record_time_ms");
    if (auto step = row.opt_text("biz_step")) event.biz_step = store::stored_enum<BizStep>(*step);
    if (auto disposition = row.opt_text("disposition")) event.disposition = store::stored_enum<Disposition>(*disposition);
    event.read_point = row.opt_text("read_point");
    event.biz_location = row.opt_text("biz_location");
    event.parent_id = row.opt_text("parent_id");
    event.transformation_id = row.opt_text("transformation_id");
    if (auto process = row.opt_text("process")) event.process = store::stored_enum<Process>(*process);
    event.loss_grams = row.opt_i64("loss_grams");
    event.recorded_by = row.opt_text("recorded_by");
    event.recorded_role = row.text("recorded_role");
    return event;
}

// The lists, transactions and error declaration of an event read by its row.
Result<void> read_event_parts(store::Tx& tx, Event& event) {
    KL_TRY_ASSIGN(store::Rows quantities,
                  tx.query("SELECT q.list, q.lot_id, q.quantity, l.quantity_unit, l.producer_id, l.lot_code, l.lot_code_key, "
                           "l.product_id, l.grade FROM trace_event_quantities q JOIN trace_lots l ON l.id = q.lot_id "
                           "WHERE q.event_pk = $1 ORDER BY q.list, q.seq",
                           {event.id}));
    for (const auto& row : quantities) {
        QuantityElement element;
        element.lot_id = row.text(1);
        element.quantity = row.i64(2);
        element.unit = store::stored_enum<QuantityUnit>(row.text(3));
        element.epc_class = lot_class_uri(row.text(4), row.text(6));
        element.lot_code = row.text(5);
        element.product_id = row.text(7);
        element.grade = row.text(8);
        list_of(event, row.text(0)).push_back(std::move(element));
    }
    KL_TRY_ASSIGN(store::Rows transactions,
                  tx.query("SELECT type, biz_transaction, order_id FROM trace_event_biz_transactions WHERE event_pk = $1 ORDER BY seq",
                           {event.id}));
    for (const auto& row : transactions) {
        BizTransaction transaction;
        transaction.type = store::stored_enum<BizTransactionType>(row.text(0));
        // The stored URI (biz_transaction_uri) read back as the id it was made from.
        transaction.id = row.opt_text("order_id").value_or(biz_transaction_id(transaction.type, row.text(1)).value_or(row.text(1)));
        event.biz_transactions.push_back(std::move(transaction));
    }
    KL_TRY_ASSIGN(store::Rows declared,
                  tx.query("SELECT id, declaration_time_ms, reason, recorded_at_ms FROM trace_error_declarations WHERE event_pk = $1",
                           {event.id}));
    if (!declared.empty()) {
        ErrorDeclaration declaration;
        declaration.declaration_time_ms = declared[0].i64(1);
        declaration.reason = store::stored_enum<ErrorReason>(declared[0].text(2));
        declaration.recorded_at_ms = declared[0].i64(3);
        KL_TRY_ASSIGN(declaration.corrective_event_ids,
                      store::query_as(tx, "SELECT event_id FROM trace_error_corrective_ids WHERE declaration_id = $1 ORDER BY seq",
                                      {declared[0].text(0)}, [](const Row& row) { return row.text(0); }));
        event.error_declaration = std::move(declaration);
    }
    return ok();
}

const std::string event_columns =
    "e.id, e.event_id, e.seq, e.type, e.action, e.event_time_ms, e.event_time_zone_offset, e.record_time_ms, e.biz_step, "
    "e.disposition, e.read_point, e.biz_location, e.parent_id, e.transformation_id, e.process, e.loss_grams, "
    "e.recorded_by, e.recorded_role";

// The lineage edges of an event (migration 0028_trace_edges): transformed, packed, shipped. A lot
// named twice in one list makes one edge with the sum.
void stage_edges(std::vector<store::Params>& rows, const Event& event) {
    struct Edge {
        std::string kind, from_lot, to_kind, to_id;
        int64_t quantity = 0, to_quantity = 0;
    };
    std::vector<Edge> edges;
    auto add = [&edges](std::string kind, const std::string& from, std::string to_kind, const std::string& to, int64_t quantity,
                        int64_t to_quantity) {
        for (auto& edge : edges) {
            if (edge.kind == kind && edge.from_lot == from && edge.to_kind == to_kind && edge.to_id == to) {
                edge.quantity += quantity;
                edge.to_quantity += to_quantity;
                return;
            }
        }
        edges.push_back(Edge{std::move(kind), from, std::move(to_kind), to, quantity, to_quantity});
    };
    if (event.type == EventType::transformation) {
        for (const auto& input : event.inputs) {
            for (const auto& output : event.outputs) add("transformed", input.lot_id, "lot", output.lot_id, input.quantity, output.quantity);
        }
    } else if (event.type == EventType::aggregation && event.action == Action::add && event.parent_id) {
        for (const auto& child : event.child_quantities) add("packed", child.lot_id, "pallet", *event.parent_id, child.quantity, child.quantity);
    } else if (event.type == EventType::object && event.biz_step == BizStep::shipping) {
        for (const auto& transaction : event.biz_transactions) {
            if (transaction.type != BizTransactionType::po) continue;
            for (const auto& element : event.quantities) add("shipped", element.lot_id, "order", transaction.id, element.quantity, element.quantity);
        }
    }
    for (const auto& edge : edges) {
        rows.push_back({event.id, edge.kind, edge.from_lot, edge.to_kind, edge.to_id, edge.quantity, edge.to_quantity});
    }
}

}  // namespace

// ---- lots ------------------------------------------------------------------------------------------

Result<void> insert_lot(store::Tx& tx, const Lot& lot, const std::string& lot_code_key,
                        const std::optional<std::string>& created_by) {
    KL_TRY(store::exec(tx,
                       "INSERT INTO trace_lots (id, producer_id, product_id, grade, lot_code, lot_code_key, unit, sscc, quantity_unit, "
                       "quantity, on_hand, harvest_date, pack_date, trace_code, origin_event_id, created_by, created_at_ms, "
                       "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)",
                       {lot.id, lot.producer_id, lot.product_id, lot.grade, lot.lot_code, lot_code_key,
                        std::string(to_string(lot.unit)), optional_text(lot.sscc), std::string(to_string(lot.quantity_unit)),
                        lot.quantity, lot.on_hand, store::date_value(lot.harvest_date), store::date_value(lot.pack_date),
                        lot.trace_code, lot.origin_event_id, optional_text(created_by), lot.created_at_ms}));
    for (const auto& supplier : lot.suppliers) {
        KL_TRY(store::exec(tx, "INSERT INTO trace_lot_suppliers (lot_id, supplier_id, quantity) VALUES ($1, $2, $3)",
                           {lot.id, supplier.supplier_id, supplier.quantity}));
    }
    return ok();
}

Result<std::optional<Lot>> find_lot(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Lot> lot, store::query_first(tx, "SELECT " + lot_columns + lot_from + " WHERE l.id = $1", {id}, lot_from_row));
    if (lot) KL_TRY(read_suppliers(tx, *lot));
    return lot;
}

Result<std::vector<Lot>> find_lots(store::Tx& tx, const std::vector<std::string>& ids) {
    std::vector<Lot> lots;
    KL_TRY(store::query_by_ids(tx, "SELECT " + lot_columns + lot_from + " WHERE l.id", "", {}, ids, ids_per_query,
                               [&](const Row& row) -> Result<void> {
                                   lots.push_back(lot_from_row(row));
                                   return ok();
                               }));
    return lots;
}

Result<std::optional<std::string>> find_lot_by_code(store::Tx& tx, const std::string& producer_id, const std::string& lot_code_key) {
    return store::query_first_text(tx, "SELECT id FROM trace_lots WHERE producer_id = $1 AND lot_code_key = $2",
                                   {producer_id, lot_code_key});
}

Result<std::optional<std::string>> find_lot_by_sscc(store::Tx& tx, const std::string& sscc) {
    return store::query_first_text(tx, "SELECT id FROM trace_lots WHERE sscc = $1", {sscc});
}

Result<bool> trace_code_taken(store::Tx& tx, const std::string& code) {
    return store::row_exists(tx, "SELECT 1 FROM trace_lots WHERE trace_code = $1", {code});
}

Result<bool> producer_has_lots_of(store::Tx& tx, const std::string& producer_id, const std::string& product_id) {
    return store::row_exists(tx, "SELECT 1 FROM trace_lots WHERE producer_id = $1 AND product_id = $2", {producer_id, product_id});
}

Result<bool> take_from_lot(store::Tx& tx, const std::string& lot_id, int64_t quantity, int64_t now_ms) {
    // One conditional statement: two writers racing for the last grams cannot both succeed, and
    // what stays in the lot still covers what its pallets hold.
    KL_TRY_ASSIGN(int64_t changed,
                  tx.execute("UPDATE trace_lots SET on_hand = on_hand - $2, updated_at_ms = $3 WHERE id = $1 AND on_hand - $2 >= "
                             "(SELECT COALESCE(SUM(quantity), 0) FROM trace_pallet_contents WHERE lot_id = $1)",
                             {lot_id, quantity, now_ms}));
    return changed == 1;
}

Result<std::string> lot_visibility_condition(store::Tx& tx, const std::optional<access::Principal>& actor, store::SqlQuery& query) {
    if (!actor || !access::is_org_scoped(actor->role)) return std::string("1 = 1");
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case access::Role::producer: return "l.producer_id = " + query.bind(org);
        case access::Role::county_officer: {
            KL_TRY_ASSIGN(std::optional<std::string> county,
                          store::query_first_text(tx, "SELECT county_code FROM organisations WHERE id = $1 AND county_code IS NOT NULL", {org}));
            if (!county) return std::string("1 = 0");
            return "p.county_code = " + query.bind(*county);
        }
        case access::Role::buyer:
        case access::Role::logistics: {
            const std::string side = actor->role == access::Role::buyer ? "o.buyer_id" : "o.carrier_id";
            return "l.id IN (SELECT s.lot_id FROM trace_shipments s JOIN orders o ON o.id = s.order_id WHERE " + side + " = " +
                   query.bind(org) + " AND s.lot_id IS NOT NULL)";
        }
        default: return std::string("1 = 0");
    }
}

Result<std::vector<Lot>> select_lots(store::Tx& tx, const LotFilter& filter, const std::string& visible, store::SqlQuery& query,
                                     const std::optional<std::string>& after, int limit) {
    query.where_text(visible);
    if (filter.product_id) query.where("l.product_id", *filter.product_id);
    if (filter.producer_id) query.where("l.producer_id", *filter.producer_id);
    if (filter.county) query.where("p.county_code", *filter.county);
    if (filter.code) {
        const std::string key = query.bind(identifier_key(*filter.code));
        const std::string code = query.bind(normalise_trace_code(*filter.code));
        query.where_text("(l.lot_code_key = " + key + " OR l.trace_code = " + code + ")");
    }
    const std::string sql = "SELECT " + lot_columns + lot_from + " WHERE " + query.page("l.id", after, limit);
    KL_TRY_ASSIGN(std::vector<Lot> lots, store::query_as(tx, sql, query.params(), lot_from_row));
    for (auto& lot : lots) KL_TRY(read_suppliers(tx, lot));
    return lots;
}

Result<bool> lot_visible(store::Tx& tx, const std::string& lot_id, const std::string& visible, store::SqlQuery& query) {
    const std::string id = query.bind(lot_id);
    return store::row_exists(tx, "SELECT 1" + lot_from + " WHERE l.id = " + id + " AND " + visible, query.params());
}

// ---- events ----------------------------------------------------------------------------------------

Result<std::optional<std::string>> find_event_pk(store::Tx& tx, const std::string& event_id) {
    return store::query_first_text(tx, "SELECT id FROM trace_events WHERE event_id = $1", {event_id});
}

Result<int64_t> reserve_event_seqs(store::Tx& tx, int64_t count) {
    KL_ASSERT(count >= 1);
    KL_TRY_ASSIGN(store::Rows rows, tx.query("UPDATE trace_event_sequence SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq",
                                             {count}));
    KL_ASSERT(rows.size() == 1);  // made by migration 0030
    return rows[0].i64(0) - count + 1;
}

void stage_event(EventRows& rows, const Event& event) {
    rows.events.push_back({event.id, event.event_id, event.seq, std::string(to_string(event.type)),
                           event.action ? Value(std::string(to_string(*event.action))) : null(), event.event_time_ms,
                           event.event_time_zone_offset, event.record_time_ms,
                           event.biz_step ? Value(std::string(to_string(*event.biz_step))) : null(),
                           event.disposition ? Value(std::string(to_string(*event.disposition))) : null(), optional_text(event.read_point),
                           optional_text(event.biz_location), optional_text(event.parent_id), optional_text(event.transformation_id),
                           event.process ? Value(std::string(to_string(*event.process))) : null(), optional_int(event.loss_grams),
                           optional_text(event.recorded_by), event.recorded_role});
    const std::vector<const std::vector<QuantityElement>*> lists = {&event.quantities, &event.child_quantities, &event.inputs,
                                                                    &event.outputs};
    for (size_t list = 0; list < lists.size(); ++list) {
        int64_t seq = 0;
        for (const auto& element : *lists[list]) {
            rows.quantities.push_back({event.id, std::string(list_name(static_cast<int>(list))), ++seq, element.lot_id, element.quantity});
        }
    }
    int64_t seq = 0;
    for (const auto& transaction : event.biz_transactions) {
        const bool order = transaction.type == BizTransactionType::po;
        rows.transactions.push_back({event.id, ++seq, std::string(to_string(transaction.type)), biz_transaction_uri(transaction),
                                     order ? Value(transaction.id) : null()});
    }
    stage_edges(rows.edges, event);
}

Result<int64_t> flush_event_rows(store::Tx& tx, EventRows& rows) {
    if (rows.events.empty()) return int64_t{0};
    // Numbered now, in the order staged: one counter update for the whole batch.
    KL_TRY_ASSIGN(const int64_t first_seq, reserve_event_seqs(tx, static_cast<int64_t>(rows.events.size())));
    int64_t seq = first_seq;
    for (auto& row : rows.events) row[event_seq_column] = seq++;
    KL_TRY(store::insert_param_rows(tx,
                                    "INSERT INTO trace_events (id, event_id, seq, type, action, event_time_ms, event_time_zone_offset, "
                                    "record_time_ms, biz_step, disposition, read_point, biz_location, parent_id, transformation_id, process, "
                                    "loss_grams, recorded_by, recorded_role)",
                                    "", 18, rows.events));
    if (!rows.quantities.empty()) {
        KL_TRY(store::insert_param_rows(tx, "INSERT INTO trace_event_quantities (event_pk, list, seq, lot_id, quantity)", "", 5, rows.quantities));
    }
    if (!rows.transactions.empty()) {
        KL_TRY(store::insert_param_rows(tx, "INSERT INTO trace_event_biz_transactions (event_pk, seq, type, biz_transaction, order_id)", "", 5,
                                        rows.transactions));
    }
    if (!rows.edges.empty()) {
        KL_TRY(store::insert_param_rows(tx, "INSERT INTO trace_edges (event_pk, kind, from_lot, to_kind, to_id, quantity, to_quantity)", "", 7,
                                        rows.edges));
    }
    rows = EventRows{};
    return first_seq;
}

Result<void> insert_event(store::Tx& tx, Event& event) {
    EventRows rows;
    stage_event(rows, event);
    KL_TRY_ASSIGN(event.seq, flush_event_rows(tx, rows));
    return ok();
}

Result<std::set<std::string>> stored_event_ids(store::Tx& tx, const std::vector<std::string>& event_ids) {
    std::set<std::string> stored;
    KL_TRY(store::query_by_ids(tx, "SELECT event_id FROM trace_events WHERE event_id", "", {}, event_ids, ids_per_query,
                               [&](const Row& row) -> Result<void> {
                                   stored.insert(row.text(0));
                                   return ok();
                               }));
    return stored;
}

Result<std::set<std::string>> existing_organisations(store::Tx& tx, const std::vector<std::string>& ids) {
    std::set<std::string> found;
    KL_TRY(store::query_by_ids(tx, "SELECT id FROM organisations WHERE id", "", {}, ids, ids_per_query, [&](const Row& row) -> Result<void> {
        found.insert(row.text(0));
        return ok();
    }));
    return found;
}

Result<std::optional<Event>> find_event(store::Tx& tx, const std::string& pk) {
    KL_TRY_ASSIGN(std::optional<Event> event,
                  store::query_first(tx, "SELECT " + event_columns + " FROM trace_events e WHERE e.id = $1", {pk}, event_from_row));
    if (event) KL_TRY(read_event_parts(tx, *event));
    return event;
}

std::string event_order_key(int64_t event_time_ms, int64_t seq) { return std::to_string(event_time_ms) + ":" + std::to_string(seq); }

std::string event_order_key(const Event& event) { return event_order_key(event.event_time_ms, event.seq); }

Result<std::string> event_order_page(store::SqlQuery& query, const std::optional<std::string>& after, int limit) {
    if (after) {
        const size_t colon = after->find(':');
        int64_t time_ms = 0, seq = 0;
        const char* const begin = after->data();
        const char* const end = begin + after->size();
        const bool parsed = colon != std::string::npos && colon + 1 < after->size() &&
                            std::from_chars(begin, begin + colon, time_ms).ptr == begin + colon &&
                            std::from_chars(begin + colon + 1, end, seq).ptr == end;
        if (!parsed) return fail_field("cursor", ProblemCode::bad_format, "is not a cursor of this list");
        const std::string time = query.bind(time_ms);
        query.where_text("(e.event_time_ms > " + time + " OR (e.event_time_ms = " + time + " AND e.seq > " + query.bind(seq) + "))");
    }
    return query.condition() + " ORDER BY e.event_time_ms, e.seq LIMIT " + query.bind(static_cast<int64_t>(limit) + 1);
}

Result<std::vector<Event>> events_of_lot(store::Tx& tx, const std::string& lot_id, const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    query.where_text("e.id IN (SELECT event_pk FROM trace_event_quantities WHERE lot_id = " + query.bind(lot_id) + ")");
    KL_TRY_ASSIGN(std::string page, event_order_page(query, after, limit));
    KL_TRY_ASSIGN(std::vector<Event> events,
                  store::query_as(tx, "SELECT " + event_columns + " FROM trace_events e WHERE " + page, query.params(), event_from_row));
    for (auto& event : events) KL_TRY(read_event_parts(tx, event));
    return events;
}

Result<std::vector<std::string>> lots_of_event(store::Tx& tx, const std::string& pk) {
    return store::query_as(tx, "SELECT DISTINCT lot_id FROM trace_event_quantities WHERE event_pk = $1 ORDER BY lot_id", {pk},
                           [](const Row& row) { return row.text(0); });
}

Result<bool> event_declared(store::Tx& tx, const std::string& pk) {
    return store::row_exists(tx, "SELECT 1 FROM trace_error_declarations WHERE event_pk = $1", {pk});
}

Result<void> insert_error_declaration(store::Tx& tx, const std::string& id, const std::string& event_pk,
                                      const ErrorDeclaration& declaration, const std::optional<std::string>& recorded_by) {
    KL_TRY(store::exec(tx, "INSERT INTO trace_error_declarations (id, event_pk, declaration_time_ms, reason, recorded_by, recorded_at_ms) "
                           "VALUES ($1, $2, $3, $4, $5, $6)",
                       {id, event_pk, declaration.declaration_time_ms, std::string(to_string(declaration.reason)),
                        optional_text(recorded_by), declaration.recorded_at_ms}));
    int64_t seq = 0;
    for (const auto& corrective : declaration.corrective_event_ids) {
        KL_TRY(store::exec(tx, "INSERT INTO trace_error_corrective_ids (declaration_id, seq, event_id) VALUES ($1, $2, $3)",
                           {id, ++seq, corrective}));
    }
    return ok();
}

// ---- pallets ---------------------------------------------------------------------------------------

Result<void> put_on_pallet(store::Tx& tx, const std::string& sscc, const std::string& lot_id, int64_t quantity) {
    return store::exec(tx, "INSERT INTO trace_pallet_contents (sscc, lot_id, quantity) VALUES ($1, $2, $3) "
                           "ON CONFLICT (sscc, lot_id) DO UPDATE SET quantity = trace_pallet_contents.quantity + excluded.quantity",
                       {sscc, lot_id, quantity});
}

Result<bool> take_off_pallet(store::Tx& tx, const std::string& sscc, const std::string& lot_id, int64_t quantity) {
    KL_TRY_ASSIGN(int64_t removed, tx.execute("DELETE FROM trace_pallet_contents WHERE sscc = $1 AND lot_id = $2 AND quantity = $3",
                                              {sscc, lot_id, quantity}));
    if (removed == 1) return true;
    KL_TRY_ASSIGN(int64_t changed, tx.execute("UPDATE trace_pallet_contents SET quantity = quantity - $3 "
                                              "WHERE sscc = $1 AND lot_id = $2 AND quantity > $3",
                                              {sscc, lot_id, quantity}));
    return changed == 1;
}

Result<std::vector<PalletItem>> pallet_contents(store::Tx& tx, const std::string& sscc) {
    return store::query_as(tx, "SELECT lot_id, quantity FROM trace_pallet_contents WHERE sscc = $1 ORDER BY lot_id", {sscc},
                           [](const Row& row) { return PalletItem{row.text(0), row.i64(1)}; });
}

Result<int64_t> lot_on_pallets(store::Tx& tx, const std::string& lot_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COALESCE(SUM(quantity), 0) FROM trace_pallet_contents WHERE lot_id = $1", {lot_id}));
    return rows[0].i64(0);
}

Result<std::vector<PalletShare>> pallets_of_lot(store::Tx& tx, const std::string& lot_id) {
    return store::query_as(tx, "SELECT sscc, quantity FROM trace_pallet_contents WHERE lot_id = $1 ORDER BY sscc", {lot_id},
                           [](const Row& row) { return PalletShare{row.text(0), row.i64(1)}; });
}

Result<int64_t> next_sscc_serial(store::Tx& tx, const std::string& company_prefix) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("INSERT INTO trace_sscc_serials (company_prefix, next_serial) VALUES ($1, 2) "
                                             "ON CONFLICT (company_prefix) DO UPDATE SET next_serial = trace_sscc_serials.next_serial + 1 "
                                             "RETURNING next_serial",
                                             {company_prefix}));
    return rows[0].i64(0) - 1;
}

// ---- shipped orders --------------------------------------------------------------------------------

Result<void> insert_shipment_rows(store::Tx& tx, const std::string& order_id, const std::vector<ShipmentRow>& rows) {
    int64_t seq = 0;
    for (const auto& row : rows) {
        KL_TRY(store::exec(tx, "INSERT INTO trace_shipments (order_id, line_no, seq, lot_id, quantity, lot_quantity) "
                               "VALUES ($1, $2, $3, $4, $5, $6)",
                           {order_id, row.line_no, ++seq, optional_text(row.lot_id), row.quantity, row.lot_quantity}));
    }
    return ok();
}

Result<std::vector<ShipmentRow>> shipment_rows(store::Tx& tx, const std::string& order_id) {
    return store::query_as(tx, "SELECT line_no, lot_id, quantity, lot_quantity FROM trace_shipments WHERE order_id = $1 ORDER BY seq",
                           {order_id}, [](const Row& row) {
                               return ShipmentRow{row.i64(0), row.opt_text("lot_id"), row.i64(2), row.i64(3)};
                           });
}

Result<bool> lot_shipped_to(store::Tx& tx, const std::string& lot_id, const std::string& org_id, bool as_carrier) {
    const std::string side = as_carrier ? "o.carrier_id" : "o.buyer_id";
    return store::row_exists(tx, "SELECT 1 FROM trace_shipments s JOIN orders o ON o.id = s.order_id WHERE s.lot_id = $1 AND " + side + " = $2",
                             {lot_id, org_id});
}

}  // namespace kl::trace
