#include "http/message.h"

#include <algorithm>
#include <variant>

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/assert.h"

namespace kl::http {

std::string_view to_string(Method method) {
    switch (method) {
        case Method::get: return "GET";
        case Method::head: return "HEAD";
        case Method::post: return "POST";
        case Method::put: return "PUT";
        case Method::patch: return "PATCH";
        case Method::del: return "DELETE";
        case Method::options: return "OPTIONS";
        case Method::other: return "OTHER";
    }
    return "OTHER";
}

bool is_unsafe(Method method) {
    return method == Method::post || method == Method::put || method == Method::patch || method == Method::del;
}

std::optional<std::string> Request::header(const std::string& lower_name) const {
    auto found = headers.find(lower_name);
    if (found == headers.end()) return std::nullopt;
    return found->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
    if (documented_query != nullptr) {
        const bool documented = std::any_of(documented_query->begin(), documented_query->end(),
                                            [&name](const auto& doc) { return doc.first == name; });
        if (!documented) spdlog::critical("route {} reads the query parameter '{}' it does not document", route_pattern, name);
        KL_ASSERT(documented);
    }
    auto found = query.find(name);
    if (found == query.end()) return std::nullopt;
    return found->second;
}

const std::string& Request::param(const std::string& name) const {
    auto found = path_params.find(name);
    // A handler asking for a parameter its own pattern does not declare is a bug, not bad input.
    KL_ASSERT(found != path_params.end());
    return found->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    auto header_value = header("cookie");
    if (!header_value) return std::nullopt;
    std::string_view rest = *header_value;
    while (!rest.empty()) {
        size_t end = rest.find(';');
        std::string_view pair = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        size_t equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        std::string_view key = pair.substr(0, equals);
        while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
        if (key != name) continue;
        std::string_view value = pair.substr(equals + 1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return std::nullopt;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Error";
    }
}

namespace {

// The problem code of a status answered without one (the server's own refusals: no route, no body).
ProblemCode code_for_status(int status) {
    switch (status) {
        case 401: return ProblemCode::unauthenticated;
        case 403: return ProblemCode::permission_denied;
        case 404: return ProblemCode::not_found;
        case 409: return ProblemCode::conflict;
        case 413:
        case 429: return ProblemCode::limit_reached;
        case 422: return ProblemCode::refused;
        case 503: return ProblemCode::unavailable;
        default: return status >= 500 ? ProblemCode::internal : ProblemCode::invalid_request;
    }
}

// Numbers stay JSON numbers (amounts in fen, bounds) so that a client formats them in its language.
nlohmann::json params_json(const ProblemParams& params) {
    auto out = nlohmann::json::object();
    for (const auto& param : params) {
        std::visit([&](const auto& value) { out[param.name] = value; }, param.value);
    }
    return out;
}

}  // namespace

Response problem(int status, std::string_view title, std::string_view detail, const std::vector<FieldError>& fields,
                 std::optional<ProblemCode> code, const ProblemParams& params) {
    nlohmann::json body = {
        {"type", "about:blank"},
        {"title", title},
        {"status", status},
        {"detail", detail},
        {"code", to_string(code.value_or(code_for_status(status)))},
        {"params", params_json(params)},
    };
    if (!fields.empty()) {
        auto errors = nlohmann::json::array();
        for (const auto& field : fields) {
            errors.push_back({{"field", field.field},
                              {"code", to_string(field.code)},
                              {"params", params_json(field.params)},
                              {"message", field.message}});
        }
        body["errors"] = std::move(errors);
    }
    Response response;
    response.status = status;
    response.content_type = std::string(problem_content_type);
    // `replace` keeps a message with stray bytes from turning an error answer into an exception.
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

// invalid_argument is 400 for every kind of input validation (syntax, types, ranges, lengths), so a
// client needs to handle one status for "fix your request". 422 is kept for failed_precondition: the
// request was well formed but a rule of the domain refuses it in the current state.
int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return 400;
        case ErrorCode::unauthenticated: return 401;
        case ErrorCode::permission_denied: return 403;
        case ErrorCode::not_found: return 404;
        case ErrorCode::already_exists: return 409;
        case ErrorCode::conflict: return 409;
        case ErrorCode::failed_precondition: return 422;
        case ErrorCode::resource_exhausted: return 429;
        case ErrorCode::unavailable: return 503;
        case ErrorCode::internal: return 500;
    }
    return 500;
}

namespace {
std::string_view title_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return "Invalid request";
        case ErrorCode::unauthenticated: return "Authentication required";
        case ErrorCode::permission_denied: return "Permission denied";
        case ErrorCode::not_found: return "Not found";
        case ErrorCode::already_exists: return "Already exists";
        case ErrorCode::conflict: return "Conflict";
        case ErrorCode::failed_precondition: return "Refused by a business rule";
        case ErrorCode::resource_exhausted: return "Limit reached";
        case ErrorCode::unavailable: return "Service unavailable";
        case ErrorCode::internal: return "Internal error";
    }
    return "Internal error";
}
}  // namespace

Response error_response(const Error& error) {
    const int status = status_for(error.code);
    if (error.code == ErrorCode::internal) {
        // Internal messages may carry SQL or file paths: they go to the log, not to the client.
        spdlog::error("internal error answered as 500: {}", error.message);
        return problem(status, title_for(error.code), "An internal error occurred; it has been logged.");
    }
    Response response =
        problem(status, title_for(error.code), error.message, error.fields, error.problem_code(), error.params);
    if (error.code == ErrorCode::unavailable) response.with_header("Retry-After", std::to_string(retry_after_s));
    if (error.code == ErrorCode::unauthenticated) response.with_header("WWW-Authenticate", "Bearer");
    return response;
}

}  // namespace kl::http
