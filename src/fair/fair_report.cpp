#include "fair/fair_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "catalog/category_repo.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "catalog/reference_repo.h"
#include "fair/fair_outcome_repo.h"
#include "fair/fair_repo.h"
#include "fair/schedule_repo.h"
#include "orders/order_repo.h"

namespace kl::fair {

namespace {

// The Monday of the date's week.
Date monday_of(Date date) {
    const int64_t from_monday = ((date.days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    return Date{date.days - from_monday};
}

struct Names {
    std::string zh, en;
};

Names channel_names(const std::string& key) {
    static const std::map<std::string, Names> names = {
        {"wholesale_market", {"批发市场", "Wholesale markets"}}, {"supermarket", {"商超", "Supermarkets"}},
        {"ecommerce", {"电商", "E-commerce"}},                   {"fresh_market", {"菜市场", "Fresh markets"}},
        {"cooperative", {"供销社", "Supply and marketing cooperatives"}},
        {"group_dining", {"团餐", "Group dining"}},              {"vending_counter", {"消费帮扶专柜", "Vending machines and counters"}},
        {"budget_unit", {"预算单位", "Budget units"}},           {"walk_in", {"现场零售散客", "Walk-in customers"}},
        {"none", {"未注明渠道", "No channel given"}}};
    auto found = names.find(key);
    return found == names.end() ? Names{key, key} : found->second;
}

// Names of the counties, organisations and categories the report shows, each read once.
class NameBook {
public:
    explicit NameBook(store::Tx& tx) : tx_(tx) {}
    Result<catalog::OrganisationProfile> org(const std::string& id) {
        if (auto found = orgs_.find(id); found != orgs_.end()) return found->second;
        KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> profile, catalog::find_profile(tx_, id));
        KL_ASSERT(profile.has_value());  // participants and orders reference organisations
        return orgs_.emplace(id, std::move(*profile)).first->second;
    }
    Result<Names> county(const std::string& code) {
        if (auto found = counties_.find(code); found != counties_.end()) return found->second;
        Names names{code, code};
        if (code == "none") names = {"未注明县", "No county"};
        KL_TRY_ASSIGN(std::optional<catalog::County> county, catalog::find_county(tx_, code));
        if (county) names = {county->name_zh, county->name_en};
        return counties_.emplace(code, names).first->second;
    }
    Result<catalog::Product> product(const std::string& id) {
        if (auto found = products_.find(id); found != products_.end()) return found->second;
        KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx_, id));
        KL_ASSERT(product.has_value());  // order lines reference products
        return products_.emplace(id, std::move(*product)).first->second;
    }
    Result<Names> category(const std::string& id) {
        if (auto found = categories_.find(id); found != categories_.end()) return found->second;
        KL_TRY_ASSIGN(std::optional<catalog::Category> category, catalog::find_category(tx_, id));
        Names names = category ? Names{category->fields.name_zh, category->fields.name_en} : Names{id, id};
        return categories_.emplace(id, names).first->second;
    }

private:
    store::Tx& tx_;
    std::map<std::string, catalog::OrganisationProfile> orgs_;
    std::map<std::string, Names> counties_, categories_;
    std::map<std::string, catalog::Product> products_;
};

void add_to(FigureRow& row, FairOrderKind kind, int64_t amount_fen) {
    if (kind == FairOrderKind::intent) {
        row.intent_orders += 1;
        row.intended_fen += amount_fen;
    } else {
        row.onsite_orders += 1;
        row.onsite_fen += amount_fen;
    }
}

FigureRow& row_of(std::map<std::string, FigureRow>& rows, const std::string& key, const Names& names) {
    auto [it, added] = rows.try_emplace(key);
    if (added) it->second = FigureRow{key, names.zh, names.en};
    return it->second;
}

std::vector<FigureRow> values_of(const std::map<std::string, FigureRow>& rows) {
    std::vector<FigureRow> out;
    for (const auto& [key, row] : rows) out.push_back(row);
    return out;
}

// The Beijing date of the first step of the order's timeline that reached `status`.
std::optional<Date> reached_on(const orders::Order& order, orders::OrderStatus status) {
    for (const auto& event : order.events) {
        if (event.to == status && event.from != status) return shanghai_date(event.at_ms);
    }
    return std::nullopt;
}

struct Scope {
    std::optional<std::string> county;  // nullopt: the whole event
    std::set<std::string> exhibitors;   // in scope
};

Result<Scope> scope_of(store::Tx& tx, const Actor& actor, const Event& event, NameBook& names,
                       const std::vector<Attendee>& attendees) {
    Scope scope;
    if (!is_organiser(actor, event) && !access::is_programme_wide(actor->role)) {
        if (actor->role != access::Role::county_officer) {
            return fail(ErrorCode::permission_denied, "an event's report is for its organisers, programme-wide readers and county officers");
        }
        KL_TRY_ASSIGN(std::optional<std::string> county, catalog::officer_county(tx, *actor));
        scope.county = county.value_or("");  // an agency without a county sees no exhibitor
    }
    for (const auto& a : attendees) {
        if (a.side != Side::exhibitor) continue;
        KL_TRY_ASSIGN(catalog::OrganisationProfile org, names.org(a.org_id));
        if (!scope.county || org.fields.county == scope.county) scope.exhibitors.insert(a.id);
    }
    return scope;
}

Result<void> count_meetings(store::Tx& tx, const Event& event, const Scope& scope, FairReport& report,
                            std::set<std::string>& buyers_met) {
    if (!event.published_schedule_id) return ok();
    KL_TRY_ASSIGN(std::vector<StoredMeeting> meetings, schedule_meetings_all(tx, *event.published_schedule_id));
    KL_TRY_ASSIGN(auto outcomes, latest_outcomes(tx, event.id));
    for (const auto& meeting : meetings) {
        if (scope.exhibitors.count(meeting.exhibitor_id) == 0) continue;
        buyers_met.insert(meeting.buyer_id);
        report.meetings_scheduled += 1;
        auto found = outcomes.find(meeting.id);
        if (found == outcomes.end()) report.meetings_unrecorded += 1;
        else if (found->second.outcome == Outcome::no_show) report.meetings_no_show += 1;
        else {
            report.meetings_held += 1;
            if (found->second.outcome == Outcome::follow_up) report.meetings_follow_up += 1;
        }
    }
    return ok();
}

void count_conversion(const orders::Order& order, FairReport& report, std::map<int64_t, WeekRow>& weeks) {
    const int64_t amount = order.total_fen;
    using orders::OrderStatus;
    if (order.status == OrderStatus::intent) {
        report.intents_open += 1;
        report.intents_open_fen += amount;
    }
    if (order.status == OrderStatus::cancelled) {
        report.intents_cancelled += 1;
        report.intents_cancelled_fen += amount;
    }
    // A step (confirm, pay) counted in the report's totals and in its Beijing week.
    const auto step = [&](OrderStatus status, int64_t& count, int64_t& fen, int64_t WeekRow::*week_orders, int64_t WeekRow::*week_fen) {
        const std::optional<Date> on = reached_on(order, status);
        if (!on) return;
        count += 1;
        fen += amount;
        WeekRow& week = weeks[monday_of(*on).days];
        week.*week_orders += 1;
        week.*week_fen += amount;
    };
    step(OrderStatus::confirmed, report.intents_confirmed, report.intents_confirmed_fen, &WeekRow::confirmed_orders, &WeekRow::confirmed_fen);
    step(OrderStatus::paid, report.intents_paid, report.intents_paid_fen, &WeekRow::paid_orders, &WeekRow::paid_fen);
}

// The weeks from the event's first through the last with a step, each with its running totals.
std::vector<WeekRow> week_rows(const Event& event, std::map<int64_t, WeekRow>& weeks) {
    std::vector<WeekRow> out;
    // From the event's week, or an earlier one holding a step (an intent confirmed on a clock set
    // before the event): every step is in some row.
    const int64_t first = weeks.empty() ? monday_of(event.starts_on).days : std::min(monday_of(event.starts_on).days, weeks.begin()->first);
    const int64_t last = weeks.empty() ? first : std::max(first, weeks.rbegin()->first);
    WeekRow running;
    for (int64_t monday = first; monday <= last; monday += 7) {
        WeekRow row = weeks.count(monday) ? weeks[monday] : WeekRow{};
        row.week_of = Date{monday};
        running.confirmed_orders += row.confirmed_orders;
        running.confirmed_fen += row.confirmed_fen;
        running.paid_orders += row.paid_orders;
        running.paid_fen += row.paid_fen;
        row.confirmed_orders_to_date = running.confirmed_orders;
        row.confirmed_fen_to_date = running.confirmed_fen;
        row.paid_orders_to_date = running.paid_orders;
        row.paid_fen_to_date = running.paid_fen;
        out.push_back(row);
    }
    return out;
}

struct Groups {
    std::map<std::string, FigureRow> county, exhibitor, channel, category;
    std::map<int64_t, WeekRow> weeks;
};

Result<void> count_order(NameBook& names, const FairOrder& link, const orders::Order& order,
                         const std::map<std::string, const Attendee*>& exhibitors, FairReport& report, Groups& groups) {
    add_to(report.total, link.kind, order.total_fen);
    KL_TRY_ASSIGN(catalog::OrganisationProfile seller, names.org(link.seller_org_id));
    const std::string county = seller.fields.county.value_or("none");
    KL_TRY_ASSIGN(Names county_names, names.county(county));
    add_to(row_of(groups.county, county, county_names), link.kind, order.total_fen);
    const Attendee* exhibitor = exhibitors.at(link.exhibitor_id);
    const std::string en = seller.fields.name_en.empty() ? seller.fields.name : seller.fields.name_en;
    add_to(row_of(groups.exhibitor, exhibitor->id, Names{seller.fields.name, en}), link.kind, order.total_fen);
    KL_TRY_ASSIGN(catalog::OrganisationProfile buyer, names.org(link.buyer_org_id));
    const std::string channel = link.walk_in ? "walk_in" : buyer.fields.channel ? std::string(to_string(*buyer.fields.channel)) : "none";
    add_to(row_of(groups.channel, channel, channel_names(channel)), link.kind, order.total_fen);
    std::map<std::string, int64_t> by_category;
    for (const auto& line : order.lines) {
        KL_TRY_ASSIGN(catalog::Product product, names.product(line.product_id));
        by_category[product.fields.category_id] += line.amount_fen;
    }
    for (const auto& [category, amount] : by_category) {
        KL_TRY_ASSIGN(Names category_names, names.category(category));
        add_to(row_of(groups.category, category, category_names), link.kind, amount);
    }
    if (link.kind == FairOrderKind::intent) count_conversion(order, report, groups.weeks);
    return ok();
}

}  // namespace

