#include "projects/project_access.h"

#include "access/permissions.h"
#include "catalog/catalog_access.h"

namespace kl::projects {

using access::Role;

Result<Scope> scope_of(store::Tx& tx, const std::optional<access::Principal>& actor) {
    Scope scope;
    if (!actor || access::is_programme_wide(actor->role)) {
        scope.kind = Scope::Kind::everything;
        scope.writes = !actor || actor->role != Role::auditor;
        return scope;
    }
    if (actor->role == Role::county_officer) {
        KL_TRY_ASSIGN(std::optional<std::string> county, catalog::officer_county(tx, *actor));
        if (!county) return scope;  // nothing
        scope.kind = Scope::Kind::county;
        scope.value = *county;
        scope.writes = true;
        return scope;
    }
    if (actor->org_id) {
        scope.kind = Scope::Kind::counterparty;
        scope.value = *actor->org_id;
    }
    return scope;
}

Result<void> require_project_read(const Scope& scope, const Project& project) {
    if (scope.kind == Scope::Kind::everything) return ok();
    if (scope.kind == Scope::Kind::county && scope.value == project.fields.county) return ok();
    if (scope.kind == Scope::Kind::county) {
        return fail(ErrorCode::permission_denied, "a county officer sees only its own county's projects (" +
                                                      scope.value + "); this project is in " + project.fields.county);
    }
    return fail(ErrorCode::permission_denied,
                "project records are for the Front Command, the auditor and the project's county officers");
}

Result<void> require_project_write(const Scope& scope, const std::string& county) {
    if (!scope.writes) {
        return fail(ErrorCode::permission_denied, "this role reads project records but does not change them");
    }
    if (scope.kind == Scope::Kind::everything) return ok();
    if (scope.kind == Scope::Kind::county && scope.value == county) return ok();
    if (scope.kind == Scope::Kind::county) {
        return fail(ErrorCode::permission_denied,
                    "a county officer changes only its own county's projects (" + scope.value + "), not " + county);
    }
    return fail(ErrorCode::permission_denied, "project records are changed by fund and county officers only");
}

Result<void> require_fund_officer(const std::optional<access::Principal>& actor, const std::string& what) {
    if (!actor || actor->role == Role::admin || actor->role == Role::fund_officer) return ok();
    return fail(ErrorCode::permission_denied,
                "only a fund officer (or admin) may " + what + "; role " + std::string(access::to_string(actor->role)) +
                    " may not");
}

bool sees_money_record(const Scope& scope, const std::string& county, const std::string& org_id) {
    switch (scope.kind) {
        case Scope::Kind::everything: return true;
        case Scope::Kind::county: return scope.value == county;
        case Scope::Kind::counterparty: return scope.value == org_id;
        case Scope::Kind::nothing: return false;
    }
    return false;
}

}  // namespace kl::projects
