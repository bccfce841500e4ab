#pragma once
// The one rule for text that arrives in a field, shared by the HTTP body reader (http/json_body) and
// the services' checks (access/validation), so that a route and its service never disagree about
// what a blank or a control character is.
//
//   - valid UTF-8; lengths count code points (a Chinese name of 20 characters is 60 bytes);
//   - no control characters (general category Cc: C0, DEL and C1). Prose fields — notes, findings,
//     reasons, topics: free text a person may write on several lines — may hold line feeds and tabs;
//     every other field is one line. Carriage returns are refused everywhere (one line-break form);
//   - identifiers (invoice numbers, project codes, certificate numbers…) also refuse invisible
//     characters: format characters (Cf: zero-width space and joiners, bidi controls, the BOM) and
//     the other default-ignorable code points (Hangul fillers, variation selectors). Names are not
//     identifiers: Uyghur names may need a zero-width joiner;
//   - a required field (chars_min ≥ 1) must not be blank: white space (Unicode's, the ideographic
//     space U+3000 included) and invisible characters alone do not count as text;
//   - secrets (passwords) are only checked for UTF-8, NUL and length: any character may be in one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/problem_code.h"

namespace kl {

enum class TextKind { line, prose, identifier, secret };

// What is wrong with a text: its code and parameters, and the English message that follows the
// field's name ("must not be blank").
struct TextProblem {
    ProblemCode code;
    std::string message;
    ProblemParams params;
};

// What is wrong with `value` as the text of a field, or nullopt when nothing is.
std::optional<TextProblem> text_problem(std::string_view value, size_t chars_min, size_t chars_max,
                                        TextKind kind = TextKind::line);

// True when `value` (valid UTF-8) holds nothing but white space and invisible characters.
bool is_blank_text(std::string_view value);

}  // namespace kl
