#pragma once
// The figures the programme reports (the Jinhua aid-audit shape, funds-anchors.md §3): per county
// and year, projects planned / started / completed; funds planned (budgets), committed (contracts
// and their modifications), disbursed (paid requests) and the execution rate; open risk flags.
// Programme-wide roles see every county, a county officer its own; others are refused.

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "sheets/table.h"
#include "projects/project_context.h"
#include "projects/project_types.h"  // CountyYearFigures

namespace kl::projects {

class ProjectReports {
public:
    explicit ProjectReports(ProjectContext& context) : context_(context) {}

    Result<std::vector<CountyYearFigures>> by_county(const std::optional<access::Principal>& actor,
                                                     std::optional<int64_t> year);

private:
    ProjectContext& context_;
};

// The rows as a sheet for CSV/XLSX export (src/sheets writers).
sheets::Table figures_table(const std::vector<CountyYearFigures>& figures);

}  // namespace kl::projects
