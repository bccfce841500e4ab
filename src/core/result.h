#pragma once
// Result<T>: a T or an Error, with std::expected's spelling (GCC 12 has std::expected only in C++23),
// so that moving to std::expected later is mechanical. Both Result and Error are [[nodiscard]] by use.

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/assert.h"
#include "core/error.h"

namespace kl {

struct Unexpected {
    Error error;
};

inline Unexpected fail(Error error) { return Unexpected{std::move(error)}; }
inline Unexpected fail(ErrorCode code, std::string message) {
    return Unexpected{Error{code, std::move(message), {}}};
}
inline Unexpected fail_field(std::string field, ProblemCode code, std::string message, ProblemParams params = {}) {
    return Unexpected{Error::invalid(std::move(field), code, std::move(message), std::move(params))};
}
inline Unexpected fail(ErrorCode code, ProblemCode problem, std::string message, ProblemParams params = {}) {
    return Unexpected{Error::refusal(code, problem, std::move(message), std::move(params))};
}

template <typename T>
class [[nodiscard]] Result {
public:
    using value_type = T;
    Result(const T& value) : state_(std::in_place_index<0>, value) {}
    Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}
    template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                      !std::is_same_v<std::decay_t<U>, Result> &&
                                                      !std::is_same_v<std::decay_t<U>, Unexpected>>>
    Result(U&& value) : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}
    Result(Unexpected unexpected) : state_(std::in_place_index<1>, std::move(unexpected.error)) {}

    bool has_value() const { return state_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { KL_ASSERT(has_value()); return std::get<0>(state_); }
    const T& value() const& { KL_ASSERT(has_value()); return std::get<0>(state_); }
    T&& value() && { KL_ASSERT(has_value()); return std::get<0>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { KL_ASSERT(!has_value()); return std::get<1>(state_); }
    Error&& error() && { KL_ASSERT(!has_value()); return std::get<1>(std::move(state_)); }

    template <typename U>
    T value_or(U&& fallback) const& { return has_value() ? value() : T(std::forward<U>(fallback)); }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected unexpected) : error_(std::move(unexpected.error)) {}

    bool has_value() const { return !error_.has_value(); }
    explicit operator bool() const { return has_value(); }
    void value() const { KL_ASSERT(has_value()); }
    const Error& error() const& { KL_ASSERT(!has_value()); return *error_; }
    Error&& error() && { KL_ASSERT(!has_value()); return std::move(*error_); }

private:
    std::optional<Error> error_;
};

inline Result<void> ok() { return {}; }

}  // namespace kl

// Propagates an error from an expression returning Result<...>; binds nothing on success.
// The temporary's name carries the line number, so a KL_TRY inside a lambda inside a KL_TRY does not
// shadow the outer one (-Wshadow).
#define KL_CONCAT_INNER(a, b) a##b
#define KL_CONCAT(a, b) KL_CONCAT_INNER(a, b)
#define KL_TRY(expr) KL_TRY_IMPL(KL_CONCAT(kl_try_result_, __LINE__), expr)
#define KL_TRY_IMPL(tmp, expr)                                      \
    do {                                                            \
        auto tmp = (expr);                                          \
        if (!tmp) return ::kl::fail(std::move(tmp).error());        \
    } while (false)
// Declares `lhs` from the value of a Result expression, or returns its error.
#define KL_TRY_ASSIGN(lhs, expr) KL_TRY_ASSIGN_IMPL(KL_CONCAT(kl_try_tmp_, __LINE__), lhs, expr)
#define KL_TRY_ASSIGN_IMPL(tmp, lhs, expr)                    \
    auto tmp = (expr);                                        \
    if (!tmp) return ::kl::fail(std::move(tmp).error());      \
    lhs = std::move(tmp).value()
