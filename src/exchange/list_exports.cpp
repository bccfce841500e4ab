// ExchangeService::export_list: the lists that are exported but not imported (reference data,
// categories, users), each with the columns of its JSON list.
#include "access/page_cursor.h"
#include "core/clock.h"
#include "sheets/csv.h"
#include "exchange/exchange_service.h"

namespace kl::exchange {

namespace {

sheets::Table places(const std::string& sheet, const std::vector<catalog::County>& all) {
    sheets::Table table{sheet, {{"code", false}, {"division_code", false}, {"name_zh", false}, {"name_en", false}}, {}};
    for (const auto& place : all) {
        table.rows.push_back({place.code, place.division_code, sheets::protect_text(place.name_zh), sheets::protect_text(place.name_en)});
    }
    return table;
}

sheets::Table categories_table(const std::vector<catalog::Category>& all) {
    sheets::Table table{"categories",
                {{"id", false}, {"parent_id", false}, {"name_zh", false}, {"name_en", false}, {"sort_order", true}},
                {}};
    for (const auto& category : all) {
        const catalog::CategoryFields& fields = category.fields;
        table.rows.push_back({category.id, fields.parent_id.value_or(""), sheets::protect_text(fields.name_zh),
                              sheets::protect_text(fields.name_en), std::to_string(fields.sort_order)});
    }
    return table;
}

Result<sheets::Table> users_table(access::UserService& users, const std::optional<access::Principal>& actor) {
    sheets::Table table{"users",
                {{"id", false}, {"username", false}, {"display_name", false}, {"role", false}, {"org_id", false},
                 {"disabled", false}, {"created_at", false}},
                {}};
    std::optional<std::string> cursor;
    do {
        KL_TRY_ASSIGN(access::UserPage page, users.list(actor, access::page_limit_max, cursor));
        for (const auto& user : page.users) {
            table.rows.push_back({user.id, user.username, sheets::protect_text(user.display_name),
                                  std::string(access::to_string(user.role)), user.org_id.value_or(""),
                                  user.disabled ? "true" : "false", format_utc_iso8601(user.created_at_ms)});
        }
        if (table.rows.size() > export_rows_max) {
            return fail(ErrorCode::resource_exhausted, "more than " + std::to_string(export_rows_max) + " users");
        }
        cursor = page.next_cursor;
    } while (cursor);
    return table;
}

}  // namespace

Result<sheets::Table> ExchangeService::export_list(const std::optional<access::Principal>& actor, SimpleList list) {
    switch (list) {
        case SimpleList::counties: {
            KL_TRY_ASSIGN(auto all, catalog_.reference.counties());
            return places("counties", all);
        }
        case SimpleList::districts: {
            KL_TRY_ASSIGN(auto all, catalog_.reference.districts());
            return places("districts", all);
        }
        case SimpleList::categories: {
            KL_TRY_ASSIGN(auto all, catalog_.categories.list());
            return categories_table(all);
        }
        case SimpleList::users:
            return users_table(users_, actor);
    }
    KL_ASSERT(false && "every list has an export");
    return fail(ErrorCode::internal, "unknown list");
}

}  // namespace kl::exchange
