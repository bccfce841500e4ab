#pragma once
// The organisation directory: profiles of every participant (credit code, county or district and
// channel, contact) and the supply links of the "company + family workshop + household" model.
//
// One table, one identity: a profile is the access module's `organisations` row with the catalog's
// columns filled in (migration 0003_catalog). create() makes the identity row through
// access::OrganisationService inside the same transaction (Store::write is reentrant), so id, name
// and kind are written and checked in one place; the name is later changed here with the access
// module's length limits.
//
// Who may do what (access/permissions.h, plus the county rule of catalog_access.h):
//   create, update           admin (and the command line)
//   get, list                programme-wide roles: all; organisation-scoped roles: their own;
//                            a county officer also the producers of its county
//   supply_links             whoever may read the enterprise
//   set_supply_links         admin, or a producer for its own enterprise or cooperative

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/organisation_service.h"
#include "access/principal.h"
#include "catalog/catalog_types.h"
#include "catalog/organisation_repo.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

inline constexpr size_t organisation_name_en_chars_max = 200;
inline constexpr size_t contact_name_chars_max = 100;
inline constexpr size_t contact_phone_chars_max = 40;
inline constexpr size_t address_chars_max = 300;
// An enterprise buys from at most this many workshops and households (the largest cooperatives
// in the programme have a few hundred member households).
inline constexpr size_t supply_links_max = 2000;
inline constexpr int64_t share_bp_total = 10'000;  // 100 % in basis points

class OrganisationDirectory {
public:
    OrganisationDirectory(store::Store& store, const Clock& clock, access::OrganisationService& identities);

    // invalid_argument naming each bad field (credit_code with the reason, county, district, channel
    // for the kind); already_exists naming credit_code when another organisation has the code.
    Result<OrganisationProfile> create(const std::optional<access::Principal>& actor, const OrganisationFields& fields);
    // Replaces every field. The kind cannot change (invalid_argument on kind); a producer's county
    // cannot change once it has products (failed_precondition on county: its products'
    // certifications belong to the old county).
    // Fields not `given` keep their current value.
    Result<OrganisationProfile> update(const std::optional<access::Principal>& actor, const std::string& id,
                                       const OrganisationFields& fields, OrganisationFieldsGiven given = {});
    // permission_denied comes before not_found, so scoped roles cannot probe which ids exist.
    Result<OrganisationProfile> get(const std::optional<access::Principal>& actor, const std::string& id);
    // Ordered by id (creation order), keyset-paginated (access/page_cursor.h).
    Result<OrganisationPage> list(const std::optional<access::Principal>& actor, const OrganisationFilter& filter,
                                  int limit, const std::optional<std::string>& cursor);

    // The workshops and households an enterprise or cooperative buys from (empty for other kinds).
    Result<std::vector<SupplyLink>> supply_links(const std::optional<access::Principal>& actor,
                                                 const std::string& enterprise_id);
    // Replaces the whole set. Field errors name links/<i>/supplier_id or links/<i>/share_bp; the sum
    // of shares over 10000 is an error on `links`; an enterprise that is not an enterprise or a
    // cooperative is failed_precondition.
    Result<std::vector<SupplyLink>> set_supply_links(const std::optional<access::Principal>& actor,
                                                     const std::string& enterprise_id,
                                                     const std::vector<SupplyLinkInput>& links);

private:
    store::Store& store_;
    const Clock& clock_;
    access::OrganisationService& identities_;
};


}  // namespace kl::catalog
