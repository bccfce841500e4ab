#pragma once
// The eventID of an event: the CBV 2.0 "EPCIS event hash" (CBV 2.0 §8.9; reference implementation
// RalphTro/epcis-event-hash-generator), so that an identical event sent twice is recognised and
// stored once, whoever sends it and in whichever syntax.
//
// The pre-hash string concatenates, without separators, `name=value` for each field present, in
// this order: eventType, eventTime (UTC, milliseconds, 'Z'), eventTimeZoneOffset, epcList,
// parentID, childEPCs, quantityList, childQuantityList, inputQuantityList, outputQuantityList,
// action, transformationID, bizStep, disposition, readPoint (`readPointid=`), bizLocation
// (`bizLocationid=`), bizTransactionList, then user extensions as `{namespace}name=value`. A list is
// written as its name followed by its elements (a quantity element as
// `quantityElementepcClass=…quantity=…[uom=…]`, a business transaction as `type=…bizTransaction=…`),
// the elements sorted by their own text (so list order does not change the hash). CBV values are
// written as GS1 Web URIs (https://ref.gs1.org/cbv/BizStep-shipping). Left out, as the algorithm
// says: eventID, recordTime and errorDeclaration (a declaration does not change what happened).
// Fields our events do not have yet (sourceList, destinationList, sensorElementList, ilmd,
// persistentDisposition, certificationInfo) are omitted, which is what the algorithm does for an
// event without them. The hash is SHA-256 of the UTF-8 pre-hash string, written
// ni:///sha-256;<64 lowercase hex>?ver=CBV2.0 (RFC 6920 form).

#include <string>

#include "trace/trace_types.h"

namespace kl::trace {

inline constexpr std::string_view extension_namespace = "urn:kashlink:epcis:";

// 2026-10-08T02:00:00.000Z
std::string utc_timestamp(int64_t epoch_ms);
// The canonical pre-hash string of `event` (its quantity elements' epc_class filled in).
std::string event_prehash(const Event& event);
// ni:///sha-256;<hex>?ver=CBV2.0 of event_prehash(event).
std::string event_hash(const Event& event);

// https://ref.gs1.org/cbv/BizStep-<name> and its siblings.
std::string cbv_uri(BizStep step);
std::string cbv_uri(Disposition disposition);
std::string cbv_uri(BizTransactionType type);

}  // namespace kl::trace
