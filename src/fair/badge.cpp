// Badges and check-in by badge (fair_print.h): the token a badge's QR code holds, issued on first
// print; the badge as a PDF page; and the organisers' scan that checks its holder in.
#include <algorithm>
#include <cctype>

#include "access/permissions.h"
#include "access/token.h"
#include "core/identifier.h"
#include "core/ids.h"
#include "fair/fair_print.h"
#include "fair/fair_repo.h"
#include "fair/print_repo.h"
#include "fair/print_text.h"
#include "pdf/pdf_document.h"
#include "qr/qr_code.h"

namespace kl::fair {

namespace {

using audit::CanonicalJson;
using print::word;

// Crockford's base32: no I, L, O or U, so a token typed by hand is read as printed.
constexpr std::string_view crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 200 random bits make the 40 characters (5 bits each).
constexpr size_t badge_random_bytes = badge_token_chars * 5 / 8;
// The QR code printed on a badge: 50 mm wide, readable at arm's length and by a phone; 45 mm on the
// organisers' A6 cards (four to an A4 sheet), so that the holder's names and role fit above it.
constexpr int32_t badge_qr_side_mm = 50;
constexpr int32_t badge_card_qr_side_mm = 45;

std::string new_badge_token() {
    const std::string hex = random_hex(badge_random_bytes);
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        buffer = (buffer << 8) | static_cast<uint32_t>(std::stoul(hex.substr(i, 2), nullptr, 16));
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(crockford[(buffer >> bits) & 31u]);
        }
    }
    KL_ASSERT(out.size() == badge_token_chars);
    return out;
}

// "ABCD EFGH …": the caption under the QR code, to type when a camera fails.
std::string grouped(const std::string& token) {
    std::string out;
    for (size_t i = 0; i < token.size(); i += 4) out += (i == 0 ? "" : " ") + token.substr(i, 4);
    return out;
}

bool is_token_shaped(std::string_view token) {
    return token.size() == badge_token_chars &&
           std::all_of(token.begin(), token.end(), [](char c) { return crockford.find(c) != std::string_view::npos; });
}

// The participant's badge token, issued now when it has none.
Result<std::string> issued_token(store::Tx& tx, const Attendee& attendee, int64_t now_ms) {
    KL_TRY_ASSIGN(std::optional<std::string> token, find_badge_token(tx, attendee.id));
    if (token) return std::move(*token);
    KL_TRY(insert_badge(tx, attendee.id, attendee.event_id, new_badge_token(), now_ms));
    KL_TRY_ASSIGN(token, find_badge_token(tx, attendee.id));
    KL_ASSERT(token.has_value());
    return std::move(*token);
}

Result<pdf::Page> badge_page(const Event& event, const Attendee& attendee, const std::string& token, PrintLanguage language,
                             int32_t qr_side_mm = badge_qr_side_mm) {
    KL_TRY_ASSIGN(qr::Matrix code, qr::encode(token, qr::Correction::quartile));
    pdf::Page page;
    page.blocks.push_back(pdf::Heading{print::event_name(event, language)});
    page.blocks.push_back(pdf::Paragraph{print::event_place_and_days(event, language), true});
    const std::string& org = print::org_name(attendee, language);
    page.blocks.push_back(pdf::Heading{attendee.person_name.empty() ? org : attendee.person_name});
    if (!attendee.person_name.empty()) page.blocks.push_back(pdf::Paragraph{org});
    std::string role = print::side_text(attendee.side, language);
    if (!attendee.title.empty()) role += " · " + attendee.title;
    if (!attendee.booth.empty()) role += " · " + word(language, "展位 ", "Booth ") + attendee.booth;
    page.blocks.push_back(pdf::Paragraph{role});
    page.blocks.push_back(pdf::Matrix{code.size, std::move(code.dark), qr_side_mm, grouped(token)});
    page.blocks.push_back(pdf::Paragraph{word(language, "入场签到时请出示此码。", "Show this code at the entrance to check in."), true});
    return page;
}

bool may_print_badge(const Actor& actor, const Event& event, const Attendee& attendee) {
    return is_organiser(actor, event) || speaks_for(actor, attendee);
}

}  // namespace

