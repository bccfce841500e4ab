#pragma once
// Sheets for the exchange tests: a few organisations and products written by hand in the documented
// notation (README "Import and export"), so the tests check the format itself, not only a round trip.

#include <string>
#include <utility>
#include <vector>

#include "catalog/credit_code.h"
#include "core/error.h"

namespace kl::test {

// Problems as (field, message) pairs, to compare whole lists in one expectation.
using Problems = std::vector<std::pair<std::string, std::string>>;

inline Problems problems_of(const std::vector<FieldError>& errors) {
    Problems out;
    for (const auto& error : errors) out.emplace_back(error.field, error.message);
    return out;
}

inline std::string credit_code_for(const std::string& first17) {
    auto code = catalog::complete_credit_code(first17);
    return code ? *code : "";
}

struct SheetCodes {
    std::string almonds = credit_code_for("91653125MA7C3X5K1");   // enterprise, Shache
    std::string walnuts = credit_code_for("93653126MA7C3X5K2");   // cooperative, Yecheng
    std::string workshop = credit_code_for("92653125MA7C3X5K3");  // family workshop, Shache
    std::string market = credit_code_for("91310115MA1K3X5K4");    // buyer, Pudong
};

inline std::string organisations_sheet(const SheetCodes& c) {
    return "credit_code,name,name_en,kind,county,district,channel,contact_name,contact_phone,address,supplies_to\r\n" +
           c.almonds + ",莎车县测试巴旦木有限公司,Shache Test Almonds,enterprise,shache,,,艾力·吐尔逊,0998-6612345,莎车县,\r\n" +
           c.walnuts + ",叶城县测试核桃合作社,Yecheng Test Walnut Cooperative,cooperative,yecheng,,,,,,\r\n" +
           c.workshop + ",阿瓦提镇艾力家庭作坊,Ali Family Workshop,family_workshop,shache,,,,,,\"" + c.almonds +
           ":1500; " + c.walnuts + ":500\"\r\n" +
           ",米夏乡3村买买提户,Memet household,household,shache,,,,,," + c.almonds + ":300\r\n" + c.market +
           ",测试超市,\"Test Supermarket, Pudong\",buyer,,pudong,supermarket,王伟,021-55556666,\"上海市浦东新区, 1号\",\r\n";
}

inline std::string products_header() {
    std::string header =
        "producer_credit_code,code,name_zh,name_en,category_id,unit_kind,unit_net_g,status,packaging_type,"
        "packaging_net_g,packaging_materials,storage_temp_min_c,storage_temp_max_c,storage_humidity_min_pct,"
        "storage_humidity_max_pct,shelf_life_days,cold_chain,channels,min_order_quantity";
    for (int k = 1; k <= 2; ++k) {
        const std::string g = "grade" + std::to_string(k) + "_";
        header += "," + g + "code," + g + "name_zh," + g + "name_en," + g + "criteria," + g + "price_fen," + g + "tiers";
    }
    return header + "\r\n";
}

// Row 2: a product with a two-grade standard; row 3: a draft without one; row 4: the cooperative's.
inline std::vector<std::string> product_rows(const SheetCodes& c) {
    return {
        c.almonds + ",ALM-001,莎车纸皮巴旦木 500克,\"Shache almonds, 500 g\",nuts_dried_fruit,piece,500,active,bag,500,"
                    "PE复合膜 PE film,0.0,20.0,40,65,365,ambient,wholesale; ecommerce,20,S,特级,Premium,"
                    "length_mm>=28; kernel_rate_pct_x10=550..700,4200,100:4000; 400:3800,A,一级,First grade,"
                    "length_mm=25..27,3600,100:3450\r\n",
        c.almonds + ",ALM-002,巴旦木仁,Almond kernels,nuts_dried_fruit,kg,,draft,,,,,,,,,,,,,,,,,,,,,,,\r\n",
        c.walnuts + ",WAL-001,叶城核桃,Yecheng walnuts,nuts_dried_fruit,box,5000,active,carton,5000,"
                    "瓦楞纸箱 corrugated board,-1.5,20.0,40,65,365,ambient,fair_intent,10,A,一级,First grade,"
                    "diameter_mm>=30,18000,,,,,,,\r\n",
    };
}

inline std::string products_sheet(const SheetCodes& c) {
    std::string sheet = products_header();
    for (const auto& row : product_rows(c)) sheet += row;
    return sheet;
}

}  // namespace kl::test
