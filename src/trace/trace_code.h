#pragma once
// The public trace code printed on a lot's label (and the address /t/<code>): 12 characters of
// Crockford's base32 (0-9 and A-Z without I, L, O and U: no look-alikes, no accidental words), so 60
// random bits from libsodium's CSPRNG — not guessable, not enumerable, and never derived from an id,
// a sequence or a time. Uniqueness is the database's (a unique index; the service draws again on a
// collision, which at 2^60 codes is vanishingly rare).
//
// What a person types is normalised before lookup (normalise_trace_code): NFKC (full-width letters),
// invisible characters, spaces and hyphens dropped, upper-cased, and Crockford's reading of the
// look-alikes (I and L read as 1, O as 0), so "abcd-efgh-jk0o", "ＡＢＣＤ ＥＦＧＨ ＪＫ００" and the
// printed "ABCDEFGHJK00" find one lot.

#include <string>
#include <string_view>

namespace kl::trace {

inline constexpr size_t trace_code_chars = 12;
inline constexpr int trace_code_bits = 60;  // 12 × 5
// How often the service draws again when a new code collides with one stored (then it gives up:
// a bug or a broken random source, not bad luck).
inline constexpr int trace_code_draws_max = 8;
// Input longer than this (characters before normalisation) is not a trace code.
inline constexpr size_t trace_code_input_chars_max = 64;

// The alphabet, in value order.
inline constexpr std::string_view crockford_alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// A new random code (libsodium randombytes).
std::string new_trace_code();

// The canonical form of a typed code, or "" when it cannot be one (a character outside the
// alphabet, or not 12 characters once normalised).
std::string normalise_trace_code(std::string_view typed);

// "ABCD-EFGH-JK00": groups of four for printing (normalise_trace_code reads it back).
std::string format_trace_code(std::string_view code);

}  // namespace kl::trace
