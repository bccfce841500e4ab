// A participant's agenda as a PDF and as an iCalendar file (fair_print.h): the JSON agenda
// (ScheduleService::agenda, which checks who may read it) with the names it prints — the event, the
// counterparts' organisations and people, the exhibitors' products, the buyers' open demands — and,
// for the calendar, every publication's moves and cancellations.
#include <algorithm>
#include <map>
#include <set>

#include "calendar/ics.h"
#include "fair/fair_print.h"
#include "fair/fair_repo.h"
#include "fair/print_repo.h"
#include "fair/print_text.h"
#include "fair/schedule_repo.h"
#include "pdf/pdf_document.h"

namespace kl::fair {

namespace {

using print::word;

// A buyer's open demands shown beside a meeting: the oldest few, enough to talk about.
constexpr size_t demands_shown_max = 5;

// What the agenda prints beyond the JSON agenda, read in one snapshot.
struct AgendaNames {
    Event event;
    std::map<std::string, Attendee> attendees;         // the event's participants by id
    std::map<std::string, NamePair> products;          // exhibitors' products shown
    std::map<std::string, std::vector<OpenDemand>> demands;  // by buyer organisation
    std::map<std::string, EventSlot> slots;            // by id
    std::map<std::string, int64_t> table_numbers;      // by table id
};

Result<AgendaNames> agenda_names(store::Tx& tx, const std::string& event_id) {
    AgendaNames names;
    KL_TRY_ASSIGN(names.event, load_event(tx, event_id));
    KL_TRY_ASSIGN(std::vector<Attendee> all, all_attendees(tx, event_id));
    std::set<std::string> product_ids, buyer_orgs;
    for (auto& a : all) {
        product_ids.insert(a.product_ids.begin(), a.product_ids.end());
        if (a.side == Side::buyer) buyer_orgs.insert(a.org_id);
        names.attendees.emplace(a.id, std::move(a));
    }
    KL_TRY_ASSIGN(names.products, product_names(tx, {product_ids.begin(), product_ids.end()}));
    KL_TRY_ASSIGN(names.demands, open_demands(tx, {buyer_orgs.begin(), buyer_orgs.end()}, demands_shown_max));
    KL_TRY_ASSIGN(std::vector<EventSlot> slots, select_slots(tx, event_id));
    for (auto& slot : slots) names.slots.emplace(slot.id, std::move(slot));
    KL_TRY_ASSIGN(std::vector<EventTable> tables, select_tables(tx, event_id));
    for (const auto& table : tables) names.table_numbers[table.id] = table.number;
    return names;
}

// The counterpart as printed: its person with title (a buyer) or its booth (an exhibitor).
std::string person_line(const Attendee& other, PrintLanguage language) {
    std::string out = other.person_name;
    if (!other.title.empty()) out += (out.empty() ? "" : " · ") + other.title;
    if (other.side == Side::exhibitor && !other.booth.empty()) {
        out += (out.empty() ? "" : " · ") + word(language, "展位 ", "Booth ") + other.booth;
    }
    return out;
}

// The exhibitor's products (a buyer's agenda) or the buyer's open demands (an exhibitor's).
std::string offer_line(const AgendaNames& names, const Attendee& other, PrintLanguage language) {
    std::vector<std::string> items;
    if (other.side == Side::exhibitor) {
        for (const auto& id : other.product_ids) {
            const auto found = names.products.find(id);
            if (found != names.products.end()) items.push_back(language == PrintLanguage::zh ? found->second.zh : found->second.en);
        }
    } else if (const auto found = names.demands.find(other.org_id); found != names.demands.end()) {
        for (const auto& demand : found->second) {
            const std::string& what = language == PrintLanguage::zh ? demand.what.zh : demand.what.en;
            items.push_back(what + " " + print::weight_text(demand.quantity_g, language));
        }
    }
    return items.empty() ? "—" : print::joined(items, language);
}

const Attendee& counterpart_of(const AgendaNames& names, const Agenda& agenda, const ScheduleNote& note) {
    const bool exhibitor = agenda.participant.side == Side::exhibitor;
    return names.attendees.at(exhibitor ? note.buyer_id.value_or("") : note.exhibitor_id.value_or(""));
}

std::string place_text(const AgendaNames& names, const std::optional<std::string>& slot_id,
                       const std::optional<std::string>& table_id, PrintLanguage language) {
    std::string out;
    if (slot_id && names.slots.contains(*slot_id)) out = print::slot_text(names.slots.at(*slot_id), language);
    if (table_id && names.table_numbers.contains(*table_id)) {
        out += (out.empty() ? "" : " · ") + print::table_text(names.table_numbers.at(*table_id), language);
    }
    return out;
}

// What the publication moved or cancelled for this participant, one line each.
std::vector<std::string> change_lines(const AgendaNames& names, const Agenda& agenda, PrintLanguage language) {
    std::vector<std::string> lines;
    for (const auto& note : agenda.notes) {
        if (note.kind != NoteKind::moved && note.kind != NoteKind::dropped) continue;
        if (!note.exhibitor_id || !note.buyer_id) continue;
        const std::string who = print::org_name(counterpart_of(names, agenda, note), language);
        const std::string before = place_text(names, note.before_slot_id, note.before_table_id, language);
        const std::string why = note.reason ? print::reason_text(*note.reason, language) : "";
        if (note.kind == NoteKind::moved) {
            const std::string after = place_text(names, note.after_slot_id, note.after_table_id, language);
            lines.push_back(word(language, "已调整：与", "Moved: meeting with ") + who + word(language, "的洽谈由 ", " from ") + before +
                            word(language, " 改至 ", " to ") + after + (why.empty() ? "" : word(language, "（", " (") + why + word(language, "）", ")")));
        } else {
            lines.push_back(word(language, "已取消：与", "Cancelled: meeting with ") + who + word(language, "的洽谈（", " (") + before +
                            (why.empty() ? "" : word(language, "；", "; ") + why) + word(language, "）", ")"));
        }
    }
    return lines;
}

pdf::Document agenda_document(const Agenda& agenda, const AgendaNames& names, PrintLanguage language) {
    const Attendee& me = agenda.participant;
    const bool exhibitor = me.side == Side::exhibitor;
    pdf::Page page;
    page.blocks.push_back(pdf::Heading{print::event_name(names.event, language) + word(language, " · 洽谈日程", " · Agenda")});
    page.blocks.push_back(pdf::Paragraph{print::event_place_and_days(names.event, language)});
    std::string who = print::org_name(me, language) + (me.person_name.empty() ? "" : " · " + me.person_name) + " · " + print::side_text(me.side, language);
    if (!me.booth.empty()) who += " · " + word(language, "展位 ", "Booth ") + me.booth;
    page.blocks.push_back(pdf::Heading{who});
    if (!agenda.schedule_id) {
        page.blocks.push_back(pdf::Paragraph{word(language, "日程尚未发布。", "The schedule has not been published yet.")});
    } else if (agenda.meetings.empty()) {
        page.blocks.push_back(pdf::Paragraph{word(language, "已发布的日程中没有您的洽谈。", "No meetings for you in the published schedule.")});
    } else {
        pdf::Table table{{word(language, "时间", "Time"), word(language, "桌号", "Table"), word(language, "对方单位", "Counterpart"),
                          word(language, "联系人", "Contact"),
                          exhibitor ? word(language, "采购需求", "Open demands") : word(language, "展品", "Products")},
                         {},
                         {6, 2, 5, 4, 5}};
        for (const auto& meeting : agenda.meetings) {
            const Attendee& other = names.attendees.at(meeting.counterpart_id);
            table.rows.push_back({print::slot_text(meeting.slot, language), print::table_text(meeting.table_number, language),
                                  print::org_name(other, language), person_line(other, language), offer_line(names, other, language)});
        }
        page.blocks.push_back(std::move(table));
    }
    const std::vector<std::string> changes = change_lines(names, agenda, language);
    if (!changes.empty()) page.blocks.push_back(pdf::Heading{word(language, "本次发布的变动", "Changes in this publication")});
    for (const auto& line : changes) page.blocks.push_back(pdf::Paragraph{line});
    page.blocks.push_back(pdf::Paragraph{word(language, "时间均为北京时间。", "All times are Beijing time (UTC+8)."), true});
    return pdf::Document{print::event_name(names.event, language) + " · " + print::org_name(me, language), {std::move(page)}};
}

// The publications from the current one back (each run's notes), newest first.
Result<std::vector<ScheduleRun>> publications(store::Tx& tx, const Event& event) {
    std::vector<ScheduleRun> out;
    std::optional<std::string> next = event.published_schedule_id;
    while (next && out.size() < publications_walked_max) {
        KL_TRY_ASSIGN(ScheduleRun run, load_schedule(tx, event.id, *next));
        next = run.based_on;
        out.push_back(std::move(run));
    }
    return out;
}

calendar::Event calendar_event(const AgendaNames& names, const Attendee& other, const EventSlot& slot, int64_t table_number,
                               PrintLanguage language) {
    calendar::Event out;
    out.start_ms = beijing_epoch_ms(slot.held_on, slot.starts_min);
    out.end_ms = beijing_epoch_ms(slot.held_on, slot.ends_min);
    out.summary = word(language, "洽谈：", "Meeting: ") + print::org_name(other, language);
    out.location = names.event.venue + (table_number > 0 ? " · " + print::table_text(table_number, language) : "");
    const std::string person = person_line(other, language);
    out.description = (person.empty() ? "" : person + "\n") + offer_line(names, other, language);
    return out;
}

}  // namespace

Result<std::string> PrintService::agenda_pdf(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                             PrintLanguage language) {
    KL_TRY_ASSIGN(Agenda agenda, schedules_.agenda(actor, event_id, participant_id));
    KL_TRY_ASSIGN(AgendaNames names, store_.read([&](store::Tx& tx) { return agenda_names(tx, event_id); }));
    return pdf::render(agenda_document(agenda, names, language));
}

Result<std::string> PrintService::agenda_ics(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                             PrintLanguage language) {
    KL_TRY_ASSIGN(Agenda agenda, schedules_.agenda(actor, event_id, participant_id));
    std::vector<ScheduleRun> published;
    KL_TRY_ASSIGN(AgendaNames names, store_.read([&](store::Tx& tx) -> Result<AgendaNames> {
        KL_TRY_ASSIGN(AgendaNames read, agenda_names(tx, event_id));
        KL_TRY_ASSIGN(published, publications(tx, read.event));
        return read;
    }));
    // SEQUENCE: how many publications moved the meeting (one more once cancelled), so a calendar app
    // takes each newer download over the older one.
    std::map<std::string, int32_t> moves;
    std::vector<const ScheduleNote*> dropped;
    std::set<std::string> current, cancelled_seen;
    for (const auto& meeting : agenda.meetings) current.insert(meeting.meeting_id);
    for (const auto& run : published) {
        for (const auto& note : run.notes) {
            const bool mine = note.exhibitor_id == participant_id || note.buyer_id == participant_id;
            if (!mine || !note.meeting_id) continue;
            if (note.kind == NoteKind::moved) ++moves[*note.meeting_id];
            if (note.kind == NoteKind::dropped && !current.contains(*note.meeting_id) && cancelled_seen.insert(*note.meeting_id).second) {
                dropped.push_back(&note);
            }
        }
    }
    calendar::Calendar out{print::event_name(names.event, language) + " · " + print::org_name(agenda.participant, language), clock_.now_ms(), {}};
    for (const auto& meeting : agenda.meetings) {
        calendar::Event event = calendar_event(names, names.attendees.at(meeting.counterpart_id), meeting.slot, meeting.table_number, language);
        event.uid = meeting.meeting_id + "@kashlink";
        event.sequence = moves[meeting.meeting_id];
        out.events.push_back(std::move(event));
    }
    for (const ScheduleNote* note : dropped) {
        if (!note->before_slot_id || !names.slots.contains(*note->before_slot_id)) continue;
        const Attendee& other = counterpart_of(names, agenda, *note);
        const int64_t table = note->before_table_id && names.table_numbers.contains(*note->before_table_id)
                                  ? names.table_numbers.at(*note->before_table_id)
                                  : 0;
        calendar::Event event = calendar_event(names, other, names.slots.at(*note->before_slot_id), table, language);
        event.uid = *note->meeting_id + "@kashlink";
        event.sequence = moves[*note->meeting_id] + 1;
        event.cancelled = true;
        if (note->reason) event.description += "\n" + print::reason_text(*note->reason, language);
        out.events.push_back(std::move(event));
    }
    return calendar::ics(out);
}

}  // namespace kl::fair
