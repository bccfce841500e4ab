#pragma once
// The market part of the demo programme (internal to src/demo): the transport lanes of
// coldchain-anchors.md §3 from every county to every district, a season of offers over the demo
// products and demands from the demo buyers, and one finished allocation run — all inside the
// caller's write transaction, drawn from the demo's DemoRandom and ids, so deterministic per seed.

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "demo/demo_catalog.h"

namespace kl::demo {

struct DemoMarketCounts {
    size_t lanes = 0;
    size_t offers = 0;
    size_t demands = 0;
    size_t proposals = 0;
};

// After seed_organisations and seed_products.
Result<DemoMarketCounts> seed_market(DemoWorld& world, IdGenerator& ids, const Clock& clock);

}  // namespace kl::demo
