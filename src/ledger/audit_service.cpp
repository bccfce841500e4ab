#include "ledger/audit_service.h"

#include "access/page_cursor.h"
#include "access/permissions.h"
#include "ledger/ledger_service.h"  // actor_name

namespace kl::ledger {

namespace {

// Everything here but sealing is reading: the programme-wide roles that answer for the money.
Result<void> require_audit_read(const AuditActor& actor) {
    return access::require_role(actor, {access::Role::auditor, access::Role::fund_officer, access::Role::admin});
}

}  // namespace

Result<VerifyReport> AuditService::verify(const AuditActor& actor) {
    KL_TRY(require_audit_read(actor));
    return store_.read([&](store::Tx& tx) { return verify_all(tx, trail_); });
}

Result<std::vector<audit::AuditRow>> AuditService::events(const AuditActor& actor, const AuditEventQuery& query) {
    KL_TRY(require_audit_read(actor));
    KL_TRY(access::check_page_limit(query.limit));
    return store_.read([&](store::Tx& tx) {
        return trail_.list(tx, query.limit, query.cursor_seq, query.record_type, query.record_id, query.window);
    });
}

Result<audit::Seal> AuditService::seal(const AuditActor& actor, const std::string& month) {
    KL_TRY(access::require_role(actor, {access::Role::fund_officer, access::Role::admin}));
    return store_.write([&](store::Tx& tx) { return trail_.seal_month(tx, month, actor_name(actor)); });
}

Result<std::vector<audit::Seal>> AuditService::seals(const AuditActor& actor) {
    KL_TRY(require_audit_read(actor));
    return store_.read([&](store::Tx& tx) { return trail_.seals(tx); });
}

Result<std::string> AuditService::public_key_hex() const {
    const audit::AuditSigner* signer = trail_.signer();
    if (!signer) return fail(Error{ErrorCode::not_found, "the audit trail has no signing key", {}});
    return signer->public_key_hex();
}

Result<CheckpointPage> AuditService::checkpoints(const AuditActor& actor, int limit, std::optional<int64_t> before_seq) {
    KL_TRY(require_audit_read(actor));
    KL_TRY(access::check_page_limit(limit));
    CheckpointPage page;
    KL_TRY_ASSIGN(page.checkpoints, store_.read([&](store::Tx& tx) { return trail_.checkpoints(tx, limit, before_seq); }));
    if (const audit::AuditSigner* signer = trail_.signer()) page.public_key_hex = signer->public_key_hex();
    return page;
}

Result<audit::Checkpoint> AuditService::take_checkpoint(const AuditActor& actor) {
    KL_TRY(require_audit_read(actor));
    return store_.write([&](store::Tx& tx) { return trail_.checkpoint(tx, "request"); });
}

}  // namespace kl::ledger
