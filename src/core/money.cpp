#include "core/money.h"

#include <cstdio>
#include <limits>

namespace kl {

bool checked_add(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }
bool checked_mul(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }

namespace {
std::string group_thousands(uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const size_t lead = digits.size() % 3;
    for (size_t i = 0; i < digits.size(); ++i) {
        // (i + 3 - lead), not (i - lead): for i < lead the unsigned difference wraps to 2^64 - 1,
        // which 3 divides, and "75" came out "7,5".
        if (i != 0 && (i + 3 - lead) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

uint64_t magnitude(int64_t value) {
    return value < 0 ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
}
}  // namespace

Result<Money> Money::parse(std::string_view text) {
    const std::string_view yuan_sign = "¥";
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.substr(0, yuan_sign.size()) == yuan_sign) text.remove_prefix(yuan_sign.size());
    if (text.empty()) return fail_field("amount", ProblemCode::invalid_value, "empty amount");
    int64_t whole = 0;
    int64_t cents = 0;
    int decimals = -1;  // -1: before the point
    bool any_digit = false;
    for (char c : text) {
        if (c == ',' && decimals < 0) continue;
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9') return fail_field("amount", ProblemCode::invalid_value, "not a number: " + std::string(text));
        any_digit = true;
        const int digit = c - '0';
        if (decimals < 0) {
            if (!checked_mul(whole, 10, whole) || !checked_add(whole, digit, whole))
                return fail_field("amount", ProblemCode::invalid_value, "amount too large");
        } else {
            if (++decimals > 2) return fail_field("amount", ProblemCode::invalid_value, "more than two decimals (fen) in " + std::string(text));
            cents = cents * 10 + digit;
        }
    }
    if (!any_digit) return fail_field("amount", ProblemCode::invalid_value, "not a number: " + std::string(text));
    if (decimals == 1) cents *= 10;
    int64_t fen = 0;
    if (!checked_mul(whole, 100, fen) || !checked_add(fen, cents, fen)) return fail_field("amount", ProblemCode::invalid_value, "amount too large");
    return Money{negative ? -fen : fen};
}

std::string Money::format_plain() const {
    const uint64_t abs = magnitude(fen);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", fen < 0 ? "-" : "",
                  static_cast<unsigned long long>(abs / 100), static_cast<unsigned long long>(abs % 100));
    return buffer;
}

std::string Money::format() const {
    const uint64_t abs = magnitude(fen);
    char cents[8];
    std::snprintf(cents, sizeof cents, ".%02llu", static_cast<unsigned long long>(abs % 100));
    return std::string(fen < 0 ? "-" : "") + "¥" + group_thousands(abs / 100) + cents;
}

std::string Money::format_chinese_units() const {
    const uint64_t abs = magnitude(fen);
    const uint64_t wan_fen = 10000ULL * 100;
    const uint64_t yi_fen = 100000000ULL * 100;
    if (abs < wan_fen) return format();
    // Two decimals of the unit, rounded half up in integer arithmetic.
    const uint64_t unit = abs >= yi_fen ? yi_fen : wan_fen;
    const uint64_t hundredths = (abs * 100 + unit / 2) / unit;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s¥%llu.%02llu%s", fen < 0 ? "-" : "",
                  static_cast<unsigned long long>(hundredths / 100), static_cast<unsigned long long>(hundredths % 100),
                  unit == yi_fen ? "亿" : "万");
    return buffer;
}

}  // namespace kl
