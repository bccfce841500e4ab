// The fair routes over HTTP on SQLite and PostgreSQL (a real server, real sign-in): an event set up
// by an admin, registration by the organisations' own users, preferences only for oneself, a CSV
// import with an unknown organisation, a schedule job started twice with one Idempotency-Key, and a
// buyer organisation's user who sees its own agenda and preferences but not another buyer's, and
// late registrations after publishing with the rerun that keeps the published meetings.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <thread>

#include "audit/audit_trail.h"
#include "fair/fair.h"
#include "support/access_fixture.h"
#include "support/run_command.h"

namespace kl::fair {
namespace {

using access::Role;
using nlohmann::json;
using test::Target;

class FairRoutesTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        test::WorldOptions options = test::on_backend(GetParam());
        options.services = [](http::ApiDeps& deps, test::AccessWorld& world) {
            auto& trail = world.make<audit::AuditTrail>(world.store().backend(), world.clock());
            deps.fairs = &world.make<Fairs>(world.store(), world.clock(), world.ids(), trail);
        };
        world_ = std::make_unique<test::AccessWorld>(options);
    }
    test::AccessWorld& world() { return *world_; }
    json call(Role role, const std::string& method, const std::string& path, const json& body = nullptr, int expected = 200,
              httplib::Headers headers = {}) {
        const auto reply = world().call_as(role, method, path, body.is_null() ? "" : body.dump(), std::move(headers));
        EXPECT_EQ(reply.status, expected) << method << " " << path << ": " << reply.body;
        return reply.body.empty() ? json() : json::parse(reply.body);
    }
    int64_t count(const std::string& table) {
        auto rows = world().store().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
        return rows ? (*rows)[0].i64(0) : -1;
    }
    // An event in registration (admin organises) with one session of four slots and two tables.
    std::string open_event() {
        const json event = call(Role::admin, "POST", "/api/v1/fairs",
                                {{"kind", "matchmaking"}, {"name_zh", "产销对接会"}, {"name_en", "Matchmaking"}, {"venue", "Shanghai"},
                                 {"starts_on", "2026-10-10"}, {"ends_on", "2026-10-11"}},
                                201);
        const std::string id = event.at("id");
        const json session = call(Role::admin, "POST", "/api/v1/fairs/" + id + "/sessions",
                                  {{"held_on", "2026-10-10"}, {"starts_at", "09:00"}, {"ends_at", "10:40"}}, 201);
        EXPECT_EQ(session.at("slots").size(), 4u);
        call(Role::admin, "POST", "/api/v1/fairs/" + id + "/tables", {{"number", 1}}, 201);
        call(Role::admin, "POST", "/api/v1/fairs/" + id + "/tables", {{"number", 2}}, 201);
        call(Role::admin, "POST", "/api/v1/fairs/" + id + "/state", {{"state", "registration"}});
        return id;
    }
    // POST of a CSV body (the fixture's call() always sends JSON).
    int post_csv(Role role, const std::string& path, const std::string& body, std::string* answer = nullptr) {
        httplib::Client client("127.0.0.1", world().port());
        httplib::Headers headers = {{"Authorization", "Bearer " + world().as(role).token}};
        auto result = client.Post(path.c_str(), headers, body, "text/csv");
        if (!result) return 0;
        if (answer) *answer = result->body;
        return result->status;
    }
    json participant(const std::string& side, const std::string& org, const std::string& person = "") {
        json body = {{"side", side}, {"org_id", org}, {"meetings_min", 0}, {"meetings_max", 4}};
        if (!person.empty()) body["person_name"] = person;
        return body;
    }

    // The producer's organisation as an exhibitor and the buyer's as Li Ming, who rates it `rating`.
    std::pair<std::string, std::string> one_pair(const std::string& base, const std::string& rating) {
        const std::string exhibitor = call(Role::producer, "POST", base + "/participants",
                                           participant("exhibitor", world().org_for(Role::producer, Target::own)), 201)
                                          .at("id");
        const std::string buyer = call(Role::buyer, "POST", base + "/participants",
                                       participant("buyer", world().org_for(Role::buyer, Target::own), "Li Ming"), 201)
                                      .at("id");
        call(Role::buyer, "PUT", base + "/participants/" + buyer + "/preferences/" + exhibitor, {{"rating", rating}});
        return {exhibitor, buyer};
    }

