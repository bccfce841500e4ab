#pragma once
// The SQL of traces and recalls (migration 0028_trace_edges): lineage edges by their from-lot or
// their to-node, pallets and their lots, suppliers, the order and organisation nodes, and recalls
// with their notices, items and orders.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sql.h"
#include "store/store.h"
#include "trace/recall_types.h"
#include "trace/trace_graph.h"

namespace kl::trace {

// ---- the lineage graph -----------------------------------------------------------------------------
struct EdgeRow {
    std::string event_pk, event_id;
    int64_t event_time_ms = 0;
    std::string kind, from_lot, to_kind, to_id;
    int64_t quantity = 0, to_quantity = 0;
    bool declared_wrong = false;
};
// Edges leaving the lots (forward).
Result<std::vector<EdgeRow>> edges_from_lots(store::Tx& tx, const std::vector<std::string>& lot_ids);
// Edges arriving at nodes of one kind ("lot" or "pallet") (backward).
Result<std::vector<EdgeRow>> edges_into(store::Tx& tx, std::string_view to_kind, const std::vector<std::string>& ids);
// (SSCC, lot id) of the lots that are these pallets; (lot id, SSCC) of the lots that are pallets.
Result<std::vector<std::pair<std::string, std::string>>> lots_of_pallets(store::Tx& tx, const std::vector<std::string>& ssccs);
Result<std::vector<std::pair<std::string, std::string>>> pallets_of_lots(store::Tx& tx, const std::vector<std::string>& lot_ids);
struct SupplierRow {
    std::string lot_id, supplier_id;
    int64_t quantity = 0;
};
Result<std::vector<SupplierRow>> suppliers_of_lots(store::Tx& tx, const std::vector<std::string>& lot_ids);
Result<std::vector<OrderNode>> order_nodes(store::Tx& tx, const std::vector<std::string>& order_ids);
Result<std::vector<OrganisationNode>> organisation_nodes(store::Tx& tx, const std::vector<std::string>& ids);
// The county of an organisation, if it has one.
Result<std::optional<std::string>> county_of(store::Tx& tx, const std::string& org_id);

// One quantity element of an event naming one of the lots (the FSMA 204 sheet: one row each), with
// the event's where and why, by the lots' ids; in event time order.
struct CteRow {
    std::string event_pk, event_id, type, action, biz_step, disposition, list, lot_id;
    int64_t event_time_ms = 0;
    std::string time_zone_offset;
    int64_t quantity = 0;
    std::string location_id, location_name, location_name_en, location_county;
    bool declared_wrong = false;
};
Result<std::vector<CteRow>> cte_rows(store::Tx& tx, const std::vector<std::string>& lot_ids);
// The business transactions of the events: (event row, type, id: the order id for po, else the document).
struct CteTransaction {
    std::string event_pk, type, id;
};
Result<std::vector<CteTransaction>> cte_transactions(store::Tx& tx, const std::vector<std::string>& event_pks);

// ---- recalls ---------------------------------------------------------------------------------------
Result<void> insert_recall(store::Tx& tx, const Recall& recall);
Result<std::optional<Recall>> find_recall(store::Tx& tx, const std::string& id);
// Recalls matching `visible` (a condition on r, built by recall_visibility) and the filter, by id, one
// keyset page.
Result<std::vector<Recall>> select_recalls(store::Tx& tx, const RecallFilter& filter, const std::string& visible,
                                           store::SqlQuery& query, const std::optional<std::string>& after, int limit);
// The condition restricting recalls `r` to what `actor` sees (recall.h), its values bound into `query`.
Result<std::string> recall_visibility(store::Tx& tx, const Actor& actor, store::SqlQuery& query);
// Records the buyer's acknowledgement: false when it had acknowledged already (nothing changed).
Result<bool> acknowledge_notice(store::Tx& tx, const std::string& recall_id, const std::string& buyer_id, int64_t at_ms,
                                const std::optional<std::string>& by, const std::string& note);
Result<void> set_recovered(store::Tx& tx, const std::string& recall_id, const std::string& buyer_id, const std::string& lot_id,
                           int64_t recovered);
Result<int64_t> notices_unacknowledged(store::Tx& tx, const std::string& recall_id);
// Closes an open recall: false when it was closed already.
Result<bool> close_recall(store::Tx& tx, const std::string& id, std::string_view how, const std::optional<std::string>& note,
                          const std::optional<std::string>& by, int64_t at_ms);
// The open recalls a buyer has yet to acknowledge: how many, and the first few (oldest first).
Result<int64_t> count_recalls_to_acknowledge(store::Tx& tx, const std::string& buyer_id);
Result<std::vector<Recall>> recalls_to_acknowledge(store::Tx& tx, const std::string& buyer_id, size_t limit);

}  // namespace kl::trace
