#pragma once
// A store (SQLite and PostgreSQL) with the fair services over it, organisations of both sides, their
// users and catalogue products, and helpers that build an event with sessions and tables.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "audit/audit_trail.h"
#include "core/civil_date.h"
#include "fair/fair.h"
#include "support/access_stack.h"

namespace kl::fair::testing {

using access::OrgKind;
using access::Role;

template <typename T>
T must(Result<T> result, const std::string& what = "fair") {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
    return std::move(*result);
}
inline void must(Result<void> result, const std::string& what = "fair") {
    if (!result) throw std::runtime_error(what + ": " + result.error().message);
}

inline Date on(unsigned month, unsigned day) { return date_from_civil(2026, month, day); }

class FairTest : public test::AccessBackendTest {
protected:
    void SetUp() override {
        test::AccessBackendTest::SetUp();
        audit_ = std::make_unique<audit::AuditTrail>(db().backend(), stack().clock);
        fairs_ = std::make_unique<Fairs>(db(), stack().clock, stack().ids, *audit_);
        admin = person(Role::admin, "admin");
        auditor = person(Role::auditor, "auditor");
        organiser_user = test::seed_user(stack(), Role::fund_officer, "organiser");
        organiser = test::principal_of(organiser_user);
        walnut_org = org(OrgKind::enterprise, "Yecheng Walnut Co");
        melon_org = org(OrgKind::cooperative, "Zepu Melon Coop");
        canteen_org = org(OrgKind::buyer, "Minhang Canteens");
        market_org = org(OrgKind::buyer, "Jiangqiao Market");
        walnut = person(Role::producer, "walnut", walnut_org);
        melon = person(Role::producer, "melon", melon_org);
        canteen = person(Role::buyer, "canteen", canteen_org);
        market = person(Role::buyer, "market", market_org);
        walnut_product = product(walnut_org, "nuts_dried_fruit", "Paper-shell walnuts");
        melon_product = product(melon_org, "fresh_fruit", "Hami melon");
    }
    void TearDown() override {
        fairs_.reset();
        test::AccessBackendTest::TearDown();
    }

    FairService& events() { return fairs_->events; }
    Fairs& fairs() { return *fairs_; }

    std::string org(OrgKind kind, const std::string& name) { return test::seed_organisation(stack(), kind, name).id; }
    std::optional<access::Principal> person(Role role, const std::string& username,
                                            const std::optional<std::string>& org_id = std::nullopt) {
        return test::principal_of(test::seed_user(stack(), role, username, org_id));
    }
    std::string product(const std::string& producer, const std::string& category, const std::string& name) {
        const std::string id = stack().ids.next();
        must(db().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, "
                              "status, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, 'kg', 1000, 'draft', 0, 0)",
                              {id, producer, category, name, name}));
            return ok();
        }));
        return id;
    }

    // A matchmaking event on 10–11 October 2026 run by `organiser`: 20-minute slots, 5-minute breaks.
    Event draft_event(const std::string& name = "2026 matchmaking") {
        Event input;
        input.kind = EventKind::matchmaking;
        input.name_zh = name;
        input.name_en = name;
        input.venue = "Shanghai Exhibition Centre";
        input.starts_on = on(10, 10);
        input.ends_on = on(10, 11);
        input.organiser_ids = {organiser_user.id};
        return must(events().create_event(admin, input));
    }
    // The event in registration with one session (09:00–10:40: four slots) and `tables` tables.
    Event open_event(const std::string& name = "2026 matchmaking", int tables = 2, unsigned day = 10,
                     int64_t starts_min = 9 * 60) {
        Event event = draft_event(name);
        must(events().add_session(organiser, event.id, on(10, day), starts_min, starts_min + 100));
        for (int n = 1; n <= tables; ++n) must(events().add_table(organiser, event.id, n, std::nullopt));
        return must(events().move_state(organiser, event.id, EventState::registration));
    }
    Attendee exhibitor(const std::string& org_id, const std::vector<std::string>& products = {}, int64_t max = 4) {
        Attendee a;
        a.side = Side::exhibitor;
        a.org_id = org_id;
        a.booth = "A1";
        a.product_ids = products;
        a.meetings_min = 0;
        a.meetings_max = max;
        return a;
    }
    Attendee buyer(const std::string& org_id, const std::string& name, int64_t max = 4) {
        Attendee a;
        a.side = Side::buyer;
        a.org_id = org_id;
        a.person_name = name;
        a.title = "Purchasing manager";
        a.phone = "13800000000";
        a.meetings_min = 0;
        a.meetings_max = max;
        return a;
    }

    std::optional<access::Principal> admin, auditor, organiser, walnut, melon, canteen, market;
    access::User organiser_user;
    std::string walnut_org, melon_org, canteen_org, market_org, walnut_product, melon_product;

private:
    std::unique_ptr<audit::AuditTrail> audit_;
    std::unique_ptr<Fairs> fairs_;
};

// An open event (four slots, two tables) with two exhibitors (walnuts, melons) and three buyer
// representatives (Li and Zhao of the canteen, Wang of the market), nobody's preferences given yet:
// the cast of the preference tests.
class FairUnratedCastTest : public FairTest {
protected:
    void SetUp() override {
        FairTest::SetUp();
        event = open_event();
        walnuts = must(events().register_attendee(walnut, event.id, exhibitor(walnut_org, {walnut_product})));
        melons = must(events().register_attendee(melon, event.id, exhibitor(melon_org, {melon_product})));
        li = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Li Ming")));
        wang = must(events().register_attendee(market, event.id, buyer(market_org, "Wang Fang")));
        zhao = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Zhao Lei")));
    }

    Event event;
    Attendee walnuts, melons, li, wang, zhao;
};

// The same cast, each buyer rating both exhibitors `meet`: the cast of the schedule and
// at-the-event tests.
class FairCastTest : public FairUnratedCastTest {
protected:
    void SetUp() override {
        FairUnratedCastTest::SetUp();
        for (const Attendee* b : {&li, &wang, &zhao}) {
            must(events().rate(admin, event.id, b->id, walnuts.id, Rating::meet, ""));
            must(events().rate(admin, event.id, b->id, melons.id, Rating::meet, ""));
        }
    }
};

}  // namespace kl::fair::testing
