#include "fair/fair_outcome_receipt.h"

#include "core/clock.h"
#include "core/money.h"

namespace kl::fair {

namespace {

constexpr int64_t ms_per_day = 86'400'000;

// "2026-10-10 14:05", Beijing time.
std::string beijing_time(int64_t epoch_ms) {
    const int64_t local = epoch_ms + shanghai_offset_ms;
    const int64_t minute_of_day = ((local % ms_per_day + ms_per_day) % ms_per_day) / 60'000;
    const auto two = [](int64_t n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return format_date(shanghai_date(epoch_ms)) + " " + two(minute_of_day / 60) + ":" + two(minute_of_day % 60);
}

std::string unit_name(catalog::UnitKind unit, bool zh) {
    switch (unit) {
        case catalog::UnitKind::kg: return zh ? "公斤" : "kg";
        case catalog::UnitKind::jin: return zh ? "斤" : "jin";
        case catalog::UnitKind::box: return zh ? "箱" : "box";
        case catalog::UnitKind::piece: return zh ? "件" : "piece";
    }
    return "";
}

}  // namespace

pdf::Document receipt_document(const Receipt& r) {
    const bool zh = r.lang == "zh";
    pdf::Document doc;
    doc.title = (zh ? "现场销售小票 · " : "On-site sale receipt · ") + r.event_name;
    pdf::Page page;
    page.blocks.emplace_back(pdf::Heading{doc.title});
    const std::string buyer = r.walk_in ? (zh ? "现场零售散客" : "Walk-in customer") : r.buyer_name;
    page.blocks.emplace_back(pdf::Paragraph{(zh ? "会场：" : "Venue: ") + r.venue + (zh ? "　展位：" : "   Booth: ") + r.booth});
    page.blocks.emplace_back(pdf::Paragraph{(zh ? "卖方：" : "Seller: ") + r.seller_name});
    page.blocks.emplace_back(pdf::Paragraph{(zh ? "买方：" : "Buyer: ") + buyer});
    page.blocks.emplace_back(pdf::Paragraph{(zh ? "单号：" : "Order: ") + r.order_id});
    page.blocks.emplace_back(pdf::Paragraph{(zh ? "时间（北京时间）：" : "Time (Beijing): ") + beijing_time(r.created_at_ms)});
    pdf::Table table;
    table.header = zh ? std::vector<std::string>{"#", "品名", "等级", "数量", "单价", "金额"}
                      : std::vector<std::string>{"#", "Product", "Grade", "Quantity", "Unit price", "Amount"};
    table.weights = {1, 6, 2, 3, 4, 4};
    for (const auto& line : r.lines) {
        const std::string unit = unit_name(line.unit, zh);
        table.rows.push_back({std::to_string(line.line_no), line.product_name, line.grade,
                              std::to_string(line.quantity) + " " + unit, Money{line.unit_price_fen}.format() + "/" + unit,
                              Money{line.amount_fen}.format()});
    }
    page.blocks.emplace_back(std::move(table));
    page.blocks.emplace_back(pdf::Heading{(zh ? "合计：" : "Total: ") + Money{r.total_fen}.format()});
    page.blocks.emplace_back(pdf::Paragraph{zh ? "喀沪通 · 上海—喀什对口援建平台" : "Kashlink · Shanghai–Kashgar paired-assistance platform", true});
    doc.pages.push_back(std::move(page));
    return doc;
}

}  // namespace kl::fair
