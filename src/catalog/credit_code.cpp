#include "catalog/credit_code.h"

#include <array>

namespace kl::catalog {

namespace {

constexpr std::string_view code_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static_assert(code_chars.size() == 31, "GB 32100 uses 31 characters");
constexpr int modulus = 31;
constexpr size_t division_code_first = 2;  // zero-based positions 2..7 (the standard's 3–8)
constexpr size_t division_code_last = 7;

// wᵢ = 3^(i−1) mod 31 for i = 1..17.
constexpr std::array<int, credit_code_chars - 1> weights = [] {
    std::array<int, credit_code_chars - 1> out{};
    int power = 1;
    for (auto& weight : out) {
        weight = power;
        power = power * 3 % modulus;
    }
    return out;
}();

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Describes a character for an error message without echoing control bytes or broken UTF-8.
std::string shown(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x21 && byte < 0x7f) return std::string("'") + c + "'";
    static const char digits[] = "0123456789abcdef";
    return std::string("byte 0x") + digits[byte >> 4] + digits[byte & 0x0f];
}

// Checks the 17 characters before the check character; the message of the first problem, if any.
std::optional<std::string> body_problem(std::string_view first17) {
    for (size_t i = 0; i < first17.size(); ++i) {
        if (!credit_code_char_value(first17[i])) {
            return "character " + std::to_string(i + 1) + " (" + shown(first17[i]) +
                   ") is not allowed: a credit code uses 0-9 and capital letters except I, O, S, V and Z";
        }
        if (i >= division_code_first && i <= division_code_last && (first17[i] < '0' || first17[i] > '9')) {
            return "characters 3 to 8 are the administrative division code and must be digits (character " +
                   std::to_string(i + 1) + " is " + shown(first17[i]) + ")";
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> credit_code_char_value(char c) {
    const size_t at = code_chars.find(c);
    if (c == '\0' || at == std::string_view::npos) return std::nullopt;
    return static_cast<int>(at);
}

char credit_code_check_char(std::string_view first17) {
    KL_ASSERT(first17.size() == credit_code_chars - 1);
    int sum = 0;
    for (size_t i = 0; i < first17.size(); ++i) {
        const auto value = credit_code_char_value(first17[i]);
        KL_ASSERT(value.has_value());
        sum += *value * weights[i];
    }
    const int check = modulus - sum % modulus;
    return code_chars[static_cast<size_t>(check == modulus ? 0 : check)];
}

Result<std::string> normalise_credit_code(std::string_view text, const std::string& field) {
    if (text.size() != credit_code_chars) {
        return fail_field(field, ProblemCode::length_out_of_range, "must be " + std::to_string(credit_code_chars) + " characters long (got " +
                                     std::to_string(text.size()) + ")");
    }
    std::string code(text);
    for (char& c : code) c = ascii_upper(c);
    const std::string_view first17 = std::string_view(code).substr(0, credit_code_chars - 1);
    if (auto problem = body_problem(first17)) return fail_field(field, ProblemCode::invalid_value, *problem);
    const char last = code.back();
    if (!credit_code_char_value(last)) {
        return fail_field(field, ProblemCode::unknown_reference, "character 18 (" + shown(last) + ") is not allowed in a credit code");
    }
    const char expected = credit_code_check_char(first17);
    if (last != expected) {
        return fail_field(field, ProblemCode::invalid_value, std::string("check character is wrong: a code starting ") + std::string(first17) +
                                     " ends in '" + expected + "', not '" + last + "' (a typing error?)");
    }
    return code;
}

Result<std::string> complete_credit_code(std::string_view first17) {
    if (first17.size() != credit_code_chars - 1) {
        return fail_field("credit_code", ProblemCode::invalid_value, "needs exactly 17 characters before the check character");
    }
    std::string code(first17);
    for (char& c : code) c = ascii_upper(c);
    if (auto problem = body_problem(code)) return fail_field("credit_code", ProblemCode::invalid_value, *problem);
    code.push_back(credit_code_check_char(code));
    return code;
}

}  // namespace kl::catalog
