#pragma once
// SSCC-18, the Serial Shipping Container Code a pallet is identified by (GS1 General Specifications
// §2.2.1 and §7.9): 18 digits = an extension digit (0–9, chosen by the company) + the GS1 company
// prefix (7–10 digits) + a serial reference (filling up to 17 digits) + the GS1 mod-10 check digit.
//
//   validate_sscc("106141411234567897")        // ok: check digit 7
//   sscc_check_digit("10614141123456789")      // 7
//   make_sscc(1, "0614141", 123456789)          // "106141411234567897"
//
// The GS1 Digital Link of a pallet (the URI events name it by) is https://id.gs1.org/00/<sscc>.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl::trace {

inline constexpr size_t sscc_digits = 18;
inline constexpr size_t gs1_company_prefix_digits_min = 7;   // GS1 company prefixes are 7 to 10 digits here
inline constexpr size_t gs1_company_prefix_digits_max = 10;

// The GS1 mod-10 check digit of `digits` (all decimal; any length): weights 3, 1, 3, 1… from the
// rightmost digit, the digit that brings the weighted sum to a multiple of ten. KL_ASSERTs digits.
int gs1_check_digit(std::string_view digits);
// The check digit of the first 17 digits of an SSCC.
inline int sscc_check_digit(std::string_view first_17) { return gs1_check_digit(first_17); }

// invalid_argument naming `field` unless `text` is 18 decimal digits with the right check digit
// (the message says which: length, a non-digit, or the check digit that was expected).
Result<void> validate_sscc(std::string_view text, const std::string& field = "sscc");

// invalid_argument naming `field` unless `prefix` is 7–10 decimal digits.
Result<void> validate_company_prefix(std::string_view prefix, const std::string& field = "gs1_company_prefix");

// The SSCC of extension digit `extension` (0–9), company prefix `prefix` (validated) and serial
// reference `serial` (0 .. 10^(16 − prefix digits) − 1): out_of_range naming `serial` when it does
// not fit.
Result<std::string> make_sscc(int extension, std::string_view prefix, int64_t serial);

// The largest serial reference a prefix leaves room for (10^(16 − prefix digits) − 1).
int64_t sscc_serial_max(std::string_view prefix);

// https://id.gs1.org/00/<sscc>
std::string sscc_digital_link(std::string_view sscc);

}  // namespace kl::trace
