#include "http/routes/catalog_json.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http::catalog_json {

namespace {

// Free text fields are bounded by the services; the decoder only refuses what no field could hold.
constexpr size_t catalog_free_text_chars_max = 2000;
// The services bound every list far lower (catalog/brand_standard.h, organisation_directory.h);
// this only stops a decoder from walking an absurd array.
constexpr size_t array_items_max = 5000;


// The member `name` of `object` if present and not null.
const json* member(const json& object, const std::string& name) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(name);
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

// The object under `name`, or nullptr (an error when required, or when it is not an object).
const json* read_object(const json& object, const std::string& name, const std::string& path, bool required,
                        FieldErrors& problems) {
    const json* value = member(object, name);
    if (value == nullptr) {
        if (required) problems.add(path + name, ProblemCode::required, "is required");
        return nullptr;
    }
    if (!value->is_object()) {
        problems.add(path + name, ProblemCode::wrong_type, "must be a JSON object");
        return nullptr;
    }
    return value;
}

catalog::SaleUnit decode_unit(const json& body, const std::string& path, FieldErrors& problems) {
    catalog::SaleUnit unit;
    const json* object = read_object(body, "unit", path, true, problems);
    if (object == nullptr) return unit;
    FieldReader reader(*object, path + "unit/");
    reader.allow_only({"kind", "net_g"});
    auto kind = read_enum<catalog::UnitKind>(reader, "kind", true);
    const auto net_g = reader.opt_integer("net_g", INT64_MIN, INT64_MAX);
    if (kind) unit.kind = *kind;
    // A kg and a jin have fixed weights; stating them is allowed (and checked by the service).
    const int64_t fixed = unit.kind == catalog::UnitKind::kg ? 1000 : unit.kind == catalog::UnitKind::jin ? 500 : 0;
    unit.net_g = net_g.value_or(fixed);
    if (!net_g && kind && unit.kind == catalog::UnitKind::box) reader.add_error("net_g", ProblemCode::required, "is required for a box");
    problems.take(reader.finish());
    return unit;
}

}  // namespace

// ---- encoding ------------------------------------------------------------------------------------

json county_json(const catalog::County& county) {
    return {{"code", county.code}, {"division_code", county.division_code}, {"name_zh", county.name_zh},
            {"name_en", county.name_en}};
}

json category_json(const catalog::Category& category) {
    return {{"id", category.id},
            {"parent_id", or_null(category.fields.parent_id)},
            {"name_zh", category.fields.name_zh},
            {"name_en", category.fields.name_en},
            {"sort_order", category.fields.sort_order}};
}

json organisation_json(const catalog::OrganisationProfile& profile) {
    const catalog::OrganisationFields& fields = profile.fields;
    return {{"id", profile.id},
            {"name", fields.name},
            {"name_en", fields.name_en},
            {"kind", std::string(access::to_string(fields.kind))},
            {"credit_code", or_null(fields.credit_code)},
            {"county", or_null(fields.county)},
            {"district", or_null(fields.district)},
            {"channel", fields.channel ? json(std::string(catalog::to_string(*fields.channel))) : json(nullptr)},
            {"contact_name", fields.contact_name},
            {"contact_phone", fields.contact_phone},
            {"address", fields.address},
            {"created_at", format_utc_iso8601(profile.created_at_ms)},
            {"updated_at", format_utc_iso8601(std::max(profile.updated_at_ms, profile.created_at_ms))}};
}

json supply_links_json(const std::string& enterprise_id, const std::vector<catalog::SupplyLink>& links) {
    json items = json::array();
    int64_t total_bp = 0;
    for (const auto& link : links) {
        total_bp += link.share_bp;
        items.push_back({{"supplier_id", link.supplier_id},
                         {"share_bp", link.share_bp},
                         {"supplier_name", link.supplier_name},
                         {"supplier_kind", std::string(access::to_string(link.supplier_kind))}});
    }
    return {{"enterprise_id", enterprise_id}, {"links", items}, {"total_share_bp", total_bp}};
}

