#pragma once
// Checks on text that services share: core/text_rules.h's one rule (lengths counted in characters,
// blank required text, control and invisible characters refused), every problem collected before failing so
// the caller sees all bad fields at once.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text_rules.h"

namespace kl::access {

// Number of code points, or nullopt when `text` is not valid UTF-8 (overlong forms and surrogates
// included).
std::optional<size_t> utf8_length(std::string_view text);

class FieldErrors {
public:
    void add(std::string field, std::string message);
    // The text rule of core/text_rules.h: valid UTF-8, chars_min..chars_max characters, no control
    // characters (prose may hold line feeds and tabs), no invisible characters in an identifier, and
    // not blank when chars_min >= 1.
    void check_text(const std::string& field, std::string_view value, size_t chars_min, size_t chars_max,
                    TextKind kind = TextKind::line);
    bool has(const std::string& field) const;
    bool empty() const { return errors_.empty(); }
    // invalid_argument naming every field, or success.
    Result<void> finish() const;

private:
    std::vector<FieldError> errors_;
};

}  // namespace kl::access
