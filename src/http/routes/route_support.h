#pragma once
// What the modules' route files share (internal to src/http/routes), beside http/query.h (query
// parameters and pages): building a documented route, collecting the field problems of nested JSON
// readers, and answering with a spreadsheet file.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "sheets/table.h"
#include "http/message.h"
#include "http/query.h"  // QueryReader, read_limit, read_cursor, page_json
#include "http/router.h"

namespace kl::http {

inline constexpr std::string_view csv_content_type = "text/csv";

enum class FileFormat { csv, xlsx };

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

// A route with its OpenAPI description, the shape every module's route file builds (each wraps it
// with its own tag); authenticated unless `access` says otherwise.
Route documented_route(Method method, std::string pattern, std::string tag, std::string summary,
                       std::string request_schema, std::string response_schema, int status, Handler handler,
                       QueryDocs query = {}, Access access = Access::authenticated);
// The route accepts an Idempotency-Key: a resent request is answered from the stored first reply.
Route with_idempotency_key(Route route);

// The route with another access rule (open: no session needed, one used when given).
Route with_access(Route route, Access access);

// Documents a route's answer as a CSV or XLSX file (content type and schema in OpenAPI).
void describe_file_response(Route& route, FileFormat format);

// A spreadsheet as the answer, offered for download as `name`.csv or `name`.xlsx.
Response file_response(const sheets::Table& table, FileFormat format, const std::string& name);
// Whether the body is declared text/csv (parameters such as charset allowed, any letter case).
bool is_csv(const Request& request);
// The 415 answer of an import whose body is not declared text/csv.
Response not_csv_problem();

}  // namespace kl::http
