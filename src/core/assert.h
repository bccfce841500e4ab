#pragma once
// Always-on assertions for programmer errors (TigerBeetle, SQLite): a failed assert means a bug,
// logs file:line and aborts. Never assert on outside input; validate it and return an Error.

namespace kl::detail {
[[noreturn]] void assert_failed(const char* expression, const char* file, int line, const char* function);
}

#define KL_ASSERT(cond)                                                              \
    do {                                                                             \
        if (!(cond)) [[unlikely]]                                                    \
            ::kl::detail::assert_failed(#cond, __FILE__, __LINE__, __func__);         \
    } while (false)

// For costly checks: on in debug builds only.
#ifdef NDEBUG
#define KL_DASSERT(cond) ((void)0)
#else
#define KL_DASSERT(cond) KL_ASSERT(cond)
#endif
