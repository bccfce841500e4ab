#include "demo/demo_projects.h"

#include <array>

#include "projects/projects.h"
#include "servicebook/servicebook.h"

namespace kl::demo {

namespace {

namespace pj = kl::projects;

Date in_2023(int64_t day_of_year) {  // 1 = 1 January
    return kl::add_days(kl::date_from_civil(2023, 1, 1), day_of_year - 1);
}

struct CountyPlan {
    const char* code;
    const char* name_zh;
    int projects;
    int started;
};

// 94 projects planned, 84 started (seed-facts.md, "How aid money is managed").
constexpr std::array<CountyPlan, 4> plans = {{{"shache", "莎车", 30, 27},
                                              {"zepu", "泽普", 20, 18},
                                              {"yecheng", "叶城", 24, 21},
                                              {"bachu", "巴楚", 20, 18}}};

const std::vector<std::pair<pj::Sector, std::string>> project_kinds = {
    {pj::Sector::education, "中学教学楼"},        {pj::Sector::medical, "乡镇卫生院"},
    {pj::Sector::housing, "安居房"},               {pj::Sector::agriculture, "高标准农田"},
    {pj::Sector::industry, "产业园标准厂房"},      {pj::Sector::culture, "文化活动中心"},
    {pj::Sector::infrastructure, "农村道路"},      {pj::Sector::agriculture, "冷链保鲜库"},
    {pj::Sector::education, "幼儿园"},             {pj::Sector::industry, "就业帮扶车间"}};

// A company's credit code registered in `county`.
Result<std::optional<std::string>> county_credit_code(DemoWorld& world, const std::string& county) {
    KL_TRY_ASSIGN(store::Rows rows, world.tx.query("SELECT division_code FROM counties WHERE code = $1", {county}));
    KL_ASSERT(!rows.empty());  // the four counties of the migration
    return std::optional<std::string>(demo_credit_code(world, "91", rows[0].text(0)));
}

template <typename T>
Result<T> as_cli(Result<T> result, const std::string& what) {
    if (!result) return fail(result.error().code, "demo " + what + ": " + result.error().message);
    return result;
}

struct Seeder {
    DemoWorld& world;
    pj::Projects& p;
    servicebook::ServiceBook& book;
    DemoProjectCounts counts;
    std::map<std::string, std::vector<std::string>> contractors;  // county → organisation ids
    int invoice_serial = 0;
    // Each county's first started project's works contract as it stood at the year's end: its latest
    // verified progress and what was paid on it (the fund officer's queue is seeded from these).
    struct Standing {
        pj::Contract contract;
        std::string progress_id;
        int64_t pct = 0, paid_fen = 0;
    };
    std::map<std::string, Standing> standing;  // county → its first started project's contract

    DemoRandom& random() { return world.random; }

    Result<std::string> organisation(const std::string& name, const std::string& county) {
        catalog::OrganisationFields fields;
        fields.name = name;
        fields.kind = access::OrgKind::enterprise;
        fields.county = county;
        KL_TRY_ASSIGN(fields.credit_code, county_credit_code(world, county));
        KL_TRY_ASSIGN(auto made, as_cli(world.catalog.organisations.create(std::nullopt, fields), "organisation " + name));
        return made.id;
    }

    Result<void> add_contractors() {
        const std::array<const char*, 3> kinds = {"建筑工程有限公司", "建设集团有限公司", "设备物资有限公司"};
        for (const auto& plan : plans) {
            for (const char* kind : kinds) {
                KL_TRY_ASSIGN(std::string id, organisation(std::string(plan.name_zh) + "县" + kind, plan.code));
                contractors[plan.code].push_back(id);
            }
        }
        return ok();
    }

    // A non-round amount between low and high yuan (fen included), so R6 stays for planted cases.
    int64_t amount(int64_t low_yuan, int64_t high_yuan) { return random().between(low_yuan, high_yuan) * 100 + random().between(1, 99); }

    Result<pj::Invoice> invoice(const pj::Contract& contract, int64_t amount_fen, Date issued) {
        return as_cli(p.contracts.add_invoice(std::nullopt, pj::InvoiceFields{contract.id, contract.fields.counterparty_org_id,
                                                                              "FP2023" + std::to_string(100000 + ++invoice_serial),
                                                                              amount_fen, issued}),
                      "invoice");
    }

