#pragma once
// What the modules' route files share (internal to src/http/routes): reading query parameters with
// errors that name them, collecting the field problems of nested JSON readers, and answering with a
// spreadsheet file.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "exchange/table.h"
#include "http/message.h"

namespace kl::http {

// Query texts longer than this cannot be an id, a code or a search any service accepts.
inline constexpr size_t query_text_chars_max = 400;
inline constexpr std::string_view csv_content_type = "text/csv";

enum class FileFormat { csv, xlsx };

// Query filters as the list endpoints read them: an empty value is no filter; a bad one an error
// naming the parameter. Every problem is collected; finish() reports them all.
class QueryReader {
public:
    explicit QueryReader(const Request& request) : request_(request) {}

    std::optional<std::string> text(const std::string& name);
    // `parse(text, name)` returns Result<T>; its first field error (or its message) is kept.
    template <typename Parse>
    auto parsed(const std::string& name, Parse parse) -> std::optional<typename decltype(parse("", ""))::value_type> {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto result = parse(*value, name);
        if (!result) {
            add(result.error().fields.empty() ? FieldError{name, result.error().message} : result.error().fields.front());
            return std::nullopt;
        }
        return *result;
    }
    void add(FieldError error) { errors_.push_back(std::move(error)); }
    Result<void> finish() const;

private:
    const Request& request_;
    std::vector<FieldError> errors_;
};

// Field problems gathered from several readers (nested objects, array items) before failing once.
class FieldProblems {
public:
    void take(const Result<void>& result);
    void add(std::string field, std::string message) { fields_.push_back(FieldError{std::move(field), std::move(message)}); }
    // invalid_argument with every problem ("N fields are invalid" when there are several), or success.
    Result<void> finish() const;

private:
    std::vector<FieldError> fields_;
};

// A spreadsheet as the answer, offered for download as `name`.csv or `name`.xlsx.
Response file_response(const exchange::Table& table, FileFormat format, const std::string& name);
// Whether the body is declared text/csv (parameters such as charset allowed, any letter case).
bool is_csv(const Request& request);

}  // namespace kl::http
