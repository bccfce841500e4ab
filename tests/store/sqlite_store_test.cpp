// SQLite-only behaviour: configuration, checkpoints on their own thread, named parameter binding, ":memory:", and a database file
// that is read-only or locked by another connection (unavailable, nothing corrupted).

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "store/sqlite/sqlite_connection.h"
#include "store_fixture.h"

namespace kl::store::testing {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::unique_ptr<Store> open_ok(const std::string& url, StoreOptions options = {}) {
    options.url = url;
    auto store = open_store(options);
    EXPECT_TRUE(store) << (store ? "" : store.error().message);
    return store ? std::move(*store) : nullptr;
}

Result<void> insert_note(Store& store, const std::string& note) {
    return store.write([&](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO notes (note) VALUES ($1)", {note}));
        return ok();
    });
}

int64_t count_notes(Store& store) {
    int64_t notes = -1;
    auto read = store.read([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT COUNT(*) AS n FROM notes"));
        notes = rows[0].i64("n");
        return ok();
    });
    return read ? notes : -1;
}

// A database file holding one note, closed (so its WAL is checkpointed into the main file).
std::string make_database(const kl::test::TempDir& dir) {
    const std::string path = dir.file("kashlink.sqlite");
    auto store = open_ok(path);
    EXPECT_TRUE(store->write([](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("CREATE TABLE notes (note TEXT NOT NULL)"));
        KL_TRY(tx.execute("INSERT INTO notes (note) VALUES ('first')"));
        return ok();
    }));
    return path;
}

// Runs `check` without root's power to ignore file permissions: in a child process that switched to
// the unprivileged user "nobody" (65534) when we are root, as in CI; in this process otherwise.
// Returns check's result, or a negative number when the child could not run it.
constexpr uid_t nobody_id = 65534;
int run_unprivileged(const std::function<int()>& check) {
    if (::geteuid() != 0) return check();
    const pid_t child = ::fork();
    if (child < 0) return -1;
    if (child == 0) {
        if (::setgid(nobody_id) != 0 || ::setuid(nobody_id) != 0) ::_exit(100);
        ::_exit(check());
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -2;
    return WEXITSTATUS(status);
}

// Exit codes of the unprivileged checks, named so a failure says which step went wrong.
enum Check : int {
    passed = 0,
    open_failed = 1,
    write_not_refused = 2,
    write_wrong_code = 3,
    read_failed = 4,
    open_not_refused = 5,
    open_wrong_code = 6,
};

TEST(SqliteStore, ReadOnlyFileRefusesWritesAsUnavailableAndStaysIntact) {
    kl::test::TempDir dir;
    const std::string path = make_database(dir);
    const std::string before = read_file(path);
    ASSERT_FALSE(before.empty());
    ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);  // the directory stays writable: only the file is read-only
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);

    const int outcome = run_unprivileged([&]() -> int {
        StoreOptions options;
        options.url = path;
        options.busy_timeout_ms = 200;
        auto store = open_store(options);
        if (!store) return open_failed;
        auto written = insert_note(**store, "second");
        if (written) return write_not_refused;
        if (written.error().code != ErrorCode::unavailable) return write_wrong_code;
        {
            auto raw = (*store)->begin(TxMode::read_write);
            if (raw) {
                if ((*raw)->execute("INSERT INTO notes (note) VALUES ('third')")) return write_not_refused;
            } else if (raw.error().code != ErrorCode::unavailable) {
                return write_wrong_code;
            }
        }
        if (count_notes(**store) != 1) return read_failed;  // reads keep working
        return passed;
    });
    EXPECT_EQ(outcome, passed);

    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    EXPECT_EQ(read_file(path), before);
    auto store = open_ok(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(count_notes(*store), 1);
}

TEST(SqliteStore, ReadOnlyDirectoryRefusesToOpenAsUnavailableAndStaysIntact) {
    kl::test::TempDir dir;
    const std::string path = make_database(dir);
    const std::string before = read_file(path);
    // The file itself is writable by the unprivileged user, but the WAL files cannot be created.
    if (::geteuid() == 0) {
        ASSERT_EQ(::chown(path.c_str(), nobody_id, nobody_id), 0);
    }
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0555), 0);

    const int outcome = run_unprivileged([&]() -> int {
        StoreOptions options;
        options.url = path;
        options.busy_timeout_ms = 200;
        auto store = open_store(options);
        if (store) {
            // Opened after all: writes must then be refused.
            auto written = insert_note(**store, "second");
            if (written) return write_not_refused;
            return written.error().code == ErrorCode::unavailable ? passed : write_wrong_code;
        }
        return store.error().code == ErrorCode::unavailable ? passed : open_wrong_code;
    });
    EXPECT_EQ(outcome, passed);

    ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
    EXPECT_EQ(read_file(path), before);
    auto store = open_ok(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(count_notes(*store), 1);
}

