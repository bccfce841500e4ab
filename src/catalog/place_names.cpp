#include "catalog/place_names.h"

namespace kl::catalog {
namespace {

using Names = std::map<std::string, sheets::LocalName, std::less<>>;

Names sales_channel_names() {
    return {{"fair_intent", {"展会意向订单", "Fair: intended orders"}},
            {"fair_onsite", {"展会现场销售", "Fair: on-site sales"}},
            {"wholesale", {"批发", "Wholesale"}},
            {"supermarket", {"商超", "Supermarkets"}},
            {"ecommerce", {"电商", "E-commerce"}},
            {"livestream", {"直播带货", "Livestream sales"}},
            {"canteen", {"单位食堂", "Canteens"}},
            {"vending_counter", {"帮扶专柜与售货机", "Aid counters and vending machines"}}};
}

Names buyer_channel_names() {
    return {{"wholesale_market", {"批发市场", "Wholesale market"}},
            {"supermarket", {"商超", "Supermarket"}},
            {"ecommerce", {"电商平台", "E-commerce platform"}},
            {"fresh_market", {"菜市场", "Fresh market"}},
            {"cooperative", {"供销合作社", "Supply and marketing cooperative"}},
            {"group_dining", {"团餐与供应链", "Group dining and supply chain"}},
            {"vending_counter", {"帮扶专柜与售货机", "Aid counters and vending machines"}},
            {"budget_unit", {"预算单位", "Budget unit"}}};
}

}  // namespace

Result<sheets::CodeNames> export_code_names(ReferenceData& reference, ChannelColumn channel) {
    sheets::CodeNames out;
    KL_TRY_ASSIGN(auto counties, reference.counties());
    for (const auto& county : counties) out["county"][county.code] = {county.name_zh, county.name_en};
    KL_TRY_ASSIGN(auto districts, reference.districts());
    for (const auto& district : districts) out["district"][district.code] = {district.name_zh, district.name_en};
    out["channel"] = channel == ChannelColumn::sales_channel ? sales_channel_names() : buyer_channel_names();
    return out;
}

}  // namespace kl::catalog