    // Submits, approves and pays one request; returns whether it was paid.
    Result<bool> pay(const pj::Contract& contract, const std::string& progress_id, int64_t amount_fen, Date on,
                     std::optional<std::string> override_reason = std::nullopt, std::optional<pj::Invoice> cited = {}) {
        pj::Invoice bill;
        if (cited) {
            bill = *cited;
        } else {
            KL_TRY_ASSIGN(bill, invoice(contract, amount_fen, kl::add_days(on, -3)));
        }
        pj::PaymentRequestFields fields;
        fields.contract_id = contract.id;
        fields.invoice_id = bill.id;
        fields.progress_id = progress_id;
        fields.amount_fen = amount_fen;
        fields.requested_on = on;
        KL_TRY_ASSIGN(auto submitted, as_cli(p.payments.submit(std::nullopt, fields), "payment request"));
        counts.flags += submitted.flags.size();
        KL_TRY(as_cli(p.payments.approve(std::nullopt, submitted.request.id), "approval"));
        bool high = false;
        for (const auto& flag : submitted.flags) high = high || flag.severity == pj::Severity::high;
        if (high && !override_reason) return false;  // left approved for the fund officer to decide
        auto outcome = p.payments.pay(std::nullopt, submitted.request.id, override_reason,
                                      kl::add_days(on, random().between(2, 10)));
        // Blocked by a flag raised earlier on the contract: it waits for the fund officer's decision.
        if (!outcome && outcome.error().code == ErrorCode::failed_precondition) return false;
        KL_TRY(as_cli(std::move(outcome), "payment"));
        if (outcome->paid) ++counts.payments_paid;
        else ++counts.payments_refused;
        return outcome->paid;
    }

