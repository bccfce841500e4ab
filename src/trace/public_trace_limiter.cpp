#include "trace/public_trace_limiter.h"

#include <algorithm>

#include "core/assert.h"

namespace kl::trace {

ClientRateLimiter::ClientRateLimiter(RateLimit limit) : limit_(limit) {
    KL_ASSERT(limit_.burst >= 1);
    KL_ASSERT(limit_.interval_ms >= 1);
    KL_ASSERT(limit_.clients_max >= 1);
}

std::optional<int64_t> ClientRateLimiter::take(const std::string& client, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (full_at_ms_.size() >= limit_.clients_max && !full_at_ms_.contains(client)) {
        std::erase_if(full_at_ms_, [now_ms](const auto& entry) { return entry.second <= now_ms; });
        if (full_at_ms_.size() >= limit_.clients_max) full_at_ms_.clear();
    }
    const auto found = full_at_ms_.find(client);
    const int64_t full_at = found == full_at_ms_.end() ? now_ms : std::max(found->second, now_ms);
    // The bucket holds `burst` tokens: it may be at most burst − 1 intervals from full before this one.
    const int64_t allowance_ms = (limit_.burst - 1) * limit_.interval_ms;
    if (full_at - now_ms > allowance_ms) return full_at - now_ms - allowance_ms;
    full_at_ms_[client] = full_at + limit_.interval_ms;
    return std::nullopt;
}

}  // namespace kl::trace
