#include "projects/json_text.h"

#include <cstdio>

namespace kl::projects {

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

void JsonObject::key(std::string_view name) {
    if (!body_.empty()) body_ += ",";
    body_ += json_string(name) + ":";
}

JsonObject& JsonObject::add(std::string_view name, std::string_view value) {
    key(name);
    body_ += json_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, int64_t value) {
    key(name);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, bool value) {
    key(name);
    body_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, const std::vector<std::string>& values) {
    key(name);
    body_ += "[";
    for (size_t index = 0; index < values.size(); ++index) body_ += (index ? "," : "") + json_string(values[index]);
    body_ += "]";
    return *this;
}

JsonObject& JsonObject::add_raw(std::string_view name, std::string_view raw_json) {
    key(name);
    body_ += raw_json;
    return *this;
}

}  // namespace kl::projects
