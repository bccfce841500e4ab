#include "soak/power_loss_vfs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace kl::test {

namespace {

constexpr int sector_bytes = 512;  // the unit a disk writes whole, or not at all, when the power goes
constexpr const char* vfs_name = "kashlink-power-loss";

// Our file: the wrapped VFS's file lives right after it, in the same allocation (szOsFile).
struct PlFile {
    sqlite3_file base;
    PowerLossVfs* owner;
    std::string* path;  // null: not tracked (temporary files, which a power cut only makes vanish)
    sqlite3_file* real;
};

PowerLossVfs* owner_of(sqlite3_vfs* vfs) { return static_cast<PowerLossVfs*>(vfs->pAppData); }
PlFile* pl(sqlite3_file* file) { return reinterpret_cast<PlFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return pl(file)->real; }
bool off(sqlite3_file* file) { return !pl(file)->owner->powered(); }

int64_t real_size(sqlite3_file* file) {
    sqlite3_int64 size = 0;
    if (real(file)->pMethods->xFileSize(real(file), &size) != SQLITE_OK) return -1;
    return size;
}

// The bytes of [offset, offset + length) that exist in the file now (a write past the end replaced nothing there).
std::string bytes_before(sqlite3_file* file, int64_t offset, int64_t length, int64_t size) {
    const int64_t end = std::min(offset + length, size);
    if (end <= offset) return {};
    std::string out(static_cast<size_t>(end - offset), '\0');
    (void)real(file)->pMethods->xRead(real(file), out.data(), static_cast<int>(out.size()), offset);
    return out;
}

int pl_close(sqlite3_file* file) {
    // Always passed on, even without power: the process lets go of its handles either way.
    const int rc = real(file)->pMethods->xClose(real(file));
    pl(file)->owner->file_closed();
    delete pl(file)->path;
    pl(file)->path = nullptr;
    return rc;
}

int pl_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    if (off(file)) return SQLITE_IOERR_READ;
    return real(file)->pMethods->xRead(real(file), out, amount, offset);
}

int pl_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    PowerLossVfs& owner = *pl(file)->owner;
    std::lock_guard lock(owner.mutex());
    if (off(file)) return SQLITE_IOERR_WRITE;
    if (pl(file)->path) {
        const int64_t size = real_size(file);
        if (size < 0) return SQLITE_IOERR_FSTAT;
        PowerLossVfs::Undo undo;
        undo.seq = owner.next_seq();
        undo.offset = offset;
        undo.old_bytes = bytes_before(file, offset, amount, size);
        undo.new_bytes.assign(static_cast<const char*>(data), static_cast<size_t>(amount));
        owner.log_of(*pl(file)->path, size).unsynced.push_back(std::move(undo));
    }
    const int rc = real(file)->pMethods->xWrite(real(file), data, amount, offset);
    if (rc == SQLITE_OK) owner.wrote();
    return rc;
}

int pl_truncate(sqlite3_file* file, sqlite3_int64 size) {
    PowerLossVfs& owner = *pl(file)->owner;
    std::lock_guard lock(owner.mutex());
    if (off(file)) return SQLITE_IOERR_TRUNCATE;
    if (pl(file)->path) {
        const int64_t was = real_size(file);
        if (was < 0) return SQLITE_IOERR_FSTAT;
        PowerLossVfs::Undo undo;
        undo.seq = owner.next_seq();
        undo.truncate = true;
        undo.offset = size;
        undo.old_bytes = bytes_before(file, size, was - size, was);
        owner.log_of(*pl(file)->path, was).unsynced.push_back(std::move(undo));
    }
    return real(file)->pMethods->xTruncate(real(file), size);
}

int pl_sync(sqlite3_file* file, int flags) {
    PowerLossVfs& owner = *pl(file)->owner;
    std::lock_guard lock(owner.mutex());
    if (off(file)) return SQLITE_IOERR_FSYNC;
    const int rc = real(file)->pMethods->xSync(real(file), flags);
    if (rc == SQLITE_OK && pl(file)->path) {
        // Durable from here on: what the file holds now survives a cut.
        const int64_t size = real_size(file);
        PowerLossVfs::FileLog& file_log = owner.log_of(*pl(file)->path, size);
        file_log.unsynced.clear();
        file_log.synced_size = size;
        owner.synced();
    }
    return rc;
}

int pl_file_size(sqlite3_file* file, sqlite3_int64* size) {
    if (off(file)) return SQLITE_IOERR_FSTAT;
    return real(file)->pMethods->xFileSize(real(file), size);
}

int pl_lock(sqlite3_file* file, int level) {
    if (off(file)) return SQLITE_IOERR_LOCK;
    return real(file)->pMethods->xLock(real(file), level);
}

int pl_unlock(sqlite3_file* file, int level) { return real(file)->pMethods->xUnlock(real(file), level); }

int pl_check_reserved_lock(sqlite3_file* file, int* out) {
    if (off(file)) return SQLITE_IOERR_CHECKRESERVEDLOCK;
    return real(file)->pMethods->xCheckReservedLock(real(file), out);
}