json product_json(const catalog::Product& product) {
    const catalog::ProductFields& fields = product.fields;
    return {{"id", product.id},
            {"producer_id", product.producer_id},
            {"producer_name", product.producer_name},
            {"producer_name_en", product.producer_name_en},
            {"county", product.county},
            {"name_zh", fields.name_zh},
            {"name_en", fields.name_en},
            {"category_id", fields.category_id},
            {"unit", {{"kind", std::string(catalog::to_string(fields.unit.kind))}, {"net_g", fields.unit.net_g}}},
            {"status", std::string(catalog::to_string(fields.status))},
            {"standard_version", product.standard_version},
            {"price_from_fen", product.price_from_fen ? json(*product.price_from_fen) : json(nullptr)},
            {"aid_status_today", std::string(catalog::to_string(product.aid_status_today))},
            {"created_at", format_utc_iso8601(product.created_at_ms)},
            {"updated_at", format_utc_iso8601(product.updated_at_ms)}};
}

namespace {
json grade_prices_json(const std::vector<catalog::GradePrice>& prices) {
    json out = json::array();
    for (const auto& price : prices) out.push_back({{"grade", price.grade}, {"price_fen", price.price_fen}});
    return out;
}

json grades_json(const std::vector<catalog::Grade>& grades) {
    json out = json::array();
    for (const auto& grade : grades) {
        json criteria = json::array();
        for (const auto& criterion : grade.criteria) {
            criteria.push_back({{"metric", std::string(catalog::to_string(criterion.metric))},
                                {"min", or_null(criterion.min)},
                                {"max", or_null(criterion.max)}});
        }
        out.push_back({{"code", grade.code}, {"name_zh", grade.name_zh}, {"name_en", grade.name_en},
                       {"rank", grade.rank}, {"criteria", criteria}});
    }
    return out;
}
}  // namespace

json standard_json(const catalog::BrandStandard& standard) {
    json channels = json::array();
    for (const auto channel : standard.channels) channels.push_back(std::string(catalog::to_string(channel)));
    json tiers = json::array();
    for (const auto& tier : standard.pricing.tiers) {
        tiers.push_back({{"min_quantity", tier.min_quantity}, {"prices", grade_prices_json(tier.prices)}});
    }
    const catalog::Storage& storage = standard.storage;
    return {{"grades", grades_json(standard.grades)},
            {"packaging", {{"type", std::string(catalog::to_string(standard.packaging.type))},
                           {"net_weight_g", standard.packaging.net_weight_g},
                           {"materials", standard.packaging.materials}}},
            {"storage", {{"temperature_min_c_x10", storage.temperature_min_c_x10},
                         {"temperature_max_c_x10", storage.temperature_max_c_x10},
                         {"humidity_min_pct", storage.humidity_min_pct},
                         {"humidity_max_pct", storage.humidity_max_pct},
                         {"shelf_life_days", storage.shelf_life_days}}},
            {"logistics", {{"cold_chain", std::string(catalog::to_string(standard.logistics.cold_chain))}}},
            {"channels", channels},
            {"pricing", {{"list_prices", grade_prices_json(standard.pricing.list_prices)},
                         {"min_order_quantity", standard.pricing.min_order_quantity},
                         {"tiers", tiers}}}};
}

json product_standard_json(const catalog::ProductStandard& standard) {
    return {{"product_id", standard.product_id},
            {"version", standard.version},
            {"updated_at", format_utc_iso8601(standard.updated_at_ms)},
            {"standard", standard_json(standard.standard)}};
}

json objection_json(const catalog::Objection& objection) {
    return {{"id", objection.id},
            {"text", objection.text},
            {"raised_by", or_null(objection.raised_by)},
            {"created_at", format_utc_iso8601(objection.created_at_ms)}};
}

