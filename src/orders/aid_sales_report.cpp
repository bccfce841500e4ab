#include "orders/aid_sales_report.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "orders/aid_sales_repo.h"

namespace kl::orders {

namespace {

constexpr std::array<std::pair<AidGroup, std::string_view>, 6> group_names = {{
    {AidGroup::county, "county"},
    {AidGroup::district, "district"},
    {AidGroup::channel, "channel"},
    {AidGroup::category, "category"},
    {AidGroup::month, "month"},
    {AidGroup::buyer, "buyer"},
}};

// Display names for the groups' keys (only the groups present are looked up).
Result<void> label_rows(store::Tx& tx, AidSalesReport& report) {
    std::vector<std::map<std::string, std::string>> names;
    for (size_t at = 0; at < report.query.group_by.size(); ++at) {
        std::set<std::string> keys;
        for (const auto& row : report.rows) keys.insert(row.keys[at]);
        KL_TRY_ASSIGN(auto found, aid_group_names(tx, report.query.group_by[at], {keys.begin(), keys.end()}));
        names.push_back(std::move(found));
    }
    for (auto& row : report.rows) {
        for (size_t i = 0; i < names.size(); ++i) {
            const auto name = names[i].find(row.keys[i]);
            row.labels.push_back(name != names[i].end() ? name->second : row.keys[i]);
        }
    }
    return ok();
}

Result<AidScope> scope_of(store::Tx& tx, const Actor& actor) {
    using access::Role;
    AidScope scope;
    if (!actor || access::is_programme_wide(actor->role)) return scope;
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case Role::buyer: scope.buyer_id = org; return scope;
        case Role::producer: scope.seller_id = org; return scope;
        case Role::county_officer: {
            KL_TRY_ASSIGN(scope.county, catalog::officer_county(tx, *actor));
            scope.none = !scope.county;
            return scope;
        }
        default:
            return fail(ErrorCode::permission_denied,
                        "role " + std::string(access::to_string(actor->role)) + " has no aid sales to report");
    }
}

}  // namespace

std::string_view to_string(AidGroup group) {
    for (const auto& [item, name] : group_names) {
        if (item == group) return name;
    }
    return "county";
}

Result<AidGroup> parse_aid_group(std::string_view text, const std::string& field) {
    for (const auto& [item, name] : group_names) {
        if (name == text) return item;
    }
    return fail_field(field, ProblemCode::invalid_value, "must be a comma-separated list of county, district, channel, category, month, buyer");
}

Result<std::vector<AidGroup>> parse_aid_groups(std::string_view text, const std::string& field) {
    std::vector<AidGroup> out;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        KL_TRY_ASSIGN(AidGroup group, parse_aid_group(text.substr(start, comma - start), field));
        if (std::find(out.begin(), out.end(), group) != out.end()) return fail_field(field, ProblemCode::repeated, "names a key twice");
        out.push_back(group);
        start = comma + 1;
    }
    return out;
}

Result<AidSalesReport> AidSalesReporter::run(store::Tx& tx, const AidSalesQuery& query, const AidScope& scope) {
    KL_TRY_ASSIGN(auto rows, sum_aid_sales(tx, query, scope, aid_report_rows_max + 1));
    if (rows.size() > aid_report_rows_max) {
        return fail(ErrorCode::resource_exhausted, "the grouping yields more than " +
                                                       std::to_string(aid_report_rows_max) + " rows; group by less");
    }
    AidSalesReport report;
    report.query = query;
    for (auto& row : rows) {
        if (query.group_by.empty() && row.lines == 0) continue;  // no sales: no totals row either
        report.amount_fen += row.amount_fen;
        report.quantity_g += row.quantity_g;
        report.lines += row.lines;
        report.rows.push_back(std::move(row));
    }
    KL_TRY(label_rows(tx, report));
    return report;
}

Result<AidSalesReport> AidSalesReporter::report(const Actor& actor, const AidSalesQuery& query) {
    if (query.to < query.from) return fail_field("to", ProblemCode::before_other_field, "must not be before from");
    if (kl::days_between(query.from, query.to) > aid_report_days_max) {
        return fail_field("to", ProblemCode::above_max, "the range spans at most " + std::to_string(aid_report_days_max) + " days");
    }
    return store_.read([&](store::Tx& tx) -> Result<AidSalesReport> {
        KL_TRY_ASSIGN(auto scope, scope_of(tx, actor));
        KL_TRY(catalog::check_county_filter(tx, actor, query.county));
        return run(tx, query, scope);
    });
}

}  // namespace kl::orders
