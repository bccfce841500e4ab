#include "access/principal.h"

namespace kl::access {

// DESIGN.md: producers, buyers and logistics firms act for their own organisation. A county officer
// acts for its county's branch, which is an organisation of kind `agency`, so it is organisation-scoped
// too (the catalog widens this to the county's producers through its own county rule). Admins, fund
// officers (Front Command) and auditors work across the whole programme.
bool is_org_scoped(Role role) {
    switch (role) {
        case Role::producer:
        case Role::buyer:
        case Role::logistics:
        case Role::county_officer:
            return true;
        case Role::admin:
        case Role::fund_officer:
        case Role::auditor:
            return false;
    }
    return false;
}

}  // namespace kl::access
