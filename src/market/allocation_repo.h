#pragma once
// The SQL of allocation runs: load the open market as an Instance (allocation_model.h), store a
// solved result as proposals and unmet rows, and read runs and proposals back. No permission checks
// (allocation_service.h does them).
//
// What a run sees: open offers still available on as_of, open demands not due before as_of, each
// with its quantity less what confirmed proposals already took (and a demand's aid minimum less the
// aided grams already confirmed); every lane; an offer is `aided` when its product is certified on
// as_of.

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/ids.h"
#include "core/result.h"
#include "market/allocation_model.h"
#include "market/market_types.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::market {

Result<Instance> load_instance(store::Tx& tx, kl::Date as_of);

// Writes the proposals (in batches) and unmet rows of `result` and the run's totals, status done.
Result<void> store_result(store::Tx& tx, const std::string& run_id, const Instance& instance,
                          const AllocationResult& result, int64_t now_ms);

Result<void> insert_run(store::Tx& tx, const Run& run);
Result<void> set_run_status(store::Tx& tx, const std::string& run_id, RunStatus status, int64_t now_ms,
                            const std::optional<std::string>& error = std::nullopt);
Result<std::optional<Run>> find_run(store::Tx& tx, const std::string& id);
Result<std::vector<Run>> list_runs(store::Tx& tx, const std::optional<std::string>& after_id, int limit);

// A page of `limit` proposals of a run after `after_id` (one more is read: store/page.h), optionally only those one organisation is a
// side of, inside `window`: searched by the product's, seller's, buyer's and lane ends' names, dated
// by the arrival date, in id order either way (store/list_window.h).
Result<std::vector<Proposal>> list_proposals(store::Tx& tx, const std::string& run_id,
                                             const std::optional<std::string>& party_org, const store::ListWindow& window,
                                             const std::optional<std::string>& after_id, int limit);
Result<std::optional<Proposal>> find_proposal(store::Tx& tx, const std::string& id);
Result<std::vector<Unmet>> list_unmet(store::Tx& tx, const std::string& run_id,
                                      const std::optional<std::string>& buyer_org,
                                      const std::optional<std::string>& after_demand_id, int limit);

// Whether a listing is open, and its quantity less what confirmed proposals already took (an offer's
// free grams, a demand's open grams); nullopt when there is no such listing.
struct ListingRoom {
    bool open = false;
    int64_t room_g = 0;
};
enum class ListingSide { offer, demand };
Result<std::optional<ListingRoom>> listing_room(store::Tx& tx, ListingSide side, const std::string& id);

// The proposals awaiting `side`'s decision from organisation `org_id` (proposed, that side
// undecided), earliest departure first, as to-do items (core/work_item.h): the product by name, the
// other side as the party, the delivered value. Indexed by 0016's (side's org, status).
Result<WorkQueue> proposals_awaiting(store::Tx& tx, Side side, const std::string& org_id);

// Marks every queued or running run failed (interrupted): at start-up, no run is being solved.
Result<void> fail_unfinished_runs(store::Tx& tx, int64_t now_ms);
// Writes `side`'s decision on the proposal with its status, order and updated_at_ms as they are now.
Result<void> record_decision(store::Tx& tx, const Proposal& proposal, Side side, Decision decision,
                             const std::optional<std::string>& user);

}  // namespace kl::market
