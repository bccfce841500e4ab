// What an event prints (issue 15 item 5) on SQLite and PostgreSQL, read back by real readers:
// pdftotext finds the names and times of an agenda in Chinese and English; libical parses the
// agenda's calendar, whose UIDs survive a rerun that keeps the meeting and whose dropped meetings
// come back CANCELLED; pdftoppm + zbarimg read a badge's QR code, and the decoded token checks its
// holder in (once; a second scan says when); the table plan seats each meeting once per slot.
#include <libical/ical.h>

#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "fair/fair_fixture.h"
#include "sheets/table.h"
#include "support/run_command.h"
#include "support/test_env.h"

namespace kl::fair {
namespace {

using testing::FairTest;
using testing::must;

// A reader's standard output (poppler-utils, zbar-tools: scripts/install-deps.sh).
std::string output_of(const std::vector<std::string>& command) {
    return test::run_command("/usr/bin/" + command.front(), {command.begin() + 1, command.end()}).out;
}

// Whether `part` is in `text` once each run of white space is one space (a table cell wraps its lines).
bool contains(const std::string& text, const std::string& part) {
    std::string flat;
    for (const char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (space && (flat.empty() || flat.back() == ' ')) continue;
        flat.push_back(space ? ' ' : c);
    }
    return flat.find(part) != std::string::npos;
}

class FairPrintTest : public FairTest {
protected:
    void SetUp() override {
        FairTest::SetUp();
        event = open_event();  // four slots, two tables
        must(db().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("UPDATE fair_events SET name_zh = '2026 产销对接会', name_en = 'Matchmaking 2026' WHERE id = $1", {event.id}));
            KL_TRY(tx.execute("UPDATE products SET name_zh = '纸皮核桃' WHERE id = $1", {walnut_product}));
            // The canteens' open demand: two tonnes of dried fruit and nuts.
            KL_TRY(tx.execute("INSERT INTO market_demands (id, org_id, category_id, min_grade_rank, quantity_g, max_price_fen_per_kg, "
                              "deliver_by, district_code, min_shelf_life_days, status, created_at_ms, updated_at_ms) VALUES "
                              "('d-1', $1, 'nuts_dried_fruit', 1, 2000000, 5000, '2026-11-01', 'minhang', 0, 'open', 0, 0)",
                              {canteen_org}));
            return ok();
        }));
        walnuts = must(events().register_attendee(walnut, event.id, exhibitor(walnut_org, {walnut_product})));
        melons = must(events().register_attendee(melon, event.id, exhibitor(melon_org, {melon_product})));
        li = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Li Ming")));
        wang = must(events().register_attendee(market, event.id, buyer(market_org, "Wang Fang")));
        for (const Attendee* b : {&li, &wang}) {
            must(events().rate(admin, event.id, b->id, walnuts.id, Rating::meet, ""));
            must(events().rate(admin, event.id, b->id, melons.id, Rating::meet, ""));
        }
        must(events().move_state(organiser, event.id, EventState::scheduling));
        first = must(fairs().schedules.run_now(organiser, event.id, std::nullopt));
        must(fairs().schedules.publish(organiser, event.id, first.id));
    }
    PrintService& prints() { return fairs().prints; }

    std::string saved(const std::string& bytes, const std::string& name) {
        const std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    int pages_of(const std::string& path) {
        const std::string info = output_of({"pdfinfo", path});
        const size_t at = info.find("Pages:");
        return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
    }
    std::string pdf_text(const std::string& bytes) {
        return output_of({"pdftotext", "-raw", "-enc", "UTF-8", saved(bytes, "doc.pdf"), "-"});
    }
    // The QR code on the first page, as zbarimg decodes it.
    std::string qr_on(const std::string& bytes) {
        const std::string path = saved(bytes, "badge.pdf");
        output_of({"pdftoppm", "-r", "150", "-png", "-singlefile", path, dir.file("badge")});
        std::string decoded = output_of({"zbarimg", "--quiet", "--raw", "-Sbinary", dir.file("badge.png")});
        while (!decoded.empty() && std::isspace(static_cast<unsigned char>(decoded.back()))) decoded.pop_back();
        return decoded;
    }
    // uid → (status cancelled?, sequence, start) of each VEVENT, parsed by libical.
    struct Parsed {
        bool cancelled = false;
        int sequence = 0;
        int64_t start_s = 0;
    };
    std::map<std::string, Parsed> parsed(const std::string& text) {
        std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root(icalparser_parse_string(text.c_str()), icalcomponent_free);
        std::map<std::string, Parsed> out;
        if (!root) return out;
        for (icalcomponent* e = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); e != nullptr;
             e = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
            out[icalcomponent_get_uid(e)] = Parsed{icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED, icalcomponent_get_sequence(e),
                                                   static_cast<int64_t>(icaltime_as_timet(icalcomponent_get_dtstart(e)))};
        }
        return out;
    }

    test::TempDir dir;
    Event event;
    Attendee walnuts, melons, li, wang;
    ScheduleRun first;
};

