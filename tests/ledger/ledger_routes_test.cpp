// The ledger, funds and audit routes through the real server: the permission matrix (role × route),
// a county officer's view limited to its county, TigerBeetle-style results over HTTP, and bad
// input answered with a 4xx naming the field while nothing is written — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <array>

#include "ledger_world.h"

namespace kl::ledger::testing {
namespace {

using access::Role;
using nlohmann::json;
using test::MatrixRow;
using test::Target;

constexpr std::array<Role, 7> columns = {Role::admin, Role::fund_officer, Role::county_officer, Role::producer,
                                         Role::buyer, Role::logistics,    Role::auditor};

struct Line {
    std::string method;
    std::string path;
    std::string body;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};

std::string transfer_body(const std::string& id, int64_t amount) {
    return json{{"transfers", {{{"id", id}, {"debit_account_id", LedgerWorld::source()}, {"credit_account_id", LedgerWorld::master()},
                                {"amount", amount}, {"ledger", "cash"}, {"code", 1}}}}}
        .dump();
}

class LedgerRoutes : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres" && test::postgres_url().empty() && !test::postgres_required()) GTEST_SKIP();
        w_ = std::make_unique<LedgerWorld>(GetParam());
    }
    test::HttpReply call(Role role, const std::string& method, const std::string& path, const std::string& body = "") {
        return w_->world().call_as(role, method, path, body, {{"Content-Type", "application/json"}});
    }
    std::unique_ptr<LedgerWorld> w_;
};

