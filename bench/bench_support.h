#pragma once
// Small helpers the benchmarks share: setup steps that must succeed (a failed setup ends the run
// with its message, there is nothing to measure without it), a fresh temporary directory, and the
// verdict line every figure with a target ends in.

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/memory_tuning.h"
#include "core/result.h"

namespace kl::bench {

// The process settings the kashlink command makes in its main (cli/main.cpp), so that a benchmark
// measures what the server does. Call first in main.
inline void configure_process_like_the_server() { (void)core::keep_freed_memory_for_reuse(); }

template <typename T>
T must(Result<T> result, const char* what) {
    if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message);
    return std::move(result).value();
}
inline void must(Result<void> result, const char* what) {
    if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message);
}

// A new directory under the system's temporary directory, named after `prefix`.
inline std::string temp_dir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// A figure's target: at least (ratios, rates) or at most (times) `limit`.
struct Target {
    double limit = 0;
    bool at_least = true;
    const char* unit = "";  // printed after the numbers, e.g. " ms" or "×"
};
inline Target at_least(double limit, const char* unit = "") { return Target{limit, true, unit}; }
inline Target at_most(double limit, const char* unit = "") { return Target{limit, false, unit}; }

inline bool met(double value, const Target& target) {
    return target.at_least ? value >= target.limit : value <= target.limit;
}

// "target ≥ 0.60: met" — what every benchmark prints beside a figure that has a target.
inline std::string verdict(double value, const Target& target) {
    char text[96];
    std::snprintf(text, sizeof text, "target %s %.2f%s: %s", target.at_least ? "≥" : "≤", target.limit, target.unit,
                  met(value, target) ? "met" : "not met");
    return text;
}

// One line: the label, the figure, its target and the verdict.
inline void print_target(const std::string& label, double value, const Target& target) {
    std::printf("%-58s %9.3f%s   %s\n", label.c_str(), value, target.unit, verdict(value, target).c_str());
}

// A figure no issue has set a target for yet: printed the same way, and said so.
inline void print_untargeted(const std::string& label, double value, const char* unit = "") {
    std::printf("%-58s %9.3f%s   no target set\n", label.c_str(), value, unit);
}

// A yes/no target ("proven optimal", "objectives agree").
inline void print_check(const std::string& label, bool holds, const char* target) {
    std::printf("%-58s %9s   target %s: %s\n", label.c_str(), holds ? "yes" : "no", target, holds ? "met" : "not met");
}

}  // namespace kl::bench
