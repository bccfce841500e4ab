// The organisers' table plan (fair_print.h): who sits at which table in each slot of a schedule,
// as seats (JSON), a sheet (CSV, XLSX) and a PDF with one table per slot.
#include <algorithm>
#include <map>

#include "fair/fair_print.h"
#include "fair/fair_repo.h"
#include "fair/print_text.h"
#include "fair/schedule_repo.h"
#include "pdf/pdf_document.h"

namespace kl::fair {

namespace {

using print::word;

// A seat's organisation in the language: the English name in English when it has one.
const std::string& in_language(const std::string& zh, const std::string& en, PrintLanguage language) {
    return language == PrintLanguage::en && !en.empty() ? en : zh;
}

PlanSeat seat_of(const StoredMeeting& meeting, int64_t table_number, const std::map<std::string, Attendee>& attendees) {
    const Attendee& exhibitor = attendees.at(meeting.exhibitor_id);
    const Attendee& buyer = attendees.at(meeting.buyer_id);
    return PlanSeat{meeting.id, table_number, exhibitor.id, exhibitor.org_name, exhibitor.org_name_en, exhibitor.booth,
                    buyer.id,       buyer.org_name, buyer.org_name_en,   buyer.person_name};
}

}  // namespace

Result<TablePlan> PrintService::table_plan(const Actor& actor, const std::string& event_id,
                                           const std::optional<std::string>& schedule_id) {
    return store_.read([&](store::Tx& tx) -> Result<TablePlan> {
        TablePlan plan;
        KL_TRY_ASSIGN(plan.event, load_event(tx, event_id));
        KL_TRY(require_schedule_reader(actor, plan.event));
        if (!schedule_id && !plan.event.published_schedule_id) {
            return fail(ErrorCode::not_found, ProblemCode::not_found, "the event has no published schedule yet");
        }
        plan.schedule_id = schedule_id.value_or(plan.event.published_schedule_id.value_or(""));
        KL_TRY_ASSIGN(ScheduleRun run, load_schedule(tx, event_id, plan.schedule_id));
        if (run.status != ScheduleStatus::done) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state, "the schedule run has not finished",
                        {{"record", "fair_schedule"}, {"status", to_string(run.status)}, {"action", "table_plan"}});
        }
        plan.published = plan.event.published_schedule_id == plan.schedule_id;
        KL_TRY_ASSIGN(std::vector<StoredMeeting> meetings, schedule_meetings_all(tx, plan.schedule_id));
        KL_TRY_ASSIGN(std::vector<EventSlot> slots, select_slots(tx, event_id));
        KL_TRY_ASSIGN(std::vector<EventTable> tables, select_tables(tx, event_id));
        KL_TRY_ASSIGN(std::vector<Attendee> all, all_attendees(tx, event_id));
        std::map<std::string, Attendee> attendees;
        for (auto& a : all) attendees.emplace(a.id, std::move(a));
        std::map<std::string, int64_t> table_number;
        for (const auto& table : tables) table_number[table.id] = table.number;
        std::map<std::string, std::vector<PlanSeat>> by_slot;
        for (const auto& meeting : meetings) by_slot[meeting.slot_id].push_back(seat_of(meeting, table_number.at(meeting.table_id), attendees));
        for (const auto& slot : slots) {  // in time order
            auto found = by_slot.find(slot.id);
            if (found == by_slot.end()) continue;
            std::sort(found->second.begin(), found->second.end(),
                      [](const PlanSeat& a, const PlanSeat& b) { return a.table_number < b.table_number; });
            plan.slots.push_back(PlanSlot{slot, std::move(found->second)});
        }
        return plan;
    });
}

Result<std::string> PrintService::table_plan_pdf(const TablePlan& plan, PrintLanguage language) const {
    pdf::Document document{print::event_name(plan.event, language) + word(language, " · 桌位安排", " · Table plan"), {}};
    for (const auto& slot : plan.slots) {
        pdf::Page page;
        page.blocks.push_back(pdf::Heading{print::event_name(plan.event, language) + word(language, " · 桌位安排", " · Table plan")});
        page.blocks.push_back(pdf::Paragraph{print::event_place_and_days(plan.event, language), true});
        page.blocks.push_back(pdf::Heading{print::slot_text(slot.slot, language)});
        pdf::Table table{{word(language, "桌号", "Table"), word(language, "参展商", "Exhibitor"), word(language, "展位", "Booth"),
                          word(language, "采购商", "Buyer"), word(language, "采购代表", "Representative")},
                         {},
                         {2, 5, 2, 5, 3}};
        for (const auto& seat : slot.seats) {
            table.rows.push_back({print::table_text(seat.table_number, language),
                                  in_language(seat.exhibitor_org_name, seat.exhibitor_org_name_en, language), seat.booth,
                                  in_language(seat.buyer_org_name, seat.buyer_org_name_en, language), seat.buyer_person});
        }
        page.blocks.push_back(std::move(table));
        document.pages.push_back(std::move(page));
    }
    if (document.pages.empty()) {
        document.pages.push_back(pdf::Page{{pdf::Heading{document.title},
                                            pdf::Paragraph{word(language, "该日程没有洽谈。", "The schedule has no meetings.")}}});
    }
    return pdf::render(document);
}

sheets::Table table_plan_sheet(const TablePlan& plan) {
    sheets::Table sheet;
    sheet.sheet_name = "table plan";
    sheet.columns = {{"date"},         {"starts_at"},     {"ends_at"}, {"table", true}, {"exhibitor"},  {"booth"},
                     {"buyer"},        {"buyer_person"},  {"meeting_id"}, {"exhibitor_id"}, {"buyer_id"},
                     {"exhibitor_en"}, {"buyer_en"}};
    for (const auto& slot : plan.slots) {
        for (const auto& seat : slot.seats) {
            sheet.rows.push_back({format_date(slot.slot.held_on), clock_text(slot.slot.starts_min), clock_text(slot.slot.ends_min),
                                  std::to_string(seat.table_number), seat.exhibitor_org_name, seat.booth, seat.buyer_org_name,
                                  seat.buyer_person, seat.meeting_id, seat.exhibitor_id, seat.buyer_id,
                                  seat.exhibitor_org_name_en, seat.buyer_org_name_en});
        }
    }
    return sheet;
}

}  // namespace kl::fair
