// OrderService::import_online_sales: e-commerce and livestream sales from a platform's CSV export.
//
// The sheet (one row per platform order; README "Online sales import"):
//   platform, shop, order_no, channel (ecommerce | livestream), order_date (YYYY-MM-DD),
//   seller_credit_code, buyer_credit_code, product_code (the seller's product code, or the product
//   id), grade, quantity (units of sale), unit_price_fen, delivery_district
// Rows are checked on their own first (shapes, duplicates of (platform, order_no) within the file —
// both rows are named), then applied in ONE transaction; any problem rejects the whole file.
#include <map>
#include <set>
#include <utility>

#include "access/permissions.h"
#include "sheets/cells.h"
#include "sheets/csv.h"
#include "sheets/import_problems.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_code_repo.h"
#include "orders/aid_sales.h"
#include "orders/order_repo.h"
#include "orders/order_service.h"

namespace kl::orders {

namespace {

using sheets::cell_field;
using sheets::CsvRecord;
using sheets::RowReader;

const std::vector<std::string>& sheet_columns() {
    static const std::vector<std::string> columns = {
        "platform", "shop",  "order_no", "channel",  "order_date",     "seller_credit_code",
        "buyer_credit_code", "product_code", "grade", "quantity", "unit_price_fen", "delivery_district"};
    return columns;
}

struct SaleRow {
    size_t row = 0;
    std::string platform, shop, order_no, seller_code, buyer_code, product_code;
    NewOrder order;
};

std::optional<std::string> bounded(RowReader& reader, std::string_view column) {
    auto value = reader.token(column, true);
    if (value && value->size() > reference_chars_max) {
        reader.add(column, "is longer than " + std::to_string(reference_chars_max) + " characters");
        return std::nullopt;
    }
    return value;
}

std::optional<SaleRow> decode_row(const sheets::ColumnIndex& columns, const CsvRecord& record, size_t row,
                                  std::vector<FieldError>& errors) {
    const size_t before = errors.size();
    RowReader reader(columns, record, row, errors);
    SaleRow out;
    out.row = row;
    auto platform = bounded(reader, "platform");
    auto shop = bounded(reader, "shop");
    auto order_no = bounded(reader, "order_no");
    auto channel = reader.parsed("channel", true, enum_parser<catalog::SalesChannel>);
    if (channel && *channel != SalesChannel::ecommerce && *channel != SalesChannel::livestream) {
        reader.add("channel", "must be ecommerce or livestream");
    }
    auto date = reader.parsed("order_date", true, kl::parse_date);
    auto seller = bounded(reader, "seller_credit_code");
    auto buyer = bounded(reader, "buyer_credit_code");
    auto product = bounded(reader, "product_code");
    auto grade = bounded(reader, "grade");
    auto quantity = reader.integer("quantity", true);
    auto price = reader.integer("unit_price_fen", true);
    auto district = bounded(reader, "delivery_district");
    if (errors.size() != before) return std::nullopt;
    out.platform = *platform;
    out.shop = *shop;
    out.order_no = *order_no;
    out.seller_code = *seller;
    out.buyer_code = *buyer;
    out.product_code = *product;
    out.order.channel = *channel;
    out.order.order_date = *date;
    out.order.delivery_date = *date;
    out.order.delivery_district = *district;
    out.order.lines = {NewOrderLine{"", *grade, *quantity, *price}};
    out.order.platform = *platform;
    out.order.shop = *shop;
    out.order.platform_order_no = *order_no;
    return out;
}

std::vector<SaleRow> decode_rows(const sheets::ColumnIndex& columns, const std::vector<CsvRecord>& records,
                                 std::vector<FieldError>& errors) {
    auto decoded = sheets::decode_unique_rows(
        records, [&](const CsvRecord& record, size_t row) { return decode_row(columns, record, row, errors); },
        [](const SaleRow& sale) { return std::make_pair(sale.platform, sale.order_no); },
        [&](const SaleRow& sale, size_t row, size_t first_row) {
            errors.push_back(FieldError{cell_field(first_row, "order_no"), ProblemCode::repeated,
                                        "platform order number " + sale.order_no + " is repeated on row " + std::to_string(row)});
            errors.push_back(FieldError{cell_field(row, "order_no"), ProblemCode::invalid_value,
                                        "platform order number " + sale.order_no + " is already on row " +
                                            std::to_string(first_row)});
        });
    std::vector<SaleRow> rows;
    rows.reserve(decoded.size());
    for (auto& sale : decoded) rows.push_back(std::move(sale.value));
    return rows;
}

// NewOrder field names → sheet columns, for problems the order checks find.
std::string column_for(const std::string& field) {
    if (field == "buyer_id") return "buyer_credit_code";
    if (field == "seller_id") return "seller_credit_code";
    if (field.ends_with("/product_id")) return "product_code";
    if (field.ends_with("/grade")) return "grade";
    if (field.ends_with("/quantity")) return "quantity";
    if (field.ends_with("/unit_price_fen")) return "unit_price_fen";
    if (field == "lines") return "quantity";
    return field;
}

// Marks every line of a settled online sale accepted in full and counts its aid sales.
Result<void> settle(store::Tx& tx, Order& order) {
    for (auto& line : order.lines) line.accepted_quantity = line.quantity;
    order.accepted_fen = order.total_fen;
    KL_TRY(record_acceptance(tx, order));
    KL_TRY(record_aid_sales(tx, order));
    return ok();
}

}  // namespace

Result<OnlineImportReport> OrderService::import_online_sales(const Actor& actor, std::string_view csv_text) {
    KL_TRY(access::require_role(actor, {access::Role::admin, access::Role::producer}));
    KL_TRY_ASSIGN(std::vector<CsvRecord> records, sheets::parse_import_csv(csv_text));
    std::vector<FieldError> problems;
    auto columns = sheets::read_header(records[0], sheet_columns(), sheet_columns(), "the online sales sheet", problems);
    if (!columns) return fail(sheets::rejected_file(std::move(problems)));
    std::vector<SaleRow> rows = decode_rows(*columns, records, problems);
    // A file with a problem on any row is rejected before anything is looked up or written.
    if (!problems.empty()) return fail(sheets::rejected_file(std::move(problems)));

    OnlineImportReport report;
    KL_TRY(store_.write([&](store::Tx& tx) -> Result<void> {
        report = OnlineImportReport{records.size() - 1, 0, 0};
        sheets::ImportProblems found;
        for (auto& row : rows) {
            KL_TRY_ASSIGN(const auto existing, find_order_by_platform_no(tx, row.platform, row.order_no));
            if (existing) {
                ++report.unchanged;
                continue;
            }
            KL_TRY_ASSIGN(std::optional<std::string> seller, catalog::organisation_with_credit_code(tx, row.seller_code));
            KL_TRY_ASSIGN(std::optional<std::string> buyer, catalog::organisation_with_credit_code(tx, row.buyer_code));
            if (!seller) found.add(cell_field(row.row, "seller_credit_code"), ProblemCode::unknown_reference, "no organisation has this credit code");
            if (!buyer) found.add(cell_field(row.row, "buyer_credit_code"), ProblemCode::unknown_reference, "no organisation has this credit code");
            if (!seller || !buyer) continue;
            if (actor && actor->role == access::Role::producer && actor->org_id != *seller) {
                found.deny(cell_field(row.row, "seller_credit_code"), ProblemCode::outside_own_scope, "a producer imports only its own sales");
                continue;
            }
            KL_TRY_ASSIGN(std::optional<std::string> product, catalog::find_product_by_code(tx, *seller, row.product_code));
            if (!product) {
                found.add(cell_field(row.row, "product_code"), ProblemCode::unknown_reference, "the seller has no product with this code");
                continue;
            }
            row.order.seller_id = *seller;
            row.order.buyer_id = *buyer;
            row.order.lines[0].product_id = *product;
            auto made = insert_new(tx, row.order, OrderStatus::accepted, actor, "import");
            if (!made) {
                KL_TRY(found.record(row.row, made.error(), column_for));
                continue;
            }
            KL_TRY(settle(tx, *made));
            ++report.created;
        }
        return found.finish();
    }));
    return report;
}

}  // namespace kl::orders
