// `kashlink import products|organisations FILE.csv [--db URL]`,
// `kashlink import offers|demands FILE.csv --org ORG_ID [--db URL]` and
// `kashlink export products|organisations --format csv|xlsx --out FILE [--db URL] [filters]`: the
// trusted local operator (no principal, like `kashlink user`) moves spreadsheets in and out. The
// sheets and the error format are described in README "Import and export" and "Import offers and
// demands".
//
// Offers and demands go through the services' import_csv, the code behind POST /api/v1/imports/…,
// with every rule of it. Over HTTP the signed-in user's organisation bounds what a file may name; the
// command line has no user, so --org names the one organisation the file is for instead (a row of
// another is refused with the file). The listings are created by no user (created_by NULL), as
// everything the command line creates. A problem with that organisation names --org, as typed.
#include "cli/commands/exchange_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "core/civil_date.h"
#include "cli/commands/common.h"
#include "core/clock.h"
#include "core/ids.h"
#include "sheets/csv.h"
#include "sheets/readable.h"
#include "exchange/exchange_service.h"
#include "sheets/xlsx.h"
#include "market/listing_service.h"

namespace kl::cli {

namespace {

struct ExchangeArgs {
    std::string database_url = Config{}.database_url;
    std::string what;  // products, organisations, offers or demands
    std::string file;
    std::string org;   // offers and demands: the organisation the file is for
    std::string format = "csv";
    // Filters, as the list endpoints take them.
    std::string county, district, category, channel, status, kind, q;
};

Result<std::string> read_file(const std::string& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) return fail_field("file", ProblemCode::invalid_value, path + ": " + error.message());
    if (size > sheets::csv_bytes_max) {
        return fail_field("file", ProblemCode::invalid_value, path + " is larger than " + std::to_string(sheets::csv_bytes_max) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail_field("file", ProblemCode::invalid_value, "cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<void> write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return fail_field("--out", ProblemCode::invalid_value, "cannot create " + path);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fail_field("--out", ProblemCode::invalid_value, "cannot write " + path);
    return ok();
}

std::optional<std::string> given(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

template <typename T, typename Parse>
Result<std::optional<T>> parse_given(const std::string& text, Parse parse, const std::string& field) {
    if (text.empty()) return std::optional<T>();
    KL_TRY_ASSIGN(T value, parse(text, field));
    return std::optional<T>(value);
}

Result<sheets::Table> export_table(exchange::ExchangeService& service, const ExchangeArgs& args) {
    if (args.what == "products") {
        catalog::ProductFilter filter;
        filter.county = given(args.county);
        filter.category = given(args.category);
        KL_TRY_ASSIGN(filter.channel, parse_given<catalog::SalesChannel>(args.channel, enum_parser<catalog::SalesChannel>, "channel"));
        KL_TRY_ASSIGN(filter.status, parse_given<catalog::ProductStatus>(args.status, enum_parser<catalog::ProductStatus>, "status"));
        filter.window.q = given(args.q);
        return service.export_products(catalog::Viewer::command_line(), filter);
    }
    catalog::OrganisationFilter filter;
    auto parse_kind = [](const std::string& text, const std::string&) { return access::parse_org_kind(text); };
    KL_TRY_ASSIGN(filter.kind, parse_given<access::OrgKind>(args.kind, parse_kind, "kind"));
    filter.county = given(args.county);
    filter.district = given(args.district);
    KL_TRY_ASSIGN(filter.channel, parse_given<catalog::BuyerChannel>(args.channel, enum_parser<catalog::BuyerChannel>, "channel"));
    filter.window.q = given(args.q);
    return service.export_organisations(std::nullopt, filter);
}

bool is_listing_sheet(const std::string& what) { return what == "offers" || what == "demands"; }

// How this command's messages name the option the user typed.
constexpr std::string_view org_option = "--org";

Result<void> check_org_option(const ExchangeArgs& args) {
    if (is_listing_sheet(args.what) && args.org.empty()) {
        return fail_field(std::string(org_option), ProblemCode::required,
                          "is required for " + args.what + ": the id of the organisation the file is for");
    }
    if (!is_listing_sheet(args.what) && !args.org.empty()) {
        return fail_field(std::string(org_option), ProblemCode::duplicate,
                          "is taken by offers and demands only; a " + args.what + " sheet names its organisations");
    }
    return ok();
}

// The service checks the organisation a file is imported for under the API's field name, org_id (an
// unknown one, or one of the wrong kind), and the HTTP API keeps that name; here the user typed
// --org, so the problem is renamed. A row's org_id ("row 3/org_id") is the file's column and stays.
const FieldRenames org_as_typed = {{"org_id", org_option}};

int run_listing_import(store::Store& store, const ExchangeArgs& args, const std::string& text) {
    SystemClock clock;
    UuidV7Generator ids(clock);
    auto report = args.what == "offers" ? market::OfferService(store, clock, ids).import_csv(std::nullopt, text, args.org)
                                        : market::DemandService(store, clock, ids).import_csv(std::nullopt, text, args.org);
    if (!report) return report_error(named_as_typed(report.error(), org_as_typed));
    std::cout << "imported " << args.file << " for " << args.org << ": " << report->rows << " rows, " << report->created
              << " created, " << report->unchanged << " unchanged\n";
    return 0;
}

int run_import(const ExchangeArgs& args) {
    if (auto checked = check_org_option(args); !checked) return report_error(checked.error());
    auto text = read_file(args.file);
    if (!text) return report_error(text.error());
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    if (is_listing_sheet(args.what)) return run_listing_import(**store, args, *text);
    SystemClock clock;
    UuidV7Generator ids(clock);
    access::OrganisationService identities(**store, clock, ids);
    exchange::ExchangeService service(**store, clock, ids, identities);
    auto report = args.what == "products" ? service.import_products(std::nullopt, *text)
                                          : service.import_organisations(std::nullopt, *text);
    if (!report) return report_error(report.error());
    std::cout << "imported " << args.file << ": " << report->rows << " rows, " << report->created << " created, "
              << report->updated << " updated, " << report->unchanged << " unchanged\n";
    return 0;
}

int run_export(const ExchangeArgs& args) {
    auto store = open_database(args.database_url);
    if (!store) return report_error(store.error());
    SystemClock clock;
    UuidV7Generator ids(clock);
    access::OrganisationService identities(**store, clock, ids);
    exchange::ExchangeService service(**store, clock, ids, identities);
    auto exported = export_table(service, args);
    if (!exported) return report_error(exported.error());
    // The same readable twins (yuan, kg, %; place names where the service gives them) as the HTTP
    // exports (sheets/readable.h).
    const sheets::Table table = sheets::with_readable_columns(std::move(*exported));
    Result<void> written = args.format == "csv"
                               ? write_file(args.file, sheets::write_csv(sheets::table_records(table)))
                               : sheets::write_xlsx_file(table, args.file);
    if (!written) return report_error(written.error());
    std::cout << "exported " << table.rows.size() << " " << args.what << " to " << args.file << "\n";
    return 0;
}

}  // namespace

void add_exchange_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ExchangeArgs>();
    const std::vector<std::string> sheets = {"products", "organisations"};
    const std::vector<std::string> imported = {"products", "organisations", "offers", "demands"};

    auto* import = app.add_subcommand("import", "Import a CSV sheet of products, organisations, offers or demands (all rows or none)");
    import->add_option("what", args->what, "products, organisations, offers or demands")->required()->check(CLI::IsMember(imported));
    import->add_option("file", args->file, "the CSV file (README: Import and export)")->required();
    import->add_option("--org", args->org, "offers and demands: the id of the organisation the file is for");
    import->add_option("--db", args->database_url, "SQLite path or PostgreSQL URL");
    import->callback([args, &exit_code] { exit_code = run_import(*args); });

    auto* export_command = app.add_subcommand("export", "Export products or organisations as CSV or XLSX");
    export_command->add_option("what", args->what, "products or organisations")->required()->check(CLI::IsMember(sheets));
    export_command->add_option("--format", args->format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
    export_command->add_option("--out", args->file, "the file to write")->required();
    export_command->add_option("--db", args->database_url, "SQLite path or PostgreSQL URL");
    export_command->add_option("--county", args->county, "only this county (products: of origin)");
    export_command->add_option("--district", args->district, "organisations: only this district");
    export_command->add_option("--category", args->category, "products: this category and below");
    export_command->add_option("--channel", args->channel, "products: sales channel; organisations: buyer channel");
    export_command->add_option("--status", args->status, "products: draft, active or withdrawn");
    export_command->add_option("--kind", args->kind, "organisations: only this kind");
    export_command->add_option("--q", args->q, "text contained in the name");
    export_command->callback([args, &exit_code] { exit_code = run_export(*args); });
}

}  // namespace kl::cli
