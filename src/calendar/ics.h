#pragma once
// An iCalendar file (RFC 5545) of events, for a participant's agenda: opened on a phone, its meetings
// land in the calendar app with their table and counterpart. Written by libical (Debian's libical-dev,
// the library of Evolution and KDE's calendars: text escaping, 75-octet line folding and the required
// properties done to the RFC), not by hand.
//
// Times are UTC instants (DTSTART:20240615T013000Z): every calendar app shows them in its own zone,
// so a buyer from Shanghai and an exhibitor from Kashgar (both on Beijing time) see 09:30; no VTIMEZONE
// is needed. A re-downloaded agenda updates the same events: each keeps its `uid` and a later `sequence`.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace kl::calendar {

inline constexpr size_t events_max = 2'000;           // a participant's agenda, or a table plan
inline constexpr size_t text_bytes_max = 4'000;       // summary, location or description
inline constexpr size_t uid_bytes_max = 255;

struct Event {
    std::string uid;  // stable across downloads ("<meeting id>@kashlink")
    int64_t start_ms = 0;
    int64_t end_ms = 0;
    std::string summary;
    std::string location;
    std::string description;
    int32_t sequence = 0;      // raise it when the event moves, so apps take the new time
    bool cancelled = false;    // STATUS:CANCELLED (a dropped meeting stays, marked, so apps remove it)
};

struct Calendar {
    std::string name;          // X-WR-CALNAME, what the app calls the imported calendar
    int64_t stamp_ms = 0;      // DTSTAMP: when the file was made (the caller's clock)
    std::vector<Event> events;
};

// The .ics text (CRLF line ends). invalid_argument naming "events/<i>/<field>" for an empty uid, an
// end not after its start, or a text over its limit; "events" when there are more than events_max.
Result<std::string> ics(const Calendar& calendar);

inline constexpr const char* ics_content_type = "text/calendar; charset=utf-8";

}  // namespace kl::calendar
