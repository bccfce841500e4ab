// Power loss, not just process death (issue 18, item 3): the power-loss VFS itself, the SQLite store
// over it (every acknowledged commit survives a cut with the product's synchronous=FULL; with NORMAL
// the same cut loses commits, which proves the cut is real), and two cuts under the soak's mixed load
// on the real platform, checked afterwards by the real binary over SQLite's normal VFS. The long
// version is `make soak` (tests/soak/soak_main.cpp).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <vector>

#include "soak/power_loss_vfs.h"
#include "soak/soak_cycles.h"
#include "store/store.h"
#include "support/test_env.h"

namespace kl::soak {
namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One file opened straight through the VFS's methods, as SQLite's pager would.
struct RawFile {
    explicit RawFile(const std::string& path) : vfs(sqlite3_vfs_find(nullptr)), memory(static_cast<size_t>(vfs->szOsFile)) {
        file = reinterpret_cast<sqlite3_file*>(memory.data());
        int out = 0;
        opened = vfs->xOpen(vfs, path.c_str(), file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &out);
    }
    int write(char fill, int bytes, int64_t offset) {
        const std::string data(static_cast<size_t>(bytes), fill);
        return file->pMethods->xWrite(file, data.data(), bytes, offset);
    }
    int sync() { return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL); }
    void close() { file->pMethods->xClose(file); }

    sqlite3_vfs* vfs;
    std::vector<char> memory;  // the VFS's file object, szOsFile bytes (8-aligned by vector<char>'s allocator)
    sqlite3_file* file = nullptr;
    int opened = SQLITE_ERROR;
};

TEST(PowerLossVfs, ACutKeepsWhatWasSyncedDropsTheRestAndTearsTheLastWrite) {
    test::TempDir dir;
    const std::string path = dir.file("raw.db");
    test::PowerLossVfs vfs(7);
    RawFile raw(path);
    ASSERT_EQ(raw.opened, SQLITE_OK);
    ASSERT_EQ(raw.write('a', 4096, 0), SQLITE_OK);
    ASSERT_EQ(raw.sync(), SQLITE_OK);
    ASSERT_EQ(raw.write('b', 4096, 0), SQLITE_OK);     // overwrites synced bytes: undone by the cut
    ASSERT_EQ(raw.write('c', 4096, 4096), SQLITE_OK);  // the last unsynced write: torn
    EXPECT_EQ(file_bytes(path).substr(0, 4096), std::string(4096, 'b'));  // the process sees its writes
    vfs.cut_power();
    EXPECT_EQ(raw.write('d', 512, 0), SQLITE_IOERR_WRITE);  // nothing more happens without power
    EXPECT_EQ(raw.sync(), SQLITE_IOERR_FSYNC);
    raw.close();
    const test::PowerCutReport report = vfs.restore_disk_after_cut();
    EXPECT_EQ(report.writes_dropped, 2);
    EXPECT_EQ(report.torn_of_bytes, 4096);
    const std::string disk = file_bytes(path);
    ASSERT_GT(disk.size(), 4096u);
    ASSERT_LT(disk.size(), 8192u);
    EXPECT_EQ(disk.size() % 512, 0u);  // a disk tears between sectors
    EXPECT_EQ(disk.substr(0, 4096), std::string(4096, 'a'));
    EXPECT_EQ(disk.substr(4096), std::string(disk.size() - 4096, 'c'));
    EXPECT_EQ(static_cast<int64_t>(disk.size()) - 4096, report.torn_bytes);
}

int64_t count_rows(store::Store& store) {
    int64_t n = -1;
    auto read = store.read([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM soak_rows"));
        n = rows[0].i64("n");
        return ok();
    });
    return read ? n : -1;
}

std::unique_ptr<store::Store> open_sqlite(const std::string& path, bool synchronous_full) {
    store::StoreOptions options;
    options.url = path;
    options.synchronous_full = synchronous_full;
    options.wal_checkpoint_pages = 1000000;  // no checkpoint (which syncs) between the commits and the cut
    auto opened = store::open_store(options);
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().message);
    return opened ? std::move(*opened) : nullptr;
}

// Commits `commits` rows one transaction each over the power-loss VFS, cuts the power, and returns the
// rows a reopened store (normal VFS) finds.
int64_t rows_after_cut(const std::string& path, bool synchronous_full, int commits) {
    {
        auto store = open_sqlite(path, true);  // set up with the normal VFS, closed cleanly: durable
        EXPECT_TRUE(store->write([](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("CREATE TABLE soak_rows (n INTEGER PRIMARY KEY, note TEXT NOT NULL)"));
            return ok();
        }));
    }
    {
        test::PowerLossVfs vfs(11);
        {
            auto store = open_sqlite(path, synchronous_full);
            for (int i = 0; i < commits; ++i) {
                EXPECT_TRUE(store->write([&](store::Tx& tx) -> Result<void> {
                    KL_TRY(tx.execute("INSERT INTO soak_rows (n, note) VALUES ($1, $2)", {int64_t{i}, std::string(300, 'x')}));
                    return ok();
                }));  // acknowledged
            }
            vfs.cut_power();
        }  // the store closes on a dead disk
        (void)vfs.restore_disk_after_cut();
    }  // SQLite's own VFS from here
    auto reopened = open_sqlite(path, true);
    auto integrity = reopened->read([](store::Tx& tx) { return tx.query("PRAGMA integrity_check"); });
    EXPECT_TRUE(integrity && (*integrity)[0].text(0) == "ok");
    return count_rows(*reopened);
}

TEST(PowerLossStore, WithSynchronousFullEveryAcknowledgedCommitSurvivesACut) {
    test::TempDir dir;
    EXPECT_EQ(rows_after_cut(dir.file("full.sqlite"), true, 20), 20);
}

// The control: were the store to acknowledge before syncing (synchronous=NORMAL in WAL mode), the
// same cut loses acknowledged commits, so the VFS does cut what a power failure cuts.
TEST(PowerLossStore, WithSynchronousNormalTheSameCutLosesAcknowledgedCommits) {
    test::TempDir dir;
    const int64_t rows = rows_after_cut(dir.file("normal.sqlite"), false, 20);
    EXPECT_GE(rows, 0);
    EXPECT_LT(rows, 20);
}

TEST(PowerLoss, AcknowledgedOrdersChainsImportsAndRunsSurviveCutsUnderLoad) {
    test::TempDir dir;
    const std::string db = dir.file("power.sqlite");
    seed_demo_database(db);
    CycleOptions options;
    options.binary = KL_KASHLINK_BINARY;
    options.cycles = 2;
    options.threads = 3;
    options.load_ms_min = 300;
    options.load_ms_max = 900;
    options.seed = std::random_device{}();
    options.progress = false;
    SCOPED_TRACE("SOAK_SEED=" + std::to_string(options.seed));
    PowerTotals power;
    const Totals totals = run_power_cycles(options, db, dir.file("audit.key"), power);
    EXPECT_TRUE(totals.clean()) << totals.text("sqlite (power loss)");
    EXPECT_GT(totals.acknowledged_total(), 0) << totals.text("sqlite (power loss)");
    EXPECT_EQ(power.cuts, 2);
    EXPECT_GT(power.syncs, 0);
}

}  // namespace
}  // namespace kl::soak
