#include "http/routes/catalog_filters.h"

#include "access/principal.h"
#include "catalog/catalog_types.h"
#include "core/civil_date.h"
#include "http/routes/route_kit.h"

namespace kl::http {

catalog::Viewer viewer_of(const Request& request) {
    return request.principal ? catalog::Viewer::of(*request.principal) : catalog::Viewer::anonymous();
}

Result<catalog::ProductFilter> read_product_filter(const Request& request) {
    QueryReader query(request);
    catalog::ProductFilter filter;
    filter.county = query.text("county");
    filter.category = query.text("category");
    filter.channel = query_enum<catalog::SalesChannel>(query, "channel");
    filter.producer = query.text("producer");
    filter.certified_on = query.parsed("certified_on", kl::parse_date);
    filter.status = query_enum<catalog::ProductStatus>(query, "status");
    filter.window = read_list_window(query);
    KL_TRY(query.finish());
    return filter;
}

Result<catalog::OrganisationFilter> read_organisation_filter(const Request& request) {
    QueryReader query(request);
    catalog::OrganisationFilter filter;
    filter.kind = query.parsed("kind", [](std::string_view text, const std::string&) { return access::parse_org_kind(text); });
    filter.county = query.text("county");
    filter.district = query.text("district");
    filter.channel = query_enum<catalog::BuyerChannel>(query, "channel");
    filter.window = read_list_window(query);
    KL_TRY(query.finish());
    return filter;
}

const QueryDocs& product_filter_docs() {
    static const QueryDocs docs = [] {
        QueryDocs params = {{"county", "county code of origin"},
                            {"category", "category id; its subcategories are included"},
                            {"channel", "a sales channel the standard allows"},
                            {"producer", "producer organisation id"},
                            {"status", "draft, active or withdrawn (drafts only where visible)"},
                            {"certified_on", "YYYY-MM-DD: certified (not in notice) on that date"}};
        for (auto& param : list_window_params("the Chinese or English name or the producer's product code",
                                              "day added")) {
            params.push_back(std::move(param));
        }
        return params;
    }();
    return docs;
}

const QueryDocs& organisation_filter_docs() {
    static const QueryDocs docs = [] {
        QueryDocs params = {{"kind", "organisation kind"},
                            {"county", "county code (producers, agencies)"},
                            {"district", "district code (buyers)"},
                            {"channel", "buyer channel type"}};
        for (auto& param : list_window_params("the name, English name or unified social credit code", "day registered")) {
            params.push_back(std::move(param));
        }
        return params;
    }();
    return docs;
}

}  // namespace kl::http
