#include "trace/trace_graph.h"

#include <map>
#include <set>

#include "access/permissions.h"
#include "trace/trace_graph_repo.h"
#include "trace/trace_repo.h"

namespace kl::trace {

namespace {

std::string key_of(NodeKind kind, const std::string& id) { return std::string(to_string(kind)) + ":" + id; }

NodeKind node_kind_of(const std::string& to_kind) {
    if (to_kind == "pallet") return NodeKind::pallet;
    if (to_kind == "order") return NodeKind::order;
    return NodeKind::lot;
}

// The graph being built: nodes by key, the node limit, edges in the order found.
class Builder {
public:
    Builder(TraceGraph& graph, size_t nodes_max) : graph_(graph), nodes_max_(nodes_max) {}

    // The node's index, adding it one level below `parent_depth` when new; nullopt when the node
    // limit stops it (the graph is then marked cut). `added` says whether it is new.
    std::optional<size_t> node(NodeKind kind, const std::string& id, int depth, bool& added) {
        const std::string key = key_of(kind, id);
        added = false;
        if (auto found = index_.find(key); found != index_.end()) return found->second;
        if (graph_.nodes.size() >= nodes_max_) {
            graph_.complete = false;
            graph_.stopped_by = "nodes";
            return std::nullopt;
        }
        TraceNode node;
        node.key = key;
        node.kind = kind;
        node.depth = depth;
        if (kind == NodeKind::pallet) node.sscc = id;
        index_[key] = graph_.nodes.size();
        graph_.nodes.push_back(std::move(node));
        added = true;
        return graph_.nodes.size() - 1;
    }
    int depth_of(NodeKind kind, const std::string& id) const { return graph_.nodes[index_.at(key_of(kind, id))].depth; }

