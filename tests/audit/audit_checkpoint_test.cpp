// The audit chain anchored outside the database (issue 12, item 4). Someone with write access to the
// database can edit a transfer and its account totals, re-hash its audit body and recompute every
// later hash (and have the month sealed again): `kashlink verify` still passes, because everything
// it checks lives in that database. A checkpoint signed with the server's key before the rewrite,
// downloaded and kept by an auditor, does not pass: `kashlink verify --checkpoints FILE` exits 2.
// Shown here on SQLite and PostgreSQL through the real server and the real binary, with the
// signer's key file, checkpoints every thousand rows, signed seals and forged checkpoints.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "audit/audit_signer.h"
#include "audit/daily_checkpoint.h"
#include "audit/sha256.h"
#include "funds/funds_accounts.h"
#include "http/audit_checkpoint_file.h"
#include "ledger/ledger_world.h"
#include "support/run_command.h"

namespace kl::audit::testing {
namespace {

using ledger::testing::breaks_text;
using ledger::testing::id_of;
using ledger::testing::LedgerBackendTest;
using ledger::testing::LedgerWorld;
using nlohmann::json;

void write_file(const std::string& path, const std::string& text, mode_t mode = 0600) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

// ---- the key ----------------------------------------------------------------------------------

TEST(AuditSigner, MakesItsKeyFileOwnerOnlyOnFirstStartAndReadsTheSameKeyAfter) {
    test::TempDir dir;
    const std::string path = dir.file("var/kashlink.audit-key");
    auto made = AuditSigner::load_or_create(path);
    ASSERT_TRUE(made) << made.error().message;
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ((*made)->public_key_hex().size(), 64u);
    auto again = AuditSigner::load_or_create(path);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ((*again)->public_key_hex(), (*made)->public_key_hex());
}

TEST(AuditSigner, RefusesAKeyOthersMayReadOrAFileThatHoldsNoKey) {
    test::TempDir dir;
    EXPECT_EQ(AuditSigner::load(dir.file("absent")).error().code, ErrorCode::not_found);
    write_file(dir.file("shared"), std::string(ledger::testing::test_signing_seed) + "\n", 0644);
    auto shared = AuditSigner::load_or_create(dir.file("shared"));
    ASSERT_FALSE(shared);
    EXPECT_NE(shared.error().message.find("chmod 600"), std::string::npos) << shared.error().message;
    write_file(dir.file("garbage"), "not a key\n");
    auto garbage = AuditSigner::load_or_create(dir.file("garbage"));
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("does not hold a key"), std::string::npos) << garbage.error().message;
}

TEST(AuditSigner, ASignatureVerifiesOnlyForItsBytesUnderItsKey) {
    auto signer = ledger::testing::test_signer();
    auto other = AuditSigner::from_seed_hex(std::string(64, '7'));
    ASSERT_TRUE(signer && other);
    const std::string signature = signer->sign_hex("row 7 has hash abc");
    EXPECT_TRUE(signature_valid(signer->public_key_hex(), "row 7 has hash abc", signature));
    EXPECT_FALSE(signature_valid(signer->public_key_hex(), "row 7 has hash abd", signature));
    EXPECT_FALSE(signature_valid((*other)->public_key_hex(), "row 7 has hash abc", signature));
    EXPECT_FALSE(signature_valid(signer->public_key_hex(), "row 7 has hash abc", "zz" + signature.substr(2)));
    EXPECT_FALSE(signature_valid("", "row 7 has hash abc", signature));
}

// ---- checkpoints and seals in the trail ---------------------------------------------------------

class AuditCheckpoints : public LedgerBackendTest {
protected:
    void pay_in(int64_t n) {
        auto done = s().store->write([&](store::Tx& tx) { return s().funds.receive_funds(tx, id_of(static_cast<uint64_t>(n)), 1'000, "u1"); });
        ASSERT_TRUE(done) << done.error().message;
    }
    Checkpoint take(const std::string& reason) {
        auto taken = s().store->write([&](store::Tx& tx) { return s().audit.checkpoint(tx, reason); });
        EXPECT_TRUE(taken) << taken.error().message;
        return taken ? *taken : Checkpoint{};
    }
    std::vector<Checkpoint> all() {
        auto listed = s().store->read([&](store::Tx& tx) { return s().audit.checkpoints(tx, 200, std::nullopt); });
        EXPECT_TRUE(listed) << listed.error().message;
        return listed ? *listed : std::vector<Checkpoint>{};
    }
    void tamper(const std::string& sql) {
        auto done = s().store->write([&](store::Tx& tx) { return tx.execute(sql); });
        ASSERT_TRUE(done) << done.error().message;
        ASSERT_GT(*done, 0) << sql;
    }
};

TEST_P(AuditCheckpoints, ACheckpointSignsTheHeadOnceWhileTheHeadStands) {
    pay_in(1);
    const auto head = s().verify().chain;
    const Checkpoint first = take("request");
    EXPECT_EQ(first.seq, head.rows);
    EXPECT_EQ(first.head_hash, head.head_hash);
    EXPECT_EQ(first.public_key, s().signer->public_key_hex());
    EXPECT_TRUE(signature_valid(first.public_key, checkpoint_message(first), first.signature));
    const Checkpoint again = take("daily");
    EXPECT_EQ(again.signature, first.signature);
    EXPECT_EQ(again.reason, "request");
    pay_in(2);
    EXPECT_GT(take("daily").seq, first.seq);
    EXPECT_EQ(all().size(), 2u);
    const auto report = s().verify();
    EXPECT_TRUE(report.ok()) << breaks_text(report);
    EXPECT_EQ(report.chain.checkpoints, 2);
}

TEST_P(AuditCheckpoints, EveryThousandRowsAreCheckpointedAsTheyAreAppended) {
    std::vector<AuditEvent> events(static_cast<size_t>(checkpoint_every_appends) + 5,
                                   AuditEvent{"u1", "test.append", "test", "t", "{}"});
    auto appended = s().store->write([&](store::Tx& tx) { return s().audit.append_many(tx, events); });
    ASSERT_TRUE(appended) << appended.error().message;
    const auto kept = all();
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].reason, "appends");
    EXPECT_EQ(kept[0].seq, checkpoint_every_appends + 5);  // the batch's head, past the 1,000th row
    EXPECT_EQ(kept[0].head_hash, appended->back().hash);
}

TEST_P(AuditCheckpoints, TheDailyJobSignsTheHeadOnceADay) {
    pay_in(1);
    DailyJob job("audit checkpoint", daily_checkpoint_local_time_ms, s().clock, daily_checkpoint(*s().store, s().audit));
    EXPECT_TRUE(job.tick());   // the test clock is past 00:10 Shanghai time
    EXPECT_FALSE(job.tick());  // and not again the same day
    const auto kept = all();
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].reason, "daily");
    EXPECT_EQ(kept[0].head_hash, s().verify().chain.head_hash);
}

