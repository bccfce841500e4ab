#include "trace/trace_code.h"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "core/assert.h"
#include "core/identifier.h"

namespace kl::trace {

std::string new_trace_code() {
    static_assert(trace_code_chars * 5 == trace_code_bits);
    KL_ASSERT(sodium_init() >= 0);  // idempotent; thread-safe after the first call
    std::array<unsigned char, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    uint64_t bits = 0;
    for (const unsigned char byte : bytes) bits = (bits << 8) | byte;
    std::string code;
    code.reserve(trace_code_chars);
    for (size_t i = 0; i < trace_code_chars; ++i) {
        code.push_back(crockford_alphabet[bits & 31U]);
        bits >>= 5;
    }
    return code;
}

std::string normalise_trace_code(std::string_view typed) {
    if (typed.size() > trace_code_input_chars_max * 4) return "";
    // identifier_key: NFKC, invisible and control characters removed, dashes made '-', case folded
    // (lower), spaces trimmed.
    const std::string key = identifier_key(typed);
    std::string code;
    for (const char raw : key) {
        if (raw == ' ' || raw == '-') continue;
        char c = raw >= 'a' && raw <= 'z' ? static_cast<char>(raw - 'a' + 'A') : raw;
        if (c == 'I' || c == 'L') c = '1';
        if (c == 'O') c = '0';
        if (crockford_alphabet.find(c) == std::string_view::npos) return "";
        code.push_back(c);
    }
    return code.size() == trace_code_chars ? code : "";
}

std::string format_trace_code(std::string_view code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back('-');
        out.push_back(code[i]);
    }
    return out;
}

}  // namespace kl::trace
