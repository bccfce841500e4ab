#pragma once
// The 2023 programme's account structure: the master account with the year's aid funds received,
// the Front Command's spending quota and its allocation to the four counties. Payments are seeded by
// the projects demo through FundsService (open_project_accounts, pay_contractor).

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::demo {

// Figures (fen). seed-facts.md gives no fund totals for the four counties, so these are plausible
// round figures in the shape of the programme's reports (funds arrived, quota per county).
// seed-facts.md gives no fund totals: these are round figures, large enough that every county's
// quota covers the budgets its demo projects release on approval (up to ¥30M each, see
// demo_projects.cpp: Shache 30, Yecheng 24, Zepu and Bachu 20 projects).
inline constexpr int64_t demo_funds_received_fen[] = {1'800'000'000'00, 1'200'000'000'00};  // two tranches, ¥3.0 billion
struct DemoCountyQuota {
    const char* county_code;
    int64_t quota_fen;
};
inline constexpr DemoCountyQuota demo_county_quota[] = {
    {"shache", 900'000'000'00}, {"yecheng", 720'000'000'00}, {"bachu", 600'000'000'00}, {"zepu", 600'000'000'00}};

Result<void> seed_funds(store::Store& store, store::Tx& tx, const Clock& clock);

}  // namespace kl::demo
