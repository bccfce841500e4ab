#include "trace/sscc.h"

#include <algorithm>

#include "core/assert.h"

namespace kl::trace {

namespace {
bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

int gs1_check_digit(std::string_view digits) {
    KL_ASSERT(all_digits(digits));
    int sum = 0;
    bool triple = true;  // the rightmost digit (next to the check digit) weighs 3
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        sum += (*it - '0') * (triple ? 3 : 1);
        triple = !triple;
    }
    return (10 - sum % 10) % 10;
}

Result<void> validate_sscc(std::string_view text, const std::string& field) {
    if (text.size() != sscc_digits) {
        return fail_field(field, ProblemCode::exact_length, "must be an SSCC of 18 digits", {{"length", "18"}});
    }
    if (!all_digits(text)) return fail_field(field, ProblemCode::bad_format, "must hold only the digits 0-9");
    const int expected = sscc_check_digit(text.substr(0, sscc_digits - 1));
    if (text.back() - '0' != expected) {
        return fail_field(field, ProblemCode::bad_format,
                          "has a wrong check digit (the GS1 mod-10 check digit of its first 17 digits is " +
                              std::to_string(expected) + ")");
    }
    return ok();
}

Result<void> validate_company_prefix(std::string_view prefix, const std::string& field) {
    if (prefix.size() < gs1_company_prefix_digits_min || prefix.size() > gs1_company_prefix_digits_max || !all_digits(prefix)) {
        return fail_field(field, ProblemCode::bad_format, "must be a GS1 company prefix of 7 to 10 digits");
    }
    return ok();
}

int64_t sscc_serial_max(std::string_view prefix) {
    int64_t max = 1;
    for (size_t i = prefix.size(); i < sscc_digits - 2; ++i) max *= 10;
    return max - 1;
}

Result<std::string> make_sscc(int extension, std::string_view prefix, int64_t serial) {
    KL_TRY(validate_company_prefix(prefix));
    if (extension < 0 || extension > 9) return fail_field("extension_digit", ProblemCode::out_of_range, "must be a digit 0-9");
    if (serial < 0 || serial > sscc_serial_max(prefix)) {
        return fail_field("serial", ProblemCode::out_of_range, "does not fit the serial reference of this company prefix");
    }
    std::string serial_text = std::to_string(serial);
    const size_t width = sscc_digits - 2 - prefix.size();
    std::string body = std::to_string(extension) + std::string(prefix) + std::string(width - serial_text.size(), '0') + serial_text;
    return body + std::to_string(sscc_check_digit(body));
}

std::string sscc_digital_link(std::string_view sscc) { return "https://id.gs1.org/00/" + std::string(sscc); }

}  // namespace kl::trace
