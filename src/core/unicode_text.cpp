#include "core/unicode_text.h"

#include <unictype.h>
#include <unistr.h>

#include "core/assert.h"

namespace kl::unicode {

namespace {

const uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const uint8_t*>(text.data()); }

}  // namespace

bool is_valid_utf8(std::string_view text) { return u8_check(bytes_of(text), text.size()) == nullptr; }

std::optional<size_t> utf8_length(std::string_view text) {
    if (!is_valid_utf8(text)) return std::nullopt;
    return u8_mbsnlen(bytes_of(text), text.size());
}

void for_each_code_point(std::string_view text, const std::function<bool(char32_t)>& each) {
    const uint8_t* at = bytes_of(text);
    size_t left = text.size();
    while (left > 0) {
        ucs4_t code_point = 0;
        const int length = u8_mbtouc(&code_point, at, left);
        // Callers pass validated text; a bad sequence here is a bug of the caller, not input.
        KL_ASSERT(length > 0);
        if (!each(static_cast<char32_t>(code_point))) return;
        at += length;
        left -= static_cast<size_t>(length);
    }
}

void append_utf8(std::string& out, char32_t code_point) {
    uint8_t buffer[6];
    const int length = u8_uctomb(buffer, static_cast<ucs4_t>(code_point), static_cast<int>(sizeof buffer));
    KL_ASSERT(length > 0);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

bool is_control(char32_t code_point) { return uc_is_general_category(code_point, UC_CATEGORY_Cc); }

bool is_invisible(char32_t code_point) {
    return uc_is_general_category(code_point, UC_CATEGORY_Cf) ||
           uc_is_property_default_ignorable_code_point(code_point);
}

bool is_white_space(char32_t code_point) { return uc_is_property_white_space(code_point); }

bool is_dash(char32_t code_point) { return uc_is_property_dash(code_point); }

}  // namespace kl::unicode
