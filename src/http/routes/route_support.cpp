#include "http/routes/route_support.h"

#include <cctype>

#include "exchange/csv.h"
#include "exchange/xlsx.h"

namespace kl::http {

void FieldProblems::take(const Result<void>& result) {
    if (!result) fields_.insert(fields_.end(), result.error().fields.begin(), result.error().fields.end());
}

Result<void> FieldProblems::finish() const {
    if (fields_.empty()) return kl::ok();
    return fail(Error{ErrorCode::invalid_argument,
                      fields_.size() == 1 ? fields_[0].field + ": " + fields_[0].message
                                          : std::to_string(fields_.size()) + " fields are invalid",
                      fields_});
}

Response file_response(const exchange::Table& table, FileFormat format, const std::string& name) {
    Response response;
    if (format == FileFormat::csv) {
        response.content_type = std::string(csv_content_type) + "; charset=utf-8";
        response.body = exchange::write_csv(exchange::table_records(table));
    } else {
        auto bytes = exchange::xlsx_bytes(table);
        if (!bytes) return error_response(bytes.error());
        response.content_type = exchange::xlsx_content_type;
        response.body = std::move(*bytes);
    }
    const std::string file = name + (format == FileFormat::csv ? ".csv" : ".xlsx");
    response.with_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    response.with_header("Cache-Control", "no-store");
    return response;
}

bool is_csv(const Request& request) {
    std::string type = request.header("content-type").value_or("");
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!type.starts_with(csv_content_type)) return false;
    return type.size() == csv_content_type.size() || type[csv_content_type.size()] == ';' ||
           type[csv_content_type.size()] == ' ';
}

}  // namespace kl::http
