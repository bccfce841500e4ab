// `kashlink schedule --event ID`: the trusted local operator (no principal, like `kashlink match`)
// runs the meeting scheduler for one event and prints the run's figures; the run is stored like
// one started over HTTP (GET /api/v1/fairs/{id}/schedules/{sid}), and --publish makes it the
// event's published schedule.
#include "cli/commands/schedule_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "audit/audit_trail.h"
#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"
#include "fair/fair.h"

namespace kl::cli {

namespace {

struct ScheduleArgs {
    std::string database_url = Config{}.database_url;
    std::string event_id;
    int64_t time_limit_ms = fair::solve_time_ms_default;
    bool publish = false;
};

int run_schedule(const ScheduleArgs& args) {
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    audit::AuditTrail trail((*store)->backend(), clock);
    fair::ScheduleService schedules(**store, clock, ids, trail);
    auto run = schedules.run_now(std::nullopt, args.event_id, args.time_limit_ms);
    if (!run) return report_error(run.error());
    std::cout << "schedule " << run->id << " " << fair::to_string(run->status) << "\n";
    if (run->error) std::cout << "error: " << *run->error << "\n";
    int64_t unmet = 0, kept = 0, moved = 0, dropped = 0;
    for (const auto& note : run->notes) {
        unmet += note.kind == fair::NoteKind::must_meet_unmet;
        kept += note.kind == fair::NoteKind::kept;
        moved += note.kind == fair::NoteKind::moved;
        dropped += note.kind == fair::NoteKind::dropped;
    }
    std::cout << "meetings " << run->meeting_count << ", weight " << run->weight << ", bound " << run->weight_bound << ", gap "
              << run->gap << (run->optimal ? " (proven optimal)" : "") << "\n"
              << "must-meets met " << run->must_meets_met << " of at most " << run->must_meets_bound << "; unmet " << unmet
              << "\npublished meetings kept " << kept << ", moved " << moved << ", dropped " << dropped << "\n";
    if (run->status != fair::ScheduleStatus::done) return 1;
    if (args.publish) {
        auto published = schedules.publish(std::nullopt, args.event_id, run->id);
        if (!published) return report_error(published.error());
        std::cout << "published\n";
    }
    return 0;
}

}  // namespace

void add_schedule_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ScheduleArgs>();
    CLI::App* schedule = app.add_subcommand("schedule", "Run the meeting scheduler of a fair or matchmaking event");
    schedule->add_option("--db", args->database_url, "database URL or SQLite path");
    schedule->add_option("--event", args->event_id, "the event's id")->required();
    schedule->add_option("--time-limit-ms", args->time_limit_ms, "the solver's time limit (default 10000)");
    schedule->add_flag("--publish", args->publish, "make the run the event's published schedule");
    schedule->callback([args, &exit_code] { exit_code = run_schedule(*args); });
}

}  // namespace kl::cli
