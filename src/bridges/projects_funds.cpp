#include "bridges/projects_funds.h"

namespace kl::bridges {

projects::FundsPort funds_port(funds::FundsService& funds) {
    projects::FundsPort port;
    port.open_project_accounts = [&funds](store::Tx& tx, std::string_view project_id, std::string_view county_code,
                                          int64_t budget_fen) {
        return funds.open_project_accounts(tx, project_id, county_code, budget_fen);
    };
    port.pay_contractor = [&funds](store::Tx& tx, const projects::PaymentOrder& order) {
        return funds.pay_contractor(tx, funds::PaymentOrder{order.payment_id, order.project_id, order.county_code,
                                                            order.payee_org_id, order.amount_fen});
    };
    port.project_settled = [&funds](store::Tx& tx, std::string_view project_id) {
        return funds.project_settled(tx, project_id);
    };
    port.close_project_accounts = [&funds](store::Tx& tx, std::string_view project_id) {
        return funds.close_project_accounts(tx, project_id);
    };
    port.quota_arrived_by_project = [&funds](store::Tx& tx) { return funds.quota_arrived_by_project(tx); };
    return port;
}

}  // namespace kl::bridges
