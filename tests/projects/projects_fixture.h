#pragma once
// The projects services over a fresh store per backend (SQLite always, PostgreSQL when available),
// with a recording fake for the funds seam (ports.h), the real audit trail, and a small programme: the branch agencies of Shache
// and Zepu, contractors in Shache, and one principal per role.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <map>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "projects/projects.h"
#include "support/access_stack.h"

namespace kl::projects::testing {

using access::OrgKind;
using access::Role;
using kl::date_from_civil;

// Records every call of the funds port and answers as told.
struct RecordingFunds {
    std::vector<std::string> calls;      // "open <project>", "pay <payment_id>", "settled <project>", "close <project>"
    std::vector<PaymentOrder> orders;    // the accepted payment orders
    bool refuse_payments = false;        // pay_contractor fails with failed_precondition
    bool settled = true;
    std::map<std::string, int64_t> arrived;  // the budgets of opened projects (what the real module allocates)

    FundsPort port() {
        FundsPort port;
        port.open_project_accounts = [this](store::Tx&, std::string_view project, std::string_view,
                                            int64_t budget_fen) -> Result<void> {
            calls.push_back("open " + std::string(project));
            arrived[std::string(project)] = budget_fen;
            return ok();
        };
        port.quota_arrived_by_project = [this](store::Tx&) -> Result<std::map<std::string, int64_t>> { return arrived; };
        port.pay_contractor = [this](store::Tx&, const PaymentOrder& order) -> Result<std::string> {
            calls.push_back("pay " + order.payment_id);
            if (refuse_payments) return fail(ErrorCode::failed_precondition, "quota insufficient");
            orders.push_back(order);
            return "chain-" + std::to_string(orders.size());
        };
        port.project_settled = [this](store::Tx&, std::string_view project) -> Result<bool> {
            calls.push_back("settled " + std::string(project));
            return settled;
        };
        port.close_project_accounts = [this](store::Tx&, std::string_view project) -> Result<void> {
            calls.push_back("close " + std::string(project));
            return ok();
        };
        return port;
    }
};

// The real audit trail over the test's store, as the server wires it, and the actions it holds. The
// trail appends inside the service's transaction, so a rolled-back change leaves no row behind.
class AuditLog {
public:
    // A fixture opens it once per database before any service writes.
    void open(store::Store& store, const Clock& clock) {
        store_ = &store;
        trail_ = std::make_unique<audit::AuditTrail>(store.backend(), clock);
    }
    audit::AuditTrail& trail() { return *trail_; }

    // Every recorded action, oldest first.
    std::vector<std::string> actions() const {
        auto rows = store_->read([](store::Tx& tx) { return tx.query("SELECT action FROM audit_events ORDER BY seq"); });
        if (!rows) throw std::runtime_error("audit_events: " + rows.error().message);
        std::vector<std::string> out;
        for (const auto& row : *rows) out.push_back(row.text(0));
        return out;
    }
    bool has(const std::string& action) const {
        const auto all = actions();
        return std::find(all.begin(), all.end(), action) != all.end();
    }

private:
    store::Store* store_ = nullptr;
    std::unique_ptr<audit::AuditTrail> trail_;
};

template <typename T>
T must(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
    return std::move(result).value();
}

// An organisation of `kind` in `county` (agencies: a county's branch command), seeded as the command line.
inline std::string seed_county_org(test::AccessStack& stack, store::Store& store, OrgKind kind, const std::string& name,
                                   const std::string& county) {
    auto made = test::seed_organisation(stack, kind, name);
    auto done = store.write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE organisations SET county_code = $1 WHERE id = $2", {county, made.id}));
        return ok();
    });
    if (!done) throw std::runtime_error(done.error().message);
    return made.id;
}

inline Date day(int month, int day_of_month) {
    return date_from_civil(2023, static_cast<unsigned>(month), static_cast<unsigned>(day_of_month));
}

class ProjectsTest : public test::AccessBackendTest {
protected:
    void SetUp() override {
        test::AccessBackendTest::SetUp();
        audit.open(db(), stack().clock);
        projects_ = std::make_unique<Projects>(db(), stack().clock, stack().ids, funds.port(), audit.trail());
        shache_agency = org(OrgKind::agency, "Shache County Branch", "shache");
        zepu_agency = org(OrgKind::agency, "Zepu County Branch", "zepu");
        builder = org(OrgKind::enterprise, "Shache Construction", "shache");
        supplier = org(OrgKind::enterprise, "Shache Supplies", "shache");
        other_builder = org(OrgKind::enterprise, "Zepu Builders", "zepu");
        household = org(OrgKind::household, "Household Tursun", "shache");
        admin = person(Role::admin, "admin");
        fund = person(Role::fund_officer, "fund");
        fund2 = person(Role::fund_officer, "fund2");
        auditor = person(Role::auditor, "auditor");
        shache_officer = person(Role::county_officer, "shache_officer", shache_agency);
        zepu_officer = person(Role::county_officer, "zepu_officer", zepu_agency);
        contractor = person(Role::producer, "builder_user", builder);
        other_contractor = person(Role::producer, "other_user", other_builder);
    }

