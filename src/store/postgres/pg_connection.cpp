#include "store/postgres/pg_connection.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace kl::store::postgres {

namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;
constexpr Oid unspecified_oid = 0;  // the server infers the type from where the parameter is used

constexpr int text_format = 0;
constexpr int binary_format = 1;

// The arrays PQexecParams takes, with the text each value pointer refers to.
struct EncodedParams {
    std::vector<std::string> texts;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<Oid> types;
};

std::string double_text(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact form
    return std::string(buffer, end);
}

Result<EncodedParams> encode(const Params& params) {
    EncodedParams encoded;
    const size_t count = params.size();
    encoded.texts.reserve(count);  // never reallocated below: values point into it
    for (size_t index = 0; index < count; ++index) {
        const Value& value = params[index];
        const char* pointer = nullptr;
        int length = 0;
        int format = text_format;
        Oid type = unspecified_oid;
        if (const auto* number = std::get_if<int64_t>(&value)) {
            pointer = encoded.texts.emplace_back(std::to_string(*number)).c_str();
            type = int8_oid;
        } else if (const auto* real = std::get_if<double>(&value)) {
            pointer = encoded.texts.emplace_back(double_text(*real)).c_str();
            type = float8_oid;
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            if (text->find('\0') != std::string::npos) {
                return fail(ErrorCode::invalid_argument,
                            "text parameter $" + std::to_string(index + 1) + " holds a NUL character");
            }
            pointer = text->c_str();
        } else if (const auto* blob = std::get_if<Blob>(&value)) {
            pointer = blob->bytes.data();
            length = static_cast<int>(blob->bytes.size());
            format = binary_format;
            type = bytea_oid;
        }
        encoded.values.push_back(pointer);
        encoded.lengths.push_back(length);
        encoded.formats.push_back(format);
        encoded.types.push_back(type);
    }
    return encoded;
}

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

double parse_double(std::string_view text) {
    double value = 0;
    if (parse_number(text, value)) return value;
    if (text == "NaN") return std::nan("");
    if (text == "Infinity") return HUGE_VAL;
    if (text == "-Infinity") return -HUGE_VAL;
    return std::nan("");
}

// int2/int4/int8 -> int64; bool -> int64 0/1; float4/float8 -> double; numeric -> int64 when it is
// a whole number that fits (so SUM(BIGINT), which PostgreSQL types numeric, reads like SQLite's
// integer SUM), double otherwise; bytea -> Blob; every other type -> its text form.
Value to_value(const PGresult* result, int row, int column, Oid type) {
    if (PQgetisnull(result, row, column)) return std::monostate{};
    const std::string_view text(PQgetvalue(result, row, column), static_cast<size_t>(PQgetlength(result, row, column)));
    switch (type) {
        case int2_oid:
        case int4_oid:
        case int8_oid: {
            int64_t number = 0;
            if (parse_number(text, number)) return number;
            return std::string(text);
        }
        case bool_oid:
            return static_cast<int64_t>(text == "t" ? 1 : 0);
        case float4_oid:
        case float8_oid:
            return parse_double(text);
        case numeric_oid: {
            int64_t number = 0;
            if (parse_number(text, number)) return number;
            return parse_double(text);
        }
        case bytea_oid: {
            size_t size = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.data()), &size);
            if (bytes == nullptr) return Blob{};
            Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
            PQfreemem(bytes);
            return blob;
        }
        default:
            return std::string(text);
    }
}

Rows to_rows(const PGresult* result) {
    Rows rows;
    const int columns = PQnfields(result);
    auto names = std::make_shared<std::vector<std::string>>();
    std::vector<Oid> types;
    for (int column = 0; column < columns; ++column) {
        names->emplace_back(PQfname(result, column));
        types.push_back(PQftype(result, column));
    }
    rows.columns = std::move(names);
    const int count = PQntuples(result);
    rows.rows.reserve(static_cast<size_t>(count));
    for (int row = 0; row < count; ++row) {
        std::vector<Value> cells;
        cells.reserve(static_cast<size_t>(columns));
        for (int column = 0; column < columns; ++column) {
            cells.push_back(to_value(result, row, column, types[static_cast<size_t>(column)]));
        }
        rows.rows.emplace_back(rows.columns, std::move(cells));
    }
    return rows;
}

