// GET /api/v1/me/todo through the real server, per role, on SQLite and PostgreSQL: each role sees the
// kinds of work it takes, counted over its own organisation (or county) only; a step taken moves the
// record out of the count; a user with nothing to do gets no work (the administrator only the fair
// outcomes it would record as every event's organiser, at 0); anonymous callers are refused.
#include <gtest/gtest.h>

#include <map>

#include "projects/projects_world.h"
#include "store/sql.h"

namespace kl::todo::testing {
namespace {

using access::Role;
using nlohmann::json;
using projects::testing::ProjectsWorld;
using test::Target;

class TodoRoutes : public ::testing::TestWithParam<std::string> {
protected:
    TodoRoutes() : w_(GetParam()) {}

    // An order row as the orders module stores it (only what the to-do reads matters here).
    void order(const std::string& id, const std::string& buyer, const std::string& seller, const std::string& status,
               const std::string& delivery_date, std::optional<std::string> carrier = std::nullopt,
               std::optional<std::string> invoice_no = std::nullopt) {
        auto done = w_.world().store().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("INSERT INTO orders (id, buyer_id, seller_id, channel, status, delivery_district, delivery_date, "
                              "order_date, carrier_id, invoice_no, total_fen, created_at_ms, updated_at_ms) "
                              "VALUES ($1, $2, $3, 'wholesale', $4, 'minhang', $5, '2023-05-01', $6, $7, 123456, 0, 0)",
                              {id, buyer, seller, status, delivery_date, store::optional_text(carrier),
                               store::optional_text(invoice_no)}));
            return ok();
        });
        ASSERT_TRUE(done) << done.error().message;
    }

    // The role's to-do as kind → queue.
    std::map<std::string, json> todo_of(Role role) {
        auto reply = w_.world().call_as(role, "GET", "/api/v1/me/todo");
        EXPECT_EQ(reply.status, 200) << reply.body;
        std::map<std::string, json> queues;
        const json body = json::parse(reply.body);  // kept: a range-for over a temporary's member dangles
        for (const auto& queue : body.at("queues")) queues[queue.at("kind").get<std::string>()] = queue;
        return queues;
    }

    std::string org(Role role, Target target) const { return w_.org(role, target); }

    ProjectsWorld w_;
};

TEST_P(TodoRoutes, EachOrganisationCountsOnlyItsOwnOrders) {
    const std::string buyer = org(Role::buyer, Target::own), other_buyer = org(Role::buyer, Target::other);
    const std::string seller = org(Role::producer, Target::own), carrier = org(Role::logistics, Target::own);
    order("o-1", buyer, seller, "intent", "2023-06-02");
    order("o-2", buyer, seller, "intent", "2023-06-01");
    order("o-3", buyer, seller, "delivered", "2023-06-01");
    order("o-4", buyer, seller, "accepted", "2023-06-01", std::nullopt, "INV-4");
    order("o-5", buyer, seller, "accepted", "2023-06-01");
    for (const char* id : {"x-1", "x-2", "x-3"}) order(id, other_buyer, seller, "intent", "2023-06-01");
    order("o-6", other_buyer, seller, "confirmed", "2023-06-01");
    order("o-7", other_buyer, seller, "shipped", "2023-06-01", carrier);
    order("o-8", other_buyer, seller, "shipped", "2023-06-01");

    auto bought = todo_of(Role::buyer);
    // Another buyer's three intents are not this buyer's work.
    EXPECT_EQ(bought.at("orders_to_confirm")["count"], 2);
    EXPECT_EQ(bought.at("orders_to_accept")["count"], 1);
    EXPECT_EQ(bought.at("orders_to_pay")["count"], 1);  // the one with an invoice number: paying needs it
    EXPECT_EQ(bought.at("proposals_to_decide")["count"], 0);
    const json first = bought.at("orders_to_confirm")["items"][0];
    EXPECT_EQ(first["id"], "o-2");  // the earliest delivery first
    EXPECT_EQ(first["route"], "/orders/o-2");
    EXPECT_EQ(first["amount_fen"], 123456);
    EXPECT_EQ(first["due_on"], "2023-06-01");
    EXPECT_FALSE(first["label"].get<std::string>().empty());  // the seller, by name
    EXPECT_NE(first["label"], seller);
    EXPECT_EQ(bought.at("orders_to_confirm")["route"], "/orders?status=intent");
    EXPECT_FALSE(bought.contains("payments_to_approve"));

    auto sold = todo_of(Role::producer);
    EXPECT_EQ(sold.at("orders_to_ship")["count"], 1);
    EXPECT_EQ(sold.at("orders_to_deliver")["count"], 1);  // the carrier delivers the other one
    EXPECT_EQ(sold.at("orders_to_invoice")["count"], 1);
    EXPECT_FALSE(sold.contains("orders_to_confirm"));

    auto carried = todo_of(Role::logistics);
    ASSERT_EQ(carried.size(), 1u);
    EXPECT_EQ(carried.at("orders_to_deliver")["count"], 1);
    EXPECT_EQ(carried.at("orders_to_deliver")["items"][0]["id"], "o-7");
}