TEST_P(FairPrintTest, AnAgendaPrintsNamesAndBeijingTimesInChineseAndEnglish) {
    const Agenda agenda = must(fairs().schedules.agenda(canteen, event.id, li.id));
    ASSERT_EQ(agenda.meetings.size(), 2u);
    const std::string zh = pdf_text(must(prints().agenda_pdf(canteen, event.id, li.id, PrintLanguage::zh)));
    EXPECT_TRUE(contains(zh, "2026 产销对接会")) << zh;
    EXPECT_TRUE(contains(zh, "Shanghai Exhibition Centre")) << zh;
    EXPECT_TRUE(contains(zh, "Yecheng Walnut Co")) << zh;
    EXPECT_TRUE(contains(zh, "Zepu Melon Coop")) << zh;
    EXPECT_TRUE(contains(zh, "纸皮核桃")) << "the exhibitor's products, by name: " << zh;
    EXPECT_TRUE(contains(zh, "北京时间")) << zh;
    for (const auto& meeting : agenda.meetings) EXPECT_TRUE(contains(zh, clock_text(meeting.slot.starts_min))) << zh;
    EXPECT_FALSE(contains(zh, walnut_product)) << "names, not ids";
    const std::string en = pdf_text(must(prints().agenda_pdf(canteen, event.id, li.id, PrintLanguage::en)));
    EXPECT_TRUE(contains(en, "Matchmaking 2026")) << en;
    EXPECT_TRUE(contains(en, "Paper-shell walnuts")) << en;
    EXPECT_TRUE(contains(en, "Beijing time")) << en;
    for (const auto& meeting : agenda.meetings) EXPECT_TRUE(contains(en, clock_text(meeting.slot.starts_min))) << en;
    // An exhibitor's agenda shows each buyer's person and open demands, in tonnes.
    const std::string exhibitor_zh = pdf_text(must(prints().agenda_pdf(walnut, event.id, walnuts.id, PrintLanguage::zh)));
    EXPECT_TRUE(contains(exhibitor_zh, "Li Ming")) << exhibitor_zh;
    EXPECT_TRUE(contains(exhibitor_zh, "2 吨")) << exhibitor_zh;
    EXPECT_TRUE(contains(pdf_text(must(prints().agenda_pdf(walnut, event.id, walnuts.id, PrintLanguage::en))), "2 t"));
    // As private as the JSON agenda.
    EXPECT_EQ(prints().agenda_pdf(market, event.id, li.id, PrintLanguage::zh).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(prints().agenda_ics(market, event.id, li.id, PrintLanguage::zh).error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(prints().agenda_pdf(auditor, event.id, li.id, PrintLanguage::en).has_value());
}

TEST_P(FairPrintTest, AnAgendaCalendarKeepsItsUidsAcrossARerunAndCancelsWhatDropped) {
    const std::string before_text = must(prints().agenda_ics(walnut, event.id, walnuts.id, PrintLanguage::zh));
    const auto before = parsed(before_text);
    const Agenda agenda = must(fairs().schedules.agenda(walnut, event.id, walnuts.id));
    ASSERT_EQ(before.size(), agenda.meetings.size()) << before_text;
    ASSERT_EQ(before.size(), 2u);
    for (const auto& meeting : agenda.meetings) {
        const auto& found = before.at(meeting.meeting_id + "@kashlink");
        EXPECT_FALSE(found.cancelled);
        EXPECT_EQ(found.start_s * 1000, beijing_epoch_ms(meeting.slot.held_on, meeting.slot.starts_min));
    }
    // Wang withdraws; the rerun keeps Li's meeting and drops Wang's, and the calendar says so.
    std::string wangs_meeting;
    for (const auto& meeting : agenda.meetings) {
        if (meeting.counterpart_id == wang.id) wangs_meeting = meeting.meeting_id;
    }
    must(events().withdraw(market, event.id, wang.id));
    const ScheduleRun second = must(fairs().schedules.run_now(organiser, event.id, std::nullopt));
    must(fairs().schedules.publish(organiser, event.id, second.id));
    const auto after = parsed(must(prints().agenda_ics(walnut, event.id, walnuts.id, PrintLanguage::en)));
    ASSERT_EQ(after.size(), 2u);
    for (const auto& meeting : agenda.meetings) {
        const auto& found = after.at(meeting.meeting_id + "@kashlink");
        if (meeting.meeting_id == wangs_meeting) {
            EXPECT_TRUE(found.cancelled);
            EXPECT_GT(found.sequence, before.at(meeting.meeting_id + "@kashlink").sequence);
        } else {
            EXPECT_FALSE(found.cancelled);
            EXPECT_EQ(found.start_s, before.at(meeting.meeting_id + "@kashlink").start_s);
        }
    }
    // A third publication keeps the cancellation on the calendar.
    const ScheduleRun third = must(fairs().schedules.run_now(organiser, event.id, std::nullopt));
    must(fairs().schedules.publish(organiser, event.id, third.id));
    EXPECT_TRUE(parsed(must(prints().agenda_ics(walnut, event.id, walnuts.id, PrintLanguage::en))).at(wangs_meeting + "@kashlink").cancelled);
}

TEST_P(FairPrintTest, ABadgesQrCodeChecksItsHolderInOnce) {
    const std::string pdf = must(prints().badge_pdf(canteen, event.id, li.id, PrintLanguage::zh));
    const std::string token = qr_on(pdf);
    ASSERT_EQ(token.size(), badge_token_chars) << token;
    EXPECT_EQ(token, must(prints().badge_token(organiser, event.id, li.id))) << "a reprint carries the same token";
    const std::string text = pdf_text(pdf);
    EXPECT_TRUE(contains(text, "Li Ming")) << text;
    EXPECT_TRUE(contains(text, "Minhang Canteens")) << text;
    EXPECT_TRUE(contains(text, "采购商")) << text;
    // Only organisers scan; another organisation's user neither prints nor scans.
    EXPECT_EQ(prints().badge_pdf(market, event.id, li.id, PrintLanguage::zh).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(prints().check_in_by_badge(canteen, event.id, token).error().code, ErrorCode::permission_denied);
    const CheckInResult checked = must(prints().check_in_by_badge(organiser, event.id, token));
    EXPECT_FALSE(checked.already);
    EXPECT_EQ(checked.participant.id, li.id);
    ASSERT_TRUE(checked.participant.checked_in_at_ms.has_value());
    // A second scan (typed in groups, in lower case) answers when, and changes nothing.
    std::string typed;
    for (size_t i = 0; i < token.size(); ++i) typed += std::string(i % 4 == 0 && i > 0 ? " " : "") + char(std::tolower(token[i]));
    const CheckInResult again = must(prints().check_in_by_badge(organiser, event.id, typed));
    EXPECT_TRUE(again.already);
    EXPECT_EQ(again.participant.checked_in_at_ms, checked.participant.checked_in_at_ms);
    // An unknown token is not found; so is another event's badge; a malformed one names the field.
    std::string unknown = token;
    unknown.back() = unknown.back() == 'Z' ? 'Y' : 'Z';
    EXPECT_EQ(prints().check_in_by_badge(organiser, event.id, unknown).error().code, ErrorCode::not_found);
    Event other = open_event("2027 fair");
    Attendee elsewhere = must(events().register_attendee(organiser, other.id, buyer(market_org, "Zhou Yu")));
    const std::string other_token = must(prints().badge_token(organiser, other.id, elsewhere.id));
    EXPECT_EQ(prints().check_in_by_badge(organiser, event.id, other_token).error().code, ErrorCode::not_found);
    const auto malformed = prints().check_in_by_badge(organiser, event.id, "https://example.com/");
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().fields.at(0).field, "token");
    EXPECT_EQ(must(events().attendee(organiser, event.id, wang.id)).checked_in_at_ms, std::nullopt);
}

// The organisers' batch: four A6 badges to an A4 sheet (cut lines between them), every QR code
// still read by zbarimg off the rendered sheet, and each the token that participant's single badge
// carries; a fifth participant starts a second sheet. A participant's own badge stays one per page.
TEST_P(FairPrintTest, TheBatchPrintsFourBadgesToAnA4Sheet) {
    const std::string pdf = must(prints().badges_pdf(organiser, event.id, PrintLanguage::en));
    const std::string path = saved(pdf, "badges.pdf");
    EXPECT_EQ(pages_of(path), 1);
    EXPECT_NE(output_of({"pdfinfo", path}).find("(A4)"), std::string::npos);
    const std::string text = output_of({"pdftotext", "-raw", "-enc", "UTF-8", path, "-"});
    for (const std::string name : {"Li Ming", "Wang Fang", "Yecheng Walnut Co", "Zepu Melon Coop", "Exhibitor", "Buyer"}) {
        EXPECT_TRUE(contains(text, name)) << name << ": " << text;
    }
    output_of({"pdftoppm", "-r", "150", "-png", "-singlefile", path, dir.file("sheet")});
    // zbarimg writes the symbols' texts one after another; each token is 40 characters.
    std::string read;
    for (const char c : output_of({"zbarimg", "--quiet", "--raw", "-Sbinary", dir.file("sheet.png")})) {
        if (std::isspace(static_cast<unsigned char>(c)) == 0) read.push_back(c);
    }
    std::set<std::string> decoded;
    for (size_t at = 0; at < read.size(); at += badge_token_chars) decoded.insert(read.substr(at, badge_token_chars));
    std::set<std::string> expected;
    for (const Attendee* a : {&walnuts, &melons, &li, &wang}) expected.insert(must(prints().badge_token(organiser, event.id, a->id)));
    EXPECT_EQ(decoded, expected);
    must(events().register_attendee(organiser, event.id, buyer(market_org, "Zhou Yu")));
    EXPECT_EQ(pages_of(saved(must(prints().badges_pdf(organiser, event.id, PrintLanguage::zh)), "five.pdf")), 2);
    EXPECT_EQ(pages_of(saved(must(prints().badge_pdf(canteen, event.id, li.id, PrintLanguage::zh)), "one.pdf")), 1);
    EXPECT_EQ(prints().badges_pdf(canteen, event.id, PrintLanguage::en).error().code, ErrorCode::permission_denied);
}

// Participants carry their organisation's English name: the English agenda, badge, calendar and
// table plan print it; the Chinese ones the Chinese name; an organisation without one prints its
// name in both.
TEST_P(FairPrintTest, EnglishPrintsUseTheOrganisationsEnglishName) {
    must(db().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE organisations SET name = '闵行区食堂集团', name_en = 'Minhang Canteens Group' WHERE id = $1", {canteen_org}));
        KL_TRY(tx.execute("UPDATE organisations SET name = '叶城核桃公司', name_en = 'Yecheng Walnut Company' WHERE id = $1", {walnut_org}));
        KL_TRY(tx.execute("UPDATE organisations SET name_en = '' WHERE id = $1", {melon_org}));
        return ok();
    }));
    const Attendee read = must(events().attendee(canteen, event.id, li.id));
    EXPECT_EQ(read.org_name, "闵行区食堂集团");
    EXPECT_EQ(read.org_name_en, "Minhang Canteens Group");
    const Agenda agenda = must(fairs().schedules.agenda(canteen, event.id, li.id));
    for (const auto& meeting : agenda.meetings) {
        if (meeting.counterpart_id == walnuts.id) {
            EXPECT_EQ(meeting.counterpart_org_name_en, "Yecheng Walnut Company");
        }
    }
    const std::string en = pdf_text(must(prints().agenda_pdf(canteen, event.id, li.id, PrintLanguage::en)));
    EXPECT_TRUE(contains(en, "Minhang Canteens Group")) << en;
    EXPECT_TRUE(contains(en, "Yecheng Walnut Company")) << en;
    EXPECT_TRUE(contains(en, "Zepu Melon Coop")) << "no English name: the name" << en;
    EXPECT_FALSE(contains(en, "叶城核桃公司")) << en;
    const std::string zh = pdf_text(must(prints().agenda_pdf(canteen, event.id, li.id, PrintLanguage::zh)));
    EXPECT_TRUE(contains(zh, "叶城核桃公司")) << zh;
    EXPECT_FALSE(contains(zh, "Yecheng Walnut Company")) << zh;
    EXPECT_NE(must(prints().agenda_ics(canteen, event.id, li.id, PrintLanguage::en)).find("Meeting: Yecheng Walnut Company"),
              std::string::npos);
    EXPECT_TRUE(contains(pdf_text(must(prints().badge_pdf(canteen, event.id, li.id, PrintLanguage::en))), "Minhang Canteens Group"));
    const TablePlan plan = must(prints().table_plan(organiser, event.id, std::nullopt));
    const std::string plan_en = pdf_text(must(prints().table_plan_pdf(plan, PrintLanguage::en)));
    EXPECT_TRUE(contains(plan_en, "Yecheng Walnut Company")) << plan_en;
    EXPECT_TRUE(contains(plan_en, "Minhang Canteens Group")) << plan_en;
    EXPECT_FALSE(contains(plan_en, "闵行区食堂集团")) << plan_en;
    const sheets::Table sheet = table_plan_sheet(plan);
    EXPECT_EQ(sheet.columns.back().name, "buyer_en");
}

