#include "trace/trace_access.h"

#include "access/permissions.h"
#include "store/sql.h"
#include "trace/trace_repo.h"

namespace kl::trace {

Result<void> require_lot_visible(store::Tx& tx, const Actor& actor, const std::string& lot_id) {
    store::SqlQuery query;
    KL_TRY_ASSIGN(std::string visible, lot_visibility_condition(tx, actor, query));
    KL_TRY_ASSIGN(bool seen, lot_visible(tx, lot_id, visible, query));
    if (!seen) return fail(ErrorCode::permission_denied, "this lot is outside your organisation's scope");
    return ok();
}

Result<void> require_event_recorder(const Actor& actor) {
    if (!actor) return ok();
    KL_TRY(access::require_writer(*actor));
    return access::require_role(*actor, {access::Role::admin, access::Role::producer, access::Role::logistics});
}

Result<void> require_may_record_on(store::Tx& tx, const Actor& actor, const Event& event, const Lot& lot) {
    if (!actor || actor->role == access::Role::admin) return ok();
    const std::string org = actor->org_id.value_or("");
    if (actor->role == access::Role::producer) {
        if (lot.producer_id != org) {
            return fail(ErrorCode::permission_denied, "lot " + lot.lot_code + " belongs to another producer: a producer records "
                                                      "events only on its own lots");
        }
        return ok();
    }
    if (actor->role == access::Role::logistics) {
        if (event.type != EventType::object || event.action != Action::observe) {
            return fail(ErrorCode::permission_denied, "a logistics firm records only observations (ObjectEvent OBSERVE) of the goods "
                                                      "it carries");
        }
        KL_TRY_ASSIGN(bool carried, lot_shipped_to(tx, lot.id, org, true));
        if (!carried) return fail(ErrorCode::permission_denied, "lot " + lot.lot_code + " was not shipped on an order your firm carries");
        return ok();
    }
    return fail(ErrorCode::permission_denied, "role " + std::string(access::to_string(actor->role)) + " does not record trace events");
}

}  // namespace kl::trace
