// The demo's events (seed_fairs, declared in demo_fairs.h), from seed-facts.md, run through the fair
// module's own services as an organiser would (every action is the command line's, "system"):
//   - the 2023 Kashgar specialty-products fair in Shanghai: 35 enterprises exhibiting their catalogue,
//     40 buyer representatives, matchmaking meetings beside the booths, a published schedule, the
//     participants checked in, the event closed;
//   - the 2024 production–sales matchmaking event (2024-09-09): the 36 producers met the 88 Shanghai
//     channel representatives; both sides rated each other from the platform's recommendations
//     (must-meets, meets and the odd veto), the schedule was computed (proven optimal), published,
//     checked in and the event closed;
//   - an event two months ahead, open for registration, with most producers and some buyers
//     registered — the demo buyer is not, so that it can register itself from the console.
// The event dates of 2023 and of the coming event are illustrative; the facts give only the year.
#include "demo/demo_fairs.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/civil_date.h"

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

struct Organisations {
    std::vector<std::string> producers;  // enterprises and cooperatives with active products, by id
    std::vector<std::string> buyers;
    std::map<std::string, std::vector<std::string>> products_of;
};

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
    KL_TRY_ASSIGN(store::Rows buyers, tx.query("SELECT id FROM organisations WHERE kind = 'buyer' ORDER BY id"));
    for (const auto& row : buyers) out.buyers.push_back(row.text(0));
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

// Computes, publishes and runs the event: everyone who came checks in (a few did not), then it closes.
Result<void> schedule_and_hold(DemoWorld& world, fair::Fairs& fairs, const Event& event, const Registered& registered,
                               DemoFairCounts& counts) {
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::scheduling));
    KL_TRY_ASSIGN(fair::ScheduleRun run, fairs.schedules.run_now(std::nullopt, event.id, std::nullopt));
    if (run.status != fair::ScheduleStatus::done) {
        return fail(ErrorCode::internal, "the demo's schedule for " + event.name_en + " did not finish");
    }
    KL_TRY(fairs.schedules.publish(std::nullopt, event.id, run.id));
    counts.meetings += static_cast<size_t>(run.meeting_count);
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::live));
    for (const auto* side : {&registered.exhibitors, &registered.buyers}) {
        for (const auto& attendee : *side) {
            if (world.random.chance(40)) continue;  // 4 % did not come
            KL_TRY(fairs.events.check_in(std::nullopt, event.id, attendee.id));
        }
    }
    KL_TRY(fairs.events.move_state(std::nullopt, event.id, EventState::closed));
    return ok();
}

}  // namespace

Result<DemoFairCounts> seed_fairs(DemoWorld& world, fair::Fairs& fairs) {
    DemoFairCounts counts;
    KL_TRY_ASSIGN(const Organisations orgs, load_organisations(world.tx));
    if (orgs.producers.size() < fair_2023_exhibitors || orgs.buyers.size() < fair_2023_buyers) return counts;

    // 2023: the specialty-products fair, 35 of the producers and 40 buyers' representatives.
    KL_TRY_ASSIGN(Event fair_2023,
                  create(fairs, EventKind::trade_fair, "2023喀什地区特色产品（上海）展销会",
                         "Kashgar Specialty Products Fair, Shanghai 2023", "上海农业展览馆 Shanghai Agricultural Exhibition Hall",
                         kl::date_from_civil(2023, 11, 10), kl::date_from_civil(2023, 11, 12)));
    KL_TRY(add_days_and_tables(fairs, fair_2023, tables_2023));
    std::vector<std::string> producers_2023(orgs.producers.begin(), orgs.producers.begin() + fair_2023_exhibitors);
    std::vector<std::string> buyers_2023 = orgs.buyers;
    world.random.shuffle(buyers_2023);
    buyers_2023.resize(fair_2023_buyers);
    KL_TRY_ASSIGN(Registered at_2023, register_all(world, fairs, fair_2023, orgs, producers_2023, buyers_2023, 20, counts));
    KL_TRY(rate_from_recommendations(world, fairs, fair_2023, at_2023.buyers, at_2023.exhibitors, 1, 4, 100, counts));
    KL_TRY(schedule_and_hold(world, fairs, fair_2023, at_2023, counts));
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
    KL_TRY(schedule_and_hold(world, fairs, match_2024, at_2024, counts));
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
