// The demo's organisations: the Front Command and the four county branch commands, logistics, the 36
// producers with their family workshops and households ("company + family workshop + household"),
// and the 88 Shanghai buyers.
#include "catalog/credit_code.h"
#include "demo/demo_catalog.h"
#include "demo/demo_data.h"

namespace kl::demo {

namespace {

using access::OrgKind;

constexpr std::string_view code_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// How many workshops and households one enterprise buys from in the demo.
constexpr int64_t workshops_min = 2;
constexpr int64_t workshops_max = 4;
constexpr int64_t households_min = 3;
constexpr int64_t households_max = 8;
// Shares of purchases in basis points: a workshop 5–15 %, a household 1–4 %; the rest is the
// enterprise's own production or the open market.
constexpr int64_t workshop_share_bp_min = 500;
constexpr int64_t workshop_share_bp_max = 1500;
constexpr int64_t household_share_bp_min = 100;
constexpr int64_t household_share_bp_max = 400;

const std::vector<Names>& shanghai_people() {
    static const std::vector<Names> all = {
        {"王伟", "Wang Wei"},   {"李敏", "Li Min"},     {"张静", "Zhang Jing"}, {"陈磊", "Chen Lei"},
        {"刘洁", "Liu Jie"},    {"杨婷", "Yang Ting"},  {"黄军", "Huang Jun"},  {"周芳", "Zhou Fang"},
        {"吴强", "Wu Qiang"},   {"徐丽", "Xu Li"},      {"孙涛", "Sun Tao"},    {"朱慧", "Zhu Hui"},
        {"沈佳", "Shen Jia"},   {"顾斌", "Gu Bin"},     {"陆燕", "Lu Yan"},     {"钱晨", "Qian Chen"},
    };
    return all;
}

// A valid, unused unified social credit code: authority and category, the division code of the
// registering office, nine random code characters, and the check character.
std::string credit_code(DemoWorld& world, const std::string& prefix, const std::string& division) {
    for (;;) {
        std::string first17 = prefix + division;
        while (first17.size() < catalog::credit_code_chars - 1) {
            first17.push_back(code_chars[static_cast<size_t>(world.random.between(0, 30))]);
        }
        auto code = catalog::complete_credit_code(first17);
        KL_ASSERT(code.has_value());
        if (world.credit_codes.insert(*code).second) return *code;
    }
}

std::string phone(DemoWorld& world, const std::string& prefix, int digits) {
    std::string out = prefix;
    out.push_back(static_cast<char>('1' + world.random.between(0, 8)));
    for (int i = 1; i < digits; ++i) out.push_back(static_cast<char>('0' + world.random.between(0, 9)));
    return out;
}

std::string person_zh(const Names& given, const Names& father) { return given.zh + "·" + father.zh; }
std::string person_en(const Names& given, const Names& father) { return given.en + " " + father.en; }

Result<std::string> create(DemoWorld& world, const catalog::OrganisationFields& fields, const std::string& key = "") {
    KL_TRY_ASSIGN(catalog::OrganisationProfile made, world.catalog.organisations.create(std::nullopt, fields));
    if (!key.empty()) world.org_ids[key] = made.id;
    return made.id;
}

Result<void> seed_agencies(DemoWorld& world) {
    catalog::OrganisationFields front;
    front.name = "上海市对口支援新疆工作前方指挥部";
    front.name_en = "Shanghai Aid to Xinjiang Front Command";
    front.kind = OrgKind::agency;
    front.credit_code = credit_code(world, "11", "653101");
    front.contact_phone = phone(world, "0998-", 7);
    front.address = "喀什市人民东路";
    KL_TRY(create(world, front, "front_command"));
    for (const auto& county : county_facts()) {
        catalog::OrganisationFields branch;
        branch.name = "上海援疆前方指挥部" + county.county.zh.substr(0, county.county.zh.size() - 3) + "分指挥部";
        branch.name_en = county.county.en + " Branch Command, Shanghai Aid to Xinjiang Front Command";
        branch.kind = OrgKind::agency;
        branch.credit_code = credit_code(world, "11", county.division_code);
        branch.county = county.code;
        branch.contact_phone = phone(world, county.phone_prefix, 7);
        branch.address = county.county.zh + "人民路";
        KL_TRY(create(world, branch, county.code + "_branch"));
        ++world.counts.agencies;
    }
    return ok();
}

Result<void> seed_logistics(DemoWorld& world) {
    catalog::OrganisationFields port;
    port.name = "喀什智慧物流港";
    port.name_en = "Kashgar Smart Logistics Port";
    port.kind = OrgKind::logistics;
    port.credit_code = credit_code(world, "91", "653101");
    port.contact_phone = phone(world, "0998-", 7);
    port.address = "喀什经济开发区";
    KL_TRY(create(world, port, "kashgar_port"));
    catalog::OrganisationFields warehouse;
    warehouse.name = "上海消费帮扶销地仓";
    warehouse.name_en = "Shanghai Consumption-Aid Destination Warehouse";
    warehouse.kind = OrgKind::logistics;
    warehouse.credit_code = credit_code(world, "91", "310112");
    warehouse.district = "minhang";
    warehouse.contact_phone = phone(world, "021-", 8);
    warehouse.address = "上海市闵行区浦江镇";
    KL_TRY(create(world, warehouse, "shanghai_warehouse"));
    world.counts.logistics = 2;
    return ok();
}

// One family workshop or household of `county`, with a name unique in the county.
Result<std::string> create_supplier(DemoWorld& world, const CountyFacts& county, OrgKind kind) {
    catalog::OrganisationFields fields;
    fields.kind = kind;
    fields.county = county.code;
    for (;;) {
        const Names& given = world.random.pick(given_names());
        const Names& father = world.random.pick(family_names());
        const Names& township = world.random.pick(county.townships);
        const int64_t village = world.random.between(1, 24);
        if (kind == OrgKind::family_workshop) {
            fields.name = township.zh + person_zh(given, father) + "家庭作坊";
            fields.name_en = person_en(given, father) + " Family Workshop, " + township.en;
        } else {
            fields.name = township.zh + std::to_string(village) + "村" + person_zh(given, father) + "户";
            fields.name_en = person_en(given, father) + " household, " + township.en + " village " + std::to_string(village);
        }
        fields.contact_name = person_zh(given, father);
        fields.address = county.county.zh + township.zh + std::to_string(village) + "村";
        if (world.household_names.insert(county.code + "|" + fields.name).second) break;
    }
    fields.contact_phone = phone(world, "1", 11);
    // Individual businesses (个体工商户) register with category 2; households have no code.
    if (kind == OrgKind::family_workshop) fields.credit_code = credit_code(world, "92", county.division_code);
    return create(world, fields);
}

Result<void> seed_suppliers(DemoWorld& world, const CountyFacts& county, const std::string& enterprise_id) {
    std::vector<catalog::SupplyLinkInput> links;
    const int64_t workshops = world.random.between(workshops_min, workshops_max);
    const int64_t households = world.random.between(households_min, households_max);
    for (int64_t i = 0; i < workshops + households; ++i) {
        const bool workshop = i < workshops;
        KL_TRY_ASSIGN(std::string id, create_supplier(world, county, workshop ? OrgKind::family_workshop : OrgKind::household));
        const int64_t share = workshop ? world.random.between(workshop_share_bp_min, workshop_share_bp_max)
                                       : world.random.between(household_share_bp_min, household_share_bp_max);
        links.push_back(catalog::SupplyLinkInput{id, share});
        ++(workshop ? world.counts.workshops : world.counts.households);
    }
    KL_TRY(world.catalog.organisations.set_supply_links(std::nullopt, enterprise_id, links));
    return ok();
}

Result<void> seed_producers(DemoWorld& world) {
    const auto& enterprises = enterprise_facts();
    for (size_t i = 0; i < enterprises.size(); ++i) {
        const EnterpriseFacts& facts = enterprises[i];
        const CountyFacts& county = county_of(facts.county);
        catalog::OrganisationFields fields;
        fields.name = facts.names.zh;
        fields.name_en = facts.names.en;
        fields.kind = facts.kind;
        // Farmers' professional cooperatives register with category 3, companies with 1.
        fields.credit_code = credit_code(world, facts.kind == OrgKind::cooperative ? "93" : "91", county.division_code);
        fields.county = county.code;
        const Names& given = world.random.pick(given_names());
        const Names& father = world.random.pick(family_names());
        fields.contact_name = person_zh(given, father);
        fields.contact_phone = phone(world, county.phone_prefix, 7);
        fields.address = county.county.zh + world.random.pick(county.townships).zh;
        KL_TRY_ASSIGN(std::string id, create(world, fields, "producer/" + std::to_string(i)));
        if (!facts.key.empty()) world.org_ids[facts.key] = id;
        ++world.counts.producers;
        KL_TRY(seed_suppliers(world, county, id));
    }
    return ok();
}

Result<void> seed_buyers(DemoWorld& world) {
    for (const BuyerFacts& facts : buyer_facts()) {
        const DistrictFacts& district = district_of(facts.district);
        catalog::OrganisationFields fields;
        fields.name = facts.names.zh;
        fields.name_en = facts.names.en;
        fields.kind = OrgKind::buyer;
        fields.credit_code = credit_code(world, facts.credit_prefix, district.division_code);
        fields.district = district.code;
        fields.channel = facts.channel;
        const Names& contact = world.random.pick(shanghai_people());
        fields.contact_name = contact.zh;
        fields.contact_phone = phone(world, "021-", 8);
        fields.address = "上海市" + district.names.zh;
        KL_TRY(create(world, fields, facts.key));
        ++world.counts.buyers;
    }
    return ok();
}

}  // namespace

Result<void> seed_organisations(DemoWorld& world) {
    KL_TRY(seed_agencies(world));
    KL_TRY(seed_logistics(world));
    KL_TRY(seed_producers(world));
    return seed_buyers(world);
}

// For the other parts of the demo (demo_projects.cpp): the same codes, from the same set.
std::string demo_credit_code(DemoWorld& world, const std::string& prefix, const std::string& division) {
    return credit_code(world, prefix, division);
}

}  // namespace kl::demo