    Result<void> one_project(const CountyPlan& plan, int index) {
        const auto& kind = project_kinds[static_cast<size_t>(random().between(0, static_cast<int64_t>(project_kinds.size()) - 1))];
        const int64_t budget = random().between(600, 3000) * 1'000'000;  // ¥6M–¥30M: works contracts above the tender threshold
        pj::ProjectFields fields{std::string("SH-YJ-2023-") + plan.code + "-" + std::to_string(index + 1),
                                 std::string(plan.name_zh) + "县" + kind.second + "项目（" + std::to_string(index + 1) + "）",
                                 plan.code, kind.first, 2023, budget};
        KL_TRY_ASSIGN(pj::Project project, as_cli(p.projects.create(std::nullopt, fields), "project"));
        ++counts.projects;
        if (index >= plan.started + 4) return ok();  // still planned
        KL_TRY(as_cli(p.projects.transition(std::nullopt, project.id, pj::ProjectStatus::approved, in_2023(random().between(10, 40))),
                      "approval"));
        if (index >= plan.started) return ok();  // approved, not started yet
        const Date start = in_2023(random().between(45, 120));
        KL_TRY(as_cli(p.projects.transition(std::nullopt, project.id, pj::ProjectStatus::started, start), "start"));
        ++counts.started;
        KL_TRY(as_cli(p.projects.add_milestone(std::nullopt, project.id, "主体结构封顶", kl::add_days(start, 150)), "milestone"));
        KL_TRY(as_cli(p.projects.add_milestone(std::nullopt, project.id, "竣工验收", kl::add_days(start, 260)), "milestone"));
        // The main works contract, tendered when above the construction threshold.
        const auto& firms = contractors.at(plan.code);
        pj::ContractFields contract_fields;
        contract_fields.project_id = project.id;
        contract_fields.counterparty_org_id = firms[static_cast<size_t>(random().between(0, 1))];
        contract_fields.title = "施工总承包";
        contract_fields.category = pj::ContractCategory::construction;
        contract_fields.value_fen = budget * random().between(70, 90) / 100 + random().between(1, 99);
        contract_fields.retention_bp = 300;
        contract_fields.award_date = kl::add_days(start, -random().between(5, 20));
        contract_fields.procurement_method = pj::ProcurementMethod::open_tender;
        contract_fields.bid_count = random().between(3, 9);
        contract_fields.tender_days = random().between(20, 30);
        KL_TRY_ASSIGN(pj::Contract contract, as_cli(p.contracts.create(std::nullopt, contract_fields), "contract"));
        ++counts.contracts;
        // Progress over the year, verified, and a payment after each report.
        const bool completed = random().chance(450);
        const int64_t final_pct = completed ? 100 : random().between(25, 85);
        const int reports = completed ? 3 : 2;
        int64_t paid_so_far = 0;
        std::string last_progress;
        int64_t last_pct = 0;
        for (int report = 1; report <= reports; ++report) {
            const int64_t pct = final_pct * report / reports;
            const Date as_of = kl::add_days(start, 60 * report);
            if (as_of > in_2023(350)) break;
            KL_TRY_ASSIGN(auto progress, as_cli(p.projects.report_progress(std::nullopt, project.id, as_of, pct,
                                                                           pj::ProgressBasis::physical, "月报"),
                                                "progress"));
            KL_TRY(as_cli(p.projects.verify_progress(std::nullopt, progress.id), "verification"));
            last_progress = progress.id;
            last_pct = pct;
            // Pay 80 % of the completed value (财建〔2022〕183号), less what was paid.
            const int64_t due = contract.fields.value_fen * pct / 100 * 80 / 100 - paid_so_far - random().between(1, 9999);
            if (due <= 0) continue;
            KL_TRY_ASSIGN(bool paid, pay(contract, progress.id, due, kl::add_days(as_of, 5)));
            if (paid) paid_so_far += due;
        }
        if (!last_progress.empty() && !standing.count(plan.code)) {
            standing[plan.code] = Standing{contract, last_progress, last_pct, paid_so_far};
        }
        if (random().chance(300)) {
            pj::InspectionInput inspection{pj::InspectionKind::quality, kl::add_days(start, 90), "县建设工程质量监督站",
                                           "混凝土试块强度不足，返工处理", false, kl::add_days(start, 110)};
            KL_TRY_ASSIGN(auto made, as_cli(p.projects.add_inspection(std::nullopt, project.id, inspection), "inspection"));
            KL_TRY(as_cli(p.projects.rectify(std::nullopt, made.id, kl::add_days(start, 105)), "rectification"));
        } else {
            pj::InspectionInput inspection{pj::InspectionKind::safety, kl::add_days(start, 45), "县住建局安全站",
                                           "脚手架、临边防护符合要求", true, std::nullopt};
            KL_TRY(as_cli(p.projects.add_inspection(std::nullopt, project.id, inspection), "inspection"));
        }
        if (completed && start < in_2023(100)) {
            KL_TRY(as_cli(p.projects.transition(std::nullopt, project.id, pj::ProjectStatus::completed, in_2023(340)), "completion"));
        }
        return ok();
    }

    // The three planted patterns, in Shache's first started project and Zepu's.
    Result<void> planted() {
        KL_TRY_ASSIGN(auto shache, as_cli(p.projects.list(std::nullopt, pj::ProjectFilter{std::string("shache"), 2023,
                                                                                          {pj::ProjectStatus::started}, {}, {}},
                                                          1, std::nullopt),
                                          "projects"));
        const pj::Project& project = shache.projects.at(0);
        // Split purchase: two goods contracts with one supplier 20 days apart, each under ¥2M.
        for (int part = 0; part < 2; ++part) {
            pj::ContractFields fields;
            fields.project_id = project.id;
            fields.counterparty_org_id = contractors.at("shache")[2];
            fields.title = part == 0 ? "教学设备采购（一）" : "教学设备采购（二）";
            fields.category = pj::ContractCategory::goods;
            fields.value_fen = part == 0 ? 148'000'000 : 126'500'000;
            fields.retention_bp = 0;
            fields.award_date = in_2023(150 + 20 * part);
            fields.procurement_method = pj::ProcurementMethod::inquiry;
            fields.bid_count = 2;
            KL_TRY(as_cli(p.contracts.create(std::nullopt, fields), "split contract"));
            ++counts.contracts;
        }
        KL_TRY_ASSIGN(auto contracts, as_cli(p.contracts.list(std::nullopt, pj::ContractFilter{project.id, {}}, 10,
                                                              std::nullopt, scratch_cursor),
                                             "contracts"));
        // The split is flagged when the second contract's first payment is requested.
        pj::Contract second = contracts.back();
        KL_TRY_ASSIGN(auto verified, as_cli(p.projects.report_progress(std::nullopt, project.id, in_2023(200), 100,
                                                                       pj::ProgressBasis::cost, "设备到货验收"),
                                            "progress"));
        KL_TRY(as_cli(p.projects.verify_progress(std::nullopt, verified.id), "verification"));
        KL_TRY(pay(second, verified.id, 60'012'345, in_2023(205)));
        // Duplicate invoice: a second request citing an invoice already paid.
        KL_TRY_ASSIGN(pj::Invoice bill, invoice(second, 30'054'321, in_2023(210)));
        KL_TRY(pay(second, verified.id, 30'054'321, in_2023(212), std::string("分批付款"), bill));
        KL_TRY(pay(second, verified.id, 30'054'321, in_2023(230), std::nullopt, bill));
        // Overpayment attempt: more than the first goods contract's value, refused even with an override.
        pj::Contract first = contracts.at(contracts.size() - 2);
        KL_TRY_ASSIGN(pj::Invoice big, invoice(first, 160'000'088, in_2023(240)));
        KL_TRY(pay(first, verified.id, 160'000'088, in_2023(242), std::string("县分指挥部申请加快支付"), big));
        return ok();
    }

