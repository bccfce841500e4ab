#pragma once
// The Chief Service Officer book (首席服务官, "5+X"): the enterprises the Front Command serves
// (linked to their organisations), visits (date, officer, topics), service requests with a deadline
// and a status, the investment pipeline (lead → negotiating → signed → started, amount, listed
// company or not) and investment-promotion events; and counts by county and period.
//
// Who may: programme-wide roles read everything, a county officer its county's records; the county
// officer of the county, fund officers and admin write (the auditor reads only); producers, buyers
// and logistics have no access (403). Every change goes to the audit sink (projects/ports.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/civil_date.h"
#include "core/clock.h"
#include "core/ids.h"
#include "sheets/table.h"
#include "projects/ports.h"
#include "store/store.h"

namespace kl::servicebook {


enum class RequestStatus { open, in_progress, resolved, closed };
enum class Stage { lead, negotiating, signed_up, started };  // signed_up is stored and sent as "signed"
std::string_view to_string(RequestStatus status);
std::string_view to_string(Stage stage);
Result<RequestStatus> parse_request_status(std::string_view text, const std::string& field);
Result<Stage> parse_stage(std::string_view text, const std::string& field);

inline constexpr size_t text_chars_max = 200;
inline constexpr size_t topics_chars_max = 2000;

struct Enterprise {
    std::string id, org_id, org_name, county, officer;
    bool leading = false;
    Date since_on;
};
struct Visit {
    std::string id, enterprise_id, county;
    Date visited_on;
    std::string officer, topics;
};
struct ServiceRequest {
    std::string id, enterprise_id, county, subject;
    Date raised_on, deadline;
    RequestStatus status = RequestStatus::open;
    std::optional<Date> resolved_on;
};
struct Investment {
    std::string id, name, county, investor;
    Stage stage = Stage::lead;
    int64_t amount_fen = 0;
    bool listed_company = false;
    Date first_contact_on;
};
struct PromotionEvent {
    std::string id, name;
    std::optional<std::string> county;  // none: a programme-wide event (e.g. in Shanghai)
    Date held_on;
    std::string city;
    int64_t attendees = 0;
};

// Counts for one county (or "" for events without a county) over [from, to].
struct CountyCounts {
    std::string county;
    int64_t enterprises_served = 0;  // distinct enterprises visited in the period
    int64_t leading_enterprises_visited = 0;
    int64_t visits = 0;
    int64_t requests_raised = 0, requests_open = 0, requests_overdue = 0;
    int64_t investments = 0, investments_listed = 0, investments_signed_or_started = 0;
    int64_t investment_amount_fen = 0;
    int64_t events = 0;
};

struct Page {
    int limit = 50;
    std::optional<std::string> cursor;
};

class ServiceBook {
public:
    ServiceBook(store::Store& store, const Clock& clock, IdGenerator& ids, projects::AuditSink audit)
        : store_(store), clock_(clock), ids_(ids), audit_(std::move(audit)) {}

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
    projects::AuditSink audit_;
};

// The counts as a sheet (one row per county; "" is programme-wide events), for CSV and XLSX export.
sheets::Table counts_table(const std::vector<CountyCounts>& rows);

}  // namespace kl::servicebook
