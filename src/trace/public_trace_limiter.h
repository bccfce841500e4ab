#pragma once
// The public trace page's rate limit per client address: a token bucket per client kept in memory
// (the page needs no sign-in, so the address is all there is to count by). Each client may make
// `burst` requests at once and then one per `interval_ms`; beyond that take() says how long to wait
// (429 with Retry-After). The bucket is held as one number per client, the time its bucket is
// full again (GCRA, the "theoretical arrival time"), so the map costs ~100 bytes a client.
//
// Memory is bounded: at most clients_max clients are remembered. When a new client would exceed it,
// the clients whose buckets are full again are forgotten (they are as if never seen); if every one
// is still counting, all are forgotten — an attack from more addresses than that within one refill
// time resets the counts rather than growing the map.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kl::trace {

struct RateLimit {
    int64_t burst = 60;         // requests a client may make at once
    int64_t interval_ms = 500;  // then one per this long (120 a minute)
    size_t clients_max = 100'000;
};

class ClientRateLimiter {
public:
    explicit ClientRateLimiter(RateLimit limit = {});

    // nullopt: admitted (one token taken); otherwise the milliseconds until the next would be.
    std::optional<int64_t> take(const std::string& client, int64_t now_ms);

    const RateLimit& limit() const { return limit_; }

private:
    RateLimit limit_;
    std::mutex mutex_;
    std::unordered_map<std::string, int64_t> full_at_ms_;  // client → when its bucket is full again
};

}  // namespace kl::trace
