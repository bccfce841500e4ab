#include "catalog/organisation_directory.h"

#include <set>

#include "access/permissions.h"
#include "core/field_errors.h"
#include "catalog/catalog_access.h"
#include "catalog/credit_code.h"
#include "catalog/name_search.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "catalog/reference_data.h"
#include "store/page.h"

namespace kl::catalog {

namespace {

using access::OrgKind;
using access::Role;


enum class Need { required, optional, forbidden };
struct KindRule {
    Need credit_code;
    Need county;
    Need district;
    Need channel;
};

// Which profile fields each kind needs (catalog_types.h: OrganisationFields).
KindRule rule_for(OrgKind kind) {
    switch (kind) {
        case OrgKind::enterprise:
        case OrgKind::cooperative:
            return {Need::required, Need::required, Need::forbidden, Need::forbidden};
        case OrgKind::family_workshop:
        case OrgKind::household:
            return {Need::optional, Need::required, Need::forbidden, Need::forbidden};
        case OrgKind::buyer:
            return {Need::required, Need::forbidden, Need::required, Need::required};
        case OrgKind::logistics:
            return {Need::optional, Need::optional, Need::optional, Need::forbidden};
        case OrgKind::agency:
            return {Need::optional, Need::optional, Need::forbidden, Need::forbidden};
    }
    KL_ASSERT(false && "every kind has a rule");
    return {};
}

void check_need(FieldErrors& errors, const std::string& field, bool present, Need need, OrgKind kind) {
    const std::string kind_name(access::to_string(kind));
    if (need == Need::required && !present) errors.add(field, ProblemCode::required, "is required for an organisation of kind " + kind_name);
    if (need == Need::forbidden && present) errors.add(field, ProblemCode::invalid_value, "must be absent for an organisation of kind " + kind_name);
}

bool phone_chars_ok(const std::string& phone) {
    return phone.find_first_not_of("0123456789+-() ") == std::string::npos;
}

// Every check that needs no database; normalises the credit code in `fields`.
Result<void> check_fields(OrganisationFields& fields) {
    FieldErrors errors;
    errors.check_text("name", fields.name, access::organisation_name_chars_min, access::organisation_name_chars_max);
    errors.check_text("name_en", fields.name_en, 0, organisation_name_en_chars_max);
    errors.check_text("contact_name", fields.contact_name, 0, contact_name_chars_max);
    errors.check_text("contact_phone", fields.contact_phone, 0, contact_phone_chars_max);
    if (!errors.has("contact_phone") && !phone_chars_ok(fields.contact_phone)) {
        errors.add("contact_phone", ProblemCode::bad_format, "may hold only digits, spaces and + - ( )");
    }
    errors.check_text("address", fields.address, 0, address_chars_max);
    if (fields.credit_code) {
        auto code = normalise_credit_code(*fields.credit_code);
        if (code) {
            fields.credit_code = *code;
        } else {
            errors.add("credit_code", ProblemCode::invalid_value, code.error().fields.at(0).message);
        }
    }
    const KindRule rule = rule_for(fields.kind);
    check_need(errors, "credit_code", fields.credit_code.has_value(), rule.credit_code, fields.kind);
    check_need(errors, "county", fields.county.has_value(), rule.county, fields.kind);
    check_need(errors, "district", fields.district.has_value(), rule.district, fields.kind);
    check_need(errors, "channel", fields.channel.has_value(), rule.channel, fields.kind);
    return errors.finish();
}

// Checks that need the database: the county and district exist, no other organisation has the code.
Result<void> check_references(store::Tx& tx, const OrganisationFields& fields, const std::string& self_id) {
    FieldErrors errors;
    if (fields.county) {
        KL_TRY_ASSIGN(auto county, find_county(tx, *fields.county));
        if (!county) errors.add("county", ProblemCode::unknown_reference, "is not one of the aided counties (see /api/v1/counties)");
    }
    if (fields.district) {
        KL_TRY_ASSIGN(auto district, find_district(tx, *fields.district));
        if (!district) errors.add("district", ProblemCode::unknown_reference, "is not a Shanghai district (see /api/v1/districts)");
    }
    KL_TRY(errors.finish());
    if (!fields.credit_code) return ok();
    KL_TRY_ASSIGN(bool taken, credit_code_taken(tx, *fields.credit_code, self_id));
    if (!taken) return ok();
    Error error{ErrorCode::already_exists, "credit_code: another organisation is registered with this code", {}};
    error.fields.push_back(FieldError{"credit_code", ProblemCode::duplicate, "is already registered to another organisation"});
    return fail(std::move(error));
}

Result<OrganisationProfile> require_profile(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<OrganisationProfile> found, find_profile(tx, id));
    if (!found) return fail(ErrorCode::not_found, "organisation " + id + " not found");
    return std::move(*found);
}

// The read rule of the directory: access's organisation rule, plus a county officer's producers.
Result<void> check_read(store::Tx& tx, const std::optional<access::Principal>& actor, const std::string& id) {
    auto allowed = access::require_org_access(actor, id, access::AccessKind::read);
    if (allowed || actor->role != Role::county_officer) return allowed;
    KL_TRY_ASSIGN(std::optional<std::string> county, officer_county(tx, *actor));
    if (county) {
        KL_TRY_ASSIGN(std::optional<OrganisationProfile> target, find_profile(tx, id));
        if (target && is_producer_kind(target->fields.kind) && target->fields.county == county) return ok();
    }
    return fail(ErrorCode::permission_denied,
                "a county officer reads only its own organisation and the producers of its county");
}

// What `actor` may list (an empty scope: everything).
Result<ProfileScope> list_scope(store::Tx& tx, const std::optional<access::Principal>& actor) {
    ProfileScope scope;
    scope.only_org = access::visible_org(actor);
    if (scope.only_org) {
        KL_TRY_ASSIGN(scope.producers_of_county, officer_county(tx, *actor));
    }
    return scope;
}

bool sources_from_suppliers(OrgKind kind) { return kind == OrgKind::enterprise || kind == OrgKind::cooperative; }
bool is_supplier_kind(OrgKind kind) { return kind == OrgKind::family_workshop || kind == OrgKind::household; }

// Everything about the new set that needs no database.
Result<void> check_link_inputs(const std::vector<SupplyLinkInput>& links) {
    FieldErrors errors;
    if (links.size() > supply_links_max) {
        errors.add("links", ProblemCode::above_max, "may hold at most " + std::to_string(supply_links_max) + " suppliers");
        return errors.finish();
    }
    std::set<std::string> seen;
    int64_t total_bp = 0;
    for (size_t i = 0; i < links.size(); ++i) {
        const std::string at = "links/" + std::to_string(i) + "/";
        if (links[i].supplier_id.empty() || links[i].supplier_id.size() > id_chars_max) {
            errors.add(at + "supplier_id", ProblemCode::wrong_kind, "must be an organisation id");
        } else if (!seen.insert(links[i].supplier_id).second) {
            errors.add(at + "supplier_id", ProblemCode::repeated, "appears more than once");
        }
        if (links[i].share_bp < 1 || links[i].share_bp > share_bp_total) {
            errors.add(at + "share_bp", ProblemCode::out_of_range, "must be between 1 and " + std::to_string(share_bp_total) + " basis points");
        } else {
            total_bp += links[i].share_bp;
        }
    }
    if (total_bp > share_bp_total) {
        errors.add("links", ProblemCode::above_max, "shares add up to " + std::to_string(total_bp) + " basis points; at most " +
                                std::to_string(share_bp_total) + " (100 %) of purchases can be shared out");
    }
    return errors.finish();
}

Result<void> check_suppliers(store::Tx& tx, const std::vector<SupplyLinkInput>& links) {
    FieldErrors errors;
    for (size_t i = 0; i < links.size(); ++i) {
        KL_TRY_ASSIGN(std::optional<OrganisationProfile> supplier, find_profile(tx, links[i].supplier_id));
        const std::string field = "links/" + std::to_string(i) + "/supplier_id";
        if (!supplier) {
            errors.add(field, ProblemCode::unknown_reference, "no organisation has this id");
        } else if (!is_supplier_kind(supplier->fields.kind)) {
            errors.add(field, ProblemCode::wrong_kind, "must be a family_workshop or a household, not a " +
                                  std::string(access::to_string(supplier->fields.kind)));
        }
    }
    return errors.finish();
}

}  // namespace

