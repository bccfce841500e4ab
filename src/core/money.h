#pragma once
// Money is integer fen (1/100 CNY). No floating point: parsing and formatting are exact.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl {

struct Money {
    int64_t fen = 0;

    static Money from_yuan(int64_t yuan) { return Money{yuan * 100}; }
    // Parses "1234", "1234.5", "1,234.56", "¥1,234.56", "-3.10"; more than two decimals is an error
    // (we never round money silently).
    static Result<Money> parse(std::string_view text);

    std::string format() const;        // "¥1,234.56", "-¥3.10"
    std::string format_plain() const;  // "1234.56", for CSV
    // "¥1.23万", "¥4.56亿" for dashboards; exact fen below ¥10,000.
    std::string format_chinese_units() const;

    auto operator<=>(const Money&) const = default;
    Money operator+(Money other) const { return Money{fen + other.fen}; }
    Money operator-(Money other) const { return Money{fen - other.fen}; }
};

// Checked arithmetic for money and quantity totals: overflow is reported, never wrapped.
bool checked_add(int64_t a, int64_t b, int64_t& out);
bool checked_mul(int64_t a, int64_t b, int64_t& out);

}  // namespace kl
