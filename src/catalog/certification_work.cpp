#include "catalog/certification_work.h"

#include "catalog/catalog_access.h"
#include "catalog/product_repo.h"

namespace kl::catalog {

Result<std::vector<WorkQueue>> certification_work(store::Tx& tx, const std::optional<access::Principal>& actor, Date today) {
    std::vector<WorkQueue> queues;
    if (!actor) return queues;
    if (actor->role == access::Role::producer && actor->org_id) {
        KL_TRY_ASSIGN(WorkQueue queue, certifications_in_notice(tx, today, actor->org_id, std::nullopt));
        queues.push_back(std::move(queue));
    } else if (actor->role == access::Role::county_officer) {
        KL_TRY_ASSIGN(std::optional<std::string> county, officer_county(tx, *actor));
        if (!county) return queues;  // an agency without a county certifies nothing
        KL_TRY_ASSIGN(WorkQueue queue, certifications_in_notice(tx, today, std::nullopt, county));
        queues.push_back(std::move(queue));
    }
    return queues;
}

}  // namespace kl::catalog
