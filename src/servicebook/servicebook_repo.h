#pragma once
// The SQL of the service book (internal to src/servicebook): lookups, inserts, pages and counts that
// run inside a caller's transaction, with no permission checks (ServiceBook checks first).

#include <optional>
#include <string>
#include <vector>

#include "core/work_item.h"
#include "servicebook/servicebook_types.h"
#include "store/store.h"

namespace kl::servicebook {

// The organisation an enterprise of the book links to.
struct ServedOrg {
    std::string kind;                   // access::OrgKind's stored name
    std::optional<std::string> county;  // none: the organisation has no county
};
Result<std::optional<ServedOrg>> find_served_org(store::Tx& tx, const std::string& org_id);
// Whether `org_id` is in the book already (one entry per organisation).
Result<bool> org_in_book(store::Tx& tx, const std::string& org_id);

Result<std::optional<Enterprise>> find_enterprise(store::Tx& tx, const std::string& id);
Result<std::optional<ServiceRequest>> find_request(store::Tx& tx, const std::string& id);
Result<std::optional<Investment>> find_investment(store::Tx& tx, const std::string& id);

// Each insert stamps the row with `created_at_ms`; a new request is stored open.
Result<void> insert_enterprise(store::Tx& tx, const Enterprise& enterprise, int64_t created_at_ms);
Result<void> insert_visit(store::Tx& tx, const Visit& visit, int64_t created_at_ms);
Result<void> insert_request(store::Tx& tx, const ServiceRequest& request, int64_t created_at_ms);
Result<void> insert_investment(store::Tx& tx, const Investment& investment, int64_t created_at_ms);
Result<void> insert_event(store::Tx& tx, const PromotionEvent& event, int64_t created_at_ms);
Result<void> update_request_status(store::Tx& tx, const std::string& id, RequestStatus status,
                                   const std::optional<Date>& resolved_on);
Result<void> update_investment_stage(store::Tx& tx, const std::string& id, Stage stage);

// A page of a list in id order: the rows of every county in `counties` (none: all), after `after`,
// `limit` + 1 rows at most (the extra row tells whether another page follows).
struct ListFilter {
    std::vector<std::string> counties;
    std::optional<std::string> after;
    int limit = 0;
};
Result<std::vector<Enterprise>> select_enterprises(store::Tx& tx, const ListFilter& filter);
Result<std::vector<Visit>> select_visits(store::Tx& tx, const ListFilter& filter);
Result<std::vector<ServiceRequest>> select_requests(store::Tx& tx, const ListFilter& filter,
                                                    const RequestSearch& search = {});
Result<std::vector<Investment>> select_investments(store::Tx& tx, const ListFilter& filter);
Result<std::vector<PromotionEvent>> select_events(store::Tx& tx, const ListFilter& filter);

// The counts of every county with records in [from, to] ("" for events without a county), in county
// order; a request is overdue when still open after its deadline, as of `today`.
Result<std::vector<CountyCounts>> county_counts(store::Tx& tx, Date from, Date to, Date today);

// One county's requests still open or in progress whose deadline is on or before `due_by` (overdue
// ones included), the nearest deadline first, named by subject and enterprise (core/work_item.h).
Result<WorkQueue> requests_due(store::Tx& tx, const std::string& county, Date due_by);

}  // namespace kl::servicebook