// clang-format off
TEST_P(LedgerRoutes, PermissionMatrix) {
    const std::string account = LedgerWorld::master();
    const std::vector<Line> lines = {
        {"GET",  "/api/v1/ledger/accounts", "",                                   {403, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/ledger/accounts/" + account, "",                        {403, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/ledger/accounts/" + account + "/transfers", "",         {403, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/ledger/transfers/" + id_of(1), "",                      {403, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/ledger/transfers", "",                                  {403, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/ledger/transfers", transfer_body(id_of(900), 5),        {403, 200, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/ledger/accounts", R"({"accounts":[{"id":"00000000000000000000000000000abc","ledger":"commitment","code":7,"name":"c"}]})",
                                                                                  {403, 200, 403, 403, 403, 403, 403}},
        {"GET",  "/api/v1/funds/tree", "",                                        {403, 200, 200, 403, 403, 403, 200}},
        {"POST", "/api/v1/funds/receipts", R"({"id":"000000000000000000000000000000aa","amount_fen":100})",
                                                                                  {403, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/funds/quota-grants", R"({"id":"000000000000000000000000000000ab","amount_fen":100})",
                                                                                  {403, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/funds/county-allocations", R"({"id":"000000000000000000000000000000ac","amount_fen":100,"county_code":"bachu"})",
                                                                                  {403, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/funds/project-allocations", R"({"id":"000000000000000000000000000000ad","amount_fen":100,"project_id":"PS"})",
                                                                                  {403, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/funds/refunds", R"({"id":"000000000000000000000000000000ae","amount_fen":100,"project_id":"PS","payee_org_id":"org-s"})",
                                                                                  {403, 201, 403, 403, 403, 403, 403}},
        {"POST", "/api/v1/funds/sweeps", "",                                      {403, 200, 403, 403, 403, 403, 403}},
        {"GET",  "/api/v1/audit/verify", "",                                      {200, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/audit/events", "",                                      {200, 200, 403, 403, 403, 403, 200}},
        {"GET",  "/api/v1/audit/seals", "",                                       {200, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/audit/seals", R"({"month":"2026-13"})",                 {400, 400, 403, 403, 403, 403, 403}},
        {"GET",  "/api/v1/audit/public-key", "",                                  {200, 200, 200, 200, 200, 200, 200}},
        {"GET",  "/api/v1/audit/checkpoints", "",                                 {200, 200, 403, 403, 403, 403, 200}},
        {"POST", "/api/v1/audit/checkpoints", "",                                 {201, 201, 403, 403, 403, 403, 201}},
    };
    std::vector<MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t c = 0; c < columns.size(); ++c) rows.push_back(MatrixRow{columns[c], line.method, line.path, line.body, Target::own, line.status[c]});
    }
    const auto failures = test::run_matrix(w_->world(), rows);
    std::string text;
    for (const auto& f : failures) text += f + "\n";
    EXPECT_TRUE(failures.empty()) << text;
    // Signed out: nothing.
    EXPECT_EQ(w_->world().call("GET", "/api/v1/funds/tree").status, 401);
    EXPECT_EQ(w_->world().call("GET", "/api/v1/audit/verify").status, 401);
    EXPECT_EQ(w_->world().call("GET", "/api/v1/audit/checkpoints").status, 401);
    // The public key is published: anyone may check a checkpoint an auditor kept.
    EXPECT_EQ(w_->world().call("GET", "/api/v1/audit/public-key").status, 200);
}
// clang-format on

TEST_P(LedgerRoutes, ACountyOfficerSeesOnlyItsCounty) {
    auto reply = call(Role::county_officer, "GET", "/api/v1/funds/tree");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json tree = json::parse(reply.body);
    std::set<std::string> projects;
    for (const auto& node : tree["nodes"]) {
        EXPECT_EQ(node["county_code"], "shache") << node.dump();
        EXPECT_NE(node["level"], "programme");
        if (node["level"] == "project") projects.insert(node["project_id"].get<std::string>());
    }
    EXPECT_EQ(projects, std::set<std::string>{"PS"});
    auto full = json::parse(call(Role::auditor, "GET", "/api/v1/funds/tree").body);
    EXPECT_GT(full["nodes"].size(), tree["nodes"].size());
    // Anyone may narrow the tree to a county; a county officer only to its own.
    auto narrowed = call(Role::auditor, "GET", "/api/v1/funds/tree?county=shache");
    ASSERT_EQ(narrowed.status, 200) << narrowed.body;
    EXPECT_EQ(json::parse(narrowed.body)["nodes"].size(), tree["nodes"].size());
    EXPECT_EQ(call(Role::county_officer, "GET", "/api/v1/funds/tree?county=shache").status, 200);
    EXPECT_EQ(call(Role::county_officer, "GET", "/api/v1/funds/tree?county=zepu").status, 403);
    auto unknown = call(Role::auditor, "GET", "/api/v1/funds/tree?county=atlantis");
    ASSERT_EQ(unknown.status, 400);
    EXPECT_EQ(json::parse(unknown.body)["errors"][0]["field"], "county");
}

TEST_P(LedgerRoutes, ABatchAnswersPerTransferAndChainsAreAllOrNothing) {
    const std::string body = json{{"transfers",
                                   {{{"id", id_of(700)}, {"debit_account_id", LedgerWorld::source()}, {"credit_account_id", LedgerWorld::master()},
                                     {"amount", 10}, {"ledger", "cash"}, {"code", 1}, {"flags", {"linked"}}},
                                    {{"id", id_of(701)}, {"debit_account_id", LedgerWorld::master()}, {"credit_account_id", LedgerWorld::source()},
                                     {"amount", 999'999'999}, {"ledger", "cash"}, {"code", 1}},
                                    {{"id", id_of(702)}, {"debit_account_id", LedgerWorld::source()}, {"credit_account_id", LedgerWorld::master()},
                                     {"amount", 10}, {"ledger", "cash"}, {"code", 1}}}}}
                                 .dump();
    auto reply = call(Role::fund_officer, "POST", "/api/v1/ledger/transfers", body);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json results = json::parse(reply.body)["results"];
    EXPECT_EQ(results[0]["result"], "linked_event_failed");
    EXPECT_EQ(results[1]["result"], "exceeds_credits");
    EXPECT_EQ(results[2]["result"], "ok");
    auto again = json::parse(call(Role::fund_officer, "POST", "/api/v1/ledger/transfers", body).body)["results"];
    EXPECT_EQ(again[1]["result"], "exceeds_credits");
    EXPECT_EQ(again[1]["replayed"], true);
    EXPECT_EQ(again[2]["result"], "exists");
    EXPECT_EQ(call(Role::fund_officer, "GET", "/api/v1/ledger/transfers/" + id_of(700)).status, 404);
    auto history = call(Role::auditor, "GET", "/api/v1/ledger/accounts/" + LedgerWorld::master() + "/transfers?limit=2");
    ASSERT_EQ(history.status, 200);
    const json page = json::parse(history.body);
    EXPECT_EQ(page["items"].size(), 2u);
    ASSERT_TRUE(page["next_cursor"].is_string());
    auto next = call(Role::auditor, "GET", "/api/v1/ledger/accounts/" + LedgerWorld::master() + "/transfers?limit=2&cursor=" +
                                               page["next_cursor"].get<std::string>());
    ASSERT_EQ(next.status, 200);
    EXPECT_NE(json::parse(next.body)["items"][0]["id"], page["items"][0]["id"]);
    auto verify = json::parse(call(Role::auditor, "GET", "/api/v1/audit/verify").body);
    EXPECT_EQ(verify["ok"], true) << verify.dump();
}

// GET /api/v1/ledger/accounts/{id}/transfers takes what it documents (limit, cursor, from, to) and
// refuses anything else naming it — `sort` (the list has one order) and typos alike — with every bad
// parameter named at once; the pages it answers are unchanged by a refused request.
TEST_P(LedgerRoutes, AccountHistoryRefusesParametersItDoesNotTake) {
    const std::string history = "/api/v1/ledger/accounts/" + LedgerWorld::master() + "/transfers";
    const json all = json::parse(call(Role::auditor, "GET", history + "?limit=200").body);
    ASSERT_GE(all["items"].size(), 2u);
    // Oldest first, by ledger row.
    EXPECT_LT(all["items"][0]["seq"].get<int64_t>(), all["items"][1]["seq"].get<int64_t>());

    const auto sorted = call(Role::auditor, "GET", history + "?sort=newest");
    ASSERT_EQ(sorted.status, 400) << sorted.body;
    EXPECT_EQ(test::problem_field_codes(sorted), std::vector<std::string>{"sort:unknown_field"}) << sorted.body;
    const auto typo = call(Role::fund_officer, "GET", history + "?form=2000-01-01&limit=2");
    ASSERT_EQ(typo.status, 400) << typo.body;
    EXPECT_EQ(test::problem_field_codes(typo), std::vector<std::string>{"form:unknown_field"}) << typo.body;
    EXPECT_NE(json::parse(typo.body)["errors"][0]["message"].get<std::string>().find("known: from, to, limit, cursor"), std::string::npos)
        << typo.body;
    // An unknown parameter is refused before any value is read (the pipeline does it for every route);
    // the values of known ones are then checked all at once: a time that is not one, a cursor this
    // list never made.
    const auto unknown = call(Role::auditor, "GET", history + "?q=x&from=yesterday&cursor=zz");
    ASSERT_EQ(unknown.status, 400) << unknown.body;
    EXPECT_EQ(test::problem_field_codes(unknown), std::vector<std::string>{"q:unknown_field"}) << unknown.body;
    const auto several = call(Role::auditor, "GET", history + "?from=yesterday&cursor=zz");
    ASSERT_EQ(several.status, 400) << several.body;
    EXPECT_EQ(test::problem_field_codes(several), (std::vector<std::string>{"cursor:unknown_reference", "from:not_a_date"}))
        << several.body;
    EXPECT_EQ(test::problem_field_codes(call(Role::auditor, "GET", history + "?limit=0")),
              std::vector<std::string>{"limit:out_of_range"});
    // What it takes still works: a time range and pages following one another.
    EXPECT_TRUE(json::parse(call(Role::auditor, "GET", history + "?to=2000-01-01").body)["items"].empty());
    EXPECT_EQ(json::parse(call(Role::auditor, "GET", history + "?from=2000-01-01&limit=200").body)["items"], all["items"]);
    const json first = json::parse(call(Role::auditor, "GET", history + "?limit=1").body);
    ASSERT_TRUE(first["next_cursor"].is_string());
    const json second =
        json::parse(call(Role::auditor, "GET", history + "?limit=1&cursor=" + first["next_cursor"].get<std::string>()).body);
    ASSERT_EQ(second["items"].size(), 1u);
    EXPECT_EQ(second["items"][0]["id"], all["items"][1]["id"]);
    // A refusal comes before the permission check's answer would: the admin (403 otherwise) is told
    // about the parameter too, and a refused request reveals nothing about the account.
    EXPECT_EQ(call(Role::admin, "GET", history + "?sort=newest").status, 400);
    EXPECT_EQ(call(Role::admin, "GET", history).status, 403);

    // The OpenAPI document lists exactly the parameters the route takes.
    const json document = json::parse(w_->world().call("GET", "/api/v1/openapi.json").body);
    std::vector<std::string> documented;
    for (const auto& parameter : document["paths"]["/api/v1/ledger/accounts/{id}/transfers"]["get"]["parameters"]) {
        if (parameter["in"] == "query") documented.push_back(parameter["name"].get<std::string>());
    }
    EXPECT_EQ(documented, (std::vector<std::string>{"from", "to", "limit", "cursor"}));
}

// GET /api/v1/ledger/transfers: newest first, paged by seq, filtered, its accounts named.
TEST_P(LedgerRoutes, TransfersAreListedNewestFirstWithTheirAccountsNamed) {
    const std::string builder = w_->world().org_for(Role::producer, test::Target::own);
    auto paid = w_->world().store().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE organisations SET name = '莎车建工', name_en = 'Shache Construction' WHERE id = $1", {builder}));
        KL_TRY(w_->services().funds->pay_contractor(tx, funds::PaymentOrder{id_of(950), "PS", "shache", builder, 1'000}));
        return ok();
    });
    ASSERT_TRUE(paid) << paid.error().message;
    auto first = call(Role::auditor, "GET", "/api/v1/ledger/transfers?limit=3");
    ASSERT_EQ(first.status, 200) << first.body;
    const json page = json::parse(first.body);
    ASSERT_EQ(page["items"].size(), 3u);
    ASSERT_TRUE(page["next_cursor"].is_string());
    EXPECT_GT(page["items"][0]["seq"], page["items"][1]["seq"]);
    EXPECT_GT(page["items"][1]["seq"], page["items"][2]["seq"]);
    // Every page follows on from the one before, and together they hold every transfer once.
    std::set<std::string> seen;
    int64_t last_seq = INT64_MAX;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
        auto reply = call(Role::fund_officer, "GET", "/api/v1/ledger/transfers?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(reply.status, 200) << reply.body;
        const json p = json::parse(reply.body);
        for (const auto& t : p["items"]) {
            EXPECT_LT(t["seq"].get<int64_t>(), last_seq);
            last_seq = t["seq"].get<int64_t>();
            EXPECT_TRUE(seen.insert(t["id"].get<std::string>()).second);
        }
        if (p["next_cursor"].is_null()) break;
        cursor = p["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), w_->count("ledger_transfers"));
    // A payment's chain: the cash leg into the payee names its level, project and county.
    auto disbursed = json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?code=3&ledger=cash&flag=linked").body);
    ASSERT_FALSE(disbursed["items"].empty());
    bool payee_seen = false;
    for (const auto& t : disbursed["items"]) {
        EXPECT_EQ(t["code"], 3);
        EXPECT_EQ(t["ledger"], "cash");
        EXPECT_NE(std::find(t["flags"].begin(), t["flags"].end(), "linked"), t["flags"].end());
        EXPECT_EQ(t["debit_account"]["id"], t["debit_account_id"]);
        EXPECT_TRUE(t["debit_account"]["level"].is_string()) << t.dump();
        if (t["credit_account"]["level"] == "payee") payee_seen = true;
    }
    EXPECT_TRUE(payee_seen);
    // The newest disbursement is the payment above's leg into the builder's payee account.
    const json newest = disbursed["items"][0];
    EXPECT_EQ(newest["amount"], 1'000);
    EXPECT_EQ(newest["credit_account"]["level"], "payee");
    EXPECT_EQ(newest["credit_account"]["payee_org_id"], builder);
    EXPECT_EQ(newest["credit_account"]["payee_name"], "莎车建工");
    EXPECT_EQ(newest["credit_account"]["payee_name_en"], "Shache Construction");
    EXPECT_EQ(newest["debit_account"]["level"], "project");
    EXPECT_EQ(newest["debit_account"]["project_id"], "PS");
    EXPECT_EQ(newest["debit_account"]["role"], "zba");
    // One account, on either side, in a time range.
    const std::string master = LedgerWorld::master();
    auto of_master = json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?account=" + master + "&from=2000-01-01").body);
    ASSERT_FALSE(of_master["items"].empty());
    for (const auto& t : of_master["items"]) {
        EXPECT_TRUE(t["debit_account_id"] == master || t["credit_account_id"] == master) << t.dump();
        const json& named = t["debit_account_id"] == master ? t["debit_account"] : t["credit_account"];
        EXPECT_EQ(named["level"], "programme");
        EXPECT_EQ(named["role"], "master");
    }
    EXPECT_TRUE(json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?to=2000-01-01").body)["items"].empty());
    EXPECT_TRUE(json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?flag=pending").body)["items"].empty());

    // Found by an account's name, either language, any case: the payee's, the county's. Only
    // transfers with such an account on one side are listed, newest first.
    for (const std::string& q : {test::query_text("莎车建工"), std::string("shache%20CONSTRUCTION")}) {
        const auto found = test::list_ids(w_->world(), Role::auditor, "/api/v1/ledger/transfers?q=" + q);
        ASSERT_FALSE(found.ids.empty()) << q;
        EXPECT_EQ(found.ids.front(), newest["id"]) << q;
        const json listed = json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?q=" + q).body);
        for (const auto& t : listed["items"]) {
            EXPECT_TRUE(t["debit_account"]["payee_org_id"] == builder || t["credit_account"]["payee_org_id"] == builder) << t.dump();
        }
    }
    const json in_shache = json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?limit=200&q=" + test::query_text("莎车县")).body);
    ASSERT_FALSE(in_shache["items"].empty());
    for (const auto& t : in_shache["items"]) {
        // The county's own accounts carry its code; a project or payee may carry its name.
        const std::string sides = t["debit_account"].dump() + t["credit_account"].dump();
        EXPECT_TRUE(sides.find("\"shache\"") != std::string::npos || sides.find("莎车县") != std::string::npos) << t.dump();
    }
    EXPECT_TRUE(json::parse(call(Role::auditor, "GET", "/api/v1/ledger/transfers?q=no-account-is-called-this").body)["items"].empty());
}

// GET /api/v1/audit/events: newest first unless asked oldest, found by action, record or who acted,
// dated by the Beijing day, paged either way; bad windows refused naming the field and its code.
TEST_P(LedgerRoutes, AuditEventsAreSearchedDatedAndPagedEitherWay) {
    test::AccessWorld& world = w_->world();
    const auto newest = test::list_ids(world, Role::auditor, "/api/v1/audit/events?limit=200", "seq").ids;
    ASSERT_GE(newest.size(), 3u);
    const auto oldest = test::list_ids(world, Role::auditor, "/api/v1/audit/events?limit=200&sort=oldest", "seq").ids;
    EXPECT_EQ(oldest, std::vector<std::string>(newest.rbegin(), newest.rend()));
    for (const std::string& sort : {std::string("newest"), std::string("oldest")}) {
        std::vector<std::string> paged;
        std::string cursor;
        for (int guard = 0; guard < 200; ++guard) {
            const auto page = test::list_ids(world, Role::auditor, "/api/v1/audit/events?limit=2&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor), "seq");
            paged.insert(paged.end(), page.ids.begin(), page.ids.end());
            if (page.next_cursor.empty()) break;
            cursor = page.next_cursor;
        }
        EXPECT_EQ(paged, sort == "newest" ? newest : oldest) << sort;
    }
    // The actions the world wrote: ledger accounts and transfers.
    const auto transfers = test::list_ids(world, Role::auditor, "/api/v1/audit/events?limit=200&q=TRANSFER.create", "seq").ids;
    ASSERT_FALSE(transfers.empty());
    for (const auto& event : json::parse(call(Role::auditor, "GET", "/api/v1/audit/events?limit=200&q=TRANSFER.create").body)["items"]) {
        EXPECT_EQ(event["action"], "ledger.transfer.create");
    }
    EXPECT_TRUE(test::list_ids(world, Role::auditor, "/api/v1/audit/events?q=nothing-happened-like-this", "seq").ids.empty());
    const kl::Date today = kl::today_in_shanghai(world.clock());
    EXPECT_EQ(test::list_ids(world, Role::auditor, "/api/v1/audit/events?limit=200&from=" + kl::format_date(today) + "&to=" + kl::format_date(today), "seq").ids,
              newest);
    EXPECT_TRUE(test::list_ids(world, Role::auditor, "/api/v1/audit/events?from=" + kl::format_date(kl::add_days(today, 1)), "seq").ids.empty());
    const auto bad = call(Role::auditor, "GET", "/api/v1/audit/events?sort=sideways&from=2026-02-30");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(test::problem_field_codes(bad), (std::vector<std::string>{"from:not_a_date", "sort:not_one_of"})) << bad.body;
    EXPECT_EQ(test::problem_field_codes(call(Role::auditor, "GET", "/api/v1/audit/events?q=" + std::string(101, 'x'))),
              std::vector<std::string>{"q:length_out_of_range"});
    EXPECT_EQ(call(Role::buyer, "GET", "/api/v1/audit/events?q=transfer").status, 403);
}

struct BadInput {
    std::string method, path, body, field;
};

TEST_P(LedgerRoutes, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
    const std::string t = "/api/v1/ledger/transfers";
    auto one = [](json item) { return json{{"transfers", {item}}}.dump(); };
    json good = {{"id", id_of(800)}, {"debit_account_id", LedgerWorld::source()}, {"credit_account_id", LedgerWorld::master()},
                 {"amount", 5}, {"ledger", "cash"}, {"code", 1}};
    auto with = [&](const std::string& key, json value) {
        json item = good;
        item[key] = std::move(value);
        return one(item);
    };
    json big = json::array();
    for (int i = 0; i < 8001; ++i) big.push_back(good);
    const std::vector<BadInput> cases = {
        {"POST", t, "not json", "body"},
        {"POST", t, "{}", "transfers"},
        {"POST", t, R"({"transfers":[]})", "transfers"},
        {"POST", t, json{{"transfers", big}}.dump(), "transfers"},
        {"POST", t, R"({"transfers":[1]})", "transfers/0"},
        {"POST", t, with("amount", 1.5), "transfers/0/amount"},
        {"POST", t, with("amount", -1), "transfers/0/amount"},
        {"POST", t, with("amount", "5"), "transfers/0/amount"},
        {"POST", t, with("id", "xyz"), "transfers/0/id"},
        {"POST", t, with("debit_account_id", "g0000000000000000000000000000000"), "transfers/0/debit_account_id"},
        {"POST", t, with("flags", json::array({"sideways"})), "transfers/0/flags/0"},
        {"POST", t, with("surprise", 1), "transfers/0/surprise"},
        {"POST", t, with("timeout_s", 1LL << 40), "transfers/0/timeout_s"},
        {"POST", t, R"({"transfers":[],"extra":1})", "transfers"},
        {"POST", "/api/v1/ledger/accounts", R"({"accounts":[{"id":"00000000000000000000000000000abd","ledger":"gold","code":7,"name":"c"}]})", "accounts/0/ledger"},
        {"POST", "/api/v1/ledger/accounts", R"({"accounts":[{"id":"00000000000000000000000000000abd","ledger":"cash","code":0,"name":"c"}]})", "accounts/0/code"},
        {"POST", "/api/v1/funds/receipts", R"({"id":"000000000000000000000000000000ba","amount_fen":0})", "amount_fen"},
        {"POST", "/api/v1/funds/receipts", R"({"amount_fen":10})", "id"},
        {"POST", "/api/v1/funds/receipts", R"({"id":"000000000000000000000000000000ba","amount_fen":10,"note":1})", "note"},
        {"POST", "/api/v1/funds/county-allocations", R"({"id":"000000000000000000000000000000bb","amount_fen":10,"county_code":"atlantis"})", "county_code"},
        {"POST", "/api/v1/funds/county-allocations", R"({"id":"000000000000000000000000000000bc","amount_fen":99999999999,"county_code":"bachu"})", "amount_fen"},
        {"POST", "/api/v1/funds/refunds", R"({"id":"000000000000000000000000000000bd","amount_fen":10,"project_id":"PS","payee_org_id":"nobody"})", "payee_org_id"},
        {"GET", "/api/v1/ledger/accounts?limit=0", "", "limit"},
        {"GET", "/api/v1/ledger/accounts?ledger=gold", "", "ledger"},
        {"GET", "/api/v1/ledger/accounts?cursor=zz", "", "cursor"},
        {"GET", "/api/v1/ledger/accounts/" + LedgerWorld::master() + "/transfers?from=yesterday", "", "from"},
        {"GET", "/api/v1/ledger/transfers?from=yesterday", "", "from"},
        {"GET", "/api/v1/ledger/transfers?to=2026-02-30", "", "to"},
        {"GET", "/api/v1/ledger/transfers?account=master", "", "account"},
        {"GET", "/api/v1/ledger/transfers?ledger=gold", "", "ledger"},
        {"GET", "/api/v1/ledger/transfers?code=0", "", "code"},
        {"GET", "/api/v1/ledger/transfers?flag=sideways", "", "flag"},
        {"GET", "/api/v1/ledger/transfers?limit=201", "", "limit"},
        {"GET", "/api/v1/ledger/transfers?cursor=zz", "", "cursor"},
        {"GET", "/api/v1/ledger/transfers?q=" + std::string(101, 'q'), "", "q"},
        {"GET", "/api/v1/audit/events?limit=9999", "", "limit"},
        {"POST", "/api/v1/audit/seals", R"({"month":"2099-01"})", "month"},
        {"GET", "/api/v1/audit/checkpoints?limit=201", "", "limit"},
        {"GET", "/api/v1/audit/checkpoints?cursor=zz", "", "cursor"},
        {"POST", "/api/v1/audit/checkpoints", R"({"dry_run":true})", "body"},
        {"POST", "/api/v1/audit/checkpoints", "not json", "body"},
    };
    const int64_t transfers = w_->count("ledger_transfers"), accounts = w_->count("ledger_accounts"), audit = w_->count("audit_events");
    const int64_t checkpoints = w_->count("audit_checkpoints");
    for (const auto& c : cases) {
        auto reply = call(Role::fund_officer, c.method, c.path, c.body);
        EXPECT_GE(reply.status, 400) << c.path << " " << c.body.substr(0, 200);
        EXPECT_LT(reply.status, 500) << c.path;
        EXPECT_NE(reply.body.find("\"" + c.field + "\""), std::string::npos) << c.field << ": " << reply.body.substr(0, 400);
    }
    EXPECT_EQ(w_->count("ledger_transfers"), transfers);
    EXPECT_EQ(w_->count("ledger_accounts"), accounts);
    EXPECT_EQ(w_->count("audit_events"), audit);
    EXPECT_EQ(w_->count("audit_checkpoints"), checkpoints);
    EXPECT_EQ(call(Role::fund_officer, "GET", "/api/v1/ledger/accounts/" + id_of(4242)).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerRoutes, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::ledger::testing
