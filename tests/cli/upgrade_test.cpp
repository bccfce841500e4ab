// Upgrades (issue 18 item 5): a database an older release wrote is upgraded to today's schema on SQLite
// and PostgreSQL, and then `kashlink verify` passes (audit chain, seals, ledger invariants) and the
// reports answer what the older release answered on the same data.
//
// The older release's data is a stored fixture (tests/cli/upgrade/*.json.gz, gzip-compressed JSON, made by
// scripts/make-upgrade-fixture.mjs from that release's own `kashlink demo`): its rows are loaded into the
// release's schema (the embedded migrations up to the fixture's newest), then the operator's command
// `kashlink migrate` applies the rest. The report answers are compared field by field: every field the
// older release answered must be there with the same value (fields added since are new, not changed).
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "store/migrations.h"
#include "store/store.h"
#include "support/run_command.h"
#include "support/server_process.h"
#include "support/test_env.h"

namespace kl::test {
namespace {

using nlohmann::json;

std::vector<std::filesystem::path> upgrade_fixtures() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(KL_UPGRADE_FIXTURES)) {
        if (entry.path().string().ends_with(".json.gz")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// A fixture is gzip-compressed JSON (a demo database is megabytes of text; compressed it stays small
// enough to keep in the repository).
json read_json(const std::filesystem::path& file) {
    gzFile in = gzopen(file.c_str(), "rb");
    if (in == nullptr) throw std::runtime_error("cannot open " + file.string());
    std::string text;
    char buffer[1 << 16];
    int got = 0;
    while ((got = gzread(in, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(got));
    const bool whole = got == 0;
    gzclose(in);
    if (!whole) throw std::runtime_error("cannot decompress " + file.string());
    return json::parse(text);
}

store::Value value_of(const json& cell) {
    if (cell.is_null()) return store::null();
    if (cell.is_boolean()) return int64_t{cell.get<bool>() ? 1 : 0};
    if (cell.is_number_integer()) return cell.get<int64_t>();
    if (cell.is_number_float()) return cell.get<double>();
    return cell.get<std::string>();
}

// The older release's rows, in the fixture's order (parents before children), in one transaction. The
// rows its migrations seeded (categories, system organisations…) are in the fixture as that release
// left them, so each table is emptied first (children first).
Result<int64_t> load_rows(store::Store& store, const json& tables) {
    return store.write([&](store::Tx& tx) -> Result<int64_t> {
        for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
            KL_TRY(tx.execute("DELETE FROM " + (*table)["name"].get<std::string>()));
        }
        int64_t loaded = 0;
        for (const auto& table : tables) {
            std::string columns;
            std::string marks;
            for (size_t index = 0; index < table["columns"].size(); ++index) {
                columns += (index ? ", " : "") + table["columns"][index].get<std::string>();
                marks += (index ? ", $" : "$") + std::to_string(index + 1);
            }
            const std::string sql = "INSERT INTO " + table["name"].get<std::string>() + " (" + columns + ") VALUES (" + marks + ")";
            for (const auto& row : table["rows"]) {
                store::Params params;
                for (const auto& cell : row) params.push_back(value_of(cell));
                KL_TRY(tx.execute(sql, params));
                ++loaded;
            }
        }
        return loaded;
    });
}

// "" when every field of `before` is in `after` with the same value; else where they first differ.
std::string first_difference(const json& before, const json& after, const std::string& where) {
    if (before.is_object()) {
        if (!after.is_object()) return where + ": was an object";
        for (const auto& [key, value] : before.items()) {
            if (!after.contains(key)) return where + "." + key + ": missing";
            auto inner = first_difference(value, after[key], where + "." + key);
            if (!inner.empty()) return inner;
        }
        return "";
    }
    if (before.is_array()) {
        if (!after.is_array() || after.size() != before.size()) return where + ": was an array of " + std::to_string(before.size());
        for (size_t index = 0; index < before.size(); ++index) {
            auto inner = first_difference(before[index], after[index], where + "[" + std::to_string(index) + "]");
            if (!inner.empty()) return inner;
        }
        return "";
    }
    return before == after ? "" : where + ": was " + before.dump() + ", now " + after.dump();
}

class Upgrade : public ::testing::TestWithParam<std::string> {};

TEST(UpgradeFixtures, AreThereAndNameAnEmbeddedMigration) {
    const auto files = upgrade_fixtures();
    ASSERT_FALSE(files.empty()) << "no upgrade fixture in " << KL_UPGRADE_FIXTURES;
    for (const auto& file : files) {
        const json fixture = read_json(file);
        const std::string schema = fixture.at("schema");
        EXPECT_FALSE(store::embedded_migrations_through(schema).empty()) << file << ": " << schema;
        EXPECT_LT(store::embedded_migrations_through(schema).size(), store::embedded_migrations().size())
            << file << " is today's schema: it upgrades nothing";
        EXPECT_FALSE(fixture.at("reads").empty()) << file;
    }
}

TEST_P(Upgrade, AnOlderReleasesDatabaseUpgradesVerifiesAndReportsTheSame) {
    if (GetParam() == "postgres" && postgres_url().empty() && !postgres_required()) GTEST_SKIP();
    for (const auto& file : upgrade_fixtures()) {
        SCOPED_TRACE(file.filename().string());
        const json fixture = read_json(file);
        TempDir dir;
        const std::string db = GetParam() == "postgres" ? fresh_postgres_database() : dir.file("older.sqlite");
        const std::string key = dir.file("audit.key");
        {
            std::ofstream out(key);
            out << fixture.at("audit_signing_key").get<std::string>();
        }
        ASSERT_EQ(::chmod(key.c_str(), 0600), 0);

        const std::string schema = fixture.at("schema");
        {
            store::StoreOptions options;
            options.url = db;
            options.apply_migrations = false;
            auto opened = store::open_store(options);
            ASSERT_TRUE(opened) << opened.error().message;
            auto built = store::migrate(**opened, store::embedded_migrations_through(schema));
            ASSERT_TRUE(built) << built.error().message;
            auto loaded = load_rows(**opened, fixture.at("tables"));
            ASSERT_TRUE(loaded) << loaded.error().message;
            EXPECT_GT(*loaded, 0);
        }

        const CommandResult migrated = run_command(KL_KASHLINK_BINARY, {"migrate", "--db", db});
        ASSERT_EQ(migrated.status, 0) << migrated.out << migrated.err;
        EXPECT_NE(migrated.out.find(store::embedded_migrations().back().name), std::string::npos) << migrated.out;

        const CommandResult verified = run_command(KL_KASHLINK_BINARY, {"verify", "--db", db, "--audit-signing-key-file", key});
        EXPECT_EQ(verified.status, 0) << verified.out << verified.err;
        EXPECT_NE(verified.out.find("verified: the chain and the ledger hold"), std::string::npos) << verified.out;

        ServerProcess server(KL_KASHLINK_BINARY, db, key);
        std::map<std::string, std::unique_ptr<httplib::Client>> clients;
        for (const auto& read : fixture.at("reads")) {
            const std::string user = read.at("user");
            const std::string path = read.at("path");
            auto& client = clients[user];
            if (!client) client = server.client(user, "kashlink-" + user);
            auto answer = client->Get(path);
            ASSERT_TRUE(answer) << path;
            ASSERT_EQ(answer->status, read.at("status").get<int>()) << user << " GET " << path << ": " << answer->body;
            EXPECT_EQ(first_difference(read.at("body"), json::parse(answer->body), "body"), "") << user << " GET " << path;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, Upgrade, ::testing::ValuesIn(backends_under_test()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace kl::test
