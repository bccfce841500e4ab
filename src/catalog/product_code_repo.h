#pragma once
// Producers' own product codes (SKUs, migration 0004_exchange): the second half of a product's natural
// key in spreadsheets (the first is the producer's credit code). SQL inside a caller's transaction,
// no permission checks (the importer and the demo check before they call).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

// 1..64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit: a UUID (the fallback code
// of a product that has none) fits, and so does any SKU scheme we have seen.
inline constexpr size_t product_code_chars_max = 64;
// Ids per IN (…) list, so one statement never carries thousands of parameters.
inline constexpr size_t ids_per_query_max = 200;

// invalid_argument naming `field` when `code` breaks the rule above.
Result<void> check_product_code(const std::string& code, const std::string& field = "code");

// The product of `producer_id` with this code — compared by its key (core/identifier.h): "ab-1" finds
// the product coded "AB-1", one product per key (unique index on producer_id, code_key) — or else (when no product has the code) the producer's
// product without a code whose id is `code`: how a file exported before the product had a code finds
// it again.
Result<std::optional<std::string>> find_product_by_code(store::Tx& tx, const std::string& producer_id,
                                                        const std::string& code);

Result<void> set_product_code(store::Tx& tx, const std::string& product_id, const std::string& code);

// The code of each product that has one, by product id.
Result<std::map<std::string, std::string>> product_codes(store::Tx& tx, const std::vector<std::string>& product_ids);

}  // namespace kl::catalog
