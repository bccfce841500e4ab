#pragma once
// Percent-encoding (RFC 3986 §2.1), the one implementation: the HTTP layer decodes request targets
// and query strings with it (http/text.h), the trace module its URIs (urn:kashlink:lot:…, business
// transaction URIs: trace/event_hash.h, epcis_service.h).

#include <optional>
#include <string>
#include <string_view>

namespace kl {

// Decodes %XX escapes (either case of hex digit), and '+' as a space when `plus_is_space` (query
// strings). nullopt when an escape is malformed or the result is not valid UTF-8 or contains NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// %XX (upper-case hex) for every byte but RFC 3986's unreserved ones (ALPHA, DIGIT, "-", ".", "_",
// "~"), so the result holds no separator of a URI.
std::string percent_encode(std::string_view text);

}  // namespace kl
