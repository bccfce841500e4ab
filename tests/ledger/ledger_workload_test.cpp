// The seeded randomized workload (funds-anchors: "a seeded workload, a reference model"): thousands
// of transfers — plain, pending with timeouts, posts and voids, chains through zero-balance
// accounts (some deliberately unbalanced), chains left open, retries with the same id (same and
// changed bodies), refunds — run through the real LedgerService on a real database, batch by batch.
// After every batch the result of every transfer and every account's totals must equal the
// reference model's (reference_model.h); every 25 batches and at the end, the full verification
// (audit chain + ledger invariants) must pass.
//
// In the suite: a fixed seed. Long runs with any seed (see README, "Ledger"):
//   KASHLINK_LEDGER_SEED=42 KASHLINK_LEDGER_BATCHES=20000 build/tests/ledger_tests --gtest_filter='*LedgerWorkload*/sqlite'
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "ledger_fixture.h"
#include "reference_model.h"

namespace kl::ledger::testing {
namespace {

namespace tf = transfer_flags;
namespace af = account_flags;

int64_t env_or(const char* name, int64_t fallback) {
    const char* text = std::getenv(name);
    return text && *text ? std::atoll(text) : fallback;
}

class Workload {
public:
    explicit Workload(uint64_t seed) : rng_(seed) {}

    // 0 source, 1–3 limited (debits ≤ credits), 4 credit-limited, 5–6 zero-balance, 7–9 plain.
    std::vector<NewAccount> accounts() const {
        std::vector<NewAccount> out;
        for (uint64_t n = 0; n < 10; ++n) {
            int64_t flags = 0;
            if (n >= 1 && n <= 3) flags = af::debits_must_not_exceed_credits;
            if (n == 4) flags = af::credits_must_not_exceed_debits;
            if (n == 5 || n == 6) flags = af::zero_balance;
            out.push_back(NewAccount{account(n), "cash", 1, flags, "w" + std::to_string(n), ""});
        }
        return out;
    }
    static std::string account(uint64_t n) { return id_of(0xacc0000 + n); }