TEST_P(AuditCheckpoints, SealsAreSignedAndAnchoredAndAnAlteredSignatureIsFound) {
    pay_in(1);
    s().clock.advance_ms(40LL * 86'400'000);
    auto sealed = s().store->write([&](store::Tx& tx) { return s().audit.seal_month(tx, shanghai_month(test::test_epoch_ms), "fund"); });
    ASSERT_TRUE(sealed) << sealed.error().message;
    EXPECT_EQ(sealed->public_key, s().signer->public_key_hex());
    EXPECT_TRUE(signature_valid(sealed->public_key, seal_message(*sealed), sealed->signature));
    const auto kept = all();
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].reason, "seal");
    EXPECT_TRUE(s().verify().ok()) << breaks_text(s().verify());
    tamper("UPDATE audit_seals SET sealed_ms = sealed_ms + 1");
    const auto report = s().verify();
    ASSERT_EQ(report.chain.breaks.size(), 1u) << breaks_text(report);
    EXPECT_EQ(report.chain.breaks[0].kind, "audit.seal");
    EXPECT_NE(report.chain.breaks[0].detail.find("signature"), std::string::npos);
}

// A stored checkpoint left in place catches the rewrite in plain verify too, and one re-signed with
// another key is refused: the trail checks them against its own key.
TEST_P(AuditCheckpoints, AStoredCheckpointIsCheckedAgainstTheChainAndTheServersKey) {
    pay_in(1);
    take("request");
    tamper("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1");
    std::set<std::string> kinds;
    for (const auto& b : s().verify().chain.breaks) kinds.insert(b.kind);
    EXPECT_TRUE(kinds.count("audit.checkpoint"));
    auto other = AuditSigner::from_seed_hex(std::string(64, '7'));
    ASSERT_TRUE(other);
    Checkpoint forged = all().front();
    forged.public_key = (*other)->public_key_hex();
    forged.signature = (*other)->sign_hex(checkpoint_message(forged));
    tamper("UPDATE audit_checkpoints SET public_key = '" + forged.public_key + "', signature = '" + forged.signature + "'");
    bool refused = false;
    for (const auto& b : s().verify().chain.breaks) refused |= b.kind == "audit.checkpoint" && b.detail.find("not by the trusted key") != std::string::npos;
    EXPECT_TRUE(refused) << breaks_text(s().verify());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCheckpoints, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

// ---- the downloaded file ----------------------------------------------------------------------

TEST(CheckpointFile, ReadsAPageAnArrayOfPagesOrOfCheckpointsAndNamesWhatIsWrong) {
    const json item = {{"seq", 3}, {"head_hash", std::string(64, 'a')}, {"at", "x"}, {"at_ms", 5}, {"reason", "daily"},
                       {"public_key", "k1"}, {"signature", "s"}};
    const json page = {{"algorithm", "ed25519"}, {"public_key", "k1"}, {"items", {item, item}}, {"next_cursor", nullptr}};
    auto one = http::parse_checkpoint_file(page.dump());
    ASSERT_TRUE(one) << one.error().message;
    EXPECT_EQ(one->checkpoints.size(), 2u);
    EXPECT_EQ(one->public_key, "k1");
    EXPECT_EQ(one->checkpoints[0].head_hash, std::string(64, 'a'));
    EXPECT_EQ(http::parse_checkpoint_file(json::array({page, page}).dump())->checkpoints.size(), 4u);
    EXPECT_EQ(http::parse_checkpoint_file(json::array({item}).dump())->public_key, "k1");

    json bad = page;
    bad["items"][1].erase("signature");
    EXPECT_EQ(http::parse_checkpoint_file(bad.dump()).error().fields.at(0).field, "items/1/signature");
    json other_key = page;
    other_key["public_key"] = "k2";
    EXPECT_EQ(http::parse_checkpoint_file(json::array({page, other_key}).dump()).error().fields.at(0).field, "1/public_key");
    EXPECT_FALSE(http::parse_checkpoint_file("not json"));
    EXPECT_FALSE(http::parse_checkpoint_file(R"({"public_key":"k1","items":[]})"));
}

// ---- the rewrite, through the real server and the real binary -------------------------------------

class AuditAnchors : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres" && test::postgres_url().empty() && !test::postgres_required()) GTEST_SKIP();
        w_ = std::make_unique<LedgerWorld>(GetParam());
        // The server's key file, for the binary: the same key the test world signs with.
        key_file_ = dir_.file("server.audit-key");
        write_file(key_file_, std::string(ledger::testing::test_signing_seed) + "\n");
    }
    test::HttpReply call(const std::string& method, const std::string& path) {
        return w_->world().call_as(access::Role::auditor, method, path, "", {{"Content-Type", "application/json"}});
    }
    // What an auditor does: take a checkpoint now, download the list and keep it in a file.
    std::string download_checkpoints() {
        EXPECT_EQ(call("POST", "/api/v1/audit/checkpoints").status, 201);
        auto page = call("GET", "/api/v1/audit/checkpoints");
        EXPECT_EQ(page.status, 200) << page.body;
        const std::string path = dir_.file("checkpoints-" + std::to_string(++downloads_) + ".json");
        write_file(path, page.body);
        return path;
    }
    test::CommandResult verify(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args = {"verify", "--db", w_->world().database_url(), "--audit-signing-key-file", key_file_};
        args.insert(args.end(), extra.begin(), extra.end());
        return test::run_command(KL_KASHLINK_BINARY, args);
    }
    void sql(const std::string& text, const store::Params& params = {}) {
        auto done = w_->world().store().write([&](store::Tx& tx) { return tx.execute(text, params); });
        ASSERT_TRUE(done) << done.error().message << ": " << text;
    }
    void rewrite_history(int64_t extra_fen);

    test::TempDir dir_;
    std::string key_file_;
    int downloads_ = 0;
    std::unique_ptr<LedgerWorld> w_;
};