json certification_json(const catalog::Certification& certification, kl::Date today) {
    json revocation = nullptr;
    if (const auto& revoked = certification.revocation) {
        revocation = {{"effective_on", kl::format_date(revoked->effective_on)},
                      {"reason", revoked->reason},
                      {"revoked_by", or_null(revoked->revoked_by)},
                      {"revoked_at", format_utc_iso8601(revoked->revoked_at_ms)}};
    }
    json objections = json::array();
    for (const auto& objection : certification.objections) objections.push_back(objection_json(objection));
    const catalog::CertificationInput& input = certification.input;
    return {{"id", certification.id},
            {"product_id", certification.product_id},
            {"county", certification.county},
            {"certificate_no", input.certificate_no},
            {"valid_from", kl::format_date(input.valid_from)},
            {"valid_to", kl::format_date(input.valid_to)},
            {"notice_days", input.notice_days},
            {"certified_from", kl::format_date(certification.certified_from)},
            {"certified_by", or_null(certification.certified_by)},
            {"created_at", format_utc_iso8601(certification.created_at_ms)},
            {"status_today", std::string(catalog::to_string(catalog::certification_state(certification, today)))},
            {"revocation", revocation},
            {"objection_count", certification.objection_count},
            {"objections", objections}};
}

// ---- decoding: organisations and categories -------------------------------------------------------

Result<catalog::OrganisationFields> decode_organisation(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"name", "name_en", "kind", "credit_code", "county", "district", "channel", "contact_name",
                       "contact_phone", "address"});
    catalog::OrganisationFields fields;
    fields.name = reader.text("name", 0, catalog_free_text_chars_max);
    fields.name_en = reader.opt_text("name_en", catalog_free_text_chars_max).value_or("");
    const auto parse_kind = [](std::string_view text, const std::string&) { return access::parse_org_kind(text); };
    if (auto kind = read_parsed(reader, "kind", parse_kind, true)) fields.kind = *kind;
    fields.credit_code = reader.opt_text("credit_code", catalog_free_text_chars_max);
    fields.county = reader.opt_text("county", catalog_free_text_chars_max);
    fields.district = reader.opt_text("district", catalog_free_text_chars_max);
    fields.channel = read_enum<catalog::BuyerChannel>(reader, "channel", false);
    fields.contact_name = reader.opt_text("contact_name", catalog_free_text_chars_max).value_or("");
    fields.contact_phone = reader.opt_text("contact_phone", catalog_free_text_chars_max).value_or("");
    fields.address = reader.opt_text("address", catalog_free_text_chars_max).value_or("");
    KL_TRY(reader.finish());
    return fields;
}

Result<OrganisationPut> decode_organisation_update(const json& body) {
    KL_TRY_ASSIGN(catalog::OrganisationFields fields, decode_organisation(body));
    const auto named = [&body](const char* name) { return body.contains(name); };
    catalog::OrganisationFieldsGiven given{named("name_en"), named("credit_code"),  named("county"),
                                           named("district"), named("channel"),     named("contact_name"),
                                           named("contact_phone"), named("address")};
    return OrganisationPut{std::move(fields), given};
}

Result<std::vector<catalog::SupplyLinkInput>> decode_supply_links(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"links"});
    FieldErrors problems;
    problems.take(reader.finish());
    std::vector<catalog::SupplyLinkInput> links;
    if (const json* items = read_array(body, "links", "", array_items_max, true, problems)) {
        for (size_t i = 0; i < items->size(); ++i) {
            FieldReader item((*items)[i], "links/" + std::to_string(i) + "/");
            item.allow_only({"supplier_id", "share_bp"});
            catalog::SupplyLinkInput link;
            link.supplier_id = item.text("supplier_id", 0, catalog_free_text_chars_max);
            link.share_bp = item.integer("share_bp", INT64_MIN, INT64_MAX);
            problems.take(item.finish());
            links.push_back(std::move(link));
        }
    }
    KL_TRY(problems.finish());
    return links;
}

namespace {
catalog::CategoryFields read_category_fields(FieldReader& reader) {
    catalog::CategoryFields fields;
    fields.parent_id = reader.opt_text("parent_id", catalog_free_text_chars_max);
    fields.name_zh = reader.text("name_zh", 0, catalog_free_text_chars_max);
    fields.name_en = reader.text("name_en", 0, catalog_free_text_chars_max);
    fields.sort_order = reader.opt_integer("sort_order", INT64_MIN, INT64_MAX).value_or(0);
    return fields;
}
}  // namespace