TEST_P(FairPrintTest, TheTablePlanSeatsEachMeetingOncePerSlot) {
    const TablePlan plan = must(prints().table_plan(organiser, event.id, std::nullopt));
    EXPECT_TRUE(plan.published);
    EXPECT_EQ(plan.schedule_id, first.id);
    size_t seats = 0;
    for (const auto& slot : plan.slots) {
        std::set<int64_t> tables;
        std::set<std::string> people;
        for (const auto& seat : slot.seats) {
            EXPECT_TRUE(tables.insert(seat.table_number).second) << "a table twice in a slot";
            EXPECT_TRUE(people.insert(seat.exhibitor_id).second);
            EXPECT_TRUE(people.insert(seat.buyer_id).second);
            ++seats;
        }
    }
    EXPECT_EQ(static_cast<int64_t>(seats), first.meeting_count);
    const sheets::Table sheet = table_plan_sheet(plan);
    EXPECT_EQ(sheet.rows.size(), seats);
    EXPECT_EQ(sheet.columns.at(4).name, "exhibitor");
    const std::string text = pdf_text(must(prints().table_plan_pdf(plan, PrintLanguage::zh)));
    EXPECT_TRUE(contains(text, "桌位安排")) << text;
    EXPECT_TRUE(contains(text, "Wang Fang")) << text;
    EXPECT_TRUE(contains(text, "1号桌")) << text;
    // Programme-wide readers too; participants and unknown runs not.
    EXPECT_TRUE(prints().table_plan(auditor, event.id, first.id).has_value());
    EXPECT_EQ(prints().table_plan(canteen, event.id, std::nullopt).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(prints().table_plan(organiser, event.id, std::string("no-such-run")).error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairPrintTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