    // A schedule job (POST …/schedules with `key`), polled until done (no timing assertion).
    json run_schedule(const std::string& base, const std::string& key) {
        json run = call(Role::admin, "POST", base + "/schedules", {{"solve_time_ms", 2000}}, 202, {{"Idempotency-Key", key}});
        const std::string sid = run.at("id");
        for (int i = 0; i < 6000 && (run.at("status") == "queued" || run.at("status") == "running"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            run = call(Role::admin, "GET", base + "/schedules/" + sid);
        }
        EXPECT_EQ(run.at("status"), "done") << run.dump();
        return run;
    }

private:
    std::unique_ptr<test::AccessWorld> world_;
};

TEST_P(FairRoutesTest, RegistrationPreferencesAndPrivacy) {
    const std::string id = open_event();
    const std::string base = "/api/v1/fairs/" + id;
    const std::string own_producer = world().org_for(Role::producer, Target::own);
    const std::string other_producer = world().org_for(Role::producer, Target::other);
    const std::string own_buyer = world().org_for(Role::buyer, Target::own);
    const std::string other_buyer = world().org_for(Role::buyer, Target::other);
    const std::string mine = call(Role::producer, "POST", base + "/participants", participant("exhibitor", own_producer), 201).at("id");
    call(Role::producer, "POST", base + "/participants", participant("exhibitor", other_producer), 403);
    const std::string theirs = call(Role::admin, "POST", base + "/participants", participant("exhibitor", other_producer), 201).at("id");
    const std::string li = call(Role::buyer, "POST", base + "/participants", participant("buyer", own_buyer, "Li Ming"), 201).at("id");
    const std::string wu = call(Role::admin, "POST", base + "/participants", participant("buyer", other_buyer, "Wu Di"), 201).at("id");
    // Caps min > max: 400 naming the field with its code, nothing written.
    json caps = participant("buyer", own_buyer, "Zhao");
    caps["meetings_min"] = 5;
    caps["meetings_max"] = 2;
    const json refused = call(Role::buyer, "POST", base + "/participants", caps, 400);
    EXPECT_EQ(refused.at("errors").at(0).at("field"), "meetings_min");
    EXPECT_EQ(refused.at("errors").at(0).at("code"), "above_max");
    EXPECT_EQ(count("fair_participants"), 4);
    // Each side rates for itself: an exhibitor editing another's preferences is refused.
    call(Role::producer, "PUT", base + "/participants/" + mine + "/preferences/" + li, {{"rating", "must_meet"}});
    call(Role::producer, "PUT", base + "/participants/" + theirs + "/preferences/" + li, {{"rating", "no_thanks"}}, 403);
    call(Role::buyer, "PUT", base + "/participants/" + li + "/preferences/" + mine, {{"rating", "meet"}, {"note", "walnuts"}});
    call(Role::buyer, "PUT", base + "/participants/" + wu + "/preferences/" + mine, {{"rating", "no_thanks"}}, 403);
    // A buyer's user sees its own preferences, not another buyer's; the directory hides phones.
    EXPECT_EQ(call(Role::buyer, "GET", base + "/participants/" + li + "/preferences").at("items").size(), 1u);
    call(Role::buyer, "GET", base + "/participants/" + wu + "/preferences", nullptr, 403);
    call(Role::buyer, "GET", base + "/participants/" + wu + "/recommendations", nullptr, 403);
    call(Role::buyer, "GET", base + "/participants/" + wu + "/agenda", nullptr, 403);
    EXPECT_EQ(call(Role::buyer, "GET", base + "/participants?side=buyer").at("items").size(), 2u);
    // An organisation's user finds its own registrations among the event's (the console's "My events").
    const json own = call(Role::buyer, "GET", base + "/participants?side=buyer&org_id=" + own_buyer).at("items");
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(own.at(0).at("id"), li);
    EXPECT_EQ(call(Role::producer, "GET", base + "/participants?org_id=" + other_producer).at("items").size(), 1u);
    EXPECT_EQ(call(Role::producer, "GET", base + "/participants?side=buyer&org_id=" + own_producer).at("items").size(), 0u);
    // An unknown side is a bad query, not an empty page.
    call(Role::buyer, "GET", base + "/participants?side=visitor", nullptr, 400);
}

TEST_P(FairRoutesTest, CsvImportWithAnUnknownOrganisationIsRejectedWhole) {
    const std::string id = open_event();
    const std::string csv = "side,org,person_name,meetings_min,meetings_max\r\nbuyer," +
                            world().org_for(Role::buyer, Target::own) + ",Li,0,3\r\nbuyer,no-such-org,Wu,0,3\r\n";
    std::string answer;
    ASSERT_EQ(post_csv(Role::admin, "/api/v1/fairs/" + id + "/participants/import", csv, &answer), 400) << answer;
    const json body = json::parse(answer);
    EXPECT_EQ(body.at("errors").at(0).at("field"), "row 3/org");
    EXPECT_EQ(count("fair_participants"), 0);
    EXPECT_EQ(post_csv(Role::buyer, "/api/v1/fairs/" + id + "/participants/import", csv), 403);
    // With the organisation known, the file registers every row.
    const std::string good = "side,org,person_name,meetings_min,meetings_max\r\nbuyer," +
                             world().org_for(Role::buyer, Target::own) + ",Li,0,3\r\n";
    EXPECT_EQ(post_csv(Role::admin, "/api/v1/fairs/" + id + "/participants/import", good, &answer), 200) << answer;
    EXPECT_EQ(count("fair_participants"), 1);
}

TEST_P(FairRoutesTest, AScheduleJobStartedTwiceWithOneKeyIsOneJob) {
    const std::string id = open_event();
    const std::string base = "/api/v1/fairs/" + id;
    const auto [mine, li] = one_pair(base, "must_meet");
    call(Role::buyer, "POST", base + "/schedules", json::object(), 403);
    call(Role::admin, "POST", base + "/schedules", json::object(), 409);  // still in registration
    call(Role::admin, "POST", base + "/state", {{"state", "scheduling"}});
    const httplib::Headers key = {{"Idempotency-Key", "schedule-2026-10"}};
    const json first = call(Role::admin, "POST", base + "/schedules", {{"solve_time_ms", 2000}}, 202, key);
    const json again = call(Role::admin, "POST", base + "/schedules", {{"solve_time_ms", 2000}}, 202, key);
    EXPECT_EQ(first.at("id"), again.at("id"));
    EXPECT_EQ(count("fair_schedules"), 1);
    call(Role::admin, "POST", base + "/schedules", {{"solve_time_ms", 3000}}, 409, key);
    EXPECT_EQ(count("fair_schedules"), 1);
    // Poll until the job thread is done (no timing assertion).
    const std::string sid = first.at("id");
    json run = first;
    for (int i = 0; i < 6000 && (run.at("status") == "queued" || run.at("status") == "running"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        run = call(Role::admin, "GET", base + "/schedules/" + sid);
    }
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    EXPECT_EQ(run.at("meetings"), 1);
    EXPECT_EQ(run.at("optimal"), true);
    call(Role::buyer, "GET", base + "/schedules/" + sid, nullptr, 403);
    call(Role::buyer, "POST", base + "/schedules/" + sid + "/publish", nullptr, 403);
    EXPECT_EQ(call(Role::admin, "POST", base + "/schedules/" + sid + "/publish").at("published"), true);
    const json agenda = call(Role::buyer, "GET", base + "/participants/" + li + "/agenda");
    ASSERT_EQ(agenda.at("meetings").size(), 1u);
    EXPECT_EQ(agenda.at("meetings").at(0).at("counterpart_id"), mine);
    EXPECT_EQ(agenda.at("meetings").at(0).at("slot").at("starts_at").get<std::string>().size(), 5u);
    EXPECT_EQ(call(Role::producer, "GET", base + "/participants/" + mine + "/agenda").at("meetings").size(), 1u);
}

// Issue 15's rerun case over HTTP: after publishing, organisers still register (one by JSON, one by
// CSV import, also once the event is live) while an organisation's own user may not; a new
// must-meet and a withdrawal, then a rerun keeps every published meeting still possible (same ids),
// gives the late participants meetings and names what it dropped and why.
TEST_P(FairRoutesTest, LateRegistrationsAfterPublishingGetMeetingsAndTheRerunKeepsTheRest) {
    const std::string id = open_event();
    const std::string base = "/api/v1/fairs/" + id;
    const auto [mine, li] = one_pair(base, "must_meet");
    const std::string theirs =
        call(Role::admin, "POST", base + "/participants", participant("exhibitor", world().org_for(Role::producer, Target::other)), 201)
            .at("id");
    call(Role::buyer, "PUT", base + "/participants/" + li + "/preferences/" + theirs, {{"rating", "meet"}});
    call(Role::admin, "POST", base + "/state", {{"state", "scheduling"}});
    const json first = run_schedule(base, "first");
    ASSERT_EQ(first.at("meetings"), 2) << first.dump();
    call(Role::admin, "POST", base + "/schedules/" + first.at("id").get<std::string>() + "/publish");
    const json published = call(Role::admin, "GET", base + "/schedules/" + first.at("id").get<std::string>() + "/meetings").at("items");
    EXPECT_EQ(call(Role::admin, "GET", base).at("state"), "published");

    // Published: the buyer's own user may no longer register; organisers may, by CSV too.
    const std::string other_buyer = world().org_for(Role::buyer, Target::other);
    const json closed = call(Role::buyer, "POST", base + "/participants", participant("buyer", world().org_for(Role::buyer, Target::own), "Zhao Lei"), 409);
    EXPECT_EQ(closed.at("code"), "wrong_state");
    std::string answer;
    ASSERT_EQ(post_csv(Role::admin, base + "/participants/import",
                       "side,org,person_name,meetings_min,meetings_max\r\nbuyer," + other_buyer + ",Wu Di,0,2\r\n", &answer),
              200)
        << answer;
    const json wu = call(Role::admin, "GET", base + "/participants?side=buyer&org_id=" + other_buyer).at("items").at(0);
    call(Role::admin, "PUT", base + "/participants/" + wu.at("id").get<std::string>() + "/preferences/" + mine, {{"rating", "must_meet"}});
    call(Role::admin, "POST", base + "/participants/" + theirs + "/withdraw");
    const json second = run_schedule(base, "second");
    EXPECT_EQ(second.at("based_on"), first.at("id"));
    std::set<std::string> kept, dropped;
    for (const auto& note : second.at("notes")) {
        if (note.at("kind") == "kept") kept.insert(note.at("meeting_id").get<std::string>());
        if (note.at("kind") == "dropped") {
            dropped.insert(note.at("meeting_id").get<std::string>());
            EXPECT_EQ(note.at("reason"), "withdrawn") << note.dump();
            EXPECT_EQ(note.at("exhibitor_id"), theirs) << note.dump();
        }
    }
    ASSERT_EQ(published.size(), 2u);
    for (const auto& meeting : published) {
        const std::string mid = meeting.at("id");
        const bool withdrawn = meeting.at("exhibitor_id") == theirs;
        EXPECT_TRUE(withdrawn ? dropped.contains(mid) : kept.contains(mid))
            << mid << (withdrawn ? ": the withdrawn exhibitor's meeting is named dropped" : ": Li Ming's must-meet is still possible: kept");
    }
    const json meetings = call(Role::admin, "GET", base + "/schedules/" + second.at("id").get<std::string>() + "/meetings").at("items");
    bool wu_meets = false;
    for (const auto& meeting : meetings) wu_meets = wu_meets || (meeting.at("buyer_id") == wu.at("id") && meeting.at("exhibitor_id") == mine);
    EXPECT_TRUE(wu_meets) << meetings.dump();
    call(Role::admin, "POST", base + "/schedules/" + second.at("id").get<std::string>() + "/publish");
    EXPECT_EQ(call(Role::admin, "GET", base + "/participants/" + wu.at("id").get<std::string>() + "/agenda").at("meetings").size(), 1u);

    // Live: organisers still register a walk-up representative (for the at-the-event records).
    call(Role::admin, "POST", base + "/state", {{"state", "live"}});
    call(Role::admin, "POST", base + "/participants", participant("buyer", other_buyer, "Sun Li"), 201);
    call(Role::buyer, "POST", base + "/participants", participant("buyer", world().org_for(Role::buyer, Target::own), "Qian Yu"), 409);
}

TEST_P(FairRoutesTest, TheCommandLineRunsAndPublishesASchedule) {
    const std::string id = open_event();
    const std::string base = "/api/v1/fairs/" + id;
    const auto [mine, li] = one_pair(base, "meet");
    const auto early = test::run_command(KL_KASHLINK_BINARY, {"schedule", "--db", world().database_url(), "--event", id});
    EXPECT_EQ(early.status, 1) << early.out << early.err;  // still in registration: refused, nothing run
    EXPECT_NE(early.err.find("registration"), std::string::npos) << early.err;
    call(Role::admin, "POST", base + "/state", {{"state", "scheduling"}});
    const auto ran = test::run_command(KL_KASHLINK_BINARY, {"schedule", "--db", world().database_url(), "--event",
                                                            id, "--time-limit-ms", "2000", "--publish"});
    ASSERT_EQ(ran.status, 0) << ran.out << ran.err;
    EXPECT_NE(ran.out.find("meetings 1, weight 30, bound 30, gap 0 (proven optimal)"), std::string::npos) << ran.out;
    EXPECT_NE(ran.out.find("published"), std::string::npos);
    EXPECT_EQ(call(Role::buyer, "GET", base + "/participants/" + li + "/agenda").at("meetings").size(), 1u);
    EXPECT_EQ(call(Role::admin, "GET", base).at("state"), "published");
}

INSTANTIATE_TEST_SUITE_P(Backends, FairRoutesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