TEST_P(TodoRoutes, TheFundOfficerApprovesThenPaysAndTheCountsFollow) {
    auto before = todo_of(Role::fund_officer);
    EXPECT_EQ(before.at("payments_to_approve")["count"], 1);
    EXPECT_EQ(before.at("payments_to_pay")["count"], 0);
    const json item = before.at("payments_to_approve")["items"][0];
    EXPECT_EQ(item["id"], w_.shache_request);
    EXPECT_EQ(item["amount_fen"], 12'345'678);
    EXPECT_EQ(item["label"], "Project SC-W-1");  // the project by name, the payee as the party
    EXPECT_FALSE(item["party"].get<std::string>().empty());
    EXPECT_EQ(before.at("projects_to_move")["count"], 0);  // both projects are started

    ASSERT_EQ(w_.world().call_as(Role::fund_officer, "POST", "/api/v1/payment-requests/" + w_.shache_request + "/approve").status, 200);
    auto after = todo_of(Role::fund_officer);
    EXPECT_EQ(after.at("payments_to_approve")["count"], 0);
    EXPECT_EQ(after.at("payments_to_pay")["count"], 1);
}

TEST_P(TodoRoutes, AnOfficerIsNeverAskedToApproveItsOwnRequest) {
    auto done = w_.world().store().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE payment_requests SET requested_by = $1", {w_.world().as(Role::fund_officer).user.id}));
        return ok();
    });
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(todo_of(Role::fund_officer).at("payments_to_approve")["count"], 0);
}

TEST_P(TodoRoutes, RiskFlagsAndProjectsAreScopedToTheOfficersCounty) {
    const int64_t open_flags = w_.count("risk_flags WHERE status = 'open'");
    const int64_t shache_flags = w_.count("risk_flags WHERE status = 'open' AND county_code = 'shache'");
    EXPECT_EQ(todo_of(Role::auditor).at("risk_flags_open")["count"], open_flags);
    EXPECT_EQ(todo_of(Role::fund_officer).at("risk_flags_open")["count"], open_flags);
    auto county = todo_of(Role::county_officer);
    EXPECT_EQ(county.at("risk_flags_open")["count"], shache_flags);
    EXPECT_FALSE(county.contains("payments_to_approve"));  // a county officer never approves
    // An approved Shache project waits for the county to start it; Zepu's is not Shache's work.
    for (const char* code : {"SC-W-2", "ZP-W-2"}) {
        auto made = w_.world().call_as(Role::fund_officer, "POST", "/api/v1/projects",
                                       ProjectsWorld::project_body(code, code[0] == 'S' ? "shache" : "zepu").dump());
        ASSERT_EQ(made.status, 201) << made.body;
        const std::string id = json::parse(made.body)["id"];
        ASSERT_EQ(w_.world().call_as(Role::fund_officer, "POST", "/api/v1/projects/" + id + "/transitions", R"({"to":"approved"})").status, 200);
    }
    county = todo_of(Role::county_officer);
    EXPECT_EQ(county.at("projects_to_move")["count"], 1);
    EXPECT_EQ(county.at("projects_to_move")["items"][0]["tag"], "approved");
    EXPECT_EQ(county.at("service_requests_due")["count"], 0);
    EXPECT_EQ(todo_of(Role::fund_officer).at("projects_to_move")["count"], 0);  // approved: the county's move now
}

TEST_P(TodoRoutes, AUserWithNothingToDoGetsNoWorkAndAnonymousCallersAreRefused) {
    auto reply = w_.world().call_as(Role::admin, "GET", "/api/v1/me/todo");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json body = json::parse(reply.body);
    // The administrator organises every event: the meetings' outcomes of a live event
    // (src/fair/fair_work.h), none here; and it keeps the platform: a database never backed up asks
    // for a backup (src/backup/backup_runs.h).
    ASSERT_EQ(body["queues"].size(), 2u) << body.dump();
    EXPECT_EQ(body["queues"][0]["kind"], "fair_outcomes_to_record");
    EXPECT_EQ(body["queues"][0]["count"], 0);
    EXPECT_EQ(body["queues"][1]["kind"], "backups_overdue");
    EXPECT_EQ(body["queues"][1]["count"], 1);
    EXPECT_EQ(body["items_per_kind_max"], work_items_per_kind_max);
    EXPECT_EQ(body["today"].get<std::string>().size(), 10u);
    const auto buyer = todo_of(Role::buyer);
    for (const auto& [kind, queue] : buyer) EXPECT_EQ(queue["count"], 0) << kind;
    for (const char* kind : {"fair_preferences_to_rate", "fair_agenda_published", "fair_outcomes_to_record"}) {
        EXPECT_TRUE(buyer.contains(kind)) << kind;  // the fair's kinds are composed into the home (src/todo)
    }
    EXPECT_FALSE(todo_of(Role::auditor).contains("fair_outcomes_to_record"));  // auditors record nothing
    EXPECT_EQ(w_.world().call("GET", "/api/v1/me/todo").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, TodoRoutes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::todo::testing
