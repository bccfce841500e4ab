#pragma once
// The SQL of meeting outcomes and of the orders tied to an event (internal to src/fair), inside a
// caller's transaction and without permission checks (FairOutcomeService and FairReporter check
// first). The orders themselves are read through the orders module (orders/order_repo.h).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fair/fair_outcome_types.h"
#include "fair/fair_types.h"
#include "orders/order_types.h"
#include "store/sql.h"
#include "store/store.h"

namespace kl::fair {

// A meeting of a schedule run, if it has one of that id.
Result<std::optional<StoredMeeting>> find_meeting(store::Tx& tx, const std::string& schedule_id, const std::string& meeting_id);

// A meeting's outcomes, version order (oldest first).
Result<std::vector<OutcomeRecord>> outcome_history(store::Tx& tx, const std::string& event_id, const std::string& meeting_id);
Result<void> insert_outcome(store::Tx& tx, const OutcomeRecord& record);
// The last outcome of each meeting of the event that has one, by meeting id.
Result<std::map<std::string, OutcomeRecord>> latest_outcomes(store::Tx& tx, const std::string& event_id);

// The link of an order to the event (FairOrder without its `order`).
Result<void> insert_fair_order(store::Tx& tx, const FairOrder& link);
Result<std::optional<FairOrder>> find_fair_order(store::Tx& tx, const std::string& order_id);
// The links of `event_id` that `seen` shows (an organisation as the link's seller or buyer, the
// sellers of a county) and `filter` keeps, in order id order after `after`, at most `limit` rows (0: all).
Result<std::vector<FairOrder>> select_fair_orders(store::Tx& tx, const std::string& event_id, const orders::OrderVisibility& seen,
                                                  const FairOrderFilter& filter, const std::optional<std::string>& after,
                                                  int64_t limit);

// The shared walk-in buyer: a system organisation the migrations made
// (0023_system_organisations.sql), so every database has exactly one.
Result<std::string> walk_in_buyer(store::Tx& tx);

// The product's producer and its best grade (lowest rank) when the product exists.
struct ProductFacts {
    std::string producer_id;
    std::optional<std::string> best_grade;
};
Result<std::optional<ProductFacts>> product_facts(store::Tx& tx, const std::string& product_id);
// An organisation's Shanghai district (organisations.district_code), if it has one.
Result<std::optional<std::string>> org_district(store::Tx& tx, const std::string& org_id);

}  // namespace kl::fair
