#pragma once
// Access services over a fresh store, for tests of any module that needs users, organisations and
// sign-in without a server: a ManualClock, UUIDv7 ids and the cheapest argon2id setting (asked for
// explicitly through the services' options; production never uses it).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "access/auth_service.h"
#include "access/organisation_service.h"
#include "access/user_service.h"
#include "core/clock.h"
#include "core/ids.h"
#include "store/store.h"
#include "support/test_env.h"

namespace kl::test {

// 2026-09-21T08:53:20Z: a fixed start so tests read the same on every run.
inline constexpr int64_t test_epoch_ms = 1'790'000'000'000;

// Where a fresh store lives: an SQLite file in `dir` for "sqlite", a new migrated database on the
// test server for "postgres".
std::string fresh_store_url(const std::string& backend, const TempDir& dir);
// Opens (and migrates) the store at `url`; throws when it cannot.
std::unique_ptr<store::Store> open_test_store_at(const std::string& url);
// A fresh, migrated store: open_test_store_at(fresh_store_url(backend, dir)).
std::unique_ptr<store::Store> open_test_store(const std::string& backend, const TempDir& dir);

access::AuthOptions test_auth_options();
access::UserOptions test_user_options();

struct AccessStack {
    explicit AccessStack(store::Store& store_in, access::AuthOptions auth_options = test_auth_options());

    store::Store& store;
    ManualClock clock{test_epoch_ms};
    UuidV7Generator ids{clock};
    access::OrganisationService organisations;
    access::UserService users;
    access::AuthService auth;
};

// Seeding helpers; they throw std::runtime_error when the service refuses (a broken test setup).
inline constexpr const char* test_password = "correct horse battery";
access::Organisation seed_organisation(AccessStack& stack, access::OrgKind kind, const std::string& name);
access::User seed_user(AccessStack& stack, access::Role role, const std::string& username,
                       const std::optional<std::string>& org_id = std::nullopt);
// The principal the user would act as once signed in (no session behind it).
access::Principal principal_of(const access::User& user);

// A test that runs once per backend (SQLite, and PostgreSQL when available or required):
//   class MyTest : public kl::test::AccessBackendTest {};
//   TEST_P(MyTest, …) { stack().users… }
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest, ::testing::ValuesIn(kl::test::backends_under_test()));
class AccessBackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    AccessStack& stack() { return *stack_; }
    store::Store& db() { return *store_; }
    // SELECT COUNT(*) of a table, for "nothing was written" checks.
    int64_t count_rows(const std::string& table);

private:
    TempDir dir_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<AccessStack> stack_;
};

}  // namespace kl::test
