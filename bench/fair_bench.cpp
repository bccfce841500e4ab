// fair_bench: the meeting scheduler (src/fair/meeting_schedule.h) on the three cases.
//
//   small   36 exhibitors × 88 buyers, full preferences (both sides rate every pair), 12 slots,
//           40 tables, no windows: schedule_meetings end to end (must be proven optimal) against
//           LEMON alone on the selection graph it builds (the min-cost flow, the physical limit of
//           the exact path); ratio end-to-end / LEMON.
//   large   500 exhibitors × 2,000 buyers, 30 slots in 3 sessions, each participant available in
//           1–3 sessions, 100 booth tables + 300 shared: time, meetings, weight, bound and gap;
//           then the same instance handed to CBC as one plain MIP (x[pair, slot], no start, no
//           flow bound) with a time cap, for comparison.
//   rerun   the large schedule published, then 5 % of the participants withdraw: time of the rerun,
//           published meetings kept / moved / dropped, and meetings after.
// Best and median of `--repeats` runs for the small case; the large ones run once. Deterministic
// from --seed. It asserts nothing about time.
//
//   fair_bench [--repeats 5] [--large-time-s 30] [--cbc-cap-s 60] [--seed 1]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fair/meeting_schedule.h"
#include "fair/schedule_model.h"
#include "optim/min_cost_flow.h"
#include "bench_support.h"

