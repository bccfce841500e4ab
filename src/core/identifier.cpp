#include "core/identifier.h"

#include <unicase.h>
#include <uninorm.h>

#include <cstdlib>
#include <memory>

#include "core/assert.h"
#include "core/unicode_text.h"

namespace kl {

namespace {

struct FreeDeleter {
    void operator()(uint8_t* bytes) const { std::free(bytes); }
};

const uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const uint8_t*>(text.data()); }

std::string take(uint8_t* result, size_t length) {
    // Both calls fail only when memory runs out (the input is valid UTF-8): nothing to recover.
    KL_ASSERT(result != nullptr);
    std::unique_ptr<uint8_t, FreeDeleter> owned(result);
    return std::string(reinterpret_cast<const char*>(result), length);
}

std::string nfkc(std::string_view text) {
    size_t length = 0;
    uint8_t* result = u8_normalize(UNINORM_NFKC, bytes_of(text), text.size(), nullptr, &length);
    return take(result, length);  // a separate statement: `length` is set by the call
}

// Default (not language-specific) case folding, composed again with NFKC: folding may decompose.
std::string case_fold(std::string_view text) {
    size_t length = 0;
    uint8_t* result = u8_casefold(bytes_of(text), text.size(), nullptr, UNINORM_NFKC, nullptr, &length);
    return take(result, length);
}

// Drops control and invisible characters, maps dashes to '-', and trims and collapses white space.
std::string simplify(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space_pending = false;
    unicode::for_each_code_point(text, [&](char32_t code_point) {
        if (unicode::is_white_space(code_point)) {
            space_pending = !out.empty();
        } else if (!unicode::is_control(code_point) && !unicode::is_invisible(code_point)) {
            if (space_pending) out += ' ';
            space_pending = false;
            unicode::append_utf8(out, unicode::is_dash(code_point) ? U'-' : code_point);
        }
        return true;
    });
    return out;
}

}  // namespace

std::string nfkc_text(std::string_view text) {
    if (!unicode::is_valid_utf8(text)) return std::string(text);
    return nfkc(text);
}

std::string identifier_key(std::string_view text) {
    if (!unicode::is_valid_utf8(text)) return std::string(text);
    // White space is tested before control characters in simplify(): tabs and line feeds are both,
    // and separate words like a space does.
    return simplify(case_fold(simplify(nfkc(text))));
}

}  // namespace kl
