#pragma once
// JSON mapping of fairs and matchmaking events (src/fair) for their routes: encoders from the plain
// structs and the OpenAPI schemas. Times of day are sent as minutes after midnight (starts_min) and
// as "HH:MM" (starts_at), Asia/Shanghai.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "http/json_body.h"

#include "fair/fair.h"
#include "http/router.h"

namespace kl::http::fair_json {

using nlohmann::json;

json event_json(const fair::Event& event);
json session_json(const fair::SessionAdded& added);
json session_only_json(const fair::Session& session);
json slot_json(const fair::EventSlot& slot);
json table_json(const fair::EventTable& table);
json attendee_json(const fair::Attendee& attendee);
json rated_json(const fair::Rated& rated);
json recommendation_json(const fair::PairRecommendation& recommendation);
json schedule_json(const fair::ScheduleRun& run);
json stored_meeting_json(const fair::StoredMeeting& meeting);
json agenda_json(const fair::Agenda& agenda);

// A record id (UUIDv7 text, with room).
inline constexpr size_t id_chars_max = 64;
// The longest list of ids a body may carry: an event's slots, an exhibitor's products.
inline constexpr size_t id_list_max = 200;
// An optional array of ids; problems recorded on `reader` under `name` and `name/<i>`.
std::vector<std::string> read_ids(const json& body, FieldReader& reader, const std::string& name);

// "HH:MM" of minutes after midnight.
std::string clock_text(int64_t minutes);

void add_fair_schemas(Router& router);

}  // namespace kl::http::fair_json