OrganisationDirectory::OrganisationDirectory(store::Store& store, const Clock& clock,
                                             access::OrganisationService& identities)
    : store_(store), clock_(clock), identities_(identities) {}

Result<OrganisationProfile> OrganisationDirectory::create(const std::optional<access::Principal>& actor,
                                                          const OrganisationFields& fields) {
    KL_TRY(access::require_role(actor, {Role::admin}));
    OrganisationFields clean = fields;
    KL_TRY(check_fields(clean));
    return store_.write([&](store::Tx& tx) -> Result<OrganisationProfile> {
        KL_TRY(check_references(tx, clean, ""));
        // The identity row comes from its owner, in this same transaction (a nested write).
        KL_TRY_ASSIGN(access::Organisation identity,
                      identities_.create(actor, access::NewOrganisation{clean.name, clean.kind}));
        KL_TRY(write_profile(tx, identity.id, clean, identity.created_at_ms));
        return require_profile(tx, identity.id);
    });
}

namespace {
// The fields an update gives, with the current value for each optional field it left out.
OrganisationFields keep_unnamed(OrganisationFields fields, const OrganisationFieldsGiven& given,
                                const OrganisationFields& current) {
    if (!given.name_en) fields.name_en = current.name_en;
    if (!given.credit_code) fields.credit_code = current.credit_code;
    if (!given.county) fields.county = current.county;
    if (!given.district) fields.district = current.district;
    if (!given.channel) fields.channel = current.channel;
    if (!given.contact_name) fields.contact_name = current.contact_name;
    if (!given.contact_phone) fields.contact_phone = current.contact_phone;
    if (!given.address) fields.address = current.address;
    return fields;
}
}  // namespace

