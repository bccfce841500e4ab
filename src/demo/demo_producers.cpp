// The producers of the demo: the four counties, what is made there (families of products with their
// storage, prices and packs) and the 36 enterprises and cooperatives of the 2024 fair.
#include <map>

#include "core/assert.h"
#include "demo/demo_data.h"

namespace kl::demo {

namespace {

using catalog::ColdChain;
using catalog::PackagingType;
using catalog::UnitKind;

// ---- storage (temperature in tenths of °C, humidity %, shelf life days, cold chain) ----------------
constexpr StorageFacts melon_storage{30, 80, 80, 90, 25, ColdChain::chilled_0_10};
constexpr StorageFacts fig_storage{0, 20, 90, 95, 7, ColdChain::chilled_0_4};
constexpr StorageFacts apricot_storage{0, 20, 90, 95, 14, ColdChain::chilled_0_4};
constexpr StorageFacts pomegranate_storage{50, 70, 90, 95, 60, ColdChain::chilled_0_10};
constexpr StorageFacts apple_storage{0, 20, 90, 95, 120, ColdChain::chilled_0_4};
constexpr StorageFacts pear_storage{-10, 10, 90, 95, 150, ColdChain::chilled_0_4};
constexpr StorageFacts grape_storage{-10, 0, 90, 95, 45, ColdChain::chilled_0_4};
constexpr StorageFacts nut_storage{0, 200, 40, 65, 365, ColdChain::ambient};
constexpr StorageFacts kernel_storage{0, 150, 40, 60, 270, ColdChain::ambient};
constexpr StorageFacts dried_storage{0, 250, 40, 60, 365, ColdChain::ambient};
constexpr StorageFacts grain_storage{50, 250, 40, 65, 540, ColdChain::ambient};
constexpr StorageFacts oil_storage{50, 250, 30, 70, 540, ColdChain::ambient};
constexpr StorageFacts confection_storage{50, 250, 40, 60, 180, ColdChain::ambient};
constexpr StorageFacts tea_storage{0, 250, 30, 60, 730, ColdChain::ambient};
constexpr StorageFacts fresh_juice_storage{0, 40, 30, 80, 21, ColdChain::chilled_0_4};
constexpr StorageFacts juice_storage{50, 250, 30, 80, 365, ColdChain::ambient};
constexpr StorageFacts frozen_storage{-220, -180, 85, 95, 365, ColdChain::frozen_minus18};
constexpr StorageFacts chilled_meat_storage{-10, 40, 85, 95, 10, ColdChain::chilled_0_4};
constexpr StorageFacts powder_storage{50, 250, 30, 65, 540, ColdChain::ambient};
constexpr StorageFacts yoghurt_storage{20, 60, 30, 80, 21, ColdChain::chilled_0_10};
constexpr StorageFacts textile_storage{50, 350, 30, 70, 1825, ColdChain::ambient};
constexpr StorageFacts craft_storage{0, 350, 30, 70, 3650, ColdChain::ambient};
constexpr StorageFacts cosmetic_storage{50, 300, 30, 70, 1095, ColdChain::ambient};
constexpr StorageFacts jewel_storage{0, 400, 0, 80, 3650, ColdChain::ambient};

// ---- packs ----------------------------------------------------------------------------------------
Pack box(int64_t g, PackagingType type, const char* zh, const char* en) {
    return Pack{{zh, en}, UnitKind::box, g, type, g, 100};
}
Pack piece(int64_t g, PackagingType type, const char* zh, const char* en) {
    return Pack{{zh, en}, UnitKind::piece, g, type, g, 100};
}
Pack loose(UnitKind unit, int64_t package_g, PackagingType type, const char* zh, const char* en) {
    return Pack{{zh, en}, unit, unit == UnitKind::jin ? 500 : 1000, type, package_g, 100};
}
// A piece not sold by weight, in a size priced at `price_pct` % of the family's price.
Pack item(int64_t package_g, int64_t price_pct, const char* zh, const char* en) {
    return Pack{{zh, en}, UnitKind::piece, 0, PackagingType::gift_box, package_g, price_pct};
}

std::vector<Pack> fruit_packs() {
    return {box(2500, PackagingType::carton, "2.5公斤箱装", "2.5 kg carton"),
            box(5000, PackagingType::carton, "5公斤箱装", "5 kg carton"),
            box(10000, PackagingType::carton, "10公斤箱装", "10 kg carton"),
            box(3000, PackagingType::gift_box, "3公斤礼盒", "3 kg gift box"),
            loose(UnitKind::kg, 15000, PackagingType::crate, "散装（按公斤）", "loose, per kg")};
}
std::vector<Pack> melon_packs() {
    return {box(10000, PackagingType::carton, "10公斤箱装", "10 kg carton"),
            box(15000, PackagingType::carton, "15公斤箱装", "15 kg carton"),
            box(5000, PackagingType::gift_box, "5公斤礼盒", "5 kg gift box"),
            loose(UnitKind::kg, 20000, PackagingType::crate, "散装（按公斤）", "loose, per kg")};
}
std::vector<Pack> fig_packs() {
    return {box(500, PackagingType::tray, "500克托盒", "500 g tray"),
            box(1000, PackagingType::gift_box, "1公斤礼盒", "1 kg gift box"),
            box(2000, PackagingType::carton, "2公斤箱装", "2 kg carton")};
}
std::vector<Pack> nut_packs() {
    return {piece(500, PackagingType::bag, "500克袋装", "500 g bag"),
            piece(250, PackagingType::vacuum_bag, "250克真空装", "250 g vacuum pack"),
            box(1000, PackagingType::gift_box, "1公斤礼盒", "1 kg gift box"),
            box(5000, PackagingType::carton, "5公斤箱装", "5 kg carton"),
            loose(UnitKind::jin, 25000, PackagingType::bulk, "散装（按斤）", "loose, per jin")};
}
std::vector<Pack> dried_packs() {
    return {piece(250, PackagingType::bag, "250克袋装", "250 g bag"),
            piece(500, PackagingType::bag, "500克袋装", "500 g bag"),
            box(1000, PackagingType::gift_box, "1公斤礼盒", "1 kg gift box"),
            box(5000, PackagingType::carton, "5公斤箱装", "5 kg carton")};
}
std::vector<Pack> grain_packs() {
    return {piece(1000, PackagingType::bag, "1公斤袋装", "1 kg bag"),
            piece(2500, PackagingType::bag, "2.5公斤袋装", "2.5 kg bag"),
            piece(5000, PackagingType::bag, "5公斤袋装", "5 kg bag"),
            box(25000, PackagingType::bulk, "25公斤编织袋", "25 kg sack")};
}
std::vector<Pack> oil_packs() {
    return {piece(230, PackagingType::bottle, "250毫升瓶装", "250 ml bottle"),
            piece(460, PackagingType::bottle, "500毫升瓶装", "500 ml bottle"),
            box(920, PackagingType::gift_box, "500毫升×2礼盒", "2 × 500 ml gift box")};
}
std::vector<Pack> confection_packs() {
    return {piece(200, PackagingType::bag, "200克袋装", "200 g bag"),
            box(400, PackagingType::gift_box, "400克礼盒", "400 g gift box"),
            box(1000, PackagingType::gift_box, "1公斤礼盒", "1 kg gift box"),
            box(5000, PackagingType::carton, "5公斤箱装（批发）", "5 kg carton (wholesale)")};
}
std::vector<Pack> tea_packs() {
    return {piece(50, PackagingType::bag, "50克袋装", "50 g bag"),
            piece(100, PackagingType::jar, "100克罐装", "100 g tin"),
            box(250, PackagingType::gift_box, "250克礼盒", "250 g gift box")};
}
std::vector<Pack> juice_packs() {
    return {piece(310, PackagingType::bottle, "300毫升瓶装", "300 ml bottle"),
            box(3720, PackagingType::carton, "300毫升×12箱", "12 × 300 ml carton"),
            piece(1030, PackagingType::bottle, "1升瓶装", "1 l bottle")};
}
std::vector<Pack> meat_packs() {
    return {piece(1000, PackagingType::vacuum_bag, "1公斤真空装", "1 kg vacuum pack"),
            box(5000, PackagingType::carton, "5公斤箱装", "5 kg carton"),
            loose(UnitKind::kg, 10000, PackagingType::carton, "按公斤（10公斤箱）", "per kg (10 kg carton)")};
}
std::vector<Pack> powder_packs() {
    return {piece(300, PackagingType::jar, "300克罐装", "300 g tin"),
            piece(500, PackagingType::bag, "500克袋装", "500 g bag"),
            box(1000, PackagingType::gift_box, "500克×2礼盒", "2 × 500 g gift box")};
}
std::vector<Pack> yoghurt_packs() {
    return {piece(1000, PackagingType::jar, "1公斤桶装", "1 kg tub"),
            box(2400, PackagingType::carton, "200克×12箱", "12 × 200 g carton")};
}
std::vector<Pack> quilt_packs() {
    return {piece(2000, PackagingType::bag, "2公斤（150×200厘米）", "2 kg (150 × 200 cm)"),
            piece(3000, PackagingType::bag, "3公斤（200×230厘米）", "3 kg (200 × 230 cm)"),
            box(4500, PackagingType::gift_box, "4.5公斤礼盒", "4.5 kg gift box")};
}
std::vector<Pack> towel_packs() {
    return {piece(120, PackagingType::bag, "单条装", "single"),
            box(600, PackagingType::gift_box, "5条礼盒", "gift box of 5")};
}
std::vector<Pack> garment_packs() {
    return {piece(250, PackagingType::bag, "单件装", "single"),
            box(1000, PackagingType::gift_box, "4件礼盒", "gift box of 4")};
}
std::vector<Pack> craft_packs() {
    return {item(500, 60, "小号", "small"), item(900, 100, "中号", "medium"), item(1600, 180, "大号", "large")};
}
std::vector<Pack> cosmetic_packs() {
    return {piece(50, PackagingType::jar, "50克", "50 g"),
            piece(100, PackagingType::bottle, "100毫升", "100 ml"),
            box(300, PackagingType::gift_box, "礼盒套装", "gift set")};
}
std::vector<Pack> diamond_packs() {
    return {item(50, 100, "证书礼盒装", "certificated, gift box"), item(30, 85, "简装", "plain box")};
}
std::vector<Pack> setting_packs() {
    return {item(80, 100, "18K金镶嵌", "18K gold setting"), item(60, 45, "925银镶嵌", "925 silver setting")};
}

using V = std::vector<Names>;

// What the four counties make, after seed-facts.md (Shache almonds, Yecheng walnuts and the Qiaoling
// walnut rice cake, Bachu melons, quinoa and mushrooms, Zepu apricots, figs, cotton, crafts…).
// Prices are the best grade's, in fen per kg (or per piece for pieces not sold by weight).
const std::vector<Family>& families() {
    static const std::vector<Family> all = {
        {"LXG", "fresh_fruit", {"巴楚留香瓜", "Bachu Liuxiang melons"}, Scheme::melon, melon_storage, 1600,
         V{{"精选", "selected"}, {"有机", "organic"}, {"产地直发", "direct from origin"}}, melon_packs()},
        {"KKB", "fresh_fruit", {"库克拜绿肉甜瓜", "Cookbai green-flesh melons"}, Scheme::melon, melon_storage, 1400,
         V{{"精选", "selected"}, {"有机", "organic"}, {"产地直发", "direct from origin"}}, melon_packs()},
        {"FIG", "fresh_fruit", {"阿图什品种无花果", "Atushi-variety figs"}, Scheme::fig, fig_storage, 5000,
         V{{"青皮", "green-skin"}, {"紫皮", "purple-skin"}, {"有机", "organic"}}, fig_packs()},
        {"APR", "fresh_fruit", {"鲜杏", "fresh apricots"}, Scheme::apricot, apricot_storage, 2400,
         V{{"小白杏", "small white"}, {"树上干杏", "tree-ripened"}, {"赛买提杏", "Saimaiti"}}, fruit_packs()},
        {"POM", "fresh_fruit", {"石榴", "pomegranates"}, Scheme::pomegranate, pomegranate_storage, 1800,
         V{{"甜石榴", "sweet"}, {"酸甜石榴", "sweet-sour"}, {"软籽石榴", "soft-seed"}}, fruit_packs()},
        {"APL", "fresh_fruit", {"苹果", "apples"}, Scheme::apple, apple_storage, 1400,
         V{{"冰糖心", "ice-sugar heart"}, {"红富士", "Red Fuji"}, {"有机", "organic"}}, fruit_packs()},
        {"PER", "fresh_fruit", {"香梨", "fragrant pears"}, Scheme::pear, pear_storage, 1600,
         V{{"精品", "premium"}, {"有机", "organic"}, {"产地直发", "direct from origin"}}, fruit_packs()},
        {"GRP", "fresh_fruit", {"葡萄", "grapes"}, Scheme::grape, grape_storage, 2000,
         V{{"黑葡萄", "black"}, {"无核白", "seedless white"}, {"红提", "red globe"}}, fruit_packs()},
        {"WAL", "nuts_dried_fruit", {"核桃", "walnuts in shell"}, Scheme::walnut_shell, nut_storage, 3600,
         V{{"薄皮185", "thin-shell 185"}, {"温185", "Wen 185"}, {"新丰", "Xinfeng"}, {"原味", "natural"}}, nut_packs()},
        {"WKN", "nuts_dried_fruit", {"核桃仁", "walnut kernels"}, Scheme::kernel, kernel_storage, 9000,
         V{{"原味", "natural"}, {"琥珀", "amber honey-glazed"}, {"椒盐", "salt and pepper"}}, nut_packs()},
        {"ALM", "nuts_dried_fruit", {"纸皮巴旦木", "paper-shell almonds"}, Scheme::almond_shell, nut_storage, 7000,
         V{{"原味", "natural"}, {"奶香", "milk-flavoured"}, {"椒盐", "salt and pepper"}}, nut_packs()},
        {"AKN", "nuts_dried_fruit", {"巴旦木仁", "almond kernels"}, Scheme::kernel, kernel_storage, 15000,
         V{{"原味", "natural"}, {"烘烤", "roasted"}, {"蜂蜜", "honey"}}, nut_packs()},
        {"DAP", "nuts_dried_fruit", {"杏干", "dried apricots"}, Scheme::dried_fruit, dried_storage, 6000,
         V{{"原味", "natural"}, {"杏脯", "candied"}, {"包仁杏", "kernel-stuffed"}}, dried_packs()},
        {"RSN", "nuts_dried_fruit", {"葡萄干", "raisins"}, Scheme::raisin, dried_storage, 4000,
         V{{"绿香妃", "green Xiangfei"}, {"黑加仑", "black currant"}, {"玫瑰红", "rose red"}, {"无核白", "seedless white"}},
         dried_packs()},
        {"DTE", "nuts_dried_fruit", {"红枣", "red dates"}, Scheme::dried_fruit, dried_storage, 4000,
         V{{"骏枣", "Jun"}, {"灰枣", "Hui"}, {"免洗", "ready-washed"}}, dried_packs()},
        {"DFG", "nuts_dried_fruit", {"无花果干", "dried figs"}, Scheme::dried_fruit, dried_storage, 8000,
         V{{"原味", "natural"}, {"无添加", "no additives"}}, dried_packs()},
        {"QNA", "grain_oil", {"藜麦", "quinoa"}, Scheme::grain, grain_storage, 3000,
         V{{"白藜麦", "white"}, {"红藜麦", "red"}, {"三色藜麦", "tricolour"}}, grain_packs()},
        {"RCE", "grain_oil", {"大米", "rice"}, Scheme::grain, grain_storage, 1000,
         V{{"粳米", "japonica"}, {"香米", "fragrant"}}, grain_packs()},
        {"FLR", "grain_oil", {"面粉", "wheat flour"}, Scheme::grain, grain_storage, 800,
         V{{"特一粉", "premium"}, {"全麦粉", "whole-wheat"}}, grain_packs()},
        {"WOL", "grain_oil", {"核桃油", "walnut oil"}, Scheme::oil, oil_storage, 20000,
         V{{"冷榨", "cold-pressed"}, {"儿童", "for children"}}, oil_packs()},
        {"AOL", "grain_oil", {"巴旦木油", "almond oil"}, Scheme::oil, oil_storage, 26000,
         V{{"冷榨", "cold-pressed"}, {"甜杏仁油", "sweet almond"}}, oil_packs()},
        {"WRC", "processed_food", {"巧玲核桃米糕", "Qiaoling walnut rice cake"}, Scheme::confection, confection_storage,
         12000, V{{"原味", "original"}, {"玫瑰", "rose"}, {"枸杞", "goji"}, {"红枣", "red date"}}, confection_packs()},
        {"MRN", "processed_food", {"玛仁糖", "maren nut brittle"}, Scheme::confection, confection_storage, 10000,
         V{{"核桃", "walnut"}, {"巴旦木", "almond"}, {"混合果仁", "mixed nut"}}, confection_packs()},
        {"JAM", "processed_food", {"杏酱", "apricot jam"}, Scheme::confection, confection_storage, 6000,
         V{{"原味", "natural"}, {"低糖", "low-sugar"}}, confection_packs()},
        {"QSN", "processed_food", {"藜麦零食", "quinoa snacks"}, Scheme::confection, confection_storage, 8000,
         V{{"藜麦酥", "crisps"}, {"藜麦棒", "bars"}}, confection_packs()},
        {"MSH", "processed_food", {"巴楚蘑菇干", "dried Bachu mushrooms"}, Scheme::dried_fruit, dried_storage, 120000,
         V{{"特选", "select"}, {"原生", "wild-grown"}}, tea_packs()},
        {"LBM", "tea_drinks", {"罗布麻茶", "Apocynum (luobuma) tea"}, Scheme::tea, tea_storage, 60000,
         V{{"红麻", "red"}, {"白麻", "white"}, {"袋泡", "tea bags"}, {"花茶", "flower blend"}}, tea_packs()},
        {"AKD", "tea_drinks", {"杏仁露", "apricot kernel drink"}, Scheme::juice, juice_storage, 1200,
         V{{"原味", "original"}, {"低糖", "low-sugar"}}, juice_packs()},
        {"PJN", "tea_drinks", {"NFC石榴汁", "NFC pomegranate juice"}, Scheme::juice, fresh_juice_storage, 4000,
         V{{"鲜榨", "fresh-pressed"}, {"冷链", "cold-chain"}}, juice_packs()},
        {"PJB", "tea_drinks", {"石榴汁饮料", "pomegranate juice drink"}, Scheme::juice, juice_storage, 2000,
         V{{"原汁", "pure"}, {"复合", "blend"}}, juice_packs()},
        {"LMF", "meat_dairy", {"冷冻羊肉", "frozen lamb"}, Scheme::meat, frozen_storage, 9000,
         V{{"羊腿", "leg"}, {"羊排", "rack"}, {"羊肉卷", "rolls"}}, meat_packs()},
        {"LMC", "meat_dairy", {"冷鲜羊肉", "chilled lamb"}, Scheme::meat, chilled_meat_storage, 10000,
         V{{"羊腿", "leg"}, {"羊排", "rack"}}, meat_packs()},
        {"BFF", "meat_dairy", {"冷冻牛肉", "frozen beef"}, Scheme::meat, frozen_storage, 10000,
         V{{"牛腩", "brisket"}, {"牛腱", "shank"}}, meat_packs()},
        {"CMP", "meat_dairy", {"驼奶粉", "camel milk powder"}, Scheme::dairy, powder_storage, 100000,
         V{{"全脂", "whole"}, {"益生菌", "probiotic"}}, powder_packs()},
        {"YGT", "meat_dairy", {"老酸奶", "set yoghurt"}, Scheme::dairy, yoghurt_storage, 3000,
         V{{"原味", "plain"}, {"无蔗糖", "no added sugar"}}, yoghurt_packs()},
        {"CQT", "cotton_textiles", {"喀什优质棉被", "Kashgar Premium Cotton quilt"}, Scheme::textile, textile_storage,
         15000, V{{"春秋被", "spring/autumn"}, {"冬被", "winter"}, {"子母被", "all-season"}}, quilt_packs()},
        {"CTW", "cotton_textiles", {"长绒棉毛巾", "long-staple cotton towels"}, Scheme::textile, textile_storage, 10000,
         V{{"面巾", "face"}, {"浴巾", "bath"}, {"方巾", "hand"}}, towel_packs()},
        {"CSH", "cotton_textiles", {"长绒棉衬衫", "long-staple cotton shirts"}, Scheme::textile, textile_storage, 30000,
         V{{"男款", "men's"}, {"女款", "women's"}, {"儿童款", "children's"}}, garment_packs()},
        {"EGM", "cotton_textiles", {"民族服饰", "ethnic garments"}, Scheme::textile, textile_storage, 60000,
         V{{"艾德莱斯绸连衣裙", "Atlas silk dress"}, {"刺绣马甲", "embroidered vest"}, {"花帽", "doppa cap"}},
         garment_packs()},
        {"EMB", "handicrafts_culture", {"手工刺绣", "hand embroidery"}, Scheme::craft, craft_storage, 30000,
         V{{"挂毯", "wall hanging"}, {"抱枕", "cushion"}, {"手包", "clutch"}}, craft_packs()},
        {"CPR", "handicrafts_culture", {"非遗铜器", "heritage copperware"}, Scheme::craft, craft_storage, 68000,
         V{{"铜壶", "ewer"}, {"铜盘", "tray"}, {"铜碗", "bowl"}}, craft_packs()},
        {"WDC", "handicrafts_culture", {"非遗木雕", "heritage wood carving"}, Scheme::craft, craft_storage, 45000,
         V{{"木雕碗", "bowl"}, {"首饰盒", "jewellery box"}, {"摆件", "ornament"}}, craft_packs()},
        {"MQM", "handicrafts_culture", {"十二木卡姆文创", "Twelve Muqam creative goods"}, Scheme::craft, craft_storage,
         12000, V{{"冰箱贴", "fridge magnets"}, {"帆布包", "tote bag"}, {"笔记本", "notebook"}, {"热瓦甫模型", "rawap model"}},
         craft_packs()},
        {"COS", "cosmetics", {"巴旦木护肤品", "almond skin care"}, Scheme::cosmetic, cosmetic_storage, 120000,
         V{{"护手霜", "hand cream"}, {"面霜", "face cream"}, {"精华油", "serum oil"}, {"润唇膏", "lip balm"}},
         cosmetic_packs()},
        {"CVD", "jewellery", {"培育钻石", "lab-grown (CVD) diamonds"}, Scheme::diamond, jewel_storage, 300000,
         V{{"白钻", "colourless"}, {"彩钻", "fancy colour"}, {"异形钻", "fancy cut"}}, diamond_packs()},
        {"DJW", "jewellery", {"培育钻石首饰", "lab-grown diamond jewellery"}, Scheme::diamond, jewel_storage, 500000,
         V{{"吊坠", "pendant"}, {"戒指", "ring"}, {"耳钉", "earrings"}}, setting_packs()},
    };
    return all;
}

}  // namespace

const Family& family(const std::string& sku) {
    static const std::map<std::string, const Family*> index = [] {
        std::map<std::string, const Family*> out;
        for (const auto& f : families()) out[f.sku] = &f;
        return out;
    }();
    auto found = index.find(sku);
    KL_ASSERT(found != index.end());
    return *found->second;
}

const std::vector<CountyFacts>& county_facts() {
    static const std::vector<CountyFacts> all = {
        {"shache", "653125", {"莎车县", "Shache"}, "SC", "0998-",
         {{"阿瓦提镇", "Awati"}, {"艾力西湖镇", "Elixhu"}, {"荒地镇", "Huangdi"}, {"米夏乡", "Mixia"},
          {"托木吾斯塘乡", "Tomustang"}, {"恰热克镇", "Qarek"}}},
        {"zepu", "653124", {"泽普县", "Zepu"}, "ZP", "0998-",
         {{"波斯喀木乡", "Poskam"}, {"赛力乡", "Seyli"}, {"依克苏乡", "Yiksu"}, {"奎依巴格乡", "Koybagh"},
          {"古勒巴格乡", "Gulbagh"}}},
        {"yecheng", "653126", {"叶城县", "Yecheng"}, "YC", "0998-",
         {{"依力克其乡", "Ilikchi"}, {"乌夏巴什镇", "Ushabash"}, {"洛克乡", "Lok"}, {"伯西热克乡", "Bexirek"},
          {"萨依巴格乡", "Saybagh"}}},
        {"bachu", "653130", {"巴楚县", "Bachu"}, "BC", "0998-",
         {{"色力布亚镇", "Serbuya"}, {"三岔口镇", "Sanchakou"}, {"琼库尔恰克乡", "Qongkurchak"}, {"阿拉格尔乡", "Alagir"},
          {"多来提巴格乡", "Dolatbagh"}}},
    };
    return all;
}

const CountyFacts& county_of(const std::string& code) {
    for (const auto& county : county_facts()) {
        if (county.code == code) return county;
    }
    KL_ASSERT(false && "a county of the demo");
    return county_facts().front();
}

// The 36 exhibitors of the 2024 fair, nine per county.
const std::vector<EnterpriseFacts>& enterprise_facts() {
    using access::OrgKind;
    static const std::vector<EnterpriseFacts> all = {
        {{"莎车县巴旦木产业发展有限公司", "Shache Almond Industry Development Co."}, "shache", OrgKind::enterprise, {"ALM", "AKN", "AOL"}, ""},
        {{"莎车县阿瓦提镇巴旦木种植专业合作社", "Shache Awati Almond Growers' Cooperative"}, "shache", OrgKind::cooperative, {"ALM", "WAL"}, ""},
        {{"莎车县香梨果业有限公司", "Shache Fragrant Pear Fruit Co."}, "shache", OrgKind::enterprise, {"PER", "POM"}, ""},
        {{"莎车县丝路果干食品有限公司", "Shache Silk Road Dried Fruit Foods Co."}, "shache", OrgKind::enterprise, {"DAP", "RSN", "DTE"}, ""},
        {{"莎车县木卡姆文化创意有限公司", "Shache Muqam Cultural and Creative Co."}, "shache", OrgKind::enterprise, {"MQM", "EMB"}, ""},
        {{"莎车县铜器非遗手工艺专业合作社", "Shache Copperware Heritage Crafts Cooperative"}, "shache", OrgKind::cooperative, {"CPR", "WDC"}, ""},
        {{"莎车县巴旦木美妆科技有限公司", "Shache Almond Beauty Technology Co."}, "shache", OrgKind::enterprise, {"COS", "AOL"}, ""},
        {{"莎车县喀什优质棉纺织有限公司", "Shache Kashgar Premium Cotton Textiles Co."}, "shache", OrgKind::enterprise, {"CQT", "CTW"}, ""},
        {{"莎车县石榴饮品有限公司", "Shache Pomegranate Beverages Co."}, "shache", OrgKind::enterprise, {"PJN", "PJB", "POM"}, ""},
        {{"泽普县杏产业开发有限公司", "Zepu Apricot Industry Co."}, "zepu", OrgKind::enterprise, {"APR", "DAP"}, ""},
        {{"泽普县波斯喀木乡林果专业合作社", "Zepu Poskam Orchard Cooperative"}, "zepu", OrgKind::cooperative, {"APR", "APL"}, ""},
        {{"泽普县金湖杨果业有限公司", "Zepu Jinhuyang Fruit Co."}, "zepu", OrgKind::enterprise, {"APL", "PER", "GRP"}, ""},
        {{"泽普县核桃加工有限公司", "Zepu Walnut Processing Co."}, "zepu", OrgKind::enterprise, {"WAL", "WKN", "WOL"}, ""},
        {{"泽普县长寿乡食品有限公司", "Zepu Longevity Foods Co."}, "zepu", OrgKind::enterprise, {"JAM", "AKD", "DAP"}, ""},
        {{"泽普县罗布麻茶业有限公司", "Zepu Apocynum Tea Co."}, "zepu", OrgKind::enterprise, {"LBM", "AKD"}, ""},
        {{"泽普县畜牧养殖专业合作社", "Zepu Livestock Cooperative"}, "zepu", OrgKind::cooperative, {"LMF", "LMC"}, ""},
        {{"泽普县民族服饰刺绣有限公司", "Zepu Ethnic Garment and Embroidery Co."}, "zepu", OrgKind::enterprise, {"EGM", "EMB"}, ""},
        {{"泽普县红枣产业有限公司", "Zepu Red Date Co."}, "zepu", OrgKind::enterprise, {"DTE", "JAM"}, ""},
        {{"叶城巧玲核桃食品有限公司", "Yecheng Qiaoling Walnut Foods Co."}, "yecheng", OrgKind::enterprise, {"WRC", "WKN", "WAL"}, "yecheng_producer"},
        {{"叶城县核桃产业集团有限公司", "Yecheng Walnut Industry Group"}, "yecheng", OrgKind::enterprise, {"WAL", "WKN", "WOL"}, ""},
        {{"叶城县依力克其乡核桃种植专业合作社", "Yecheng Ilikchi Walnut Growers' Cooperative"}, "yecheng", OrgKind::cooperative, {"WAL", "WKN"}, ""},
        {{"叶城县石榴果业有限公司", "Yecheng Pomegranate Fruit Co."}, "yecheng", OrgKind::enterprise, {"POM", "PJN"}, ""},
        {{"叶城县玛仁糖食品有限公司", "Yecheng Maren Nut Brittle Foods Co."}, "yecheng", OrgKind::enterprise, {"MRN", "WKN"}, ""},
        {{"叶城县牛羊肉食品有限公司", "Yecheng Beef and Mutton Foods Co."}, "yecheng", OrgKind::enterprise, {"LMF", "BFF"}, ""},
        {{"叶城县骆驼奶乳业有限公司", "Yecheng Camel Dairy Co."}, "yecheng", OrgKind::enterprise, {"CMP", "YGT"}, ""},
        {{"叶城县木雕工艺品有限公司", "Yecheng Wood Carving Crafts Co."}, "yecheng", OrgKind::enterprise, {"WDC", "CPR"}, ""},
        {{"叶城县培育钻石科技有限公司", "Yecheng Lab-Grown Diamond Technology Co."}, "yecheng", OrgKind::enterprise, {"CVD", "DJW"}, ""},
        {{"巴楚县留香瓜产业有限公司", "Bachu Liuxiang Melon Industry Co."}, "bachu", OrgKind::enterprise, {"LXG", "KKB"}, ""},
        {{"巴楚县色力布亚镇甜瓜种植专业合作社", "Bachu Serbuya Melon Growers' Cooperative"}, "bachu", OrgKind::cooperative, {"LXG", "KKB"}, ""},
        {{"巴楚县藜麦农业科技有限公司", "Bachu Quinoa Agricultural Technology Co."}, "bachu", OrgKind::enterprise, {"QNA", "QSN"}, ""},
        {{"巴楚县无花果种植专业合作社", "Bachu Fig Growers' Cooperative"}, "bachu", OrgKind::cooperative, {"FIG", "DFG"}, ""},
        {{"巴楚县葡萄干加工有限公司", "Bachu Raisin Processing Co."}, "bachu", OrgKind::enterprise, {"GRP", "RSN"}, ""},
        {{"巴楚县蘑菇食品有限公司", "Bachu Mushroom Foods Co."}, "bachu", OrgKind::enterprise, {"MSH", "QNA"}, ""},
        {{"巴楚县粮油有限公司", "Bachu Grain and Oil Co."}, "bachu", OrgKind::enterprise, {"RCE", "FLR", "QNA"}, ""},
        {{"巴楚县长绒棉纺织有限公司", "Bachu Long-Staple Cotton Textiles Co."}, "bachu", OrgKind::enterprise, {"CQT", "CSH", "CTW"}, ""},
        {{"巴楚县干果电子商务有限公司", "Bachu Dried Fruit E-commerce Co."}, "bachu", OrgKind::enterprise, {"DTE", "DAP", "RSN", "DFG"}, ""},
    };
    return all;
}

}  // namespace kl::demo
