// THE FAIRS PERMISSION MATRIX: every role × the fair routes, through the real server with real
// sign-in, on SQLite and PostgreSQL, over a published event whose exhibitor is the producer's own
// organisation and whose buyer representative is the buyer's (tests/support/access_fixture.h). No
// user is named an organiser, so only the admin organises; the fund officer and the auditor are the
// programme-wide readers. The CSV import is left out: it answers 415 to any JSON body before it asks
// who calls (tests/fair/fair_routes_test.cpp covers it). Then the printing routes over HTTP: their
// formats and content types, bad query values, and check-in by badge token.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "audit/audit_trail.h"
#include "fair/fair.h"
#include "fair/fair_fixture.h"
#include "support/access_fixture.h"

namespace kl::fair {
namespace {

using access::Role;
using nlohmann::json;
using test::Target;
using testing::must;

class FairMatrixTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        test::WorldOptions options = test::on_backend(GetParam());
        options.services = [this](http::ApiDeps& deps, test::AccessWorld& world) {
            auto& trail = world.make<audit::AuditTrail>(world.store().backend(), world.clock());
            fairs_ = &world.make<Fairs>(world.store(), world.clock(), world.ids(), trail);
            deps.fairs = fairs_;
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        publish_event();
    }
    test::AccessWorld& world() { return *world_; }

    // The command line (no actor) sets the event up as its organiser would: a published schedule
    // with one meeting, the producer's organisation exhibiting and the buyer's Li Ming buying.
    void publish_event() {
        Event input;
        input.kind = EventKind::matchmaking;
        input.name_zh = "产销对接会";
        input.name_en = "Matchmaking";
        input.venue = "Shanghai";
        input.starts_on = date_from_civil(2026, 10, 10);
        input.ends_on = input.starts_on;
        FairService& events = fairs_->events;
        event = must(events.create_event(std::nullopt, input)).id;
        session = must(events.add_session(std::nullopt, event, input.starts_on, 9 * 60, 9 * 60 + 100)).session.id;
        table = must(events.add_table(std::nullopt, event, 1, std::nullopt)).id;
        must(events.move_state(std::nullopt, event, EventState::registration));
        Attendee shows;
        shows.side = Side::exhibitor;
        shows.org_id = world().org_for(Role::producer, Target::own);
        shows.meetings_max = 4;
        exhibitor = must(events.register_attendee(std::nullopt, event, shows)).id;
        Attendee buys;
        buys.side = Side::buyer;
        buys.org_id = world().org_for(Role::buyer, Target::own);
        buys.person_name = "Li Ming";
        buys.meetings_max = 4;
        buyer = must(events.register_attendee(std::nullopt, event, buys)).id;
        must(events.rate(std::nullopt, event, buyer, exhibitor, Rating::must_meet, ""));
        must(events.move_state(std::nullopt, event, EventState::scheduling));
        schedule = must(fairs_->schedules.run_now(std::nullopt, event, std::nullopt)).id;
        must(fairs_->schedules.publish(std::nullopt, event, schedule));
        token = must(fairs_->prints.badge_token(std::nullopt, event, buyer));
    }

