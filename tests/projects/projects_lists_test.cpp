// The funds-side lists through the real server, on SQLite and PostgreSQL: projects, payment requests
// and risk flags searched (q), windowed by date (from/to), in either creation order (sort) with
// keyset pages that neither skip nor repeat, a county officer seeing its county's only; bad window
// input named; and every to-do link of the fund officer, the county officer and the auditor opening
// a list of exactly its items.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "projects_world.h"

namespace kl::projects::testing {
namespace {

using nlohmann::json;
using access::Role;
using test::Target;

class ProjectsLists : public ::testing::TestWithParam<std::string> {
protected:
    ProjectsLists() : w_(GetParam()) {}

    // The ids of a list's items as `role` reads them (one page: the lists here are short).
    std::vector<std::string> ids(Role role, const std::string& path) {
        const auto reply = w_.world().call_as(role, "GET", path);
        EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
        std::vector<std::string> out;
        if (reply.status != 200) return out;
        const json body = json::parse(reply.body);  // kept: a range over a temporary's member would dangle
        for (const auto& item : body.at("items")) out.push_back(item.at("id").get<std::string>());
        return out;
    }
    // Every id of a list read `limit` at a time, following next_cursor.
    std::vector<std::string> paged(Role role, const std::string& path, int limit) {
        std::vector<std::string> out;
        std::string cursor;
        for (int page = 0; page < 50; ++page) {
            const std::string url = path + (path.find('?') == std::string::npos ? "?" : "&") + "limit=" + std::to_string(limit) +
                                    (cursor.empty() ? "" : "&cursor=" + cursor);
            const auto reply = w_.world().call_as(role, "GET", url);
            EXPECT_EQ(reply.status, 200) << reply.body;
            const json body = json::parse(reply.body);
            for (const auto& item : body.at("items")) out.push_back(item.at("id").get<std::string>());
            if (body.at("next_cursor").is_null()) return out;
            cursor = body.at("next_cursor").get<std::string>();
        }
        ADD_FAILURE() << "paging did not end";
        return out;
    }
    // The field a 400 names.
    std::string refused_field(Role role, const std::string& path) {
        const auto reply = w_.world().call_as(role, "GET", path);
        EXPECT_EQ(reply.status, 400) << path << ": " << reply.body;
        if (reply.status != 400) return "";
        return fields_of(reply).at(0);
    }
    std::string planned(const std::string& code, const std::string& county) {
        return must(w_.projects().projects.create(std::nullopt, ProjectFields{code, "Clinic " + code, county, Sector::medical,
                                                                             2024, 100'000'000}),
                    "project")
            .id;
    }
    // A request on Shache's contract for `amount_fen` with an invoice of its own, submitted over HTTP as `role`.
    std::string request_as(Role role, int64_t amount_fen, Date requested_on, const std::string& number) {
        auto bill = must(w_.projects().contracts.add_invoice(std::nullopt, InvoiceFields{w_.shache_contract, w_.org(Role::producer, Target::own),
                                                                                         number, amount_fen, requested_on}),
                         "invoice");
        const json body = {{"contract_id", w_.shache_contract}, {"invoice_id", bill.id}, {"progress_id", w_.shache_progress},
                           {"amount_fen", amount_fen}, {"requested_on", kl::format_date(requested_on)}};
        const auto reply = w_.world().call_as(role, "POST", "/api/v1/payment-requests", body.dump(), {{"Idempotency-Key", number}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        return json::parse(reply.body).at("request").at("id").get<std::string>();
    }
    static std::vector<std::string> in_id_order(std::vector<std::string> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    static std::vector<std::string> reversed(std::vector<std::string> ids) {
        std::reverse(ids.begin(), ids.end());
        return ids;
    }

    ProjectsWorld w_;
};

TEST_P(ProjectsLists, ProjectsAreSearchedWindowedAndPagedInEitherOrder) {
    const std::string a = planned("SC-L-1", "shache"), b = planned("SC-L-2", "shache"), c = planned("ZP-L-1", "zepu");
    // Creation order is id order (UUIDv7); ids made in one millisecond of the test clock are ordered
    // by their random tail, so the expectations follow the ids.
    const std::vector<std::string> all = in_id_order({w_.shache_project, w_.zepu_project, a, b, c});
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects"), all);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?sort=newest"), reversed(all));
    // Keyset pages of one and two, both orders: every project once, in order.
    for (int limit : {1, 2}) {
        EXPECT_EQ(paged(Role::fund_officer, "/api/v1/projects?sort=oldest", limit), all) << limit;
        EXPECT_EQ(paged(Role::fund_officer, "/api/v1/projects?sort=newest", limit), reversed(all)) << limit;
    }
    // Code or name, any case; several statuses at once.
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?q=sc-l"), in_id_order({a, b}));
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?q=clinic&sort=newest"), reversed(in_id_order({a, b, c})));
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?status=planned,started"), all);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?status=started"), in_id_order({w_.shache_project, w_.zepu_project}));
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?status=planned&county=zepu"), std::vector<std::string>{c});
    // The day each was recorded, in Beijing time: all today.
    const Date today = kl::shanghai_date(w_.world().clock().now_ms());
    const std::string on = kl::format_date(today), tomorrow = kl::format_date(kl::add_days(today, 1)),
                      yesterday = kl::format_date(kl::add_days(today, -1));
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/projects?from=" + on + "&to=" + on), all);
    EXPECT_TRUE(ids(Role::fund_officer, "/api/v1/projects?from=" + tomorrow).empty());
    EXPECT_TRUE(ids(Role::fund_officer, "/api/v1/projects?to=" + yesterday).empty());
    // A county officer: its county's only, whatever it searches for.
    EXPECT_EQ(ids(Role::county_officer, "/api/v1/projects?q=L-1&sort=newest"), std::vector<std::string>{a});
    EXPECT_EQ(paged(Role::county_officer, "/api/v1/projects?sort=newest", 1), reversed(in_id_order({a, b, w_.shache_project})));
    // Bad window input is named.
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/projects?sort=sideways"), "sort");
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/projects?from=2023-05-02&to=2023-05-01"), "to");
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/projects?from=2023-02-30"), "from");
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/projects?status=planned,bogus"), "status");
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/projects?q=" + std::string(101, 'x')), "q");
}

TEST_P(ProjectsLists, PaymentRequestsAreFoundByNameDateAndWhoAsked) {
    const std::string mine = request_as(Role::fund_officer, 10'000'000, day(4, 6), "W-2");
    const std::string theirs = w_.shache_request;  // submitted by the command line, no user
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?status=submitted"), in_id_order({theirs, mine}));
    // The approval queue: a requester never approves its own request.
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?status=submitted&others=true"), std::vector<std::string>{theirs});
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?others=false&sort=newest"), reversed(in_id_order({mine, theirs})));
    EXPECT_EQ(paged(Role::fund_officer, "/api/v1/payment-requests?sort=newest", 1), reversed(in_id_order({mine, theirs})));
    // By project code, contract title, payee name (any case) or id; by the date requested.
    const json payee = json::parse(w_.world().call_as(Role::fund_officer, "GET", "/api/v1/organisations/" + w_.org(Role::producer, Target::own)).body);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?q=sc-w").size(), 2u);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?q=WORKS").size(), 2u);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?q=" + payee.at("name").get<std::string>()).size(), 2u);
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?q=" + mine), std::vector<std::string>{mine});
    EXPECT_TRUE(ids(Role::fund_officer, "/api/v1/payment-requests?q=ZP-W").empty());
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?from=2023-04-06"), std::vector<std::string>{mine});
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?to=2023-04-05"), std::vector<std::string>{theirs});
    // Each names the contract's contractor, as the contract does.
    const json listed = json::parse(w_.world().call_as(Role::fund_officer, "GET", "/api/v1/payment-requests?q=" + mine).body)["items"][0];
    const json contract = json::parse(w_.world().call_as(Role::fund_officer, "GET", "/api/v1/contracts/" + w_.shache_contract).body);
    EXPECT_EQ(listed.at("contractor_name"), payee.at("name"));
    EXPECT_EQ(contract.at("counterparty_name"), payee.at("name"));
    // A county officer (Shache's): its county's requests only, whatever it searches for.
    auto& p = w_.projects();
    auto report = must(p.projects.report_progress(std::nullopt, w_.zepu_project, day(3, 1), 40, ProgressBasis::physical, ""), "progress");
    must(p.projects.verify_progress(std::nullopt, report.id), "verify");
    auto bill = must(p.contracts.add_invoice(std::nullopt, InvoiceFields{w_.zepu_contract, w_.org(Role::producer, Target::other), "Z-1",
                                                                         5'000'001, day(4, 1)}),
                     "invoice");
    PaymentRequestFields fields;
    fields.contract_id = w_.zepu_contract;
    fields.invoice_id = bill.id;
    fields.progress_id = report.id;
    fields.amount_fen = 5'000'001;
    fields.requested_on = day(4, 8);
    const std::string zepu = must(p.payments.submit(std::nullopt, fields), "request").request.id;
    EXPECT_EQ(ids(Role::fund_officer, "/api/v1/payment-requests?q=works&sort=newest"), reversed(in_id_order({zepu, mine, theirs})));
    EXPECT_EQ(ids(Role::county_officer, "/api/v1/payment-requests?q=works&sort=newest"), reversed(in_id_order({mine, theirs})));
    EXPECT_TRUE(ids(Role::county_officer, "/api/v1/payment-requests?q=" + zepu).empty());
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/payment-requests?others=maybe"), "others");
    EXPECT_EQ(refused_field(Role::fund_officer, "/api/v1/payment-requests?sort=up"), "sort");
}

