#pragma once
// Checkpoints the write-ahead log on a thread of its own, so that no commit waits for one.
//
// SQLite's default (wal_autocheckpoint, 1,000 pages) runs the checkpoint inside the COMMIT that
// crosses the threshold: that commit copies the log's pages back into the database file and fsyncs
// it before it returns, 10–15 ms on this disk, so one write in every few pays for work that is not
// its own (an allocation run stored its proposals in 26 ms, or 40 ms every other run). The SQLite
// documentation names the remedy: turn the automatic checkpoint off and checkpoint from another
// thread. Here the writer connection's WAL hook only compares the log's length with the last
// checkpoint's and wakes this thread, which runs PASSIVE checkpoints on a connection of its own
// (PASSIVE never blocks the writer or readers; frames it cannot copy yet wait for the next one).
//
// Back-pressure: under writes without pause the log cannot restart while a checkpoint runs beside
// them, so it grows; once it holds `inline_pages_min` frames, the committing writer checkpoints
// inline as SQLite would have, which lets the next transaction restart the log from its start.

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/sqlite/sqlite_connection.h"

namespace kl::store::sqlite {

struct WalCheckpointOptions {
    int64_t pages = 1000;               // new log frames that wake the checkpoint thread (SQLite's default)
    int64_t inline_pages_min = 8000;    // log length from which the writer checkpoints inline (32 MB)
    bool synchronous_full = true;       // as the writer: both sync the log before and the file after
};

struct WalCheckpointStats {
    int64_t background = 0;  // checkpoints run by the checkpoint thread
    int64_t inline_ = 0;     // checkpoints the writer ran itself (back-pressure)
    int64_t failed = 0;      // checkpoints that returned an error (logged; the next one retries)
};

class WalCheckpointer {
public:
    // Opens the thread's connection to `path` and takes over `writer`'s WAL hook, which replaces
    // SQLite's automatic checkpoint on that connection. `writer` must outlive this object, and
    // this object must be destroyed before `writer` is used by another thread again.
    static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path, sqlite3* writer,
                                                          const WalCheckpointOptions& options);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    WalCheckpointStats stats() const;

private:
    WalCheckpointer(DbPtr own, sqlite3* writer, const WalCheckpointOptions& options);
    static int on_commit(void* self, sqlite3* db, const char* schema, int log_frames);
    void after_commit(sqlite3* db, int64_t log_frames);
    void loop();
    // Runs one PASSIVE checkpoint on `db` and records the log's length it saw.
    void checkpoint(sqlite3* db, std::atomic<int64_t>& counter);

    DbPtr own_;
    sqlite3* writer_;
    const WalCheckpointOptions options_;

    // The log's length when the last checkpoint looked at it: the hook measures new frames against
    // it (a shorter log than that means the log restarted from its start).
    std::atomic<int64_t> checked_frames_{0};
    std::atomic<int64_t> background_{0};
    std::atomic<int64_t> inline_{0};
    std::atomic<int64_t> failed_{0};

    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kl::store::sqlite
