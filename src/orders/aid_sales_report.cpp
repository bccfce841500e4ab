#include "orders/aid_sales_report.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "store/sql.h"

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

std::string column_of(AidGroup group) {
    switch (group) {
        case AidGroup::county: return "county";
        case AidGroup::district: return "district";
        case AidGroup::channel: return "channel";
        case AidGroup::category: return "category_id";
        case AidGroup::month: return "sale_month";
        case AidGroup::buyer: return "buyer_id";
    }
    return "county";
}

using NameMap = std::map<std::string, std::string>;

Result<NameMap> names_from(store::Tx& tx, const std::string& sql, const store::Params& params = {}) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
    NameMap out;
    for (const auto& row : rows) out[row.text(0)] = row.text(1);
    return out;
}

// Display names for the groups' keys (only the groups present are looked up).
Result<void> label_rows(store::Tx& tx, AidSalesReport& report) {
    std::map<AidGroup, NameMap> names;
    for (size_t at = 0; at < report.query.group_by.size(); ++at) {
        const AidGroup group = report.query.group_by[at];
        if (group == AidGroup::county) { KL_TRY_ASSIGN(names[group], names_from(tx, "SELECT code, name_zh FROM counties")); }
        if (group == AidGroup::district) { KL_TRY_ASSIGN(names[group], names_from(tx, "SELECT code, name_zh FROM districts")); }
        if (group == AidGroup::category) { KL_TRY_ASSIGN(names[group], names_from(tx, "SELECT id, name_zh FROM categories")); }
        if (group == AidGroup::buyer) {
            std::set<std::string> ids;
            for (const auto& row : report.rows) ids.insert(row.keys[at]);
            store::SqlQuery params;
            std::string in;
            for (const auto& id : ids) in += (in.empty() ? "" : ", ") + params.bind(id);
            if (!in.empty()) {
                KL_TRY_ASSIGN(names[group], names_from(tx, "SELECT id, name FROM organisations WHERE id IN (" + in + ")",
                                                       params.params()));
            }
        }
    }
    for (auto& row : report.rows) {
        for (size_t i = 0; i < report.query.group_by.size(); ++i) {
            const auto found = names.find(report.query.group_by[i]);
            std::string label = row.keys[i];
            if (found != names.end()) {
                auto name = found->second.find(row.keys[i]);
                if (name != found->second.end()) label = name->second;
            }
            row.labels.push_back(std::move(label));
        }
    }
    return ok();
}

Result<std::pair<std::string, store::Params>> scope_of(store::Tx& tx, const Actor& actor) {
    using access::Role;
    if (!actor || access::is_programme_wide(actor->role)) return std::make_pair(std::string(), store::Params{});
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case Role::buyer: return std::make_pair(std::string("buyer_id = "), store::Params{org});
        case Role::producer: return std::make_pair(std::string("seller_id = "), store::Params{org});
        case Role::county_officer: {
            KL_TRY_ASSIGN(std::optional<std::string> county, catalog::officer_county(tx, *actor));
            if (!county) return std::make_pair(std::string("1 = 0"), store::Params{});
            return std::make_pair(std::string("county = "), store::Params{*county});
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

Result<AidSalesReport> AidSalesReporter::run(store::Tx& tx, const AidSalesQuery& query,
                                             const std::string& scope_condition, const store::Params& scope_params) {
    store::SqlQuery params;
    std::string where = "sale_date >= " + params.bind(kl::format_date(query.from)) +
                        " AND sale_date <= " + params.bind(kl::format_date(query.to));
    // The scope condition ends with "= " and takes one parameter, or is a whole condition.
    if (!scope_condition.empty()) {
        where += " AND " + scope_condition + (scope_params.empty() ? "" : params.bind(scope_params.front()));
    }
    if (query.county) where += " AND county = " + params.bind(*query.county);
    if (query.district) where += " AND district = " + params.bind(*query.district);
    if (query.channel) where += " AND channel = " + params.bind(std::string(catalog::to_string(*query.channel)));
    if (query.category) where += " AND category_id = " + params.bind(*query.category);
    if (query.buyer_id) where += " AND buyer_id = " + params.bind(*query.buyer_id);
    std::string keys;
    for (const AidGroup group : query.group_by) keys += (keys.empty() ? "" : ", ") + column_of(group);
    // SUM of BIGINT is NUMERIC on PostgreSQL: cast back so both backends return integers.
    std::string sql = "SELECT " + (keys.empty() ? "" : keys + ", ") +
                      "CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT), CAST(COALESCE(SUM(quantity_g), 0) AS BIGINT), "
                      "COUNT(*) FROM aid_sales WHERE " + where;
    if (!keys.empty()) {
        sql += " GROUP BY " + keys + " ORDER BY " + keys + " LIMIT " +
               params.bind(static_cast<int64_t>(aid_report_rows_max + 1));
    }
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params.params()));
    if (rows.size() > aid_report_rows_max) {
        return fail(ErrorCode::resource_exhausted, "the grouping yields more than " +
                                                       std::to_string(aid_report_rows_max) + " rows; group by less");
    }
    AidSalesReport report;
    report.query = query;
    const size_t width = query.group_by.size();
    for (const auto& row : rows) {
        AidSalesRow out;
        for (size_t i = 0; i < width; ++i) out.keys.push_back(row.text(i));
        out.amount_fen = row.i64(width);
        out.quantity_g = row.i64(width + 1);
        out.lines = row.i64(width + 2);
        if (keys.empty() && out.lines == 0) continue;  // no sales: no totals row either
        report.amount_fen += out.amount_fen;
        report.quantity_g += out.quantity_g;
        report.lines += out.lines;
        report.rows.push_back(std::move(out));
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
        return run(tx, query, scope.first, scope.second);
    });
}

}  // namespace kl::orders
