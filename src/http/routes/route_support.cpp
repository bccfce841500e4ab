#include "http/routes/route_support.h"

#include <cctype>

#include "sheets/csv.h"
#include "sheets/xlsx.h"

namespace kl::http {

Route documented_route(Method method, std::string pattern, std::string tag, std::string summary,
                       std::string request_schema, std::string response_schema, int status, Handler handler,
                       QueryDocs query, Access access) {
    Route out;
    out.method = method;
    out.pattern = std::move(pattern);
    out.access = access;
    out.doc.summary = std::move(summary);
    out.doc.tag = std::move(tag);
    out.doc.request_schema = std::move(request_schema);
    out.doc.response_schema = std::move(response_schema);
    out.doc.success_status = status;
    out.doc.query_params = std::move(query);
    out.handler = std::move(handler);
    return out;
}

Route with_idempotency_key(Route route) {
    route.doc.idempotency_key = true;
    return route;
}

Route with_any_query_params(Route route) {
    route.doc.any_query_params = true;
    return route;
}

Route with_access(Route route, Access access) {
    route.access = access;
    return route;
}

void describe_file_response(Route& route, FileFormat format) {
    const bool csv = format == FileFormat::csv;
    route.doc.response_content_type = csv ? std::string(csv_content_type) : std::string(sheets::xlsx_content_type);
    route.doc.response_schema = csv ? R"j({"description":"RFC 4180 CSV with a UTF-8 BOM: the machine columns, then their readable twins (yuan, kg, %, names; README: Import and export)","type":"string"})j"
                                    : R"({"format":"binary","type":"string"})";
}

Response file_response(const sheets::Table& machine_table, FileFormat format, const std::string& name,
                       const sheets::CodeNames& names) {
    const sheets::Table table = sheets::with_readable_columns(machine_table, names);
    Response response;
    if (format == FileFormat::csv) {
        response.content_type = std::string(csv_content_type) + "; charset=utf-8";
        response.body = sheets::write_csv(sheets::table_records(table));
    } else {
        auto bytes = sheets::xlsx_bytes(table);
        if (!bytes) return error_response(bytes.error());
        response.content_type = sheets::xlsx_content_type;
        response.body = std::move(*bytes);
    }
    const std::string file = name + (format == FileFormat::csv ? ".csv" : ".xlsx");
    response.with_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    response.with_header("Cache-Control", "no-store");
    return response;
}

Response file_response(const sheets::Table& table, FileFormat format, const std::string& name,
                       const ExportNames& names) {
    if (!names) return file_response(table, format, name);
    auto known = names();
    if (!known) return error_response(known.error());
    return file_response(table, format, name, *known);
}

bool is_csv(const Request& request) {
    std::string type = request.header("content-type").value_or("");
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!type.starts_with(csv_content_type)) return false;
    return type.size() == csv_content_type.size() || type[csv_content_type.size()] == ';' ||
           type[csv_content_type.size()] == ' ';
}

Response not_csv_problem() {
    return problem(415, "Unsupported Media Type", "an import takes the CSV file as the body, with Content-Type: text/csv",
                   {FieldError{"Content-Type", ProblemCode::invalid_value, "must be text/csv"}});
}

}  // namespace kl::http
