// The deterministic core alone: chains, two-phase transfers, limits, zero balance, idempotency.
#include <gtest/gtest.h>

#include "ledger/ledger_engine.h"
#include "ledger_fixture.h"

namespace kl::ledger::testing {
namespace {

using R = TransferResult;
namespace tf = transfer_flags;
namespace af = account_flags;

class Engine : public ::testing::Test {
protected:
    void SetUp() override {
        add(1, af::debits_must_not_exceed_credits);  // master-like
        add(2, 0);                                   // source
        add(3, af::zero_balance);
        add(4, 0);
        add(5, af::credits_must_not_exceed_debits);
        Transfer fund = t(100, 2, 1, 1000);
        ASSERT_EQ(run({fund})[0], R::ok);
    }
    void add(uint64_t n, int64_t flags) {
        Account a;
        a.id = id_of(n);
        a.ledger = "cash";
        a.code = 1;
        a.flags = flags;
        a.name = "a" + std::to_string(n);
        state.accounts[a.id] = a;
    }
    static Transfer t(uint64_t id, uint64_t debit, uint64_t credit, int64_t amount, int64_t flags = 0) {
        Transfer x;
        x.id = id_of(id);
        x.debit_account_id = id_of(debit);
        x.credit_account_id = id_of(credit);
        x.amount = amount;
        x.pending_id = zero_id();
        x.ledger = "cash";
        x.code = 1;
        x.flags = flags;
        return x;
    }
    static Transfer resolve(uint64_t id, uint64_t pending, int64_t flag, int64_t amount = 0) {
        Transfer x;
        x.id = id_of(id);
        x.debit_account_id = zero_id();
        x.credit_account_id = zero_id();
        x.pending_id = id_of(pending);
        x.amount = amount;
        x.flags = flag;
        return x;
    }
    std::vector<R> run(const std::vector<Transfer>& batch) {
        last = apply_transfers(state, batch, now_ms);
        std::vector<R> out;
        for (const auto& o : last.outcomes) out.push_back(o.result);
        return out;
    }
    const Account& acc(uint64_t n) { return state.accounts.at(id_of(n)); }

