#include "orders/order_types.h"

#include <array>
#include <utility>

namespace kl::orders {

namespace {

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [item, name] : names) {
        if (item == value) return name;
    }
    KL_ASSERT(false && "enum value without a name");
    return {};
}

template <typename E, size_t N>
Result<E> parse_named(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text,
                      const std::string& field) {
    for (const auto& [item, name] : names) {
        if (name == text) return item;
    }
    std::string allowed;
    for (const auto& [item, name] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    return fail_field(field, "must be one of " + allowed);
}

constexpr std::array<std::pair<OrderStatus, std::string_view>, 7> status_names = {{
    {OrderStatus::intent, "intent"},
    {OrderStatus::confirmed, "confirmed"},
    {OrderStatus::shipped, "shipped"},
    {OrderStatus::delivered, "delivered"},
    {OrderStatus::accepted, "accepted"},
    {OrderStatus::paid, "paid"},
    {OrderStatus::cancelled, "cancelled"},
}};

constexpr std::array<std::pair<OrderAction, std::string_view>, 6> action_names = {{
    {OrderAction::confirm, "confirm"},
    {OrderAction::ship, "ship"},
    {OrderAction::deliver, "deliver"},
    {OrderAction::accept, "accept"},
    {OrderAction::pay, "pay"},
    {OrderAction::cancel, "cancel"},
}};

constexpr std::array<std::pair<Party, std::string_view>, 4> party_names = {{
    {Party::buyer, "buyer"},
    {Party::seller, "seller"},
    {Party::carrier, "carrier"},
    {Party::admin, "admin"},
}};

}  // namespace

std::string_view to_string(OrderStatus value) { return name_of(status_names, value); }
std::string_view to_string(OrderAction value) { return name_of(action_names, value); }
std::string_view to_string(Party value) { return name_of(party_names, value); }

Result<OrderStatus> parse_order_status(std::string_view text, const std::string& field) {
    return parse_named(status_names, text, field);
}
Result<OrderAction> parse_order_action(std::string_view text, const std::string& field) {
    return parse_named(action_names, text, field);
}

const std::vector<OrderStatus>& all_order_statuses() {
    static const std::vector<OrderStatus> all = [] {
        std::vector<OrderStatus> out;
        for (const auto& entry : status_names) out.push_back(entry.first);
        return out;
    }();
    return all;
}

const std::vector<OrderAction>& all_order_actions() {
    static const std::vector<OrderAction> all = [] {
        std::vector<OrderAction> out;
        for (const auto& entry : action_names) out.push_back(entry.first);
        return out;
    }();
    return all;
}

}  // namespace kl::orders