std::string normalised_badge_token(std::string_view text) {
    std::string out;
    for (const char c : identifier_key(text)) {
        if (c == ' ' || c == '-') continue;
        char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (upper == 'O') upper = '0';
        if (upper == 'I' || upper == 'L') upper = '1';
        out.push_back(upper);
    }
    return out;
}

Result<std::string> PrintService::badge_token(const Actor& actor, const std::string& event_id, const std::string& participant_id) {
    return store_.write([&](store::Tx& tx) -> Result<std::string> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee attendee, load_attendee(tx, event_id, participant_id));
        if (!may_print_badge(actor, event, attendee)) {
            return fail(ErrorCode::permission_denied, "a badge is printed by the organisers or the participant's own organisation");
        }
        return issued_token(tx, attendee, clock_.now_ms());
    });
}

Result<std::string> PrintService::badge_pdf(const Actor& actor, const std::string& event_id, const std::string& participant_id,
                                            PrintLanguage language) {
    KL_TRY_ASSIGN(std::string token, badge_token(actor, event_id, participant_id));
    return store_.read([&](store::Tx& tx) -> Result<std::string> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY_ASSIGN(Attendee attendee, load_attendee(tx, event_id, participant_id));
        KL_TRY_ASSIGN(pdf::Page page, badge_page(event, attendee, token, language));
        return pdf::render(pdf::Document{print::event_name(event, language) + " · " + print::org_name(attendee, language), {std::move(page)}});
    });
}

Result<std::string> PrintService::badges_pdf(const Actor& actor, const std::string& event_id, PrintLanguage language) {
    // Four A6 badges to an A4 sheet, with cut lines: a large event prints a quarter of the paper.
    pdf::Document document;
    document.layout = pdf::Layout::a6_cards;
    KL_TRY(store_.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY_ASSIGN(std::vector<Attendee> all, all_attendees(tx, event_id));
        document.title = print::event_name(event, language) + word(language, " · 胸卡", " · Badges");
        for (const auto& attendee : all) {
            if (attendee.withdrawn) continue;
            KL_TRY_ASSIGN(std::string token, issued_token(tx, attendee, clock_.now_ms()));
            KL_TRY_ASSIGN(pdf::Page page, badge_page(event, attendee, token, language, badge_card_qr_side_mm));
            document.pages.push_back(std::move(page));
        }
        return ok();
    }));
    if (document.pages.empty()) {
        document.pages.push_back(pdf::Page{{pdf::Paragraph{word(language, "尚无参会者。", "No participants yet.")}}});
    }
    return pdf::render(document);
}

Result<CheckInResult> PrintService::check_in_by_badge(const Actor& actor, const std::string& event_id, const std::string& text) {
    const std::string token = normalised_badge_token(text);
    if (!is_token_shaped(token)) {
        return fail_field("token", ProblemCode::bad_format,
                          "is not a badge token (" + std::to_string(badge_token_chars) + " letters and digits)",
                          {{"length", static_cast<int64_t>(badge_token_chars)}});
    }
    return store_.write([&](store::Tx& tx) -> Result<CheckInResult> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY(require_state(event, {EventState::published, EventState::live}, "check_in"));
        KL_TRY_ASSIGN(std::vector<Badge> candidates, badges_by_lookup(tx, event_id, token.substr(0, badge_lookup_chars)));
        const auto held = std::find_if(candidates.begin(), candidates.end(),
                                       [&](const Badge& badge) { return access::constant_time_equal(badge.token, token); });
        if (held == candidates.end()) {
            return fail(ErrorCode::not_found, ProblemCode::not_found, "no badge of this event carries that token");
        }
        KL_TRY_ASSIGN(Attendee attendee, load_attendee(tx, event_id, held->participant_id));
        if (attendee.withdrawn) return fail(ErrorCode::conflict, ProblemCode::conflict, "the participant has withdrawn");
        if (attendee.checked_in_at_ms) return CheckInResult{std::move(attendee), true};
        KL_TRY(set_checked_in(tx, attendee.id, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "fair_participant.check_in", "fair_participant", attendee.id,
                            CanonicalJson().add("event_id", event_id).add("by", "badge")));
        KL_TRY_ASSIGN(attendee, load_attendee(tx, event_id, attendee.id));
        return CheckInResult{std::move(attendee), false};
    });
}

}  // namespace kl::fair
