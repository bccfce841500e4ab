#include "store/sqlite/wal_checkpointer.h"

#include <spdlog/spdlog.h>

#include "core/assert.h"

namespace kl::store::sqlite {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path, sqlite3* writer,
                                                                 const WalCheckpointOptions& options) {
    KL_ASSERT(writer != nullptr && options.pages >= 1 && options.inline_pages_min >= options.pages);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    DbPtr own(raw);
    if (rc != SQLITE_OK) {
        return fail(ErrorCode::unavailable, "cannot open a checkpoint connection to '" + path +
                                                "': " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    // A checkpoint syncs by the synchronous setting of the connection that runs it.
    const char* sync = options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
    if (sqlite3_exec(own.get(), sync, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return fail(ErrorCode::unavailable, "cannot configure the checkpoint connection to '" + path +
                                                "': " + sqlite3_errmsg(own.get()));
    }
    std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer(std::move(own), writer, options));
    checkpointer->thread_ = std::thread([raw_self = checkpointer.get()] { raw_self->loop(); });
    // Registering a hook turns the connection's automatic checkpoint off (sqlite3_wal_autocheckpoint
    // is itself a WAL hook).
    sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, checkpointer.get());
    return checkpointer;
}

WalCheckpointer::WalCheckpointer(DbPtr own, sqlite3* writer, const WalCheckpointOptions& options)
    : own_(std::move(own)), writer_(writer), options_(options) {}

WalCheckpointer::~WalCheckpointer() {
    // SQLite's own automatic checkpoint again, for whatever the writer commits from here on.
    sqlite3_wal_autocheckpoint(writer_, static_cast<int>(options_.pages));
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

WalCheckpointStats WalCheckpointer::stats() const {
    return WalCheckpointStats{background_.load(), inline_.load(), failed_.load()};
}

int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* /*schema*/, int log_frames) {
    static_cast<WalCheckpointer*>(self)->after_commit(db, log_frames);
    return SQLITE_OK;  // an error here would be reported as the COMMIT's, which has succeeded
}

void WalCheckpointer::after_commit(sqlite3* db, int64_t log_frames) {
    const int64_t checked = checked_frames_.load();
    const int64_t fresh = log_frames < checked ? log_frames : log_frames - checked;
    if (fresh < options_.pages) return;
    if (log_frames >= options_.inline_pages_min) {
        checkpoint(db, inline_);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        wanted_ = true;
    }
    wake_.notify_one();
}

void WalCheckpointer::loop() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return wanted_ || stopping_; });
        if (stopping_) return;
        wanted_ = false;
        lock.unlock();
        checkpoint(own_.get(), background_);
        lock.lock();
    }
}

void WalCheckpointer::checkpoint(sqlite3* db, std::atomic<int64_t>& counter) {
    int log_frames = 0;
    int copied_frames = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied_frames);
    if (rc == SQLITE_BUSY) return;  // the other side is checkpointing right now
    if (rc != SQLITE_OK) {
        failed_.fetch_add(1);
        spdlog::warn("SQLite WAL checkpoint failed: {} (the next commit's will retry)", sqlite3_errmsg(db));
        return;
    }
    checked_frames_.store(log_frames);
    counter.fetch_add(1);
}

}  // namespace kl::store::sqlite
