#pragma once
// Verified sessions kept in memory, so that an authenticated request does not read the database
// (issue 17: the session read was most of an authenticated GET's cost). Keyed by the token's SHA-256
// hash (the clear token is never kept), bounded, and never trusted past what can revoke it:
//
//   - Every revocation (sign-out, password change, a user disabled or given another role or
//     organisation) advances the database's auth epoch in its own transaction (access_repo.h) and,
//     made in this process, drops the cache at once (`revoked`).
//   - Each entry carries the epoch read BEFORE its session was read; it is used only while the
//     process's known epoch is still that one. The known epoch is read again at most every
//     session_epoch_recheck_ms, so a revocation made by another process on the same database (a
//     second server, the command line) takes effect within that interval.
//   - An entry is used at most session_cache_entry_age_ms after it was read (a row edited by hand,
//     without the epoch, is seen after that), and never past its session's expiry.
//
// Thread-safe (one mutex; lookups are a hash probe). When full, the entries past their age go first,
// then an arbitrary half: a refill costs one read per session.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "access/access_repo.h"

namespace kl::access {

inline constexpr int64_t session_epoch_recheck_ms = 250;
inline constexpr int64_t session_cache_entry_age_ms = 30'000;
inline constexpr size_t session_cache_entries_max = 100'000;

class SessionCache {
public:
    // The entry for `token_hash` if it may still be trusted at `now_ms`.
    std::optional<SessionUser> find(const std::string& token_hash, int64_t now_ms);
    // Keeps `session`, read under `epoch` (the value epoch() gave before the read) at `read_at_ms`;
    // ignored when the known epoch has moved since.
    void put(const std::string& token_hash, SessionUser session, int64_t epoch, int64_t read_at_ms);

    // The epoch entries are trusted under, and whether it is time to read the database's again.
    int64_t epoch();
    bool epoch_due(int64_t now_ms);
    // The database's epoch as read at `now_ms`: a moved value drops every entry.
    void observe_epoch(int64_t database_epoch, int64_t now_ms);
    // This process revoked something (and advanced the database's epoch): drop every entry now and
    // read the epoch before trusting anything again.
    void revoked();

    size_t size();

private:
    struct Entry {
        SessionUser session;
        int64_t epoch = 0;
        int64_t read_at_ms = 0;
    };
    void make_room(int64_t now_ms);

    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    int64_t epoch_ = -1;            // -1: not read yet (nothing is trusted)
    int64_t epoch_read_at_ms_ = 0;
};

}  // namespace kl::access
