#pragma once
// Checks on text that services share: UTF-8 lengths counted in characters (a Chinese display name of
// 20 characters is 60 bytes), control characters refused, every problem collected before failing so
// the caller sees all bad fields at once.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kl::access {

// Number of code points, or nullopt when `text` is not valid UTF-8 (overlong forms and surrogates
// included).
std::optional<size_t> utf8_length(std::string_view text);

class FieldErrors {
public:
    void add(std::string field, std::string message);
    // Valid UTF-8, chars_min..chars_max characters, no control characters (U+0000–U+001F, U+007F).
    void check_text(const std::string& field, std::string_view value, size_t chars_min, size_t chars_max);
    bool has(const std::string& field) const;
    bool empty() const { return errors_.empty(); }
    // invalid_argument naming every field, or success.
    Result<void> finish() const;

private:
    std::vector<FieldError> errors_;
};

}  // namespace kl::access
