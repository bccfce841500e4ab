#pragma once
// An on-site sale's receipt as a printable A4 document (src/pdf), in the receipt's language (zh or
// en): the event, the booth, seller and buyer, each line with its quantity in its unit of sale
// (公斤/斤/箱/件) and its amounts in ¥.

#include "fair/fair_outcome_types.h"
#include "pdf/pdf_document.h"

namespace kl::fair {

pdf::Document receipt_document(const Receipt& receipt);

}  // namespace kl::fair
