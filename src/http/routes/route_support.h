#pragma once
// What the modules' route files share (internal to src/http/routes), beside http/query.h (query
// parameters and pages): building a documented route, collecting the field problems of nested JSON
// readers, and answering with a spreadsheet file.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/field_errors.h"
#include "core/result.h"
#include "sheets/readable.h"
#include "sheets/table.h"
#include "http/message.h"
#include "http/query.h"  // QueryReader, read_limit, read_cursor, page_json
#include "http/router.h"

namespace kl::http {

inline constexpr std::string_view csv_content_type = "text/csv";

enum class FileFormat { csv, xlsx };

// A route with its OpenAPI description, the shape every module's route file builds (each wraps it
// with its own tag); authenticated unless `access` says otherwise.
Route documented_route(Method method, std::string pattern, std::string tag, std::string summary,
                       std::string request_schema, std::string response_schema, int status, Handler handler,
                       QueryDocs query = {}, Access access = Access::authenticated);
// The route accepts an Idempotency-Key: a resent request is answered from the stored first reply.
Route with_idempotency_key(Route route);

// The route sees every query parameter: the pipeline refuses none it does not document (RouteDoc).
// Only for a handler that reads a family of names and refuses the others itself (EPCIS query), or a
// public address that others' tools decorate with parameters of their own (a scanned trace code).
Route with_any_query_params(Route route);

// The route with another access rule (open: no session needed, one used when given).
Route with_access(Route route, Access access);

// Documents a route's answer as a CSV or XLSX file (content type and schema in OpenAPI).
void describe_file_response(Route& route, FileFormat format);

// The sheet as a CSV or XLSX download named `name`, with its readable twins (yuan, kg, %, and the
// names of the coded columns `names` knows) after its machine columns (sheets/readable.h).
Response file_response(const sheets::Table& table, FileFormat format, const std::string& name,
                       const sheets::CodeNames& names = {});
// What an export's coded columns are called (county, district, channel: catalog/place_names.h), read
// when a file is asked for; register_api_routes makes one over the store for every module's exports.
using ExportNames = std::function<Result<sheets::CodeNames>()>;
// file_response with the names `names` reads (its error answered as a problem).
Response file_response(const sheets::Table& table, FileFormat format, const std::string& name,
                       const ExportNames& names);
// Whether the body is declared text/csv (parameters such as charset allowed, any letter case).
bool is_csv(const Request& request);
// The 415 answer of an import whose body is not declared text/csv.
Response not_csv_problem();

}  // namespace kl::http