TEST(SqliteStore, DatabaseLockedByAnotherConnectionIsUnavailableWithinTheBusyTimeout) {
    kl::test::TempDir dir;
    const std::string path = make_database(dir);
    StoreOptions options;
    options.busy_timeout_ms = 200;
    auto store = open_ok(path, options);
    ASSERT_NE(store, nullptr);

    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite::DbPtr locker(raw);
    ASSERT_EQ(sqlite3_exec(locker.get(), "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);

    auto written = insert_note(*store, "while locked");
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::unavailable) << written.error().message;
    auto tx = store->begin(TxMode::read_write);
    ASSERT_FALSE(tx);
    EXPECT_EQ(tx.error().code, ErrorCode::unavailable) << tx.error().message;
    EXPECT_EQ(count_notes(*store), 1);  // WAL readers are not blocked by the writer lock

    ASSERT_EQ(sqlite3_exec(locker.get(), "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
    locker.reset();
    ASSERT_TRUE(insert_note(*store, "after"));
    EXPECT_EQ(count_notes(*store), 2);
}

TEST(SqliteStore, ParametersAreBoundByNameNotByOrderOfAppearance) {
    auto store = open_ok(":memory:");
    ASSERT_NE(store, nullptr);
    auto check = store->read([](Tx& tx) -> Result<void> {
        // SQLite gives "$3" index 1 here; binding by position would swap the values.
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT $3 AS c, $1 AS a, $2 AS b",
                                          {std::string("one"), int64_t{2}, std::string("three")}));
        EXPECT_EQ(rows[0].text("c"), "three");
        EXPECT_EQ(rows[0].text("a"), "one");
        EXPECT_EQ(rows[0].i64("b"), 2);
        return ok();
    });
    EXPECT_TRUE(check) << (check ? "" : check.error().message);

    auto run = [&](const std::string& sql, const Params& params) {
        return store->read([&](Tx& tx) -> Result<void> {
            KL_TRY(tx.query(sql, params));
            return ok();
        });
    };
    for (const auto& [sql, params] : std::vector<std::pair<std::string, Params>>{
             {"SELECT $1, $3", {int64_t{1}, int64_t{2}, int64_t{3}}},  // $2 given, unused
             {"SELECT $1, $2", {int64_t{1}}},                          // $2 used, not given
             {"SELECT ?", {int64_t{1}}},                               // not $n style
             {"SELECT :name", {int64_t{1}}}}) {
        auto result = run(sql, params);
        ASSERT_FALSE(result) << sql;
        EXPECT_EQ(result.error().code, ErrorCode::internal) << sql;
    }
}

TEST(SqliteStore, ConfiguresWalSynchronousAndForeignKeys) {
    kl::test::TempDir dir;
    for (const bool full : {true, false}) {
        StoreOptions options;
        options.synchronous_full = full;
        auto store = open_ok("sqlite:" + dir.file(full ? "full.sqlite" : "normal.sqlite"), options);
        ASSERT_NE(store, nullptr);
        auto check = store->write([&](Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(Rows mode, tx.query("PRAGMA journal_mode"));
            KL_TRY_ASSIGN(Rows sync, tx.query("PRAGMA synchronous"));
            KL_TRY_ASSIGN(Rows keys, tx.query("PRAGMA foreign_keys"));
            EXPECT_EQ(mode[0].text(0), "wal");
            EXPECT_EQ(sync[0].i64(0), full ? 2 : 1);  // FULL = 2, NORMAL = 1
            EXPECT_EQ(keys[0].i64(0), 1);
            return ok();
        });
        EXPECT_TRUE(check);
    }
}

// A write of about `pages` pages of 4 KB into table `blobs` (created on first use).
Result<void> write_pages(Store& store, int pages) {
    return store.write([&](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("CREATE TABLE IF NOT EXISTS blobs (data BLOB NOT NULL)"));
        KL_TRY(tx.execute("INSERT INTO blobs (data) VALUES (zeroblob($1))", {int64_t{4096} * pages}));
        return ok();
    });
}

// Polls `done` for up to five seconds (the checkpoint thread's pace is the scheduler's).
bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
}

TEST(SqliteStore, CheckpointsTheLogOnItsOwnThreadNotInTheCommit) {
    kl::test::TempDir dir;
    const std::string path = dir.file("kashlink.sqlite");
    ASSERT_NE(open_ok(path), nullptr);  // migrated, then closed: the log is empty
    StoreOptions options;
    options.wal_checkpoint_pages = 8;  // the writer would checkpoint inline only from 64 pages of log
    auto store = open_ok(path, options);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(write_pages(*store, 0));  // a few pages (the new table): under the threshold
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(store->stats().wal_checkpoints, 0);

    ASSERT_TRUE(write_pages(*store, 20));
    ASSERT_TRUE(eventually([&] { return store->stats().wal_checkpoints == 1; }));
    EXPECT_EQ(store->stats().wal_checkpoints_inline, 0);
    ASSERT_TRUE(write_pages(*store, 1));  // one page more is not 8 new pages
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(store->stats().wal_checkpoints, 1);
    EXPECT_EQ(store->stats().wal_checkpoints_inline, 0);

    store.reset();
    auto reopened = open_ok(path);
    ASSERT_NE(reopened, nullptr);
    auto rows = reopened->read([](Tx& tx) { return tx.query("SELECT COUNT(*) FROM blobs"); });
    ASSERT_TRUE(rows);
    EXPECT_EQ((*rows)[0].i64(0), 3);
}

