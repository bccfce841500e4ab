#include "core/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/test_env.h"

namespace kl {
namespace {

TEST(Config, LoadsKnownKeysFromToml) {
    test::TempDir dir;
    std::ofstream(dir.file("k.toml")) << "listen_port = 9090\ndatabase_url = \"var/x.sqlite\"\ncookie_secure = true\n";
    Config config;
    ASSERT_TRUE(load_config_file(dir.file("k.toml"), config));
    EXPECT_EQ(config.listen_port, 9090);
    EXPECT_EQ(config.database_url, "var/x.sqlite");
    EXPECT_TRUE(config.cookie_secure);
}

TEST(Config, RefusesUnknownKeysAndWrongTypes) {
    test::TempDir dir;
    std::ofstream(dir.file("typo.toml")) << "listen_prot = 9090\n";
    Config config;
    auto typo = load_config_file(dir.file("typo.toml"), config);
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().fields.at(0).field, "listen_prot");

    std::ofstream(dir.file("type.toml")) << "listen_port = \"eighty\"\n";
    auto wrong = load_config_file(dir.file("type.toml"), config);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().fields.at(0).field, "listen_port");

    std::ofstream(dir.file("broken.toml")) << "listen_port = = 3\n";
    EXPECT_FALSE(load_config_file(dir.file("broken.toml"), config));
    EXPECT_FALSE(load_config_file(dir.file("missing.toml"), config));
}

TEST(Config, EnvironmentOverridesFile) {
    Config config;
    ::setenv("KASHLINK_PORT", "7070", 1);
    ASSERT_TRUE(apply_environment(config));
    EXPECT_EQ(config.listen_port, 7070);
    ::setenv("KASHLINK_PORT", "70x", 1);
    EXPECT_FALSE(apply_environment(config));
    ::unsetenv("KASHLINK_PORT");
}

TEST(Config, BehindTlsAndMetricsTokenComeFromTheEnvironment) {
    Config config;
    ::setenv("KASHLINK_COOKIE_SECURE", "1", 1);
    ::setenv("KASHLINK_METRICS_TOKEN", "scrape-secret", 1);
    ASSERT_TRUE(apply_environment(config));
    EXPECT_TRUE(config.cookie_secure);
    EXPECT_EQ(config.metrics_token, "scrape-secret");
    ::setenv("KASHLINK_COOKIE_SECURE", "false", 1);
    ASSERT_TRUE(apply_environment(config));
    EXPECT_FALSE(config.cookie_secure);
    ::setenv("KASHLINK_COOKIE_SECURE", "yes please", 1);
    auto refused = apply_environment(config);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "KASHLINK_COOKIE_SECURE");
    ::unsetenv("KASHLINK_COOKIE_SECURE");
    ::unsetenv("KASHLINK_METRICS_TOKEN");
}

// Where printed trace codes lead: an http(s) address, its trailing slash dropped; anything else refused.
TEST(Config, ThePublicBaseUrlIsAnHttpAddressWithoutATrailingSlash) {
    test::TempDir dir;
    std::ofstream(dir.file("p.toml")) << "public_base_url = \"https://kashlink.example/\"\n";
    Config config;
    ASSERT_TRUE(load_config_file(dir.file("p.toml"), config));
    EXPECT_EQ(config.public_base_url, "https://kashlink.example");
    for (const char* bad : {"kashlink.example", "ftp://kashlink.example", "https://", "https://a b.example", "https://x.example/?q"}) {
        ::setenv("KASHLINK_PUBLIC_BASE_URL", bad, 1);
        auto refused = apply_environment(config);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().fields.at(0).field, "KASHLINK_PUBLIC_BASE_URL");
    }
    ::setenv("KASHLINK_PUBLIC_BASE_URL", "http://127.0.0.1:8080", 1);
    ASSERT_TRUE(apply_environment(config));
    EXPECT_EQ(config.public_base_url, "http://127.0.0.1:8080");
    ::unsetenv("KASHLINK_PUBLIC_BASE_URL");
}

TEST(Config, LoadsConnectionGuardsAndMetricsTokenFromToml) {
    test::TempDir dir;
    std::ofstream(dir.file("g.toml")) << "first_byte_timeout_ms = 3000\nconnections_per_address_max = 50\n"
                                         "connections_reserved = 16\nmetrics_token = \"m\"\n";
    Config config;
    ASSERT_TRUE(load_config_file(dir.file("g.toml"), config));
    EXPECT_EQ(config.first_byte_timeout_ms, 3000);
    EXPECT_EQ(config.connections_per_address_max, 50);
    EXPECT_EQ(config.connections_reserved, 16);
    EXPECT_EQ(config.metrics_token, "m");
}

// The audit signing key sits beside a SQLite file, in var/ for PostgreSQL, unless configured.
TEST(Config, TheAuditSigningKeyFileDefaultsBesideTheDatabase) {
    EXPECT_EQ(default_audit_signing_key_file("var/kashlink.sqlite"), "var/kashlink.audit-key");
    EXPECT_EQ(default_audit_signing_key_file("sqlite:///srv/kl/data.db"), "/srv/kl/data.audit-key");
    EXPECT_EQ(default_audit_signing_key_file("postgresql://kl@db:5432/kashlink"), "var/audit-signing.key");
    EXPECT_EQ(default_audit_signing_key_file(":memory:"), "var/audit-signing.key");
    test::TempDir dir;
    std::ofstream(dir.file("k.toml")) << "audit_signing_key_file = \"/etc/kashlink/audit.key\"\n";
    Config config;
    ASSERT_TRUE(load_config_file(dir.file("k.toml"), config));
    EXPECT_EQ(audit_signing_key_path(config), "/etc/kashlink/audit.key");
    EXPECT_EQ(audit_signing_key_path(Config{}), "var/kashlink.audit-key");
}

}  // namespace
}  // namespace kl