// The attacker's whole rewrite, with write access to the database but not to the key file: the
// programme's first receipt grows by `extra_fen` — the transfer, both accounts' totals and the
// transfer's audit body with its hash — then every later row's prev_hash and hash are recomputed,
// the checkpoints the database holds are dropped and the month's seal is made again, by the server
// itself, over the rewritten chain.
void AuditAnchors::rewrite_history(int64_t extra_fen) {
    auto& store = w_->world().store();
    const std::string receipt = funds::leg_id(id_of(1), 0);
    auto rows = store.read([&](store::Tx& tx) {
        return tx.query("SELECT seq, at_ms, actor, action, record_type, record_id, body FROM audit_events ORDER BY seq");
    });
    ASSERT_TRUE(rows) << rows.error().message;
    auto amount = store.read([&](store::Tx& tx) { return tx.query("SELECT amount FROM ledger_transfers WHERE id = $1", {receipt}); });
    ASSERT_TRUE(amount && amount->size() == 1u);
    const int64_t old_fen = (*amount)[0].i64("amount");
    sql("UPDATE ledger_transfers SET amount = amount + $1 WHERE id = $2", {extra_fen, receipt});
    sql("UPDATE ledger_accounts SET debits_posted = debits_posted + $1 WHERE id = $2", {extra_fen, LedgerWorld::source()});
    sql("UPDATE ledger_accounts SET credits_posted = credits_posted + $1 WHERE id = $2", {extra_fen, LedgerWorld::master()});
    std::string prev = zero_hash();
    bool rewritten = false;
    for (const auto& row : *rows) {
        AuditEvent event{row.text("actor"), row.text("action"), row.text("record_type"), row.text("record_id"), row.text("body")};
        if (event.record_type == "ledger.transfer" && event.record_id == receipt) {
            const std::string was = "\"amount\":" + std::to_string(old_fen) + ",";
            ASSERT_NE(event.body.find(was), std::string::npos) << event.body;
            event.body.replace(event.body.find(was), was.size(), "\"amount\":" + std::to_string(old_fen + extra_fen) + ",");
            rewritten = true;
        }
        const std::string body_hash = sha256_hex(event.body);
        const std::string hash = row_hash(prev, row.i64("seq"), row.i64("at_ms"), event, body_hash);
        sql("UPDATE audit_events SET body = $1, body_hash = $2, prev_hash = $3, hash = $4 WHERE seq = $5",
            {event.body, body_hash, prev, hash, row.i64("seq")});
        prev = hash;
    }
    ASSERT_TRUE(rewritten);
    sql("DELETE FROM audit_checkpoints");
    sql("DELETE FROM audit_seals");
    const std::string month = shanghai_month(test::test_epoch_ms);
    auto resealed = store.write([&](store::Tx& tx) { return w_->services().audit->seal_month(tx, month, "fund"); });
    ASSERT_TRUE(resealed) << resealed.error().message;
}

