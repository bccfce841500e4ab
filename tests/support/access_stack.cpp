#include "support/access_stack.h"

#include <stdexcept>

namespace kl::test {

std::string fresh_store_url(const std::string& backend, const TempDir& dir) {
    return backend == "postgres" ? fresh_migrated_postgres_database() : dir.file("kashlink.sqlite");
}

std::unique_ptr<store::Store> open_test_store_at(const std::string& url) {
    store::StoreOptions options;
    options.url = url;
    auto opened = store::open_store(options);
    if (!opened) throw std::runtime_error("cannot open the test store " + url + ": " + opened.error().message);
    return std::move(opened).value();
}

std::unique_ptr<store::Store> open_test_store(const std::string& backend, const TempDir& dir) {
    return open_test_store_at(fresh_store_url(backend, dir));
}

access::AuthOptions test_auth_options() {
    access::AuthOptions options;
    options.password_cost = access::PasswordCost::cheapest_for_tests();
    return options;
}

access::UserOptions test_user_options() {
    access::UserOptions options;
    options.password_cost = access::PasswordCost::cheapest_for_tests();
    return options;
}

AccessStack::AccessStack(store::Store& store_in, access::AuthOptions auth_options)
    : store(store_in),
      organisations(store, clock, ids),
      users(store, clock, ids, test_user_options()),
      auth(store, clock, ids, auth_options) {
    users.on_sessions_revoked([this] { auth.forget_cached_sessions(); });
}

access::Organisation seed_organisation(AccessStack& stack, access::OrgKind kind, const std::string& name) {
    auto created = stack.organisations.create(std::nullopt, access::NewOrganisation{name, kind});
    if (!created) throw std::runtime_error("seeding organisation " + name + ": " + created.error().message);
    return std::move(created).value();
}

access::User seed_user(AccessStack& stack, access::Role role, const std::string& username,
                       const std::optional<std::string>& org_id) {
    access::NewUser user{username, "Test " + username, test_password, role, org_id};
    auto created = stack.users.add(std::nullopt, user);
    if (!created) throw std::runtime_error("seeding user " + username + ": " + created.error().message);
    return std::move(created).value();
}

access::Principal principal_of(const access::User& user) {
    return access::Principal{user.id, user.username, user.role, user.org_id, "", false};
}

void AccessBackendTest::SetUp() {
    store_ = open_test_store(GetParam(), dir_);
    stack_ = std::make_unique<AccessStack>(*store_);
}

int64_t AccessBackendTest::count_rows(const std::string& table) {
    auto counted = store_->read([&](store::Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM " + table));
        return rows[0].i64("n");
    });
    if (!counted) throw std::runtime_error("counting " + table + ": " + counted.error().message);
    return *counted;
}

}  // namespace kl::test
