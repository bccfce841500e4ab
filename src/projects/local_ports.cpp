#include "projects/local_ports.h"

namespace kl::projects {

FundsPort budget_quota_funds_port(IdGenerator& ids) {
    FundsPort port;
    port.open_project_accounts = [](store::Tx& tx, std::string_view project_id, std::string_view,
                                    int64_t budget_fen) -> Result<void> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT budget_fen FROM projects WHERE id = $1", {std::string(project_id)}));
        if (rows.empty() || rows[0].i64(0) != budget_fen) {
            return fail(ErrorCode::failed_precondition, "the project's budget does not match the quota to release");
        }
        return ok();
    };
    port.pay_contractor = [&ids](store::Tx& tx, const PaymentOrder& order) -> Result<std::string> {
        KL_TRY_ASSIGN(store::Rows rows,
                      tx.query("SELECT p.budget_fen, (SELECT COALESCE(SUM(r.amount_fen), 0) FROM payment_requests r "
                               "WHERE r.project_id = p.id AND r.status = 'paid') AS paid FROM projects p WHERE p.id = $1",
                               {order.project_id}));
        if (rows.empty()) return fail(ErrorCode::not_found, "project " + order.project_id + " has no accounts");
        if (rows[0].i64("paid") + order.amount_fen > rows[0].i64("budget_fen")) {
            return fail(ErrorCode::failed_precondition, "quota insufficient: the project's budget is spent");
        }
        return "chain-" + ids.next();
    };
    port.project_settled = [](store::Tx& tx, std::string_view project_id) -> Result<bool> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) FROM payment_requests WHERE project_id = $1 "
                                                 "AND status = 'approved'",
                                                 {std::string(project_id)}));
        return rows[0].i64(0) == 0;
    };
    port.close_project_accounts = [](store::Tx&, std::string_view) -> Result<void> { return ok(); };
    return port;
}

AuditSink interim_audit_sink(const Clock& clock, IdGenerator& ids) {
    return [&clock, &ids](store::Tx& tx, const AuditRecord& record) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO projects_audit_interim (id, actor, action, record_type, record_id, body_json, "
                          "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {ids.next(), record.actor, record.action, record.record_type, record.record_id, record.body_json,
                           clock.now_ms()}));
        return ok();
    };
}

}  // namespace kl::projects
