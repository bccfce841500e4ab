#pragma once
// Test environment helpers shared by every test folder.

#include <string>
#include <vector>

namespace kl::test {

// A fresh directory under $TMPDIR, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// The PostgreSQL server started by scripts/test-postgres.sh: KASHLINK_TEST_PG is a libpq URL of a
// database the tests may freely create schemas in. Empty when unset. When KASHLINK_REQUIRE_PG=1
// (set by `make test` and CI), a missing server fails the test instead of skipping it.
std::string postgres_url();
bool postgres_required();

// Creates a fresh, empty database on the test server and returns its URL (dropped at process exit).
std::string fresh_postgres_database();
// The same, with every embedded migration already applied: copied from a template migrated once per
// server, so each test does not pay for the whole schema again. Opening it migrates nothing.
std::string fresh_migrated_postgres_database();

// Backends a contract test runs on: "sqlite" always, "postgres" when available or required.
std::vector<std::string> backends_under_test();

}  // namespace kl::test
