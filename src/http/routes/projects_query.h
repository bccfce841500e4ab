#pragma once
// Query parameters of the projects and service-book routes: an empty value is absent, and every bad
// one is named in the problem (internal to src/http/routes).

#include <optional>
#include <string>
#include <vector>

#include "access/page_cursor.h"
#include "core/civil_date.h"
#include "http/message.h"
#include "http/routes/route_support.h"  // FileFormat
#include "projects/project_types.h"

namespace kl::http {

inline constexpr size_t query_chars_max = 200;

// Query parameters: empty is absent; every bad one is named.
class Query {
public:
    explicit Query(const Request& request) : request_(request) {}

    std::optional<std::string> text(const std::string& name) {
        auto value = request_.query_param(name);
        if (!value || value->empty()) return std::nullopt;
        if (value->size() > query_chars_max) {
            errors_.push_back(FieldError{name, "is too long"});
            return std::nullopt;
        }
        return value;
    }
    std::optional<int64_t> integer(const std::string& name, int64_t min, int64_t max) {
        auto value = text(name);
        if (!value) return std::nullopt;
        const bool digits = value->size() <= 12 && value->find_first_not_of("0123456789") == std::string::npos;
        const int64_t number = digits ? std::stoll(*value) : min - 1;
        if (number < min || number > max) {
            errors_.push_back(FieldError{name, "must be an integer between " + std::to_string(min) + " and " +
                                                   std::to_string(max)});
            return std::nullopt;
        }
        return number;
    }
    template <typename E>
    std::optional<E> named(const std::string& name) {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto parsed = projects::parse_enum<E>(*value, name);
        if (!parsed) {
            errors_.push_back(parsed.error().fields.at(0));
            return std::nullopt;
        }
        return *parsed;
    }
    std::optional<kl::Date> date(const std::string& name) {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto parsed = kl::parse_date(*value, name);
        if (!parsed) {
            errors_.push_back(parsed.error().fields.at(0));
            return std::nullopt;
        }
        return *parsed;
    }
    // `format`: json (the default: nullopt), csv or xlsx, for the routes that export a table.
    std::optional<FileFormat> file_format() {
        const auto format = text("format");
        if (!format || *format == "json") return std::nullopt;
        if (*format == "csv") return FileFormat::csv;
        if (*format == "xlsx") return FileFormat::xlsx;
        errors_.push_back(FieldError{"format", "must be json, csv or xlsx"});
        return std::nullopt;
    }
    int limit() { return static_cast<int>(integer("limit", 0, 100000).value_or(access::page_limit_default)); }
    std::optional<std::string> cursor() { return text("cursor"); }
    Result<void> finish() const {
        if (errors_.empty()) return ok();
        return fail(Error{ErrorCode::invalid_argument, errors_.front().field + ": " + errors_.front().message, errors_});
    }

private:
    const Request& request_;
    std::vector<FieldError> errors_;
};


}  // namespace kl::http
