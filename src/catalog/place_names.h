#pragma once
// What the coded columns of an export are called, for its readable name columns (sheets/readable.h):
// a sheet with a `county` column gains `county_name_zh` and `county_name_en`; likewise `district`
// (reference data) and `channel` (the sales channels, or the buyer channel types of an organisation
// list). The channel names are the console's (web/src/i18n: channel.*, buyerChannel.*).

#include "catalog/reference_data.h"
#include "core/result.h"
#include "sheets/readable.h"

namespace kl::catalog {

// Which enum an export's `channel` column holds.
enum class ChannelColumn { sales_channel, buyer_channel };

// Names for the columns `county`, `district` and `channel`.
Result<sheets::CodeNames> export_code_names(ReferenceData& reference,
                                            ChannelColumn channel = ChannelColumn::sales_channel);

}  // namespace kl::catalog