TEST_P(AuditAnchors, ARewrittenHistoryPassesPlainVerifyButNotACheckpointKeptFromBefore) {
    // The auditor takes and keeps the checkpoints; they hold as long as nothing is rewritten.
    const std::string kept = download_checkpoints();
    const json file = json::parse(std::ifstream(kept));
    EXPECT_EQ(file["public_key"], json::parse(call("GET", "/api/v1/audit/public-key").body)["public_key"]);
    ASSERT_FALSE(file["items"].empty());
    const auto before = verify({"--checkpoints", kept});
    EXPECT_EQ(before.status, 0) << before.out << before.err;
    EXPECT_NE(before.out.find("still has every kept checkpoint's head"), std::string::npos) << before.out;
    // The month ends and is sealed (signed, with a checkpoint of its own in the database).
    w_->world().clock().advance_ms(40LL * 86'400'000);
    auto sealed = w_->world().store().write(
        [&](store::Tx& tx) { return w_->services().audit->seal_month(tx, shanghai_month(test::test_epoch_ms), "fund"); });
    ASSERT_TRUE(sealed) << sealed.error().message;
    ASSERT_FALSE(sealed->signature.empty());

    rewrite_history(5'000'000);

    const auto plain = verify();
    EXPECT_EQ(plain.status, 0) << "plain verify should not see a consistent rewrite:\n" << plain.out << plain.err;
    auto served = w_->world().store().read([&](store::Tx& tx) { return ledger::verify_all(tx, *w_->services().audit); });
    ASSERT_TRUE(served);
    EXPECT_TRUE(served->ok()) << breaks_text(*served);  // what GET /api/v1/audit/verify answers
    const auto anchored = verify({"--checkpoints", kept});
    EXPECT_EQ(anchored.status, 2) << anchored.out << anchored.err;
    EXPECT_NE(anchored.out.find("BREAK audit.anchor"), std::string::npos) << anchored.out;
    EXPECT_NE(anchored.out.find("the history up to it was rewritten"), std::string::npos) << anchored.out;
    EXPECT_NE(anchored.out.find("NOT verified"), std::string::npos) << anchored.out;
}