Result<std::pair<std::string, catalog::CategoryFields>> decode_new_category(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"id", "parent_id", "name_zh", "name_en", "sort_order"});
    std::string id = reader.text("id", 0, catalog_free_text_chars_max);
    catalog::CategoryFields fields = read_category_fields(reader);
    KL_TRY(reader.finish());
    return std::make_pair(std::move(id), std::move(fields));
}

Result<CategoryPut> decode_category(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"parent_id", "name_zh", "name_en", "sort_order"});
    CategoryPut put{read_category_fields(reader), {}};
    // An explicit null parent_id moves the category to the top; leaving it out keeps it where it is.
    put.given.parent_id = body.is_object() && body.contains("parent_id");
    put.given.sort_order = is_given(body, "sort_order");
    KL_TRY(reader.finish());
    return put;
}

// ---- decoding: products and brand standards ---------------------------------------------------

namespace {

std::vector<catalog::GradePrice> decode_grade_prices(const json& object, const std::string& name,
                                                     const std::string& path, FieldErrors& problems) {
    std::vector<catalog::GradePrice> prices;
    const json* items = read_array(object, name, path, array_items_max, true, problems);
    if (items == nullptr) return prices;
    for (size_t i = 0; i < items->size(); ++i) {
        FieldReader item((*items)[i], path + name + "/" + std::to_string(i) + "/");
        item.allow_only({"grade", "price_fen"});
        catalog::GradePrice price;
        price.grade = item.text("grade", 0, catalog_free_text_chars_max);
        price.price_fen = item.integer("price_fen", INT64_MIN, INT64_MAX);
        problems.take(item.finish());
        prices.push_back(std::move(price));
    }
    return prices;
}

std::vector<catalog::Criterion> decode_criteria(const json& grade, const std::string& path, FieldErrors& problems) {
    std::vector<catalog::Criterion> criteria;
    const json* items = read_array(grade, "criteria", path, array_items_max, false, problems);
    if (items == nullptr) return criteria;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string at = path + "criteria/" + std::to_string(i) + "/";
        FieldReader item((*items)[i], at);
        item.allow_only({"metric", "min", "max"});
        catalog::Criterion criterion;
        if (auto metric = read_enum<catalog::Metric>(item, "metric", true)) criterion.metric = *metric;
        criterion.min = item.opt_integer("min", INT64_MIN, INT64_MAX);
        criterion.max = item.opt_integer("max", INT64_MIN, INT64_MAX);
        problems.take(item.finish());
        criteria.push_back(criterion);
    }
    return criteria;
}

std::vector<catalog::Grade> decode_grades(const json& standard, const std::string& path, FieldErrors& problems) {
    std::vector<catalog::Grade> grades;
    const json* items = read_array(standard, "grades", path, array_items_max, true, problems);
    if (items == nullptr) return grades;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string at = path + "grades/" + std::to_string(i) + "/";
        FieldReader item((*items)[i], at);
        item.allow_only({"code", "name_zh", "name_en", "rank", "criteria"});
        catalog::Grade grade;
        grade.code = item.text("code", 0, catalog_free_text_chars_max);
        grade.name_zh = item.text("name_zh", 0, catalog_free_text_chars_max);
        grade.name_en = item.opt_text("name_en", catalog_free_text_chars_max).value_or("");
        grade.rank = item.integer("rank", INT64_MIN, INT64_MAX);
        problems.take(item.finish());
        if ((*items)[i].is_object()) grade.criteria = decode_criteria((*items)[i], at, problems);
        grades.push_back(std::move(grade));
    }
    return grades;
}

