#include "exchange/organisation_csv.h"

#include <set>
#include <utility>

#include "catalog/credit_code.h"

namespace kl::exchange {

namespace {

const std::vector<std::string>& column_names() {
    static const std::vector<std::string> names = {"credit_code", "name",          "name_en", "kind",
                                                   "county",      "district",      "channel", "contact_name",
                                                   "contact_phone", "address",     "supplies_to"};
    return names;
}

std::optional<std::string> optional_token(sheets::RowReader& in, std::string_view column) { return in.token(column, false); }

std::vector<SupplyShare> read_supplies(sheets::RowReader& in) {
    std::vector<SupplyShare> shares;
    std::set<std::string> seen;
    for (const auto& item : in.list("supplies_to")) {
        const size_t colon = item.find(':');
        auto share = colon == std::string::npos ? std::nullopt : sheets::parse_integer(item.substr(colon + 1));
        if (!share) {
            in.add("supplies_to", "\"" + item + "\" is not credit_code:share_bp (like 91653125MA7C3X5K1B:2500)");
            continue;
        }
        auto code = catalog::normalise_credit_code(sheets::trim(item.substr(0, colon)), "supplies_to");
        if (!code) {
            in.add("supplies_to", "\"" + item + "\": " + code.error().fields.at(0).message);
            continue;
        }
        if (!seen.insert(*code).second) {
            in.add("supplies_to", "names " + *code + " twice");
            continue;
        }
        shares.push_back(SupplyShare{*code, *share});
    }
    return shares;
}

}  // namespace

std::vector<sheets::Column> organisation_columns() {
    std::vector<sheets::Column> columns;
    for (const auto& name : column_names()) columns.push_back(sheets::Column{name, false});
    return columns;
}

std::vector<std::string> encode_organisation(const OrganisationRecord& record) {
    const catalog::OrganisationFields& fields = record.fields;
    std::vector<std::string> supplies;
    for (const auto& share : record.supplies_to) {
        supplies.push_back(share.enterprise_credit_code + ":" + std::to_string(share.share_bp));
    }
    return {fields.credit_code.value_or(""),
            sheets::protect_text(fields.name),
            sheets::protect_text(fields.name_en),
            std::string(access::to_string(fields.kind)),
            fields.county.value_or(""),
            fields.district.value_or(""),
            fields.channel ? std::string(catalog::to_string(*fields.channel)) : std::string(),
            sheets::protect_text(fields.contact_name),
            sheets::protect_text(fields.contact_phone),
            sheets::protect_text(fields.address),
            sheets::join_list(supplies)};
}

std::optional<OrganisationLayout> read_organisation_header(const sheets::CsvRecord& header, std::vector<FieldError>& errors) {
    auto columns = sheets::read_header(header, column_names(), {"name", "kind"},
                               "the organisations sheet (see README: Import and export)", errors);
    if (!columns) return std::nullopt;
    const bool has_supplies_to = columns->contains("supplies_to");
    return OrganisationLayout{std::move(*columns), has_supplies_to};
}

std::optional<OrganisationRecord> decode_organisation(const OrganisationLayout& layout, const sheets::CsvRecord& record,
                                                      size_t row, std::vector<FieldError>& errors) {
    const size_t errors_before = errors.size();
    sheets::RowReader in(layout.columns, record, row, errors);
    if (!in.fits_header()) return std::nullopt;
    OrganisationRecord out;
    catalog::OrganisationFields& fields = out.fields;
    if (auto code = optional_token(in, "credit_code")) {
        auto normalised = catalog::normalise_credit_code(*code, "credit_code");
        if (normalised) {
            fields.credit_code = *normalised;
        } else {
            in.add("credit_code", normalised.error().fields.at(0).message);
        }
    }
    fields.name = in.text("name");
    fields.name_en = in.text("name_en");
    auto parse_kind = [](std::string_view text, const std::string&) { return access::parse_org_kind(text); };
    fields.kind = in.parsed("kind", true, parse_kind).value_or(access::OrgKind::enterprise);
    fields.county = optional_token(in, "county");
    fields.district = optional_token(in, "district");
    fields.channel = in.parsed("channel", false, enum_parser<catalog::BuyerChannel>);
    fields.contact_name = in.text("contact_name");
    fields.contact_phone = in.text("contact_phone");
    fields.address = in.text("address");
    out.supplies_to = read_supplies(in);
    if (!out.supplies_to.empty() && fields.kind != access::OrgKind::family_workshop &&
        fields.kind != access::OrgKind::household) {
        in.add("supplies_to", "only a family_workshop or a household supplies enterprises; leave it empty for a " +
                                  std::string(access::to_string(fields.kind)));
    }
    if (errors.size() != errors_before) return std::nullopt;
    return out;
}

std::string organisation_key(const catalog::OrganisationFields& fields) {
    if (fields.credit_code) return "code:" + *fields.credit_code;
    return "name:" + std::string(access::to_string(fields.kind)) + "|" + fields.county.value_or("") + "|" +
           fields.district.value_or("") + "|" + fields.name;
}

std::string organisation_column_for(const std::string& service_field) {
    if (service_field.starts_with("links")) return "supplies_to";
    for (const auto& name : column_names()) {
        if (service_field == name) return name;
    }
    return service_field;
}

}  // namespace kl::exchange
