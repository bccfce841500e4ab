// THE FAIRS PERMISSION MATRIX: every role × the fair routes, through the real server with real
// sign-in, on SQLite and PostgreSQL, over a published event whose exhibitor is the producer's own
// organisation and whose buyer representative is the buyer's (tests/support/access_fixture.h). No
// user is named an organiser, so only the admin organises; the fund officer and the auditor are the
// programme-wide readers. The CSV import is left out: it answers 415 to any JSON body before it asks
// who calls (tests/fair/fair_routes_test.cpp covers it). A second matrix takes the event live for the
// at-the-event routes (outcomes, intended orders, on-site sales and their receipt, the event's orders,
// the report), with the other organisations' users refused; a third test fails when a route under
// /fairs or /reports/fairs is registered that no matrix line reaches. Then the printing routes over
// HTTP: their formats and content types, bad query values, and check-in by badge token.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "audit/audit_trail.h"
#include "fair/fair.h"
#include "fair/fair_fixture.h"
#include "fair/fair_outcome_service.h"
#include "http/router.h"
#include "orders/order_service.h"
#include "support/access_fixture.h"

namespace kl::fair {
namespace {

using access::Role;
using nlohmann::json;
using test::Target;
using testing::must;

http::Method method_of(const std::string& name) {
    if (name == "GET") return http::Method::get;
    if (name == "POST") return http::Method::post;
    if (name == "PUT") return http::Method::put;
    if (name == "PATCH") return http::Method::patch;
    if (name == "DELETE") return http::Method::del;
    return http::Method::other;
}

class FairMatrixTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        test::WorldOptions options = test::on_backend(GetParam());
        options.services = [this](http::ApiDeps& deps, test::AccessWorld& world) {
            auto& trail = world.make<audit::AuditTrail>(world.store().backend(), world.clock());
            fairs_ = &world.make<Fairs>(world.store(), world.clock(), world.ids(), trail);
            auto& orders = world.make<orders::OrderService>(world.store(), world.clock(), world.ids());
            deps.fairs = fairs_;
            deps.fair_at_event = &world.make<FairAtEvent>(world.store(), world.clock(), world.ids(), trail, orders);
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        make_product();
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
        shows.booth = "A1";
        shows.product_ids = {product};
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
        meeting = must(fairs_->schedules.meetings(std::nullopt, event, schedule, 10, std::nullopt)).items.at(0).id;
        token = must(fairs_->prints.badge_token(std::nullopt, event, buyer));
    }

    std::vector<test::MatrixLine> published_lines() const;
    std::vector<test::MatrixLine> at_event_lines(const std::string& sale) const;

    // A catalogue product of the producer's organisation that the fair channels may sell (a brand
    // standard, a grade, listed for fair_intent and fair_onsite).
    void make_product() {
        product = world().ids().next();
        exec("INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, status, created_at_ms, "
             "updated_at_ms) VALUES ($1, $2, 'nuts_dried_fruit', '薄皮核桃', 'Paper-shell walnuts', 'kg', 1000, 'draft', 0, 0)",
             {product, world().org_for(Role::producer, Target::own)});
        exec("UPDATE products SET status = 'active', standard_version = 1, packaging_type = 'carton', packaging_net_g = 1000, "
             "storage_temp_min_c_x10 = 0, storage_temp_max_c_x10 = 250, storage_humidity_min_pct = 30, storage_humidity_max_pct = 70, "
             "shelf_life_days = 180, cold_chain = 'ambient', min_order_quantity = 1, standard_updated_at_ms = 0 WHERE id = $1",
             {product});
        exec("INSERT INTO product_grades (product_id, code, grade_rank, name_zh, name_en, list_price_fen) VALUES "
             "($1, 'A', 1, '一级', 'Grade A', 3000)",
             {product});
        exec("INSERT INTO product_channels (product_id, channel) VALUES ($1, 'fair_intent'), ($1, 'fair_onsite')", {product});
        exec("UPDATE organisations SET district_code = 'jingan', channel = 'supermarket' WHERE id = $1",
             {world().org_for(Role::buyer, Target::own)});
    }
    void exec(const std::string& sql, const store::Params& params) {
        must(world().store().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute(sql, params));
            return ok();
        }));
    }
    // The event moves live; the producer's booth sells to the buyer's organisation. The sale's order id.
    std::string go_live_and_sell() {
        must(fairs_->events.move_state(std::nullopt, event, EventState::live));
        const std::string body = R"({"buyer_org_id":")" + world().org_for(Role::buyer, Target::own) +
                                 R"(","lines":[{"product_id":")" + product + R"(","quantity":3,"unit_price_fen":2500}]})";
        const auto reply = world().call_as(Role::admin, "POST", "/api/v1/fairs/" + event + "/participants/" + exhibitor + "/onsite-sales",
                                           body, {{"Idempotency-Key", "matrix-sale"}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        return nlohmann::json::parse(reply.body).at("order_id").get<std::string>();
    }
    // A bearer token of a new user of the role in the role's other organisation.
    std::string other_user_token(Role role) {
        const std::string username = "matrix.other." + std::string(access::to_string(role));
        test::seed_user(world().stack(), role, username, world().org_for(role, Target::other));
        const auto reply = world().login(username, test::test_password);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return nlohmann::json::parse(reply.body).at("token").get<std::string>();
    }

    std::string event, session, table, exhibitor, buyer, schedule, meeting, product, token;
    Fairs* fairs_ = nullptr;

private:
    std::unique_ptr<test::AccessWorld> world_;
};