    void edge(const EdgeRow& row, EdgeKind kind, const std::string& from, const std::string& to) {
        graph_.edges.push_back(TraceEdge{from, to, kind, row.event_pk, row.event_id, row.event_time_ms, row.quantity, row.to_quantity,
                                         row.declared_wrong});
    }
    void edge(EdgeKind kind, const std::string& from, const std::string& to, int64_t quantity) {
        TraceEdge edge;
        edge.from = from;
        edge.to = to;
        edge.kind = kind;
        edge.quantity = edge.to_quantity = quantity;
        graph_.edges.push_back(std::move(edge));
    }

private:
    TraceGraph& graph_;
    size_t nodes_max_;
    std::map<std::string, size_t> index_;
};

// One level forward: edges leaving the frontier lots, then the pallet lots of new pallets.
Result<std::vector<std::string>> forward_level(store::Tx& tx, Builder& builder, const std::vector<std::string>& frontier,
                                               std::vector<std::string>& orders) {
    std::vector<std::string> next, pallets;
    KL_TRY_ASSIGN(std::vector<EdgeRow> edges, edges_from_lots(tx, frontier));
    for (const auto& row : edges) {
        const NodeKind kind = node_kind_of(row.to_kind);
        bool added = false;
        if (!builder.node(kind, row.to_id, builder.depth_of(NodeKind::lot, row.from_lot) + 1, added)) continue;
        const EdgeKind edge = kind == NodeKind::lot ? EdgeKind::transformed : kind == NodeKind::pallet ? EdgeKind::packed : EdgeKind::shipped;
        builder.edge(row, edge, key_of(NodeKind::lot, row.from_lot), key_of(kind, row.to_id));
        if (!added) continue;
        (kind == NodeKind::lot ? next : kind == NodeKind::pallet ? pallets : orders).push_back(row.to_id);
    }
    KL_TRY_ASSIGN(auto pallet_lots, lots_of_pallets(tx, pallets));
    for (const auto& [sscc, lot_id] : pallet_lots) {
        bool added = false;
        if (!builder.node(NodeKind::lot, lot_id, builder.depth_of(NodeKind::pallet, sscc) + 1, added)) continue;
        builder.edge(EdgeKind::pallet_lot, key_of(NodeKind::pallet, sscc), key_of(NodeKind::lot, lot_id), 0);
        if (added) next.push_back(lot_id);
    }
    return next;
}

// One level backward: the inputs of the frontier lots, the lots packed onto those that are pallets,
// and the suppliers of each.
Result<std::vector<std::string>> backward_level(store::Tx& tx, Builder& builder, const std::vector<std::string>& frontier) {
    std::vector<std::string> next, pallets;
    KL_TRY_ASSIGN(std::vector<EdgeRow> inputs, edges_into(tx, "lot", frontier));
    auto from_lot = [&](const EdgeRow& row, NodeKind to_kind, EdgeKind kind) {
        bool added = false;
        if (!builder.node(NodeKind::lot, row.from_lot, builder.depth_of(to_kind, row.to_id) + 1, added)) return;
        builder.edge(row, kind, key_of(NodeKind::lot, row.from_lot), key_of(to_kind, row.to_id));
        if (added) next.push_back(row.from_lot);
    };
    for (const auto& row : inputs) from_lot(row, NodeKind::lot, EdgeKind::transformed);
    KL_TRY_ASSIGN(auto pallet_of, pallets_of_lots(tx, frontier));
    for (const auto& [lot_id, sscc] : pallet_of) {
        bool added = false;
        if (!builder.node(NodeKind::pallet, sscc, builder.depth_of(NodeKind::lot, lot_id) + 1, added)) continue;
        builder.edge(EdgeKind::pallet_lot, key_of(NodeKind::pallet, sscc), key_of(NodeKind::lot, lot_id), 0);
        if (added) pallets.push_back(sscc);
    }
    KL_TRY_ASSIGN(std::vector<EdgeRow> packed, edges_into(tx, "pallet", pallets));
    for (const auto& row : packed) from_lot(row, NodeKind::pallet, EdgeKind::packed);
    KL_TRY_ASSIGN(std::vector<SupplierRow> suppliers, suppliers_of_lots(tx, frontier));
    for (const auto& supplier : suppliers) {
        bool added = false;
        if (!builder.node(NodeKind::organisation, supplier.supplier_id, builder.depth_of(NodeKind::lot, supplier.lot_id) + 1, added)) continue;
        builder.edge(EdgeKind::supplied, key_of(NodeKind::organisation, supplier.supplier_id), key_of(NodeKind::lot, supplier.lot_id),
                     supplier.quantity);
    }
    return next;
}

// Whether anything lies beyond the frontier (the depth limit cut the walk there).
Result<bool> more_beyond(store::Tx& tx, Direction direction, const std::vector<std::string>& frontier) {
    if (direction == Direction::forward) {
        KL_TRY_ASSIGN(std::vector<EdgeRow> edges, edges_from_lots(tx, frontier));
        return !edges.empty();
    }
    KL_TRY_ASSIGN(std::vector<EdgeRow> edges, edges_into(tx, "lot", frontier));
    KL_TRY_ASSIGN(auto pallets, pallets_of_lots(tx, frontier));
    KL_TRY_ASSIGN(std::vector<SupplierRow> suppliers, suppliers_of_lots(tx, frontier));
    return !edges.empty() || !pallets.empty() || !suppliers.empty();
}

// Names and details of the nodes found, and each order's buyer (forward).
Result<void> fill_nodes(store::Tx& tx, TraceGraph& graph, Builder& builder) {
    std::vector<std::string> lot_ids, order_ids, org_ids;
    for (const auto& node : graph.nodes) {
        const std::string id = node.key.substr(node.key.find(':') + 1);
        if (node.kind == NodeKind::lot) lot_ids.push_back(id);
        if (node.kind == NodeKind::order) order_ids.push_back(id);
    }
    KL_TRY_ASSIGN(std::vector<OrderNode> orders, order_nodes(tx, order_ids));
    for (auto& order : orders) {
        bool added = false;
        const auto at = builder.node(NodeKind::organisation, order.buyer_id, builder.depth_of(NodeKind::order, order.id) + 1, added);
        if (at) builder.edge(EdgeKind::bought, key_of(NodeKind::order, order.id), key_of(NodeKind::organisation, order.buyer_id), 0);
    }
    for (const auto& node : graph.nodes) {
        if (node.kind == NodeKind::organisation) org_ids.push_back(node.key.substr(node.key.find(':') + 1));
    }
    std::map<std::string, TraceNode*> by_key;
    for (auto& node : graph.nodes) by_key[node.key] = &node;
    KL_TRY_ASSIGN(std::vector<Lot> lots, find_lots(tx, lot_ids));
    for (auto& lot : lots) by_key.at(key_of(NodeKind::lot, lot.id))->lot = std::move(lot);
    for (auto& order : orders) by_key.at(key_of(NodeKind::order, order.id))->order = std::move(order);
    KL_TRY_ASSIGN(std::vector<OrganisationNode> organisations, organisation_nodes(tx, org_ids));
    for (auto& organisation : organisations) by_key.at(key_of(NodeKind::organisation, organisation.id))->organisation = std::move(organisation);
    return ok();
}

}  // namespace

Result<TraceGraph> walk_trace(store::Tx& tx, const std::string& lot_id, Direction direction, size_t nodes_max, int depth_max) {
    KL_ASSERT(nodes_max > 0);
    KL_TRY_ASSIGN(std::optional<Lot> root, find_lot(tx, lot_id));
    if (!root) return fail(ErrorCode::not_found, "lot " + lot_id + " not found");
    TraceGraph graph;
    graph.lot_id = lot_id;
    graph.direction = direction;
    graph.nodes_max = nodes_max;
    graph.depth_max = depth_max;
    Builder builder(graph, nodes_max);
    bool added = false;
    builder.node(NodeKind::lot, lot_id, 0, added);
    std::vector<std::string> frontier{lot_id}, orders;
    for (int depth = 0; !frontier.empty(); ++depth) {
        if (depth >= depth_max) {
            KL_TRY_ASSIGN(bool more, more_beyond(tx, direction, frontier));
            if (more) {
                graph.complete = false;
                graph.stopped_by = "depth";
            }
            break;
        }
        if (direction == Direction::forward) {
            KL_TRY_ASSIGN(frontier, forward_level(tx, builder, frontier, orders));
        } else {
            KL_TRY_ASSIGN(frontier, backward_level(tx, builder, frontier));
        }
    }
    KL_TRY(fill_nodes(tx, graph, builder));
    return graph;
}

namespace {

bool sees_order(const Actor& actor, const std::optional<std::string>& county, const OrderNode& order) {
    if (!actor || !access::is_org_scoped(actor->role)) return true;
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case access::Role::producer: return order.seller_id == org;
        case access::Role::buyer: return order.buyer_id == org;
        case access::Role::logistics: return order.carrier_id == org;
        case access::Role::county_officer: return county && order.seller_county == *county;
        default: return false;
    }
}

// Orders the caller does not see become hidden nodes; their buyers (unless also reached through an
// order it sees) leave the graph with the edges to them.
void hide_unseen_orders(TraceGraph& graph, const Actor& actor, const std::optional<std::string>& county) {
    std::map<std::string, std::string> renamed;
    for (auto& node : graph.nodes) {
        if (node.kind != NodeKind::order || !node.order || sees_order(actor, county, *node.order)) continue;
        const std::string hidden = "hidden:" + std::to_string(renamed.size() + 1);
        renamed[node.key] = hidden;
        node.key = hidden;
        node.hidden = true;
        node.order.reset();
    }
    if (renamed.empty()) return;
    std::vector<TraceEdge> edges;
    for (auto& edge : graph.edges) {
        if (edge.kind == EdgeKind::bought && renamed.count(edge.from) != 0) continue;
        if (auto found = renamed.find(edge.to); found != renamed.end()) edge.to = found->second;
        edges.push_back(std::move(edge));
    }
    graph.edges = std::move(edges);
    std::set<std::string> linked;
    for (const auto& edge : graph.edges) linked.insert(edge.from), linked.insert(edge.to);
    std::erase_if(graph.nodes, [&](const TraceNode& node) { return node.kind == NodeKind::organisation && linked.count(node.key) == 0; });
}

}  // namespace

Result<TraceGraph> trace_for(store::Tx& tx, const Actor& actor, const std::string& lot_id, Direction direction) {
    KL_TRY_ASSIGN(std::optional<Lot> lot, find_lot(tx, lot_id));
    if (!lot) return fail(ErrorCode::not_found, "lot " + lot_id + " not found");
    KL_TRY(require_lot_visible(tx, actor, lot_id));
    KL_TRY_ASSIGN(TraceGraph graph, walk_trace(tx, lot_id, direction));
    std::optional<std::string> county;
    if (actor && actor->role == access::Role::county_officer) {
        KL_TRY_ASSIGN(county, county_of(tx, actor->org_id.value_or("")));
    }
    hide_unseen_orders(graph, actor, county);
    return graph;
}

Result<TraceGraph> TraceGraphService::trace(const Actor& actor, const std::string& lot_id, Direction direction) {
    return store_.read([&](store::Tx& tx) { return trace_for(tx, actor, lot_id, direction); });
}

Result<sheets::Table> TraceGraphService::sheet(const Actor& actor, const std::string& lot_id) {
    return store_.read([&](store::Tx& tx) { return trace_sheet(tx, actor, lot_id); });
}

}  // namespace kl::trace
