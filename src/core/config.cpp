#include "core/config.h"

#include <cstdlib>
#include <toml++/toml.h>

#include <charconv>
#include <filesystem>

namespace kl {

namespace {
template <typename Int>
Result<void> set_int(const toml::node& node, const std::string& key, Int& target) {
    auto value = node.value<int64_t>();
    if (!value) return fail_field(key, ProblemCode::not_integer, "must be an integer");
    target = static_cast<Int>(*value);
    return ok();
}

Result<void> set_text(const toml::node& node, const std::string& key, std::string& target) {
    auto value = node.value<std::string>();
    if (!value) return fail_field(key, ProblemCode::wrong_type, "must be a string");
    target = *value;
    return ok();
}

// The address printed trace codes lead to: http:// or https://, a host, no white space, query or
// fragment; a trailing slash is dropped (the QR routes append /t/<code>). Empty: none configured.
Result<void> set_public_base_url(std::string value, const std::string& field, Config& c) {
    while (value.ends_with('/')) value.pop_back();
    const size_t scheme = value.starts_with("https://") ? 8 : value.starts_with("http://") ? 7 : 0;
    const bool clean = value.find_first_of(" \t\r\n\"'<>?#\\") == std::string::npos;
    if (!value.empty() && (scheme == 0 || value.size() == scheme || !clean)) {
        return fail_field(field, ProblemCode::bad_format, "must be an http:// or https:// address such as https://kashlink.example");
    }
    c.public_base_url = std::move(value);
    return ok();
}

Result<void> apply_key(const std::string& key, const toml::node& node, Config& c) {
    if (key == "listen_host") return set_text(node, key, c.listen_host);
    if (key == "listen_port") return set_int(node, key, c.listen_port);
    if (key == "database_url") return set_text(node, key, c.database_url);
    if (key == "web_root") return set_text(node, key, c.web_root);
    if (key == "log_level") return set_text(node, key, c.log_level);
    if (key == "worker_threads") return set_int(node, key, c.worker_threads);
    if (key == "worker_queue_max") return set_int(node, key, c.worker_queue_max);
    if (key == "connections_max") return set_int(node, key, c.connections_max);
    if (key == "header_bytes_max") return set_int(node, key, c.header_bytes_max);
    if (key == "body_bytes_max") return set_int(node, key, c.body_bytes_max);
    if (key == "read_timeout_ms") return set_int(node, key, c.read_timeout_ms);
    if (key == "idle_timeout_ms") return set_int(node, key, c.idle_timeout_ms);
    if (key == "first_byte_timeout_ms") return set_int(node, key, c.first_byte_timeout_ms);
    if (key == "connections_per_address_max") return set_int(node, key, c.connections_per_address_max);
    if (key == "connections_reserved") return set_int(node, key, c.connections_reserved);
    if (key == "session_ttl_s") return set_int(node, key, c.session_ttl_s);
    if (key == "login_failures_max") return set_int(node, key, c.login_failures_max);
    if (key == "login_lockout_s") return set_int(node, key, c.login_lockout_s);
    if (key == "cookie_secure") {
        auto value = node.value<bool>();
        if (!value) return fail_field(key, ProblemCode::invalid_value, "must be true or false");
        c.cookie_secure = *value;
        return ok();
    }
    if (key == "metrics_token") return set_text(node, key, c.metrics_token);
    if (key == "audit_signing_key_file") return set_text(node, key, c.audit_signing_key_file);
    if (key == "gs1_company_prefix") return set_text(node, key, c.gs1_company_prefix);
    if (key == "backup_dir") return set_text(node, key, c.backup_dir);
    if (key == "backup_keep") {
        KL_TRY(set_int(node, key, c.backup_keep));
        if (c.backup_keep < 1 || c.backup_keep > backup_keep_max) {
            return fail_field(key, ProblemCode::out_of_range, "must be between 1 and " + std::to_string(backup_keep_max));
        }
        return ok();
    }
    if (key == "public_base_url") {
        std::string text;
        KL_TRY(set_text(node, key, text));
        return set_public_base_url(std::move(text), key, c);
    }
    return fail_field(key, ProblemCode::not_one_of, "unknown configuration key");
}

Result<void> apply_table(const toml::table& table, Config& config) {
    for (const auto& [key, node] : table) {
        auto applied = apply_key(std::string(key.str()), node, config);
        if (!applied) return applied;
    }
    return ok();
}

bool parse_int(const char* text, int& out) {
    const std::string_view view(text);
    auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), out);
    return ec == std::errc() && end == view.data() + view.size();
}

