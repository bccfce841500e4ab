#pragma once
// The SQL of certifications and their objections: reads and writes inside a caller's transaction,
// with no permission checks (internal to src/catalog), and the condition other modules' queries
// filter certified products by (certified_on_condition).

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

// The certification with its objection count (objections themselves: load_objections).
Result<std::optional<Certification>> find_certification(store::Tx& tx, const std::string& id);
// Every certification of the products, in no particular order.
Result<std::vector<Certification>> certifications_of(store::Tx& tx, const std::vector<std::string>& product_ids);
Result<void> load_objections(store::Tx& tx, Certification& certification);

// Whether a certification's number has identifier key `certificate_key`.
Result<bool> certificate_key_taken(store::Tx& tx, const std::string& certificate_key);
// A new certification of `product_id` (from `county`); certified from the end of the public notice.
Result<void> insert_certification(store::Tx& tx, const std::string& id, const std::string& product_id,
                                  const std::string& county, const CertificationInput& input,
                                  const std::string& certificate_key, const std::optional<std::string>& certified_by,
                                  int64_t now_ms);
Result<void> insert_objection(store::Tx& tx, const std::string& certification_id, const Objection& objection);
Result<void> revoke_certification(store::Tx& tx, const std::string& id, Date effective_on, const std::string& reason,
                                  const std::optional<std::string>& revoked_by, int64_t now_ms);

// SQL condition "product <product_column> is certified on the date bound as <placeholder>", the
// same rule as certification_service.h's status_from for certificates that never overlap in force.
std::string certified_on_condition(const std::string& product_column, const std::string& placeholder);

}  // namespace kl::catalog
