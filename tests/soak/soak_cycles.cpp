#include "soak/soak_cycles.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "cli/app.h"
#include "core/config.h"
#include "core/log.h"
#include "demo/demo_seed.h"
#include "soak/power_loss_vfs.h"
#include "store/store.h"
#include "support/access_stack.h"
#include "support/run_command.h"
#include "support/server_process.h"

namespace kl::soak {

namespace {

constexpr int64_t writes_before_cut_max = 12;
constexpr int cut_wait_ms_max = 2000;

int env_int(const char* name, int fallback, int low, int high) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return fallback;
    const int value = std::atoi(text);
    if (value < low || value > high) {
        throw std::runtime_error(std::string(name) + " must be between " + std::to_string(low) + " and " + std::to_string(high));
    }
    return value;
}

void sleep_ms(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

int64_t random_load_ms(const CycleOptions& options, std::mt19937_64& random) {
    return std::uniform_int_distribution<int64_t>(options.load_ms_min, options.load_ms_max)(random);
}

// `kashlink verify` on the database as it is now; a failure is counted with what it printed.
void verify(const CycleOptions& options, const std::string& url, const std::string& key_file, Totals& totals) {
    const auto result = test::run_command(options.binary, {"verify", "--db", url, "--audit-signing-key-file", key_file});
    if (result.status == 0) return;
    ++totals.verify_failures;
    if (totals.problems.size() < 20) totals.problems.push_back("kashlink verify: " + result.out + result.err);
}

void print_cycle(const CycleOptions& options, const std::string& label, int cycle, const Findings& findings, const Totals& totals,
                 int64_t load_ms) {
    if (!options.progress) return;
    int64_t acked = 0;
    for (auto n : findings.acknowledged) acked += n;
    std::cout << label << " cycle " << cycle << "/" << options.cycles << ": load " << load_ms << " ms, " << acked
              << " acknowledged, " << findings.unanswered << " not; totals " << totals.acknowledged_total() << " acknowledged, lost "
              << totals.lost << ", half-applied " << totals.half_applied << ", retry mismatches " << totals.retry_mismatches
              << ", verify failures " << totals.verify_failures << std::endl;
    for (const auto& p : findings.problems) std::cout << "  " << p << std::endl;
}

}  // namespace

CycleOptions options_from_environment(const std::string& binary) {
    CycleOptions options;
    options.binary = binary;
    options.cycles = env_int("SOAK_CYCLES", options.cycles, 1, 100000);
    options.threads = env_int("SOAK_THREADS", options.threads, 1, 64);
    options.load_ms_max = env_int("SOAK_LOAD_MS_MAX", options.load_ms_max, options.load_ms_min, 600000);
    const char* seed = std::getenv("SOAK_SEED");
    options.seed = seed != nullptr && *seed != '\0' ? std::strtoull(seed, nullptr, 10) : std::random_device{}();
    return options;
}

void seed_demo_database(const std::string& url) {
    store::StoreOptions store_options;
    store_options.url = url;
    auto store = store::open_store(store_options);
    if (!store) throw std::runtime_error("open " + url + ": " + store.error().message);
    SystemClock clock;
    demo::DemoOptions demo_options;
    demo_options.users = test::test_user_options();
    auto seeded = demo::seed_demo(**store, clock, demo_options);
    if (!seeded) throw std::runtime_error("demo seed: " + seeded.error().message);
}

std::string PowerTotals::text() const {
    std::ostringstream out;
    out << cuts << " power cuts: " << writes_dropped << " unsynced writes (" << bytes_dropped << " bytes) thrown away, " << torn_writes
        << " of them torn; " << syncs << " syncs made durable what the load committed";
    return out.str();
}

Totals run_kill_cycles(const CycleOptions& options, const std::string& url, const std::string& key_file, const std::string& label) {
    SoakLoad load(options.seed);
    Totals totals;
    std::mt19937_64 random(options.seed);
    auto server = std::make_unique<test::ServerProcess>(options.binary, url, key_file);
    load.prepare(server->port());
    for (int cycle = 1; cycle <= options.cycles; ++cycle) {
        std::atomic<bool> stop{false};
        const int64_t load_ms = random_load_ms(options, random);
        std::thread killer([&] {
            sleep_ms(load_ms);
            server->kill9();  // while the clients are sending: some writes are in flight
            stop = true;
        });
        load.run(server->port(), options.threads, stop);
        killer.join();
        server = std::make_unique<test::ServerProcess>(options.binary, url, key_file);
        const Findings findings = load.check(server->port());
        totals.add(findings);
        verify(options, url, key_file, totals);
        print_cycle(options, label, cycle, findings, totals, load_ms);
        if (cycle < options.cycles) load.prepare(server->port());
    }
    return totals;
}

Totals run_power_cycles(const CycleOptions& options, const std::string& path, const std::string& key_file, PowerTotals& power) {
    SoakLoad load(options.seed);
    Totals totals;
    std::mt19937_64 random(options.seed);
    // After the cut every request of the dying platform logs its I/O error; the checks say what matters.
    init_logging("off");
    test::PowerLossVfs vfs(options.seed);
    for (int cycle = 1; cycle <= options.cycles; ++cycle) {
        const int64_t load_ms = random_load_ms(options, random);
        const int64_t syncs_before = vfs.syncs();
        {
            Config config;
            config.database_url = path;
            config.listen_port = 0;
            config.log_level = "off";
            config.audit_signing_key_file = key_file;
            auto app = cli::App::create(config);
            if (!app) throw std::runtime_error("App::create over the power-loss VFS: " + app.error().message);
            if (auto started = (*app)->start(); !started) throw std::runtime_error("App::start: " + started.error().message);
            const int port = (*app)->port();
            load.prepare(port);
            std::atomic<bool> stop{false};
            std::thread cutter([&] {
                sleep_ms(load_ms);
                // The cut falls after one of the next few writes (a commit's log frames, a checkpoint's
                // pages); should none come, it falls now.
                vfs.cut_power_after_writes(std::uniform_int_distribution<int64_t>(1, writes_before_cut_max)(random));
                for (int waited_ms = 0; vfs.powered() && waited_ms < cut_wait_ms_max; waited_ms += 10) sleep_ms(10);
                vfs.cut_power();
                stop = true;
            });
            load.run(port, options.threads, stop);
            cutter.join();
            (*app)->stop();
        }  // the platform is gone: every connection closed (their last I/O failed)
        const test::PowerCutReport cut = vfs.restore_disk_after_cut();
        ++power.cuts;
        power.writes_dropped += cut.writes_dropped;
        power.bytes_dropped += cut.bytes_dropped;
        power.torn_writes += cut.torn_bytes > 0 ? 1 : 0;
        power.syncs += vfs.syncs() - syncs_before;
        Findings findings;
        {
            test::ServerProcess server(options.binary, path, key_file);  // SQLite's own VFS: the file as a disk would hold it
            findings = load.check(server.port());
        }
        totals.add(findings);
        verify(options, path, key_file, totals);
        if (options.progress) {
            std::cout << "power cut " << cycle << ": " << cut.writes_dropped << " unsynced writes dropped, last torn at "
                      << cut.torn_bytes << " of " << cut.torn_of_bytes << " bytes" << (cut.torn_file.empty() ? "" : " in " + cut.torn_file)
                      << std::endl;
        }
        print_cycle(options, "sqlite (power loss)", cycle, findings, totals, load_ms);
    }
    return totals;
}

}  // namespace kl::soak
