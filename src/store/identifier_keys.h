#pragma once
// The comparison-key columns of business identifiers (migration 0013_identifier_keys): which table's
// which text column is keyed, unique within which scope. Services write the key with the value
// (core/identifier.h computes it); this fills the keys of rows written before the column existed.

#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace kl::store {

struct IdentifierKeyColumn {
    std::string table;
    std::string value_column;  // the identifier as typed
    std::string key_column;    // identifier_key(value), NULL for a look-alike of an earlier row
    std::string scope_column;  // unique within the same value of this column; empty: table-wide
};

const std::vector<IdentifierKeyColumn>& identifier_key_columns();

// Fills every NULL key of a non-NULL value, in id order; a row whose key an earlier row of its
// scope already holds keeps NULL (logged with both ids) instead of failing the migration. Returns
// how many rows were left without a key.
Result<int64_t> backfill_identifier_keys(Tx& tx);

}  // namespace kl::store