    std::string event, session, table, exhibitor, buyer, schedule, token;
    Fairs* fairs_ = nullptr;

private:
    std::unique_ptr<test::AccessWorld> world_;
};

// clang-format off
TEST_P(FairMatrixTest, EveryFairRouteByEveryRole) {
    const std::string base = "/api/v1/fairs/" + event;
    const std::string exh = base + "/participants/" + exhibitor;
    const std::string buy = base + "/participants/" + buyer;
    const std::string other_buyer = world().org_for(Role::buyer, Target::other);
    const std::vector<test::MatrixLine> lines = {
        // Everyone signed in reads the events, their days, tables and directory.
        {"GET", "/api/v1/fairs", "",                                                {200, 200, 200, 200, 200, 200, 200}},
        {"GET", base, "",                                                           {200, 200, 200, 200, 200, 200, 200}},
        {"GET", base + "/sessions", "",                                             {200, 200, 200, 200, 200, 200, 200}},
        {"GET", base + "/slots", "",                                                {200, 200, 200, 200, 200, 200, 200}},
        {"GET", base + "/tables", "",                                               {200, 200, 200, 200, 200, 200, 200}},
        {"GET", base + "/participants", "",                                         {200, 200, 200, 200, 200, 200, 200}},
        {"GET", exh, "",                                                            {200, 200, 200, 200, 200, 200, 200}},
        // A participant's own organisation, organisers and programme-wide readers.
        {"GET", exh + "/preferences", "",                                           {200, 200, 403, 200, 403, 403, 200}},
        {"GET", buy + "/preferences", "",                                           {200, 200, 403, 403, 200, 403, 200}},
        {"GET", exh + "/recommendations", "",                                       {200, 200, 403, 200, 403, 403, 200}},
        {"GET", buy + "/agenda", "",                                                {200, 200, 403, 403, 200, 403, 200}},
        {"GET", exh + "/agenda?format=pdf&lang=en", "",                             {200, 200, 403, 200, 403, 403, 200}},
        {"GET", buy + "/agenda?format=ics", "",                                     {200, 200, 403, 403, 200, 403, 200}},
        // Badges: organisers, and a participant's own organisation for its own.
        {"GET", exh + "/badge", "",                                                 {200, 403, 403, 200, 403, 403, 403}},
        {"GET", buy + "/badge?format=json", "",                                     {200, 403, 403, 403, 200, 403, 403}},
        {"GET", base + "/badges", "",                                               {200, 403, 403, 403, 403, 403, 403}},
        // Whole schedules and table plans: organisers and programme-wide readers.
        {"GET", base + "/schedules", "",                                            {200, 200, 403, 403, 403, 403, 200}},
        {"GET", base + "/schedules/" + schedule, "",                                {200, 200, 403, 403, 403, 403, 200}},
        {"GET", base + "/schedules/" + schedule + "/meetings", "",                  {200, 200, 403, 403, 403, 403, 200}},
        {"GET", base + "/table-plan", "",                                           {200, 200, 403, 403, 403, 403, 200}},
        {"GET", base + "/table-plan?format=xlsx&schedule=" + schedule, "",          {200, 200, 403, 403, 403, 403, 200}},
        // Each side rates for itself (organisers for anyone).
        {"PUT", buy + "/preferences/" + exhibitor, R"({"rating":"meet"})",          {200, 403, 403, 403, 200, 403, 403}},
        {"PUT", exh + "/preferences/" + buyer, R"({"rating":"meet"})",              {200, 403, 403, 200, 403, 403, 403}},
        // Organisers' work (the admin is the only organiser). A participant's own organisation edits
        // it only while registration is open: the event is published.
        {"POST", "/api/v1/fairs", R"({"kind":"trade_fair","name_zh":"展","name_en":"Fair","venue":"Hall","starts_on":"2026-11-01","ends_on":"2026-11-01"})",
                                                                                    {201, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/organisers", R"({"user_id":"{user}"})",                    {200, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/participants", R"({"side":"buyer","org_id":")" + other_buyer + R"(","person_name":"Wu Di","meetings_min":0,"meetings_max":2})",
                                                                                    {201, 403, 403, 403, 403, 403, 403}},
        {"PATCH", base, R"({"venue":"Hall 3"})",                                    {200, 403, 403, 403, 403, 403, 403}},
        {"PATCH", exh, R"({"booth":"B2"})",                                         {200, 403, 403, 409, 403, 403, 403}},
        {"POST", base + "/check-in", R"({"token":")" + token + R"("})",             {200, 403, 403, 403, 403, 403, 403}},
        {"POST", exh + "/check-in", "",                                             {200, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/schedules/" + schedule + "/publish", "",                  {200, 403, 403, 403, 403, 403, 403}},
        // Deletions come before scheduling: the organiser is refused by the state, the rest by role.
        {"DELETE", base + "/tables/" + table, "",                                   {409, 403, 403, 403, 403, 403, 403}},
        {"DELETE", base + "/sessions/" + session, "",                               {409, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/schedules", "",                                           {202, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/state", R"({"state":"live"})",                            {200, 403, 403, 403, 403, 403, 403}},
        {"POST", exh + "/withdraw", "",                                             {200, 403, 403, 200, 403, 403, 403}},
    };
    EXPECT_EQ(test::joined_failures(test::run_matrix(world(), test::matrix_rows(lines))), "");
}
// clang-format on

TEST_P(FairMatrixTest, PrintsAnswerTheirFormatsAndRefuseBadQueries) {
    const std::string base = "/api/v1/fairs/" + event;
    const std::string buy = base + "/participants/" + buyer;
    auto reply = world().call_as(Role::buyer, "GET", buy + "/agenda?format=pdf&lang=zh");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.content_type, "application/pdf");
    EXPECT_TRUE(reply.body.starts_with("%PDF"));
    reply = world().call_as(Role::buyer, "GET", buy + "/agenda?format=ics&lang=en");
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.content_type.starts_with("text/calendar")) << reply.content_type;
    EXPECT_TRUE(reply.body.starts_with("BEGIN:VCALENDAR")) << reply.body;
    reply = world().call_as(Role::admin, "GET", base + "/table-plan?format=csv");
    EXPECT_EQ(reply.status, 200);
    EXPECT_NE(reply.body.find("Li Ming"), std::string::npos) << reply.body;
    // Bad query values name their parameter with a code.
    reply = world().call_as(Role::buyer, "GET", buy + "/agenda?format=docx");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(test::problem_field_codes(reply), std::vector<std::string>{"format:not_one_of"});
    reply = world().call_as(Role::buyer, "GET", buy + "/agenda?format=pdf&lang=fr");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(json::parse(reply.body).at("errors").at(0).at("field"), "lang");
    EXPECT_EQ(world().call_as(Role::admin, "GET", base + "/table-plan?schedule=nope").status, 404);
    // Check-in by token: the first scan checks in, the second says when; unknown tokens are 404 with
    // a code; a body with a field it does not read is refused, naming it.
    const std::string scan = json{{"token", token}}.dump();
    reply = world().call_as(Role::admin, "POST", base + "/check-in", scan);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_FALSE(json::parse(reply.body).at("already_checked_in").get<bool>());
    reply = world().call_as(Role::admin, "POST", base + "/check-in", scan);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json again = json::parse(reply.body);
    EXPECT_TRUE(again.at("already_checked_in").get<bool>());
    EXPECT_EQ(again.at("message"), "already checked in at " + again.at("checked_in_at").get<std::string>());
    reply = world().call_as(Role::admin, "POST", base + "/check-in", json{{"token", std::string(40, 'A')}}.dump());
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(json::parse(reply.body).at("code"), "not_found");
    reply = world().call_as(Role::admin, "POST", base + "/check-in", json{{"token", token}, {"gate", 2}}.dump());
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(json::parse(reply.body).at("errors").at(0).at("field"), "gate");
}

TEST_P(FairMatrixTest, EditsAreValidatedByFieldAndRefusedWhereTheyWouldBreakThePublishedSchedule) {
    const std::string base = "/api/v1/fairs/" + event;
    // Dates and weights are the scheduler's input: refused once published.
    auto reply = world().call_as(Role::admin, "PATCH", base, R"({"weight_buyer_meet":40})");
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(json::parse(reply.body).at("code"), "wrong_state");
    reply = world().call_as(Role::admin, "PATCH", base, R"({"name_en":""})");
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(json::parse(reply.body).at("errors").at(0).at("field"), "name_en");
    reply = world().call_as(Role::admin, "PATCH", base + "/participants/" + buyer, R"({"meetings_min":3,"meetings_max":1})");
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(test::problem_field_codes(reply), std::vector<std::string>{"meetings_min:above_max"});
    reply = world().call_as(Role::admin, "PATCH", base + "/participants/" + buyer, R"({"title":"Head of purchasing","meetings_max":2})");
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(json::parse(reply.body).at("title"), "Head of purchasing");
}

INSTANTIATE_TEST_SUITE_P(Backends, FairMatrixTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
