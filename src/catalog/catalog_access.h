#pragma once
// The catalog's additions to the permission rules of access/permissions.h (documented in its table):
//
//   - A county officer belongs to an agency whose county is set (a county's branch command). Besides
//     its own organisation it may READ the producers (enterprise, cooperative, family_workshop,
//     household) of that county, and it CERTIFIES and revokes certifications of products of that
//     county only. An agency without a county gives its officers no county at all.
//   - The public catalogue: anyone, signed in or not, reads active products, their standards (list
//     prices included: they are the published prices) and their certifications. Drafts and
//     withdrawn products are seen only by their producer, the officers of their county, and
//     programme-wide roles.
//
// Writes take `const std::optional<access::Principal>&` like the access services (nullopt: the
// trusted command line). Reads of the public catalogue take a Viewer, which also has an anonymous
// visitor.

#include <optional>
#include <string>

#include "access/principal.h"
#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

class Viewer {
public:
    static Viewer command_line() { return Viewer(Kind::command_line, std::nullopt); }
    static Viewer anonymous() { return Viewer(Kind::anonymous, std::nullopt); }
    static Viewer of(const access::Principal& principal) { return Viewer(Kind::principal, principal); }
    // nullopt (the command line, as the write paths spell it) becomes command_line().
    static Viewer from_actor(const std::optional<access::Principal>& actor) {
        return actor ? of(*actor) : command_line();
    }

    bool is_command_line() const { return kind_ == Kind::command_line; }
    bool is_anonymous() const { return kind_ == Kind::anonymous; }
    // The signed-in principal, or nullptr for the command line and anonymous visitors.
    const access::Principal* principal() const { return principal_ ? &*principal_ : nullptr; }
    // Command line and programme-wide roles see every record.
    bool sees_everything() const;

private:
    enum class Kind { command_line, anonymous, principal };
    Viewer(Kind kind, std::optional<access::Principal> principal) : kind_(kind), principal_(std::move(principal)) {}

    Kind kind_;
    std::optional<access::Principal> principal_;
};

// The county of a county officer's agency; nullopt for other roles and for an agency without one.
Result<std::optional<std::string>> officer_county(store::Tx& tx, const access::Principal& principal);

// Whether `viewer` sees `product`: active products everyone; drafts and withdrawn products the
// command line, programme-wide roles, the producer's own users and the officers of its county.
Result<bool> can_see_product(store::Tx& tx, const Viewer& viewer, const Product& product);
// The product with this id if `viewer` sees it; not_found otherwise, so drafts are not revealed.
Result<Product> visible_product(store::Tx& tx, const Viewer& viewer, const std::string& product_id);

// The one rule for a `county` filter on a list a county officer's view is limited to its county
// (organisations, projects, service book, aid sales, funds): its own county, or no filter; another
// county is permission_denied naming the field, on every such list alike, rather than an empty page
// or the officer's own rows. Other roles: ok (their own scoping applies). Not for the public
// catalogue of products, whose active products every county officer may read and filter.
Result<void> check_county_filter(store::Tx& tx, const std::optional<access::Principal>& actor,
                                 const std::optional<std::string>& county, const std::string& field = "county");

// For a county officer: its county, or permission_denied when its agency has none (so it can
// certify nothing). Other roles: permission_denied naming the rule.
Result<std::string> require_county_officer(store::Tx& tx, const access::Principal& principal);

}  // namespace kl::catalog
