#pragma once
// A very small JSON object writer for audit bodies and risk evidence: the modules keep nlohmann out
// (DESIGN.md), and these bodies are flat objects of strings, integers and string arrays.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kl::projects {

// `text` as a JSON string literal, quotes included (control characters escaped as \u00XX).
std::string json_string(std::string_view text);

class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
    JsonObject& add(std::string_view key, int64_t value);
    JsonObject& add(std::string_view key, bool value);
    JsonObject& add(std::string_view key, const std::vector<std::string>& values);
    // `raw_json` must already be JSON (a nested object built with JsonObject).
    JsonObject& add_raw(std::string_view key, std::string_view raw_json);
    std::string str() const { return "{" + body_ + "}"; }

private:
    void key(std::string_view name);
    std::string body_;
};

}  // namespace kl::projects
