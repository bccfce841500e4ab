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
        store::SqlQuery query;
        if (scope.kind == Scope::Kind::county) query.where("p.county_code", scope.value);
        if (year) query.where("p.year", *year);
        KL_TRY_ASSIGN(auto out, county_year_figures(tx, query));
        // Funds arrived come from the funds module (through the port), per project; summed here by
        // the same county and year groups.
        std::map<std::pair<std::string, int64_t>, int64_t> arrived;
        if (context_.funds.quota_arrived_by_project) {
            KL_TRY_ASSIGN(auto by_project, context_.funds.quota_arrived_by_project(tx));
            KL_TRY_ASSIGN(auto projects, project_county_years(tx, query));
            for (const auto& project : projects) {
                auto found = by_project.find(project.id);
                if (found == by_project.end()) continue;
                arrived[{project.county, project.year}] += found->second;
            }
        }
        for (auto& figures : out) {
            if (auto found = arrived.find({figures.county, figures.year}); found != arrived.end()) {
                figures.arrived_fen = found->second;
            }
            figures.execution_bp = figures.budget_fen > 0 ? figures.disbursed_fen * 10'000 / figures.budget_fen : 0;
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
