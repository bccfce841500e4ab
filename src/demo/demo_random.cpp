#include "demo/demo_random.h"

#include <cstdio>

#include "core/civil_date.h"

namespace kl::demo {

namespace {


// Midnight in Shanghai on 9 September 2024, the day of the production–sales matchmaking event.
int64_t fair_day_ms() {
    return kl::date_from_civil(2024, 9, 9).days * ms_per_day - shanghai_offset_ms;
}

}  // namespace

std::string DemoIdGenerator::next() {
    const auto ms = static_cast<uint64_t>(fair_day_ms() + counter_++);
    const uint64_t random_a = random_.next();
    const uint64_t random_b = random_.next();
    // 48 bits of time, version 7, 12 random bits; variant 10, 62 random bits (RFC 9562 layout).
    const uint64_t high = (ms << 16) | 0x7000 | (random_a & 0x0fff);
    const uint64_t low = (random_b & 0x3fff'ffff'ffff'ffffULL) | 0x8000'0000'0000'0000ULL;
    char text[37];
    std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xffff),
                  static_cast<unsigned long long>(high & 0xffff), static_cast<unsigned long long>(low >> 48),
                  static_cast<unsigned long long>(low & 0xffff'ffff'ffffULL));
    return text;
}

}  // namespace kl::demo
