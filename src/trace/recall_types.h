#pragma once
// A recall's plain data (recall.h has the rules): the lot named with a reason, everything its forward
// trace reached when it was opened, and per buyer what it received of which affected lot on which
// orders, its acknowledgement and what it recovered.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/enum_names.h"
#include "trace/trace_types.h"

namespace kl::trace {

inline constexpr size_t recall_reason_chars_max = 2000;
inline constexpr size_t recall_note_chars_max = 2000;

enum class RecallStatus { open, closed };
constexpr auto enum_table(RecallStatus) {
    using enum RecallStatus;
    return enum_table_of<RecallStatus>({{open, "open"}, {closed, "closed"}});
}
constexpr std::string_view enum_noun(RecallStatus) { return "recall status"; }

// all_acknowledged: the last buyer's acknowledgement closed it; by_opener: its opener (or an admin)
// closed it with a note.
enum class RecallClosedHow { all_acknowledged, by_opener };
constexpr auto enum_table(RecallClosedHow) {
    using enum RecallClosedHow;
    return enum_table_of<RecallClosedHow>({{all_acknowledged, "all_acknowledged"}, {by_opener, "by_opener"}});
}

// What a buyer received of one affected lot (the lot's unit) and recovered once it acknowledged.
struct RecallItem {
    std::string lot_id;
    int64_t quantity = 0;
    std::optional<int64_t> recovered;
    // read back
    std::string lot_code, product_name, product_name_en, grade;
    QuantityUnit quantity_unit = QuantityUnit::grams;
};

struct RecallOrder {
    std::string order_id;
    std::optional<Date> order_date;  // read back
};

struct RecallNotice {
    std::string buyer_id;
    std::string buyer_name, buyer_name_en;  // read back
    std::vector<RecallItem> items;
    std::vector<RecallOrder> orders;
    std::optional<int64_t> acknowledged_at_ms;
    std::optional<std::string> acknowledged_by;
    std::string note;
};

struct Recall {
    std::string id;
    std::string lot_id;
    std::string producer_id;
    std::string county;  // the producer's county ("" when none)
    std::string reason;
    RecallStatus status = RecallStatus::open;
    int64_t affected_lots = 0, affected_pallets = 0, affected_orders = 0;
    std::optional<std::string> opened_by;
    std::string opened_role;
    std::optional<std::string> opened_org;
    int64_t opened_at_ms = 0;
    std::optional<RecallClosedHow> closed_how;
    std::optional<std::string> close_note;
    std::optional<std::string> closed_by;
    std::optional<int64_t> closed_at_ms;
    std::vector<RecallNotice> notices;
    // read back
    std::string lot_code, product_name, product_name_en, producer_name, producer_name_en;
    QuantityUnit quantity_unit = QuantityUnit::grams;
    int64_t buyers = 0, buyers_acknowledged = 0;
};

struct RecallFilter {
    std::optional<RecallStatus> status;
    std::optional<std::string> lot_id;
};

struct NewRecall {
    std::string lot_id;
    std::string reason;
};

struct Recovered {
    std::string lot_id;
    int64_t quantity = 0;
};

struct RecallAcknowledgement {
    std::vector<Recovered> recovered;  // lots not named: nothing recovered of them
    std::string note;
};

}  // namespace kl::trace
