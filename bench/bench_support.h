#pragma once
// Small helpers the benchmarks share: setup steps that must succeed (a failed setup ends the run
// with its message, there is nothing to measure without it) and a fresh temporary directory.

#include <stdlib.h>

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

}  // namespace kl::bench
