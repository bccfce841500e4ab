#pragma once
// The facts behind recommendations (internal to src/fair; recommend.h scores them): for every
// exhibitor–buyer pair of an event's participants, what the buyer's open demands and past orders say
// about the exhibitor's products (those it shows; all its catalogue when it shows none), which of
// them are certified on `today`, whether a product's brand standard sells through the buyer's
// channel, and whether the two organisations already trade.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/civil_date.h"
#include "fair/fair_types.h"
#include "fair/recommend.h"
#include "store/store.h"

namespace kl::fair {

// Keyed by (exhibitor participant id, buyer participant id); withdrawn participants left out.
using PairKey = std::pair<std::string, std::string>;
Result<std::map<PairKey, PairFacts>> recommend_facts(store::Tx& tx, const std::vector<Attendee>& attendees, Date today);

}  // namespace kl::fair
