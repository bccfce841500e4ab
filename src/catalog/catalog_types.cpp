#include "catalog/catalog_types.h"

#include <array>

namespace kl::catalog {

namespace {

template <typename E>
struct Named {
    E value;
    std::string_view name;
};

// One table per enumeration, in declaration order; to_string, parse and all_* are read from it.
constexpr std::array<Named<BuyerChannel>, 8> buyer_channel_names{{
    {BuyerChannel::wholesale_market, "wholesale_market"},
    {BuyerChannel::supermarket, "supermarket"},
    {BuyerChannel::ecommerce, "ecommerce"},
    {BuyerChannel::fresh_market, "fresh_market"},
    {BuyerChannel::cooperative, "cooperative"},
    {BuyerChannel::group_dining, "group_dining"},
    {BuyerChannel::vending_counter, "vending_counter"},
    {BuyerChannel::budget_unit, "budget_unit"},
}};
constexpr std::array<Named<SalesChannel>, 8> sales_channel_names{{
    {SalesChannel::fair_intent, "fair_intent"},
    {SalesChannel::fair_onsite, "fair_onsite"},
    {SalesChannel::wholesale, "wholesale"},
    {SalesChannel::supermarket, "supermarket"},
    {SalesChannel::ecommerce, "ecommerce"},
    {SalesChannel::livestream, "livestream"},
    {SalesChannel::canteen, "canteen"},
    {SalesChannel::vending_counter, "vending_counter"},
}};
constexpr std::array<Named<UnitKind>, 4> unit_kind_names{{
    {UnitKind::kg, "kg"}, {UnitKind::jin, "jin"}, {UnitKind::box, "box"}, {UnitKind::piece, "piece"},
}};
constexpr std::array<Named<ProductStatus>, 3> product_status_names{{
    {ProductStatus::draft, "draft"}, {ProductStatus::active, "active"}, {ProductStatus::withdrawn, "withdrawn"},
}};
constexpr std::array<Named<Metric>, 11> metric_names{{
    {Metric::fruit_weight_g, "fruit_weight_g"},
    {Metric::diameter_mm, "diameter_mm"},
    {Metric::length_mm, "length_mm"},
    {Metric::sugar_brix_x10, "sugar_brix_x10"},
    {Metric::defects_pct_x10, "defects_pct_x10"},
    {Metric::moisture_pct_x10, "moisture_pct_x10"},
    {Metric::kernel_rate_pct_x10, "kernel_rate_pct_x10"},
    {Metric::impurity_pct_x10, "impurity_pct_x10"},
    {Metric::fibre_length_mm_x10, "fibre_length_mm_x10"},
    {Metric::piece_weight_g, "piece_weight_g"},
    {Metric::carat_x100, "carat_x100"},
}};
constexpr std::array<Named<PackagingType>, 9> packaging_type_names{{
    {PackagingType::carton, "carton"},
    {PackagingType::gift_box, "gift_box"},
    {PackagingType::bag, "bag"},
    {PackagingType::vacuum_bag, "vacuum_bag"},
    {PackagingType::crate, "crate"},
    {PackagingType::tray, "tray"},
    {PackagingType::jar, "jar"},
    {PackagingType::bottle, "bottle"},
    {PackagingType::bulk, "bulk"},
}};
constexpr std::array<Named<ColdChain>, 4> cold_chain_names{{
    {ColdChain::ambient, "ambient"},
    {ColdChain::chilled_0_4, "chilled_0_4"},
    {ColdChain::chilled_0_10, "chilled_0_10"},
    {ColdChain::frozen_minus18, "frozen_minus18"},
}};
constexpr std::array<Named<CertStatus>, 5> cert_status_names{{
    {CertStatus::none, "none"},
    {CertStatus::in_notice, "in_notice"},
    {CertStatus::certified, "certified"},
    {CertStatus::expired, "expired"},
    {CertStatus::revoked, "revoked"},
}};

template <typename E, size_t N>
std::string_view name_of(const std::array<Named<E>, N>& table, E value) {
    for (const auto& entry : table) {
        if (entry.value == value) return entry.name;
    }
    KL_ASSERT(false && "every enumerator has a name");
    return "";
}

template <typename E, size_t N>
Result<E> parse_in(const std::array<Named<E>, N>& table, std::string_view text, const std::string& field,
                   std::string_view what) {
    std::string expected;
    for (const auto& entry : table) {
        if (entry.name == text) return entry.value;
        if (!expected.empty()) expected += ", ";
        expected += entry.name;
    }
    // Echo at most a short prefix: the text may be long or hostile.
    constexpr size_t echo_chars_max = 40;
    const std::string shown(text.substr(0, echo_chars_max));
    return fail_field(field, "unknown " + std::string(what) + " '" + shown + "'; expected one of " + expected);
}

template <typename E, size_t N>
std::vector<E> values_of(const std::array<Named<E>, N>& table) {
    std::vector<E> out;
    for (const auto& entry : table) out.push_back(entry.value);
    return out;
}

}  // namespace

std::string_view to_string(BuyerChannel value) { return name_of(buyer_channel_names, value); }
std::string_view to_string(SalesChannel value) { return name_of(sales_channel_names, value); }
std::string_view to_string(UnitKind value) { return name_of(unit_kind_names, value); }
std::string_view to_string(ProductStatus value) { return name_of(product_status_names, value); }
std::string_view to_string(Metric value) { return name_of(metric_names, value); }
std::string_view to_string(PackagingType value) { return name_of(packaging_type_names, value); }
std::string_view to_string(ColdChain value) { return name_of(cold_chain_names, value); }
std::string_view to_string(CertStatus value) { return name_of(cert_status_names, value); }

Result<BuyerChannel> parse_buyer_channel(std::string_view text, const std::string& field) {
    return parse_in(buyer_channel_names, text, field, "buyer channel");
}
Result<SalesChannel> parse_sales_channel(std::string_view text, const std::string& field) {
    return parse_in(sales_channel_names, text, field, "sales channel");
}
Result<UnitKind> parse_unit_kind(std::string_view text, const std::string& field) {
    return parse_in(unit_kind_names, text, field, "unit of sale");
}
Result<ProductStatus> parse_product_status(std::string_view text, const std::string& field) {
    return parse_in(product_status_names, text, field, "product status");
}
Result<Metric> parse_metric(std::string_view text, const std::string& field) {
    return parse_in(metric_names, text, field, "metric");
}
Result<PackagingType> parse_packaging_type(std::string_view text, const std::string& field) {
    return parse_in(packaging_type_names, text, field, "packaging type");
}
Result<ColdChain> parse_cold_chain(std::string_view text, const std::string& field) {
    return parse_in(cold_chain_names, text, field, "cold-chain class");
}
Result<CertStatus> parse_cert_status(std::string_view text, const std::string& field) {
    return parse_in(cert_status_names, text, field, "certification status");
}

const std::vector<BuyerChannel>& all_buyer_channels() {
    static const auto all = values_of(buyer_channel_names);
    return all;
}
const std::vector<SalesChannel>& all_sales_channels() {
    static const auto all = values_of(sales_channel_names);
    return all;
}
SalesChannel sales_channel_of(BuyerChannel channel) {
    switch (channel) {
        case BuyerChannel::supermarket: return SalesChannel::supermarket;
        case BuyerChannel::ecommerce: return SalesChannel::ecommerce;
        case BuyerChannel::group_dining:
        case BuyerChannel::budget_unit: return SalesChannel::canteen;
        case BuyerChannel::vending_counter: return SalesChannel::vending_counter;
        case BuyerChannel::wholesale_market:
        case BuyerChannel::fresh_market:
        case BuyerChannel::cooperative: return SalesChannel::wholesale;
    }
    return SalesChannel::wholesale;
}

const std::vector<UnitKind>& all_unit_kinds() {
    static const auto all = values_of(unit_kind_names);
    return all;
}
const std::vector<ProductStatus>& all_product_statuses() {
    static const auto all = values_of(product_status_names);
    return all;
}
const std::vector<Metric>& all_metrics() {
    static const auto all = values_of(metric_names);
    return all;
}
const std::vector<PackagingType>& all_packaging_types() {
    static const auto all = values_of(packaging_type_names);
    return all;
}
const std::vector<ColdChain>& all_cold_chains() {
    static const auto all = values_of(cold_chain_names);
    return all;
}
const std::vector<CertStatus>& all_cert_statuses() {
    static const auto all = values_of(cert_status_names);
    return all;
}

bool is_producer_kind(access::OrgKind kind) {
    return kind == access::OrgKind::enterprise || kind == access::OrgKind::cooperative ||
           kind == access::OrgKind::family_workshop || kind == access::OrgKind::household;
}

const Grade* find_grade(const BrandStandard& standard, std::string_view code) {
    for (const auto& grade : standard.grades) {
        if (grade.code == code) return &grade;
    }
    return nullptr;
}

std::optional<int64_t> unit_price_fen(const BrandStandard& standard, std::string_view grade, int64_t quantity) {
    std::optional<int64_t> price;
    for (const auto& list : standard.pricing.list_prices) {
        if (list.grade == grade) price = list.price_fen;
    }
    if (!price) return std::nullopt;
    int64_t best_tier_quantity = 0;
    for (const auto& tier : standard.pricing.tiers) {
        if (tier.min_quantity > quantity || tier.min_quantity < best_tier_quantity) continue;
        for (const auto& tier_price : tier.prices) {
            if (tier_price.grade != grade) continue;
            price = tier_price.price_fen;
            best_tier_quantity = tier.min_quantity;
        }
    }
    return price;
}

CertStatus certification_state(const Certification& certification, Date date) {
    if (date < certification.input.valid_from) return CertStatus::none;
    if (certification.revocation && certification.revocation->effective_on <= date) return CertStatus::revoked;
    if (date > certification.input.valid_to) return CertStatus::expired;
    if (date < certification.certified_from) return CertStatus::in_notice;
    return CertStatus::certified;
}

}  // namespace kl::catalog
