#include "calendar/ics.h"

#include <libical/ical.h>

#include <cstdlib>
#include <ctime>
#include <memory>

namespace kl::calendar {

namespace {

struct ComponentFree {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype utc_time(int64_t ms) {
    // Whole seconds: calendars have no finer grain; floor for instants before 1970 too.
    const int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, icaltimezone_get_utc_timezone());
}

Result<void> check_event(const Event& event, size_t index) {
    const std::string at = "events/" + std::to_string(index) + "/";
    if (event.uid.empty()) return fail_field(at + "uid", ProblemCode::required, "is required");
    if (event.uid.size() > uid_bytes_max) {
        return fail_field(at + "uid", ProblemCode::length_out_of_range, "is longer than " + std::to_string(uid_bytes_max) + " bytes",
                          {{"min", 1}, {"max", uid_bytes_max}, {"got", event.uid.size()}});
    }
    if (event.end_ms <= event.start_ms) return fail_field(at + "end", ProblemCode::before_other_field, "must be after the start", {{"other", "start"}});
    for (const auto& [field, text] : {std::pair{"summary", &event.summary}, {"location", &event.location}, {"description", &event.description}}) {
        if (text->size() > text_bytes_max) {
            return fail_field(at + field, ProblemCode::length_out_of_range, "is longer than " + std::to_string(text_bytes_max) + " bytes",
                              {{"min", 0}, {"max", text_bytes_max}, {"got", text->size()}});
        }
    }
    return ok();
}

}  // namespace

Result<std::string> ics(const Calendar& calendar) {
    if (calendar.events.size() > events_max) {
        return fail_field("events", ProblemCode::too_many, "holds more than " + std::to_string(events_max) + " events",
                          {{"max", events_max}, {"got", calendar.events.size()}});
    }
    for (size_t i = 0; i < calendar.events.size(); ++i) KL_TRY(check_event(calendar.events[i], i));

    Component root(icalcomponent_new_vcalendar());
    icalcomponent_add_property(root.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(root.get(), icalproperty_new_prodid("-//Kashlink//Kashlink agenda//ZH"));
    icalcomponent_add_property(root.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalcomponent_add_property(root.get(), icalproperty_new_calscale("GREGORIAN"));
    if (!calendar.name.empty()) {
        icalproperty* name = icalproperty_new_x(calendar.name.c_str());
        icalproperty_set_x_name(name, "X-WR-CALNAME");
        icalcomponent_add_property(root.get(), name);
    }
    for (const Event& event : calendar.events) {
        icalcomponent* vevent = icalcomponent_new_vevent();
        icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
        icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(calendar.stamp_ms)));
        icalcomponent_add_property(vevent, icalproperty_new_dtstart(utc_time(event.start_ms)));
        icalcomponent_add_property(vevent, icalproperty_new_dtend(utc_time(event.end_ms)));
        icalcomponent_add_property(vevent, icalproperty_new_sequence(event.sequence));
        icalcomponent_add_property(vevent, icalproperty_new_status(event.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
        if (!event.summary.empty()) icalcomponent_add_property(vevent, icalproperty_new_summary(event.summary.c_str()));
        if (!event.location.empty()) icalcomponent_add_property(vevent, icalproperty_new_location(event.location.c_str()));
        if (!event.description.empty()) icalcomponent_add_property(vevent, icalproperty_new_description(event.description.c_str()));
        icalcomponent_add_component(root.get(), vevent);  // root owns it now
    }
    std::unique_ptr<char, void (*)(void*)> text(icalcomponent_as_ical_string_r(root.get()), std::free);
    if (!text) return fail(ErrorCode::internal, "libical could not write the calendar");
    return std::string(text.get());
}

}  // namespace kl::calendar
