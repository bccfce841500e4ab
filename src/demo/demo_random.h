#pragma once
// The demo's only sources of chance and identity, both seeded explicitly so that the same seed gives
// the same programme, byte for byte, on every machine: std::mt19937_64's sequence is fixed by the C++
// standard, and the helpers below map it to ranges themselves (std::uniform_int_distribution is not
// the same across standard libraries).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/assert.h"
#include "core/ids.h"

namespace kl::demo {

class DemoRandom {
public:
    explicit DemoRandom(uint64_t seed) : engine_(seed) {}

    uint64_t next() { return engine_(); }
    // Uniform in [low, high] (the modulo bias over 2^64 is far below anything a demo could show).
    int64_t between(int64_t low, int64_t high) {
        KL_ASSERT(low <= high);
        const auto span = static_cast<uint64_t>(high - low) + 1;
        return low + static_cast<int64_t>(next() % span);
    }
    // True with probability per_mille / 1000.
    bool chance(int64_t per_mille) { return between(0, 999) < per_mille; }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        KL_ASSERT(!items.empty());
        return items[static_cast<size_t>(between(0, static_cast<int64_t>(items.size()) - 1))];
    }
    // Fisher–Yates with this generator.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<size_t>(between(0, static_cast<int64_t>(i) - 1));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    std::mt19937_64 engine_;
};

// UUIDv7-shaped ids that depend only on the seed: the time field counts milliseconds up from the day
// of the 2024 Shanghai production–sales matchmaking event (so demo ids sort before anything created
// later, in creation order), the random fields come from the seed.
class DemoIdGenerator final : public IdGenerator {
public:
    explicit DemoIdGenerator(uint64_t seed) : random_(seed ^ 0x6b617368'6c696e6bULL) {}
    std::string next() override;

private:
    DemoRandom random_;
    int64_t counter_ = 0;
};

}  // namespace kl::demo
