#include "catalog/certification_service.h"

#include <algorithm>

#include "audit/canonical_json.h"
#include "access/permissions.h"
#include "core/field_errors.h"
#include "catalog/certification_repo.h"
#include "catalog/product_repo.h"
#include "core/identifier.h"

namespace kl::catalog {

namespace {

Result<Certification> require_certification(store::Tx& tx, const std::string& id) {
    if (!id.empty() && id.size() <= id_chars_max) {
        KL_TRY_ASSIGN(auto found, find_certification(tx, id));
        if (found) return std::move(*found);
    }
    return fail(ErrorCode::not_found, "certification " + id + " not found");
}

// The last day a certificate is in force (before valid_from when it was revoked before it began).
Date last_day_in_force(const Certification& certification) {
    if (!certification.revocation) return certification.input.valid_to;
    return std::min(certification.input.valid_to, add_days(certification.revocation->effective_on, -1));
}

bool in_force_on(const Certification& certification, Date date) {
    return certification.input.valid_from <= date && date <= last_day_in_force(certification);
}

Result<void> check_input(const CertificationInput& input) {
    FieldErrors errors;
    errors.check_text("certificate_no", input.certificate_no, 1, certificate_no_chars_max, TextKind::identifier);
    if (!errors.has("certificate_no") &&
        (input.certificate_no.front() == ' ' || input.certificate_no.back() == ' ')) {
        errors.add("certificate_no", ProblemCode::invalid_value, "must not start or end with a space");
    }
    if (input.valid_to < input.valid_from) {
        errors.add("valid_to", ProblemCode::before_other_field, "must not be before valid_from");
    } else if (days_between(input.valid_from, input.valid_to) >= validity_days_max) {
        errors.add("valid_to", ProblemCode::above_max, "a certificate is valid for at most " + std::to_string(validity_days_max) + " days");
    }
    if (input.notice_days < 0 || input.notice_days > notice_days_max) {
        errors.add("notice_days", ProblemCode::out_of_range, "must be between 0 and " + std::to_string(notice_days_max));
    } else if (!errors.has("valid_to") && add_days(input.valid_from, input.notice_days) > input.valid_to) {
        errors.add("notice_days", ProblemCode::invalid_value, "the public notice must end before valid_to, or the product is never certified");
    }
    return errors.finish();
}

Result<void> check_product_for_certification(store::Tx& tx, const Product& product, const CertificationInput& input) {
    if (product.standard_version == 0) {
        return fail(ErrorCode::failed_precondition, "product " + product.id + " has no brand standard to certify");
    }
    if (product.fields.status == ProductStatus::withdrawn) {
        return fail(ErrorCode::failed_precondition, "product " + product.id + " is withdrawn");
    }
    KL_TRY_ASSIGN(bool taken, certificate_key_taken(tx, identifier_key(input.certificate_no)));
    if (taken) {
        Error error{ErrorCode::already_exists, "certificate_no: this certificate number is already used", {}};
        error.fields.push_back(FieldError{"certificate_no", ProblemCode::duplicate, "is already used by another certification (compared "
                                                            "ignoring case, width and dash forms)"});
        return fail(std::move(error));
    }
    KL_TRY_ASSIGN(auto existing, certifications_of(tx, {product.id}));
    for (const auto& other : existing) {
        const Date last = last_day_in_force(other);
        if (last < other.input.valid_from || last < input.valid_from || input.valid_to < other.input.valid_from) continue;
        Error error{ErrorCode::failed_precondition, "the validity overlaps certificate " + other.input.certificate_no, {}};
        error.fields.push_back(FieldError{"valid_from", ProblemCode::not_a_date, "overlaps certificate " + other.input.certificate_no +
                                                            " in force from " + format_date(other.input.valid_from) +
                                                            " to " + format_date(last)});
        return fail(std::move(error));
    }
    return ok();
}

}  // namespace

CertStatus status_from(const std::vector<Certification>& certificates, Date date) {
    const Certification* latest = nullptr;
    for (const auto& certification : certificates) {
        if (in_force_on(certification, date)) return certification_state(certification, date);
        if (certification.input.valid_from > date) continue;
        const Date end = last_day_in_force(certification);
        const bool later = latest == nullptr || last_day_in_force(*latest) < end ||
                           (last_day_in_force(*latest) == end && latest->created_at_ms <= certification.created_at_ms);
        if (later) latest = &certification;
    }
    return latest == nullptr ? CertStatus::none : certification_state(*latest, date);
}

Result<CertStatus> certification_status_on(store::Tx& tx, const std::string& product_id, Date date) {
    KL_TRY_ASSIGN(auto certificates, certifications_of(tx, {product_id}));
    return status_from(certificates, date);
}

Result<std::map<std::string, CertStatus>> certification_statuses_on(store::Tx& tx,
                                                                    const std::vector<std::string>& product_ids,
                                                                    Date date) {
    std::map<std::string, CertStatus> out;
    if (product_ids.empty()) return out;
    KL_TRY_ASSIGN(auto certificates, certifications_of(tx, product_ids));
    std::map<std::string, std::vector<Certification>> by_product;
    for (auto& certification : certificates) by_product[certification.product_id].push_back(std::move(certification));
    for (const auto& id : product_ids) {
        auto found = by_product.find(id);
        out[id] = found == by_product.end() ? CertStatus::none : status_from(found->second, date);
    }
    return out;
}

Result<Certification> CertificationService::certify(const std::optional<access::Principal>& actor,
                                                    const std::string& product_id, const CertificationInput& input) {
    if (actor) KL_TRY(access::require_writer(*actor));
    KL_TRY(check_input(input));
    return store_.write([&](store::Tx& tx) -> Result<Certification> {
        std::optional<std::string> county;
        if (actor) {
            KL_TRY_ASSIGN(county, require_county_officer(tx, *actor));
        }
        KL_TRY_ASSIGN(Product product, visible_product(tx, Viewer::from_actor(actor), product_id));
        if (county && product.county != *county) {
            return fail(ErrorCode::permission_denied, "a county officer certifies only products of its own county (" +
                                                          *county + "); this product comes from " + product.county);
        }
        KL_TRY(check_product_for_certification(tx, product, input));
        const std::string id = ids_.next();
        // The unique index on certificate_key refuses a look-alike that raced past the check above.
        KL_TRY(insert_certification(tx, id, product.id, product.county, input, identifier_key(input.certificate_no),
                                    access::user_id_of(actor), clock_.now_ms()));
        audit::CanonicalJson body;
        body.add("id", id).add("product_id", product.id).add("county_code", product.county)
            .add("certificate_no", input.certificate_no).add("valid_from", format_date(input.valid_from))
            .add("valid_to", format_date(input.valid_to)).add("notice_days", int64_t{input.notice_days});
        KL_TRY(audit_.append(tx, audit::AuditEvent{access::actor_name(actor), "certification.certify", "certification", id,
                                                   body.str()}));
        KL_TRY_ASSIGN(Certification made, require_certification(tx, id));
        KL_TRY(load_objections(tx, made));
        return made;
    });
}

Result<Objection> CertificationService::object(const std::optional<access::Principal>& actor,
                                               const std::string& certification_id, const std::string& text) {
    if (actor) KL_TRY(access::require_writer(*actor));
    FieldErrors errors;
    errors.check_text("text", text, 1, objection_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Objection> {
        KL_TRY_ASSIGN(Certification certification, require_certification(tx, certification_id));
        KL_TRY(visible_product(tx, Viewer::from_actor(actor), certification.product_id));
        const Date today = today_in_shanghai(clock_);
        if (certification_state(certification, today) != CertStatus::in_notice) {
            return fail(ErrorCode::failed_precondition,
                        "objections are recorded during the public notice, which runs from " +
                            format_date(certification.input.valid_from) + " to " +
                            format_date(add_days(certification.certified_from, -1)));
        }
        if (certification.objection_count >= objections_per_certification_max) {
            return fail(ErrorCode::resource_exhausted, "this certification already has " +
                                                           std::to_string(objections_per_certification_max) +
                                                           " objections");
        }
        Objection objection{ids_.next(), text, access::user_id_of(actor), clock_.now_ms()};
        KL_TRY(insert_objection(tx, certification.id, objection));
        return objection;
    });
}

Result<Certification> CertificationService::revoke(const std::optional<access::Principal>& actor,
                                                   const std::string& certification_id, const std::string& reason,
                                                   std::optional<Date> effective_on) {
    if (actor) KL_TRY(access::require_writer(*actor));
    FieldErrors errors;
    errors.check_text("reason", reason, 1, revocation_reason_chars_max, TextKind::prose);
    const Date today = today_in_shanghai(clock_);
    const Date effective = effective_on.value_or(today);
    if (actor && effective < today) {
        errors.add("effective_on", ProblemCode::before_other_field, "must not be before today (" + format_date(today) +
                                       "): a revocation does not rewrite sales already counted");
    }
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Certification> {
        std::optional<std::string> county;
        if (actor) {
            KL_TRY_ASSIGN(county, require_county_officer(tx, *actor));
        }
        KL_TRY_ASSIGN(Certification certification, require_certification(tx, certification_id));
        if (county && certification.county != *county) {
            return fail(ErrorCode::permission_denied, "a county officer revokes only certifications of its own county");
        }
        if (certification.revocation) {
            return fail(ErrorCode::conflict, "certification " + certification.input.certificate_no +
                                                 " was already revoked on " +
                                                 format_date(certification.revocation->effective_on));
        }
        if (effective > certification.input.valid_to) {
            return fail_field("effective_on", ProblemCode::not_a_date, "is after the certificate's last day (" +
                                                  format_date(certification.input.valid_to) + ")");
        }
        KL_TRY(revoke_certification(tx, certification.id, effective, reason, access::user_id_of(actor), clock_.now_ms()));
        audit::CanonicalJson body;
        body.add("id", certification.id).add("effective_on", format_date(effective)).add("reason", reason);
        KL_TRY(audit_.append(tx, audit::AuditEvent{access::actor_name(actor), "certification.revoke", "certification",
                                                   certification.id, body.str()}));
        KL_TRY_ASSIGN(Certification revoked, require_certification(tx, certification.id));
        KL_TRY(load_objections(tx, revoked));
        return revoked;
    });
}

