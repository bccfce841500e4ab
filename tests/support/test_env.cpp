#include "support/test_env.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/ids.h"
#include "store/migrations.h"
#include "store/store.h"

namespace kl::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base ? base : "/tmp") + "/kashlink-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string postgres_url() {
    const char* url = std::getenv("KASHLINK_TEST_PG");
    return url ? url : "";
}

bool postgres_required() {
    const char* required = std::getenv("KASHLINK_REQUIRE_PG");
    return required != nullptr && std::string(required) == "1";
}

namespace {
// Databases created by this process; dropped at exit so the throwaway server stays small.
struct CreatedDatabases {
    std::mutex mutex;
    std::vector<std::string> names;
    ~CreatedDatabases() {
        PGconn* admin = PQconnectdb(postgres_url().c_str());
        if (PQstatus(admin) == CONNECTION_OK) {
            for (const auto& name : names) PQclear(PQexec(admin, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
        }
        PQfinish(admin);
    }
};
CreatedDatabases& created() {
    static CreatedDatabases instance;
    return instance;
}

std::string with_database(const std::string& url, const std::string& database) {
    // URL form postgresql://user@host:port/dbname[?params]
    const auto query = url.find('?');
    const std::string base = url.substr(0, query);
    const std::string params = query == std::string::npos ? "" : url.substr(query);
    const auto slash = base.rfind('/');
    if (slash == std::string::npos || slash < std::string("postgresql://").size())
        return base + "/" + database + params;
    return base.substr(0, slash + 1) + database + params;
}

// An admin connection to the test server; throws when it cannot be reached (which fails the test).
std::unique_ptr<PGconn, decltype(&PQfinish)> connect_admin() {
    const std::string url = postgres_url();
    if (url.empty()) throw std::runtime_error("KASHLINK_TEST_PG is not set");
    std::unique_ptr<PGconn, decltype(&PQfinish)> admin(PQconnectdb(url.c_str()), &PQfinish);
    if (PQstatus(admin.get()) != CONNECTION_OK) {
        throw std::runtime_error("cannot reach the test PostgreSQL server: " + std::string(PQerrorMessage(admin.get())));
    }
    return admin;
}

void exec_admin(PGconn* admin, const std::string& sql) {
    PGresult* result = PQexec(admin, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    std::string message = PQerrorMessage(admin);
    PQclear(result);
    if (!ok) throw std::runtime_error(sql + " failed: " + message);
}

bool database_exists(PGconn* admin, const std::string& name) {
    const char* values[] = {name.c_str()};
    PGresult* result = PQexecParams(admin, "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr, values, nullptr,
                                    nullptr, 0);
    const bool exists = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1;
    PQclear(result);
    return exists;
}

std::string create_database(PGconn* admin, const std::string& template_name) {
    const std::string name = "kl_test_" + random_hex(6);
    exec_admin(admin, "CREATE DATABASE " + name + (template_name.empty() ? "" : " TEMPLATE " + template_name));
    {
        std::lock_guard lock(created().mutex);
        created().names.push_back(name);
    }
    return name;
}

// FNV-1a over the embedded migrations: a template is only reused for exactly these migrations.
std::string migrations_fingerprint() {
    uint64_t hash = 1469598103934665603ULL;
    for (const auto& migration : store::embedded_migrations()) {
        for (const std::string* text : {&migration.name, &migration.sql}) {
            for (unsigned char c : *text) hash = (hash ^ c) * 1099511628211ULL;
            hash = (hash ^ 0xffU) * 1099511628211ULL;
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

// The migrated template, made by the first test process that asks and kept by the server (which
// lives for one test run). Built under another name and renamed when complete, under an advisory
// lock, so concurrent test processes wait for it and never copy a half-migrated database.
std::string migrated_template(PGconn* admin) {
    const std::string name = "kl_template_" + migrations_fingerprint();
    constexpr const char* lock_key = "7204518211";  // any constant shared by the test processes
    exec_admin(admin, std::string("SELECT pg_advisory_lock(") + lock_key + ")");
    try {
        if (!database_exists(admin, name)) {
            const std::string building = name + "_building";
            exec_admin(admin, "DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
            exec_admin(admin, "CREATE DATABASE " + building);
            {
                store::StoreOptions options;
                options.url = with_database(postgres_url(), building);
                auto opened = store::open_store(options);  // migrates; closed at the end of this block
                if (!opened) throw std::runtime_error("cannot migrate the template database: " + opened.error().message);
            }
            exec_admin(admin, "ALTER DATABASE " + building + " RENAME TO " + name);
        }
    } catch (...) {
        exec_admin(admin, std::string("SELECT pg_advisory_unlock(") + lock_key + ")");
        throw;
    }
    exec_admin(admin, std::string("SELECT pg_advisory_unlock(") + lock_key + ")");
    return name;
}
}  // namespace

std::string fresh_postgres_database() {
    auto admin = connect_admin();
    return with_database(postgres_url(), create_database(admin.get(), ""));
}

std::string fresh_migrated_postgres_database() {
    auto admin = connect_admin();
    const std::string template_name = migrated_template(admin.get());
    return with_database(postgres_url(), create_database(admin.get(), template_name));
}

std::vector<std::string> backends_under_test() {
    std::vector<std::string> backends{"sqlite"};
    if (!postgres_url().empty() || postgres_required()) backends.push_back("postgres");
    return backends;
}

}  // namespace kl::test
