#pragma once
// Organisations' identities: enterprises, cooperatives, family workshops and households that produce;
// Shanghai buyers; logistics firms; and agencies (a county's branch, the Front Command). Only the
// identity lives here; the catalog module adds codes, county and supply links to the same table.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/access_types.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::access {

// Which organisations a role's users may belong to: producers to the four producing kinds, buyers to
// buyer organisations, logistics users to logistics firms, county officers to agencies.
bool role_fits_org_kind(Role role, OrgKind kind);

inline constexpr size_t organisation_name_chars_min = 1;
inline constexpr size_t organisation_name_chars_max = 200;

struct NewOrganisation {
    std::string name;  // 1–200 characters, stored verbatim
    OrgKind kind = OrgKind::enterprise;
};

struct OrganisationPage {
    std::vector<Organisation> organisations;
    std::optional<std::string> next_cursor;
};

class OrganisationService {
public:
    OrganisationService(store::Store& store, const Clock& clock, IdGenerator& ids);

    // Admin (or the command line, actor == nullopt) only.
    Result<Organisation> create(const std::optional<Principal>& actor, const NewOrganisation& organisation);
    // Organisation-scoped roles may read only their own organisation (permission_denied otherwise,
    // whether or not the other one exists); programme-wide roles read all.
    Result<Organisation> get(const std::optional<Principal>& actor, const std::string& org_id);
    // Ordered by id (creation order). Organisation-scoped roles see only their own organisation.
    Result<OrganisationPage> list(const std::optional<Principal>& actor, int limit,
                                  const std::optional<std::string>& cursor,
                                  const std::optional<OrgKind>& kind = std::nullopt);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

// Reads one organisation inside a caller's transaction (other services check references with it).
Result<std::optional<Organisation>> find_organisation(store::Tx& tx, const std::string& org_id);

}  // namespace kl::access