Result<Certification> CertificationService::get(const Viewer& viewer, const std::string& certification_id) {
    return store_.read([&](store::Tx& tx) -> Result<Certification> {
        KL_TRY_ASSIGN(Certification certification, require_certification(tx, certification_id));
        auto product = visible_product(tx, viewer, certification.product_id);
        if (!product) return fail(ErrorCode::not_found, "certification " + certification_id + " not found");
        if (!viewer.is_anonymous()) KL_TRY(load_objections(tx, certification));
        return certification;
    });
}

Result<std::vector<Certification>> CertificationService::history(const Viewer& viewer, const std::string& product_id) {
    return store_.read([&](store::Tx& tx) -> Result<std::vector<Certification>> {
        KL_TRY(visible_product(tx, viewer, product_id));
        KL_TRY_ASSIGN(auto certificates, certifications_of(tx, {product_id}));
        std::sort(certificates.begin(), certificates.end(), [](const Certification& a, const Certification& b) {
            if (a.input.valid_from != b.input.valid_from) return a.input.valid_from > b.input.valid_from;
            return a.created_at_ms != b.created_at_ms ? a.created_at_ms > b.created_at_ms : a.id > b.id;
        });
        if (!viewer.is_anonymous()) {
            for (auto& certification : certificates) KL_TRY(load_objections(tx, certification));
        }
        return certificates;
    });
}

Result<CertStatus> CertificationService::status_on(const Viewer& viewer, const std::string& product_id, Date date) {
    return store_.read([&](store::Tx& tx) -> Result<CertStatus> {
        KL_TRY(visible_product(tx, viewer, product_id));
        return certification_status_on(tx, product_id, date);
    });
}

}  // namespace kl::catalog