    std::vector<Transfer> batch() {
        std::vector<Transfer> out;
        const int size = pick(1, 60);
        while (static_cast<int>(out.size()) < size) add_event(out);
        // Now and then a batch ends inside a chain.
        if (pick(0, 19) == 0) out.back().flags |= tf::linked;
        for (const auto& t : out) {
            history_.push_back(t);
            if (t.has(tf::pending)) pendings_.push_back(t.id);
        }
        return out;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    std::string fresh_id() { return id_of(++next_id_); }
    Transfer plain(uint64_t debit, uint64_t credit, int64_t amount, int64_t flags = 0) {
        return Transfer{fresh_id(), account(debit), account(credit), amount, zero_id(), "cash", 1, flags, 0, ""};
    }
    uint64_t any_non_zba() {
        static const uint64_t choices[] = {0, 1, 2, 3, 4, 7, 8, 9};
        return choices[pick(0, 7)];
    }

    void add_event(std::vector<Transfer>& out) {
        const int kind = pick(0, 99);
        if (kind < 8) {  // funding from the source keeps the limited accounts alive
            out.push_back(plain(0, static_cast<uint64_t>(pick(1, 3)), pick(100, 2000)));
        } else if (kind < 33) {
            uint64_t d = any_non_zba(), c = any_non_zba();
            if (d == c) c = (c == 9 ? 7 : 9);
            out.push_back(plain(d, c, pick(1, 500)));
        } else if (kind < 45) {
            Transfer t = plain(static_cast<uint64_t>(pick(1, 3)), static_cast<uint64_t>(pick(7, 9)), pick(1, 300), tf::pending);
            if (pick(0, 1)) t.timeout_s = pick(1, 20);
            out.push_back(t);
        } else if (kind < 60) {
            Transfer t{fresh_id(), zero_id(), zero_id(), 0, zero_id(), "", 0, tf::post_pending_transfer, 0, ""};
            if (pick(0, 2) == 0) t.flags = tf::void_pending_transfer;
            t.pending_id = pendings_.empty() || pick(0, 15) == 0 ? id_of(0xdead0000 + static_cast<uint64_t>(pick(0, 99)))
                                                                  : pendings_[static_cast<size_t>(pick(0, static_cast<int>(pendings_.size()) - 1))];
            if (t.flags == tf::post_pending_transfer && pick(0, 1)) t.amount = pick(1, 330);
            out.push_back(t);
        } else if (kind < 75) {  // a payment through a zero-balance account, sometimes unbalanced
            const int64_t a = pick(1, 400);
            const uint64_t z = static_cast<uint64_t>(pick(5, 6));
            out.push_back(plain(static_cast<uint64_t>(pick(1, 3)), z, a, tf::linked));
            out.push_back(plain(z, static_cast<uint64_t>(pick(7, 9)), pick(0, 9) == 0 ? a - 1 + (a == 1 ? 2 : 0) : a));
        } else if (kind < 87 && !history_.empty()) {  // a retry with the same id and body
            out.push_back(history_[static_cast<size_t>(pick(0, static_cast<int>(history_.size()) - 1))]);
        } else if (kind < 92 && !history_.empty()) {  // a retry with the same id and another amount
            Transfer t = history_[static_cast<size_t>(pick(0, static_cast<int>(history_.size()) - 1))];
            if (t.has(tf::post_pending_transfer) || t.has(tf::void_pending_transfer)) return;
            t.amount += 1;
            out.push_back(t);
        } else if (kind < 96) {  // a refund back to a limited account
            out.push_back(plain(static_cast<uint64_t>(pick(7, 9)), static_cast<uint64_t>(pick(1, 3)), pick(1, 200)));
        } else {  // a chain of plain transfers
            const int legs = pick(2, 4);
            for (int k = 0; k < legs; ++k) {
                uint64_t d = any_non_zba(), c = any_non_zba();
                if (d == c) c = (c == 9 ? 7 : 9);
                out.push_back(plain(d, c, pick(1, 800), k + 1 < legs ? tf::linked : 0));
            }
        }
    }

    std::mt19937_64 rng_;
    uint64_t next_id_ = 0x10000000;
    std::vector<Transfer> history_;
    std::vector<std::string> pendings_;
};

class LedgerWorkload : public LedgerBackendTest {};

TEST_P(LedgerWorkload, MatchesTheReferenceModelAfterEveryBatch) {
    const uint64_t seed = static_cast<uint64_t>(env_or("KASHLINK_LEDGER_SEED", 20231124));
    const int64_t batches = env_or("KASHLINK_LEDGER_BATCHES", GetParam() == "postgres" ? 80 : 150);
    SCOPED_TRACE("seed " + std::to_string(seed));
    Workload workload(seed);
    ReferenceModel model;
    auto created = s().store->write([&](store::Tx& tx) { return s().ledger.create_accounts(tx, workload.accounts(), "test"); });
    ASSERT_TRUE(created) << created.error().message;
    for (const auto& a : workload.accounts()) model.add_account(a.id, a.flags);
    std::mt19937_64 clock_rng(seed ^ 0x5eed);
    int64_t transfers = 0;
    for (int64_t b = 0; b < batches; ++b) {
        s().clock.advance_ms(static_cast<int64_t>(clock_rng() % 5000));
        const auto batch = workload.batch();
        transfers += static_cast<int64_t>(batch.size());
        auto outcomes = s().store->write([&](store::Tx& tx) { return s().ledger.create_transfers(tx, batch, "test"); });
        ASSERT_TRUE(outcomes) << outcomes.error().message;
        const auto expected = model.apply(batch, s().clock.now_ms());
        for (size_t i = 0; i < batch.size(); ++i) {
            ASSERT_EQ(to_string((*outcomes)[i].result), to_string(expected[i])) << "batch " << b << " event " << i << " id " << batch[i].id;
        }
        auto accounts = s().store->read([&](store::Tx& tx) { return s().ledger.list_accounts(tx, AccountFilter{std::nullopt, std::nullopt, 200}); });
        ASSERT_TRUE(accounts);
        for (const auto& a : *accounts) {
            const auto& m = model.state().accounts.at(a.id).t;
            ASSERT_EQ((ReferenceModel::Totals{a.debits_posted, a.debits_pending, a.credits_posted, a.credits_pending}), m)
                << "batch " << b << " account " << a.name;
        }
        if (b % 25 == 24 || b + 1 == batches) {
            const auto report = s().verify();
            ASSERT_TRUE(report.ok()) << "batch " << b << "\n" << breaks_text(report);
        }
    }
    EXPECT_GT(transfers, 1000);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerWorkload, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::ledger::testing
