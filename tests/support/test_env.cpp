#include "support/test_env.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/ids.h"

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
}  // namespace

std::string fresh_postgres_database() {
    const std::string url = postgres_url();
    if (url.empty()) throw std::runtime_error("KASHLINK_TEST_PG is not set");
    const std::string name = "kl_test_" + random_hex(6);
    PGconn* admin = PQconnectdb(url.c_str());
    if (PQstatus(admin) != CONNECTION_OK) {
        std::string message = PQerrorMessage(admin);
        PQfinish(admin);
        throw std::runtime_error("cannot reach the test PostgreSQL server: " + message);
    }
    PGresult* result = PQexec(admin, ("CREATE DATABASE " + name).c_str());
    const bool created_ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    std::string message = PQerrorMessage(admin);
    PQclear(result);
    PQfinish(admin);
    if (!created_ok) throw std::runtime_error("CREATE DATABASE failed: " + message);
    {
        std::lock_guard lock(created().mutex);
        created().names.push_back(name);
    }
    return with_database(url, name);
}

std::vector<std::string> backends_under_test() {
    std::vector<std::string> backends{"sqlite"};
    if (!postgres_url().empty() || postgres_required()) backends.push_back("postgres");
    return backends;
}

}  // namespace kl::test
