#pragma once
// The real server with the ledger, funds and audit routes (AccessWorld with ApiDeps::ledger and
// ::funds set) and a small programme seeded through the services: funds received, quota granted to
// the Front Command and allocated to Shache and Zepu, project PS in Shache and PZ in Zepu, one
// payment each. The county officer's agency is Shache's branch; its "other" agency is Zepu's. The
// audit trail signs with test_signing_seed (ledger_fixture.h).

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "funds/funds_accounts.h"
#include "ledger/ledger_fixture.h"
#include "support/access_fixture.h"

namespace kl::ledger::testing {

struct LedgerServices {
    audit::AuditTrail* audit = nullptr;
    LedgerService* ledger = nullptr;
    funds::FundsService* funds = nullptr;
};

inline test::WorldOptions ledger_world_options(const std::string& backend, LedgerServices* out) {
    test::WorldOptions options = test::on_backend(backend);
    options.services = [out](http::ApiDeps& deps, test::AccessWorld& world) {
        const auto* signer = world.make<std::unique_ptr<audit::AuditSigner>>(test_signer()).get();
        out->audit = &world.make<audit::AuditTrail>(world.store().backend(), world.clock(), signer);
        out->ledger = &world.make<LedgerService>(world.store(), world.clock(), *out->audit);
        out->funds = &world.make<funds::FundsService>(world.store(), world.clock(), *out->ledger);
        deps.ledger = out->ledger;
        deps.funds = out->funds;
    };
    return options;
}

class LedgerWorld {
public:
    explicit LedgerWorld(const std::string& backend)
        : world_(std::make_unique<test::AccessWorld>(ledger_world_options(backend, &services_))) {
        seed();
    }
    test::AccessWorld& world() { return *world_; }
    LedgerServices& services() { return services_; }
    int64_t count(const std::string& table) {
        auto rows = world_->store().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) AS n FROM " + table); });
        if (!rows) throw std::runtime_error(rows.error().message);
        return (*rows)[0].i64("n");
    }
    static std::string master() { return funds::account_id_of(funds::programme_key("master")); }
    static std::string source() { return funds::account_id_of(funds::programme_key("cash_source")); }

private:
    void must(Result<void> done, const std::string& what) {
        if (!done) throw std::runtime_error("seeding " + what + ": " + done.error().message);
    }
    void seed() {
        auto& store = world_->store();
        using access::Role;
        must(store.write([&](store::Tx& tx) -> Result<void> {
                 KL_TRY(tx.execute("UPDATE organisations SET county_code = 'shache' WHERE id = $1",
                                   {world_->org_for(Role::county_officer, test::Target::own)}));
                 KL_TRY(tx.execute("UPDATE organisations SET county_code = 'zepu' WHERE id = $1",
                                   {world_->org_for(Role::county_officer, test::Target::other)}));
                 auto& f = *services_.funds;
                 KL_TRY(f.receive_funds(tx, id_of(1), 10'000'000, "seed"));
                 KL_TRY(f.grant_quota(tx, id_of(2), 8'000'000, "seed"));
                 KL_TRY(f.allocate_county_quota(tx, id_of(3), "shache", 3'000'000, "seed"));
                 KL_TRY(f.allocate_county_quota(tx, id_of(4), "zepu", 3'000'000, "seed"));
                 KL_TRY(f.open_project_accounts(tx, "PS", "shache", 1'000'000));
                 KL_TRY(f.open_project_accounts(tx, "PZ", "zepu", 1'000'000));
                 KL_TRY(f.pay_contractor(tx, funds::PaymentOrder{id_of(5), "PS", "shache", "org-s", 100'000}));
                 KL_TRY(f.pay_contractor(tx, funds::PaymentOrder{id_of(6), "PZ", "zepu", "org-z", 200'000}));
                 return ok();
             }),
             "programme");
    }

    LedgerServices services_;
    std::unique_ptr<test::AccessWorld> world_;
};

}  // namespace kl::ledger::testing
