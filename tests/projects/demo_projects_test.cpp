// The 2023 aid programme of the demo (src/demo/demo_projects.cpp): the figures of seed-facts.md,
// the three planted patterns, and the same seed giving the same projects and payments.
#include <gtest/gtest.h>

#include "demo/demo_seed.h"
#include "support/access_stack.h"

namespace kl::projects::testing {
namespace {

int64_t count(store::Store& store, const std::string& sql) {
    auto rows = store.read([&](store::Tx& tx) { return tx.query(sql); });
    EXPECT_TRUE(rows) << sql;
    return rows ? (*rows)[0].i64(0) : -1;
}

std::string dump(store::Store& store) {
    std::string out;
    for (const char* sql : {"SELECT id, code, status, budget_fen, progress_pct FROM projects ORDER BY id",
                            "SELECT id, value_fen, counterparty_org_id FROM contracts ORDER BY id",
                            "SELECT id, amount_fen, status, payment_id, refusal_reason FROM payment_requests ORDER BY id",
                            "SELECT fingerprint, status FROM risk_flags ORDER BY fingerprint"}) {
        auto rows = store.read([&](store::Tx& tx) { return tx.query(sql); });
        EXPECT_TRUE(rows);
        if (!rows) continue;
        for (const auto& row : *rows) {
            for (size_t i = 0; i < row.size(); ++i) {
                const auto& cell = row.at(i);
                if (auto* text = std::get_if<std::string>(&cell)) out += *text;
                if (auto* number = std::get_if<int64_t>(&cell)) out += std::to_string(*number);
                out += "|";
            }
            out += "\n";
        }
    }
    return out;
}

demo::DemoOptions cheap(uint64_t seed) {
    demo::DemoOptions options;
    options.seed = seed;
    options.users = test::test_user_options();
    return options;
}

TEST(DemoProjects, TheProgrammeOf2023WithItsPlantedPatterns) {
    test::TempDir dir;
    auto store = test::open_test_store("sqlite", dir);
    ManualClock clock(test::test_epoch_ms);
    auto seeded = demo::seed_demo(*store, clock, cheap(demo::default_demo_seed));
    ASSERT_TRUE(seeded) << seeded.error().message;
    EXPECT_EQ(seeded->projects.projects, 94u);
    EXPECT_EQ(seeded->projects.started, 84u);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM projects WHERE year = 2023"), 94);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM projects WHERE status IN ('started', 'completed', 'accepted', 'closed')"), 84);
    EXPECT_EQ(count(*store, "SELECT COUNT(DISTINCT county_code) FROM projects"), 4);
    EXPECT_GT(count(*store, "SELECT COUNT(*) FROM payment_requests WHERE status = 'paid'"), 84);
    // The split purchase, the duplicate invoice and the refused overpayment.
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM risk_flags WHERE rule = 'R3' AND severity = 'high'"), 1);
    // The fund officer's queue: one request per county awaiting approval, by none of its users.
    EXPECT_EQ(seeded->projects.payments_submitted, 4u);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM payment_requests WHERE status = 'submitted' AND requested_by IS NULL"), 4);
    EXPECT_EQ(count(*store, "SELECT COUNT(DISTINCT county_code) FROM payment_requests WHERE status = 'submitted'"), 4);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM risk_flags WHERE rule = 'R4'"), 1);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM payment_requests WHERE status = 'approved' "
                            "AND refusal_reason LIKE 'overpayment%'"), 1);
    // Σ paid never passes a contract's value.
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM contracts c WHERE (SELECT COALESCE(SUM(amount_fen), 0) FROM "
                            "payment_requests r WHERE r.contract_id = c.id AND r.status = 'paid') > c.value_fen"), 0);
    // The Chief Service Officer book.
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM service_enterprises"), 53);
    EXPECT_EQ(count(*store, "SELECT COUNT(DISTINCT enterprise_id) FROM service_visits"), 53);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM investment_projects"), 30);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM investment_projects WHERE listed_company = 1"), 2);
    EXPECT_EQ(count(*store, "SELECT COUNT(*) FROM promotion_events"), 44);
    // Every change went to the audit trail.
    EXPECT_GT(count(*store, "SELECT COUNT(*) FROM audit_events WHERE action = 'payment_request.pay'"), 84);

    test::TempDir other_dir;
    auto again = test::open_test_store("sqlite", other_dir);
    ASSERT_TRUE(demo::seed_demo(*again, clock, cheap(demo::default_demo_seed)));
    EXPECT_EQ(dump(*store), dump(*again));
}

}  // namespace
}  // namespace kl::projects::testing
