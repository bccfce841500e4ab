#include "trace/recall.h"

#include <map>
#include <set>

#include "access/permissions.h"
#include "audit/canonical_json.h"
#include "core/field_errors.h"
#include "store/page.h"
#include "trace/trace_graph.h"
#include "trace/trace_graph_repo.h"
#include "trace/trace_repo.h"

namespace kl::trace {

namespace {

Result<void> audit_change(audit::AuditTrail& trail, store::Tx& tx, const Actor& actor, std::string action, const std::string& id,
                          const audit::CanonicalJson& body) {
    KL_TRY(trail.append(tx, audit::AuditEvent{access::actor_name(actor), std::move(action), "trace.recall", id, body.str()}));
    return ok();
}

Error open_already(const std::string& lot_code) {
    Error error = Error::invalid("lot_id", ProblemCode::duplicate, "lot " + lot_code + " has an open recall already");
    error.code = ErrorCode::already_exists;
    return error;
}

// permission_denied unless `actor` may open a recall of `lot` (recall.h).
Result<void> require_may_open(store::Tx& tx, const Actor& actor, const Lot& lot) {
    if (!actor || actor->role == access::Role::admin) return ok();
    const std::string org = actor->org_id.value_or("");
    if (actor->role == access::Role::producer) {
        if (lot.producer_id == org) return ok();
        return fail(ErrorCode::permission_denied, "a producer recalls only its own lots");
    }
    KL_TRY_ASSIGN(std::optional<std::string> county, county_of(tx, org));
    if (county && *county == lot.county) return ok();
    return fail(ErrorCode::permission_denied, "a county officer recalls only lots of its county's producers");
}

// The buyers a forward trace reached, with what each received of each lot and on which orders.
std::vector<RecallNotice> notices_of(const TraceGraph& graph) {
    std::map<std::string, const OrderNode*> orders;
    for (const auto& node : graph.nodes) {
        if (node.order) orders[node.key] = &*node.order;
    }
    std::map<std::string, RecallNotice> by_buyer;
    std::map<std::pair<std::string, std::string>, int64_t> received;
    std::set<std::pair<std::string, std::string>> order_seen;
    for (const auto& edge : graph.edges) {
        if (edge.kind != EdgeKind::shipped) continue;
        const OrderNode* order = orders.at(edge.to);
        RecallNotice& notice = by_buyer[order->buyer_id];
        notice.buyer_id = order->buyer_id;
        received[{order->buyer_id, edge.from.substr(edge.from.find(':') + 1)}] += edge.quantity;
        if (order_seen.insert({order->buyer_id, order->id}).second) notice.orders.push_back(RecallOrder{order->id, order->order_date});
    }
    for (const auto& [key, quantity] : received) {
        RecallItem item;
        item.lot_id = key.second;
        item.quantity = quantity;
        by_buyer[key.first].items.push_back(std::move(item));
    }
    std::vector<RecallNotice> notices;
    for (auto& [buyer, notice] : by_buyer) notices.push_back(std::move(notice));
    return notices;
}

// A buyer reads its own notice only; the others are left out.
void scope_notices(const Actor& actor, Recall& recall) {
    if (!actor || actor->role != access::Role::buyer) return;
    const std::string org = actor->org_id.value_or("");
    std::erase_if(recall.notices, [&](const RecallNotice& notice) { return notice.buyer_id != org; });
}

Result<Recall> visible_recall(store::Tx& tx, const Actor& actor, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Recall> recall, find_recall(tx, id));
    if (!recall) return fail(ErrorCode::not_found, "recall " + id + " not found");
    store::SqlQuery query;
    KL_TRY_ASSIGN(std::string visible, recall_visibility(tx, actor, query));
    const std::string placeholder = query.bind(id);
    KL_TRY_ASSIGN(bool seen, store::row_exists(tx, "SELECT 1 FROM trace_recalls r WHERE r.id = " + placeholder + " AND " + visible, query.params()));
    if (!seen) return fail(ErrorCode::permission_denied, "this recall is outside your organisation's scope");
    return std::move(*recall);
}

}  // namespace

