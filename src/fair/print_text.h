#pragma once
// The words and formats of what an event prints (internal to src/fair: agenda.cpp, badge.cpp,
// table_plan.cpp): Chinese or English labels, Beijing-time slots, weights in 吨/公斤.

#include <string>
#include <string_view>

#include "fair/fair_print.h"

namespace kl::fair::print {

// The label in the language.
inline std::string word(PrintLanguage language, std::string_view zh, std::string_view en) {
    return std::string(language == PrintLanguage::zh ? zh : en);
}
// "2026年10月10日" / "2026-10-10".
std::string day_text(Date day, PrintLanguage language);
// "10月10日" / "10 Oct": within an event, whose header names the year.
std::string short_day_text(Date day, PrintLanguage language);
// "10月10日 09:00–09:20" / "10 Oct 09:00–09:20".
std::string slot_text(const EventSlot& slot, PrintLanguage language);
// "3号桌" / "Table 3".
std::string table_text(int64_t number, PrintLanguage language);
// The event's name in the language, and its venue and days on one line.
std::string event_name(const Event& event, PrintLanguage language);
std::string event_place_and_days(const Event& event, PrintLanguage language);
std::string side_text(Side side, PrintLanguage language);
// "2 吨", "500 公斤" / "2 t", "500 kg": tonnes from one tonne up.
std::string weight_text(int64_t grams, PrintLanguage language);
// Why a meeting was moved or cancelled (a scheduler Reason's name), in words.
std::string reason_text(std::string_view reason, PrintLanguage language);
// The participant's organisation by name in the language: its English name in English when it has
// one, else its (Chinese) name.
inline const std::string& org_name(const Attendee& attendee, PrintLanguage language) {
    return language == PrintLanguage::en && !attendee.org_name_en.empty() ? attendee.org_name_en : attendee.org_name;
}
// The lines of a list joined the language's way ("、" / ", ").
std::string joined(const std::vector<std::string>& items, PrintLanguage language);

}  // namespace kl::fair::print