TEST(SqliteStore, CommitsCheckpointThemselvesOnceTheLogRunsFarAhead) {
    kl::test::TempDir dir;
    ASSERT_NE(open_ok(dir.file("kashlink.sqlite")), nullptr);  // migrated, then closed: the log is empty
    StoreOptions options;
    options.wal_checkpoint_pages = 1;  // inline from 8 pages of log: the write below crosses it
    auto store = open_ok(dir.file("kashlink.sqlite"), options);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->stats().wal_checkpoints_inline, 0);
    ASSERT_TRUE(write_pages(*store, 12));
    EXPECT_EQ(store->stats().wal_checkpoints_inline, 1);
}

TEST(SqliteStore, InMemoryDatabaseHasNoLogToCheckpoint) {
    auto store = open_ok(":memory:");
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(write_pages(*store, 20));
    EXPECT_EQ(store->stats().wal_checkpoints, 0);
    EXPECT_EQ(store->stats().wal_checkpoints_inline, 0);
}

TEST(SqliteStore, CreatesTheParentDirectoryOfTheDatabaseFile) {
    kl::test::TempDir dir;
    const std::string path = dir.file("var/nested/kashlink.sqlite");
    auto store = open_ok("sqlite:" + path);
    ASSERT_NE(store, nullptr);
    EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(SqliteStore, InMemoryDatabaseServesReadsFromTheWriterConnection) {
    auto store = open_ok(":memory:");
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->write([](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("CREATE TABLE notes (note TEXT NOT NULL)"));
        KL_TRY(tx.execute("INSERT INTO notes (note) VALUES ($1)", {std::string("kept")}));
        return ok();
    }));
    EXPECT_EQ(count_notes(*store), 1);
    auto written_in_read = store->read([](Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO notes (note) VALUES ('sneaky')"));
        return ok();
    });
    ASSERT_FALSE(written_in_read);
    EXPECT_EQ(written_in_read.error().code, ErrorCode::unavailable);
    EXPECT_TRUE(insert_note(*store, "after a read"));  // query_only was switched off again
    EXPECT_EQ(count_notes(*store), 2);
    EXPECT_EQ(store->stats().pool_size, 0);
}

TEST(SqliteStore, BadOptionsAreRefusedNamingTheField) {
    StoreOptions options;
    options.url = ":memory:";
    options.reader_connections_max = 0;
    auto store = open_store(options);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(store.error().fields.size(), 1u);
    EXPECT_EQ(store.error().fields[0].field, "reader_connections_max");

    options = StoreOptions{};
    auto empty = open_store(options);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().fields.at(0).field, "url");

    options.url = ":memory:";
    options.wal_checkpoint_pages = 0;
    auto no_checkpoints = open_store(options);
    ASSERT_FALSE(no_checkpoints);
    EXPECT_EQ(no_checkpoints.error().fields.at(0).field, "wal_checkpoint_pages");
}

TEST(SqliteStore, FileThatIsNotADatabaseIsUnavailable) {
    kl::test::TempDir dir;
    const std::string path = dir.file("not-a-database.sqlite");
    std::ofstream(path) << "this is a text file, not SQLite, and it is long enough to hold a header......";
    const std::string before = read_file(path);
    StoreOptions options;
    options.url = path;
    auto store = open_store(options);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::unavailable) << store.error().message;
    EXPECT_EQ(read_file(path), before);
}

TEST(SqliteErrors, MapExtendedCodesToTheErrorVocabulary) {
    using sqlite::classify_sqlite_error;
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_UNIQUE), ErrorCode::already_exists);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_PRIMARYKEY), ErrorCode::already_exists);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_CHECK), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_FOREIGNKEY), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_NOTNULL), ErrorCode::failed_precondition);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CONSTRAINT_TRIGGER), ErrorCode::conflict);
    EXPECT_EQ(classify_sqlite_error(SQLITE_BUSY), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_BUSY_SNAPSHOT), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_LOCKED), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_READONLY_DBMOVED), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_CANTOPEN), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_IOERR_FSYNC), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_FULL), ErrorCode::unavailable);
    EXPECT_EQ(classify_sqlite_error(SQLITE_NOMEM), ErrorCode::resource_exhausted);
    EXPECT_EQ(classify_sqlite_error(SQLITE_ERROR), ErrorCode::internal);
    EXPECT_EQ(classify_sqlite_error(SQLITE_MISUSE), ErrorCode::internal);
}

}  // namespace
}  // namespace kl::store::testing