    Projects& p() { return *projects_; }

    std::string org(OrgKind kind, const std::string& name, const std::string& county) {
        return seed_county_org(stack(), db(), kind, name, county);
    }
    std::optional<access::Principal> person(Role role, const std::string& username,
                                            const std::optional<std::string>& org_id = std::nullopt) {
        return test::principal_of(test::seed_user(stack(), role, username, org_id));
    }

    ProjectFields fields(const std::string& code, const std::string& county = "shache", int64_t budget_fen = 500'000'000) {
        return ProjectFields{code, "Project " + code, county, Sector::education, 2023, budget_fen};
    }
    // A started project with 50 % verified progress; returns the project and the progress id.
    std::pair<Project, std::string> started(const std::string& code, const std::string& county = "shache",
                                            int64_t budget_fen = 500'000'000, int64_t pct = 50) {
        Project made = must(p().projects.create(std::nullopt, fields(code, county, budget_fen)), "create");
        must(p().projects.transition(std::nullopt, made.id, ProjectStatus::approved, day(1, 10)), "approve");
        made = must(p().projects.transition(std::nullopt, made.id, ProjectStatus::started, day(2, 1)), "start");
        auto report = must(p().projects.report_progress(std::nullopt, made.id, day(3, 1), pct, ProgressBasis::physical, ""),
                           "progress");
        must(p().projects.verify_progress(std::nullopt, report.id), "verify");
        return {made, report.id};
    }
    ContractFields contract_fields(const std::string& project_id, const std::string& counterparty, int64_t value_fen,
                                   ContractCategory category = ContractCategory::construction, Date award = day(2, 15)) {
        ContractFields out;
        out.project_id = project_id;
        out.counterparty_org_id = counterparty;
        out.title = "Works";
        out.category = category;
        out.value_fen = value_fen;
        out.retention_bp = 300;
        out.award_date = award;
        out.procurement_method = ProcurementMethod::open_tender;
        out.bid_count = 4;
        out.tender_days = 20;
        return out;
    }
    Contract contract(const std::string& project_id, const std::string& counterparty, int64_t value_fen,
                      ContractCategory category = ContractCategory::construction, Date award = day(2, 15)) {
        return must(p().contracts.create(std::nullopt, contract_fields(project_id, counterparty, value_fen, category, award)),
                    "contract");
    }
    Invoice invoice(const Contract& contract, const std::string& number, int64_t amount_fen, Date issued = day(4, 1),
                    std::optional<std::string> payee = std::nullopt) {
        return must(p().contracts.add_invoice(std::nullopt, InvoiceFields{contract.id,
                                                                          payee.value_or(contract.fields.counterparty_org_id),
                                                                          number, amount_fen, issued}),
                    "invoice");
    }
    PaymentRequestFields request_fields(const Contract& contract, const Invoice& invoice, const std::string& progress_id,
                                        int64_t amount_fen, Date on = day(4, 5)) {
        PaymentRequestFields out;
        out.contract_id = contract.id;
        out.invoice_id = invoice.id;
        out.progress_id = progress_id;
        out.payee_org_id = invoice.fields.payee_org_id;
        out.amount_fen = amount_fen;
        out.requested_on = on;
        return out;
    }
    // Submitted by the Shache officer; returns the outcome.
    SubmitOutcome submit(const PaymentRequestFields& fields) {
        return must(p().payments.submit(shache_officer, fields), "submit");
    }
    static std::vector<std::string> rules_of(const std::vector<RiskFlag>& flags) {
        std::vector<std::string> out;
        for (const auto& flag : flags) out.push_back(flag.rule);
        return out;
    }

    RecordingFunds funds;
    AuditLog audit;
    std::string shache_agency, zepu_agency, builder, supplier, other_builder, household;
    std::optional<access::Principal> admin, fund, fund2, auditor, shache_officer, zepu_officer, contractor, other_contractor;

private:
    std::unique_ptr<Projects> projects_;
};

}  // namespace kl::projects::testing
