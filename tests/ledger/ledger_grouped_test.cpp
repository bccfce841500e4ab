// Single-transfer requests arriving together go through the engine as one batch in one write job
// (ledger_service.h, store/write_coalescer.h): each request gets its own outcome (one failing
// transfer fails nobody else), its audit row names its own actor, retries answer `exists` or the
// remembered failure, Idempotency-Key retries get their first answer, and verification is clean —
// on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "ledger_fixture.h"
#include "ledger_world.h"
#include "store/store_fixture.h"

namespace kl::ledger::testing {
namespace {

using access::Role;
using nlohmann::json;
namespace af = account_flags;

access::Principal officer(const std::string& user_id) {
    return access::Principal{user_id, user_id, Role::fund_officer, std::nullopt, "session-" + user_id, false};
}

class GroupedTransfers : public LedgerBackendTest {
protected:
    void SetUp() override {
        LedgerBackendTest::SetUp();
        if (!stack_) return;
        // `wallet` may not spend more than it received: 100 from `bank`.
        auto made = s().ledger.create_accounts(std::nullopt, {NewAccount{bank(), "cash", 1, 0, "bank", ""},
                                                              NewAccount{wallet(), "cash", 1, af::debits_must_not_exceed_credits, "wallet", ""},
                                                              NewAccount{shop(), "cash", 1, 0, "shop", ""}});
        ASSERT_TRUE(made) << made.error().message;
        auto funded = s().ledger.create_transfers(std::nullopt, {transfer(id_of(1), bank(), wallet(), 100)});
        ASSERT_TRUE(funded && (*funded)[0].result == TransferResult::ok);
    }
    static std::string bank() { return id_of(0xb0); }
    static std::string wallet() { return id_of(0xb1); }
    static std::string shop() { return id_of(0xb2); }
    static Transfer transfer(const std::string& id, const std::string& debit, const std::string& credit, int64_t amount) {
        Transfer t;
        t.id = id;
        t.debit_account_id = debit;
        t.credit_account_id = credit;
        t.amount = amount;
        t.ledger = "cash";
        t.code = 1;
        return t;
    }

