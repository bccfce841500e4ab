#pragma once
// A live event for the at-the-event tests: FairTest's organisations and products made sellable
// (active, graded, listed for the fair channels; counties, districts and channels set), two
// exhibitors and three buyers with a published schedule of six meetings, the event moved to live,
// and the outcome service and reporter over the same store (orders through the real OrderService).

#include <memory>

#include "fair/fair_fixture.h"
#include "fair/fair_outcome_service.h"
#include "orders/order_service.h"

namespace kl::fair::testing {

// 2026-10-10 10:00 Beijing time: the event's first day.
inline constexpr int64_t event_day_ms = 1'791'597'600'000;

class FairAtEventTest : public FairCastTest {
protected:
    void SetUp() override {
        FairCastTest::SetUp();
        trail_ = std::make_unique<audit::AuditTrail>(db().backend(), stack().clock);
        orders_ = std::make_unique<orders::OrderService>(db(), stack().clock, stack().ids);
        at_event_ = std::make_unique<FairAtEvent>(db(), stack().clock, stack().ids, *trail_, *orders_);
        make_sellable();
        county_officer_org = org(OrgKind::agency, "Yecheng branch command");
        sql("UPDATE organisations SET county_code = 'yecheng' WHERE id = $1", {county_officer_org});
        yecheng_officer = person(Role::county_officer, "yecheng-officer", county_officer_org);
        logistics_org = org(OrgKind::logistics, "Kashgar Port");
        carrier = person(Role::logistics, "carrier", logistics_org);

        must(events().move_state(organiser, event.id, EventState::scheduling));
        ScheduleRun run = must(fairs().schedules.run_now(organiser, event.id, std::nullopt));
        must(fairs().schedules.publish(organiser, event.id, run.id));
        meetings = must(fairs().schedules.meetings(organiser, event.id, run.id, 200, std::nullopt)).items;
        stack().clock.set_ms(event_day_ms);
    }
    void TearDown() override {
        at_event_.reset();
        orders_.reset();
        FairCastTest::TearDown();
    }

    FairOutcomeService& outcomes() { return at_event_->outcomes; }
    FairReporter& reports() { return at_event_->reports; }
    orders::OrderService& order_service() { return *orders_; }
    void go_live() { must(events().move_state(organiser, event.id, EventState::live)); }

    // The published meeting of the exhibitor and buyer.
    const StoredMeeting& meeting(const Attendee& exhibitor, const Attendee& buyer) const {
        for (const auto& m : meetings) {
            if (m.exhibitor_id == exhibitor.id && m.buyer_id == buyer.id) return m;
        }
        throw std::runtime_error("no such meeting");
    }
    static SaleInput sale(const std::string& product, int64_t quantity, int64_t unit_price_fen) {
        SaleInput input;
        input.lines.push_back(SaleLine{product, std::nullopt, quantity, unit_price_fen});
        return input;
    }
    void sql(const std::string& text, const store::Params& params) {
        must(db().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute(text, params));
            return ok();
        }));
    }

    std::string county_officer_org, logistics_org;
    std::optional<access::Principal> yecheng_officer, carrier;
    std::vector<StoredMeeting> meetings;

private:
    // Walnuts (Yecheng) and melons (Zepu) become active products with grades A (best) and B, listed
    // for both fair channels; the canteen is in Minhang (group dining), the market in Putuo (a fresh
    // market).
    void make_sellable() {
        for (const std::string& product : {walnut_product, melon_product}) {
            // A brand standard (the columns its CHECKs ask for) and active.
            sql("UPDATE products SET status = 'active', standard_version = 1, packaging_type = 'carton', packaging_net_g = 1000, storage_temp_min_c_x10 = 0, storage_temp_max_c_x10 = 250, storage_humidity_min_pct = 30, storage_humidity_max_pct = 70, shelf_life_days = 180, cold_chain = 'ambient', min_order_quantity = 1, standard_updated_at_ms = 0 WHERE id = $1", {product});
            sql("INSERT INTO product_grades (product_id, code, grade_rank, name_zh, name_en, list_price_fen) VALUES "
                "($1, 'A', 1, '一级', 'Grade A', 3000), ($1, 'B', 2, '二级', 'Grade B', 2000)",
                {product});
            sql("INSERT INTO product_channels (product_id, channel) VALUES ($1, 'fair_intent'), ($1, 'fair_onsite')", {product});
        }
        sql("UPDATE organisations SET county_code = 'yecheng' WHERE id = $1", {walnut_org});
        sql("UPDATE organisations SET county_code = 'zepu' WHERE id = $1", {melon_org});
        sql("UPDATE organisations SET district_code = 'minhang', channel = 'group_dining' WHERE id = $1", {canteen_org});
        sql("UPDATE organisations SET district_code = 'putuo', channel = 'fresh_market' WHERE id = $1", {market_org});
    }

    std::unique_ptr<audit::AuditTrail> trail_;
    std::unique_ptr<orders::OrderService> orders_;
    std::unique_ptr<FairAtEvent> at_event_;
};

}  // namespace kl::fair::testing