TEST_P(ProjectsLists, RiskFlagsCarryTheirCodeAndAreFoundByRuleAndProject) {
    request_as(Role::fund_officer, 10'000'000, day(4, 6), "W-2");   // a round amount: R6
    request_as(Role::fund_officer, 20'000'000, day(4, 7), "W-3");   // another
    const auto reply = w_.world().call_as(Role::auditor, "GET", "/api/v1/risk/flags?rule=R6&sort=newest");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json items = json::parse(reply.body).at("items");
    ASSERT_EQ(items.size(), 2u);
    for (const auto& item : items) {
        EXPECT_EQ(item.at("code"), "round_amount");
        EXPECT_EQ(item.at("project_code"), "SC-W-1");
        EXPECT_EQ(item.at("contract_title"), "Works");
    }
    std::set<int64_t> amounts;
    for (const auto& item : items) amounts.insert(item.at("params").at("amount_fen").get<int64_t>());
    EXPECT_EQ(amounts, (std::set<int64_t>{10'000'000, 20'000'000}));
    EXPECT_EQ(items[0].at("params"), json({{"amount_fen", items[0].at("params").at("amount_fen")}, {"round_fen", 1'000'000}}));
    const std::vector<std::string> newest = {items[0].at("id").get<std::string>(), items[1].at("id").get<std::string>()};
    EXPECT_GT(newest[0], newest[1]);
    EXPECT_EQ(ids(Role::auditor, "/api/v1/risk/flags?q=r6&sort=newest"), newest);
    EXPECT_EQ(ids(Role::auditor, "/api/v1/risk/flags?q=sc-w-1&rule=R6"), reversed(newest));
    EXPECT_EQ(paged(Role::auditor, "/api/v1/risk/flags?rule=R6&sort=newest", 1), newest);
    EXPECT_EQ(ids(Role::auditor, "/api/v1/risk/flags?q=" + newest[1]), std::vector<std::string>{newest[1]});
    const Date today = kl::shanghai_date(w_.world().clock().now_ms());
    EXPECT_EQ(ids(Role::auditor, "/api/v1/risk/flags?rule=R6&from=" + kl::format_date(today)).size(), 2u);
    EXPECT_TRUE(ids(Role::auditor, "/api/v1/risk/flags?rule=R6&to=" + kl::format_date(kl::add_days(today, -1))).empty());
    // Shache's officer sees them; a flag of another county's officer would not (its county is Shache).
    EXPECT_EQ(ids(Role::county_officer, "/api/v1/risk/flags?rule=R6").size(), 2u);
    EXPECT_EQ(refused_field(Role::auditor, "/api/v1/risk/flags?to=2023-13-01"), "to");
}