bool parse_bool(const char* text, bool& out) {
    const std::string_view view(text);
    if (view == "true" || view == "1") {
        out = true;
        return true;
    }
    if (view == "false" || view == "0") {
        out = false;
        return true;
    }
    return false;
}
}  // namespace

Result<void> load_config_file(const std::string& path, Config& config) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        return fail(ErrorCode::invalid_argument, "config file " + path + ": " + std::string(error.description()));
    }
    return apply_table(table, config);
}

Result<void> load_config_text(std::string_view text, const std::string& source, Config& config) {
    toml::table table;
    try {
        table = toml::parse(text, source);
    } catch (const toml::parse_error& error) {
        return fail(ErrorCode::invalid_argument, "config file " + source + ": " + std::string(error.description()));
    }
    return apply_table(table, config);
}

Result<void> apply_environment(Config& config) {
    if (const char* v = std::getenv("KASHLINK_LISTEN_HOST")) config.listen_host = v;
    if (const char* v = std::getenv("KASHLINK_DB")) config.database_url = v;
    if (const char* v = std::getenv("KASHLINK_WEB_ROOT")) config.web_root = v;
    if (const char* v = std::getenv("KASHLINK_LOG_LEVEL")) config.log_level = v;
    if (const char* v = std::getenv("KASHLINK_PORT")) {
        if (!parse_int(v, config.listen_port)) return fail_field("KASHLINK_PORT", ProblemCode::not_integer, "must be an integer");
    }
    if (const char* v = std::getenv("KASHLINK_WORKERS")) {
        if (!parse_int(v, config.worker_threads)) return fail_field("KASHLINK_WORKERS", ProblemCode::not_integer, "must be an integer");
    }
    if (const char* v = std::getenv("KASHLINK_COOKIE_SECURE")) {
        if (!parse_bool(v, config.cookie_secure)) return fail_field("KASHLINK_COOKIE_SECURE", ProblemCode::invalid_value, "must be true, false, 1 or 0");
    }
    if (const char* v = std::getenv("KASHLINK_METRICS_TOKEN")) config.metrics_token = v;
    if (const char* v = std::getenv("KASHLINK_AUDIT_SIGNING_KEY_FILE")) config.audit_signing_key_file = v;
    if (const char* v = std::getenv("KASHLINK_GS1_COMPANY_PREFIX")) config.gs1_company_prefix = v;
    if (const char* v = std::getenv("KASHLINK_BACKUP_DIR")) config.backup_dir = v;
    if (const char* v = std::getenv("KASHLINK_PUBLIC_BASE_URL")) KL_TRY(set_public_base_url(v, "KASHLINK_PUBLIC_BASE_URL", config));
    return ok();
}

std::string default_audit_signing_key_file(const std::string& database_url) {
    const std::string shared_key = "var/audit-signing.key";
    // PostgreSQL URLs (and libpq's "key=value" strings) name no file to sit beside.
    if (database_url.find("://") != std::string::npos && database_url.rfind("sqlite://", 0) != 0) return shared_key;
    std::string path = database_url;
    if (path.rfind("sqlite://", 0) == 0) path = path.substr(9);
    else if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
    if (path.empty() || path == ":memory:" || path.find('=') != std::string::npos) return shared_key;
    return std::filesystem::path(path).replace_extension(".audit-key").string();
}

std::string audit_signing_key_path(const Config& config) {
    return config.audit_signing_key_file.empty() ? default_audit_signing_key_file(config.database_url)
                                                 : config.audit_signing_key_file;
}

}  // namespace kl
