// The only file that includes CBC. CbcMain0/CbcMain1 rather than a bare CbcModel: they switch on
// CBC's default cut generators and heuristics (a bare CbcModel has none and proves far less).
#include "optim/packing_mip.h"

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <cmath>
#include <string>

#include "core/assert.h"

namespace kl::optim {
namespace {

// CBC minimises: the program's weights enter negated.
void load_program(OsiClpSolverInterface& solver, const PackingProgram& program) {
    const int columns = static_cast<int>(program.weight.size());
    // The matrix is built whole: appending row by row reallocates and is quadratic in the rows.
    std::vector<int> indexes, lengths;
    std::vector<CoinBigIndex> starts;
    std::vector<double> row_upper, row_lower;
    for (const PackingRow& row : program.rows) {
        starts.push_back(static_cast<CoinBigIndex>(indexes.size()));
        for (int32_t column : row.columns) {
            KL_ASSERT(column >= 0 && column < columns);
            indexes.push_back(column);
        }
        lengths.push_back(static_cast<int>(row.columns.size()));
        row_lower.push_back(-COIN_DBL_MAX);
        row_upper.push_back(static_cast<double>(row.upper));
    }
    const std::vector<double> ones(indexes.size(), 1.0);
    CoinPackedMatrix matrix(false, columns, static_cast<int>(program.rows.size()), static_cast<CoinBigIndex>(indexes.size()),
                            ones.data(), indexes.data(), starts.data(), lengths.data());
    std::vector<double> lower(static_cast<size_t>(columns), 0.0), upper(static_cast<size_t>(columns), 1.0), cost;
    for (int64_t weight : program.weight) cost.push_back(-static_cast<double>(weight));
    solver.loadProblem(matrix, lower.data(), upper.data(), cost.data(), row_lower.data(), row_upper.data());
    for (int column = 0; column < columns; ++column) solver.setInteger(column);
    solver.messageHandler()->setLogLevel(0);
}

int64_t objective_of(const PackingProgram& program, const std::vector<uint8_t>& chosen) {
    int64_t total = 0;
    for (size_t column = 0; column < chosen.size(); ++column) total += chosen[column] ? program.weight[column] : 0;
    return total;
}

}  // namespace

MipSolution solve_packing_mip(const PackingProgram& program, const std::vector<uint8_t>& start, int64_t time_ms_max) {
    KL_ASSERT(start.empty() || start.size() == program.weight.size());
    OsiClpSolverInterface solver;
    load_program(solver, program);
    CbcModel model(solver);
    model.setLogLevel(0);
    if (!start.empty()) {
        std::vector<double> values(start.begin(), start.end());
        model.setBestSolution(values.data(), static_cast<int>(values.size()), -static_cast<double>(objective_of(program, start)),
                              true);
    }
    // Integer weights: a gap below one is closed. The time limit is in seconds, as CBC takes it.
    const std::string seconds = std::to_string(static_cast<double>(time_ms_max) / 1000.0);
    const char* arguments[] = {"kashlink", "-log", "0", "-sec", seconds.c_str(), "-allowableGap", "0.99", "-ratioGap", "0",
                               "-threads", "0", "-solve", "-quit"};
    CbcSolverUsefulData data;
    data.noPrinting_ = true;
    CbcMain0(model, data);
    CbcMain1(static_cast<int>(std::size(arguments)), arguments, model, nullptr, data);

    MipSolution solution;
    const double* best = model.bestSolution();
    // The bound CBC proves is on the minimum of −weight; the objective's integrality rounds it down.
    solution.bound = static_cast<int64_t>(std::floor(-model.getBestPossibleObjValue() + 1e-6));
    if (best == nullptr) return solution;
    solution.chosen.resize(program.weight.size());
    for (size_t column = 0; column < program.weight.size(); ++column) solution.chosen[column] = best[column] > 0.5 ? 1 : 0;
    solution.objective = objective_of(program, solution.chosen);
    solution.bound = std::max(solution.bound, solution.objective);
    solution.status = model.isProvenOptimal() && !model.isSecondsLimitReached() ? MipStatus::optimal : MipStatus::feasible;
    if (solution.status == MipStatus::optimal) solution.bound = solution.objective;
    return solution;
}

}  // namespace kl::optim
