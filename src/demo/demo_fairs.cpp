// The demo's events (seed_fairs, declared in demo_fairs.h), from seed-facts.md, run through the fair
// module's own services as an organiser would (every action is the command line's, "system"):
//   - the 2023 Kashgar specialty-products fair in Shanghai: 35 enterprises exhibiting their catalogue,
//     40 buyer representatives, matchmaking meetings beside the booths, a published schedule, the
//     participants checked in, each meeting's outcome, ¥25 million of intended orders signed at the
//     meetings and about ¥0.8 million of on-site sales at the booths (seed-facts; two in three to
//     walk-in customers, the rest to buyers' representatives), the event closed;
//   - the 2024 production–sales matchmaking event (2024-09-09): the 36 producers met the 88 Shanghai
//     channel representatives; both sides rated each other from the platform's recommendations
//     (must-meets, meets and the odd veto), the schedule was computed (proven optimal), published,
//     checked in, the meetings' outcomes and about ¥560 million of intended purchases recorded, and
//     the event closed;
//   Since then part of the intended orders became orders (confirmed; of 2023's, some delivered and
//   paid). The reported totals are sums of these records: the amounts are drawn, then the quantities
//   scaled so that the sums land on the facts' figures (within one unit's price).
//   - an event two months ahead, open for registration, with most producers and some buyers
//     registered — the demo buyer is not, so that it can register itself from the console.
// The event dates of 2023 and of the coming event are illustrative; the facts give only the year.
#include "demo/demo_fairs.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "demo/demo_orders.h"