int pl_file_control(sqlite3_file* file, int op, void* arg) {
    // A size hint may grow the file behind xWrite's back (with a chunk size set); it is only a hint.
    if (op == SQLITE_FCNTL_SIZE_HINT) return SQLITE_OK;
    if (op == SQLITE_FCNTL_VFSNAME) {
        auto** name = static_cast<char**>(arg);
        sqlite3_free(*name);  // no inner name to chain: ours is enough
        *name = sqlite3_mprintf("%s", vfs_name);
        return SQLITE_OK;
    }
    return real(file)->pMethods->xFileControl(real(file), op, arg);
}

int pl_sector_size(sqlite3_file* file) { return real(file)->pMethods->xSectorSize(real(file)); }

int pl_device_characteristics(sqlite3_file* file) { return real(file)->pMethods->xDeviceCharacteristics(real(file)); }

int pl_shm_map(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
    if (off(file)) return SQLITE_IOERR_SHMMAP;
    return real(file)->pMethods->xShmMap(real(file), page, page_size, extend, out);
}

int pl_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    if (off(file) && (flags & SQLITE_SHM_LOCK) != 0) return SQLITE_IOERR_SHMLOCK;
    return real(file)->pMethods->xShmLock(real(file), offset, n, flags);
}

void pl_shm_barrier(sqlite3_file* file) { real(file)->pMethods->xShmBarrier(real(file)); }

int pl_shm_unmap(sqlite3_file* file, int delete_flag) { return real(file)->pMethods->xShmUnmap(real(file), delete_flag); }

// Version 2: no xFetch, so SQLite never maps the file into memory and every write passes xWrite.
const sqlite3_io_methods pl_io_methods = {
    2,           pl_close,         pl_read,        pl_write,       pl_truncate,  pl_sync,
    pl_file_size, pl_lock,         pl_unlock,      pl_check_reserved_lock,       pl_file_control,
    pl_sector_size, pl_device_characteristics,     pl_shm_map,     pl_shm_lock,  pl_shm_barrier,
    pl_shm_unmap, nullptr,         nullptr,
};

int pl_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    PowerLossVfs& owner = *owner_of(vfs);
    PlFile* p = pl(file);
    p->base.pMethods = nullptr;
    if (!owner.powered()) return SQLITE_IOERR;
    p->owner = &owner;
    p->path = nullptr;
    p->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(p) + sizeof(PlFile));
    const int rc = owner.base()->xOpen(owner.base(), name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        // Ours stays without methods, so SQLite will not close it: close the wrapped one if it asks to be.
        if (p->real->pMethods != nullptr) p->real->pMethods->xClose(p->real);
        return rc;
    }
    const bool durable = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    if (durable && name != nullptr) {
        p->path = new std::string(name);
        std::lock_guard lock(owner.mutex());
        (void)owner.log_of(*p->path, real_size(file));
        if ((flags & SQLITE_OPEN_MAIN_DB) != 0) owner.note_main_db(*p->path);
    }
    owner.file_opened();
    p->base.pMethods = &pl_io_methods;
    return SQLITE_OK;
}

int pl_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    PowerLossVfs& owner = *owner_of(vfs);
    std::lock_guard lock(owner.mutex());
    if (!owner.powered()) return SQLITE_IOERR_DELETE;
    owner.forget(name);
    return owner.base()->xDelete(owner.base(), name, sync_dir);
}

int pl_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    if (!owner_of(vfs)->powered()) return SQLITE_IOERR_ACCESS;
    return owner_of(vfs)->base()->xAccess(owner_of(vfs)->base(), name, flags, out);
}

int pl_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return owner_of(vfs)->base()->xFullPathname(owner_of(vfs)->base(), name, size, out);
}
void* pl_dl_open(sqlite3_vfs* vfs, const char* name) { return owner_of(vfs)->base()->xDlOpen(owner_of(vfs)->base(), name); }
void pl_dl_error(sqlite3_vfs* vfs, int size, char* out) { owner_of(vfs)->base()->xDlError(owner_of(vfs)->base(), size, out); }
void (*pl_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return owner_of(vfs)->base()->xDlSym(owner_of(vfs)->base(), handle, symbol);
}
void pl_dl_close(sqlite3_vfs* vfs, void* handle) { owner_of(vfs)->base()->xDlClose(owner_of(vfs)->base(), handle); }
int pl_randomness(sqlite3_vfs* vfs, int size, char* out) { return owner_of(vfs)->base()->xRandomness(owner_of(vfs)->base(), size, out); }
int pl_sleep(sqlite3_vfs* vfs, int micros) { return owner_of(vfs)->base()->xSleep(owner_of(vfs)->base(), micros); }
int pl_current_time(sqlite3_vfs* vfs, double* out) { return owner_of(vfs)->base()->xCurrentTime(owner_of(vfs)->base(), out); }
int pl_last_error(sqlite3_vfs* vfs, int size, char* out) { return owner_of(vfs)->base()->xGetLastError(owner_of(vfs)->base(), size, out); }
int pl_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return owner_of(vfs)->base()->xCurrentTimeInt64(owner_of(vfs)->base(), out);
}