Result<Recall> RecallService::open(const Actor& actor, const NewRecall& input) {
    if (actor) {
        KL_TRY(access::require_writer(*actor));
        KL_TRY(access::require_role(*actor, {access::Role::admin, access::Role::county_officer, access::Role::producer}));
    }
    FieldErrors problems;
    problems.check_text("lot_id", input.lot_id, 1, event_id_chars_max, TextKind::identifier);
    problems.check_text("reason", input.reason, 1, recall_reason_chars_max, TextKind::prose);
    KL_TRY(problems.finish());
    auto written = store_.write([&](store::Tx& tx) -> Result<Recall> {
        KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, input.lot_id));
        if (!lot) return fail_field("lot_id", ProblemCode::unknown_reference, "is not a lot of the platform");
        KL_TRY(require_may_open(tx, actor, *lot));
        store::SqlQuery none;
        KL_TRY_ASSIGN(std::vector<Recall> open_ones, select_recalls(tx, RecallFilter{RecallStatus::open, lot->id}, "1 = 1", none, std::nullopt, 1));
        if (!open_ones.empty()) return fail(open_already(lot->lot_code));
        KL_TRY_ASSIGN(TraceGraph graph, walk_trace(tx, lot->id, Direction::forward, recall_nodes_max));
        if (!graph.complete) {
            return fail(ErrorCode::conflict, ProblemCode::too_many,
                        "the forward trace of lot " + lot->lot_code + " reaches more than " + std::to_string(recall_nodes_max) +
                            " nodes; recall the lots made from it one by one");
        }
        Recall recall;
        recall.id = ids_.next();
        recall.lot_id = lot->id;
        recall.producer_id = lot->producer_id;
        recall.county = lot->county;
        recall.reason = input.reason;
        for (const auto& node : graph.nodes) {
            recall.affected_lots += node.kind == NodeKind::lot ? 1 : 0;
            recall.affected_pallets += node.kind == NodeKind::pallet ? 1 : 0;
            recall.affected_orders += node.kind == NodeKind::order ? 1 : 0;
        }
        recall.opened_by = access::user_id_of(actor);
        recall.opened_role = actor ? std::string(access::to_string(actor->role)) : "system";
        recall.opened_org = actor ? actor->org_id : std::nullopt;
        recall.opened_at_ms = clock_.now_ms();
        recall.notices = notices_of(graph);
        KL_TRY(insert_recall(tx, recall));
        std::vector<std::string> buyers;
        for (const auto& notice : recall.notices) buyers.push_back(notice.buyer_id);
        audit::CanonicalJson body;
        body.add("lot_id", recall.lot_id).add("reason", recall.reason).add("buyers", buyers).add("affected_lots", recall.affected_lots);
        body.add("affected_pallets", recall.affected_pallets).add("affected_orders", recall.affected_orders);
        KL_TRY(audit_change(audit_, tx, actor, "trace.recall.open", recall.id, body));
        KL_TRY_ASSIGN(std::optional<Recall> stored, find_recall(tx, recall.id));
        return std::move(*stored);
    });
    // Two openers racing on one lot pass the check above; the partial unique index stops the second.
    if (!written && written.error().code == ErrorCode::already_exists && written.error().fields.empty()) {
        return fail(open_already(input.lot_id));
    }
    return written;
}

Result<Recall> RecallService::get(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Recall> {
        KL_TRY_ASSIGN(Recall recall, visible_recall(tx, actor, id));
        scope_notices(actor, recall);
        return recall;
    });
}

Result<RecallPage> RecallService::list(const Actor& actor, const RecallFilter& filter, int limit, const std::optional<std::string>& cursor) {
    KL_TRY(store::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, store::decode_optional_cursor(cursor));
    return store_.read([&](store::Tx& tx) -> Result<RecallPage> {
        store::SqlQuery query;
        KL_TRY_ASSIGN(std::string visible, recall_visibility(tx, actor, query));
        KL_TRY_ASSIGN(std::vector<Recall> recalls, select_recalls(tx, filter, visible, query, after, store::page_rows_to_fetch(limit)));
        for (auto& recall : recalls) scope_notices(actor, recall);
        RecallPage page;
        page.next_cursor = store::finish_page(recalls, limit, [](const Recall& recall) { return recall.id; });
        page.recalls = std::move(recalls);
        return page;
    });
}

Result<Recall> RecallService::acknowledge(const Actor& actor, const std::string& id, const RecallAcknowledgement& input) {
    if (!actor || actor->role != access::Role::buyer) {
        return fail(ErrorCode::permission_denied, "a recall is acknowledged by the user of a buyer it names");
    }
    KL_TRY(access::require_writer(*actor));
    return record_acknowledgement(actor, actor->org_id.value_or(""), id, input);
}

Result<Recall> RecallService::acknowledge_for_buyer(const std::string& id, const std::string& buyer_id, const RecallAcknowledgement& input) {
    return record_acknowledgement(std::nullopt, buyer_id, id, input);
}

