#include "orders/order_rules.h"

#include <algorithm>

namespace kl::orders {

namespace {

template <typename T>
bool contains(const std::vector<T>& items, T item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

const std::vector<TransitionRule>& transition_table() {
    using S = OrderStatus;
    using P = Party;
    static const std::vector<TransitionRule> table = {
        {OrderAction::confirm, {S::intent}, S::confirmed, {P::buyer, P::admin}},
        {OrderAction::ship, {S::confirmed}, S::shipped, {P::seller, P::admin}},
        {OrderAction::deliver, {S::shipped}, S::delivered, {P::carrier, P::seller, P::admin}},
        {OrderAction::accept, {S::delivered}, S::accepted, {P::buyer, P::admin}},
        {OrderAction::pay, {S::accepted}, S::paid, {P::buyer, P::admin}},
        {OrderAction::cancel, {S::intent, S::confirmed}, S::cancelled, {P::buyer, P::seller, P::admin}},
        {OrderAction::cancel, {S::shipped, S::delivered}, S::cancelled, {P::admin}},
    };
    return table;
}

bool party_may(OrderAction action, Party party) {
    const auto& table = transition_table();
    return std::any_of(table.begin(), table.end(), [&](const TransitionRule& rule) {
        return rule.action == action && contains(rule.parties, party);
    });
}

const TransitionRule* find_rule(OrderAction action, OrderStatus from, Party party) {
    for (const auto& rule : transition_table()) {
        if (rule.action == action && contains(rule.from, from) && contains(rule.parties, party)) return &rule;
    }
    return nullptr;
}

std::vector<OrderAction> allowed_actions(OrderStatus status, Party party) {
    std::vector<OrderAction> out;
    for (const OrderAction action : all_order_actions()) {
        if (find_rule(action, status, party) != nullptr) out.push_back(action);
    }
    return out;
}

}  // namespace kl::orders
