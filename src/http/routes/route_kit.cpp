#include "http/routes/route_kit.h"

#include "core/clock.h"

namespace kl::http {

using nlohmann::json;

json ref_schema(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

std::string ref(const std::string& name) { return ref_schema(name).dump(); }

json object_schema(json properties) { return {{"type", "object"}, {"properties", std::move(properties)}}; }

json object_schema(json required, json properties, bool closed) {
    json out = {{"type", "object"}, {"required", std::move(required)}, {"properties", std::move(properties)}};
    if (closed) out["additionalProperties"] = false;
    return out;
}

json page_of(const std::string& item, json next_cursor) {
    if (next_cursor.is_null()) {
        next_cursor = nullable(string_schema());
        next_cursor["description"] = "pass as `cursor` for the next page; null on the last";
    }
    return object_schema(json::array({"items", "next_cursor"}),
                         {{"items", array_of(ref_schema(item))}, {"next_cursor", std::move(next_cursor)}});
}

json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json nullable(json schema) {
    schema["nullable"] = true;
    return schema;
}

json string_schema() { return {{"type", "string"}}; }

json string_schema(size_t chars_min, size_t chars_max) {
    return {{"type", "string"}, {"minLength", chars_min}, {"maxLength", chars_max}};
}

json integer_schema() { return {{"type", "integer"}, {"format", "int64"}}; }

json integer_schema(int64_t min, int64_t max, const std::string& description) {
    json out = {{"type", "integer"}, {"format", "int64"}, {"minimum", min}, {"maximum", max}};
    if (!description.empty()) out["description"] = description;
    return out;
}

json date_schema() { return {{"type", "string"}, {"format", "date"}, {"description", "YYYY-MM-DD"}}; }

json date_time_schema() { return {{"type", "string"}, {"format", "date-time"}}; }

json enum_of(const std::vector<std::string>& names) { return {{"type", "string"}, {"enum", names}}; }

std::optional<kl::Date> read_date(FieldReader& reader, const std::string& name, bool required) {
    return read_parsed(reader, name, [](std::string_view text, const std::string& field) { return kl::parse_date(text, field); },
                       required, date_text_chars_max);
}

const json* read_array(const json& object, const std::string& name, const std::string& path, size_t items_max,
                       bool required, FieldErrors& problems) {
    const auto found = object.is_object() ? object.find(name) : object.end();
    if (found == object.end() || found->is_null()) {
        if (required) problems.add(path + name, ProblemCode::required, "is required");
        return nullptr;
    }
    if (!found->is_array()) {
        problems.add(path + name, ProblemCode::wrong_type, "must be an array");
        return nullptr;
    }
    if (found->size() > items_max) {
        problems.add(path + name, ProblemCode::invalid_value, "has more than " + std::to_string(items_max) + " items");
        return nullptr;
    }
    return &*found;
}

std::optional<FileFormat> read_file_format(QueryReader& query) {
    return query.parsed("format", [](std::string_view text, const std::string& field) -> Result<std::optional<FileFormat>> {
        if (text == "json") return std::optional<FileFormat>();
        if (text == "csv") return std::optional<FileFormat>(FileFormat::csv);
        if (text == "xlsx") return std::optional<FileFormat>(FileFormat::xlsx);
        return fail_field(field, ProblemCode::invalid_value, "must be json, csv or xlsx");
    }).value_or(std::nullopt);
}

std::optional<std::string> read_search(QueryReader& query) {
    return query.parsed("q", [](std::string_view text, const std::string& field) -> Result<std::string> {
        if (text.size() > list_search_chars_max) return fail_field(field, ProblemCode::length_out_of_range, "is longer than " + std::to_string(list_search_chars_max) + " characters",
                              {{"min", 0}, {"max", static_cast<int64_t>(list_search_chars_max)}, {"got", static_cast<int64_t>(text.size())}});
        return std::string(text);
    });
}

ListWindow read_list_window(QueryReader& query, store::PageOrder absent) {
    ListWindow window;
    window.q = read_search(query);
    window.from = query.parsed("from", kl::parse_date);
    window.to = query.parsed("to", [&window](std::string_view text, const std::string& field) -> Result<kl::Date> {
        KL_TRY_ASSIGN(kl::Date to, kl::parse_date(text, field));
        if (window.from && to < *window.from) return fail_field(field, ProblemCode::before_other_field, "is before from", {{"other", "from"}});
        return to;
    });
    window.order = query.parsed("sort", [](std::string_view text, const std::string& field) -> Result<store::PageOrder> {
        if (text == "oldest") return store::PageOrder::oldest_first;
        if (text == "newest") return store::PageOrder::newest_first;
        return fail_field(field, ProblemCode::not_one_of, "must be oldest or newest", {{"allowed", "oldest,newest"}});
    }).value_or(absent);
    return window;
}

QueryDocs list_window_params(const std::string& searched) {
    return {{"q", "text found in " + searched + " (any case; at most " + std::to_string(list_search_chars_max) + " characters)"},
            {"from", "first date, YYYY-MM-DD (inclusive)"},
            {"to", "last date, YYYY-MM-DD (inclusive; not before from)"},
            {"sort", "oldest (default) or newest: creation order"}};
}

QueryDocs list_window_params(const std::string& searched, const std::string& dated, store::PageOrder absent) {
    QueryDocs params = list_window_params(searched);
    params[1].second = "first " + dated + ", YYYY-MM-DD (inclusive; Beijing time)";
    params[2].second = "last " + dated + ", YYYY-MM-DD (inclusive; not before from)";
    if (absent == store::PageOrder::newest_first) params[3].second = "newest (default) or oldest: creation order";
    return params;
}

Result<int64_t> parse_utc_time(std::string_view text, const std::string& field) {
    int64_t ms = 0;
    if (text.size() > utc_time_chars_max || !parse_utc_iso8601(std::string(text), ms))
        return fail_field(field, ProblemCode::not_a_date, "must be a UTC time as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    return ms;
}

Result<int64_t> parse_seq_cursor(std::string_view text, const std::string& field) {
    auto seq = store::decode_cursor(std::string(text));
    if (!seq || seq->empty() || seq->size() > seq_cursor_digits_max || seq->find_first_not_of("0123456789") != std::string::npos)
        return fail_field(field, ProblemCode::unknown_reference, "is not a cursor of this list");
    return std::stoll(*seq);
}

std::optional<std::string> seq_cursor_after(size_t items, int limit, int64_t last_seq) {
    if (static_cast<int>(items) != limit) return std::nullopt;
    return store::encode_cursor(std::to_string(last_seq));
}

json date_or_null(const std::optional<kl::Date>& date) { return date ? json(kl::format_date(*date)) : json(nullptr); }

const std::optional<access::Principal>& actor_of(const Request& request) {
    KL_ASSERT(request.principal.has_value());  // authenticated routes only
    return request.principal;
}

}  // namespace kl::http
