#include "fair/print_text.h"

#include <map>

#include "core/quantity.h"

namespace kl::fair {

std::string clock_text(int64_t minutes) {
    const auto two = [](int64_t n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return two(minutes / 60) + ":" + two(minutes % 60);
}

namespace {

constexpr int64_t beijing_offset_min = 8 * 60;
constexpr int64_t ms_per_minute = 60'000;

}  // namespace

int64_t beijing_epoch_ms(Date day, int64_t minutes) {
    return (day.days * minutes_per_day + minutes - beijing_offset_min) * ms_per_minute;
}

std::string beijing_clock_text(int64_t epoch_ms) {
    const int64_t minute = epoch_ms / ms_per_minute + beijing_offset_min;
    return clock_text(((minute % minutes_per_day) + minutes_per_day) % minutes_per_day);
}

}  // namespace kl::fair

namespace kl::fair::print {

std::string day_text(Date day, PrintLanguage language) {
    if (language == PrintLanguage::en) return format_date(day);
    const CivilDay civil = civil_from_days(day.days);
    return std::to_string(civil.year) + "年" + std::to_string(civil.month) + "月" + std::to_string(civil.day) + "日";
}

std::string short_day_text(Date day, PrintLanguage language) {
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const CivilDay civil = civil_from_days(day.days);
    if (language == PrintLanguage::zh) return std::to_string(civil.month) + "月" + std::to_string(civil.day) + "日";
    return std::to_string(civil.day) + " " + months[civil.month - 1];
}

std::string slot_text(const EventSlot& slot, PrintLanguage language) {
    return short_day_text(slot.held_on, language) + " " + clock_text(slot.starts_min) + "–" + clock_text(slot.ends_min);
}

std::string table_text(int64_t number, PrintLanguage language) {
    return language == PrintLanguage::zh ? std::to_string(number) + "号桌" : "Table " + std::to_string(number);
}

std::string event_name(const Event& event, PrintLanguage language) {
    return language == PrintLanguage::zh ? event.name_zh : event.name_en;
}

std::string event_place_and_days(const Event& event, PrintLanguage language) {
    std::string days = day_text(event.starts_on, language);
    if (event.ends_on != event.starts_on) days += "–" + day_text(event.ends_on, language);
    return event.venue + " · " + days + word(language, "（北京时间）", " (Beijing time)");
}

std::string side_text(Side side, PrintLanguage language) {
    return side == Side::exhibitor ? word(language, "参展商", "Exhibitor") : word(language, "采购商", "Buyer");
}

std::string weight_text(int64_t grams, PrintLanguage language) {
    const bool tonnes = grams >= grams_per_tonne;
    const std::string number = Quantity{grams}.format(tonnes ? MassUnit::t : MassUnit::kg);
    const std::string number_only = number.substr(0, number.find(' '));
    if (language == PrintLanguage::zh) return number_only + (tonnes ? " 吨" : " 公斤");
    return number_only + (tonnes ? " t" : " kg");
}

std::string reason_text(std::string_view reason, PrintLanguage language) {
    static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> words = {
        {"veto", {"一方不愿会面", "one side declined the meeting"}},
        {"withdrawn", {"一方已退出", "a participant withdrew"}},
        {"no_common_slot", {"双方没有共同的空闲时段", "no time slot suits both sides"}},
        {"unavailable", {"原时段已不可用", "the time slot is no longer available"}},
        {"cap", {"超出会面次数上限", "a meeting cap was reached"}},
        {"slots_taken", {"原时段已被占用", "the time slot was taken"}},
        {"table_capacity", {"桌位不足", "not enough tables"}},
        {"table_changed", {"桌位已调整", "the table changed"}},
    };
    const auto found = words.find(reason);
    if (found == words.end()) return std::string(reason);
    return language == PrintLanguage::zh ? found->second.first : found->second.second;
}

std::string joined(const std::vector<std::string>& items, PrintLanguage language) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += word(language, "、", ", ");
        out += item;
    }
    return out;
}

}  // namespace kl::fair::print