catalog::Packaging decode_packaging(const json& standard, const std::string& path, FieldErrors& problems) {
    catalog::Packaging packaging;
    const json* object = read_object(standard, "packaging", path, true, problems);
    if (object == nullptr) return packaging;
    const std::string at = path + "packaging/";
    FieldReader reader(*object, at);
    reader.allow_only({"type", "net_weight_g", "materials"});
    if (auto type = read_enum<catalog::PackagingType>(reader, "type", true)) packaging.type = *type;
    packaging.net_weight_g = reader.integer("net_weight_g", INT64_MIN, INT64_MAX);
    problems.take(reader.finish());
    if (const json* materials = read_array(*object, "materials", at, array_items_max, false, problems)) {
        for (size_t i = 0; i < materials->size(); ++i) {
            if ((*materials)[i].is_string()) {
                packaging.materials.push_back((*materials)[i].get<std::string>());
            } else {
                problems.add(at + "materials/" + std::to_string(i), ProblemCode::wrong_type, "must be a string");
            }
        }
    }
    return packaging;
}

catalog::Storage decode_storage(const json& standard, const std::string& path, FieldErrors& problems) {
    catalog::Storage storage;
    const json* object = read_object(standard, "storage", path, true, problems);
    if (object == nullptr) return storage;
    FieldReader reader(*object, path + "storage/");
    reader.allow_only({"temperature_min_c_x10", "temperature_max_c_x10", "humidity_min_pct", "humidity_max_pct",
                       "shelf_life_days"});
    storage.temperature_min_c_x10 = reader.integer("temperature_min_c_x10", INT64_MIN, INT64_MAX);
    storage.temperature_max_c_x10 = reader.integer("temperature_max_c_x10", INT64_MIN, INT64_MAX);
    storage.humidity_min_pct = reader.integer("humidity_min_pct", INT64_MIN, INT64_MAX);
    storage.humidity_max_pct = reader.integer("humidity_max_pct", INT64_MIN, INT64_MAX);
    storage.shelf_life_days = reader.integer("shelf_life_days", INT64_MIN, INT64_MAX);
    problems.take(reader.finish());
    return storage;
}

catalog::Pricing decode_pricing(const json& standard, const std::string& path, FieldErrors& problems) {
    catalog::Pricing pricing;
    const json* object = read_object(standard, "pricing", path, true, problems);
    if (object == nullptr) return pricing;
    const std::string at = path + "pricing/";
    FieldReader reader(*object, at);
    reader.allow_only({"list_prices", "min_order_quantity", "tiers"});
    pricing.min_order_quantity = reader.integer("min_order_quantity", INT64_MIN, INT64_MAX);
    problems.take(reader.finish());
    pricing.list_prices = decode_grade_prices(*object, "list_prices", at, problems);
    if (const json* tiers = read_array(*object, "tiers", at, array_items_max, false, problems)) {
        for (size_t i = 0; i < tiers->size(); ++i) {
            const std::string here = at + "tiers/" + std::to_string(i) + "/";
            FieldReader tier_reader((*tiers)[i], here);
            tier_reader.allow_only({"min_quantity", "prices"});
            catalog::PriceTier tier;
            tier.min_quantity = tier_reader.integer("min_quantity", INT64_MIN, INT64_MAX);
            problems.take(tier_reader.finish());
            if ((*tiers)[i].is_object()) tier.prices = decode_grade_prices((*tiers)[i], "prices", here, problems);
            pricing.tiers.push_back(std::move(tier));
        }
    }
    return pricing;
}

