#pragma once
// A test SQLite VFS that simulates a power cut, not just the death of a process.
//
// A killed process loses nothing the kernel already has: its write()s sit in the page cache and
// reach the disk later. A power cut loses everything not yet fsync()ed, and the write the disk was
// doing may land only in part. SQLite's own crash tests (src/test6.c, the "crash" VFS behind
// crash*.test) model this; this is our own, smaller version of the same idea:
//
//   - it wraps the default VFS and registers itself as the default, so the product's own code
//     (store/sqlite opens with no VFS name) runs over it unchanged;
//   - every write or truncate of a database or WAL file is done for real, but what it overwrote is
//     kept in memory until the file's next xSync, which makes the file's content so far durable;
//   - cut_power() (at any moment, from any thread) turns the power off: from then on every I/O call
//     fails with SQLITE_IOERR_*, as a machine without power does nothing more;
//   - restore_disk_after_cut() (once every connection is closed) rewrites the files as a disk holds
//     them after the cut: each file back to its last synced content and size, then the last write
//     not synced torn — only its first sectors (a random number of whole 512-byte sectors, or of
//     bytes for a write shorter than two sectors) reach the disk. The shared-memory index (-shm)
//     is deleted: it lived in memory, and SQLite rebuilds it from the WAL.
//
// Simplifications, each on the side of the database: creating and deleting a file are durable at
// once (SQLite syncs the directory after creating a journal where it matters, and deletes only files
// whose content is already elsewhere), and unsynced writes other than the last are lost whole
// rather than some of them landing.

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace kl::test {

struct PowerCutReport {
    int64_t files = 0;            // files rolled back to their last sync
    int64_t writes_dropped = 0;   // unsynced writes undone (the torn one included)
    int64_t bytes_dropped = 0;
    int64_t torn_bytes = 0;       // of the last unsynced write, the part that reached the disk
    int64_t torn_of_bytes = 0;    // that write's length
    std::string torn_file;        // empty when nothing was unsynced
};

class PowerLossVfs {
public:
    // Registers as the process's default VFS (over the one that was the default); `seed` draws where
    // the last write tears.
    explicit PowerLossVfs(uint64_t seed);
    ~PowerLossVfs();  // gives the default back to the VFS it wrapped
    PowerLossVfs(const PowerLossVfs&) = delete;
    PowerLossVfs& operator=(const PowerLossVfs&) = delete;

    void cut_power();
    // Cuts the power right after the `writes`-th write from now has been made: a random point in the
    // I/O stream, most often between a write and the sync that would have made it durable (a cut
    // made by cut_power() at a random time mostly falls between two commits, with nothing unsynced).
    void cut_power_after_writes(int64_t writes);
    bool powered() const { return powered_.load(); }
    // Call once every connection opened over this VFS is closed. Puts the disk in its after-the-cut
    // state (see above), forgets what it tracked and turns the power back on.
    PowerCutReport restore_disk_after_cut();

    int64_t syncs() const { return syncs_.load(); }
    int64_t open_files() const { return open_files_.load(); }

    // For the VFS's C callbacks (power_loss_vfs.cpp); not for tests.
    struct Undo {
        uint64_t seq = 0;
        bool truncate = false;
        int64_t offset = 0;
        std::string old_bytes;  // what the write or truncate replaced (within the file's size then)
        std::string new_bytes;  // what a write wrote
    };
    struct FileLog {
        int64_t synced_size = 0;  // the file's size at its last sync (or when first opened)
        std::vector<Undo> unsynced;
    };
    sqlite3_vfs* base() const { return base_; }
    std::mutex& mutex() { return mutex_; }
    FileLog& log_of(const std::string& path, int64_t size_if_new);
    void forget(const std::string& path);
    uint64_t next_seq() { return ++seq_; }
    void note_main_db(const std::string& path);
    void file_opened() { ++open_files_; }
    void file_closed() { --open_files_; }
    void synced() { ++syncs_; }
    void wrote();  // with mutex() held, after a write was made: the armed cut falls here

private:
    sqlite3_vfs vfs_{};
    sqlite3_vfs* base_ = nullptr;
    std::atomic<bool> powered_{true};
    std::atomic<int64_t> syncs_{0};
    std::atomic<int64_t> open_files_{0};
    std::mutex mutex_;  // held by every write, truncate and sync, and by cut_power: a cut falls between two of them
    uint64_t seq_ = 0;
    int64_t writes_until_cut_ = -1;  // -1: not armed
    std::map<std::string, FileLog> logs_;
    std::vector<std::string> main_dbs_;
    std::mt19937_64 random_;
};

}  // namespace kl::test