// Writes all of `bytes` at `offset` (the restore runs with the power back on, on the real file).
void write_at(int fd, const std::string& bytes, int64_t offset, const std::string& path) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
        if (n <= 0) throw std::runtime_error("power-loss restore: cannot write " + path);
        done += static_cast<size_t>(n);
    }
}

}  // namespace

PowerLossVfs::PowerLossVfs(uint64_t seed) : random_(seed) {
    base_ = sqlite3_vfs_find(nullptr);
    if (base_ == nullptr || base_->iVersion < 2) throw std::runtime_error("power-loss VFS: no default VFS to wrap");
    vfs_.iVersion = 2;
    vfs_.szOsFile = static_cast<int>(sizeof(PlFile)) + base_->szOsFile;
    vfs_.mxPathname = base_->mxPathname;
    vfs_.zName = vfs_name;
    vfs_.pAppData = this;
    vfs_.xOpen = pl_open;
    vfs_.xDelete = pl_delete;
    vfs_.xAccess = pl_access;
    vfs_.xFullPathname = pl_full_pathname;
    vfs_.xDlOpen = pl_dl_open;
    vfs_.xDlError = pl_dl_error;
    vfs_.xDlSym = pl_dl_sym;
    vfs_.xDlClose = pl_dl_close;
    vfs_.xRandomness = pl_randomness;
    vfs_.xSleep = pl_sleep;
    vfs_.xCurrentTime = pl_current_time;
    vfs_.xGetLastError = pl_last_error;
    vfs_.xCurrentTimeInt64 = pl_current_time_int64;
    if (sqlite3_vfs_register(&vfs_, 1) != SQLITE_OK) throw std::runtime_error("power-loss VFS: cannot register");
}

PowerLossVfs::~PowerLossVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(base_, 1);
}

void PowerLossVfs::cut_power() {
    std::lock_guard lock(mutex_);  // waits for a write or sync in progress: the cut falls between two
    powered_ = false;
}

void PowerLossVfs::cut_power_after_writes(int64_t writes) {
    std::lock_guard lock(mutex_);
    writes_until_cut_ = writes;
}

void PowerLossVfs::wrote() {
    if (writes_until_cut_ > 0 && --writes_until_cut_ == 0) powered_ = false;
}

PowerLossVfs::FileLog& PowerLossVfs::log_of(const std::string& path, int64_t size_if_new) {
    auto [it, added] = logs_.try_emplace(path);
    if (added) it->second.synced_size = size_if_new;
    return it->second;
}

void PowerLossVfs::forget(const std::string& path) { logs_.erase(path); }

void PowerLossVfs::note_main_db(const std::string& path) {
    if (std::find(main_dbs_.begin(), main_dbs_.end(), path) == main_dbs_.end()) main_dbs_.push_back(path);
}

PowerCutReport PowerLossVfs::restore_disk_after_cut() {
    std::lock_guard lock(mutex_);
    if (open_files_ != 0) throw std::runtime_error("power-loss restore: connections are still open");
    PowerCutReport report;
    const std::string* last_path = nullptr;
    const Undo* last = nullptr;
    for (const auto& [path, file_log] : logs_) {
        for (const auto& undo : file_log.unsynced) {
            if (!undo.truncate && (last == nullptr || undo.seq > last->seq)) {
                last = &undo;
                last_path = &path;
            }
        }
    }
    for (const auto& [path, file_log] : logs_) {
        if (file_log.unsynced.empty()) continue;
        const int fd = ::open(path.c_str(), O_RDWR);
        if (fd < 0) throw std::runtime_error("power-loss restore: cannot open " + path);
        // Newest first, so each undo finds the file as its change left it.
        for (auto undo = file_log.unsynced.rbegin(); undo != file_log.unsynced.rend(); ++undo) {
            write_at(fd, undo->old_bytes, undo->offset, path);
            ++report.writes_dropped;
            report.bytes_dropped += static_cast<int64_t>(undo->new_bytes.size());
        }
        if (::ftruncate(fd, static_cast<off_t>(file_log.synced_size)) != 0) throw std::runtime_error("power-loss restore: cannot truncate " + path);
        if (last_path == &path) {
            const int64_t length = static_cast<int64_t>(last->new_bytes.size());
            const int64_t sectors = length / sector_bytes;
            int64_t torn = 0;
            if (sectors >= 2) {
                torn = std::uniform_int_distribution<int64_t>(1, sectors - 1)(random_) * sector_bytes;
            } else if (length >= 2) {
                torn = std::uniform_int_distribution<int64_t>(1, length - 1)(random_);
            }
            write_at(fd, last->new_bytes.substr(0, static_cast<size_t>(torn)), last->offset, path);
            report.torn_bytes = torn;
            report.torn_of_bytes = length;
            report.torn_file = path;
        }
        ::fsync(fd);
        ::close(fd);
        ++report.files;
    }
    // The WAL index lived in shared memory: after a cut there is none, and SQLite rebuilds it.
    for (const auto& db : main_dbs_) ::unlink((db + "-shm").c_str());
    logs_.clear();
    main_dbs_.clear();
    writes_until_cut_ = -1;
    powered_ = true;
    return report;
}

}  // namespace kl::test
