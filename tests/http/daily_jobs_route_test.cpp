// GET /api/v1/system/daily-jobs: the daily jobs' recent runs for the administrator, the auditor and
// the fund officers;
// any other role 403, no session 401, a bad limit 400 naming it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/daily_job_runs.h"
#include "support/access_fixture.h"
#include "support/test_env.h"

namespace kl::test {
namespace {

using access::Role;

class DailyJobsRoute : public ::testing::TestWithParam<std::string> {};

TEST_P(DailyJobsRoute, AdminAndAuditorSeeTheRunsOthersAreRefused) {
    if (GetParam() == "postgres" && postgres_url().empty() && !postgres_required()) GTEST_SKIP() << "no PostgreSQL";
    store::DailyJobRuns* runs = nullptr;
    WorldOptions options = on_backend(GetParam());
    options.services = [&runs](http::ApiDeps& deps, AccessWorld& world) {
        runs = &world.make<store::DailyJobRuns>(world.store(), world.clock(), "instance-1");
        deps.daily_jobs = runs;
    };
    AccessWorld world(options);
    ASSERT_EQ(*runs->claim("nightly risk scan", 20'051), DailyJobLedger::Claim::run);
    ASSERT_TRUE(runs->finish("nightly risk scan", 20'051, true,
                             JobSummary{"risk_scan_done", {{"contracts", 86}, {"requests", 240}, {"new_flags", 2}},
                                        "86 contract(s) checked, 2 new flag(s)"}));
    ASSERT_EQ(*runs->claim("day-end sweep", 20'051), DailyJobLedger::Claim::run);

    for (const Role role : {Role::admin, Role::auditor, Role::fund_officer}) {
        const HttpReply reply = world.call_as(role, "GET", "/api/v1/system/daily-jobs");
        ASSERT_EQ(reply.status, 200) << reply.body;
        const auto body = nlohmann::json::parse(reply.body);
        ASSERT_EQ(body.at("runs").size(), 2u);
        EXPECT_EQ(body["runs"][0].at("job"), "day-end sweep");  // same day: by job name
        EXPECT_EQ(body["runs"][0].at("state"), "running");
        EXPECT_FALSE(body["runs"][0].contains("finished_at"));
        EXPECT_EQ(body["runs"][1].at("state"), "done");
        EXPECT_EQ(body["runs"][1].at("run_date"), "2024-11-24");
        EXPECT_EQ(body["runs"][1].at("summary"), "86 contract(s) checked, 2 new flag(s)");
        // The same as a code with its figures, for the console to write in its reader's language.
        EXPECT_EQ(body["runs"][1].at("summary_code"), "risk_scan_done");
        EXPECT_EQ(body["runs"][1].at("summary_params"), nlohmann::json({{"contracts", 86}, {"requests", 240}, {"new_flags", 2}}));
        EXPECT_FALSE(body["runs"][0].contains("summary_code"));
        EXPECT_EQ(body["runs"][1].at("claimed_by"), "instance-1");
    }
    const HttpReply one = world.call_as(Role::admin, "GET", "/api/v1/system/daily-jobs?limit=1");
    EXPECT_EQ(nlohmann::json::parse(one.body).at("runs").size(), 1u);
    for (const Role role : {Role::county_officer, Role::producer, Role::buyer, Role::logistics}) {
        EXPECT_EQ(world.call_as(role, "GET", "/api/v1/system/daily-jobs").status, 403) << access::to_string(role);
    }
    EXPECT_EQ(world.call("GET", "/api/v1/system/daily-jobs").status, 401);
    for (const char* limit : {"0", "201", "x"}) {
        const HttpReply bad = world.call_as(Role::admin, "GET", std::string("/api/v1/system/daily-jobs?limit=") + limit);
        EXPECT_EQ(bad.status, 400) << limit;
        EXPECT_NE(bad.body.find("\"limit\""), std::string::npos) << bad.body;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DailyJobsRoute, ::testing::ValuesIn(backends_under_test()));

}  // namespace
}  // namespace kl::test
