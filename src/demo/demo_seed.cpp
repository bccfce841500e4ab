#include "demo/demo_seed.h"

#include <map>

#include "access/organisation_service.h"
#include "access/principal.h"
#include "access/user_service.h"

namespace kl::demo {

namespace {
struct DemoOrganisation {
    std::string key;
    std::string name;
    access::OrgKind kind;
};

// Real participants named in seed-facts.md: the Front Command's Shache branch, a Yecheng producer of
// the walnut rice cake built with Jiading's craft, a Shanghai wholesale market, the Kashgar port.
const std::vector<DemoOrganisation>& demo_organisations() {
    static const std::vector<DemoOrganisation> all = {
        {"shache_branch", "上海援疆前方指挥部莎车分指挥部 Shache Branch Command", access::OrgKind::agency},
        {"yecheng_producer", "叶城巧玲核桃食品有限公司 Yecheng Qiaoling Walnut Foods", access::OrgKind::enterprise},
        {"wholesale_buyer", "上海农产品批发市场 Shanghai Agricultural Products Wholesale Market", access::OrgKind::buyer},
        {"kashgar_port", "喀什智慧物流港 Kashgar Smart Logistics Port", access::OrgKind::logistics},
    };
    return all;
}

struct DemoUser {
    DemoLogin login;
    std::string display_name;
    std::string org_key;  // empty for programme-wide roles
};

const std::vector<DemoUser>& demo_users() {
    static const std::vector<DemoUser> all = {
        {{"admin", "kashlink-admin", "admin", ""}, "系统管理员 Administrator", ""},
        {{"fund", "kashlink-fund", "fund_officer", ""}, "前方指挥部资金专员 Fund Officer", ""},
        {{"shache", "kashlink-shache", "county_officer", "shache_branch"}, "莎车分指挥部 County Officer", "shache_branch"},
        {{"producer", "kashlink-producer", "producer", "yecheng_producer"}, "巧玲食品 Producer", "yecheng_producer"},
        {{"buyer", "kashlink-buyer", "buyer", "wholesale_buyer"}, "农产品批发市场 Buyer", "wholesale_buyer"},
        {{"logistics", "kashlink-logistics", "logistics", "kashgar_port"}, "物流港 Logistics", "kashgar_port"},
        {{"auditor", "kashlink-auditor", "auditor", ""}, "审计 Auditor", ""},
    };
    return all;
}

Result<bool> database_is_empty(store::Store& store) {
    return store.read([](store::Tx& tx) -> Result<bool> {
        // Organisations are seeded first, so a run cut short leaves them behind: count both tables.
        KL_TRY_ASSIGN(auto rows, tx.query("SELECT (SELECT COUNT(*) FROM users) + "
                                          "(SELECT COUNT(*) FROM organisations) AS n"));
        return rows[0].i64("n") == 0;
    });
}
}  // namespace

const std::vector<DemoLogin>& demo_logins() {
    static const std::vector<DemoLogin> logins = [] {
        std::vector<DemoLogin> out;
        for (const auto& user : demo_users()) out.push_back(user.login);
        return out;
    }();
    return logins;
}

Result<DemoSummary> seed_demo(store::Store& store, const Clock& clock, IdGenerator& ids) {
    DemoSummary summary;
    summary.logins = demo_logins();
    KL_TRY_ASSIGN(bool empty, database_is_empty(store));
    if (!empty) return summary;

    access::OrganisationService organisations(store, clock, ids);
    std::map<std::string, std::string> org_ids;
    for (const auto& org : demo_organisations()) {
        KL_TRY_ASSIGN(auto created, organisations.create(std::nullopt, access::NewOrganisation{org.name, org.kind}));
        org_ids[org.key] = created.id;
    }
    access::UserService users(store, clock, ids);
    for (const auto& user : demo_users()) {
        KL_TRY_ASSIGN(access::Role role, access::parse_role(user.login.role));
        std::optional<std::string> org_id;
        if (!user.org_key.empty()) org_id = org_ids.at(user.org_key);
        KL_TRY(users.add(std::nullopt, access::NewUser{user.login.username, user.display_name, user.login.password,
                                                       role, org_id}));
    }
    summary.created = true;
    return summary;
}

}  // namespace kl::demo
