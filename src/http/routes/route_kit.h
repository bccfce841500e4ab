#pragma once
// The one kit every route file builds with (internal to src/http/routes), so a new module copies
// these instead of writing its own: OpenAPI schema builders, reading dates and enum names off a
// FieldReader or the query, and answering a service's Result. Routes themselves are built with
// documented_route / with_idempotency_key / with_access (route_support.h); paging is read through
// http/query.h.
//
//   router.add_schema("Lane", object_schema({"id"}, {{"id", string_schema()}, {"mode", enum_of<market::Mode>()}}).dump());
//   router.add(documented_route(Method::get, "/api/v1/lanes/{id}", "market", "A lane", "", ref("Lane"), 200, handler));
//   const auto due_on = read_date(reader, "due_on");          // records "is required" / a bad date
//   return reply(service.get(actor_of(request), request.param("id")), 200, lane_json);

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "access/principal.h"
#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "http/json_body.h"
#include "http/message.h"
#include "http/query.h"
#include "http/routes/route_support.h"  // FileFormat
#include "store/list_window.h"
#include "store/page.h"

namespace kl::http {

// ---- enum names ------------------------------------------------------------------------------------

// How the kit names and parses a module enum: `static std::vector<std::string> names()` and
// `static Result<E> parse(std::string_view, const std::string& field)`. Every module enum has its
// name table in core (core/enum_names.h), so one definition serves them all.
template <typename E>
struct EnumText;
template <NamedEnum E>
struct EnumText<E> {
    static std::vector<std::string> names() { return {enum_names<E>().begin(), enum_names<E>().end()}; }
    static Result<E> parse(std::string_view text, const std::string& field) { return parse_enum<E>(text, field); }
};

// The longest enum name any module has, with room: a longer text is refused before it is parsed.
inline constexpr size_t enum_text_chars_max = 64;
// The longest date text read before parsing: YYYY-MM-DD is 10; a few more let parse_date name the
// mistake ("is not a calendar date") instead of a bare length error.
inline constexpr size_t date_text_chars_max = 32;
// A UTC time filter (YYYY-MM-DDTHH:MM:SS.sssZ is 24): longer texts are not one.
inline constexpr size_t utc_time_chars_max = 64;
// A row-number cursor: 18 digits hold any int64 a ledger or the audit chain reaches.
inline constexpr size_t seq_cursor_digits_max = 18;

// ---- schemas ---------------------------------------------------------------------------------------

// {"$ref": "#/components/schemas/<name>"}, as a schema and as the text a route's doc takes.
nlohmann::json ref_schema(const std::string& name);
std::string ref(const std::string& name);

// {"type": "object", "properties": ...} without and with its required names; `closed` refuses others.
nlohmann::json object_schema(nlohmann::json properties);
nlohmann::json object_schema(nlohmann::json required, nlohmann::json properties, bool closed = false);
// A page of a list: {"items": [<item>], "next_cursor": string or null}, both always present; the
// cursor says how it is used unless another `next_cursor` schema is given.
nlohmann::json page_of(const std::string& item, nlohmann::json next_cursor = nullptr);
nlohmann::json array_of(nlohmann::json items);
nlohmann::json nullable(nlohmann::json schema);

nlohmann::json string_schema();
nlohmann::json string_schema(size_t chars_min, size_t chars_max);
// A 64-bit integer, unbounded or within [min, max].
nlohmann::json integer_schema();
nlohmann::json integer_schema(int64_t min, int64_t max, const std::string& description = "");
nlohmann::json date_schema();
nlohmann::json date_time_schema();

// {"type": "string", "enum": [...]}: the given names, or every name of E.
nlohmann::json enum_of(const std::vector<std::string>& names);
template <typename E>
nlohmann::json enum_of() {
    return enum_of(EnumText<E>::names());
}
// The names of `values` (a module's all_<enum>() list, or a subset in a given order), each written by
// its module's to_string (found by argument-dependent lookup) or by `name(value)`.
template <typename Values>
    requires std::is_enum_v<typename Values::value_type>
nlohmann::json enum_of(const Values& values) {
    std::vector<std::string> names;
    for (const auto value : values) names.emplace_back(to_string(value));
    return enum_of(names);
}
template <typename Values, typename Name>
nlohmann::json enum_of(const Values& values, Name name) {
    std::vector<std::string> names;
    for (const auto value : values) names.emplace_back(name(value));
    return enum_of(names);
}

// ---- reading request bodies ------------------------------------------------------------------------

// A YYYY-MM-DD field. Required: a missing one is recorded ("is required"); optional: nullopt when
// absent. A bad one is recorded with kl::parse_date's message and gives nullopt.
std::optional<kl::Date> read_date(FieldReader& reader, const std::string& name, bool required = true);

// A text field parsed by `parse(text, field) -> Result<T>`, recorded like read_date.
template <typename Parse>
auto read_parsed(FieldReader& reader, const std::string& name, Parse parse, bool required = true,
                 size_t chars_max = enum_text_chars_max) -> std::optional<typename decltype(parse("", ""))::value_type> {
    std::optional<std::string> text = required ? std::optional<std::string>(reader.text(name, 1, chars_max))
                                               : reader.opt_text(name, chars_max);
    if (!text || text->empty()) return std::nullopt;
    auto parsed = parse(*text, name);
    if (!parsed) {
        const Error& error = parsed.error();
        if (error.fields.empty()) reader.add_error(name, error.problem_code(), error.message, error.params);
        else reader.add_error(name, error.fields.front());
        return std::nullopt;
    }
    return *parsed;
}

// The array under `name` in `object`, its problems recorded as `path` + name: nullptr when absent or
// null (a problem when required), when not an array, or when longer than items_max.
const nlohmann::json* read_array(const nlohmann::json& object, const std::string& name, const std::string& path,
                                 size_t items_max, bool required, FieldErrors& problems);

// An enum field by its name (EnumText<E>).
template <typename E>
std::optional<E> read_enum(FieldReader& reader, const std::string& name, bool required = true) {
    return read_parsed(reader, name, EnumText<E>::parse, required);
}

// An enum query parameter by its name (absent or empty: nullopt; a bad one is recorded).
template <typename E>
std::optional<E> query_enum(QueryReader& query, const std::string& name) {
    return query.parsed(name, EnumText<E>::parse);
}

// `format`: json (the default: nullopt), csv or xlsx, for the lists that also export a table.
std::optional<FileFormat> read_file_format(QueryReader& query);

// What a list page shows beside its own filters (store/list_window.h): `q` (text searched, at most
// list_search_chars_max), `from` and `to` (a date range, either end open; `to` before `from` is
// refused naming `to`) and `sort` (`oldest`, the default, or `newest`: creation order either way, as
// keyset paging goes). Each refusal carries a problem code naming its field.
inline constexpr size_t list_search_chars_max = 100;
using ListWindow = store::ListWindow;
// `q` alone, for a list whose from/to are not dates (the ledger's are UTC times).
std::optional<std::string> read_search(QueryReader& query);
// `absent`: the order without a `sort` (oldest first but for the lists that have always been newest first).
ListWindow read_list_window(QueryReader& query, store::PageOrder absent = store::PageOrder::oldest_first);
// The query parameters of read_list_window, for a route's documented_route (with_page takes them):
// `searched` names what q finds, `dated` what from/to compare (e.g. "the order date").
QueryDocs list_window_params(const std::string& searched);
QueryDocs list_window_params(const std::string& searched, const std::string& dated,
                             store::PageOrder absent = store::PageOrder::oldest_first);

// A UTC instant as YYYY-MM-DD (its midnight) or YYYY-MM-DDTHH:MM:SSZ, in epoch milliseconds;
// invalid_argument naming `field` otherwise (query filters: query.parsed("from", parse_utc_time)).
Result<int64_t> parse_utc_time(std::string_view text, const std::string& field);

// The cursor of a list paged by row number (the ledger's transfers, an account's history, the audit
// chain): the row to continue from; unknown_reference naming `field` for anything encode_cursor did
// not make of a row number (query.parsed("cursor", parse_seq_cursor)).
Result<int64_t> parse_seq_cursor(std::string_view text, const std::string& field);
// The next cursor of such a list after a page of `items` rows, the last at `last_seq`: none unless
// the page is full (`limit` rows).
std::optional<std::string> seq_cursor_after(size_t items, int limit, int64_t last_seq);

// ---- encoding --------------------------------------------------------------------------------------

// An optional text or integer as itself, or null when absent.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
// An optional date as YYYY-MM-DD, or null when absent.
nlohmann::json date_or_null(const std::optional<kl::Date>& date);

// ---- answering -------------------------------------------------------------------------------------

// The signed-in caller of an authenticated route (the pipeline refused the request otherwise).
const std::optional<access::Principal>& actor_of(const Request& request);

// The service's value encoded with `status`, or its problem.
template <typename T, typename Encode>
Response reply(const Result<T>& result, int status, Encode encode) {
    if (!result) return error_response(result.error());
    return json_response(status, encode(*result));
}

// Runs `handle(body, reader)` with the request's JSON object and a FieldReader over it, or answers the
// problem when the body is not a JSON object (the handler reads its fields, then reader.finish()).
template <typename Handle>
Response with_body(const Request& request, Handle handle) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    return handle(*body, reader);
}

// A whole list (items_json) or the service's problem.
template <typename T, typename Encode>
Response list_reply(const Result<std::vector<T>>& items, Encode encode) {
    if (!items) return error_response(items.error());
    return json_response(200, items_json(*items, encode));
}

// A page of a list (page_json) or the service's problem.
template <typename T, typename Encode>
Response page_reply(const Result<std::vector<T>>& items, const std::optional<std::string>& next_cursor, Encode encode) {
    if (!items) return error_response(items.error());
    return json_response(200, page_json(*items, next_cursor, encode));
}

}  // namespace kl::http
