#include "market/market_types.h"

#include <array>

namespace kl::market {

namespace {

template <typename E>
struct Named {
    E value;
    std::string_view name;
};

template <typename E, size_t N>
std::string_view name_of(const std::array<Named<E>, N>& table, E value) {
    for (const auto& entry : table) {
        if (entry.value == value) return entry.name;
    }
    KL_ASSERT(false && "enumeration value without a name");
    return {};
}

template <typename E, size_t N>
Result<E> parse_named(const std::array<Named<E>, N>& table, std::string_view text, const std::string& field) {
    std::string allowed;
    for (const auto& entry : table) {
        if (entry.name == text) return entry.value;
        allowed += (allowed.empty() ? "" : ", ") + std::string(entry.name);
    }
    return fail_field(field, "must be one of " + allowed);
}

constexpr std::array<Named<NodeKind>, 2> node_kind_names{{{NodeKind::origin, "origin"},
                                                          {NodeKind::destination, "destination"}}};
constexpr std::array<Named<Mode>, 3> mode_names{{{Mode::truck, "truck"}, {Mode::rail, "rail"}, {Mode::air, "air"}}};
constexpr std::array<Named<ListingStatus>, 2> listing_status_names{{{ListingStatus::open, "open"},
                                                                    {ListingStatus::withdrawn, "withdrawn"}}};
constexpr std::array<Named<RunStatus>, 4> run_status_names{{{RunStatus::queued, "queued"},
                                                            {RunStatus::running, "running"},
                                                            {RunStatus::done, "done"},
                                                            {RunStatus::failed, "failed"}}};
constexpr std::array<Named<ProposalStatus>, 3> proposal_status_names{{{ProposalStatus::proposed, "proposed"},
                                                                      {ProposalStatus::declined, "declined"},
                                                                      {ProposalStatus::confirmed, "confirmed"}}};
constexpr std::array<Named<Decision>, 2> decision_names{{{Decision::accepted, "accepted"},
                                                         {Decision::declined, "declined"}}};
constexpr std::array<Named<Side>, 2> side_names{{{Side::seller, "seller"}, {Side::buyer, "buyer"}}};

}  // namespace

std::string_view to_string(NodeKind value) { return name_of(node_kind_names, value); }
std::string_view to_string(Mode value) { return name_of(mode_names, value); }
std::string_view to_string(ListingStatus value) { return name_of(listing_status_names, value); }
std::string_view to_string(RunStatus value) { return name_of(run_status_names, value); }
std::string_view to_string(ProposalStatus value) { return name_of(proposal_status_names, value); }
std::string_view to_string(Decision value) { return name_of(decision_names, value); }
std::string_view to_string(Side value) { return name_of(side_names, value); }

Result<Mode> parse_mode(std::string_view text, const std::string& field) { return parse_named(mode_names, text, field); }
Result<ListingStatus> parse_listing_status(std::string_view text, const std::string& field) {
    return parse_named(listing_status_names, text, field);
}
Result<RunStatus> parse_run_status(std::string_view text, const std::string& field) {
    return parse_named(run_status_names, text, field);
}
Result<Side> parse_side(std::string_view text, const std::string& field) { return parse_named(side_names, text, field); }

const std::vector<Mode>& all_modes() {
    static const std::vector<Mode> modes = {Mode::truck, Mode::rail, Mode::air};
    return modes;
}

bool lane_carries(catalog::ColdChain lane, catalog::ColdChain product) {
    using catalog::ColdChain;
    if (product == ColdChain::ambient || lane == product) return true;
    return product == ColdChain::chilled_0_10 && lane == ColdChain::chilled_0_4;
}

}  // namespace kl::market