    EngineState state;
    BatchEffects last;
    int64_t now_ms = 1000;
};

TEST_F(Engine, DebitsMayNotExceedCredits) {
    EXPECT_EQ(run({t(1, 1, 4, 1001)}), std::vector<R>{R::exceeds_credits});
    EXPECT_EQ(run({t(2, 1, 4, 1000)}), std::vector<R>{R::ok});
    EXPECT_EQ(acc(1).credits_posted - acc(1).debits_posted, 0);
}

TEST_F(Engine, ALinkedChainIsAllOrNothing) {
    const auto results = run({t(1, 1, 4, 500, tf::linked), t(2, 1, 4, 600)});
    EXPECT_EQ(results, (std::vector<R>{R::linked_event_failed, R::exceeds_credits}));
    EXPECT_EQ(acc(4).credits_posted, 0);
    EXPECT_TRUE(last.created.empty());
    // The failed id is remembered; the other one is free to be used again.
    EXPECT_EQ(run({t(2, 1, 4, 600)}), std::vector<R>{R::exceeds_credits});
    EXPECT_TRUE(last.outcomes[0].replayed);
    EXPECT_EQ(run({t(2, 1, 4, 10)}), std::vector<R>{R::id_already_failed});
    EXPECT_EQ(run({t(1, 1, 4, 500)}), std::vector<R>{R::ok});
}

TEST_F(Engine, ABatchEndingInsideAChainFailsIt) {
    EXPECT_EQ(run({t(1, 1, 4, 5), t(2, 1, 4, 5, tf::linked)}), (std::vector<R>{R::ok, R::linked_event_chain_open}));
}

TEST_F(Engine, ZeroBalanceAccountsMustBeZeroAtTheEndOfEachChain) {
    EXPECT_EQ(run({t(1, 1, 3, 100)}), std::vector<R>{R::zero_balance_account_not_zero});
    EXPECT_EQ(run({t(2, 1, 3, 100, tf::linked), t(3, 3, 4, 99)}),
              (std::vector<R>{R::linked_event_failed, R::zero_balance_account_not_zero}));
    EXPECT_EQ(run({t(4, 1, 3, 100, tf::linked), t(5, 3, 4, 100)}), (std::vector<R>{R::ok, R::ok}));
    EXPECT_EQ(acc(3).debits_posted, acc(3).credits_posted);
}

TEST_F(Engine, SameIdSameBodyExistsOtherwiseConflicts) {
    EXPECT_EQ(run({t(1, 1, 4, 10)}), std::vector<R>{R::ok});
    EXPECT_EQ(run({t(1, 1, 4, 10)}), std::vector<R>{R::exists});
    EXPECT_EQ(run({t(1, 1, 4, 11)}), std::vector<R>{R::exists_with_different_amount});
    EXPECT_EQ(run({t(1, 2, 4, 10)}), std::vector<R>{R::exists_with_different_debit_account_id});
    EXPECT_EQ(acc(4).credits_posted, 10);
}

TEST_F(Engine, PendingTransfersPostPartlyVoidOrExpire) {
    Transfer p1 = t(1, 1, 4, 300, tf::pending);
    Transfer p2 = t(2, 1, 4, 300, tf::pending);
    p2.timeout_s = 10;
    EXPECT_EQ(run({p1, p2}), (std::vector<R>{R::ok, R::ok}));
    EXPECT_EQ(acc(1).debits_pending, 600);
    // Reserved amounts count against the limit.
    EXPECT_EQ(run({t(3, 1, 4, 401)}), std::vector<R>{R::exceeds_credits});
    EXPECT_EQ(run({resolve(4, 1, tf::post_pending_transfer, 301)}), std::vector<R>{R::exceeds_pending_transfer_amount});
    EXPECT_EQ(run({resolve(5, 1, tf::post_pending_transfer, 200)}), std::vector<R>{R::ok});
    EXPECT_EQ(acc(1).debits_pending, 300);
    EXPECT_EQ(acc(1).debits_posted, 200);
    EXPECT_EQ(run({resolve(6, 1, tf::void_pending_transfer)}), std::vector<R>{R::pending_transfer_already_posted});
    now_ms += 10'000;
    EXPECT_EQ(run({resolve(7, 2, tf::post_pending_transfer)}), std::vector<R>{R::pending_transfer_expired});
    BatchEffects effects;
    EXPECT_EQ(expire_pendings(state, {id_of(2)}, now_ms, effects).size(), 1u);
    EXPECT_EQ(acc(1).debits_pending, 0);
    EXPECT_EQ(run({resolve(8, 99, tf::void_pending_transfer)}), std::vector<R>{R::pending_transfer_not_found});
}

TEST_F(Engine, BalancingDebitMovesAtMostWhatIsThere) {
    EXPECT_EQ(run({t(1, 1, 4, 5000, tf::balancing_debit)}), std::vector<R>{R::ok});
    EXPECT_EQ(last.outcomes[0].amount, 1000);
    EXPECT_EQ(run({t(2, 1, 4, 1, tf::balancing_debit)}), std::vector<R>{R::exceeds_credits});
}

TEST_F(Engine, MalformedTransfersAreRefusedWithoutBeingRemembered) {
    EXPECT_EQ(run({t(1, 1, 1, 5)}), std::vector<R>{R::accounts_must_be_different});
    EXPECT_EQ(run({t(1, 1, 4, 0)}), std::vector<R>{R::amount_must_not_be_zero});
    Transfer both = t(2, 1, 4, 5, tf::pending | tf::post_pending_transfer);
    EXPECT_EQ(run({both}), std::vector<R>{R::flags_are_mutually_exclusive});
    Transfer timeout = t(3, 1, 4, 5);
    timeout.timeout_s = 5;
    EXPECT_EQ(run({timeout}), std::vector<R>{R::timeout_reserved_for_pending_transfer});
    EXPECT_EQ(run({t(1, 1, 4, 5)}), std::vector<R>{R::ok});  // the id was not burnt
    EXPECT_EQ(run({t(9, 1, 77, 5)}), std::vector<R>{R::credit_account_not_found});
}

TEST_F(Engine, CreditsMayNotExceedDebits) {
    EXPECT_EQ(run({t(1, 1, 5, 5)}), std::vector<R>{R::exceeds_debits});
    EXPECT_EQ(run({t(2, 5, 4, 5, tf::linked), t(3, 1, 5, 5)}), (std::vector<R>{R::ok, R::ok}));
}

}  // namespace
}  // namespace kl::ledger::testing
