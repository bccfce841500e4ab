#include "http/openapi.h"

#include <nlohmann/json.hpp>

#include "core/assert.h"
#include "http/router.h"
#include "store/idempotency.h"

namespace kl::http {

namespace {

using nlohmann::json;

json parse_schema(const std::string& text) {
    json schema = json::parse(text, nullptr, false);
    KL_ASSERT(!schema.is_discarded() && schema.is_object());
    return schema;
}

std::string lower_method(Method method) {
    std::string name(to_string(method));
    for (char& c : name) c = static_cast<char>(c - 'A' + 'a');
    return name;
}

std::string operation_id(const Route& route) {
    std::string id = lower_method(route.method);
    for (char c : route.pattern) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            id.push_back(c);
        } else if (c == '/' || c == '-' || c == '.' || c == '_') {
            if (id.back() != '_') id.push_back('_');
        }
    }
    while (id.back() == '_') id.pop_back();
    return id;
}

json problem_reference(std::string_view name) { return {{"$ref", "#/components/responses/" + std::string(name)}}; }

json parameters_of(const Route& route) {
    json parameters = json::array();
    for (std::string_view segment : split_path(route.pattern)) {
        if (!segment.starts_with('{')) continue;
        // "{id}" or, with a literal ending, "{code}.svg".
        parameters.push_back({{"name", std::string(segment.substr(1, segment.find('}') - 1))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    }
    for (const auto& [name, description] : route.doc.query_params) {
        parameters.push_back({{"name", name},
                              {"in", "query"},
                              {"required", false},
                              {"description", description},
                              {"schema", {{"type", "string"}}}});
    }
    if (route.doc.idempotency_key) {
        parameters.push_back(
            {{"name", "Idempotency-Key"},
             {"in", "header"},
             {"required", false},
             {"description",
              "Makes the request safe to retry: the same key with the same body returns the first answer "
              "(with Idempotent-Replayed: true); the same key with another body answers 409."},
             {"schema",
              {{"type", "string"}, {"minLength", 1}, {"maxLength", store::idempotency_key_chars_max}}}});
    }
    return parameters;
}

json responses_of(const Route& route) {
    json responses = json::object();
    json success = {{"description", route.doc.summary.empty() ? "Success" : route.doc.summary}};
    if (route.doc.success_status != 204 && route.doc.success_status != 304) {
        json schema = route.doc.response_schema.empty() ? json{{"type", "string"}}
                                                         : parse_schema(route.doc.response_schema);
        if (route.doc.response_schema.empty() && route.doc.response_content_type == "application/json") {
            schema = json{{"type", "object"}};
        }
        success["content"] = {{route.doc.response_content_type, {{"schema", schema}}}};
    }
    responses[std::to_string(route.doc.success_status)] = success;
    const bool has_input = !route.doc.request_schema.empty() || !route.doc.query_params.empty() ||
                           route.pattern.find('{') != std::string::npos || route.doc.idempotency_key;
    if (has_input) responses["400"] = problem_reference("BadRequest");
    if (route.access == Access::authenticated) {
        responses["401"] = problem_reference("Unauthenticated");
        responses["403"] = problem_reference("Forbidden");
    }
    if (route.pattern.find('{') != std::string::npos) responses["404"] = problem_reference("NotFound");
    if (route.doc.idempotency_key) responses["409"] = problem_reference("Conflict");
    if (!route.doc.request_schema.empty()) responses["413"] = problem_reference("TooLarge");
    responses["500"] = problem_reference("InternalError");
    responses["503"] = problem_reference("Unavailable");
    return responses;
}

json operation_of(const Route& route) {
    json operation = {{"operationId", operation_id(route)},
                      {"summary", route.doc.summary},
                      {"tags", json::array({route.doc.tag.empty() ? "system" : route.doc.tag})},
                      {"responses", responses_of(route)}};
    json parameters = parameters_of(route);
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (!route.doc.request_schema.empty()) {
        operation["requestBody"] = {
            {"required", true},
            {"content", {{route.doc.request_content_type, {{"schema", parse_schema(route.doc.request_schema)}}}}}};
    }
    operation["security"] = route.access == Access::authenticated
                                ? json::array({{{"bearerAuth", json::array()}}, {{"cookieAuth", json::array()}}})
                                : json::array();
    return operation;
}

json problem_response(std::string_view description) {
    return {{"description", description},
            {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

// Every problem code (core/problem_code.h) with its parameters and meaning: the table a client
// writes its sentences from.
json problem_code_schema() {
    json names = json::array();
    json table = json::array();
    for (const auto& info : problem_codes()) {
        names.push_back(info.name);
        table.push_back({{"code", info.name}, {"params", info.params}, {"meaning", info.meaning}});
    }
    return {{"type", "string"},
            {"enum", names},
            {"description", "A stable machine code; x-problem-codes lists each with its params and meaning."},
            {"x-problem-codes", table}};
}

json problem_schema() {
    const json params = {{"type", "object"},
                         {"description", "Named parameters of the code (numbers stay numbers: amounts in fen)."},
                         {"additionalProperties", true}};
    return {
        {"type", "object"},
        {"description",
         "RFC 9457 problem details; `errors` names each invalid field. The problem and each field error carry a "
         "stable `code` and its `params`; `message` and `detail` are English, for a code a client does not know."},
        {"required", json::array({"type", "title", "status", "code"})},
        {"properties",
         {{"type", {{"type", "string"}}},
          {"title", {{"type", "string"}}},
          {"status", {{"type", "integer"}}},
          {"detail", {{"type", "string"}}},
          {"code", {{"$ref", "#/components/schemas/ProblemCode"}}},
          {"params", params},
          {"errors",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", json::array({"field", "code", "message"})},
              {"properties",
               {{"field", {{"type", "string"}}},
                {"code", {{"$ref", "#/components/schemas/ProblemCode"}}},
                {"params", params},
                {"message", {{"type", "string"}}}}}}}}}}}};
}

json components_of(const Router& router) {
    json schemas = json::object();
    schemas["Problem"] = problem_schema();
    schemas["ProblemCode"] = problem_code_schema();
    for (const auto& [name, text] : router.schemas()) schemas[name] = parse_schema(text);
    return {
        {"schemas", schemas},
        {"responses",
         {{"BadRequest", problem_response("The request is malformed; `errors` names each bad field.")},
          {"Unauthenticated", problem_response("No valid bearer token or session cookie.")},
          {"Forbidden", problem_response("Not allowed for this role or organisation, or a missing CSRF token.")},
          {"NotFound", problem_response("No such resource.")},
          {"Conflict", problem_response("Conflicts with the current state or an earlier use of the Idempotency-Key.")},
          {"TooLarge", problem_response("The request body is larger than the server accepts.")},
          {"InternalError", problem_response("An unexpected error; it is logged with the request id.")},
          {"Unavailable", problem_response("Busy or the database is unavailable; retry after Retry-After seconds.")}}},
        {"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"description", "Token from POST /api/v1/sessions."}}},
          {"cookieAuth",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", "kl_session"},
            {"description", "Console session; writes must also send X-CSRF-Token."}}}}}};
}

}  // namespace

std::string build_openapi(const Router& router, const OpenApiInfo& info) {
    json paths = json::object();
    for (const auto& route : router.routes()) {
        paths[route->pattern][lower_method(route->method)] = operation_of(*route);
    }
    json document = {{"openapi", "3.0.3"},
                     {"info", {{"title", info.title}, {"version", info.version}, {"description", info.description}}},
                     {"paths", paths},
                     {"components", components_of(router)}};
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kl::http
