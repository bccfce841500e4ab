#pragma once
// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters that identify every
// registered organisation in China.
//
//   position  1     registration authority (e.g. 9 = market regulation, 1 = government bodies)
//             2     organisation category (e.g. 1 = company, 3 = farmers' cooperative)
//             3–8   administrative division code of the registering office (six digits)
//             9–17  organisation code
//             18    check character
//
// Characters come from 0-9 and the 21 capital letters A–H, J–N, P–R, T–U, W–Y (I, O, S, V and Z are
// left out because they are easy to misread), valued 0–30 in that order. The check character is
// 31 − (Σ value(cᵢ)·wᵢ mod 31) for i = 1..17 with weights wᵢ = 3^(i−1) mod 31, where a result of 31
// is written as '0'.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl::catalog {

inline constexpr size_t credit_code_chars = 18;

// The value 0–30 of a code character, or nullopt for a character the code never uses.
std::optional<int> credit_code_char_value(char c);

// The check character for the first 17 characters (which must all be code characters: asserted).
char credit_code_check_char(std::string_view first17);

// Validates `text` as a credit code. Lower-case letters are accepted and upper-cased (people type
// them either way); the result is the canonical upper-case code. Errors are invalid_argument naming
// `field` and say what is wrong: the length, the first bad character and its position, a
// non-digit in the division code, or the check character expected.
Result<std::string> normalise_credit_code(std::string_view text, const std::string& field = "credit_code");

// Completes 17 code characters with their check character (for the demo data and tests).
// invalid_argument when `first17` is not 17 code characters with a six-digit division code.
Result<std::string> complete_credit_code(std::string_view first17);

}  // namespace kl::catalog