// The standard under body["standard"]; its fields are named "standard/…".
std::optional<catalog::BrandStandard> decode_standard(const json& body, bool required, FieldErrors& problems) {
    const json* object = read_object(body, "standard", "", required, problems);
    if (object == nullptr) return std::nullopt;
    const std::string at = "standard/";
    FieldReader reader(*object, at);
    reader.allow_only({"grades", "packaging", "storage", "logistics", "channels", "pricing"});
    catalog::BrandStandard standard;
    problems.take(reader.finish());
    standard.grades = decode_grades(*object, at, problems);
    standard.packaging = decode_packaging(*object, at, problems);
    standard.storage = decode_storage(*object, at, problems);
    if (const json* logistics = read_object(*object, "logistics", at, true, problems)) {
        FieldReader logistics_reader(*logistics, at + "logistics/");
        logistics_reader.allow_only({"cold_chain"});
        auto cold_chain = read_enum<catalog::ColdChain>(logistics_reader, "cold_chain", true);
        if (cold_chain) standard.logistics.cold_chain = *cold_chain;
        problems.take(logistics_reader.finish());
    }
    if (const json* channels = read_array(*object, "channels", at, array_items_max, true, problems)) {
        for (size_t i = 0; i < channels->size(); ++i) {
            const std::string field = at + "channels/" + std::to_string(i);
            if (!(*channels)[i].is_string()) {
                problems.add(field, ProblemCode::wrong_type, "must be a string");
                continue;
            }
            auto channel = parse_enum<catalog::SalesChannel>((*channels)[i].get<std::string>(), field);
            if (channel) standard.channels.push_back(*channel);
            else problems.take(fail(std::move(channel).error()));
        }
    }
    standard.pricing = decode_pricing(*object, at, problems);
    return standard;
}

catalog::ProductFields read_product_fields(const json& body, FieldReader& reader, FieldErrors& problems) {
    catalog::ProductFields fields;
    fields.name_zh = reader.text("name_zh", 0, catalog_free_text_chars_max);
    fields.name_en = reader.opt_text("name_en", catalog_free_text_chars_max).value_or("");
    fields.category_id = reader.text("category_id", 0, catalog_free_text_chars_max);
    fields.status = read_enum<catalog::ProductStatus>(reader, "status", false)
                        .value_or(catalog::ProductStatus::draft);
    fields.unit = decode_unit(body, "", problems);
    return fields;
}

}  // namespace

Result<catalog::NewProduct> decode_new_product(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"producer_id", "name_zh", "name_en", "category_id", "unit", "status", "standard"});
    FieldErrors problems;
    catalog::NewProduct product;
    product.producer_id = reader.text("producer_id", 0, catalog_free_text_chars_max);
    product.fields = read_product_fields(body, reader, problems);
    product.standard = decode_standard(body, false, problems);
    problems.take(reader.finish());
    KL_TRY(problems.finish());
    return product;
}

Result<ProductPut> decode_product(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"name_zh", "name_en", "category_id", "unit", "status"});
    FieldErrors problems;
    ProductPut put{read_product_fields(body, reader, problems), {}};
    // Left out is "keep what the product has", never "draft" or "no English name"; a null status is
    // left out too (a product always has one), a null name_en clears it.
    put.given.status = is_given(body, "status");
    put.given.name_en = body.contains("name_en");
    problems.take(reader.finish());
    KL_TRY(problems.finish());
    return put;
}

Result<catalog::BrandStandard> decode_standard_body(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"standard"});
    FieldErrors problems;
    problems.take(reader.finish());
    auto standard = decode_standard(body, true, problems);
    KL_TRY(problems.finish());
    return std::move(*standard);
}

// ---- decoding: certification ----------------------------------------------------------------------

Result<catalog::CertificationInput> decode_certification(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"certificate_no", "valid_from", "valid_to", "notice_days"});
    catalog::CertificationInput input;
    input.certificate_no = reader.text("certificate_no", 0, catalog_free_text_chars_max);
    const auto valid_from = read_date(reader, "valid_from", true);
    const auto valid_to = read_date(reader, "valid_to", true);
    input.notice_days = reader.integer("notice_days", INT64_MIN, INT64_MAX);
    KL_TRY(reader.finish());
    input.valid_from = *valid_from;
    input.valid_to = *valid_to;
    return input;
}

Result<std::string> decode_objection(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"text"});
    std::string text = reader.text("text", 0, catalog_free_text_chars_max, TextKind::prose);
    KL_TRY(reader.finish());
    return text;
}

Result<RevocationRequest> decode_revocation(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"reason", "effective_on"});
    RevocationRequest request;
    request.reason = reader.text("reason", 0, catalog_free_text_chars_max, TextKind::prose);
    request.effective_on = read_date(reader, "effective_on", false);
    KL_TRY(reader.finish());
    return request;
}

}  // namespace kl::http::catalog_json
