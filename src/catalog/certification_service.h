#pragma once
// Consumption-aid certification (消费帮扶产品认定): a county stamps a product of its county with a
// certificate number and a validity; a public notice runs for the first notice_days days, during
// which the product is `in_notice` and objections are recorded; the county may revoke it with a
// reason. Only a product `certified` on a sale's date counts as an aid sale (the market module asks
// certification_status_on).
//
// Status of a product on date D (status_from). A certificate is in force on D from valid_from to
// valid_to unless revoked by D; certificates of one product never overlap while in force (a new one
// must lie outside the days the others are in force), so at most one is in force on any day. If
// one is, the status is its certification_state on D (catalog_types.h): in_notice before
// valid_from + notice_days, certified after. Otherwise, of the certificates that began on or before
// D, the one whose time in force ended last (a later-created one first on a tie) says revoked or
// expired; with none, none.
//
// Who may do what:
//   certify, revoke   a county officer for products of its own county (and the command line)
//   object            any signed-in user except the auditor, while the notice runs (today, Shanghai)
//   history, get      whoever sees the product (the public catalogue); anonymous readers get the
//                     number of objections but not their text
// Revocations take effect on a date not before today (Shanghai) — they never rewrite sales already
// counted — except from the command line, which may record a past revocation from a paper register.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "audit/audit_trail.h"
#include "catalog/catalog_access.h"
#include "catalog/catalog_types.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

inline constexpr size_t certificate_no_chars_max = 64;
inline constexpr int64_t notice_days_max = 90;
inline constexpr int64_t validity_days_max = 1096;  // three years, leap day included
inline constexpr size_t objection_chars_max = 2000;
inline constexpr size_t revocation_reason_chars_max = 1000;
inline constexpr int64_t objections_per_certification_max = 500;

class CertificationService {
public:
    CertificationService(store::Store& store, const Clock& clock, IdGenerator& ids)
        : store_(store), clock_(clock), ids_(ids), audit_(store.backend(), clock) {}

    // invalid_argument naming certificate_no, valid_to or notice_days; already_exists naming
    // certificate_no; failed_precondition when the product has no standard, is withdrawn, or the
    // validity overlaps a certificate in force (naming valid_from).
    Result<Certification> certify(const std::optional<access::Principal>& actor, const std::string& product_id,
                                  const CertificationInput& input);
    // failed_precondition unless the certificate is in its notice period today.
    Result<Objection> object(const std::optional<access::Principal>& actor, const std::string& certification_id,
                             const std::string& text);
    // effective_on defaults to today (Shanghai). conflict when already revoked; invalid_argument
    // naming effective_on when it is before today (principals only) or after valid_to.
    Result<Certification> revoke(const std::optional<access::Principal>& actor, const std::string& certification_id,
                                 const std::string& reason, std::optional<Date> effective_on = std::nullopt);

    Result<Certification> get(const Viewer& viewer, const std::string& certification_id);
    // Newest first (latest valid_from, then latest created).
    Result<std::vector<Certification>> history(const Viewer& viewer, const std::string& product_id);
    Result<CertStatus> status_on(const Viewer& viewer, const std::string& product_id, Date date);
    // Today in Asia/Shanghai by this service's clock (the date "today" means in every rule above).
    Date today() const { return today_in_shanghai(clock_); }

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    audit::AuditTrail audit_;  // certifications and revocations join the audit trail (issue 5)
};

// The status rule above over one product's certificates (in any order).
CertStatus status_from(const std::vector<Certification>& certificates, Date date);

// Inside a caller's transaction, no permission check (for the market module and reports).
Result<CertStatus> certification_status_on(store::Tx& tx, const std::string& product_id, Date date);
// The same for many products at once (one query); products without certificates map to none.
Result<std::map<std::string, CertStatus>> certification_statuses_on(store::Tx& tx,
                                                                    const std::vector<std::string>& product_ids,
                                                                    Date date);

}  // namespace kl::catalog