namespace {

using namespace kl;
using namespace kl::fair;
using SteadyClock = std::chrono::steady_clock;

struct Options {
    int repeats = 5;
    int large_time_s = 30;
    int cbc_cap_s = 60;
    unsigned seed = 1;
};

double seconds_since(SteadyClock::time_point start) { return std::chrono::duration<double>(SteadyClock::now() - start).count(); }

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// A side's rating: shares of must_meet, meet and no_thanks (the rest says nothing).
Rating draw_rating(std::mt19937_64& rng, double must, double meet, double veto) {
    const double x = std::uniform_real_distribution<double>(0, 1)(rng);
    if (x < must) return Rating::must_meet;
    if (x < must + meet) return Rating::meet;
    if (x < must + meet + veto) return Rating::no_thanks;
    return Rating::none;
}

ScheduleRequest small_event(std::mt19937_64& rng) {
    ScheduleRequest request;
    request.exhibitors.assign(36, Participant{4, 12, {}, false});
    request.buyers.assign(88, Participant{2, 5, {}, false});
    request.slots.assign(12, Slot{});
    request.tables.assign(40, Table{});
    for (int32_t e = 0; e < 36; ++e)
        for (int32_t b = 0; b < 88; ++b)
            request.preferences.push_back(PairPreference{e, b, draw_rating(rng, 0.05, 0.35, 0.05), draw_rating(rng, 0.03, 0.2, 0.05),
                                                         std::uniform_int_distribution<int64_t>(0, 10)(rng)});
    return request;
}

std::vector<int32_t> sessions_window(std::mt19937_64& rng) {
    std::vector<int32_t> slots;
    const int first = std::uniform_int_distribution<int>(0, 2)(rng);
    const int last = std::uniform_int_distribution<int>(first, 2)(rng);
    for (int32_t s = first * 10; s < (last + 1) * 10; ++s) slots.push_back(s);
    return slots;
}

// Each buyer rates 12 exhibitors, each exhibitor 40 buyers; a pair rated by one side only carries
// a recommendation for the other.
ScheduleRequest large_event(std::mt19937_64& rng) {
    ScheduleRequest request;
    request.slots.assign(30, Slot{});
    for (size_t s = 0; s < request.slots.size(); ++s) request.slots[s].session = static_cast<int32_t>(s / 10);
    for (int e = 0; e < 500; ++e) request.exhibitors.push_back(Participant{3, 20, sessions_window(rng), false});
    for (int b = 0; b < 2000; ++b) request.buyers.push_back(Participant{2, 8, sessions_window(rng), false});
    for (int32_t t = 0; t < 400; ++t) request.tables.push_back(Table{t < 100 ? t : no_table_owner});
    std::map<std::pair<int32_t, int32_t>, PairPreference> pairs;
    auto pair = [&](int32_t e, int32_t b) -> PairPreference& {
        auto [it, fresh] = pairs.try_emplace({e, b}, PairPreference{e, b, Rating::none, Rating::none, 0});
        if (fresh) it->second.recommendation = std::uniform_int_distribution<int64_t>(0, 10)(rng);
        return it->second;
    };
    std::uniform_int_distribution<int32_t> any_exhibitor(0, 499), any_buyer(0, 1999);
    for (int32_t b = 0; b < 2000; ++b)
        for (int k = 0; k < 12; ++k) pair(any_exhibitor(rng), b).by_buyer = draw_rating(rng, 0.15, 0.65, 0.2);
    for (int32_t e = 0; e < 500; ++e)
        for (int k = 0; k < 40; ++k) pair(e, any_buyer(rng)).by_exhibitor = draw_rating(rng, 0.08, 0.72, 0.2);
    for (auto& [key, preference] : pairs) request.preferences.push_back(preference);
    return request;
}

Schedule must_schedule(const ScheduleRequest& request) {
    Result<Schedule> schedule = schedule_meetings(request);
    if (!schedule) {
        std::fprintf(stderr, "fair_bench: %s\n", schedule.error().message.c_str());
        std::exit(1);
    }
    return std::move(schedule).value();
}

void print_schedule(const char* label, const Schedule& s, double seconds) {
    std::printf("  %-22s %8.3f s  meetings %6zu  weight %8lld  bound %8lld  gap %lld (%.2f %%)  must-meets %d/%d  %s%s\n", label,
                seconds, s.meetings.size(), static_cast<long long>(s.weight), static_cast<long long>(s.weight_bound),
                static_cast<long long>(s.gap), s.weight_bound > 0 ? 100.0 * static_cast<double>(s.gap) / static_cast<double>(s.weight_bound) : 0.0,
                s.must_meets_met, s.must_meets_bound, std::string(to_string(s.method)).c_str(), s.optimal ? ", proven optimal" : "");
}

void run_small(const Options& options, std::mt19937_64& rng) {
    const ScheduleRequest request = small_event(rng);
    std::printf("small: 36 × 88, full preferences (%zu pairs), 12 slots, 40 tables\n", request.preferences.size());
    std::vector<double> end_to_end, lemon;
    Schedule schedule;
    for (int run = 0; run <= options.repeats; ++run) {
        auto start = SteadyClock::now();
        schedule = must_schedule(request);
        const double whole = seconds_since(start);
        std::vector<PublishedOutcome> outcomes;
        std::vector<int32_t> published_candidate;
        const fair::detail::Problem problem = fair::detail::build_problem(request, outcomes, published_candidate).value();
        const fair::detail::Board board(problem);
        const fair::detail::SelectionNetwork built = fair::detail::selection_network(problem, board);
        start = SteadyClock::now();
        const optim::FlowSolution solution = optim::solve_min_cost_flow(built.network);
        const double flow = seconds_since(start);
        if (solution.status != optim::FlowStatus::optimal) std::exit(1);
        if (run == 0) continue;  // warm-up: first touches of memory and caches
        end_to_end.push_back(whole);
        lemon.push_back(flow);
    }
    print_schedule("end to end", schedule, median(end_to_end));
    const double best_ratio = *std::min_element(end_to_end.begin(), end_to_end.end()) / *std::min_element(lemon.begin(), lemon.end());
    std::printf("  end to end best %.2f ms, median %.2f ms; LEMON alone best %.2f ms, median %.2f ms; ratio %.1f× (best), %.1f× (median)\n",
                1e3 * *std::min_element(end_to_end.begin(), end_to_end.end()), 1e3 * median(end_to_end),
                1e3 * *std::min_element(lemon.begin(), lemon.end()), 1e3 * median(lemon), best_ratio, median(end_to_end) / median(lemon));
    std::printf("  slots needed %d of 12, unmet must-meets %zu, unmet minimums %zu\n", schedule.slots_needed,
                schedule.must_meets_unmet.size(), schedule.minimums_unmet.size());
    kl::bench::print_check("  small: schedule proven optimal (issue 15)", schedule.optimal, "proven optimal");
    kl::bench::print_untargeted("  small: ratio end to end / LEMON alone, median", median(end_to_end) / median(lemon));
}

void run_large(const Options& options, std::mt19937_64& rng) {
    ScheduleRequest request = large_event(rng);
    request.solve_time_ms_max = int64_t{options.large_time_s} * 1000;
    std::printf("large: 500 × 2,000, %zu rated pairs, 30 slots (3 sessions, windows of 1–3 sessions), 100 booth + 300 shared tables\n",
                request.preferences.size());
    auto start = SteadyClock::now();
    const Schedule schedule = must_schedule(request);
    print_schedule("flow + search", schedule, seconds_since(start));
    if (options.cbc_cap_s > 0) {
        ScheduleRequest plain = request;
        plain.path = SolvePath::plain_mip;
        plain.solve_time_ms_max = int64_t{options.cbc_cap_s} * 1000;
        start = SteadyClock::now();
        const Schedule mip = must_schedule(plain);
        print_schedule("CBC plain MIP", mip, seconds_since(start));
        std::printf("  (CBC capped at %d s; its bound is its own best bound, without the flow's)\n", options.cbc_cap_s);
    }

    // The rerun: 5 % of each side withdraws.
    ScheduleRequest rerun = request;
    rerun.published = schedule.meetings;
    std::vector<int32_t> exhibitors(500), buyers(2000);
    std::iota(exhibitors.begin(), exhibitors.end(), 0);
    std::iota(buyers.begin(), buyers.end(), 0);
    std::shuffle(exhibitors.begin(), exhibitors.end(), rng);
    std::shuffle(buyers.begin(), buyers.end(), rng);
    for (int k = 0; k < 25; ++k) rerun.exhibitors[static_cast<size_t>(exhibitors[static_cast<size_t>(k)])].withdrawn = true;
    for (int k = 0; k < 100; ++k) rerun.buyers[static_cast<size_t>(buyers[static_cast<size_t>(k)])].withdrawn = true;
    start = SteadyClock::now();
    const Schedule again = must_schedule(rerun);
    const double seconds = seconds_since(start);
    size_t kept = 0, moved = 0, dropped = 0, dropped_withdrawn = 0;
    for (const PublishedOutcome& outcome : again.published) {
        kept += outcome.fate == Fate::kept ? 1 : 0;
        moved += outcome.fate == Fate::moved ? 1 : 0;
        dropped += outcome.fate == Fate::dropped ? 1 : 0;
        dropped_withdrawn += outcome.fate == Fate::dropped && outcome.reason == Reason::withdrawn ? 1 : 0;
    }
    std::printf("rerun: 25 exhibitors and 100 buyers (5 %%) withdraw\n");
    print_schedule("rerun", again, seconds);
    kl::bench::print_untargeted("  large: gap to the flow bound, %", schedule.weight_bound > 0 ? 100.0 * static_cast<double>(schedule.gap) /
                                                                                         static_cast<double>(schedule.weight_bound) : 0.0);
    std::printf("  published %zu: kept %zu, moved %zu, dropped %zu (%zu because a participant withdrew); "
                "kept / still possible = %.1f %%\n",
                again.published.size(), kept, moved, dropped, dropped_withdrawn,
                100.0 * static_cast<double>(kept) / static_cast<double>(again.published.size() - dropped_withdrawn));
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as it comes, also through a pipe
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--repeats") == 0) options.repeats = std::max(1, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--large-time-s") == 0) options.large_time_s = std::max(1, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--cbc-cap-s") == 0) options.cbc_cap_s = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--seed") == 0) options.seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    std::mt19937_64 rng(options.seed);
    run_small(options, rng);
    run_large(options, rng);
    return 0;
}
