// The three-level zero-balance structure: quota down the levels, a payment as one chain, refusals
// that change nothing, refunds swept back, projects closing only when settled.
#include <gtest/gtest.h>

#include <map>

#include "funds/day_end_sweeper.h"
#include "funds/funds_accounts.h"
#include "ledger/ledger_fixture.h"

namespace kl::funds::testing {
namespace {

using ledger::testing::id_of;
using ledger::testing::LedgerBackendTest;

class Funds : public LedgerBackendTest {
protected:
    template <typename F>
    auto in_tx(F&& f) {
        return s().store->write(std::forward<F>(f));
    }
    int64_t balance(const AccountKey& key) {
        auto found = s().store->read([&](store::Tx& tx) { return s().ledger.find_account(tx, account_id_of(key)); });
        EXPECT_TRUE(found && found->has_value()) << key.role;
        if (!found || !found->has_value()) return -1;
        return normal_balance(key.role, **found);
    }
    void programme() {
        ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.receive_funds(tx, id_of(1), 1'000'000, "t"); }));
        ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.grant_quota(tx, id_of(2), 800'000, "t"); }));
        ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.allocate_county_quota(tx, id_of(3), "shache", 500'000, "t"); }));
        ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P1", "shache", 300'000); }));
    }
    Result<std::string> pay(uint64_t id, int64_t amount, const std::string& project = "P1") {
        return in_tx([&](store::Tx& tx) {
            return s().funds.pay_contractor(tx, PaymentOrder{id_of(id), project, "shache", "org-builder", amount});
        });
    }
    void expect_zbas_zero() {
        for (const auto& key : {front_command_key("zba"), county_key("shache", "zba"), project_key("shache", "P1", "zba")}) {
            EXPECT_EQ(balance(key), 0) << key.level;
        }
    }
};

TEST_P(Funds, APaymentIsOneChainThroughEveryLevel) {
    programme();
    auto paid = pay(100, 100'000);
    ASSERT_TRUE(paid) << paid.error().message;
    EXPECT_EQ(*paid, id_of(100));
    expect_zbas_zero();
    EXPECT_EQ(balance(programme_key("master")), 900'000);
    EXPECT_EQ(balance(payee_key("org-builder")), 100'000);
    EXPECT_EQ(balance(project_key("shache", "P1", "quota")), 200'000);
    EXPECT_EQ(balance(county_key("shache", "quota")), 400'000);
    EXPECT_EQ(balance(front_command_key("quota")), 700'000);
    EXPECT_EQ(balance(county_key("shache", "allotable")), 200'000);
    // The same payment again is the same chain, not a second payment.
    EXPECT_EQ(pay(100, 100'000).value_or(""), id_of(100));
    EXPECT_EQ(balance(payee_key("org-builder")), 100'000);
    auto changed = pay(100, 90'000);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, ErrorCode::conflict);
    const auto report = s().verify();
    EXPECT_TRUE(report.ok()) << ledger::testing::breaks_text(report);
}

TEST_P(Funds, AnOverpaymentIsRefusedAndChangesNothing) {
    programme();
    ASSERT_TRUE(pay(100, 250'000));
    // The caller commits its transaction with the refusal in it (as the projects module records a
    // refused payment request), so the ledger remembers the refusal under the payment id.
    std::optional<Result<std::string>> refused;
    ASSERT_TRUE(in_tx([&](store::Tx& tx) -> Result<void> {
        refused.emplace(s().funds.pay_contractor(tx, PaymentOrder{id_of(101), "P1", "shache", "org-builder", 60'000}));
        return ok();
    }));
    const Result<std::string>& over = *refused;  // the project has 50,000 of quota left
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::failed_precondition);
    ASSERT_FALSE(over.error().fields.empty());
    EXPECT_EQ(over.error().fields[0].field, "amount_fen");
    EXPECT_EQ(balance(payee_key("org-builder")), 250'000);
    EXPECT_EQ(balance(project_key("shache", "P1", "quota")), 50'000);
    expect_zbas_zero();
    // The refusal is remembered: the same id stays refused even after more quota arrives.
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.allocate_project_quota(tx, id_of(7), "P1", 100'000, "t"); }));
    EXPECT_FALSE(pay(101, 60'000));
    EXPECT_TRUE(pay(102, 60'000));
    EXPECT_TRUE(s().verify().ok());
}

TEST_P(Funds, ArrivedFundsAreTheQuotaAllocatedToEachProjectWhateverWasSpent) {
    programme();
    ASSERT_TRUE(pay(100, 100'000));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P2", "shache", 50'000); }));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.allocate_project_quota(tx, id_of(4), "P2", 20'000, "t"); }));
    auto arrived = s().store->read([&](store::Tx& tx) { return s().funds.quota_arrived_by_project(tx); });
    ASSERT_TRUE(arrived) << arrived.error().message;
    EXPECT_EQ(*arrived, (std::map<std::string, int64_t>{{"P1", 300'000}, {"P2", 70'000}}));
}

TEST_P(Funds, NoLevelPassesDownMoreQuotaThanItGot) {
    programme();
    auto county = in_tx([&](store::Tx& tx) { return s().funds.allocate_county_quota(tx, id_of(9), "zepu", 300'001, "t"); });
    ASSERT_FALSE(county);
    EXPECT_EQ(county.error().code, ErrorCode::failed_precondition);
    auto project = in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P2", "shache", 200'001); });
    ASSERT_FALSE(project);
    EXPECT_EQ(project.error().fields.at(0).field, "budget_fen");
    EXPECT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P2", "shache", 200'000); }));
}

TEST_P(Funds, MasterCashLimitsPaymentsToo) {
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.receive_funds(tx, id_of(1), 1'000, "t"); }));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.grant_quota(tx, id_of(2), 800'000, "t"); }));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.allocate_county_quota(tx, id_of(3), "shache", 500'000, "t"); }));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P1", "shache", 300'000); }));
    EXPECT_FALSE(pay(100, 1'001));
    EXPECT_TRUE(pay(101, 1'000));
    expect_zbas_zero();
}

TEST_P(Funds, RefundsAreSweptBackAndRestoreQuota) {
    programme();
    ASSERT_TRUE(pay(100, 100'000));
    auto refund = in_tx([&](store::Tx& tx) { return s().funds.record_refund(tx, id_of(200), "P1", "org-builder", 30'000, "t"); });
    ASSERT_TRUE(refund) << refund.error().message;
    EXPECT_FALSE(in_tx([&](store::Tx& tx) { return s().funds.record_refund(tx, id_of(201), "P1", "org-builder", 70'001, "t"); }));
    EXPECT_EQ(balance(project_key("shache", "P1", "refunds")), 30'000);
    expect_zbas_zero();
    EXPECT_FALSE(*in_tx([&](store::Tx& tx) { return s().funds.project_settled(tx, "P1"); }));
    EXPECT_FALSE(in_tx([&](store::Tx& tx) -> Result<void> { return s().funds.close_project_accounts(tx, "P1"); }));
    auto swept = in_tx([&](store::Tx& tx) { return s().funds.sweep(tx, "t"); });
    ASSERT_TRUE(swept) << swept.error().message;
    EXPECT_EQ(swept->projects, 1);
    EXPECT_EQ(swept->amount_fen, 30'000);
    EXPECT_EQ(balance(programme_key("master")), 930'000);
    EXPECT_EQ(balance(project_key("shache", "P1", "refunds")), 0);
    EXPECT_EQ(balance(project_key("shache", "P1", "quota")), 230'000);
    EXPECT_EQ(balance(front_command_key("quota")), 730'000);
    expect_zbas_zero();
    EXPECT_EQ(in_tx([&](store::Tx& tx) { return s().funds.sweep(tx, "t"); })->projects, 0);
    EXPECT_TRUE(s().verify().ok());
}

TEST_P(Funds, AProjectClosesOnlyWhenSettledAndReturnsItsQuota) {
    programme();
    ASSERT_TRUE(pay(100, 100'000));
    EXPECT_TRUE(*in_tx([&](store::Tx& tx) { return s().funds.project_settled(tx, "P1"); }));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) -> Result<void> { return s().funds.close_project_accounts(tx, "P1"); }));
    EXPECT_EQ(balance(project_key("shache", "P1", "quota")), 0);
    EXPECT_EQ(balance(county_key("shache", "allotable")), 400'000);
    auto after = pay(101, 1);
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code, ErrorCode::failed_precondition);
    EXPECT_TRUE(in_tx([&](store::Tx& tx) -> Result<void> { return s().funds.close_project_accounts(tx, "P1"); }));
    EXPECT_TRUE(s().verify().ok()) << ledger::testing::breaks_text(s().verify());
}

TEST_P(Funds, BadOrdersAreRefusedNamingTheField) {
    programme();
    struct Case {
        PaymentOrder order;
        std::string field;
    };
    const std::vector<Case> cases = {
        {{"xyz", "P1", "shache", "org", 1}, "payment_id"},
        {{id_of(0), "P1", "shache", "org", 1}, "payment_id"},
        {{id_of(5), "P1", "shache", "", 1}, "payee_org_id"},
        {{id_of(5), "P1", "shache", "org", 0}, "amount_fen"},
        {{id_of(5), "P1", "shache", "org", -5}, "amount_fen"},
        {{id_of(5), "P1", "zepu", "org", 5}, "county_code"},
    };
    for (const auto& c : cases) {
        auto paid = in_tx([&](store::Tx& tx) { return s().funds.pay_contractor(tx, c.order); });
        ASSERT_FALSE(paid) << c.field;
        ASSERT_FALSE(paid.error().fields.empty()) << c.field;
        EXPECT_EQ(paid.error().fields[0].field, c.field);
    }
    auto unknown = in_tx([&](store::Tx& tx) { return s().funds.pay_contractor(tx, PaymentOrder{id_of(6), "P9", "shache", "org", 5}); });
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
    EXPECT_FALSE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P1", "zepu", 0); }));
    EXPECT_FALSE(in_tx([&](store::Tx& tx) { return s().funds.open_project_accounts(tx, "P3", "atlantis", 0); }));
    // Nothing was paid: the payee account of the refused orders was never opened.
    auto payee = s().store->read([&](store::Tx& tx) { return s().ledger.find_account(tx, account_id_of(payee_key("org"))); });
    ASSERT_TRUE(payee);
    EXPECT_FALSE(payee->has_value());
}

TEST_P(Funds, TheDayEndSweepRunsOncePerShanghaiDayAfterHalfPastEleven) {
    programme();
    ASSERT_TRUE(pay(100, 100'000));
    ASSERT_TRUE(in_tx([&](store::Tx& tx) { return s().funds.record_refund(tx, id_of(200), "P1", "org-builder", 5'000, "t"); }));
    DailyJob sweeper("day-end sweep", sweep_local_time_ms, s().clock, day_end_sweep(s().funds));
    const int64_t day_ms = 86'400'000;
    const int64_t local_midnight = (s().clock.now_ms() + shanghai_offset_ms) / day_ms * day_ms - shanghai_offset_ms;
    s().clock.set_ms(local_midnight + sweep_local_time_ms - 60'000);
    EXPECT_FALSE(sweeper.tick());
    EXPECT_EQ(balance(project_key("shache", "P1", "refunds")), 5'000);
    s().clock.set_ms(local_midnight + sweep_local_time_ms + 60'000);
    EXPECT_TRUE(sweeper.tick());
    EXPECT_FALSE(sweeper.tick());
    EXPECT_EQ(balance(project_key("shache", "P1", "refunds")), 0);
    s().clock.set_ms(local_midnight + day_ms + sweep_local_time_ms + 1);
    EXPECT_TRUE(sweeper.tick());
}

INSTANTIATE_TEST_SUITE_P(Backends, Funds, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::funds::testing
