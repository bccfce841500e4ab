// The hash chain: appends, seals, and the promise that altering ANY row directly in the database —
// a transfer amount, an audit row, an account total, a flag, a pending state — is found by verify,
// which says which row and what differs. Appends from two stores at once (two processes' worth of
// writers) still form one unbroken chain, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "audit/canonical_json.h"
#include "audit/sha256.h"
#include "funds/funds_accounts.h"
#include "ledger/ledger_fixture.h"
#include "store/store_fixture.h"

namespace kl::audit::testing {
namespace {

using ledger::testing::breaks_text;
using ledger::testing::id_of;
using ledger::testing::LedgerBackendTest;

TEST(CanonicalJson, SortsKeysAndEscapes) {
    CanonicalJson body;
    body.add("b", int64_t{2}).add("a", "x\"y\n").add("c", true);
    EXPECT_EQ(body.str(), R"({"a":"x\"y\n","b":2,"c":true})");
}

TEST(CanonicalJson, KeepsTheOrderOfAStringArray) {
    CanonicalJson body;
    body.add("flags", std::vector<std::string>{"r2", "r1", "a\"b"}).add("empty", std::vector<std::string>{});
    EXPECT_EQ(body.str(), R"({"empty":[],"flags":["r2","r1","a\"b"]})");
}

TEST(ShanghaiMonth, UsesShanghaiTime) {
    int64_t ms = 0;
    ASSERT_TRUE(parse_utc_iso8601("2026-10-31T16:30:00Z", ms));
    EXPECT_EQ(shanghai_month(ms), "2026-11");  // 00:30 on 1 November in Shanghai
    EXPECT_EQ(shanghai_month_start_ms("2026-11"), std::optional<int64_t>(ms - 30 * 60 * 1000));
    EXPECT_FALSE(shanghai_month_start_ms("2026-13"));
    EXPECT_FALSE(shanghai_month_start_ms("26-11"));
}

