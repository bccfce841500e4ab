#include "market/market_types.h"

namespace kl::market {

bool lane_carries(catalog::ColdChain lane, catalog::ColdChain product) {
    using catalog::ColdChain;
    if (product == ColdChain::ambient || lane == product) return true;
    return product == ColdChain::chilled_0_10 && lane == ColdChain::chilled_0_4;
}

}  // namespace kl::market
