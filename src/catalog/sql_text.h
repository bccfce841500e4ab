#pragma once
// Small helpers the catalog's SQL is built with (internal to src/catalog): numbered placeholders
// for optional filters, and LIKE patterns that match text literally.

#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace kl::catalog {

// Collects parameters and hands out their placeholders ($1, $2…) in order.
class SqlParams {
public:
    std::string bind(store::Value value) {
        params_.push_back(std::move(value));
        return "$" + std::to_string(params_.size());
    }
    const store::Params& params() const { return params_; }

private:
    store::Params params_;
};

// A pattern for `LOWER(column) LIKE pattern ESCAPE '\'` that finds `needle` anywhere in the text:
// ASCII letters lower-cased (both backends lower-case ASCII alike), and %, _ and \ escaped so they
// match themselves.
std::string contains_pattern(std::string_view needle);

// The condition "column contains the pattern bound as `placeholder`", for the two backends alike.
inline std::string like_condition(const std::string& column, const std::string& placeholder) {
    return "LOWER(" + column + ") LIKE " + placeholder + " ESCAPE '\\'";
}

inline store::Value optional_text(const std::optional<std::string>& text) {
    return text ? store::Value(*text) : store::null();
}
inline store::Value optional_int(const std::optional<int64_t>& value) {
    return value ? store::Value(*value) : store::null();
}

}  // namespace kl::catalog
