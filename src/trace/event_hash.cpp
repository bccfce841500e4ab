#include "trace/event_hash.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "core/assert.h"
#include "core/civil_date.h"
#include "core/percent_encoding.h"
#include "trace/sscc.h"

namespace kl::trace {

namespace {

std::string quantity_element(const QuantityElement& element) {
    std::string text = "quantityElementepcClass=" + element.epc_class + "quantity=" + std::to_string(element.quantity);
    if (element.unit == QuantityUnit::grams) text += "uom=GRM";
    return text;
}

// The list's name, then its elements sorted by their text; nothing when the list is empty.
std::string sorted_list(std::string_view name, std::vector<std::string> elements) {
    if (elements.empty()) return "";
    std::sort(elements.begin(), elements.end());
    std::string text(name);
    for (const auto& element : elements) text += element;
    return text;
}

std::string quantity_list(std::string_view name, const std::vector<QuantityElement>& list) {
    std::vector<std::string> elements;
    for (const auto& element : list) elements.push_back(quantity_element(element));
    return sorted_list(name, std::move(elements));
}

std::string hex(const unsigned char* bytes, size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < size; ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
    }
    return out;
}

}  // namespace

std::string utc_timestamp(int64_t epoch_ms) {
    const int64_t days = epoch_ms >= 0 ? epoch_ms / 86'400'000 : -((-epoch_ms + 86'399'999) / 86'400'000);
    const int64_t ms_of_day = epoch_ms - days * 86'400'000;
    const CivilDay day = civil_from_days(days);
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(day.year),
                  day.month, day.day, static_cast<long long>(ms_of_day / 3'600'000), static_cast<long long>(ms_of_day / 60'000 % 60),
                  static_cast<long long>(ms_of_day / 1000 % 60), static_cast<long long>(ms_of_day % 1000));
    return buffer.data();
}

std::string cbv_uri(BizStep step) { return "https://ref.gs1.org/cbv/BizStep-" + std::string(to_string(step)); }
std::string cbv_uri(Disposition disposition) { return "https://ref.gs1.org/cbv/Disp-" + std::string(to_string(disposition)); }
std::string cbv_uri(BizTransactionType type) { return "https://ref.gs1.org/cbv/BTT-" + std::string(to_string(type)); }

std::string event_prehash(const Event& event) {
    std::string text = "eventType=" + std::string(to_string(event.type));
    text += "eventTime=" + utc_timestamp(event.event_time_ms);
    text += "eventTimeZoneOffset=" + event.event_time_zone_offset;
    if (event.parent_id) text += "parentID=" + sscc_digital_link(*event.parent_id);
    text += quantity_list("quantityList", event.quantities);
    text += quantity_list("childQuantityList", event.child_quantities);
    text += quantity_list("inputQuantityList", event.inputs);
    text += quantity_list("outputQuantityList", event.outputs);
    if (event.action) text += "action=" + std::string(to_string(*event.action));
    if (event.transformation_id) text += "transformationID=" + *event.transformation_id;
    if (event.biz_step) text += "bizStep=" + cbv_uri(*event.biz_step);
    if (event.disposition) text += "disposition=" + cbv_uri(*event.disposition);
    if (event.read_point) text += "readPointid=" + location_uri(*event.read_point);
    if (event.biz_location) text += "bizLocationid=" + location_uri(*event.biz_location);
    std::vector<std::string> transactions;
    for (const auto& transaction : event.biz_transactions) {
        transactions.push_back("type=" + cbv_uri(transaction.type) + "bizTransaction=" + biz_transaction_uri(transaction));
    }
    text += sorted_list("bizTransactionList", std::move(transactions));
    // User extensions, sorted as the algorithm sorts them.
    std::vector<std::string> extensions;
    const std::string ns = "{" + std::string(extension_namespace) + "}";
    if (event.loss_grams) extensions.push_back(ns + "lossGrams=" + std::to_string(*event.loss_grams));
    if (event.process) extensions.push_back(ns + "process=" + std::string(to_string(*event.process)));
    std::sort(extensions.begin(), extensions.end());
    for (const auto& extension : extensions) text += extension;
    return text;
}

std::string event_hash(const Event& event) {
    const std::string prehash = event_prehash(event);
    KL_ASSERT(sodium_init() >= 0);
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(prehash.data()), prehash.size());
    return "ni:///sha-256;" + hex(digest.data(), digest.size()) + "?ver=CBV2.0";
}

std::string lot_class_uri(std::string_view producer_id, std::string_view lot_code_key) {
    return "urn:kashlink:lot:" + std::string(producer_id) + ":" + percent_encode(lot_code_key);
}
std::string location_uri(std::string_view org_id) { return "urn:kashlink:loc:" + std::string(org_id); }
std::string order_uri(std::string_view order_id) { return "urn:kashlink:order:" + std::string(order_id); }
std::string biz_transaction_uri(const BizTransaction& transaction) {
    if (transaction.type == BizTransactionType::po) return order_uri(transaction.id);
    return "urn:kashlink:" + std::string(to_string(transaction.type)) + ":" + percent_encode(transaction.id);
}

}  // namespace kl::trace