Result<Recall> RecallService::record_acknowledgement(const Actor& actor, const std::string& buyer, const std::string& id,
                                                     const RecallAcknowledgement& input) {
    return store_.write([&](store::Tx& tx) -> Result<Recall> {
        KL_TRY_ASSIGN(Recall recall, visible_recall(tx, actor, id));
        // A buyer's own notice (visible_recall let a buyer through only when the recall names it).
        std::erase_if(recall.notices, [&](const RecallNotice& notice) { return notice.buyer_id != buyer; });
        if (recall.notices.empty()) return fail(ErrorCode::not_found, "recall " + id + " names no buyer " + buyer);
        KL_ASSERT(recall.notices.size() == 1);
        const RecallNotice& notice = recall.notices.front();
        FieldErrors problems;
        problems.check_text("note", input.note, 0, recall_note_chars_max, TextKind::prose);
        std::map<std::string, int64_t> received;
        for (const auto& item : notice.items) received[item.lot_id] = item.quantity;
        std::map<std::string, int64_t> recovered;
        for (size_t i = 0; i < input.recovered.size(); ++i) {
            const std::string field = "recovered/" + std::to_string(i) + "/";
            const auto& entry = input.recovered[i];
            auto found = received.find(entry.lot_id);
            if (found == received.end()) {
                problems.add(field + "lot_id", ProblemCode::unknown_reference, "is not a lot this recall lists for your organisation");
            } else if (!recovered.emplace(entry.lot_id, entry.quantity).second) {
                problems.add(field + "lot_id", ProblemCode::repeated, "is named twice");
            } else if (entry.quantity < 0 || entry.quantity > found->second) {
                problems.add(field + "quantity", ProblemCode::out_of_range, "must be from 0 to what you received (" + std::to_string(found->second) + ")");
            }
        }
        KL_TRY(problems.finish());
        if (recall.status != RecallStatus::open) return fail(ErrorCode::conflict, ProblemCode::wrong_state, "this recall is closed");
        const int64_t now = clock_.now_ms();
        KL_TRY_ASSIGN(bool first, acknowledge_notice(tx, id, buyer, now, access::user_id_of(actor), input.note));
        if (!first) return fail(ErrorCode::conflict, ProblemCode::wrong_state, "your organisation has acknowledged this recall already");
        audit::CanonicalJson items;
        for (const auto& [lot_id, quantity] : received) {
            const int64_t got_back = recovered.count(lot_id) != 0 ? recovered.at(lot_id) : 0;
            KL_TRY(set_recovered(tx, id, buyer, lot_id, got_back));
            items.add(lot_id, got_back);
        }
        KL_TRY_ASSIGN(int64_t waiting, notices_unacknowledged(tx, id));
        audit::CanonicalJson body;
        body.add("buyer_id", buyer).add("note", input.note).add_raw("recovered", items.str()).add("closes", waiting == 0);
        KL_TRY(audit_change(audit_, tx, actor, "trace.recall.acknowledge", id, body));
        if (waiting == 0) {
            KL_TRY(close_recall(tx, id, to_string(RecallClosedHow::all_acknowledged), std::nullopt, access::user_id_of(actor), now));
        }
        KL_TRY_ASSIGN(std::optional<Recall> stored, find_recall(tx, id));
        scope_notices(actor, *stored);
        return std::move(*stored);
    });
}

Result<Recall> RecallService::close(const Actor& actor, const std::string& id, const std::string& note) {
    if (actor) {
        KL_TRY(access::require_writer(*actor));
        KL_TRY(access::require_role(*actor, {access::Role::admin, access::Role::county_officer, access::Role::producer}));
    }
    FieldErrors problems;
    problems.check_text("note", note, 1, recall_note_chars_max, TextKind::prose);
    KL_TRY(problems.finish());
    return store_.write([&](store::Tx& tx) -> Result<Recall> {
        KL_TRY_ASSIGN(Recall recall, visible_recall(tx, actor, id));
        if (actor && actor->role != access::Role::admin &&
            (actor->org_id != recall.opened_org || std::string(access::to_string(actor->role)) != recall.opened_role)) {
            return fail(ErrorCode::permission_denied, "a recall is closed early by the organisation that opened it (or an admin)");
        }
        const int64_t now = clock_.now_ms();
        KL_TRY_ASSIGN(bool closed, close_recall(tx, id, to_string(RecallClosedHow::by_opener), note, access::user_id_of(actor), now));
        if (!closed) return fail(ErrorCode::conflict, ProblemCode::wrong_state, "this recall is closed already");
        audit::CanonicalJson body;
        body.add("note", note).add("buyers_acknowledged", recall.buyers_acknowledged).add("buyers", recall.buyers);
        KL_TRY(audit_change(audit_, tx, actor, "trace.recall.close", id, body));
        KL_TRY_ASSIGN(std::optional<Recall> stored, find_recall(tx, id));
        return std::move(*stored);
    });
}

}  // namespace kl::trace
