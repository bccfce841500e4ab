#pragma once
// The query filters of the catalogue's lists, shared by the list routes and the CSV/XLSX exports
// (an export takes exactly the filters of the list it exports).

#include "catalog/organisation_directory.h"
#include "catalog/product_service.h"
#include "http/query.h"

namespace kl::http {

// What the catalogue shows this request: a signed-in user's view, or the public one.
catalog::Viewer viewer_of(const Request& request);

Result<catalog::ProductFilter> read_product_filter(const Request& request);
Result<catalog::OrganisationFilter> read_organisation_filter(const Request& request);

const QueryDocs& product_filter_docs();
const QueryDocs& organisation_filter_docs();

}  // namespace kl::http
