#include "http/json_body.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>


namespace kl::http {

namespace {

using nlohmann::json;

// nlohmann's parser is iterative, but nesting still costs memory per level and no request of ours
// needs more than a handful of levels; refusing deep documents early keeps the cost bounded.
constexpr size_t json_depth_max = 64;

// Counts bracket depth outside strings; returns false as soon as it passes `depth_max`.
bool depth_within(std::string_view text, size_t depth_max) {
    size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > depth_max) return false;
        } else if ((c == ']' || c == '}') && depth > 0) --depth;
    }
    return true;
}

// Builds the document like nlohmann's own DOM parser (same speed: one pass, no copies of strings)
// and refuses a key that appears twice in one object: nlohmann would keep the last value silently,
// so {"amount":1,"amount":100000} could mean one thing to a proxy that checked it and another to us.
class StrictDomBuilder {
public:
    explicit StrictDomBuilder(json& root) : root_(root) {}

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const json::string_t&) { return value(v); }
    bool string(json::string_t& v) { return value(std::move(v)); }
    bool binary(json::binary_t& v) { return value(json(std::move(v))); }
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& name) {
        Frame& frame = frames_.back();
        auto [at, inserted] = frame.container->get_ref<json::object_t&>().emplace(std::move(name), nullptr);
        frame.key = &at->first;
        member_ = &at->second;
        if (!inserted) duplicate_ = path_to(at->first);
        return inserted;
    }
    bool parse_error(std::size_t position, const std::string&, const json::exception&) {
        error_byte_ = position;
        return false;
    }

    // The "a/0/b"-style name of the first key found twice, if any.
    const std::optional<std::string>& duplicate() const { return duplicate_; }
    size_t error_byte() const { return error_byte_; }

private:
    struct Frame {
        json* container = nullptr;
        const std::string* key = nullptr;  // objects: the member being read now
    };

    // Places a value where the parser is: the root, the next array element or the current member.
    json* place(json&& v) {
        if (frames_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& container = *frames_.back().container;
        if (container.is_array()) {
            container.get_ref<json::array_t&>().push_back(std::move(v));
            return &container.get_ref<json::array_t&>().back();
        }
        *member_ = std::move(v);
        return member_;
    }
    bool value(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(json::value_t type) {
        frames_.push_back(Frame{place(json(type)), nullptr});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return true;
    }
    // Where the parser is, as field names are written in problems ("transfers/3/amount").
    std::string path_to(const std::string& name) const {
        std::string out;
        for (size_t i = 0; i + 1 < frames_.size(); ++i) {
            const Frame& frame = frames_[i];
            out += frame.container->is_array() ? std::to_string(frame.container->size() - 1) : *frame.key;
            out += '/';
        }
        return out + name;
    }

    json& root_;
    std::vector<Frame> frames_;
    json* member_ = nullptr;
    std::optional<std::string> duplicate_;
    size_t error_byte_ = 0;
};

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::number_float: return "a decimal number";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unsupported value";
    }
}

}  // namespace

Result<nlohmann::json> parse_json_object(const std::string& body) {
    if (body.empty()) return fail_field("body", ProblemCode::required, "is empty; a JSON object is required");
    if (!depth_within(body, json_depth_max)) {
        return fail_field("body", ProblemCode::invalid_value, "nests deeper than " + std::to_string(json_depth_max) + " levels");
    }
    json parsed;
    StrictDomBuilder builder(parsed);
    if (!json::sax_parse(body, &builder)) {
        if (const auto& name = builder.duplicate()) return fail_field(*name, ProblemCode::repeated, "appears twice in one object");
        return fail_field("body", ProblemCode::invalid_value, "is not valid JSON (syntax error near byte " + std::to_string(builder.error_byte()) + ")");
    }
    if (!parsed.is_object()) return fail_field("body", ProblemCode::wrong_type, "must be a JSON object, not " + type_name(parsed));
    return parsed;
}

std::optional<std::string> canonical_json(const std::string& body) {
    auto parsed = parse_json_object(body);
    if (!parsed) return std::nullopt;
    // nlohmann keeps object members in a std::map, so dump() writes them sorted by key. The parser
    // only lets valid UTF-8 through, so dump() cannot throw on a string.
    return parsed->dump();
}

