// `kashlink backup` and `kashlink restore` (issue 18 item 4): a backup taken while the real server
// takes chains of transfers from two clients holds every chain acknowledged before the backup began;
// the restore puts it into an empty database, migrates and verifies it (exit 0), and the restored
// server answers every one of those transfers. A second restore over it is refused unless told; a
// copy changed after it was written is refused by its checksum. On SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "backup/backup.h"
#include "backup/backup_runs.h"
#include "backup/daily_backup.h"
#include "store/store.h"
#include "support/access_fixture.h"
#include "todo/todo_service.h"
#include "support/run_command.h"
#include "support/server_process.h"
#include "support/test_env.h"

namespace kl::test {
namespace {

using nlohmann::json;
const std::string fund_password = "backup-test-password-1";

std::string id_of(uint64_t n) {
    char text[33];
    std::snprintf(text, sizeof text, "%032llx", static_cast<unsigned long long>(n));
    return text;
}

json chain_of(uint64_t chain) {
    const uint64_t base = 1000 + chain * 10;
    auto leg = [](uint64_t id, uint64_t debit, uint64_t credit, bool linked) {
        json t = {{"id", id_of(id)}, {"debit_account_id", id_of(debit)}, {"credit_account_id", id_of(credit)},
                  {"amount", 100}, {"ledger", "cash"}, {"code", 1}};
        if (linked) t["flags"] = {"linked"};
        return t;
    };
    return {{"transfers", {leg(base, 1, 2, true), leg(base + 1, 2, 3, false)}}};
}

TEST(BackupManifest, RoundTripsAndNamesWhatIsWrong) {
    backup::Manifest m;
    m.backend = "sqlite";
    m.taken_at_ms = 1796000000000;
    m.elapsed_ms = 12;
    m.bytes = 4096;
    m.sha256 = std::string(64, 'a');
    m.schema_version = "0029_trace_scans";
    m.audit_head_seq = 42;
    m.audit_head_hash = std::string(64, 'b');
    auto parsed = backup::parse_manifest(backup::manifest_text(m));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, m);
    EXPECT_FALSE(backup::parse_manifest("not a manifest\n"));
    std::string text = backup::manifest_text(m);
    text.replace(text.find("bytes 4096"), 10, "bytes four");
    auto bad = backup::parse_manifest(text);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.at(0).field, "bytes");
}

class BackupCommand : public ::testing::TestWithParam<std::string> {
protected:
    std::string fresh_database(const TempDir& dir, const std::string& name) {
        return GetParam() == "postgres" ? fresh_postgres_database() : dir.file(name + ".sqlite");
    }
};

