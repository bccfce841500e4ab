#pragma once
// Offers and demands as sheets, for the CSV and XLSX exports of what the list endpoints show
// (GET /api/v1/exports/offers.csv …): one row per listing, quantities in grams and prices in fen per
// kg as the API gives them, so a spreadsheet sums and sorts them as numbers. The same sheets import
// again (listing_import.cpp): the columns here are the ones an import accepts.

#include <vector>

#include "sheets/table.h"
#include "market/market_types.h"

namespace kl::market {

sheets::Table offers_table(const std::vector<Offer>& offers);
sheets::Table demands_table(const std::vector<Demand>& demands);

}  // namespace kl::market
