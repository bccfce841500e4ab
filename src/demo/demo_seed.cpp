#include "demo/demo_seed.h"

#include "demo/demo_funds.h"
#include "access/organisation_service.h"
#include "access/principal.h"
#include "catalog/catalog.h"
#include "demo/demo_catalog.h"
#include "audit/audit_trail.h"
#include "bridges/projects_funds.h"
#include "demo/demo_orders.h"
#include "demo/demo_market.h"
#include "demo/demo_projects.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
#include "demo/demo_random.h"
#include "demo/demo_trace.h"
#include "trace/recall.h"
#include "trace/trace.h"

namespace kl::demo {

namespace {

constexpr int64_t demo_hour_shanghai = 9;  // the demo is created at 09:00 Shanghai time on its day
// The demo buyer login's organisation: the recall drill leaves its acknowledgement pending.
constexpr std::string_view demo_buyer_org_key = "wholesale_buyer";

struct DemoUser {
    DemoLogin login;
    std::string display_name;
    std::string org_key;  // empty for programme-wide roles
};

// One login per role (the four county officers of the four branch commands), for organisations
// named in seed-facts.md: the Yecheng producer of the Qiaoling walnut rice cake, the Shanghai
// Agricultural Products Wholesale Market, the Kashgar smart logistics port.
const std::vector<DemoUser>& demo_users() {
    static const std::vector<DemoUser> all = {
        {{"admin", "kashlink-admin", "admin", ""}, "系统管理员 Administrator", ""},
        {{"fund", "kashlink-fund", "fund_officer", ""}, "前方指挥部资金专员 Fund Officer", ""},
        {{"shache", "kashlink-shache", "county_officer", "Shache Branch Command"}, "莎车分指挥部 County Officer",
         "shache_branch"},
        {{"zepu", "kashlink-zepu", "county_officer", "Zepu Branch Command"}, "泽普分指挥部 County Officer", "zepu_branch"},
        {{"yecheng", "kashlink-yecheng", "county_officer", "Yecheng Branch Command"}, "叶城分指挥部 County Officer",
         "yecheng_branch"},
        {{"bachu", "kashlink-bachu", "county_officer", "Bachu Branch Command"}, "巴楚分指挥部 County Officer",
         "bachu_branch"},
        {{"producer", "kashlink-producer", "producer", "Yecheng Qiaoling Walnut Foods Co."}, "巧玲食品 Producer",
         "yecheng_producer"},
        {{"buyer", "kashlink-buyer", "buyer", "Shanghai Agricultural Products Wholesale Market"},
         "农产品批发市场 Buyer", "wholesale_buyer"},
        {{"logistics", "kashlink-logistics", "logistics", "Kashgar Smart Logistics Port"}, "物流港 Logistics",
         "kashgar_port"},
        {{"auditor", "kashlink-auditor", "auditor", ""}, "审计 Auditor", ""},
    };
    return all;
}

// Organisations are written before users, so a database with either is not empty. The system
// organisations the migrations make (the walk-in buyer) are in every database.
Result<bool> database_is_empty(store::Tx& tx) {
    KL_TRY_ASSIGN(auto rows, tx.query("SELECT (SELECT COUNT(*) FROM users) + "
                                      "(SELECT COUNT(*) FROM organisations WHERE is_system = 0) AS n"));
    return rows[0].i64("n") == 0;
}

// The latest 09:00 in Shanghai not after `now_ms` (UTC milliseconds): a whole hour keeps the demo the
// same all day, and never being in the future keeps "created at" believable before 09:00.
int64_t demo_time_ms(int64_t now_ms) {
    const int64_t day = kl::shanghai_date(now_ms).days;
    const int64_t today_at = day * ms_per_day - shanghai_offset_ms + demo_hour_shanghai * 3'600'000;
    return today_at <= now_ms ? today_at : today_at - ms_per_day;
}

// The users added, by their organisation key (programme-wide roles by their username).
Result<std::map<std::string, access::User>> add_users(access::UserService& users, const std::map<std::string, std::string>& org_ids) {
    std::map<std::string, access::User> added;
    for (const auto& user : demo_users()) {
        KL_TRY_ASSIGN(access::Role role, access::parse_role(user.login.role));
        std::optional<std::string> org_id;
        if (!user.org_key.empty()) org_id = org_ids.at(user.org_key);
        KL_TRY_ASSIGN(access::User made, users.add(std::nullopt, access::NewUser{user.login.username, user.display_name,
                                                                                 user.login.password, role, org_id}));
        added.emplace(user.org_key.empty() ? user.login.username : user.org_key, std::move(made));
    }
    return added;
}

// The recall drill's opener: the county officer of the lot's county (the command line when the
// demo has none there).
trace::Actor drill_opener(const std::map<std::string, access::User>& users, const std::string& county) {
    auto found = users.find(county + "_branch");
    if (county.empty() || found == users.end()) return std::nullopt;
    const access::User& user = found->second;
    return access::Principal{user.id, user.username, user.role, user.org_id, "", false};
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

Result<DemoSummary> seed_demo(store::Store& store, const Clock& clock, const DemoOptions& options) {
    DemoSummary summary;
    summary.logins = demo_logins();
    ManualClock demo_clock(demo_time_ms(clock.now_ms()));
    DemoIdGenerator ids(options.seed);
    DemoRandom random(options.seed);
    access::OrganisationService identities(store, demo_clock, ids);
    catalog::Catalog catalog(store, demo_clock, ids, identities);
    access::UserService users(store, demo_clock, ids, options.users);
    orders::Orders orders(store, demo_clock, ids);
    audit::AuditTrail trail(store.backend(), demo_clock);
    ledger::LedgerService ledger(store, demo_clock, trail);
    funds::FundsService funds(store, demo_clock, ledger);
    fair::Fairs fairs(store, demo_clock, ids, trail);
    fair::FairAtEvent at_event(store, demo_clock, ids, trail, orders.orders);
    trace::TraceOptions trace_options;
    trace_options.gs1_company_prefix = std::string(demo_gs1_company_prefix);
    trace::Trace tracing(store, demo_clock, ids, trail, trace_options);
    std::optional<std::string> drill_lot;
    std::string pending_buyer;
    trace::Actor drill_opener_actor;
    KL_TRY(store.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(bool empty, database_is_empty(tx));
        if (!empty) return ok();
        DemoWorld world{tx, catalog, random, kl::today_in_shanghai(demo_clock), {}, {}, {}, {}, {}};
        KL_TRY(seed_organisations(world));
        KL_TRY(seed_products(world));
        // Every order the demo ships from here on goes through the trace module's port, naming the
        // lots of the producers that keep them (demo_trace.h).
        DemoWarehouse warehouse(world, tracing.lots, demo_clock, options.seed);
        KL_TRY(warehouse.open());
        orders.orders.set_shipment_lots(warehouse.port());
        KL_TRY_ASSIGN(const DemoOrderCounts order_counts, seed_orders(world, orders));
        KL_TRY(seed_market(world, ids, demo_clock));
        KL_TRY_ASSIGN(summary.fairs, seed_fairs(world, fairs, at_event, orders.orders));
        KL_TRY_ASSIGN(summary.trace, warehouse.close());
        orders.orders.set_shipment_lots(trace::shipment_lots_port(tracing.lots));  // the warehouse ends with this scope
        pending_buyer = world.org_ids.at(std::string(demo_buyer_org_key));
        KL_TRY_ASSIGN(drill_lot, recall_drill_lot(tx, pending_buyer));
        KL_TRY_ASSIGN(const auto added, add_users(users, world.org_ids));
        if (drill_lot) {
            KL_TRY_ASSIGN(const trace::Lot lot, tracing.lots.get_lot(std::nullopt, *drill_lot));
            drill_opener_actor = drill_opener(added, lot.county);
        }
        KL_TRY(seed_funds(store, tx, demo_clock));
        // The programme's payments flow through the funds structure just seeded, on the audit chain.
        KL_TRY_ASSIGN(summary.projects,
                      seed_projects(world, store, demo_clock, ids, bridges::funds_port(funds), trail));
        const DemoCounts& counts = world.counts;
        summary.created = true;
        summary.branch_commands = counts.agencies;
        summary.producers = counts.producers;
        summary.workshops = counts.workshops;
        summary.households = counts.households;
        summary.buyers = counts.buyers;
        summary.products = counts.products;
        summary.certifications = counts.certifications;
        summary.orders = order_counts.orders + order_counts.online_sales + summary.fairs.intents + summary.fairs.onsite_sales;
        return ok();
    }));
    // The recall service writes in its own transaction, so the drill runs once the season is stored.
    if (summary.created && drill_lot) {
        trace::RecallService recalls(store, demo_clock, ids, trail);
        KL_TRY_ASSIGN(summary.recall_drill, run_recall_drill(recalls, drill_opener_actor, *drill_lot, pending_buyer));
    }
    return summary;
}

}  // namespace kl::demo