Result<FairReport> FairReporter::report(const Actor& actor, const std::string& event_id) {
    return store_.read([&](store::Tx& tx) -> Result<FairReport> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        NameBook names(tx);
        KL_TRY_ASSIGN(std::vector<Attendee> attendees, all_attendees(tx, event_id));
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor, event, names, attendees));
        FairReport report;
        report.event_id = event.id;
        report.name_zh = event.name_zh;
        report.name_en = event.name_en;
        report.kind = event.kind;
        report.state = event.state;
        report.starts_on = event.starts_on;
        report.ends_on = event.ends_on;
        report.county = scope.county;
        report.total = FigureRow{"all", "合计", "Total"};
        std::set<std::string> buyers_met;  // a county's report: the buyers its exhibitors met or sold to
        KL_TRY(count_meetings(tx, event, scope, report, buyers_met));

        KL_TRY_ASSIGN(std::vector<FairOrder> links,
                      select_fair_orders(tx, event_id, orders::OrderVisibility{orders::OrderVisibility::Kind::every, {}}, {}, std::nullopt, 0));
        if (links.size() > report_orders_max) {
            return fail(ErrorCode::resource_exhausted, "the event has more than " + std::to_string(report_orders_max) + " orders");
        }
        std::map<std::string, const Attendee*> exhibitors;
        for (const auto& a : attendees) exhibitors[a.id] = &a;
        Groups groups;
        for (const auto& link : links) {
            if (scope.exhibitors.count(link.exhibitor_id) == 0) continue;
            if (link.buyer_participant_id) buyers_met.insert(*link.buyer_participant_id);
            KL_TRY_ASSIGN(std::optional<orders::Order> order, orders::find_order(tx, link.order_id, true));
            KL_ASSERT(order.has_value());  // fair_orders.order_id references orders
            KL_TRY(count_order(names, link, *order, exhibitors, report, groups));
        }
        for (const auto& a : attendees) {
            if (a.withdrawn) continue;
            const bool in_scope = a.side == Side::exhibitor ? scope.exhibitors.count(a.id) > 0 : !scope.county || buyers_met.count(a.id) > 0;
            if (!in_scope) continue;
            (a.side == Side::exhibitor ? report.exhibitors : report.buyers) += 1;
            if (a.checked_in_at_ms) (a.side == Side::exhibitor ? report.exhibitors_checked_in : report.buyers_checked_in) += 1;
        }
        report.by_county = values_of(groups.county);
        report.by_exhibitor = values_of(groups.exhibitor);
        report.by_buyer_channel = values_of(groups.channel);
        report.by_category = values_of(groups.category);
        report.conversion_by_week = week_rows(event, groups.weeks);
        return report;
    });
}

