#pragma once
// The demo programme created by `kashlink demo`, drawn from ../shared/domain/seed-facts.md: the four
// counties' branch commands with a county officer each; 36 producer enterprises and cooperatives with
// their family workshops and households and supply shares; 500+ products over the 10 categories with
// brand standards, product codes and consumption-aid certifications in every state; the 88 Shanghai
// buyers across the 8 channel types and the 16 districts; and one login per role.
//
// Deterministic: everything is drawn from one std::mt19937_64 seeded with DemoOptions::seed, ids come
// from a seeded generator (demo_random.h), and the services run on a clock fixed at 09:00 in Shanghai
// on the day the demo is created. The same seed on the same day gives byte-identical rows (password
// hashes aside: their salts are random by design); certificate dates are relative to that day, so a
// demo created today shows products certified, in their notice period, expired and revoked today.
// Everything is written in one transaction: a demo is there whole or not at all.

#include <cstdint>
#include <string>
#include <vector>

#include "access/user_service.h"
#include "demo/demo_fairs.h"
#include "demo/demo_projects.h"
#include "demo/demo_trace.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::demo {

// The default seed: the date of the 2024 production–sales matchmaking event.
inline constexpr uint64_t default_demo_seed = 20240909;

struct DemoOptions {
    uint64_t seed = default_demo_seed;
    // The argon2id cost of the demo users' passwords (tests ask for the cheapest).
    access::UserOptions users;
};

struct DemoLogin {
    std::string username;
    std::string password;
    std::string role;
    std::string organisation;  // empty for programme-wide roles
};

struct DemoSummary {
    bool created = false;  // false when the database already held data (then the counts are 0)
    std::vector<DemoLogin> logins;
    size_t branch_commands = 0;
    size_t producers = 0;   // enterprises and cooperatives
    size_t workshops = 0;
    size_t households = 0;
    size_t buyers = 0;
    size_t products = 0;
    DemoProjectCounts projects;  // the aid projects and the service book (demo_projects.h)
    size_t certifications = 0;
    size_t orders = 0;  // every channel, fair intents and imported online sales included
    DemoFairCounts fairs;  // the 2023 fair, the 2024 matchmaking event, one open for registration
    DemoTraceCounts trace;  // lots from households through grading to shipments, pallets (demo_trace.h)
    // The recall drill (demo_trace.h: run_recall_drill): its lot, buyers to notify and acknowledged.
    std::optional<DemoRecallDrill> recall_drill;
};

// The logins the demo creates (also printed when the database already exists).
const std::vector<DemoLogin>& demo_logins();

// Seeds an empty database; a database that already has users or organisations is left as it is
// (created = false). `clock` says which day "today" is.
Result<DemoSummary> seed_demo(store::Store& store, const Clock& clock, const DemoOptions& options = {});

}  // namespace kl::demo
