#include "audit/canonical_json.h"

#include <cstdio>

namespace kl::audit {

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

CanonicalJson& CanonicalJson::add(const std::string& key, std::string_view text) {
    fields_[key] = json_quote(text);
    return *this;
}
CanonicalJson& CanonicalJson::add(const std::string& key, int64_t number) {
    fields_[key] = std::to_string(number);
    return *this;
}
CanonicalJson& CanonicalJson::add(const std::string& key, bool flag) {
    fields_[key] = flag ? "true" : "false";
    return *this;
}
CanonicalJson& CanonicalJson::add(const std::string& key, const std::vector<std::string>& texts) {
    std::string array = "[";
    for (size_t index = 0; index < texts.size(); ++index) {
        if (index > 0) array += ',';
        array += json_quote(texts[index]);
    }
    fields_[key] = array + "]";
    return *this;
}
CanonicalJson& CanonicalJson::add_null(const std::string& key) {
    fields_[key] = "null";
    return *this;
}
CanonicalJson& CanonicalJson::add_raw(const std::string& key, std::string json) {
    fields_[key] = std::move(json);
    return *this;
}

std::string CanonicalJson::str() const {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : fields_) {
        if (!first) out += ',';
        first = false;
        out += json_quote(key);
        out += ':';
        out += value;
    }
    out += '}';
    return out;
}

}  // namespace kl::audit
