// The Shanghai side of the demo: the 16 districts and the 88 channel representatives of the 2024
// production–sales matchmaking event, named after seed-facts.md where it names them; and the name
// pools of Kashgar's workshops and households.
#include "core/assert.h"
#include "demo/demo_data.h"

namespace kl::demo {

namespace {

using catalog::BuyerChannel;

// Unified social credit codes begin with the registration authority and the category: 91 a company,
// 11 a government body, 12 a public institution (schools, hospitals, the supply and marketing
// cooperatives' federations).
constexpr const char* company = "91";
constexpr const char* government = "11";
constexpr const char* institution = "12";

BuyerFacts buyer(const char* zh, const char* en, const char* district, BuyerChannel channel,
                 const char* prefix = company, const char* key = "") {
    return BuyerFacts{{zh, en}, district, channel, prefix, key};
}

std::vector<BuyerFacts> named_buyers() {
    using C = BuyerChannel;
    return {
        buyer("上海蔬菜（集团）有限公司", "Shanghai Vegetable Group", "huangpu", C::wholesale_market),
        buyer("上海农产品中心批发市场经营管理有限公司", "Shanghai Agricultural Products Wholesale Market", "minhang",
              C::wholesale_market, company, "wholesale_buyer"),
        buyer("上海西郊国际农产品交易中心", "Shanghai Xijiao International Agricultural Products Trading Center", "qingpu",
              C::wholesale_market),
        buyer("上海江桥批发市场", "Shanghai Jiangqiao Wholesale Market", "jiading", C::wholesale_market),
        buyer("上海辉展果蔬市场", "Shanghai Huizhan Fruit and Vegetable Market", "putuo", C::wholesale_market),
        buyer("上海七宝蔬菜批发市场", "Shanghai Qibao Vegetable Wholesale Market", "minhang", C::wholesale_market),
        buyer("华润万家Ole'精品超市徐汇店", "Ole' (China Resources Vanguard) Xuhui", "xuhui", C::supermarket),
        buyer("华润万家Ole'精品超市静安店", "Ole' (China Resources Vanguard) Jing'an", "jingan", C::supermarket),
        buyer("华润万家Ole'精品超市浦东店", "Ole' (China Resources Vanguard) Pudong", "pudong", C::supermarket),
        buyer("联华超市黄浦公司", "Lianhua Supermarket Huangpu", "huangpu", C::supermarket),
        buyer("联华超市杨浦公司", "Lianhua Supermarket Yangpu", "yangpu", C::supermarket),
        buyer("联华超市宝山公司", "Lianhua Supermarket Baoshan", "baoshan", C::supermarket),
        buyer("联华超市松江公司", "Lianhua Supermarket Songjiang", "songjiang", C::supermarket),
        buyer("农工商超市普陀总店", "Nonggongshang Supermarket Putuo", "putuo", C::supermarket),
        buyer("农工商超市奉贤公司", "Nonggongshang Supermarket Fengxian", "fengxian", C::supermarket),
        buyer("农工商超市崇明公司", "Nonggongshang Supermarket Chongming", "chongming", C::supermarket),
        buyer("大润发杨浦店", "RT-Mart Yangpu", "yangpu", C::supermarket),
        buyer("大润发闵行店", "RT-Mart Minhang", "minhang", C::supermarket),
        buyer("大润发金山店", "RT-Mart Jinshan", "jinshan", C::supermarket),
        buyer("麦德龙普陀商场", "Metro Putuo", "putuo", C::supermarket),
        buyer("麦德龙浦东商场", "Metro Pudong", "pudong", C::supermarket),
        buyer("麦德龙嘉定商场", "Metro Jiading", "jiading", C::supermarket),
        buyer("叮咚买菜", "Dingdong Maicai", "pudong", C::ecommerce),
        buyer("本来生活上海公司", "Benlai.com Shanghai", "changning", C::ecommerce),
        buyer("东方购物", "OCJ (Oriental CJ Home Shopping)", "xuhui", C::ecommerce),
        buyer("来伊份", "Lyfen", "songjiang", C::ecommerce),
        buyer("外滩吃货", "Bund Foodie", "huangpu", C::ecommerce),
        buyer("浦商菜场陆家嘴店", "Pushang Market Lujiazui", "pudong", C::fresh_market),
        buyer("浦商菜场张江店", "Pushang Market Zhangjiang", "pudong", C::fresh_market),
        buyer("巨鹿路菜场", "Julu Market", "huangpu", C::fresh_market),
        buyer("铭研菜场", "Mingyan Market", "jingan", C::fresh_market),
        buyer("美天菜场", "Meitian Market", "changning", C::fresh_market),
        buyer("高陵菜场", "Gaoling Market", "putuo", C::fresh_market),
        buyer("虹口三角地菜场", "Hongkou Triangle Market", "hongkou", C::fresh_market),
        buyer("杨浦商贸集团控江菜场", "Yangpu Commerce and Trade Group Kongjiang Market", "yangpu", C::fresh_market),
        buyer("杨浦商贸集团五角场菜场", "Yangpu Commerce and Trade Group Wujiaochang Market", "yangpu", C::fresh_market),
        buyer("杨浦商贸集团延吉菜场", "Yangpu Commerce and Trade Group Yanji Market", "yangpu", C::fresh_market),
        buyer("上海市供销合作总社", "Shanghai Supply and Marketing Cooperatives", "huangpu", C::cooperative, institution),
        buyer("浦东新区供销合作社", "Pudong Supply and Marketing Cooperative", "pudong", C::cooperative, institution),
        buyer("宝山区供销合作社", "Baoshan Supply and Marketing Cooperative", "baoshan", C::cooperative, institution),
        buyer("闵行区供销合作社", "Minhang Supply and Marketing Cooperative", "minhang", C::cooperative, institution),
        buyer("嘉定区供销合作社", "Jiading Supply and Marketing Cooperative", "jiading", C::cooperative, institution),
        buyer("金山区供销合作社", "Jinshan Supply and Marketing Cooperative", "jinshan", C::cooperative, institution),
        buyer("青浦区供销合作社", "Qingpu Supply and Marketing Cooperative", "qingpu", C::cooperative, institution),
        buyer("上海果品流通有限公司", "Shanghai Fruit Products Distribution", "jingan", C::cooperative),
        buyer("上实服务", "SIIC Service", "hongkou", C::group_dining),
        buyer("上实服务浦东园区餐饮", "SIIC Service Pudong Park Catering", "pudong", C::group_dining),
        buyer("上海高校后勤服务股份有限公司", "Shanghai Universities Logistics Services", "yangpu", C::group_dining),
        buyer("上海高校后勤松江大学城分公司", "Shanghai Universities Logistics Services Songjiang University Town",
              "songjiang", C::group_dining),
        buyer("好农夫供应链", "Goodfarmer Supply Chain", "fengxian", C::group_dining),
    };
}

// Budget units: a district's government canteen; and hospitals and schools in some districts.
std::vector<BuyerFacts> budget_units() {
    std::vector<BuyerFacts> out;
    for (const auto& district : district_facts()) {
        out.push_back(BuyerFacts{{district.names.zh + "机关事务管理局（机关食堂）",
                                  district.names.en + " Government Offices Administration (canteen)"},
                                 district.code, BuyerChannel::budget_unit, government, ""});
    }
    for (const char* code : {"xuhui", "jingan", "pudong", "minhang", "baoshan"}) {
        const auto& district = district_of(code);
        out.push_back(BuyerFacts{{district.names.zh + "中心医院", district.names.en + " Central Hospital"}, code,
                                 BuyerChannel::budget_unit, institution, ""});
    }
    for (const char* code : {"changning", "hongkou", "songjiang", "qingpu", "chongming"}) {
        const auto& district = district_of(code);
        out.push_back(BuyerFacts{{"上海市" + district.names.zh + "实验中学", district.names.en + " Experimental Middle School"},
                                 code, BuyerChannel::budget_unit, institution, ""});
    }
    return out;
}

// Consumption-aid counters and vending machines (三专: dedicated counters) in twelve districts.
std::vector<BuyerFacts> counters() {
    std::vector<BuyerFacts> out;
    for (const char* code : {"huangpu", "xuhui", "changning", "jingan", "putuo", "hongkou", "yangpu", "minhang",
                             "baoshan", "jiading", "pudong", "songjiang"}) {
        const auto& district = district_of(code);
        out.push_back(BuyerFacts{{district.names.zh + "消费帮扶专柜及智能售货机",
                                  district.names.en + " consumption-aid counters and vending machines"},
                                 code, BuyerChannel::vending_counter, company, ""});
    }
    return out;
}

}  // namespace

std::vector<BuyerFacts> buyer_facts() {
    std::vector<BuyerFacts> all = named_buyers();
    for (auto& unit : budget_units()) all.push_back(std::move(unit));
    for (auto& counter : counters()) all.push_back(std::move(counter));
    KL_ASSERT(all.size() == 88);  // the 88 channel representatives of the 2024 event
    return all;
}

const std::vector<DistrictFacts>& district_facts() {
    static const std::vector<DistrictFacts> all = {
        {"huangpu", "310101", {"黄浦区", "Huangpu"}},       {"xuhui", "310104", {"徐汇区", "Xuhui"}},
        {"changning", "310105", {"长宁区", "Changning"}},   {"jingan", "310106", {"静安区", "Jing'an"}},
        {"putuo", "310107", {"普陀区", "Putuo"}},           {"hongkou", "310109", {"虹口区", "Hongkou"}},
        {"yangpu", "310110", {"杨浦区", "Yangpu"}},         {"minhang", "310112", {"闵行区", "Minhang"}},
        {"baoshan", "310113", {"宝山区", "Baoshan"}},       {"jiading", "310114", {"嘉定区", "Jiading"}},
        {"pudong", "310115", {"浦东新区", "Pudong"}},       {"jinshan", "310116", {"金山区", "Jinshan"}},
        {"songjiang", "310117", {"松江区", "Songjiang"}},   {"qingpu", "310118", {"青浦区", "Qingpu"}},
        {"fengxian", "310120", {"奉贤区", "Fengxian"}},     {"chongming", "310151", {"崇明区", "Chongming"}},
    };
    return all;
}

const DistrictFacts& district_of(const std::string& code) {
    for (const auto& district : district_facts()) {
        if (district.code == code) return district;
    }
    KL_ASSERT(false && "a Shanghai district");
    return district_facts().front();
}

// Uyghur given names as written in Chinese and in the Latin script, for workshop and household names.
const std::vector<Names>& given_names() {
    static const std::vector<Names> all = {
        {"艾力", "Ali"},           {"买买提", "Memet"},       {"吐尔逊", "Tursun"},     {"阿不都热依木", "Abdurehim"},
        {"艾合买提", "Ehmet"},     {"玉素甫", "Yusup"},       {"如孜", "Rozi"},         {"买合木提", "Mahmut"},
        {"阿卜杜拉", "Abdulla"},   {"努尔买买提", "Nurmemet"}, {"依明", "Imin"},         {"卡德尔", "Qadir"},
        {"亚森", "Yasin"},         {"司马义", "Ismail"},      {"吾买尔", "Omer"},       {"热合曼", "Rehman"},
        {"阿依古丽", "Aygul"},     {"热依汗古丽", "Reyhangul"}, {"古丽米热", "Gulmire"},  {"帕提古丽", "Patigul"},
        {"米娜瓦尔", "Minawer"},   {"阿依努尔", "Aynur"},     {"祖丽皮亚", "Zulpiye"},  {"布合力其汗", "Buhelichem"},
        {"阿米娜", "Amine"},       {"海丽且姆", "Helchem"},   {"努尔尼沙", "Nurnisa"},  {"再努尔", "Zeynur"},
    };
    return all;
}

// Fathers' names, which Uyghur names carry as the second part.
const std::vector<Names>& family_names() {
    static const std::vector<Names> all = {
        {"吐尔逊", "Tursun"}, {"买买提", "Memet"},   {"阿不都拉", "Abdulla"}, {"艾则孜", "Eziz"},
        {"卡斯木", "Qasim"},  {"托乎提", "Tohti"},   {"肉孜", "Rozi"},        {"克力木", "Kerim"},
        {"沙吾提", "Sawut"},  {"吾守尔", "Osur"},    {"尼亚孜", "Niyaz"},     {"阿西木", "Hashim"},
        {"依沙克", "Ishaq"},  {"塔依尔", "Tahir"},   {"玉山", "Hoshur"},      {"巴拉提", "Barat"},
    };
    return all;
}

}  // namespace kl::demo
