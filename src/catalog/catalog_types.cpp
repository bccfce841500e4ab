#include "catalog/catalog_types.h"

namespace kl::catalog {

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
