#pragma once
// The Chief Service Officer book's rules (首席服务官, "5+X"): the enterprises the Front Command serves
// (linked to their organisations), visits (date, officer, topics), service requests with a deadline
// and a status, the investment pipeline (lead → negotiating → signed → started, amount, listed
// company or not) and investment-promotion events; and counts by county and period.
//
// Who may: programme-wide roles read everything, a county officer its county's records; the county
// officer of the county, fund officers and admin write (the auditor reads only); producers, buyers
// and logistics have no access (403). Every change is appended to the audit trail (src/audit).

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/ids.h"
#include "sheets/table.h"
#include "servicebook/servicebook_types.h"
#include "store/store.h"

namespace kl::servicebook {

class ServiceBook {
public:
    ServiceBook(store::Store& store, const Clock& clock, IdGenerator& ids, audit::AuditTrail& audit)
        : store_(store), clock_(clock), ids_(ids), audit_(audit) {}

    Result<Enterprise> add_enterprise(const std::optional<access::Principal>& actor, const std::string& org_id,
                                      const std::string& officer, bool leading, Date since_on);
    Result<Visit> add_visit(const std::optional<access::Principal>& actor, const std::string& enterprise_id,
                            Date visited_on, const std::string& officer, const std::string& topics);
    Result<ServiceRequest> add_request(const std::optional<access::Principal>& actor, const std::string& enterprise_id,
                                       const std::string& subject, Date raised_on, Date deadline);
    Result<ServiceRequest> set_request_status(const std::optional<access::Principal>& actor, const std::string& id,
                                              RequestStatus status, Date on);
    Result<Investment> add_investment(const std::optional<access::Principal>& actor, const Investment& input);
    // Moves one stage forward (conflict for anything else).
    Result<Investment> advance_investment(const std::optional<access::Principal>& actor, const std::string& id, Stage to);
    Result<PromotionEvent> add_event(const std::optional<access::Principal>& actor, const PromotionEvent& input);

    Result<std::vector<Enterprise>> enterprises(const std::optional<access::Principal>& actor,
                                                const std::optional<std::string>& county, const Page& page,
                                                std::optional<std::string>& next_cursor);
    Result<std::vector<Visit>> visits(const std::optional<access::Principal>& actor, const std::optional<std::string>& county,
                                      const Page& page, std::optional<std::string>& next_cursor);
    Result<std::vector<ServiceRequest>> requests(const std::optional<access::Principal>& actor,
                                                 const std::optional<std::string>& county, const Page& page,
                                                 std::optional<std::string>& next_cursor);
    Result<std::vector<ServiceRequest>> find_requests(const std::optional<access::Principal>& actor,
                                                      const std::optional<std::string>& county, const RequestSearch& search,
                                                      const Page& page, std::optional<std::string>& next_cursor);
    Result<std::vector<Investment>> investments(const std::optional<access::Principal>& actor,
                                                const std::optional<std::string>& county, const Page& page,
                                                std::optional<std::string>& next_cursor);
    Result<std::vector<PromotionEvent>> events(const std::optional<access::Principal>& actor,
                                               const std::optional<std::string>& county, const Page& page,
                                               std::optional<std::string>& next_cursor);
    // invalid_argument naming `to` when to < from.
    Result<std::vector<CountyCounts>> counts(const std::optional<access::Principal>& actor, Date from, Date to);

    Date today() const { return kl::today_in_shanghai(clock_); }

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail& audit_;
};

// The counts as a sheet (one row per county; "" is programme-wide events), for CSV and XLSX export.
sheets::Table counts_table(const std::vector<CountyCounts>& rows);

}  // namespace kl::servicebook