namespace kl::demo {
namespace {

using fair::Attendee;
using fair::Event;
using fair::EventKind;
using fair::EventState;
using fair::Rating;
using fair::Side;

constexpr size_t fair_2023_exhibitors = 35;
constexpr size_t fair_2023_buyers = 40;
constexpr size_t products_shown_max = 40;
constexpr int64_t tables_2023 = 20;
constexpr int64_t tables_2024 = 40;
constexpr int64_t morning_starts = 9 * 60, morning_ends = 12 * 60;
constexpr int64_t afternoon_starts = 13 * 60 + 30, afternoon_ends = 17 * 60;

// A product a booth may sell at the event: at its best grade's list price, per unit of sale.
struct FairProduct {
    std::string id;
    int64_t price_fen = 0;
};

struct Organisations {
    std::vector<std::string> producers;  // enterprises and cooperatives with active products, by id
    std::vector<std::string> buyers;
    std::map<std::string, std::vector<std::string>> products_of;
    // By producer: the products whose brand standard lists the channel (orders refuse the others).
    std::map<std::string, std::vector<FairProduct>> intended_of, onsite_of;
    std::vector<std::string> carriers;
};

// The event's money targets (seed-facts.md), in fen.
struct Targets {
    int64_t intended_fen = 0;
    int64_t onsite_fen = 0;
};
constexpr Targets targets_2023{25'000'000'00, 800'000'00};
constexpr Targets targets_2024{560'000'000'00, 0};

Result<Organisations> load_organisations(store::Tx& tx) {
    Organisations out;
    KL_TRY_ASSIGN(store::Rows products,
                  tx.query("SELECT p.producer_id, p.id FROM products p JOIN organisations o ON o.id = p.producer_id "
                           "WHERE p.status = 'active' AND o.kind IN ('enterprise', 'cooperative') ORDER BY p.producer_id, p.id"));
    for (const auto& row : products) {
        auto& shown = out.products_of[row.text(0)];
        if (shown.empty()) out.producers.push_back(row.text(0));
        if (shown.size() < products_shown_max) shown.push_back(row.text(1));
    }
    KL_TRY_ASSIGN(store::Rows buyers, tx.query("SELECT id FROM organisations WHERE kind = 'buyer' AND is_system = 0 ORDER BY id"));
    for (const auto& row : buyers) out.buyers.push_back(row.text(0));
    KL_TRY_ASSIGN(store::Rows sellable,
                  tx.query("SELECT p.producer_id, p.id, g.list_price_fen, c.channel FROM products p "
                           "JOIN product_grades g ON g.product_id = p.id AND g.grade_rank = "
                           "(SELECT MIN(b.grade_rank) FROM product_grades b WHERE b.product_id = p.id) "
                           "JOIN product_channels c ON c.product_id = p.id AND c.channel IN ('fair_intent', 'fair_onsite') "
                           "WHERE p.status = 'active' ORDER BY p.producer_id, p.id, c.channel"));
    for (const auto& row : sellable) {
        auto& of = row.text(3) == "fair_intent" ? out.intended_of : out.onsite_of;
        of[row.text(0)].push_back(FairProduct{row.text(1), row.i64(2)});
    }
    KL_TRY_ASSIGN(store::Rows carriers, tx.query("SELECT id FROM organisations WHERE kind = 'logistics' ORDER BY id"));
    for (const auto& row : carriers) out.carriers.push_back(row.text(0));
    return out;
}

// A buyer representative's name, title and phone (a demo's, not a person's).
Attendee buyer_rep(DemoRandom& random, const std::string& org_id, size_t n) {
    static const std::vector<std::string> surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "胡"};
    static const std::vector<std::string> given = {"伟", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华"};
    static const std::vector<std::string> titles = {"采购经理", "采购总监", "品类经理", "供应链经理", "食堂主管"};
    Attendee rep;
    rep.side = Side::buyer;
    rep.org_id = org_id;
    rep.person_name = random.pick(surnames) + random.pick(given);
    rep.title = random.pick(titles);
    rep.phone = "1380021" + std::string(4 - std::min<size_t>(4, std::to_string(n).size()), '0') + std::to_string(n);
    rep.meetings_min = 1;
    rep.meetings_max = random.between(4, 8);
    return rep;
}

Attendee exhibitor(const Organisations& orgs, const std::string& org_id, size_t n, int64_t meetings_max) {
    Attendee shows;
    shows.side = Side::exhibitor;
    shows.org_id = org_id;
    shows.booth = std::string(1, static_cast<char>('A' + n / 20)) + (n % 20 + 1 < 10 ? "0" : "") + std::to_string(n % 20 + 1);
    shows.product_ids = orgs.products_of.at(org_id);
    shows.meetings_min = 2;
    shows.meetings_max = meetings_max;
    return shows;
}

struct Registered {
    std::vector<Attendee> exhibitors, buyers;
};

Result<Event> create(fair::Fairs& fairs, EventKind kind, std::string name_zh, std::string name_en, std::string venue,
                     Date starts_on, Date ends_on) {
    Event input;
    input.kind = kind;
    input.name_zh = std::move(name_zh);
    input.name_en = std::move(name_en);
    input.venue = std::move(venue);
    input.starts_on = starts_on;
    input.ends_on = ends_on;
    KL_TRY_ASSIGN(Event made, fairs.events.create_event(std::nullopt, input));
    return fairs.events.move_state(std::nullopt, made.id, EventState::registration);
}

Result<void> add_days_and_tables(fair::Fairs& fairs, const Event& event, int64_t tables) {
    for (Date day = event.starts_on; day <= event.ends_on; day = kl::add_days(day, 1)) {
        KL_TRY(fairs.events.add_session(std::nullopt, event.id, day, morning_starts, morning_ends));
        KL_TRY(fairs.events.add_session(std::nullopt, event.id, day, afternoon_starts, afternoon_ends));
    }
    for (int64_t number = 1; number <= tables; ++number) KL_TRY(fairs.events.add_table(std::nullopt, event.id, number, std::nullopt));
    return ok();
}

Result<Registered> register_all(DemoWorld& world, fair::Fairs& fairs, const Event& event, const Organisations& orgs,
                                const std::vector<std::string>& producers, const std::vector<std::string>& buyers,
                                int64_t exhibitor_meetings_max, DemoFairCounts& counts) {
    Registered out;
    for (size_t i = 0; i < producers.size(); ++i) {
        KL_TRY_ASSIGN(Attendee made, fairs.events.register_attendee(std::nullopt, event.id,
                                                                    exhibitor(orgs, producers[i], i, exhibitor_meetings_max)));
        out.exhibitors.push_back(std::move(made));
    }
    for (size_t i = 0; i < buyers.size(); ++i) {
        KL_TRY_ASSIGN(Attendee made, fairs.events.register_attendee(std::nullopt, event.id, buyer_rep(world.random, buyers[i], i + 1)));
        out.buyers.push_back(std::move(made));
    }
    counts.participants += out.exhibitors.size() + out.buyers.size();
    return out;
}

// Each participant rates the counterparts the platform recommends most: the best must-meet, the next
// few meet; now and then a veto on one it was not recommended.
Result<void> rate_from_recommendations(DemoWorld& world, fair::Fairs& fairs, const Event& event,
                                       const std::vector<Attendee>& raters, const std::vector<Attendee>& others,
                                       size_t must_meets, size_t meets, int64_t veto_per_mille, DemoFairCounts& counts) {
    for (const auto& rater : raters) {
        KL_TRY_ASSIGN(auto recommended, fairs.events.recommendations(std::nullopt, event.id, rater.id));
        std::vector<std::string> rated;
        for (size_t i = 0; i < recommended.size() && i < must_meets + meets; ++i) {
            const Rating rating = i < must_meets ? Rating::must_meet : Rating::meet;
            KL_TRY(fairs.events.rate(std::nullopt, event.id, rater.id, recommended[i].counterpart_id, rating, ""));
            rated.push_back(recommended[i].counterpart_id);
            ++counts.ratings;
        }
        if (!world.random.chance(veto_per_mille)) continue;
        const Attendee& other = world.random.pick(others);
        if (std::find(rated.begin(), rated.end(), other.id) != rated.end()) continue;
        KL_TRY(fairs.events.rate(std::nullopt, event.id, rater.id, other.id, Rating::no_thanks, "品类不符 / not our category"));
        ++counts.ratings;
    }
    return ok();
}

// Draws 1–3 lines of `products` (quantities in [low, high] units of sale), or none when it has none.
std::vector<fair::SaleLine> draw_lines(DemoRandom& random, const std::vector<FairProduct>& products, int64_t low, int64_t high) {
    std::vector<fair::SaleLine> lines;
    if (products.empty()) return lines;
    const int64_t count = random.between(1, std::min<int64_t>(3, static_cast<int64_t>(products.size())));
    for (int64_t i = 0; i < count; ++i) {
        const FairProduct& product = random.pick(products);
        const bool again = std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.product_id == product.id; });
        if (again || product.price_fen <= 0) continue;
        lines.push_back(fair::SaleLine{product.id, std::nullopt, random.between(low, high), product.price_fen});
    }
    return lines;
}

int64_t amount_fen(const std::vector<fair::SaleInput>& drafts) {
    int64_t total = 0;
    for (const auto& draft : drafts) {
        for (const auto& line : draft.lines) total += line.quantity * line.unit_price_fen;
    }
    return total;
}

// Scales the drafts' quantities (each at least 1) so that their amount lands on `target_fen`: down
// (or up) in proportion, then whole units added to the cheapest lines until one more would pass it.
void scale_to(std::vector<fair::SaleInput>& drafts, int64_t target_fen) {
    const int64_t drawn = amount_fen(drafts);
    if (drawn <= 0) return;
    for (auto& draft : drafts) {
        for (auto& line : draft.lines) {
            const __int128 scaled = static_cast<__int128>(line.quantity) * target_fen / drawn;
            line.quantity = std::max<int64_t>(1, static_cast<int64_t>(scaled));
        }
    }
    int64_t missing = target_fen - amount_fen(drafts);
    for (auto& draft : drafts) {
        for (auto& line : draft.lines) {
            if (missing <= 0) return;
            const int64_t units = missing / line.unit_price_fen;
            line.quantity += units;
            missing -= units * line.unit_price_fen;
        }
    }
}

struct Attendance {
    std::set<std::string> absent;  // participants who did not check in
};

// Every meeting of the published schedule gets its outcome: a no-show where a side did not come,
// else held (now and then a follow-up arranged instead, or a no-show after all).
Result<std::vector<fair::StoredMeeting>> record_outcomes(DemoWorld& world, fair::Fairs& fairs, fair::FairAtEvent& at_event,
                                                         const Event& event, const std::string& schedule_id,
                                                         const Attendance& attendance, DemoFairCounts& counts) {
    std::vector<fair::StoredMeeting> held;
    std::optional<std::string> cursor;
    do {
        KL_TRY_ASSIGN(fair::MeetingPage page, fairs.schedules.meetings(std::nullopt, event.id, schedule_id, 200, cursor));
        for (const auto& meeting : page.items) {
            fair::OutcomeInput outcome;
            const bool exhibitor_away = attendance.absent.contains(meeting.exhibitor_id);
            const bool buyer_away = attendance.absent.contains(meeting.buyer_id) || world.random.chance(30);
            if (exhibitor_away || buyer_away) {
                outcome.outcome = fair::Outcome::no_show;
                outcome.no_show_side = exhibitor_away && buyer_away ? fair::NoShowSide::both
                                       : exhibitor_away             ? fair::NoShowSide::exhibitor
                                                                    : fair::NoShowSide::buyer;
            } else if (world.random.chance(120)) {
                outcome.outcome = fair::Outcome::follow_up;
                outcome.note = "样品寄送后再议 samples to be sent first";
            }
            KL_TRY(at_event.outcomes.record_outcome(std::nullopt, event.id, meeting.id, outcome));
            ++counts.outcomes;
            if (outcome.outcome != fair::Outcome::no_show) held.push_back(meeting);
        }
        cursor = page.next_cursor;
    } while (cursor);
    return held;
}

// Intended orders at some of the meetings that took place, summing to `target_fen`.
Result<std::vector<std::string>> sign_intents(DemoWorld& world, fair::FairAtEvent& at_event, const Event& event,
                                              const Organisations& orgs, const Registered& registered,
                                              const std::vector<fair::StoredMeeting>& held, int64_t per_mille,
                                              int64_t target_fen, DemoFairCounts& counts) {
    std::map<std::string, std::string> org_of;
    for (const auto& exhibitor : registered.exhibitors) org_of[exhibitor.id] = exhibitor.org_id;
    std::vector<std::pair<std::string, fair::SaleInput>> drafts;
    for (const auto& meeting : held) {
        if (!world.random.chance(per_mille)) continue;
        const auto products = orgs.intended_of.find(org_of.at(meeting.exhibitor_id));
        if (products == orgs.intended_of.end()) continue;
        fair::SaleInput input;
        input.lines = draw_lines(world.random, products->second, 50, 2000);
        if (input.lines.empty()) continue;
        input.delivery_date = kl::add_days(event.starts_on, world.random.between(30, 120));
        input.note = event.name_zh + "意向订单 intended at " + event.name_en;
        input.reference = "demo-intent-" + meeting.id;
        drafts.emplace_back(meeting.id, std::move(input));
    }
    std::vector<fair::SaleInput> inputs;
    for (auto& [meeting, input] : drafts) inputs.push_back(std::move(input));
    scale_to(inputs, target_fen);
    std::vector<std::string> made;
    for (size_t i = 0; i < drafts.size(); ++i) {
        KL_TRY_ASSIGN(fair::FairOrder order, at_event.outcomes.record_intent(std::nullopt, event.id, drafts[i].first, inputs[i]));
        made.push_back(order.order.id);
        ++counts.intents;
    }
    return made;
}

// One booth sale in `walk_in_sales_of` is to a buyers' representative, the others to walk-in customers.
constexpr int64_t walk_in_sales_of = 3;
// The Shanghai Exhibition Centre (the 2023 fair's venue) is in Jing'an.
constexpr std::string_view venue_district_2023 = "jingan";

// Sales at the booths of exhibitors who came, summing to `target_fen`.
Result<void> sell_at_booths(DemoWorld& world, fair::FairAtEvent& at_event, const Event& event, const Organisations& orgs,
                            const Registered& registered, const Attendance& attendance, int64_t target_fen,
                            DemoFairCounts& counts) {
    if (target_fen <= 0) return ok();
    std::vector<std::pair<std::string, fair::SaleInput>> drafts;
    for (const auto& exhibitor : registered.exhibitors) {
        const auto products = orgs.onsite_of.find(exhibitor.org_id);
        if (attendance.absent.contains(exhibitor.id) || products == orgs.onsite_of.end()) continue;
        for (int64_t sale = world.random.between(4, 12); sale > 0; --sale) {
            fair::SaleInput input;
            input.lines = draw_lines(world.random, products->second, 1, 20);
            if (input.lines.empty()) continue;
            // Two sales in three go to walk-in customers (the shared walk-in buyer, a system
            // organisation: delivered in the venue's district), the third to one of the event's
            // buyers' representatives buying at the booth. The buyer is drawn either way, so the
            // demo's later draws stay what they were.
            const std::string representative = world.random.pick(registered.buyers).org_id;
            if (sale % walk_in_sales_of != 0) {
                input.delivery_district = std::string(venue_district_2023);
            } else {
                input.buyer_org_id = representative;
            }
            input.reference = "demo-onsite-" + exhibitor.id + "-" + std::to_string(sale);
            drafts.emplace_back(exhibitor.id, std::move(input));
        }
    }
    std::vector<fair::SaleInput> inputs;
    for (auto& [exhibitor, input] : drafts) inputs.push_back(std::move(input));
    scale_to(inputs, target_fen);
    for (size_t i = 0; i < drafts.size(); ++i) {
        KL_TRY(at_event.outcomes.record_onsite_sale(std::nullopt, event.id, drafts[i].first, inputs[i]));
        ++counts.onsite_sales;
    }
    return ok();
}

// Since the event: some intended orders confirmed; `paid_per_mille` of them carried through to paid.
Result<void> convert_intents(DemoWorld& world, orders::OrderService& orders, const Organisations& orgs,
                             const std::vector<std::string>& intents, int64_t confirmed_per_mille, int64_t paid_per_mille) {
    int64_t serial = 9000;
    for (const auto& id : intents) {
        if (!world.random.chance(confirmed_per_mille)) continue;
        const auto target = world.random.chance(paid_per_mille) ? orders::OrderStatus::paid : orders::OrderStatus::confirmed;
        KL_TRY(advance_order(orders, id, orders::OrderStatus::intent, target, world.random.pick(orgs.carriers), world.random, ++serial));
    }
    return ok();
}

// Computes, publishes and runs the event: everyone who came checks in (a few did not), the meetings'
// outcomes, intended orders and on-site sales are recorded, then it closes; since then some of the
// intended orders were confirmed and paid.
Result<void> schedule_and_hold(DemoWorld& world, fair::Fairs& fairs, fair::FairAtEvent& at_event, orders::OrderService& orders,
                               const Event& event, const Organisations& orgs, const Registered& registered,
                               Targets targets, DemoFairCounts& counts) {
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::scheduling));
    KL_TRY_ASSIGN(fair::ScheduleRun run, fairs.schedules.run_now(std::nullopt, event.id, std::nullopt));
    if (run.status != fair::ScheduleStatus::done) {
        return fail(ErrorCode::internal, "the demo's schedule for " + event.name_en + " did not finish");
    }
    KL_TRY(fairs.schedules.publish(std::nullopt, event.id, run.id));
    counts.meetings += static_cast<size_t>(run.meeting_count);
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::live));
    Attendance attendance;
    for (const auto* side : {&registered.exhibitors, &registered.buyers}) {
        for (const auto& attendee : *side) {
            if (world.random.chance(40)) {  // 4 % did not come
                attendance.absent.insert(attendee.id);
                continue;
            }
            KL_TRY(fairs.events.check_in(std::nullopt, event.id, attendee.id));
        }
    }
    KL_TRY_ASSIGN(auto held, record_outcomes(world, fairs, at_event, event, run.id, attendance, counts));
    KL_TRY_ASSIGN(auto intents, sign_intents(world, at_event, event, orgs, registered, held, 450, targets.intended_fen, counts));
    KL_TRY(sell_at_booths(world, at_event, event, orgs, registered, attendance, targets.onsite_fen, counts));
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::closed));
    const bool older = event.starts_on < kl::date_from_civil(2024, 1, 1);
    return convert_intents(world, orders, orgs, intents, older ? 500 : 150, older ? 500 : 0);
}

}  // namespace

