#pragma once
// The real server with the projects and service-book routes (AccessWorld with ApiDeps::projects and
// ::servicebook set, a recording fake behind the funds seam, the real audit trail) and a small programme seeded through the
// services as the command line:
//   - the county officer's agency is Shache's branch, its "other" agency Zepu's branch;
//   - shache_project (started, 50 % verified) with shache_contract whose counterparty is the
//     producer's own cooperative, an invoice and a submitted payment request shache_request;
//   - zepu_project with zepu_contract whose counterparty is the producer's other cooperative.

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "projects_fixture.h"
#include "servicebook/servicebook.h"
#include "support/access_fixture.h"
#include "todo/todo_service.h"

namespace kl::projects::testing {

// The fields a problem+json answer names, in order.
inline std::vector<std::string> fields_of(const test::HttpReply& reply) {
    std::vector<std::string> out;
    const nlohmann::json body = nlohmann::json::parse(reply.body);
    for (const auto& error : body.at("errors")) out.push_back(error.at("field").get<std::string>());
    return out;
}

class ProjectsWorld {
public:
    explicit ProjectsWorld(const std::string& backend = "sqlite") {
        test::WorldOptions options = test::on_backend(backend);
        options.services = [this](http::ApiDeps& deps, test::AccessWorld& world) {
            funds_ = &world.make<RecordingFunds>();
            audit_ = &world.make<AuditLog>();
            audit_->open(world.store(), world.clock());
            projects_ = &world.make<Projects>(world.store(), world.clock(), world.ids(), funds_->port(), audit_->trail());
            book_ = &world.make<servicebook::ServiceBook>(world.store(), world.clock(), world.ids(), audit_->trail());
            deps.projects = projects_;
            deps.servicebook = book_;
            deps.todo = &world.make<todo::TodoService>(world.store(), world.clock());
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        seed();
    }

    test::AccessWorld& world() { return *world_; }
    Projects& projects() { return *projects_; }
    RecordingFunds& funds() { return *funds_; }
    servicebook::ServiceBook& book() { return *book_; }
    const std::string& org(access::Role role, test::Target target) const { return world_->org_for(role, target); }

    int64_t count(const std::string& table) {
        auto rows = world_->store().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
        if (!rows) throw std::runtime_error(rows.error().message);
        return (*rows)[0].i64(0);
    }

    std::string shache_project, zepu_project, shache_progress, shache_contract, zepu_contract, shache_invoice,
        shache_request;

    static nlohmann::json project_body(const std::string& code, const std::string& county) {
        return {{"code", code}, {"name", "Village school " + code}, {"county", county}, {"sector", "education"},
                {"year", 2023}, {"budget_fen", 300000000}};
    }

private:
    void set_county(const std::string& org_id, const std::string& county) {
        auto done = world_->store().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("UPDATE organisations SET county_code = $1 WHERE id = $2", {county, org_id}));
            return ok();
        });
        if (!done) throw std::runtime_error(done.error().message);
    }

    void seed() {
        using access::Role;
        using test::Target;
        set_county(org(Role::county_officer, Target::own), "shache");
        set_county(org(Role::county_officer, Target::other), "zepu");
        auto& p = *projects_;
        auto start = [&](const std::string& code, const std::string& county) {
            Project made = must(p.projects.create(std::nullopt, ProjectFields{code, "Project " + code, county,
                                                                              Sector::education, 2023, 300'000'000}),
                                "project");
            must(p.projects.transition(std::nullopt, made.id, ProjectStatus::approved, day(1, 10)), "approve");
            must(p.projects.transition(std::nullopt, made.id, ProjectStatus::started, day(2, 1)), "start");
            return made.id;
        };
        shache_project = start("SC-W-1", "shache");
        zepu_project = start("ZP-W-1", "zepu");
        auto report = must(p.projects.report_progress(std::nullopt, shache_project, day(3, 1), 50, ProgressBasis::physical, ""),
                           "progress");
        shache_progress = must(p.projects.verify_progress(std::nullopt, report.id), "verify").id;
        auto contract_on = [&](const std::string& project, const std::string& counterparty) {
            ContractFields fields;
            fields.project_id = project;
            fields.counterparty_org_id = counterparty;
            fields.title = "Works";
            fields.category = ContractCategory::construction;
            fields.value_fen = 200'000'000;
            fields.retention_bp = 300;
            fields.award_date = day(2, 15);
            fields.procurement_method = ProcurementMethod::open_tender;
            fields.bid_count = 3;
            fields.tender_days = 20;
            return must(p.contracts.create(std::nullopt, fields), "contract").id;
        };
        shache_contract = contract_on(shache_project, org(Role::producer, Target::own));
        zepu_contract = contract_on(zepu_project, org(Role::producer, Target::other));
        shache_invoice = must(p.contracts.add_invoice(std::nullopt, InvoiceFields{shache_contract, org(Role::producer, Target::own),
                                                                                  "W-1", 30'000'000, day(4, 1)}),
                              "invoice").id;
        PaymentRequestFields fields;
        fields.contract_id = shache_contract;
        fields.invoice_id = shache_invoice;
        fields.progress_id = shache_progress;
        fields.amount_fen = 12'345'678;
        fields.requested_on = day(4, 5);
        shache_request = must(p.payments.submit(std::nullopt, fields), "request").request.id;
    }

    RecordingFunds* funds_ = nullptr;
    AuditLog* audit_ = nullptr;
    Projects* projects_ = nullptr;
    servicebook::ServiceBook* book_ = nullptr;
    std::unique_ptr<test::AccessWorld> world_;
};

}  // namespace kl::projects::testing
