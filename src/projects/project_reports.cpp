#include "projects/project_reports.h"

#include <map>

#include "projects/project_access.h"
#include "projects/project_repo.h"

namespace kl::projects {

Result<std::vector<CountyYearFigures>> ProjectReports::by_county(const std::optional<access::Principal>& actor,
                                                                 std::optional<int64_t> year) {
    return context_.store.read([&](store::Tx& tx) -> Result<std::vector<CountyYearFigures>> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        if (scope.kind == Scope::Kind::counterparty) {
            return fail(ErrorCode::permission_denied, "project reports are for the Front Command, auditors and county officers");
        }
        if (scope.kind == Scope::Kind::nothing) return std::vector<CountyYearFigures>{};
        ListQuery query;
        if (scope.kind == Scope::Kind::county) query.where("p.county_code", scope.value);
        if (year) query.where("p.year", *year);
        KL_TRY_ASSIGN(store::Rows rows, tx.query(
            "SELECT p.county_code, p.year, COUNT(*) AS planned, "
            "SUM(CASE WHEN p.status IN ('started', 'completed', 'accepted', 'closed') THEN 1 ELSE 0 END) AS started, "
            "SUM(CASE WHEN p.status IN ('completed', 'accepted', 'closed') THEN 1 ELSE 0 END) AS completed, "
            "SUM(p.budget_fen) AS budget, "
            "SUM((SELECT COALESCE(SUM(c.value_fen), 0) FROM contracts c WHERE c.project_id = p.id) + "
            "(SELECT COALESCE(SUM(m.delta_fen), 0) FROM contract_modifications m JOIN contracts c ON c.id = m.contract_id "
            "WHERE c.project_id = p.id)) AS committed, "
            "SUM((SELECT COALESCE(SUM(r.amount_fen), 0) FROM payment_requests r WHERE r.project_id = p.id "
            "AND r.status = 'paid')) AS disbursed, "
            "SUM((SELECT COUNT(*) FROM risk_flags f WHERE f.project_id = p.id AND f.status = 'open')) AS open_flags "
            "FROM projects p JOIN counties k ON k.code = p.county_code WHERE " + query.condition() +
            " GROUP BY p.county_code, p.year, k.sort_order ORDER BY p.year, k.sort_order", query.params()));
        // Funds arrived come from the funds module (through the port), per project; summed here by
        // the same county and year groups.
        std::map<std::pair<std::string, int64_t>, int64_t> arrived;
        if (context_.funds.quota_arrived_by_project) {
            KL_TRY_ASSIGN(auto by_project, context_.funds.quota_arrived_by_project(tx));
            KL_TRY_ASSIGN(store::Rows projects, tx.query("SELECT p.id, p.county_code, p.year FROM projects p WHERE " +
                                                             query.condition(),
                                                         query.params()));
            for (const auto& project : projects) {
                auto found = by_project.find(project.text("id"));
                if (found == by_project.end()) continue;
                arrived[{project.text("county_code"), project.i64("year")}] += found->second;
            }
        }
        std::vector<CountyYearFigures> out;
        for (const auto& row : rows) {
            CountyYearFigures figures;
            figures.county = row.text("county_code");
            figures.year = row.i64("year");
            figures.planned = row.i64("planned");
            figures.started = row.i64("started");
            figures.completed = row.i64("completed");
            figures.budget_fen = row.i64("budget");
            if (auto found = arrived.find({figures.county, figures.year}); found != arrived.end()) {
                figures.arrived_fen = found->second;
            }
            figures.committed_fen = row.i64("committed");
            figures.disbursed_fen = row.i64("disbursed");
            figures.open_flags = row.i64("open_flags");
            figures.execution_bp = figures.budget_fen > 0 ? figures.disbursed_fen * 10'000 / figures.budget_fen : 0;
            out.push_back(figures);
        }
        return out;
    });
}

sheets::Table figures_table(const std::vector<CountyYearFigures>& figures) {
    sheets::Table table;
    table.sheet_name = "projects";
    table.columns = {{"county", false},       {"year", true},           {"planned", true},       {"started", true},
                     {"completed", true},     {"budget_fen", true},     {"arrived_fen", true},   {"committed_fen", true},
                     {"disbursed_fen", true}, {"execution_bp", true},   {"open_flags", true}};
    for (const auto& row : figures) {
        table.rows.push_back({row.county, std::to_string(row.year), std::to_string(row.planned), std::to_string(row.started),
                              std::to_string(row.completed), std::to_string(row.budget_fen),
                              std::to_string(row.arrived_fen), std::to_string(row.committed_fen), std::to_string(row.disbursed_fen),
                              std::to_string(row.execution_bp), std::to_string(row.open_flags)});
    }
    return table;
}

}  // namespace kl::projects