bool succeeded(const PGresult* result) {
    const auto status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

std::string trimmed(const char* text) {
    std::string out = text == nullptr ? "" : text;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

ErrorCode classify_sqlstate(std::string_view sqlstate) {
    if (sqlstate == "23505") return ErrorCode::already_exists;
    if (sqlstate == "23503" || sqlstate == "23514" || sqlstate == "23502") return ErrorCode::failed_precondition;
    if (sqlstate == "40001" || sqlstate == "40P01") return ErrorCode::conflict;
    if (sqlstate == "08P01") return ErrorCode::internal;
    if (sqlstate == "25006") return ErrorCode::unavailable;
    const std::string_view kind = sqlstate.substr(0, 2);
    if (kind == "23") return ErrorCode::conflict;
    if (kind == "08" || kind == "57" || kind == "53") return ErrorCode::unavailable;
    if (kind == "22") return ErrorCode::invalid_argument;
    return ErrorCode::internal;
}

std::string redact_url(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url) {
    // expand_dbname: the URL is expanded in place of "dbname", and its own settings override the
    // defaults listed before it.
    const std::string timeout = std::to_string(connect_timeout_s);
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), "kashlink", url.c_str(), nullptr};
    ConnPtr connection(PQconnectdbParams(keywords, values, 1));
    if (connection == nullptr) return fail(ErrorCode::resource_exhausted, "libpq could not allocate a connection");
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        return fail(ErrorCode::unavailable, "cannot connect to PostgreSQL at " + redact_url(url) + ": " +
                                                trimmed(PQerrorMessage(connection.get())));
    }
    // libpq prints NOTICE/WARNING messages (e.g. "there is no transaction in progress") to stderr by
    // default; they are expected here and carry nothing to act on.
    PQsetNoticeProcessor(connection.get(), [](void*, const char*) {}, nullptr);
    return std::unique_ptr<PgConnection>(new PgConnection(std::move(connection)));
}

bool PgConnection::connected() const { return PQstatus(connection_.get()) == CONNECTION_OK; }

bool PgConnection::reusable() const {
    return connected() && PQtransactionStatus(connection_.get()) == PQTRANS_IDLE;
}

Error PgConnection::error(const PGresult* result, std::string_view doing) const {
    const char* sqlstate = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (sqlstate == nullptr || !connected()) {
        return make_error(ErrorCode::unavailable,
                          "PostgreSQL " + std::string(doing) + ": " + trimmed(PQerrorMessage(connection_.get())));
    }
    std::string message = "PostgreSQL " + std::string(doing) + ": " +
                          trimmed(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) message += " (" + trimmed(detail) + ")";
    message += " [SQLSTATE " + std::string(sqlstate) + "]";
    return make_error(classify_sqlstate(sqlstate), std::move(message));
}

Result<ResultPtr> PgConnection::run(std::string_view sql, const Params& params) {
    KL_TRY_ASSIGN(EncodedParams encoded, encode(params));
    const std::string text(sql);
    ResultPtr result(PQexecParams(connection_.get(), text.c_str(), static_cast<int>(params.size()),
                                  encoded.types.data(), encoded.values.data(), encoded.lengths.data(),
                                  encoded.formats.data(), text_format));
    if (result == nullptr || !succeeded(result.get())) return fail(error(result.get(), "query"));
    return result;
}

Result<Rows> PgConnection::query(std::string_view sql, const Params& params) {
    KL_TRY_ASSIGN(ResultPtr result, run(sql, params));
    return to_rows(result.get());
}

Result<int64_t> PgConnection::execute(std::string_view sql, const Params& params) {
    KL_TRY_ASSIGN(ResultPtr result, run(sql, params));
    int64_t changed = 0;
    const std::string_view tuples = PQcmdTuples(result.get());  // empty for statements that change no rows
    if (!tuples.empty() && !parse_number(tuples, changed)) changed = 0;
    return changed;
}

Result<void> PgConnection::exec(std::string_view sql) {
    const std::string text(sql);
    ResultPtr result(PQexec(connection_.get(), text.c_str()));
    if (result == nullptr || !succeeded(result.get())) return fail(error(result.get(), text));
    return ok();
}

}  // namespace kl::store::postgres
