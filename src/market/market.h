#pragma once
// Every market service over one store, built once (App, tests, the demo):
//
//   market::Market market(store, clock, ids, order_sink);
//   market.allocations.start(actor, std::nullopt);
//
//   lanes        transport nodes and lanes                 lane_service.h
//   offers       producers' supply offers                  listing_service.h (OfferService)
//   demands      buyers' demands                           listing_service.h (DemandService)
//   allocations  the matching engine's runs and proposals  allocation_service.h
// Who may do what: market_access.h. The engine: allocation_model.h over min_cost_flow.h.

#include "market/allocation_service.h"
#include "market/lane_service.h"
#include "market/listing_service.h"
#include "market/order_sink.h"

namespace kl::market {

struct Market {
    Market(store::Store& store, const Clock& clock, IdGenerator& ids, OrderSink sink)
        : lanes(store, clock, ids),
          offers(store, clock, ids),
          demands(store, clock, ids),
          allocations(store, clock, ids, std::move(sink)) {}

    LaneService lanes;
    OfferService offers;
    DemandService demands;
    AllocationService allocations;
};

}  // namespace kl::market
