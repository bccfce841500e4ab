// The Chief Service Officer book: enterprises, visits, requests with deadlines, the investment
// pipeline, events, counts by county and period, county scoping and bad input.
#include <gtest/gtest.h>

#include <algorithm>

#include "projects/projects_fixture.h"
#include "servicebook/servicebook.h"
#include "support/access_stack.h"

namespace kl::servicebook {
namespace {

using access::OrgKind;
using access::Role;

using projects::testing::day;

template <typename T>
T must(Result<T> result) {
    return projects::testing::must(std::move(result), "service book");
}

class ServiceBookTest : public test::AccessBackendTest {
protected:
    void SetUp() override {
        test::AccessBackendTest::SetUp();
        audit.open(db(), stack().clock);
        book_ = std::make_unique<ServiceBook>(db(), stack().clock, stack().ids, audit.trail());
        shache_agency = org(OrgKind::agency, "Shache Branch", "shache");
        zepu_agency = org(OrgKind::agency, "Zepu Branch", "zepu");
        walnuts = org(OrgKind::enterprise, "Yecheng Walnut Co", "shache");
        melons = org(OrgKind::cooperative, "Zepu Melon Coop", "zepu");
        fund = test::principal_of(test::seed_user(stack(), Role::fund_officer, "fund"));
        auditor = test::principal_of(test::seed_user(stack(), Role::auditor, "auditor"));
        shache_officer = test::principal_of(test::seed_user(stack(), Role::county_officer, "shache_officer", shache_agency));
        zepu_officer = test::principal_of(test::seed_user(stack(), Role::county_officer, "zepu_officer", zepu_agency));
        buyer_org = org(OrgKind::buyer, "Lianhua", "shache");
        buyer = test::principal_of(test::seed_user(stack(), Role::buyer, "buyer", buyer_org));
    }
    std::string org(OrgKind kind, const std::string& name, const std::string& county) {
        return projects::testing::seed_county_org(stack(), db(), kind, name, county);
    }
    ServiceBook& book() { return *book_; }

