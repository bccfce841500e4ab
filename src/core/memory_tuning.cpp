#include "core/memory_tuning.h"

#include <malloc.h>

namespace kl::core {

namespace {
constexpr int heap_block_bytes_max = 32 * 1024 * 1024;   // larger blocks still get their own mapping
constexpr int kept_free_bytes_max = 256 * 1024 * 1024;   // freed heap beyond this goes back to the kernel
}  // namespace

bool keep_freed_memory_for_reuse() {
    // mallopt returns 1 on success; setting either one also stops glibc moving the thresholds.
    const bool mmap_set = mallopt(M_MMAP_THRESHOLD, heap_block_bytes_max) == 1;
    const bool trim_set = mallopt(M_TRIM_THRESHOLD, kept_free_bytes_max) == 1;
    return mmap_set && trim_set;
}

}  // namespace kl::core
