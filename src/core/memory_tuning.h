#pragma once
// Process-wide tuning of glibc's allocator, made once at the start of `main` (the kashlink command,
// and the benchmarks, which measure what that command does).
//
// By default glibc serves blocks above a sliding threshold (128 KB, rising as such blocks are
// freed) with mmap and gives freed memory at the top of the heap back to the kernel. On this
// project's virtual machines a fresh page costs a fault that goes through the hypervisor, and an
// allocation run touches tens of MB of fresh vectors (pairs, the network, LEMON's arrays): measured
// on 5,000 offers × 1,000 demands, pair search 12 → 2 ms, network 8 → 0.5 ms and LEMON's solve
// 70 → 47 ms once the second run reuses the first run's memory. So blocks up to 32 MB (glibc's
// maximum threshold on 64-bit) come from the heap, and up to 256 MB of freed heap stays with the
// process for the next run or request. The price: the server's resident size stays near its
// high-water mark, at most 256 MB above what it uses, on machines with 24 GB.

namespace kl::core {

// Applies the settings above; returns false (and changes nothing it could not) when glibc refuses.
bool keep_freed_memory_for_reuse();

}  // namespace kl::core
