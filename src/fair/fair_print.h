#pragma once
// What an event prints and hands out (issue 15 item 5): each participant's agenda as a PDF (Chinese
// or English) and as an iCalendar file, badges whose QR code checks the holder in, and the
// organisers' table plan per slot (JSON, CSV/XLSX, PDF). Built on the generic libraries src/pdf,
// src/qr and src/calendar; names are printed, never ids; times are Beijing time.
//
// Who may:
//   agenda (pdf, ics)          its own organisation, organisers, programme-wide readers (as the JSON
//                              agenda: ScheduleService::agenda checks)
//   badge, all badges          organisers, and a participant's own organisation for its own badge
//   check in by badge token    organisers, while the event is published or live
//   table plan                 organisers and programme-wide readers (fund officer, auditor)
//
// Badge tokens. A badge's QR code holds its token as plain text, not a check-in address: the server
// does not know the address people reach the console by (behind a proxy, on a venue's network), a
// printed badge must not go stale when that address changes, and a phone camera opening an address
// would land on a page that needs an organiser's session anyway. The organisers' scanner (the
// console's check-in field, a phone or a USB scanner typing into it) posts the token. A token is 40
// characters of Crockford base32 (200 random bits from libsodium): its first 8 characters are a
// lookup key, the other 32 (160 bits) a secret compared in constant time (access::constant_time_equal).
// The token is kept, not only a hash of it, because a lost badge is printed again with the same code
// and an organiser may print the whole batch twice; the database already holds every participant's
// person and phone. A badge's token is issued the first time it is printed and then never changes.

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/clock.h"
#include "core/enum_names.h"
#include "fair/fair_access.h"
#include "fair/fair_types.h"
#include "fair/schedule_service.h"
#include "sheets/table.h"
#include "store/store.h"

namespace kl::fair {

enum class PrintLanguage { zh, en };
constexpr auto enum_table(PrintLanguage) {
    return enum_table_of<PrintLanguage>({{PrintLanguage::zh, "zh"}, {PrintLanguage::en, "en"}});
}

// 40 characters of Crockford base32: an 8-character lookup key and a 32-character secret.
inline constexpr size_t badge_token_chars = 40;
inline constexpr size_t badge_lookup_chars = 8;
// What a check-in reads before normalising (a token written in groups, with spaces or hyphens).
inline constexpr size_t badge_token_text_chars_max = 80;
// Publications an agenda's calendar looks back through for moved and cancelled meetings.
inline constexpr size_t publications_walked_max = 200;

struct CheckInResult {
    Attendee participant;
    bool already = false;     // checked in before this scan (at participant.checked_in_at_ms)
};

// One meeting of a table plan: a table in a slot and who sits there.
struct PlanSeat {
    std::string meeting_id;
    int64_t table_number = 0;
    std::string exhibitor_id, exhibitor_org_name, exhibitor_org_name_en, booth;
    std::string buyer_id, buyer_org_name, buyer_org_name_en, buyer_person;
};
struct PlanSlot {
    EventSlot slot;
    std::vector<PlanSeat> seats;  // by table number
};
struct TablePlan {
    Event event;
    std::string schedule_id;
    bool published = false;
    std::vector<PlanSlot> slots;  // in time order, only slots with meetings
};

class PrintService {
public:
    PrintService(store::Store& store, const Clock& clock, audit::AuditTrail& audit, ScheduleService& schedules)
        : store_(store), clock_(clock), audit_(audit), schedules_(schedules) {}

    // The agenda as an A4 PDF: the event's name, venue and dates, the participant, and a table of its
    // meetings (time, table, counterpart organisation and person, their products or open demands),
    // then what the last publication moved or cancelled.
    Result<std::string> agenda_pdf(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                   PrintLanguage language);
    // The agenda as .ics: one VEVENT per meeting (UID "<meeting id>@kashlink", stable while the
    // meeting is kept or moved); meetings dropped by any publication stay as STATUS:CANCELLED;
    // SEQUENCE counts the publications that moved or cancelled the meeting.
    Result<std::string> agenda_ics(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                   PrintLanguage language);

    // One participant's badge (A4, one page); its token is issued on first print.
    Result<std::string> badge_pdf(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                  PrintLanguage language);
    // Every participant's badge that has not withdrawn, one per page (organisers).
    Result<std::string> badges_pdf(const Actor& actor, const std::string& event_id, PrintLanguage language);
    // The token a badge carries (issued if need be): what the QR code holds. For tests and the console.
    Result<std::string> badge_token(const Actor& actor, const std::string& event_id, const std::string& participant_id);
    // Checks the badge's holder in (organisers; published or live). A second scan answers `already`;
    // an unknown token, or another event's, is not_found; a malformed one invalid_argument on "token".
    Result<CheckInResult> check_in_by_badge(const Actor& actor, const std::string& event_id, const std::string& token);

    // The schedule `schedule_id` (nullopt: the published one) as seats per slot.
    Result<TablePlan> table_plan(const Actor& actor, const std::string& event_id, const std::optional<std::string>& schedule_id);
    Result<std::string> table_plan_pdf(const TablePlan& plan, PrintLanguage language) const;

private:
    store::Store& store_;
    const Clock& clock_;
    audit::AuditTrail& audit_;
    ScheduleService& schedules_;
};

// The plan as a sheet: one row per meeting (date, times, table, exhibitor, booth, buyer, person, ids).
sheets::Table table_plan_sheet(const TablePlan& plan);

// "HH:MM" of minutes after midnight, and an event day's minute as epoch milliseconds (Asia/Shanghai
// is UTC+8 all year: no daylight saving since 1991).
std::string clock_text(int64_t minutes);
int64_t beijing_epoch_ms(Date day, int64_t minutes);
// "HH:MM" of an instant in Beijing time.
std::string beijing_clock_text(int64_t epoch_ms);
// A token as written on paper or typed: NFKC, upper case, spaces and hyphens removed; Crockford's
// look-alikes (O → 0, I and L → 1) read as the digits they stand for.
std::string normalised_badge_token(std::string_view text);

}  // namespace kl::fair
