#pragma once
// The crash soak's cycles over one database (README "make soak"):
//   kill cycles   the real `kashlink serve` under the mixed load (soak_load.h) is killed with SIGKILL
//                 at a random moment, started again, checked, and `kashlink verify` run; SQLite or
//                 PostgreSQL;
//   power cycles  the platform (cli::App, the binary's wiring) runs in this process over SQLite on the
//                 power-loss VFS (power_loss_vfs.h); the power is cut at a random moment, the disk put
//                 in its after-the-cut state, and the real binary, with SQLite's normal VFS, is
//                 started on the file and checked the same way.
// Each cycle carries on over the database the last one left, so damage would accumulate and show.

#include <cstdint>
#include <string>

#include "soak/soak_load.h"

namespace kl::soak {

struct CycleOptions {
    std::string binary;  // the `kashlink` executable
    int cycles = 100;
    int threads = 4;     // client threads sending writes
    int load_ms_min = 200;   // the kill (or cut) falls at a uniformly random moment in this window
    int load_ms_max = 2000;
    uint64_t seed = 1;
    bool progress = true;  // a line per cycle on stdout
};

// The options from the environment: SOAK_CYCLES, SOAK_THREADS, SOAK_LOAD_MS_MAX, SOAK_SEED (random
// when unset; printed, so a failing run can be repeated as far as timing allows).
CycleOptions options_from_environment(const std::string& binary);

// Creates the demo programme in the (empty or new) database at `url`, its users' passwords hashed at
// the cheapest argon2id cost as in the tests. Throws std::runtime_error when it cannot.
void seed_demo_database(const std::string& url);

// What the power cuts did to the disk, over a run.
struct PowerTotals {
    int64_t cuts = 0;
    int64_t writes_dropped = 0;
    int64_t bytes_dropped = 0;
    int64_t torn_writes = 0;
    int64_t syncs = 0;
    std::string text() const;
};

// Both throw std::runtime_error when a server cannot be started or signed in to; the findings of
// every finished cycle are in the totals.
Totals run_kill_cycles(const CycleOptions& options, const std::string& url, const std::string& key_file, const std::string& label);
Totals run_power_cycles(const CycleOptions& options, const std::string& path, const std::string& key_file, PowerTotals& power);

}  // namespace kl::soak
