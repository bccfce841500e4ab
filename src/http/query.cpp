#include "http/query.h"

#include <algorithm>

#include "access/page_cursor.h"

namespace kl::http {

namespace {
// A page size is a few digits; anything longer is not a number we would accept anyway.
constexpr size_t limit_digits_max = 4;
// Query integers are years, counts and amounts: 12 digits is more than any of them needs.
constexpr size_t integer_digits_max = 12;
}  // namespace

const QueryDocs& page_query_docs() {
    static const QueryDocs docs = {
        {"limit", "page size, " + std::to_string(access::page_limit_min) + " to " +
                      std::to_string(access::page_limit_max) + " (default " +
                      std::to_string(access::page_limit_default) + ")"},
        {"cursor", "next_cursor of the previous page"}};
    return docs;
}

QueryDocs with_page(QueryDocs params) {
    const auto& paging = page_query_docs();
    params.insert(params.end(), paging.begin(), paging.end());
    return params;
}

std::vector<FieldError> unknown_query_params(const Request& request, const QueryDocs& documented) {
    std::string known;
    for (const auto& [name, description] : documented) known += (known.empty() ? "" : ", ") + name;
    const std::string message = known.empty() ? "is not a parameter of this route (it takes none)"
                                              : "is not a parameter of this route (known: " + known + ")";
    std::vector<FieldError> errors;
    for (auto it = request.query.begin(); it != request.query.end(); it = request.query.upper_bound(it->first)) {
        const auto& name = it->first;
        const bool listed = std::any_of(documented.begin(), documented.end(), [&name](const auto& doc) { return doc.first == name; });
        if (!listed) errors.push_back(FieldError{name, ProblemCode::unknown_field, message});
    }
    return errors;
}

Result<int> read_limit(const Request& request) {
    auto text = request.query_param("limit");
    if (!text) return access::page_limit_default;
    const bool digits = !text->empty() && text->size() <= limit_digits_max &&
                        text->find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        return fail_field("limit", ProblemCode::out_of_range, "must be an integer between " + std::to_string(access::page_limit_min) + " and " +
                                       std::to_string(access::page_limit_max));
    }
    return std::stoi(*text);
}

Result<int> read_limit_in_range(const Request& request) {
    KL_TRY_ASSIGN(int limit, read_limit(request));
    if (limit < access::page_limit_min || limit > access::page_limit_max) {
        return fail_field("limit", ProblemCode::out_of_range, "must be an integer between " + std::to_string(access::page_limit_min) + " and " +
                                       std::to_string(access::page_limit_max));
    }
    return limit;
}

std::optional<std::string> read_cursor(const Request& request) {
    auto cursor = request.query_param("cursor");
    if (cursor && cursor->empty()) return std::nullopt;
    return cursor;
}

std::optional<std::string> QueryReader::text(const std::string& name) {
    auto value = request_.query_param(name);
    if (!value || value->empty()) return std::nullopt;
    if (value->size() > query_text_chars_max) {
        errors_.push_back(FieldError{name, ProblemCode::invalid_value, "is too long"});
        return std::nullopt;
    }
    return value;
}

std::optional<int64_t> QueryReader::integer(const std::string& name, int64_t min, int64_t max) {
    return parsed(name, [&](std::string_view text, const std::string& field) -> Result<int64_t> {
        const bool digits = !text.empty() && text.size() <= integer_digits_max &&
                            text.find_first_not_of("0123456789") == std::string_view::npos;
        const int64_t number = digits ? std::stoll(std::string(text)) : min - 1;
        if (number < min || number > max) {
            return fail_field(field, ProblemCode::out_of_range, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
        }
        return number;
    });
}

int QueryReader::limit() {
    auto limit = read_limit(request_);
    if (limit) return *limit;
    record("limit", limit.error());
    return access::page_limit_default;
}

void QueryReader::record(const std::string& name, const Error& error) {
    errors_.push_back(error.fields.empty() ? FieldError{name, ProblemCode::invalid_value, error.message} : error.fields.front());
}

Result<void> QueryReader::finish() const {
    if (errors_.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors_.front().field + ": " + errors_.front().message, errors_});
}

}  // namespace kl::http