    projects::testing::AuditLog audit;
    std::string shache_agency, zepu_agency, walnuts, melons, buyer_org;
    std::optional<access::Principal> fund, auditor, shache_officer, zepu_officer, buyer;

private:
    std::unique_ptr<ServiceBook> book_;
};

TEST_P(ServiceBookTest, CountsByCountyAndPeriod) {
    auto served = must(book().add_enterprise(shache_officer, walnuts, "Chief officer Wang", true, day(1, 5)));
    auto coop = must(book().add_enterprise(fund, melons, "Chief officer Li", false, day(1, 8)));
    must(book().add_visit(shache_officer, served.id, day(3, 1), "Wang", "cold storage, financing"));
    must(book().add_visit(shache_officer, served.id, day(6, 1), "Wang", "export licence"));
    must(book().add_visit(zepu_officer, coop.id, day(7, 1), "Li", "packaging"));
    auto request = must(book().add_request(shache_officer, served.id, "land for a second plant", day(3, 1), day(4, 1)));
    must(book().add_request(shache_officer, served.id, "power connection", day(3, 2), day(12, 31)));
    must(book().set_request_status(shache_officer, request.id, RequestStatus::resolved, day(3, 20)));
    Investment listed{"", "Almond oil plant", "shache", "Shanghai Listed Foods", Stage::lead, 8'000'000'000, true, day(2, 1)};
    auto investment = must(book().add_investment(fund, listed));
    must(book().advance_investment(shache_officer, investment.id, Stage::negotiating));
    must(book().advance_investment(shache_officer, investment.id, Stage::signed_up));
    EXPECT_EQ(book().advance_investment(shache_officer, investment.id, Stage::lead).error().code, ErrorCode::conflict);
    must(book().add_event(fund, PromotionEvent{"", "Shanghai promotion week", std::nullopt, day(5, 10), "Shanghai", 300}));
    must(book().add_event(shache_officer, PromotionEvent{"", "Shache fair", std::string("shache"), day(9, 10), "Shache", 80}));

    auto all = must(book().counts(auditor, day(1, 1), day(12, 31)));
    ASSERT_EQ(all.size(), 3u);  // "" (programme-wide events), shache, zepu
    const CountyCounts& shache = all[1];
    EXPECT_EQ(shache.county, "shache");
    EXPECT_EQ(shache.visits, 2);
    EXPECT_EQ(shache.enterprises_served, 1);
    EXPECT_EQ(shache.leading_enterprises_visited, 1);
    EXPECT_EQ(shache.requests_raised, 2);
    EXPECT_EQ(shache.requests_open, 1);
    EXPECT_EQ(shache.investments, 1);
    EXPECT_EQ(shache.investments_listed, 1);
    EXPECT_EQ(shache.investments_signed_or_started, 1);
    EXPECT_EQ(shache.events, 1);
    EXPECT_EQ(all[0].events, 1);
    // A narrower period, and a county officer's own county only.
    auto spring = must(book().counts(auditor, day(1, 1), day(3, 31)));
    EXPECT_EQ(spring[0].county, "shache");
    EXPECT_EQ(spring[0].visits, 1);
    auto mine = must(book().counts(zepu_officer, day(1, 1), day(12, 31)));
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].county, "zepu");
    EXPECT_EQ(book().counts(auditor, day(5, 1), day(4, 1)).error().fields.at(0).field, "to");
    // Every change is on the audit trail (besides the users the fixture made).
    const auto actions = audit.actions();
    EXPECT_GE(std::count_if(actions.begin(), actions.end(), [](const std::string& action) {
                  return action.rfind("service_", 0) == 0 || action.rfind("investment.", 0) == 0 ||
                         action.rfind("promotion_event.", 0) == 0;
              }),
              10);
}

TEST_P(ServiceBookTest, CountyOfficersKeepTheirOwnCountysBook) {
    auto served = must(book().add_enterprise(shache_officer, walnuts, "Wang", true, day(1, 5)));
    EXPECT_EQ(book().add_enterprise(shache_officer, melons, "Wang", false, day(1, 5)).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(book().add_visit(zepu_officer, served.id, day(2, 1), "Li", "x").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(book().add_visit(auditor, served.id, day(2, 1), "Li", "x").error().code, ErrorCode::permission_denied);
    Page page;
    std::optional<std::string> next;
    EXPECT_EQ(must(book().enterprises(shache_officer, std::nullopt, page, next)).size(), 1u);
    EXPECT_EQ(must(book().enterprises(zepu_officer, std::nullopt, page, next)).size(), 0u);
    EXPECT_EQ(book().enterprises(buyer, std::nullopt, page, next).error().code, ErrorCode::permission_denied);
}

TEST_P(ServiceBookTest, BadInputIsNamedAndWritesNothing) {
    EXPECT_EQ(book().add_enterprise(fund, buyer_org, "Wang", false, day(1, 1)).error().fields.at(0).field, "org_id");
    EXPECT_EQ(book().add_enterprise(fund, "nope", "Wang", false, day(1, 1)).error().fields.at(0).field, "org_id");
    must(book().add_enterprise(fund, walnuts, "Wang", false, day(1, 1)));
    EXPECT_EQ(book().add_enterprise(fund, walnuts, "Wang", false, day(1, 1)).error().code, ErrorCode::already_exists);
    Investment bad{"", "", "mars", "x", Stage::lead, -1, false, day(1, 1)};
    auto refused = book().add_investment(fund, bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.size(), 2u);  // name, amount_fen (the county is checked after)
    EXPECT_EQ(book().add_event(shache_officer, PromotionEvent{"", "Expo", std::nullopt, day(1, 1), "Shanghai", 5})
                  .error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(count_rows("service_enterprises"), 1);
    EXPECT_EQ(count_rows("investment_projects"), 0);
    EXPECT_EQ(count_rows("promotion_events"), 0);
}

// The requests list: the ones due by a date (still open or in progress, overdue included: what the
// to-do home counts), a status, text in the subject or the enterprise's name, a range of the dates
// raised, either creation order with keyset pages, and a county officer's own county only.
TEST_P(ServiceBookTest, RequestsAreFoundByDueDateStatusTextAndDateInEitherOrder) {
    auto nuts = must(book().add_enterprise(fund, walnuts, "Wang", true, day(1, 5)));
    auto coop = must(book().add_enterprise(fund, melons, "Li", false, day(1, 5)));
    auto cold = must(book().add_request(fund, nuts.id, "Cold store power supply", day(2, 1), day(3, 1)));   // overdue
    auto land = must(book().add_request(fund, nuts.id, "Land lease", day(2, 10), day(3, 20)));
    auto loan = must(book().add_request(fund, nuts.id, "Working capital loan", day(4, 1), day(6, 1)));        // due later
    auto done = must(book().add_request(fund, nuts.id, "Export licence", day(2, 5), day(3, 5)));
    must(book().set_request_status(fund, done.id, RequestStatus::resolved, day(3, 1)));
    auto water = must(book().add_request(fund, coop.id, "Irrigation water", day(2, 2), day(3, 2)));             // Zepu's
    EXPECT_EQ(cold.org_name, "Yecheng Walnut Co");  // named by its enterprise
    auto ids_of = [&](const std::optional<access::Principal>& actor, const RequestSearch& search, int limit = 50,
                      std::optional<std::string> cursor = std::nullopt, std::optional<std::string>* next = nullptr) {
        std::optional<std::string> scratch;
        std::vector<std::string> ids;
        for (const auto& request : must(book().find_requests(actor, std::nullopt, search, Page{limit, cursor}, next ? *next : scratch))) {
            ids.push_back(request.id);
        }
        return ids;
    };
    // Creation order is id order (UUIDv7); ids made in one millisecond of the test clock are ordered by
    // their random tail, so the expectations follow the ids.
    const auto by_id = [](std::vector<std::string> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    RequestSearch due;
    due.due_by = day(3, 25);
    EXPECT_EQ(ids_of(fund, due), by_id({cold.id, land.id, water.id}));
    EXPECT_EQ(ids_of(shache_officer, due), by_id({cold.id, land.id}));  // its county's only
    RequestSearch resolved;
    resolved.status = RequestStatus::resolved;
    EXPECT_EQ(ids_of(fund, resolved), std::vector<std::string>{done.id});
    RequestSearch text;
    text.window.q = "WALNUT";  // the enterprise's name, any case
    EXPECT_EQ(ids_of(fund, text).size(), 4u);
    text.window.q = "lease";
    EXPECT_EQ(ids_of(fund, text), std::vector<std::string>{land.id});
    RequestSearch raised;
    raised.window.from = day(2, 2);
    raised.window.to = day(2, 10);
    EXPECT_EQ(ids_of(fund, raised), by_id({land.id, done.id, water.id}));
    // Newest first, two at a time: every request once, in reverse creation (id) order.
    RequestSearch newest;
    newest.window.order = store::PageOrder::newest_first;
    std::vector<std::string> paged;
    std::optional<std::string> cursor;
    do {
        std::optional<std::string> next;
        auto page = ids_of(fund, newest, 2, cursor, &next);
        paged.insert(paged.end(), page.begin(), page.end());
        cursor = next;
    } while (cursor);
    auto newest_ids = by_id({water.id, done.id, loan.id, land.id, cold.id});
    std::reverse(newest_ids.begin(), newest_ids.end());
    EXPECT_EQ(paged, newest_ids);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceBookTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::servicebook
