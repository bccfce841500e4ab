#pragma once
// The comparison key of a business identifier (invoice number, project code, product code,
// certificate number, username): two spellings that a person reads as the same identifier get the
// same key, so uniqueness checks, unique indexes (the *_key columns of migration 0013) and risk rule
// R4 compare keys, never the text as typed. The text as typed is what is stored and shown.
//
// The key is, in order: NFKC (full-width Ｌ and １ become L and 1, compatibility forms fold); control
// and invisible characters removed (Cc, Cf such as U+200B, other default-ignorable code points);
// every character of Unicode's Dash property mapped to '-' (U+2010 HYPHEN and U+2212 MINUS survive
// NFKC); case folded (Unicode's default folding, then NFKC again; Turkish dotted/dotless i is
// language-specific and deliberately not folded); white space trimmed and each inner run of it made
// one ' '. Chinese text is unchanged by all of it.
//
// Built on GNU libunistring (Debian libunistring-dev) rather than ICU: it works on UTF-8 directly
// (ICU wants UTF-16 and a converter), is a small C library without a data file to ship, and has the
// Dash and default-ignorable properties this needs.

#include <string>
#include <string_view>

namespace kl {

// The key of `text`. Text that is not valid UTF-8 (never accepted by a field check; possible only in
// rows written around the services) is its own key.
std::string identifier_key(std::string_view text);

// `text` in Unicode normalisation form NFKC (full-width Ｌ and １ become L and 1; Chinese unchanged):
// how typed search text meets stored names. Text that is not valid UTF-8 is returned as it is.
std::string nfkc_text(std::string_view text);

}  // namespace kl