class AuditChain : public LedgerBackendTest {
protected:
    // A small programme: funds in, quota down, a project, two payments, a pending transfer.
    void seed() {
        auto& f = s().funds;
        auto run = [&](auto fn) {
            auto done = s().store->write(fn);
            ASSERT_TRUE(done) << done.error().message;
        };
        run([&](store::Tx& tx) { return f.receive_funds(tx, id_of(1), 1'000'000, "u1"); });
        run([&](store::Tx& tx) { return f.grant_quota(tx, id_of(2), 800'000, "u1"); });
        run([&](store::Tx& tx) { return f.allocate_county_quota(tx, id_of(3), "bachu", 500'000, "u1"); });
        run([&](store::Tx& tx) { return f.open_project_accounts(tx, "P1", "bachu", 300'000); });
        run([&](store::Tx& tx) { return f.pay_contractor(tx, funds::PaymentOrder{id_of(10), "P1", "bachu", "org-a", 1'000}); });
        run([&](store::Tx& tx) { return f.pay_contractor(tx, funds::PaymentOrder{id_of(11), "P1", "bachu", "org-b", 2'500}); });
        ledger::Transfer pending{id_of(20), funds::account_id_of(funds::programme_key("master")),
                                 funds::account_id_of(funds::programme_key("cash_source")), 700, ledger::zero_id(), "cash", 1,
                                 ledger::transfer_flags::pending, 0, ""};
        run([&](store::Tx& tx) { return s().ledger.create_transfers(tx, {pending}, "u1"); });
        const auto report = s().verify();
        ASSERT_TRUE(report.ok()) << breaks_text(report);
    }
    void tamper(const std::string& sql) {
        auto tx = s().store->begin(store::TxMode::read_write);
        ASSERT_TRUE(tx);
        auto done = (*tx)->execute(sql);
        ASSERT_TRUE(done) << done.error().message;
        ASSERT_GT(*done, 0) << sql;
        ASSERT_TRUE((*tx)->commit());
    }
    // The kinds of break verify reports now.
    std::set<std::string> kinds() {
        std::set<std::string> out;
        const auto report = s().verify();
        for (const auto* list : {&report.chain.breaks, &report.ledger_breaks}) {
            for (const auto& b : *list) out.insert(b.kind);
        }
        return out;
    }
    std::string master() const { return funds::account_id_of(funds::programme_key("master")); }
};

TEST_P(AuditChain, EveryChangeIsAppendedAndTheChainVerifies) {
    seed();
    auto rows = s().store->read([&](store::Tx& tx) { return s().audit.list(tx, 200, std::nullopt, std::string("ledger.transfer"), std::nullopt, store::newest_first_window()); });
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->size(), 1u + 2u + 2u + 1u + 7u + 7u + 1u);
    const auto report = s().verify();
    EXPECT_GT(report.chain.rows, 20);
    EXPECT_GT(report.transfers, 20);
}

TEST_P(AuditChain, AnAlteredTransferAmountIsFound) {
    seed();
    tamper("UPDATE ledger_transfers SET amount = amount + 1 WHERE id = '" + funds::leg_id(id_of(10), 3) + "'");
    const auto found = kinds();
    EXPECT_TRUE(found.count("ledger.transfer_altered"));
    EXPECT_TRUE(found.count("ledger.account_totals"));
}

TEST_P(AuditChain, AnAlteredAccountTotalIsFound) {
    seed();
    tamper("UPDATE ledger_accounts SET credits_posted = credits_posted + 100 WHERE id = '" + master() + "'");
    EXPECT_EQ(kinds(), (std::set<std::string>{"ledger.account_totals", "ledger.unbalanced"}));
}

TEST_P(AuditChain, AnAlteredAuditRowIsFound) {
    seed();
    tamper("UPDATE audit_events SET actor = 'mallory' WHERE seq = 5");
    EXPECT_EQ(kinds(), std::set<std::string>{"audit.hash"});
    const auto report = s().verify();
    ASSERT_EQ(report.chain.breaks.size(), 1u);
    EXPECT_EQ(report.chain.breaks[0].seq, 5);
}

TEST_P(AuditChain, AnAlteredAuditBodyIsFound) {
    seed();
    tamper("UPDATE audit_events SET body = body || ' ' WHERE seq = 7");
    EXPECT_TRUE(kinds().count("audit.body_hash"));
}

TEST_P(AuditChain, ADeletedTransferOrAuditRowIsFound) {
    seed();
    tamper("DELETE FROM ledger_transfers WHERE id = '" + funds::leg_id(id_of(11), 6) + "'");
    EXPECT_TRUE(kinds().count("ledger.transfer_missing"));
    tamper("DELETE FROM audit_events WHERE seq = 3");
    EXPECT_TRUE(kinds().count("audit.seq"));
}

TEST_P(AuditChain, AnAlteredFlagOrPendingStateIsFound) {
    seed();
    tamper("UPDATE ledger_accounts SET flags = 0 WHERE id = '" + funds::account_id_of(funds::front_command_key("zba")) + "'");
    EXPECT_TRUE(kinds().count("ledger.account_altered"));
    tamper("UPDATE ledger_pending SET state = 'voided' WHERE transfer_id = '" + id_of(20) + "'");
    EXPECT_TRUE(kinds().count("ledger.pending_state"));
}

TEST_P(AuditChain, ARewrittenChainIsCaughtByTheSeal) {
    seed();
    // Seal the month of the seed, then rewrite an early row and every later hash consistently.
    s().clock.advance_ms(40LL * 86'400'000);
    const std::string month = shanghai_month(test::test_epoch_ms);
    auto sealed = s().store->write([&](store::Tx& tx) { return s().audit.seal_month(tx, month, "auditor"); });
    ASSERT_TRUE(sealed) << sealed.error().message;
    EXPECT_FALSE(s().store->write([&](store::Tx& tx) { return s().audit.seal_month(tx, month, "auditor"); }));
    EXPECT_FALSE(s().store->write([&](store::Tx& tx) { return s().audit.seal_month(tx, shanghai_month(s().clock.now_ms()), "a"); }));
    auto rewrite = s().store->write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(auto rows, tx.query("SELECT seq, at_ms, actor, action, record_type, record_id, body_hash FROM audit_events ORDER BY seq"));
        std::string prev = zero_hash();
        for (const auto& row : rows) {
            AuditEvent event{row.i64("seq") == 2 ? "mallory" : row.text("actor"), row.text("action"), row.text("record_type"), row.text("record_id"), ""};
            const std::string hash = row_hash(prev, row.i64("seq"), row.i64("at_ms"), event, row.text("body_hash"));
            KL_TRY(tx.execute("UPDATE audit_events SET actor = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
                              {event.actor, prev, hash, row.i64("seq")}));
            prev = hash;
        }
        return ok();
    });
    ASSERT_TRUE(rewrite) << rewrite.error().message;
    // The signed checkpoint taken at the seal is stored beside it and catches the rewrite too.
    EXPECT_EQ(kinds(), (std::set<std::string>{"audit.seal", "audit.checkpoint"}));
}

// Two stores on one database stand for two server processes: their appends interleave, and the
// chain must still be one unbroken sequence.
TEST_P(AuditChain, ConcurrentWritersKeepOneChain) {
    store::testing::TestDatabase database(GetParam());
    auto first = database.open();
    auto second = database.open();
    ASSERT_TRUE(first && second);
    ManualClock clock(test::test_epoch_ms);
    AuditTrail trail((*first)->backend(), clock);
    constexpr int per_writer = 150;
    auto writer = [&](store::Store& store, const std::string& who) {
        for (int i = 0; i < per_writer; ++i) {
            auto done = store.write([&](store::Tx& tx) -> Result<void> {
                KL_TRY(trail.append(tx, AuditEvent{who, "test.append", "test", std::to_string(i), "{}"}));
                return ok();
            });
            EXPECT_TRUE(done) << done.error().message;
        }
    };
    std::thread a(writer, std::ref(**first), "a");
    std::thread b(writer, std::ref(**second), "b");
    a.join();
    b.join();
    auto report = (*first)->read([&](store::Tx& tx) { return trail.verify_chain(tx); });
    ASSERT_TRUE(report);
    EXPECT_EQ(report->rows, 2 * per_writer);
    EXPECT_TRUE(report->breaks.empty()) << report->breaks.front().kind << " " << report->breaks.front().detail;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChain, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::audit::testing
