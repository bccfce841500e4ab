#pragma once
// Time is injected (Envoy, Scylla): services read a Clock, tests drive a ManualClock.
// Storage holds UTC as integer milliseconds since the Unix epoch; display is Asia/Shanghai (UTC+8).

#include <atomic>
#include <cstdint>
#include <string>

namespace kl {

class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t now_ms() const = 0;  // UTC milliseconds since the epoch
};

class SystemClock final : public Clock {
public:
    int64_t now_ms() const override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t start_ms) : now_ms_(start_ms) {}
    int64_t now_ms() const override { return now_ms_.load(); }
    void advance_ms(int64_t delta_ms) { now_ms_ += delta_ms; }
    void set_ms(int64_t value_ms) { now_ms_ = value_ms; }

private:
    std::atomic<int64_t> now_ms_;
};

// "2026-11-24T05:22:31.123Z"
std::string format_utc_iso8601(int64_t epoch_ms);
// Accepts "YYYY-MM-DD" (midnight UTC) and "YYYY-MM-DDTHH:MM:SS[.mmm]Z"; returns false on bad input.
bool parse_utc_iso8601(const std::string& text, int64_t& epoch_ms);

inline constexpr int64_t shanghai_offset_ms = 8LL * 3600 * 1000;  // China has no daylight saving
inline constexpr int64_t ms_per_day = 86'400'000;

}  // namespace kl
