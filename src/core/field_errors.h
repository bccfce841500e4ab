#pragma once
// One way to collect field errors: services check every field, then fail once naming them all.
// Checks on text use core/text_rules.h's one rule (lengths counted in characters, blank required
// text, control and invisible characters refused).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text_rules.h"

namespace kl {

class FieldErrors {
public:
    // `code` is the problem's stable code (core/problem_code.h), `message` its English wording.
    void add(std::string field, ProblemCode code, std::string message, ProblemParams params = {});
    // Keeps the field errors of a failed check (a nested object's, an array item's); success adds none.
    void take(const Result<void>& result);
    // The text rule of core/text_rules.h: valid UTF-8, chars_min..chars_max characters, no control
    // characters (prose may hold line feeds and tabs), no invisible characters in an identifier, and
    // not blank when chars_min >= 1.
    void check_text(const std::string& field, std::string_view value, size_t chars_min, size_t chars_max,
                    TextKind kind = TextKind::line);
    bool has(const std::string& field) const;
    bool empty() const { return errors_.empty(); }
    // Every error so far, in the order added (for wrappers that report them their own way, such as
    // sheets::ImportProblems, which orders them by row).
    const std::vector<FieldError>& errors() const { return errors_; }
    // invalid_argument naming every field, or success.
    Result<void> finish() const;

private:
    std::vector<FieldError> errors_;
};

}  // namespace kl
