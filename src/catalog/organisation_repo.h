#pragma once
// The SQL of organisation profiles and supply links, inside a caller's transaction, with no
// permission checks. Other modules read with it too: owners, counties and kinds (find_profile,
// organisation_county), and an enterprise's suppliers when its aid sales are shared out. The identity columns (name, kind) are written by
// access::OrganisationService; the profile columns here.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

// The profile with this id, if any.
Result<std::optional<OrganisationProfile>> find_profile(store::Tx& tx, const std::string& id);
// The organisation's county, if it has one (and exists).
Result<std::optional<std::string>> organisation_county(store::Tx& tx, const std::string& id);
// The organisation registered with `credit_code`, if any.
Result<std::optional<std::string>> organisation_with_credit_code(store::Tx& tx, const std::string& credit_code);
// The oldest organisation without a credit code of the same kind and name, in the same county and
// district (an import's way to find a row it wrote before the sheet had the code).
Result<std::optional<std::string>> uncoded_organisation_like(store::Tx& tx, const OrganisationFields& fields);
// Whether an organisation other than `except_id` is registered with `credit_code`.
Result<bool> credit_code_taken(store::Tx& tx, const std::string& credit_code, const std::string& except_id);
Result<void> write_profile(store::Tx& tx, const std::string& id, const OrganisationFields& fields, int64_t now_ms);

// Who a list is limited to: nobody's limit when only_org is empty; otherwise that organisation and,
// when producers_of_county is given, the producers of that county.
struct ProfileScope {
    std::optional<std::string> only_org;
    std::optional<std::string> producers_of_county;
};
// A keyset page of profiles by id after `after`: page_rows_to_fetch(limit) rows (store/page.h).
Result<std::vector<OrganisationProfile>> list_profiles(store::Tx& tx, const OrganisationFilter& filter,
                                                       const ProfileScope& scope, const std::optional<std::string>& after,
                                                       int limit);

// The enterprise's suppliers with their names and kinds, by supplier id.
Result<std::vector<SupplyLink>> supply_links_of(store::Tx& tx, const std::string& enterprise_id);
// The enterprises `supplier_id` supplies, with their credit codes (nullopt when one has none).
struct SuppliedEnterprise {
    std::string enterprise_id;
    std::optional<std::string> credit_code;
    int64_t share_bp = 0;
};
Result<std::vector<SuppliedEnterprise>> enterprises_supplied_by(store::Tx& tx, const std::string& supplier_id);
// The shares of `supplier_ids` in the enterprises that have credit codes, by supplier id, each
// supplier's in credit-code order.
struct CodedShare {
    std::string enterprise_credit_code;
    int64_t share_bp = 0;
};
Result<std::map<std::string, std::vector<CodedShare>>> coded_shares_of(store::Tx& tx, const std::vector<std::string>& supplier_ids);
// Replaces the enterprise's whole set of supply links.
Result<void> replace_supply_links(store::Tx& tx, const std::string& enterprise_id,
                                  const std::vector<SupplyLinkInput>& links, int64_t now_ms);

}  // namespace kl::catalog
