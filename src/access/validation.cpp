#include "access/validation.h"

#include <cstdint>

namespace kl::access {

std::optional<size_t> utf8_length(std::string_view text) {
    size_t count = 0;
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        uint32_t code = 0;
        if (lead < 0x80) {
            code = lead;
        } else if ((lead & 0xe0) == 0xc0) {
            extra = 1;
            code = lead & 0x1fu;
        } else if ((lead & 0xf0) == 0xe0) {
            extra = 2;
            code = lead & 0x0fu;
        } else if ((lead & 0xf8) == 0xf0) {
            extra = 3;
            code = lead & 0x07u;
        } else {
            return std::nullopt;
        }
        if (i + extra >= text.size()) return std::nullopt;  // the sequence is cut off
        for (size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) return std::nullopt;
            code = (code << 6) | (next & 0x3fu);
        }
        // Overlong encodings, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
        static constexpr uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
        if (code < smallest[extra] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return std::nullopt;
        i += extra + 1;
        ++count;
    }
    return count;
}

void FieldErrors::add(std::string field, std::string message) {
    errors_.push_back(FieldError{std::move(field), std::move(message)});
}

void FieldErrors::check_text(const std::string& field, std::string_view value, size_t chars_min, size_t chars_max,
                             TextKind kind) {
    if (auto problem = text_problem(value, chars_min, chars_max, kind)) add(field, std::move(*problem));
}

bool FieldErrors::has(const std::string& field) const {
    for (const auto& error : errors_) {
        if (error.field == field) return true;
    }
    return false;
}

Result<void> FieldErrors::finish() const {
    if (errors_.empty()) return ok();
    Error error{ErrorCode::invalid_argument, {}, errors_};
    error.message = errors_.size() == 1 ? errors_[0].field + ": " + errors_[0].message
                                        : std::to_string(errors_.size()) + " fields are invalid";
    return fail(std::move(error));
}

}  // namespace kl::access
