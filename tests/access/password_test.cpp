#include "access/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace kl::access {
namespace {

const PasswordCost cheap = PasswordCost::cheapest_for_tests();

TEST(Password, HashThenVerifyRoundTrips) {
    auto hash = hash_password("correct horse battery", cheap);
    ASSERT_TRUE(hash.has_value());
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
    EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
}

TEST(Password, WrongPasswordDoesNotVerify) {
    auto hash = hash_password("correct horse battery", cheap);
    ASSERT_TRUE(hash.has_value());
    EXPECT_FALSE(verify_password(*hash, "correct horse batterY"));
    EXPECT_FALSE(verify_password(*hash, ""));
    EXPECT_FALSE(verify_password(*hash, "correct horse battery "));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
    auto first = hash_password("same password here", cheap);
    auto second = hash_password("same password here", cheap);
    ASSERT_TRUE(first.has_value() && second.has_value());
    EXPECT_NE(*first, *second);  // random salt
    EXPECT_TRUE(verify_password(*first, "same password here"));
    EXPECT_TRUE(verify_password(*second, "same password here"));
}

TEST(Password, InteractiveProfileIsTheDefaultAndArgon2id) {
    const PasswordCost cost = PasswordCost::interactive();
    EXPECT_EQ(cost.ops, crypto_pwhash_OPSLIMIT_INTERACTIVE);
    EXPECT_EQ(cost.memory_bytes, static_cast<size_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE));
    // The services default to the interactive profile unless a test asks otherwise.
    EXPECT_EQ(PasswordHasher(PasswordCost::interactive()).cost().memory_bytes, cost.memory_bytes);
    auto hash = hash_password("a real cost password", cost);
    ASSERT_TRUE(hash.has_value());
    EXPECT_NE(hash->find("m=65536"), std::string::npos) << *hash;  // 64 MiB, in KiB
    EXPECT_TRUE(verify_password(*hash, "a real cost password"));
    EXPECT_FALSE(password_needs_rehash(*hash, cost));
}

TEST(Password, NeedsRehashWhenTheCostChanged) {
    auto hash = hash_password("correct horse battery", cheap);
    ASSERT_TRUE(hash.has_value());
    EXPECT_FALSE(password_needs_rehash(*hash, cheap));
    EXPECT_TRUE(password_needs_rehash(*hash, PasswordCost{cheap.ops + 1, cheap.memory_bytes}));
    EXPECT_TRUE(password_needs_rehash(*hash, PasswordCost::interactive()));
}

TEST(Password, MalformedStoredHashesNeverVerify) {
    auto good = hash_password("correct horse battery", cheap);
    ASSERT_TRUE(good.has_value());
    const std::vector<std::string> bad = {
        "",
        "correct horse battery",                      // a clear-text password is not a hash
        "$argon2id$",                                  // cut short
        good->substr(0, good->size() - 5),             // truncated
        std::string(*good).insert(10, 1, '\0'),        // NUL inside
        std::string(1000, 'a'),                        // longer than any hash
    };
    for (const auto& hash : bad) {
        EXPECT_FALSE(verify_password(hash, "correct horse battery")) << hash;
        EXPECT_TRUE(password_needs_rehash(hash, cheap)) << hash;
    }
}

TEST(Password, OverlongPasswordIsRefusedWithoutHashing) {
    auto hash = hash_password("correct horse battery", cheap);
    ASSERT_TRUE(hash.has_value());
    EXPECT_FALSE(verify_password(*hash, std::string(password_bytes_max + 1, 'x')));
}

TEST(Password, HasherGivesRightAnswersUnderConcurrency) {
    PasswordHasher hasher(cheap);
    auto hash = hasher.hash("correct horse battery");
    ASSERT_TRUE(hash.has_value());
    std::atomic<int> right{0};
    std::atomic<int> wrong_accepted{0};
    std::vector<std::thread> threads;
    constexpr int thread_count = 16;
    for (int i = 0; i < thread_count; ++i) {
        threads.emplace_back([&, i] {
            if (hasher.verify(*hash, "correct horse battery")) ++right;
            if (hasher.verify(*hash, "wrong password " + std::to_string(i))) ++wrong_accepted;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(right.load(), thread_count);
    EXPECT_EQ(wrong_accepted.load(), 0);
}

}  // namespace
}  // namespace kl::access