    // Each request from its own thread while the writer is held: the first leads a job of its own,
    // the rest wait together and go in the next job.
    // `combined`: how many of the requests after the first wait in the coalescer when some go alone
    // (their order is then left to the threads); by default all do, queued in order.
    std::vector<Result<std::vector<TransferOutcome>>> submit_together(const std::vector<std::vector<Transfer>>& requests,
                                                                      std::optional<int64_t> combined = std::nullopt) {
        std::vector<Result<std::vector<TransferOutcome>>> answers(requests.size(), fail(ErrorCode::internal, "not answered"));
        std::vector<std::thread> threads;
        auto submit = [&](size_t index) {
            threads.emplace_back([&, index] {
                answers[index] = s().ledger.create_transfers(officer("user-" + std::to_string(index)), requests[index]);
            });
        };
        {
            store::testing::WriterBlocker blocker(*s().store, 1, /*hold=*/true);
            submit(0);
            blocker.wait_for_depth(1);
            // One at a time, each queued before the next starts, so the group runs them in order.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            auto wait_for = [&](int64_t waiting) {
                while (s().ledger.combined_stats().waiting < waiting && std::chrono::steady_clock::now() < deadline) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
            };
            for (size_t index = 1; index < requests.size(); ++index) {
                submit(index);
                if (!combined) wait_for(static_cast<int64_t>(index));
            }
            if (combined) wait_for(*combined);
            EXPECT_TRUE(blocker.join());
        }
        for (auto& thread : threads) thread.join();
        return answers;
    }
    Account account(const std::string& id) {
        auto found = s().store->read([&](store::Tx& tx) { return s().ledger.find_account(tx, id); });
        EXPECT_TRUE(found && *found);
        return found && *found ? **found : Account{};
    }
    std::string actor_of(const std::string& transfer_id) {
        auto rows = s().store->read([&](store::Tx& tx) {
            return tx.query("SELECT actor FROM audit_events WHERE record_type = 'ledger.transfer' AND record_id = $1", {transfer_id});
        });
        return rows && rows->size() == 1 ? (*rows)[0].text("actor") : "";
    }
};

TEST_P(GroupedTransfers, RequestsArrivingTogetherShareOneBatchAndOneFailureFailsNobodyElse) {
    // Eight single transfers of 10 out of the wallet and one of 1,000 it cannot cover.
    std::vector<std::vector<Transfer>> requests;
    for (int index = 0; index < 9; ++index) {
        requests.push_back({transfer(id_of(100 + index), wallet(), shop(), index == 4 ? 1000 : 10)});
    }
    const auto before = s().ledger.combined_stats();
    const auto answers = submit_together(requests);
    for (size_t index = 0; index < requests.size(); ++index) {
        ASSERT_TRUE(answers[index]) << answers[index].error().message;
        ASSERT_EQ(answers[index]->size(), 1u);
        EXPECT_EQ((*answers[index])[0].id, requests[index][0].id);
        EXPECT_EQ((*answers[index])[0].result, index == 4 ? TransferResult::exceeds_credits : TransferResult::ok) << index;
    }
    const auto after = s().ledger.combined_stats();
    EXPECT_EQ(after.jobs - before.jobs, 2);  // the leader's job, then the eight that waited
    EXPECT_EQ(after.items - before.items, 9);
    EXPECT_EQ(account(wallet()).debits_posted, 80);
    EXPECT_EQ(account(shop()).credits_posted, 80);
    // Each audit row names its own request's actor.
    for (size_t index = 0; index < requests.size(); ++index) {
        EXPECT_EQ(actor_of(requests[index][0].id), index == 4 ? "" : "user-" + std::to_string(index)) << index;
    }
    const auto report = s().verify();
    EXPECT_TRUE(report.ok()) << breaks_text(report);
    EXPECT_EQ(report.transfers, 9);  // the funding and the eight that went through
}

TEST_P(GroupedTransfers, RetriesInOneGroupAnswerExistsAndTheRememberedFailure) {
    // The same transfer twice in one group (a client retrying before its first answer), the failing
    // one twice, and a small chain that closes inside its request.
    Transfer chained = transfer(id_of(200), wallet(), shop(), 5);
    chained.flags = transfer_flags::linked;
    const std::vector<std::vector<Transfer>> requests = {
        {transfer(id_of(201), wallet(), shop(), 10)},
        {transfer(id_of(202), wallet(), shop(), 20)},
        {transfer(id_of(203), wallet(), shop(), 500)},
        {transfer(id_of(202), wallet(), shop(), 20)},
        {transfer(id_of(203), wallet(), shop(), 500)},
        {chained, transfer(id_of(204), shop(), wallet(), 5)},
        {transfer(id_of(202), wallet(), shop(), 21)},
    };
    const auto answers = submit_together(requests);
    for (const auto& answer : answers) ASSERT_TRUE(answer) << answer.error().message;
    EXPECT_EQ((*answers[0])[0].result, TransferResult::ok);
    EXPECT_EQ((*answers[1])[0].result, TransferResult::ok);
    EXPECT_EQ((*answers[2])[0].result, TransferResult::exceeds_credits);
    EXPECT_EQ((*answers[3])[0].result, TransferResult::exists);
    EXPECT_EQ((*answers[4])[0].result, TransferResult::exceeds_credits);
    EXPECT_TRUE((*answers[4])[0].replayed);
    EXPECT_EQ((*answers[5])[0].result, TransferResult::ok);
    EXPECT_EQ((*answers[5])[1].result, TransferResult::ok);
    EXPECT_EQ((*answers[6])[0].result, TransferResult::exists_with_different_amount);
    EXPECT_EQ(account(wallet()).debits_posted, 35);
    EXPECT_EQ(account(wallet()).credits_posted, 105);
    const auto report = s().verify();
    EXPECT_TRUE(report.ok()) << breaks_text(report);
}

TEST_P(GroupedTransfers, ARequestEndingInsideAChainRunsAloneAndFailsOnlyItself) {
    Transfer open = transfer(id_of(300), wallet(), shop(), 5);
    open.flags = transfer_flags::linked;
    const auto answers = submit_together({{transfer(id_of(301), wallet(), shop(), 1)}, {open}, {transfer(id_of(302), wallet(), shop(), 2)}}, 1);
    for (const auto& answer : answers) ASSERT_TRUE(answer) << answer.error().message;
    EXPECT_EQ((*answers[0])[0].result, TransferResult::ok);
    EXPECT_EQ((*answers[1])[0].result, TransferResult::linked_event_chain_open);
    EXPECT_EQ((*answers[2])[0].result, TransferResult::ok);
    EXPECT_EQ(account(wallet()).debits_posted, 3);
    EXPECT_TRUE(s().verify().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupedTransfers, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

// Over HTTP: concurrent single transfers with Idempotency-Keys (one failing), then every request
// again with its key (its first answer, replayed) and without (exists / the remembered failure).
class GroupedTransferRoutes : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres" && test::postgres_url().empty() && !test::postgres_required()) GTEST_SKIP();
        w_ = std::make_unique<LedgerWorld>(GetParam());
    }
    std::unique_ptr<LedgerWorld> w_;
};

TEST_P(GroupedTransferRoutes, ConcurrentRequestsKeepTheirOwnAnswersAndKeysTheirFirstAnswer) {
    constexpr int clients = 12;
    auto body = [](int index) {
        // The master account holds what the seed received; index 5 asks for far more than it holds.
        const int64_t amount = index == 5 ? 999'999'999'999 : 10 + index;
        return json{{"transfers", {{{"id", id_of(5000 + index)}, {"debit_account_id", LedgerWorld::master()},
                                    {"credit_account_id", LedgerWorld::source()}, {"amount", amount}, {"ledger", "cash"}, {"code", 1}}}}}
            .dump();
    };
    std::vector<test::HttpReply> first(clients), keyed_again(clients), unkeyed_again(clients);
    auto run_all = [&](std::vector<test::HttpReply>& out, bool keyed) {
        std::vector<std::thread> threads;
        for (int index = 0; index < clients; ++index) {
            threads.emplace_back([&, index] {
                httplib::Headers headers = {{"Content-Type", "application/json"}};
                // Half the clients send keys, half do not: both paths run side by side.
                if (keyed && index % 2 == 0) headers.emplace("Idempotency-Key", "grouped-" + std::to_string(index));
                out[index] = w_->world().call_as(Role::fund_officer, "POST", "/api/v1/ledger/transfers", body(index), headers);
            });
        }
        for (auto& thread : threads) thread.join();
    };
    run_all(first, true);
    run_all(keyed_again, true);
    run_all(unkeyed_again, false);
    for (int index = 0; index < clients; ++index) {
        ASSERT_EQ(first[index].status, 200) << first[index].body;
        const json result = json::parse(first[index].body)["results"][0];
        EXPECT_EQ(result["id"], id_of(5000 + index));
        EXPECT_EQ(result["result"], index == 5 ? "exceeds_credits" : "ok") << index;
        if (index % 2 == 0) {
            EXPECT_EQ(keyed_again[index].body, first[index].body) << index;
            auto replayed = keyed_again[index].headers.find("Idempotent-Replayed");
            ASSERT_NE(replayed, keyed_again[index].headers.end()) << index;
            EXPECT_EQ(replayed->second, "true") << index;
        }
        const json again = json::parse(unkeyed_again[index].body)["results"][0];
        EXPECT_EQ(again["result"], index == 5 ? "exceeds_credits" : "exists") << index;
    }
    auto verify = json::parse(w_->world().call_as(Role::auditor, "GET", "/api/v1/audit/verify").body);
    EXPECT_EQ(verify["ok"], true) << verify.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupedTransferRoutes, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::ledger::testing
