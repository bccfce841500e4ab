#include "access/session_cache.h"

namespace kl::access {

std::optional<SessionUser> SessionCache::find(const std::string& token_hash, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end()) return std::nullopt;
    const Entry& entry = it->second;
    if (entry.epoch != epoch_ || now_ms - entry.read_at_ms >= session_cache_entry_age_ms ||
        entry.session.expires_at_ms <= now_ms) {
        entries_.erase(it);
        return std::nullopt;
    }
    return entry.session;
}

void SessionCache::put(const std::string& token_hash, SessionUser session, int64_t epoch, int64_t read_at_ms) {
    std::lock_guard lock(mutex_);
    if (epoch != epoch_ || epoch < 0) return;
    if (entries_.size() >= session_cache_entries_max) make_room(read_at_ms);
    entries_[token_hash] = Entry{std::move(session), epoch, read_at_ms};
}

int64_t SessionCache::epoch() {
    std::lock_guard lock(mutex_);
    return epoch_;
}

bool SessionCache::epoch_due(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    return epoch_ < 0 || now_ms - epoch_read_at_ms_ >= session_epoch_recheck_ms || now_ms < epoch_read_at_ms_;
}

void SessionCache::observe_epoch(int64_t database_epoch, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (database_epoch != epoch_) entries_.clear();
    epoch_ = database_epoch;
    epoch_read_at_ms_ = now_ms;
}

void SessionCache::revoked() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    epoch_ = -1;
}

size_t SessionCache::size() {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

void SessionCache::make_room(int64_t now_ms) {
    std::erase_if(entries_, [&](const auto& item) { return now_ms - item.second.read_at_ms >= session_cache_entry_age_ms; });
    if (entries_.size() < session_cache_entries_max) return;
    size_t drop = entries_.size() / 2;
    for (auto it = entries_.begin(); it != entries_.end() && drop > 0; --drop) it = entries_.erase(it);
}

}  // namespace kl::access
