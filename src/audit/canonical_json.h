#pragma once
// Canonical JSON for audit bodies: keys sorted, no whitespace, integers only, strings escaped the
// one way. Two writers of the same record produce the same bytes, so the body hash is stable.
// (Modules may not include nlohmann; this small builder is all the audit needs.)

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kl::audit {

class CanonicalJson {
public:
    CanonicalJson& add(const std::string& key, std::string_view text);
    CanonicalJson& add(const std::string& key, const char* text) { return add(key, std::string_view(text)); }
    CanonicalJson& add(const std::string& key, const std::string& text) { return add(key, std::string_view(text)); }
    CanonicalJson& add(const std::string& key, int64_t number);
    CanonicalJson& add(const std::string& key, bool flag);
    // An array of strings, in the order given (the order is part of what is recorded).
    CanonicalJson& add(const std::string& key, const std::vector<std::string>& texts);
    CanonicalJson& add_null(const std::string& key);
    // A value that is already canonical JSON (a nested object or an array).
    CanonicalJson& add_raw(const std::string& key, std::string json);
    std::string str() const;

private:
    std::map<std::string, std::string> fields_;  // std::map: keys come out sorted
};

// A JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace kl::audit
