#include "demo/demo_seed.h"

#include <gtest/gtest.h>

#include <set>

#include "access/auth_service.h"
#include "support/access_stack.h"
#include "support/test_env.h"

namespace kl::demo {
namespace {

class DemoSeed : public ::testing::TestWithParam<std::string> {};

TEST_P(DemoSeed, CreatesOneWorkingLoginPerRoleOnceOnly) {
    test::TempDir dir;
    auto store = test::open_test_store(GetParam(), dir);
    ManualClock clock(test::test_epoch_ms);
    UuidV7Generator ids(clock);

    auto first = seed_demo(*store, clock, ids);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->created);
    ASSERT_EQ(first->logins.size(), 7u);

    access::AuthService auth(*store, clock, ids, test::test_auth_options());
    std::set<std::string> roles;
    for (const auto& login : first->logins) {
        auto session = auth.login(login.username, login.password, "127.0.0.1");
        ASSERT_TRUE(session) << login.username << ": " << session.error().message;
        EXPECT_EQ(access::to_string(session->principal.role), login.role);
        EXPECT_EQ(session->principal.org_id.has_value(), access::is_org_scoped(session->principal.role));
        roles.insert(login.role);
    }
    EXPECT_EQ(roles.size(), 7u) << "one user per role";

    auto again = seed_demo(*store, clock, ids);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->created) << "an existing database is left as it is";
    auto users = store->read([](store::Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(auto rows, tx.query("SELECT COUNT(*) AS n FROM users"));
        return rows[0].i64("n");
    });
    ASSERT_TRUE(users);
    EXPECT_EQ(*users, 7);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoSeed, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::demo