sheets::Table fair_report_table(const FairReport& r) {
    sheets::Table table;
    table.sheet_name = "fair report";
    table.columns = {{"section"},
                     {"key"},
                     {"name_zh"},
                     {"name_en"},
                     {"count", true},
                     {"intent_orders", true},
                     {"intended_fen", true},
                     {"onsite_orders", true},
                     {"onsite_fen", true},
                     {"confirmed_orders", true},
                     {"confirmed_fen", true},
                     {"paid_orders", true},
                     {"paid_fen", true}};
    const auto n = [](int64_t v) { return std::to_string(v); };
    const auto count_row = [&](const std::string& section, const std::string& key, const std::string& zh, const std::string& en,
                               int64_t count) {
        table.rows.push_back({section, key, zh, en, n(count), "", "", "", "", "", "", "", ""});
    };
    count_row("participants", "exhibitors", "参展企业", "Exhibitors", r.exhibitors);
    count_row("participants", "exhibitors_checked_in", "已签到参展企业", "Exhibitors checked in", r.exhibitors_checked_in);
    count_row("participants", "buyers", "采购商代表", "Buyer representatives", r.buyers);
    count_row("participants", "buyers_checked_in", "已签到采购商代表", "Buyer representatives checked in", r.buyers_checked_in);
    count_row("meetings", "scheduled", "已排洽谈", "Meetings scheduled", r.meetings_scheduled);
    count_row("meetings", "held", "已举行", "Held", r.meetings_held);
    count_row("meetings", "follow_up", "其中需跟进", "Of which follow-up", r.meetings_follow_up);
    count_row("meetings", "no_show", "缺席", "No-show", r.meetings_no_show);
    count_row("meetings", "unrecorded", "未记录结果", "No outcome recorded", r.meetings_unrecorded);
    const auto figure_row = [&](const std::string& section, const FigureRow& f) {
        table.rows.push_back({section, f.key, f.name_zh, f.name_en, "", n(f.intent_orders), n(f.intended_fen), n(f.onsite_orders),
                              n(f.onsite_fen), "", "", "", ""});
    };
    figure_row("total", r.total);
    const auto conversion_row = [&](const std::string& key, const std::string& zh, const std::string& en, int64_t count, int64_t fen) {
        table.rows.push_back({"conversion", key, zh, en, n(count), "", n(fen), "", "", "", "", "", ""});
    };
    conversion_row("open", "仍为意向", "Still intended", r.intents_open, r.intents_open_fen);
    conversion_row("confirmed", "已确认", "Confirmed", r.intents_confirmed, r.intents_confirmed_fen);
    conversion_row("paid", "已付款", "Paid", r.intents_paid, r.intents_paid_fen);
    conversion_row("cancelled", "已取消", "Cancelled", r.intents_cancelled, r.intents_cancelled_fen);
    for (const auto& f : r.by_county) figure_row("county", f);
    for (const auto& f : r.by_exhibitor) figure_row("exhibitor", f);
    for (const auto& f : r.by_buyer_channel) figure_row("buyer_channel", f);
    for (const auto& f : r.by_category) figure_row("category", f);
    for (const auto& w : r.conversion_by_week) {
        const std::string day = format_date(w.week_of);
        table.rows.push_back({"week", day, day + " 起一周", "Week of " + day, "", "", "", "", "", n(w.confirmed_orders),
                              n(w.confirmed_fen), n(w.paid_orders), n(w.paid_fen)});
    }
    return table;
}

}  // namespace kl::fair