Result<DemoFairCounts> seed_fairs(DemoWorld& world, fair::Fairs& fairs, fair::FairAtEvent& at_event,
                                  orders::OrderService& orders) {
    DemoFairCounts counts;
    KL_TRY_ASSIGN(const Organisations orgs, load_organisations(world.tx));
    if (orgs.producers.size() < fair_2023_exhibitors || orgs.buyers.size() < fair_2023_buyers) return counts;

    // 2023: the specialty-products fair, 35 of the producers and 40 buyers' representatives.
    KL_TRY_ASSIGN(Event fair_2023,
                  create(fairs, EventKind::trade_fair, "2023喀什地区特色产品（上海）展销会",
                         "Kashgar Specialty Products Fair, Shanghai 2023", "上海展览中心 Shanghai Exhibition Centre",
                         kl::date_from_civil(2023, 11, 10), kl::date_from_civil(2023, 11, 12)));
    KL_TRY(add_days_and_tables(fairs, fair_2023, tables_2023));
    std::vector<std::string> producers_2023(orgs.producers.begin(), orgs.producers.begin() + fair_2023_exhibitors);
    std::vector<std::string> buyers_2023 = orgs.buyers;
    world.random.shuffle(buyers_2023);
    buyers_2023.resize(fair_2023_buyers);
    KL_TRY_ASSIGN(Registered at_2023, register_all(world, fairs, fair_2023, orgs, producers_2023, buyers_2023, 20, counts));
    KL_TRY(rate_from_recommendations(world, fairs, fair_2023, at_2023.buyers, at_2023.exhibitors, 1, 4, 100, counts));
    KL_TRY(schedule_and_hold(world, fairs, at_event, orders, fair_2023, orgs, at_2023, targets_2023, counts));
    ++counts.events;

    // 2024: the production–sales matchmaking event, every producer and all 88 buyers, rated both ways.
    KL_TRY_ASSIGN(Event match_2024,
                  create(fairs, EventKind::matchmaking, "2024年喀什地区农产品产销对接会",
                         "Kashgar Production–Sales Matchmaking Event 2024", "上海 Shanghai",
                         kl::date_from_civil(2024, 9, 9), kl::date_from_civil(2024, 9, 9)));
    KL_TRY(add_days_and_tables(fairs, match_2024, tables_2024));
    KL_TRY_ASSIGN(Registered at_2024, register_all(world, fairs, match_2024, orgs, orgs.producers, orgs.buyers, 15, counts));
    KL_TRY(rate_from_recommendations(world, fairs, match_2024, at_2024.buyers, at_2024.exhibitors, 2, 4, 150, counts));
    KL_TRY(rate_from_recommendations(world, fairs, match_2024, at_2024.exhibitors, at_2024.buyers, 1, 3, 50, counts));
    KL_TRY(schedule_and_hold(world, fairs, at_event, orders, match_2024, orgs, at_2024, targets_2024, counts));
    ++counts.events;

    // Two months ahead: open for registration; the demo buyer is left to register itself.
    const Date coming = kl::add_days(world.today, 60);
    KL_TRY_ASSIGN(Event next, create(fairs, EventKind::matchmaking, "喀什地区农产品产销对接会（下一期）",
                                     "Kashgar Production–Sales Matchmaking Event (next)", "上海 Shanghai", coming, coming));
    KL_TRY(add_days_and_tables(fairs, next, tables_2024));
    const std::string demo_buyer = world.org_ids.at("wholesale_buyer");
    std::vector<std::string> early_buyers;
    for (const auto& id : orgs.buyers) {
        if (id != demo_buyer && world.random.chance(400)) early_buyers.push_back(id);
    }
    KL_TRY(register_all(world, fairs, next, orgs, orgs.producers, early_buyers, 15, counts));
    ++counts.events;
    return counts;
}

}  // namespace kl::demo