    // The fund officer's work: one request per county submitted at the year's end and not decided
    // yet, each against its contract's latest verified progress with an invoice of its own, for a
    // tenth of the verified value (well inside the progress and retention caps: R1 and R2 stay quiet).
    // Seeded last and without drawing on the random stream, so every other record stays as it was.
    Result<void> awaiting_approval() {
        int day = 352;
        for (const auto& [county, state] : standing) {
            const int64_t verified = state.contract.fields.value_fen * state.pct / 100;
            const int64_t amount_fen = verified / 10 + 4'321;  // not a round amount (R6)
            if (amount_fen <= 0 || state.paid_fen + amount_fen > verified) continue;
            const Date on = in_2023(day++);
            KL_TRY_ASSIGN(pj::Invoice bill, invoice(state.contract, amount_fen, kl::add_days(on, -2)));
            pj::PaymentRequestFields fields;
            fields.contract_id = state.contract.id;
            fields.invoice_id = bill.id;
            fields.progress_id = state.progress_id;
            fields.amount_fen = amount_fen;
            fields.requested_on = on;
            KL_TRY_ASSIGN(auto submitted, as_cli(p.payments.submit(std::nullopt, fields), "payment request"));
            counts.flags += submitted.flags.size();
            ++counts.payments_submitted;
        }
        return ok();
    }