FieldReader::FieldReader(const nlohmann::json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {
    if (!object_.is_object()) {
        std::string name = prefix_;
        if (!name.empty() && name.back() == '/') name.pop_back();
        errors_.push_back(FieldError{name.empty() ? "body" : name, ProblemCode::wrong_type, "must be a JSON object"});
    }
}

void FieldReader::add_error(const std::string& name, ProblemCode code, const std::string& message, ProblemParams params) {
    errors_.emplace_back(prefix_ + name, code, message, std::move(params));
}

const nlohmann::json* FieldReader::find(const std::string& name) const {
    if (!object_.is_object()) return nullptr;
    auto found = object_.find(name);
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
}

std::optional<std::string> FieldReader::read_text(const std::string& name, size_t chars_min, size_t chars_max,
                                                  TextKind kind) {
    const json* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        add_error(name, ProblemCode::wrong_type, "must be a string, not " + type_name(*value));
        return std::string();
    }
    const auto& text = value->get_ref<const std::string&>();
    if (auto problem = text_problem(text, chars_min, chars_max, kind)) {
        add_error(name, problem->code, problem->message, std::move(problem->params));
        return std::string();
    }
    return text;
}

std::string FieldReader::text(const std::string& name, size_t chars_min, size_t chars_max, TextKind kind) {
    // chars_min >= 1: not blank either (text_problem). Routes that pass 0 leave emptiness and
    // blankness to their service's check_text, which then reports them with the body's other problems.
    auto value = read_text(name, chars_min, chars_max, kind);
    if (!value) {
        add_error(name, ProblemCode::required, "is required");
        return std::string();
    }
    return *value;
}

std::optional<std::string> FieldReader::opt_text(const std::string& name, size_t chars_max, TextKind kind) {
    return read_text(name, 0, chars_max, kind);
}

std::optional<int64_t> FieldReader::read_integer(const std::string& name, int64_t min, int64_t max) {
    const json* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_number_float()) {
        add_error(name, ProblemCode::not_integer, "must be an integer, not a decimal number (amounts are integer fen, quantities integer grams)");
        return 0;
    }
    if (value->is_string()) {
        add_error(name, ProblemCode::wrong_type, "must be a JSON integer, not a string");
        return 0;
    }
    if (value->is_number_unsigned() &&
        value->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        add_error(name, ProblemCode::out_of_range, "must be between " + std::to_string(min) + " and " + std::to_string(max),
                  {{"min", min}, {"max", max}});
        return 0;
    }
    if (!value->is_number_integer()) {
        add_error(name, ProblemCode::not_integer, "must be an integer, not " + type_name(*value));
        return 0;
    }
    const auto number = value->get<int64_t>();
    if (number < min || number > max) {
        add_error(name, ProblemCode::out_of_range, "must be between " + std::to_string(min) + " and " + std::to_string(max),
                  {{"min", min}, {"max", max}});
    }
    return number;
}

int64_t FieldReader::integer(const std::string& name, int64_t min, int64_t max) {
    auto value = read_integer(name, min, max);
    if (!value) {
        add_error(name, ProblemCode::required, "is required");
        return 0;
    }
    return *value;
}

std::optional<int64_t> FieldReader::opt_integer(const std::string& name, int64_t min, int64_t max) {
    return read_integer(name, min, max);
}

bool FieldReader::boolean(const std::string& name) {
    const json* value = find(name);
    if (value == nullptr) {
        add_error(name, ProblemCode::required, "is required");
        return false;
    }
    if (!value->is_boolean()) {
        add_error(name, ProblemCode::wrong_type, "must be true or false, not " + type_name(*value));
        return false;
    }
    return value->get<bool>();
}

void FieldReader::allow_only(const std::vector<std::string>& names) {
    if (!object_.is_object()) return;
    // The message lists the fields that are known, so a client (and the test that holds the OpenAPI
    // schemas to the decoders) sees at once what it may send.
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    for (const auto& [key, value] : object_.items()) {
        if (std::find(names.begin(), names.end(), key) == names.end()) {
            add_error(key, ProblemCode::unknown_field, "is not a known field (known: " + known + ")");
        }
    }
}

bool is_given(const nlohmann::json& object, const std::string& name) {
    if (!object.is_object()) return false;
    auto found = object.find(name);
    return found != object.end() && !found->is_null();
}

Result<void> FieldReader::finish() const {
    if (errors_.empty()) return kl::ok();
    Error error{ErrorCode::invalid_argument,
                errors_.size() == 1 ? "1 field is invalid: " + errors_.front().field + " " + errors_.front().message
                                    : std::to_string(errors_.size()) + " fields are invalid",
                errors_};
    return fail(std::move(error));
}

Response json_response(int status, const nlohmann::json& body) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response created(const nlohmann::json& body, const std::string& location) {
    return json_response(201, body).with_header("Location", location);
}

}  // namespace kl::http
