#pragma once
// Decoding JSON request bodies into typed values with errors that name the field. Only src/http and
// its routes include this (nlohmann stays out of the modules). The full header, since decode_body
// below needs it; every includer encodes JSON anyway.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "core/text_rules.h"
#include "http/message.h"

namespace kl::http {

// Parses a request body as a JSON object; a problem naming "body" when it is not one (empty, bad
// syntax with the byte offset, nested deeper than 64 levels, or another JSON type).
Result<nlohmann::json> parse_json_object(const std::string& body);

// The body re-serialised with sorted keys and no insignificant whitespace, when parse_json_object
// accepts it: two bodies with the same content have the same canonical form. nullopt otherwise.
std::optional<std::string> canonical_json(const std::string& body);

// Reads fields of a JSON object and collects every problem before failing, so the client sees all
// of them at once. Numbers must be JSON integers where integers are asked (money in fen: never a
// float or a string).
class FieldReader {
public:
    explicit FieldReader(const nlohmann::json& object, std::string prefix = "");

    // Strings follow core/text_rules.h: valid UTF-8, no control characters (prose may hold line feeds
    // and tabs), no invisible characters in identifiers; lengths count characters (code points), not
    // bytes. With chars_min >= 1 the text must not be blank either (except a secret).
    std::string text(const std::string& name, size_t chars_min, size_t chars_max, TextKind kind = TextKind::line);
    std::optional<std::string> opt_text(const std::string& name, size_t chars_max, TextKind kind = TextKind::line);
    int64_t integer(const std::string& name, int64_t min, int64_t max);
    std::optional<int64_t> opt_integer(const std::string& name, int64_t min, int64_t max);
    bool boolean(const std::string& name);
    // Refuses fields not listed, so typos are reported instead of ignored.
    void allow_only(const std::vector<std::string>& names);

    void add_error(const std::string& name, ProblemCode code, const std::string& message, ProblemParams params = {});
    // Keeps another check's field error (its code, message and parameters) under `name`.
    void add_error(const std::string& name, const FieldError& error) {
        add_error(name, error.code, error.message, error.params);
    }
    bool ok() const { return errors_.empty(); }
    // invalid_argument with every field problem, or success.
    Result<void> finish() const;

private:
    // The field's value, or nullptr when it is absent or JSON null.
    const nlohmann::json* find(const std::string& name) const;
    // nullopt when absent; otherwise the value (after recording any problem with it).
    std::optional<std::string> read_text(const std::string& name, size_t chars_min, size_t chars_max, TextKind kind);
    std::optional<int64_t> read_integer(const std::string& name, int64_t min, int64_t max);

    const nlohmann::json& object_;
    std::string prefix_;
    std::vector<FieldError> errors_;
};

// True when `object` has `name` with a value other than null: for updates, where a field left out
// keeps its current value instead of taking the create default.
bool is_given(const nlohmann::json& object, const std::string& name);

Response json_response(int status, const nlohmann::json& body);
// 201 Created with the new resource's address in Location.
Response created(const nlohmann::json& body, const std::string& location);

// Parses the request body as a JSON object and hands it to `decode(const json&) -> Result<T>`; a body
// that is not an object is the same problem on every route.
template <typename Decode>
auto decode_body(const Request& request, Decode decode) -> decltype(decode(std::declval<const nlohmann::json&>())) {
    auto body = parse_json_object(request.body);
    if (!body) return fail(std::move(body).error());
    return decode(*body);
}

}  // namespace kl::http
