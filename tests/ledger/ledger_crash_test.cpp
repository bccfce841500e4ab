// Nothing acknowledged is lost (DESIGN.md quality bar): the real `kashlink serve` takes chains of
// transfers from two clients; it is killed with SIGKILL while they are being acknowledged; after a
// restart every acknowledged transfer is there, no chain is half-applied, and verification passes.
// On SQLite and PostgreSQL; each run is bounded to a few seconds of load.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "ledger_fixture.h"
#include "support/run_command.h"
#include "support/server_process.h"

namespace kl::ledger::testing {
namespace {

using nlohmann::json;
const std::string password = "crash-test-password-1";

// The server, signed in as the fund officer the test adds.
class Server {
public:
    Server(const std::string& db, const std::string& key_file) : process_(KL_KASHLINK_BINARY, db, key_file) {}
    void kill9() { process_.kill9(); }
    std::unique_ptr<httplib::Client> client() { return process_.client("fund", password); }

private:
    test::ServerProcess process_;
};

json transfer(uint64_t id, uint64_t debit, uint64_t credit, int64_t amount, bool linked) {
    json t = {{"id", id_of(id)}, {"debit_account_id", id_of(debit)}, {"credit_account_id", id_of(credit)},
              {"amount", amount}, {"ledger", "cash"}, {"code", 1}};
    if (linked) t["flags"] = {"linked"};
    return t;
}

class LedgerCrash : public ::testing::TestWithParam<std::string> {};

TEST_P(LedgerCrash, AcknowledgedChainsSurviveKillNine) {
    if (GetParam() == "postgres" && test::postgres_url().empty() && !test::postgres_required()) GTEST_SKIP();
    test::TempDir dir;
    const std::string db = GetParam() == "postgres" ? test::fresh_postgres_database() : dir.file("crash.sqlite");
    const test::CommandResult added =
        test::run_command(KL_KASHLINK_BINARY, {"user", "add", "--db", db, "--username", "fund", "--role", "fund_officer",
                                               "--display-name", "Fund", "--password", password});
    ASSERT_EQ(added.status, 0) << added.err;
    std::mutex mutex;
    std::set<uint64_t> acked, sent;  // chain numbers
    {
        Server server(db, dir.file("audit.key"));
        auto setup = server.client();
        const json accounts = {{"accounts",
                                {{{"id", id_of(1)}, {"ledger", "cash"}, {"code", 1}, {"name", "source"}},
                                 {{"id", id_of(2)}, {"ledger", "cash"}, {"code", 10}, {"name", "master"}, {"flags", {"debits_must_not_exceed_credits"}}},
                                 {{"id", id_of(3)}, {"ledger", "cash"}, {"code", 20}, {"name", "zba"}, {"flags", {"zero_balance"}}},
                                 {{"id", id_of(4)}, {"ledger", "cash"}, {"code", 40}, {"name", "payee"}}}}};
        auto made = setup->Post("/api/v1/ledger/accounts", accounts.dump(), "application/json");
        ASSERT_TRUE(made && made->status == 200) << (made ? made->body : "no answer");
        std::atomic<bool> stop{false};
        std::atomic<int> acknowledged{0};
        auto client_loop = [&](uint64_t first_chain, httplib::Client* client) {
            for (uint64_t chain = first_chain; !stop; chain += 2) {
                const uint64_t base = 1000 + chain * 10;
                const json body = {{"transfers",
                                    {transfer(base, 1, 2, 100, true), transfer(base + 1, 2, 3, 100, true), transfer(base + 2, 3, 4, 100, false)}}};
                {
                    std::lock_guard lock(mutex);
                    sent.insert(chain);
                }
                auto reply = client->Post("/api/v1/ledger/transfers", body.dump(), "application/json");
                if (!reply) break;  // the server is gone
                if (reply->status != 200) continue;
                const json results = json::parse(reply->body)["results"];
                bool all_ok = true;
                for (const auto& r : results) all_ok = all_ok && r["result"] == "ok";
                EXPECT_TRUE(all_ok) << reply->body;
                std::lock_guard lock(mutex);
                acked.insert(chain);
                ++acknowledged;
            }
        };
        // Both sign in before either sends: a sign-in still hashing its password when the other
        // client's acknowledgements reach the kill would be cut off and fail the test.
        auto client_a = server.client();
        auto client_b = server.client();
        std::thread a(client_loop, 0, client_a.get()), b(client_loop, 1, client_b.get());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (acknowledged < 60 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.kill9();  // while both clients are still sending
        stop = true;
        a.join();
        b.join();
    }
    ASSERT_GE(acked.size(), 10u);
    Server again(db, dir.file("audit.key"));
    auto client = again.client();
    size_t present_unacked = 0;
    for (uint64_t chain : sent) {
        const uint64_t base = 1000 + chain * 10;
        int present = 0;
        for (uint64_t leg = 0; leg < 3; ++leg) {
            auto reply = client->Get("/api/v1/ledger/transfers/" + id_of(base + leg));
            ASSERT_TRUE(reply);
            present += reply->status == 200 ? 1 : 0;
        }
        if (acked.count(chain)) {
            EXPECT_EQ(present, 3) << "acknowledged chain " << chain << " lost";
        } else {
            EXPECT_TRUE(present == 0 || present == 3) << "chain " << chain << " half-applied";
            present_unacked += present == 3 ? 1 : 0;
        }
    }
    auto verify = client->Get("/api/v1/audit/verify");
    ASSERT_TRUE(verify && verify->status == 200);
    EXPECT_EQ(json::parse(verify->body)["ok"], true) << verify->body;
    auto payee = json::parse(client->Get("/api/v1/ledger/accounts/" + id_of(4))->body);
    EXPECT_EQ(payee["credits_posted"].get<int64_t>(), 100 * static_cast<int64_t>(acked.size() + present_unacked));
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerCrash, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::ledger::testing
