#pragma once
// The records of the Chief Service Officer book (首席服务官, "5+X"): enterprises served, visits,
// service requests, the investment pipeline and promotion events, the counts by county, and the
// names their enumerations are stored and sent as.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "store/list_window.h"
#include "store/page.h"

namespace kl::servicebook {

enum class RequestStatus { open, in_progress, resolved, closed };
constexpr auto enum_table(RequestStatus) {
    using enum RequestStatus;
    return enum_table_of<RequestStatus>({{open, "open"}, {in_progress, "in_progress"}, {resolved, "resolved"},
                                         {closed, "closed"}});
}
enum class Stage { lead, negotiating, signed_up, started };  // signed_up is stored and sent as "signed"
constexpr auto enum_table(Stage) {
    using enum Stage;
    return enum_table_of<Stage>({{lead, "lead"}, {negotiating, "negotiating"}, {signed_up, "signed"}, {started, "started"}});
}
using kl::to_string;  // the names come from the tables above (core/enum_names.h)
inline Result<RequestStatus> parse_request_status(std::string_view text, const std::string& field) {
    return parse_enum<RequestStatus>(text, field);
}
inline Result<Stage> parse_stage(std::string_view text, const std::string& field) {
    return parse_enum<Stage>(text, field);
}

inline constexpr size_t text_chars_max = 200;
inline constexpr size_t topics_chars_max = 2000;
// An investment's amount: ¥1 trillion, far above any project, so only a typo is refused.
inline constexpr int64_t investment_amount_fen_max = 100'000'000'000'000LL;
inline constexpr int64_t event_attendees_max = 1'000'000;

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
    std::string org_name, org_name_en;  // the enterprise by name ("" in English when it has none)
};

// What the requests list shows beside the county: a status, the requests still due by a date (open
// or in progress with the deadline on or before it, overdue ones included), text found in the
// subject or the enterprise's name, a range of the dates raised, and the creation order.
struct RequestSearch {
    std::optional<RequestStatus> status;
    std::optional<Date> due_by;
    store::ListWindow window;  // q over subject, enterprise name (zh, en) and id; dates: raised_on
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

}  // namespace kl::servicebook
