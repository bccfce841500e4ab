#pragma once
// Our own request/response values: handlers never see a socket or a Beast type (Beast's
// handle_request split, Ceph's process_request). The server converts at the edge.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/principal.h"
#include "core/error.h"

namespace kl::http {

enum class Method { get, head, post, put, patch, del, options, other };
// Method's enumerators, `other` included: the size of per-method tables.
inline constexpr size_t method_count = 8;
std::string_view to_string(Method method);
// POST, PUT, PATCH and DELETE change state: cookie sessions must prove them with a CSRF token.
bool is_unsafe(Method method);

inline constexpr std::string_view problem_content_type = "application/problem+json";
// Seconds a client is asked to wait after a 503 (busy worker pool, database unavailable).
inline constexpr int retry_after_s = 1;

// Header names are stored lower-case.
using Headers = std::map<std::string, std::string>;

struct Request {
    Method method = Method::get;
    std::string target;                              // raw, with query string
    std::string path;                                // decoded path, no query
    std::multimap<std::string, std::string> query;   // decoded query parameters
    Headers headers;
    std::string body;
    std::string request_id;
    std::string remote_address;
    std::map<std::string, std::string> path_params;  // filled by the router
    std::string route_pattern;                       // "/api/v1/users/{id}", for metrics and logs
    std::optional<access::Principal> principal;      // filled by authentication
    // The route's documented query parameters (name, description), set by the pipeline before the
    // handler runs unless the route takes any: query_param asserts the name it reads is one of them.
    const std::vector<std::pair<std::string, std::string>>* documented_query = nullptr;

    std::optional<std::string> header(const std::string& lower_name) const;
    // A query parameter's (first) value. Reading one the route does not document is a bug (assert):
    // the pipeline refused the request if it carried it, so the handler would never see a value.
    std::optional<std::string> query_param(const std::string& name) const;
    const std::string& param(const std::string& name) const;  // path parameter; asserts it exists
    std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Location…)

    Response& with_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

// application/problem+json per RFC 9457 with an `errors` array naming each bad field. The problem
// and each field error carry a stable `code` and `params` (core/problem_code.h) beside the English
// text; without `code` the problem's is the status's kind (404 not_found, 409 conflict…).
Response problem(int status, std::string_view title, std::string_view detail,
                 const std::vector<FieldError>& fields = {}, std::optional<ProblemCode> code = std::nullopt,
                 const ProblemParams& params = {});
// The only ErrorCode → HTTP status mapping. invalid_argument is 400 (all input validation);
// failed_precondition is 422 (well-formed, but a domain rule refuses it now).
int status_for(ErrorCode code);
// A problem for `error`; internal messages are logged, not shown. 503 carries Retry-After and 401
// carries WWW-Authenticate: Bearer.
Response error_response(const Error& error);
std::string_view reason_phrase(int status);

}  // namespace kl::http