TEST_P(BackupCommand, ABackupUnderLoadHoldsEveryAcknowledgedWriteAndRestoresVerified) {
    if (GetParam() == "postgres" && postgres_url().empty() && !postgres_required()) GTEST_SKIP();
    TempDir dir;
    const std::string db = fresh_database(dir, "serving");
    const CommandResult added = run_command(KL_KASHLINK_BINARY, {"user", "add", "--db", db, "--username", "fund", "--role", "fund_officer",
                                                                 "--display-name", "Fund", "--password", fund_password});
    ASSERT_EQ(added.status, 0) << added.err;
    const std::string copy = dir.file("kashlink.backup");
    std::mutex mutex;
    std::set<uint64_t> acked;
    std::set<uint64_t> acked_before_backup;
    {
        ServerProcess server(KL_KASHLINK_BINARY, db, dir.file("audit.key"));
        auto setup = server.client("fund", fund_password);
        const json accounts = {{"accounts",
                                {{{"id", id_of(1)}, {"ledger", "cash"}, {"code", 1}, {"name", "source"}},
                                 {{"id", id_of(2)}, {"ledger", "cash"}, {"code", 10}, {"name", "master"}},
                                 {{"id", id_of(3)}, {"ledger", "cash"}, {"code", 40}, {"name", "payee"}}}}};
        auto made = setup->Post("/api/v1/ledger/accounts", accounts.dump(), "application/json");
        ASSERT_TRUE(made && made->status == 200) << (made ? made->body : "no answer");
        std::atomic<bool> stop{false};
        auto client_loop = [&](uint64_t first_chain, httplib::Client* client) {
            for (uint64_t chain = first_chain; !stop; chain += 2) {
                auto reply = client->Post("/api/v1/ledger/transfers", chain_of(chain).dump(), "application/json");
                if (!reply) break;
                ASSERT_EQ(reply->status, 200) << reply->body;
                std::lock_guard lock(mutex);
                acked.insert(chain);
            }
        };
        auto client_a = server.client("fund", fund_password);
        auto client_b = server.client("fund", fund_password);
        std::thread a(client_loop, 0, client_a.get()), b(client_loop, 1, client_b.get());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            {
                std::lock_guard lock(mutex);
                if (acked.size() >= 40) break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        {
            std::lock_guard lock(mutex);
            acked_before_backup = acked;
        }
        // Taken while both clients keep writing.
        const CommandResult taken = run_command(KL_KASHLINK_BINARY, {"backup", "--db", db, "--out", copy});
        size_t acked_after = 0;
        {
            std::lock_guard lock(mutex);
            acked_after = acked.size();
        }
        stop = true;
        a.join();
        b.join();
        ASSERT_EQ(taken.status, 0) << taken.out << taken.err;
        EXPECT_NE(taken.out.find("audit head row"), std::string::npos) << taken.out;
        EXPECT_GT(acked_after, acked_before_backup.size()) << "the load did not go on while the backup ran";
    }
    ASSERT_GE(acked_before_backup.size(), 10u);
    auto manifest = backup::check_backup(copy);
    ASSERT_TRUE(manifest) << manifest.error().message;
    EXPECT_EQ(manifest->backend, GetParam());
    EXPECT_GT(manifest->audit_head_seq, 0);
    {
        // The run is recorded in the database it copied, for the console.
        store::StoreOptions options;
        options.url = db;
        auto serving = store::open_store(options);
        ASSERT_TRUE(serving) << serving.error().message;
        auto runs = (*serving)->read([](store::Tx& tx) { return backup::recent_backups(tx, 10); });
        ASSERT_TRUE(runs) << runs.error().message;
        ASSERT_EQ(runs->size(), 1u);
        EXPECT_EQ(runs->front().taken_by, backup::TakenBy::command);
        EXPECT_EQ(runs->front().manifest.sha256, manifest->sha256);
        EXPECT_EQ(runs->front().file, std::filesystem::absolute(copy).string());
    }

    const std::string restored = fresh_database(dir, "restored");
    const CommandResult put_back =
        run_command(KL_KASHLINK_BINARY, {"restore", copy, "--db", restored, "--audit-signing-key-file", dir.file("audit.key")});
    ASSERT_EQ(put_back.status, 0) << put_back.out << put_back.err;
    EXPECT_NE(put_back.out.find("verified: the chain and the ledger hold"), std::string::npos) << put_back.out;

    // Into a database that is not empty: refused, and nothing changes.
    const CommandResult again = run_command(KL_KASHLINK_BINARY, {"restore", copy, "--db", restored});
    EXPECT_EQ(again.status, 1) << again.out;
    EXPECT_NE(again.err.find("--overwrite"), std::string::npos) << again.err;

    {
        ServerProcess server(KL_KASHLINK_BINARY, restored, dir.file("audit.key"));
        auto client = server.client("fund", fund_password);
        for (uint64_t chain : acked_before_backup) {
            for (uint64_t leg = 0; leg < 2; ++leg) {
                auto reply = client->Get("/api/v1/ledger/transfers/" + id_of(1000 + chain * 10 + leg));
                ASSERT_TRUE(reply);
                EXPECT_EQ(reply->status, 200) << "chain " << chain << " acknowledged before the backup is missing";
            }
        }
        auto verify = client->Get("/api/v1/audit/verify");
        ASSERT_TRUE(verify && verify->status == 200);
        EXPECT_EQ(json::parse(verify->body)["ok"], true) << verify->body;
    }

    // A copy damaged after it was written: refused by its checksum before anything is touched.
    {
        std::fstream file(copy, std::ios::in | std::ios::out | std::ios::binary);
        const auto middle = static_cast<std::streamoff>(std::filesystem::file_size(copy) / 2);
        file.seekg(middle);
        const char byte = static_cast<char>(file.get());
        file.seekp(middle);
        file.put(static_cast<char>(~byte));
    }
    const std::string target = fresh_database(dir, "damaged");
    const CommandResult damaged = run_command(KL_KASHLINK_BINARY, {"restore", copy, "--db", target, "--overwrite"});
    EXPECT_EQ(damaged.status, 1);
    EXPECT_NE(damaged.err.find("SHA-256"), std::string::npos) << damaged.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupCommand, ::testing::ValuesIn(backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

// The scheduled backup keeps `keep` copies; GET /api/v1/system/backups shows every run to admins and
// auditors (others 403; an unknown parameter 400); the administrator's to-do asks for a backup when
// there is none or the newest is more than a day old.
class BackupSchedule : public ::testing::TestWithParam<std::string> {};

json queue_of(const HttpReply& todo, const std::string& kind) {
    const json body = json::parse(todo.body);
    for (const auto& queue : body["queues"]) {
        if (queue["kind"] == kind) return queue;
    }
    return nullptr;
}

TEST_P(BackupSchedule, KeepsItsCopiesListsThemAndTellsTheAdministratorWhenOneIsDue) {
    if (GetParam() == "postgres" && postgres_url().empty() && !postgres_required()) GTEST_SKIP();
    WorldOptions options = on_backend(GetParam());
    options.services = [](http::ApiDeps& deps, AccessWorld& world) {
        deps.backups = &world.make<backup::BackupLog>(world.store(), backup::BackupSchedule{true, 2});
        deps.todo = &world.make<todo::TodoService>(world.store(), world.clock());
    };
    AccessWorld world(options);
    using access::Role;
    auto todo = world.call_as(Role::admin, "GET", "/api/v1/me/todo");
    ASSERT_EQ(todo.status, 200) << todo.body;
    json due = queue_of(todo, "backups_overdue");
    ASSERT_FALSE(due.is_null()) << todo.body;
    EXPECT_EQ(due["count"], 1);
    EXPECT_EQ(due["items"][0]["label_en"], "No backup yet");
    EXPECT_TRUE(queue_of(world.call_as(Role::fund_officer, "GET", "/api/v1/me/todo"), "backups_overdue").is_null());

    TempDir dir;
    const backup::DailyBackupOptions daily{world.database_url(), dir.file("backups"), 2};
    std::filesystem::create_directories(dir.file("backups"));
    std::ofstream(dir.file("backups") + "/notes.txt") << "not a backup: never removed";
    for (int day = 0; day < 3; ++day) {
        auto run = backup::run_daily_backup(daily, world.store(), world.clock());
        ASSERT_TRUE(run) << run.error().message;
        EXPECT_EQ(run->code, "backup_done");
        world.clock().advance_ms(3600LL * 1000);  // an hour apart: within the sessions' lifetime
    }
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("backups"))) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    ASSERT_EQ(names.size(), 5u) << "two copies, their manifests and the notes";
    EXPECT_EQ(names.back(), "notes.txt");
    EXPECT_TRUE(backup::check_backup(dir.file("backups") + "/" + names[0]));

    auto listed = world.call_as(Role::admin, "GET", "/api/v1/system/backups?limit=10");
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json body = json::parse(listed.body);
    ASSERT_EQ(body["items"].size(), 3u);
    EXPECT_EQ(body["items"][0]["taken_by"], "schedule");
    EXPECT_GT(body["items"][0]["taken_at"].get<std::string>(), body["items"][1]["taken_at"].get<std::string>());
    EXPECT_EQ(body["schedule"]["enabled"], true);
    EXPECT_EQ(body["schedule"]["keep"], 2);
    EXPECT_EQ(world.call_as(Role::auditor, "GET", "/api/v1/system/backups").status, 200);
    for (Role role : {Role::fund_officer, Role::county_officer, Role::producer, Role::buyer, Role::logistics}) {
        EXPECT_EQ(world.call_as(role, "GET", "/api/v1/system/backups").status, 403) << kl::to_string(role);
    }
    auto unknown = world.call_as(Role::admin, "GET", "/api/v1/system/backups?newest=1");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.body.find("newest"), std::string::npos) << unknown.body;

    // An hour after the last run nothing is due; 26 hours after it, a backup is due again (read from
    // the store: the test's sessions do not live that long).
    EXPECT_EQ(queue_of(world.call_as(Role::admin, "GET", "/api/v1/me/todo"), "backups_overdue")["count"], 0);
    world.clock().advance_ms(25LL * 3600 * 1000 + 1);
    auto work = world.store().read([&](store::Tx& tx) { return backup::backup_work(tx, world.clock().now_ms()); });
    ASSERT_TRUE(work) << work.error().message;
    ASSERT_EQ(work->size(), 1u);
    EXPECT_EQ(work->front().count, 1);
    EXPECT_EQ(work->front().items.at(0).label_en, "The last backup is more than a day old");
    EXPECT_EQ(work->front().route, "/backups");
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupSchedule, ::testing::ValuesIn(backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

TEST(BackupFileNames, AreTheirBeijingTime) {
    // 2026-12-06T19:30:05Z is 03:30:05 on the 7th in Beijing.
    EXPECT_EQ(backup::scheduled_file_name(1796585405000), "kashlink-20261207-033005.backup");
}

}  // namespace
}  // namespace kl::test
