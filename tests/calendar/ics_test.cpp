#include "calendar/ics.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <sstream>

namespace kl::calendar {
namespace {

// 2024-06-15 09:30 in Shanghai is 01:30 UTC.
constexpr int64_t nine_thirty_ms = 1'718'415'000'000;
constexpr int64_t slot_ms = 20 * 60 * 1000;

Calendar agenda() {
    Calendar calendar{"2024 产销对接会 · 叶城县核桃产业有限公司", 1'718'000'000'000, {}};
    calendar.events.push_back({"m-1@kashlink", nine_thirty_ms, nine_thirty_ms + slot_ms, "洽谈: 闵行区教育局食堂, 第 12 桌",
                               "上海国际农展中心 2 号馆, 第 12 桌",
                               "对方: 闵行区教育局食堂 (12 所学校); 采购: 核桃, 巴旦木; 备注: 需要冷链; 分号; 逗号, 反斜杠 \\ 结束", 0, false});
    calendar.events.push_back({"m-2@kashlink", nine_thirty_ms + slot_ms, nine_thirty_ms + 2 * slot_ms, "Meeting: Hema Fresh",
                               "Hall 2, table 7", "", 2, true});
    return calendar;
}

TEST(Ics, WritesAnRfc5545FileThatReadsBackEqual) {
    auto text = ics(agenda());
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_TRUE(text->starts_with("BEGIN:VCALENDAR\r\n")) << *text;
    EXPECT_NE(text->find("DTSTART:20240615T013000Z\r\n"), std::string::npos) << "a UTC instant: 09:30 in Beijing time";
    EXPECT_NE(text->find("DTEND:20240615T015000Z\r\n"), std::string::npos);
    EXPECT_NE(text->find("STATUS:CANCELLED\r\n"), std::string::npos);
    EXPECT_NE(text->find("SEQUENCE:2\r\n"), std::string::npos);
    EXPECT_NE(text->find("\r\n "), std::string::npos) << "the long description is folded onto continuation lines";
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_LE(line.size(), 76u) << "folded at 75 octets (+ CR): " << line;
    }

    // Read back by libical's own parser: the texts come back exactly, escapes and folds undone.
    std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root(icalparser_parse_string(text->c_str()), icalcomponent_free);
    ASSERT_TRUE(root);
    icalcomponent* first = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
    ASSERT_NE(first, nullptr);
    const Calendar expected = agenda();
    const Event& want = expected.events[0];
    EXPECT_EQ(std::string(icalcomponent_get_uid(first)), want.uid);
    EXPECT_EQ(std::string(icalcomponent_get_summary(first)), want.summary);
    EXPECT_EQ(std::string(icalcomponent_get_location(first)), want.location);
    EXPECT_EQ(std::string(icalcomponent_get_description(first)), want.description);
    EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtstart(first)), nine_thirty_ms / 1000);
    EXPECT_EQ(icalcomponent_count_components(root.get(), ICAL_VEVENT_COMPONENT), 2);
}

TEST(Ics, RefusesEventsThatCannotBeOnACalendar) {
    Calendar backwards = agenda();
    backwards.events[1].end_ms = backwards.events[1].start_ms;
    auto refused = ics(backwards);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "events/1/end");
    Calendar nameless = agenda();
    nameless.events[0].uid.clear();
    ASSERT_FALSE(ics(nameless));
    EXPECT_EQ(ics(nameless).error().fields.at(0).field, "events/0/uid");
    Calendar crowded{"x", 0, std::vector<Event>(events_max + 1, agenda().events[0])};
    EXPECT_EQ(ics(crowded).error().fields.at(0).code, ProblemCode::too_many);
    Calendar empty{"空", 0, {}};
    EXPECT_TRUE(ics(empty)) << "an agenda with no meetings yet is a valid, empty calendar";
}

}  // namespace
}  // namespace kl::calendar
