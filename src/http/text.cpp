#include "http/text.h"

#include "core/unicode_text.h"

namespace kl::http {

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 0x0F]);
    }
    return out;
}

bool is_visible_ascii(std::string_view text, size_t length_min, size_t length_max) {
    if (text.size() < length_min || text.size() > length_max) return false;
    for (char c : text) {
        if (c < 0x21 || c > 0x7E) return false;
    }
    return true;
}

}  // namespace kl::http