// clang-format off
std::vector<test::MatrixLine> FairMatrixTest::published_lines() const {
    const std::string base = "/api/v1/fairs/" + event;
    const std::string exh = base + "/participants/" + exhibitor;
    const std::string buy = base + "/participants/" + buyer;
    const std::string other_buyer = world_->org_for(Role::buyer, Target::other);
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
        // Days are set before scheduling (the organiser is refused by the state once published);
        // a table may still be added to a published event, the rest are refused by role.
        {"POST", base + "/sessions", R"({"held_on":"2026-10-10","starts_at":"14:00","ends_at":"15:00"})",
                                                                                    {409, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/tables", R"({"number":7})",                               {201, 403, 403, 403, 403, 403, 403}},
        // Deletions come before scheduling: the organiser is refused by the state, the rest by role.
        {"DELETE", base + "/tables/" + table, "",                                   {409, 403, 403, 403, 403, 403, 403}},
        {"DELETE", base + "/sessions/" + session, "",                               {409, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/schedules", "",                                           {202, 403, 403, 403, 403, 403, 403}},
        {"POST", base + "/state", R"({"state":"live"})",                            {200, 403, 403, 403, 403, 403, 403}},
        {"POST", exh + "/withdraw", "",                                             {200, 403, 403, 200, 403, 403, 403}},
    };
    return lines;
}

// The event live, the producer's booth selling its own product: organisers record anything; a
// meeting's two sides record its outcome and sign intents; the exhibitor's organisation sells at its
// booth; organisers, programme-wide readers and the sale's two organisations read its receipt. `sale`
// is an on-site sale to the buyer's organisation.
std::vector<test::MatrixLine> FairMatrixTest::at_event_lines(const std::string& sale) const {
    const std::string base = "/api/v1/fairs/" + event;
    const std::string exh = base + "/participants/" + exhibitor;
    const std::string met = base + "/meetings/" + meeting;
    const std::string line = R"({"lines":[{"product_id":")" + product + R"(","quantity":2,"unit_price_fen":2500}]})";
    const std::string to_buyer = R"({"buyer_org_id":")" + world_->org_for(Role::buyer, Target::own) +
                                 R"(","lines":[{"product_id":")" + product + R"(","quantity":1,"unit_price_fen":2500}]})";
    const std::vector<test::MatrixLine> lines = {
        {"PUT", met + "/outcome", R"({"outcome":"held","note":"good talk"})",        {200, 403, 403, 200, 200, 403, 403}},
        {"GET", met + "/outcome", "",                                               {200, 200, 403, 200, 200, 403, 200}},
        {"POST", met + "/intents", line,                                            {201, 403, 403, 201, 201, 403, 403}},
        {"POST", exh + "/onsite-sales", to_buyer,                                   {201, 403, 403, 201, 403, 403, 403}},
        {"GET", exh + "/onsite-sales/" + sale + "/receipt", "",                     {200, 200, 403, 200, 200, 403, 200}},
        {"GET", exh + "/onsite-sales/" + sale + "/receipt?format=pdf&lang=en", "",  {200, 200, 403, 200, 200, 403, 200}},
        {"GET", base + "/orders", "",                                               {200, 200, 200, 200, 200, 403, 200}},
        {"GET", "/api/v1/reports/fairs/" + event, "",                               {200, 200, 200, 403, 403, 403, 200}},
        {"GET", "/api/v1/reports/fairs/" + event + "?format=csv", "",               {200, 200, 200, 403, 403, 403, 200}},
    };
    return lines;
}
// clang-format on