    std::optional<std::string> scratch_cursor;
};


// The Chief Service Officer book of 2023: 53 leading enterprises visited (the demo's producers and
// more local enterprises), 30 investment projects served (2 by listed companies), 44 events.
Result<void> seed_service_book(DemoWorld& world, servicebook::ServiceBook& book, DemoProjectCounts& counts) {
    KL_TRY_ASSIGN(store::Rows producers, world.tx.query("SELECT id, county_code FROM organisations WHERE kind IN "
                                                        "('enterprise', 'cooperative') AND county_code IS NOT NULL ORDER BY id"));
    std::vector<std::pair<std::string, std::string>> served;
    for (const auto& row : producers) served.emplace_back(row.text(0), row.text(1));
    const std::array<const char*, 4> counties = {"shache", "zepu", "yecheng", "bachu"};
    const std::array<const char*, 4> names = {"莎车", "泽普", "叶城", "巴楚"};
    for (size_t extra = 0; served.size() < 53; ++extra) {
        catalog::OrganisationFields fields;
        fields.name = std::string(names[extra % 4]) + "县龙头企业" + std::to_string(extra + 1) + "号";
        fields.kind = access::OrgKind::enterprise;
        fields.county = counties[extra % 4];
        KL_TRY_ASSIGN(fields.credit_code, county_credit_code(world, counties[extra % 4]));
        KL_TRY_ASSIGN(auto made, as_cli(world.catalog.organisations.create(std::nullopt, fields), "enterprise"));
        served.emplace_back(made.id, counties[extra % 4]);
    }
    served.resize(53);
    const std::vector<std::string> topics = {"用工招聘", "融资对接", "冷链物流", "产品认证", "电商直播", "用地用电",
                                             "出口报关", "品牌标准"};
    for (size_t index = 0; index < served.size(); ++index) {
        KL_TRY_ASSIGN(auto enterprise, as_cli(book.add_enterprise(std::nullopt, served[index].first, "首席服务官", true,
                                                                   in_2023(10 + static_cast<int64_t>(index))),
                                              "served enterprise"));
        ++counts.enterprises_served;
        const int64_t visits = world.random.between(1, 3);
        for (int64_t visit = 0; visit < visits; ++visit) {
            KL_TRY(as_cli(book.add_visit(std::nullopt, enterprise.id, in_2023(world.random.between(20, 340)), "首席服务官",
                                         world.random.pick(topics) + "、" + world.random.pick(topics)),
                          "visit"));
        }
        if (world.random.chance(600)) {
            const Date raised = in_2023(world.random.between(30, 300));
            KL_TRY_ASSIGN(auto request, as_cli(book.add_request(std::nullopt, enterprise.id, "协调" + world.random.pick(topics),
                                                                raised, kl::add_days(raised, 30)),
                                               "service request"));
            if (world.random.chance(700)) {
                KL_TRY(as_cli(book.set_request_status(std::nullopt, request.id, servicebook::RequestStatus::resolved,
                                                      kl::add_days(raised, world.random.between(3, 40))),
                              "resolution"));
            }
        }
    }
    const std::vector<std::string> investors = {"上海", "沪疆", "浦东", "嘉定", "闵行", "松江"};
    for (int index = 0; index < 30; ++index) {
        servicebook::Investment investment;
        investment.listed_company = index < 2;
        investment.name = std::string(names[index % 4]) + (index < 2 ? "上市公司产业基地" : "招商引资项目") +
                          std::to_string(index + 1);
        investment.county = counties[static_cast<size_t>(index % 4)];
        investment.investor = world.random.pick(investors) + (index < 2 ? "股份有限公司" : "实业有限公司");
        investment.amount_fen = world.random.between(500, 50'000) * 1'000'000;
        investment.first_contact_on = in_2023(world.random.between(5, 300));
        KL_TRY_ASSIGN(auto made, as_cli(book.add_investment(std::nullopt, investment), "investment"));
        ++counts.investments;
        const int64_t stage = world.random.between(0, 3);
        for (int64_t step = 1; step <= stage; ++step) {
            KL_TRY(as_cli(book.advance_investment(std::nullopt, made.id, static_cast<servicebook::Stage>(step)), "stage"));
        }
    }
    for (int index = 0; index < 44; ++index) {
        servicebook::PromotionEvent event;
        const bool in_shanghai = index % 3 == 0;
        event.name = in_shanghai ? "沪喀招商推介会（第" + std::to_string(index / 3 + 1) + "场）"
                                 : std::string(names[index % 4]) + "县投资环境说明会";
        if (!in_shanghai) event.county = counties[static_cast<size_t>(index % 4)];
        event.held_on = in_2023(world.random.between(20, 350));
        event.city = in_shanghai ? "上海" : names[index % 4];
        event.attendees = world.random.between(30, 400);
        KL_TRY(as_cli(book.add_event(std::nullopt, event), "event"));
        ++counts.events;
    }
    return ok();
}

}  // namespace

Result<DemoProjectCounts> seed_projects(DemoWorld& world, store::Store& store, const Clock& clock, IdGenerator& ids,
                                        projects::FundsPort funds, audit::AuditTrail& audit) {
    pj::Projects projects(store, clock, ids, std::move(funds), audit);
    servicebook::ServiceBook book(store, clock, ids, audit);
    Seeder seeder{world, projects, book, {}, {}, 0, {}, std::nullopt};
    KL_TRY(seed_service_book(world, book, seeder.counts));  // before the contractors join the organisations
    KL_TRY(seeder.add_contractors());
    for (const auto& plan : plans) {
        for (int index = 0; index < plan.projects; ++index) KL_TRY(seeder.one_project(plan, index));
    }
    KL_TRY(seeder.planted());
    KL_TRY(seeder.awaiting_approval());
    return seeder.counts;
}

}  // namespace kl::demo
