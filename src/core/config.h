#pragma once
// Server configuration. Precedence, lowest first: built-in defaults < TOML file (--config) <
// environment (KASHLINK_*) < command-line flags (applied by cli/). Every limit has its unit in its name.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl {

// Copies the daily backup keeps at most (a year of them).
inline constexpr int backup_keep_max = 366;

struct Config {
    std::string listen_host = "127.0.0.1";
    int listen_port = 8080;
    std::string database_url = "var/kashlink.sqlite";
    std::string web_root;                 // the console's build (web/dist); empty = web/dist if it exists
    std::string log_level = "info";
    // Blocking work (SQL, solvers). Most writers wait on the group commit, and a batch holds at most
    // the workers waiting: order_bench measured 4,244 orders/s with 32 and 5,580 with 128.
    int worker_threads = 128;
    int worker_queue_max = 1024;          // queued requests beyond this get 503 + Retry-After
    int connections_max = 10000;
    int64_t header_bytes_max = 16 * 1024;
    int64_t body_bytes_max = 4 * 1024 * 1024;  // a ledger batch of 8,000 transfers is ~1.6 MB
    int read_timeout_ms = 10000;          // a request must arrive whole within this (slowloris)
    int idle_timeout_ms = 60000;          // keep-alive connections idle longer are closed
    // A new connection must send its first byte within this, so sockets opened and left silent
    // cannot hold the connection slots for the whole idle timeout.
    int first_byte_timeout_ms = 5000;
    // Open connections from one client IP address; beyond: 429. High enough for an office behind one
    // NAT address, low enough that one source cannot take all of connections_max.
    int connections_per_address_max = 1000;
    // Slots of connections_max kept for /healthz and requests carrying credentials when the rest is full.
    int connections_reserved = 64;
    int64_t session_ttl_s = 12 * 3600;    // bearer tokens and console sessions
    int login_failures_max = 5;           // then the account is locked for login_lockout_s
    int64_t login_lockout_s = 15 * 60;
    bool cookie_secure = false;           // set Secure on cookies (behind TLS)
    // When set, GET /metrics needs Authorization: Bearer <metrics_token>; empty: /metrics is open.
    std::string metrics_token;

    // The Ed25519 key that signs audit checkpoints and seals (src/audit/audit_signer.h); it must live
    // outside the database. Empty: beside a SQLite file (var/kashlink.sqlite → var/kashlink.audit-key),
    // var/audit-signing.key for PostgreSQL. Created with mode 0600 on first start when absent.
    std::string audit_signing_key_file;

    // The GS1 company prefix (7–10 digits) the platform makes pallets' SSCC-18 from (src/trace);
    // empty: a pallet must be named by its SSCC.
    std::string gs1_company_prefix;

    // The address printed trace codes lead to (their QR images: <public_base_url>/t/<code>), such as
    // https://kashlink.example, without a trailing slash; empty: the request's Host over http.
    std::string public_base_url;

    // The scheduled daily backup (src/backup/daily_backup.h): where the serving process writes one
    // consistent copy a day at 03:30 Beijing time, and how many of its copies it keeps there (older
    // ones are removed after a new one is whole). Empty: no scheduled backup (take them with
    // `kashlink backup`).
    std::string backup_dir;
    int backup_keep = 7;
};

// The audit signing key file `config` names, or the default for its database.
std::string audit_signing_key_path(const Config& config);
// The default key file for a database URL (see Config::audit_signing_key_file).
std::string default_audit_signing_key_file(const std::string& database_url);

// Reads keys of a TOML file into `config`; unknown keys are errors, so typos do not pass silently.
Result<void> load_config_file(const std::string& path, Config& config);
// The same for TOML text already read; `source` names it in errors (tests/fuzz feeds it bytes).
Result<void> load_config_text(std::string_view text, const std::string& source, Config& config);
// Applies KASHLINK_LISTEN_HOST, KASHLINK_PORT, KASHLINK_DB, KASHLINK_WEB_ROOT, KASHLINK_LOG_LEVEL,
// KASHLINK_WORKERS, KASHLINK_COOKIE_SECURE (true/false, 1/0), KASHLINK_METRICS_TOKEN and
// KASHLINK_AUDIT_SIGNING_KEY_FILE (and
// KASHLINK_GS1_COMPANY_PREFIX, KASHLINK_PUBLIC_BASE_URL).
Result<void> apply_environment(Config& config);

}  // namespace kl