TEST_P(FairMatrixTest, EveryFairRouteByEveryRole) {
    EXPECT_EQ(test::joined_failures(test::run_matrix(world(), test::matrix_rows(published_lines()))), "");
}

TEST_P(FairMatrixTest, EveryAtTheEventRouteByEveryRoleAndOtherOrganisationsRefused) {
    const std::string sale = go_live_and_sell();
    EXPECT_EQ(test::joined_failures(test::run_matrix(world(), test::matrix_rows(at_event_lines(sale)),
                                                     {{"Idempotency-Key", "matrix-{unique}"}})),
              "");
    // Another organisation's producer and buyer: not the meeting's sides, not the booth's, not the
    // sale's. Each is refused and writes nothing; the event's orders list shows them none.
    const std::string base = "/api/v1/fairs/" + event;
    const std::string exh = base + "/participants/" + exhibitor;
    const std::string met = base + "/meetings/" + meeting;
    const std::string line = R"({"lines":[{"product_id":")" + product + R"(","quantity":2,"unit_price_fen":2500}]})";
    struct Refused {
        Role role;
        std::string method, path, body;
        int status;
    };
    const std::vector<Refused> others = {
        {Role::producer, "PUT", met + "/outcome", R"({"outcome":"held"})", 403},
        {Role::buyer, "PUT", met + "/outcome", R"({"outcome":"held"})", 403},
        {Role::producer, "GET", met + "/outcome", "", 403},
        {Role::buyer, "GET", met + "/outcome", "", 403},
        {Role::producer, "POST", met + "/intents", line, 403},
        {Role::buyer, "POST", met + "/intents", line, 403},
        {Role::producer, "POST", exh + "/onsite-sales", line, 403},
        {Role::producer, "GET", exh + "/onsite-sales/" + sale + "/receipt", "", 403},
        {Role::buyer, "GET", exh + "/onsite-sales/" + sale + "/receipt", "", 403},
        {Role::producer, "GET", base + "/orders", "", 200},
        {Role::buyer, "GET", base + "/orders", "", 200},
    };
    const std::map<Role, std::string> tokens = {{Role::producer, other_user_token(Role::producer)},
                                                {Role::buyer, other_user_token(Role::buyer)}};
    const auto orders_before = world().call_as(Role::admin, "GET", base + "/orders").body;
    int key = 0;
    for (const auto& r : others) {
        const auto reply = world().call(r.method, r.path, r.body,
                                        {{"Authorization", "Bearer " + tokens.at(r.role)},
                                         {"Idempotency-Key", "other-" + std::to_string(++key)}});
        EXPECT_EQ(reply.status, r.status) << access::to_string(r.role) << " (other organisation) " << r.method << " " << r.path << ": "
                                          << reply.body;
        if (reply.status == 200 && r.path == base + "/orders") {
            EXPECT_EQ(nlohmann::json::parse(reply.body).at("items").size(), 0u) << reply.body;
        }
    }
    EXPECT_EQ(world().call_as(Role::admin, "GET", base + "/orders").body, orders_before);
}

// A fair route registered without a matrix line fails here, naming it: every line of both matrices
// is matched against the router, and every route under /api/v1/fairs and /api/v1/reports/fairs must
// be reached by one (the CSV import aside: see the top of this file).
TEST_P(FairMatrixTest, EveryRegisteredFairRouteHasAMatrixLine) {
    std::set<const http::Route*> reached;
    std::vector<test::MatrixLine> lines = published_lines();
    for (auto& line : at_event_lines("a-sale")) lines.push_back(std::move(line));
    for (const auto& line : lines) {
        const std::string path = line.path.substr(0, line.path.find('?'));
        const http::Match match = world().router().match(method_of(line.method), path);
        ASSERT_EQ(match.outcome, http::MatchOutcome::found) << line.method << " " << path;
        reached.insert(match.route);
    }
    std::vector<std::string> missing;
    size_t fair_routes = 0;
    for (const auto& route : world().router().routes()) {
        const bool fair = route->pattern.starts_with("/api/v1/fairs") || route->pattern.starts_with("/api/v1/reports/fairs");
        if (!fair) continue;
        ++fair_routes;
        if (route->pattern == "/api/v1/fairs/{id}/participants/import") continue;
        if (!reached.contains(route.get())) {
            missing.push_back(std::string(http::to_string(route->method)) + " " + route->pattern);
        }
    }
    EXPECT_GE(fair_routes, 40u);
    EXPECT_EQ(missing, std::vector<std::string>{});
}

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
