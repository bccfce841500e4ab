#include "projects/project_context.h"

namespace kl::projects {

Result<void> audit(store::Tx& tx, const ProjectContext& context, const std::optional<access::Principal>& actor,
                   std::string action, std::string record_type, std::string record_id, std::string body_json) {
    KL_TRY(context.audit.append(tx, audit::AuditEvent{actor_name(actor), std::move(action), std::move(record_type),
                                                      std::move(record_id), std::move(body_json)}));
    return ok();
}

}  // namespace kl::projects