Result<OrganisationProfile> OrganisationDirectory::update(const std::optional<access::Principal>& actor,
                                                          const std::string& id, const OrganisationFields& fields,
                                                          OrganisationFieldsGiven given) {
    KL_TRY(access::require_role(actor, {Role::admin}));
    return store_.write([&](store::Tx& tx) -> Result<OrganisationProfile> {
        KL_TRY_ASSIGN(OrganisationProfile current, require_profile(tx, id));
        if (current.system) {
            return fail(ErrorCode::failed_precondition,
                        "is a system organisation (" + current.fields.name_en + "): Kashlink keeps it, nobody edits it");
        }
        OrganisationFields clean = keep_unnamed(fields, given, current.fields);
        KL_TRY(check_fields(clean));
        if (current.fields.kind != clean.kind) {
            return fail_field("kind", ProblemCode::invalid_value, "cannot change (from " + std::string(access::to_string(current.fields.kind)) +
                                          "); create a new organisation instead");
        }
        KL_TRY(check_references(tx, clean, id));
        if (current.fields.county != clean.county && is_producer_kind(clean.kind)) {
            KL_TRY_ASSIGN(int64_t products, count_products_of(tx, id));
            if (products > 0) {
                Error error{ErrorCode::failed_precondition,
                            "county: a producer with products cannot move to another county", {}};
                error.fields.push_back(FieldError{"county", ProblemCode::invalid_value, "cannot change while the producer has products"});
                return fail(std::move(error));
            }
        }
        KL_TRY(write_profile(tx, id, clean, clock_.now_ms()));
        return require_profile(tx, id);
    });
}

Result<OrganisationProfile> OrganisationDirectory::get(const std::optional<access::Principal>& actor,
                                                       const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<OrganisationProfile> {
        KL_TRY(check_read(tx, actor, id));
        return require_profile(tx, id);
    });
}

Result<OrganisationPage> OrganisationDirectory::list(const std::optional<access::Principal>& actor,
                                                     const OrganisationFilter& filter, int limit,
                                                     const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    FieldErrors errors;
    check_name_search(filter.window, errors);
    KL_TRY(errors.finish());
    return store_.read([&](store::Tx& tx) -> Result<OrganisationPage> {
        KL_TRY(check_county_filter(tx, actor, filter.county));
        KL_TRY_ASSIGN(ProfileScope scope, list_scope(tx, actor));
        OrganisationPage page;
        KL_TRY_ASSIGN(page.organisations, list_profiles(tx, filter, scope, after, limit));
        page.next_cursor = store::finish_page(page.organisations, limit, [](const auto& item) { return item.id; });
        return page;
    });
}

Result<std::vector<SupplyLink>> OrganisationDirectory::supply_links(const std::optional<access::Principal>& actor,
                                                                    const std::string& enterprise_id) {
    return store_.read([&](store::Tx& tx) -> Result<std::vector<SupplyLink>> {
        KL_TRY(check_read(tx, actor, enterprise_id));
        KL_TRY(require_profile(tx, enterprise_id));
        return supply_links_of(tx, enterprise_id);
    });
}

Result<std::vector<SupplyLink>> OrganisationDirectory::set_supply_links(const std::optional<access::Principal>& actor,
                                                                        const std::string& enterprise_id,
                                                                        const std::vector<SupplyLinkInput>& links) {
    KL_TRY(access::require_role(actor, {Role::admin, Role::producer}));
    KL_TRY(access::require_org_access(actor, enterprise_id, access::AccessKind::write));
    KL_TRY(check_link_inputs(links));
    return store_.write([&](store::Tx& tx) -> Result<std::vector<SupplyLink>> {
        KL_TRY_ASSIGN(OrganisationProfile enterprise, require_profile(tx, enterprise_id));
        if (!sources_from_suppliers(enterprise.fields.kind)) {
            return fail(ErrorCode::failed_precondition,
                        "only enterprises and cooperatives buy from workshops and households; this organisation is a " +
                            std::string(access::to_string(enterprise.fields.kind)));
        }
        KL_TRY(check_suppliers(tx, links));
        KL_TRY(replace_supply_links(tx, enterprise_id, links, clock_.now_ms()));
        return supply_links_of(tx, enterprise_id);
    });
}

}  // namespace kl::catalog
