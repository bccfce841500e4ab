#pragma once
// The SQL of the EPCIS interface (epcis_service.h): lots looked up by their class URI's parts, and
// the events matching the EPCIS query parameters (indexes: migration 0027_epcis_query_indexes).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sql.h"
#include "store/store.h"
#include "trace/trace_types.h"

namespace kl::trace {

struct LotRef {
    std::string id;
    QuantityUnit unit = QuantityUnit::grams;
};
// The lot of `producer_id` with this lot code key.
Result<std::optional<LotRef>> find_lot_ref(store::Tx& tx, const std::string& producer_id, const std::string& lot_code_key);
// The lots of these (producer id, lot code key) pairs, in a few statements; pairs naming no lot are
// left out.
using LotKey = std::pair<std::string, std::string>;
Result<std::map<LotKey, LotRef>> find_lot_refs(store::Tx& tx, const std::set<LotKey>& keys);

// An EventQuery with its URIs resolved to stored ids (an empty list that was given matches nothing).
struct ResolvedEventQuery {
    std::vector<std::string> types, biz_steps, dispositions, biz_locations;
    std::optional<int64_t> ge_event_time_ms, lt_event_time_ms;
    std::optional<std::vector<std::string>> epc_lots;      // MATCH_epc: lots in quantityList/childQuantityList
    std::optional<std::vector<std::string>> any_epc_lots;  // MATCH_anyEPC: lots in any list …
    std::vector<std::string> any_epc_parents;              // … or these SSCCs as parentID
    struct Transactions {
        std::string type;
        std::vector<std::string> uris;
    };
    std::vector<Transactions> biz_transactions;
};

struct EventPk {
    std::string pk;         // the row id
    std::string order_key;  // trace_repo.h event_order_key: the page's cursor
};
// The events matching `query` and seen through `visible` (a condition on lots `l` joined with their
// producer `p`, trace_repo.h's lot_visibility_condition, bound into `sql`; "1 = 1" sees every
// event), by event time then recording order, one keyset page after `after` (an event_order_key).
Result<std::vector<EventPk>> select_event_pks(store::Tx& tx, const ResolvedEventQuery& query, const std::string& visible,
                                                  store::SqlQuery& sql, const std::optional<std::string>& after, int limit);

}  // namespace kl::trace