// Each to-do queue's link, and each item's, opens a list of exactly what the queue counts.
TEST_P(ProjectsLists, EveryToDoLinkListsExactlyItsItems) {
    planned("SC-L-1", "shache");
    planned("ZP-L-1", "zepu");
    request_as(Role::fund_officer, 10'000'000, day(4, 6), "W-2");   // the officer's own: not its to approve
    request_as(Role::county_officer, 10'000'001, day(4, 7), "W-3");
    // The API list a console page's address reads (payments.js, risk-flags.js, projects.js).
    const auto api_of = [](const std::string& route) {
        const size_t mark = route.find('?');
        const std::string page = route.substr(0, mark);
        std::string query = mark == std::string::npos ? "" : route.substr(mark + 1);
        if (const size_t all = query.find("year=all"); all != std::string::npos) query.erase(all, std::string("year=all&").size());
        const std::map<std::string, std::string> lists = {{"/payments", "/api/v1/payment-requests"},
                                                          {"/risk-flags", "/api/v1/risk/flags"},
                                                          {"/projects", "/api/v1/projects"}};
        return lists.at(page) + "?" + query + (query.empty() ? "" : "&") + "limit=200";
    };
    for (const Role role : {Role::fund_officer, Role::county_officer, Role::auditor}) {
        const auto reply = w_.world().call_as(role, "GET", "/api/v1/me/todo");
        ASSERT_EQ(reply.status, 200) << reply.body;
        size_t checked = 0;
        const json todo = json::parse(reply.body);
        for (const auto& queue : todo.at("queues")) {
            const std::string route = queue.at("route").get<std::string>();
            const std::string page = route.substr(0, route.find('?'));
            if (page != "/payments" && page != "/risk-flags" && page != "/projects") continue;  // another module's
            const auto listed = ids(role, api_of(route));
            EXPECT_EQ(static_cast<int64_t>(listed.size()), queue.at("count").get<int64_t>()) << access::to_string(role) << " " << route;
            for (const auto& item : queue.at("items")) {
                const std::string id = item.at("id").get<std::string>();
                EXPECT_NE(std::find(listed.begin(), listed.end(), id), listed.end()) << route << " lacks " << id;
                const std::string own = item.at("route").get<std::string>();
                if (own.rfind("/projects/", 0) == 0) {
                    EXPECT_EQ(own, "/projects/" + id);
                    continue;
                }
                EXPECT_EQ(ids(role, api_of(own)), std::vector<std::string>{id}) << own;
            }
            ++checked;
        }
        EXPECT_GE(checked, 1u) << access::to_string(role);
    }
    // The fund officer's approval queue: the two requests it did not make itself.
    const auto todo = json::parse(w_.world().call_as(Role::fund_officer, "GET", "/api/v1/me/todo").body);
    for (const auto& queue : todo.at("queues")) {
        if (queue.at("kind") == "payments_to_approve") {
            EXPECT_EQ(queue.at("count"), 2);
            EXPECT_EQ(queue.at("route"), "/payments?status=submitted&others=true");
        }
        if (queue.at("kind") == "projects_to_move") {
            EXPECT_EQ(queue.at("count"), 2);
            EXPECT_EQ(queue.at("route"), "/projects?year=all&status=planned,completed");
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsLists, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing
