#pragma once
// The one adapter over CBC (COIN-OR branch and cut; its headers stay in packing_mip.cpp): a 0/1
// packing program — maximise Σ weight·x over binary x subject to rows Σ x[columns] ≤ upper — under a
// time limit, optionally from a known solution. Integer weights in, integer objective and bound out;
// the doubles CBC works in stay inside the adapter.

#include <cstdint>
#include <vector>

namespace kl::optim {

struct PackingRow {
    std::vector<int32_t> columns;  // each at most once
    int64_t upper = 0;
};

struct PackingProgram {
    std::vector<int64_t> weight;  // one per column
    std::vector<PackingRow> rows;
};

// optimal: proven. feasible: the time limit struck with a solution in hand. unsolved: it struck
// before any solution (chosen is then empty).
enum class MipStatus { optimal, feasible, unsolved };

struct MipSolution {
    MipStatus status = MipStatus::unsolved;
    std::vector<uint8_t> chosen;  // 0/1 per column
    int64_t objective = 0;
    int64_t bound = 0;            // no solution is better than this
};

// start, when not empty, is a feasible 0/1 vector CBC begins from (its incumbent).
MipSolution solve_packing_mip(const PackingProgram& program, const std::vector<uint8_t>& start, int64_t time_ms_max);

}  // namespace kl::optim