TEST_P(AuditAnchors, AForgedOrForeignCheckpointIsRefused) {
    const std::string kept = download_checkpoints();
    json file = json::parse(std::ifstream(kept));
    ASSERT_FALSE(file["items"].empty());

    json forged = file;  // a head the server never signed
    forged["items"][0]["head_hash"] = std::string(64, 'f');
    write_file(dir_.file("forged.json"), forged.dump());
    const auto refused = verify({"--checkpoints", dir_.file("forged.json")});
    EXPECT_EQ(refused.status, 2) << refused.out << refused.err;
    EXPECT_NE(refused.out.find("signature is not valid"), std::string::npos) << refused.out;

    // Signed, but by another key than the server's (which this machine has) or the one pinned.
    auto other = AuditSigner::from_seed_hex(std::string(64, '7'));
    ASSERT_TRUE(other);
    json foreign = file;
    for (auto& item : foreign["items"]) {
        Checkpoint c{item["seq"].get<int64_t>(), item["head_hash"].get<std::string>(), item["at_ms"].get<int64_t>(),
                     item["reason"].get<std::string>(), (*other)->public_key_hex(), ""};
        item["public_key"] = c.public_key;
        item["signature"] = (*other)->sign_hex(checkpoint_message(c));
    }
    foreign["public_key"] = (*other)->public_key_hex();
    write_file(dir_.file("foreign.json"), foreign.dump());
    const auto foreign_refused = verify({"--checkpoints", dir_.file("foreign.json")});
    EXPECT_EQ(foreign_refused.status, 2) << foreign_refused.out;
    EXPECT_NE(foreign_refused.out.find("not by the trusted key"), std::string::npos) << foreign_refused.out;
    const std::string server_key = file["public_key"].get<std::string>();
    EXPECT_EQ(verify({"--checkpoints", kept, "--public-key", server_key}).status, 0);
    EXPECT_EQ(verify({"--checkpoints", dir_.file("foreign.json"), "--public-key", server_key}).status, 2);

    write_file(dir_.file("broken.json"), R"({"public_key":"k","items":[{"seq":1}]})");
    const auto broken = verify({"--checkpoints", dir_.file("broken.json")});
    EXPECT_EQ(broken.status, 2);
    EXPECT_NE(broken.err.find("--checkpoints " + dir_.file("broken.json") + ": "), std::string::npos) << broken.err;
    EXPECT_EQ(verify({"--checkpoints", dir_.file("absent.json")}).status, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditAnchors, ::testing::ValuesIn(test::backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::audit::testing
