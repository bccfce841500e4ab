// The transition table as a pure function: what each party may do from each status.
#include <gtest/gtest.h>

#include "orders/order_rules.h"
#include "orders/quota_service.h"

namespace kl::orders {
namespace {

using A = OrderAction;
using S = OrderStatus;

TEST(OrderRules, EachPartyMayTakeExactlyTheActionsOfTheTable) {
    EXPECT_EQ(allowed_actions(S::intent, Party::buyer), (std::vector<A>{A::confirm, A::cancel}));
    EXPECT_EQ(allowed_actions(S::intent, Party::seller), (std::vector<A>{A::cancel}));
    EXPECT_EQ(allowed_actions(S::confirmed, Party::seller), (std::vector<A>{A::ship, A::cancel}));
    EXPECT_EQ(allowed_actions(S::confirmed, Party::carrier), (std::vector<A>{}));
    EXPECT_EQ(allowed_actions(S::shipped, Party::carrier), (std::vector<A>{A::deliver}));
    EXPECT_EQ(allowed_actions(S::shipped, Party::buyer), (std::vector<A>{}));
    EXPECT_EQ(allowed_actions(S::shipped, Party::admin), (std::vector<A>{A::deliver, A::cancel}));
    EXPECT_EQ(allowed_actions(S::delivered, Party::buyer), (std::vector<A>{A::accept}));
    EXPECT_EQ(allowed_actions(S::accepted, Party::buyer), (std::vector<A>{A::pay}));
    EXPECT_EQ(allowed_actions(S::accepted, Party::seller), (std::vector<A>{}));
    for (const Party party : {Party::buyer, Party::seller, Party::carrier, Party::admin}) {
        EXPECT_TRUE(allowed_actions(S::paid, party).empty());
        EXPECT_TRUE(allowed_actions(S::cancelled, party).empty());
    }
}

TEST(OrderRules, PermissionAndStateAreSeparateQuestions) {
    EXPECT_FALSE(party_may(A::ship, Party::buyer));    // 403: never
    EXPECT_TRUE(party_may(A::confirm, Party::buyer));   // may, but only from intent (409 otherwise)
    EXPECT_EQ(find_rule(A::confirm, S::confirmed, Party::buyer), nullptr);
    ASSERT_NE(find_rule(A::cancel, S::delivered, Party::admin), nullptr);
    EXPECT_EQ(find_rule(A::cancel, S::delivered, Party::seller), nullptr);
    EXPECT_EQ(find_rule(A::accept, S::delivered, Party::buyer)->to, S::accepted);
}

TEST(OrderRules, EveryNamedStatusAndActionParsesBack) {
    for (const auto status : all_order_statuses()) EXPECT_EQ(*parse_order_status(to_string(status)), status);
    for (const auto action : all_order_actions()) EXPECT_EQ(*parse_order_action(to_string(action)), action);
    auto bad = parse_order_status("lost", "status");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.at(0).field, "status");
}

TEST(QuotaArithmetic, CompletionIsIntegerBasisPoints) {
    EXPECT_EQ(completion_bp(0, 0), 0);
    EXPECT_EQ(completion_bp(141, 100), 14100);
    EXPECT_EQ(completion_bp(1, 3), 3333);  // floored
    EXPECT_EQ(percent_text(14125), "141.25");
    EXPECT_EQ(percent_text(5), "0.05");
    EXPECT_EQ(percent_text(0), "0.00");
}

}  // namespace
}  // namespace kl::orders
