#pragma once
// Every catalog service over one store, built once (App, tests, the demo, the importer):
//
//   catalog::Catalog catalog(store, clock, ids, organisations);   // access::OrganisationService
//   catalog.products.list(catalog::Viewer::anonymous(), {}, 50, std::nullopt);
//
// Services (each header documents its rules and permissions):
//   reference       counties and districts                      reference_data.h
//   organisations   profiles, credit codes, supply links        organisation_directory.h
//   categories      the category tree                           category_service.h
//   products        products and brand standards                product_service.h
//   certifications  consumption-aid certification               certification_service.h
// Transaction-level reads for other modules: product_repo.h (find_product, load_standard),
// certification_service.h (certification_status_on), organisation_directory.h (find_profile).

#include "access/organisation_service.h"
#include "catalog/category_service.h"
#include "catalog/certification_service.h"
#include "catalog/organisation_directory.h"
#include "catalog/product_service.h"
#include "catalog/reference_data.h"
#include "core/clock.h"
#include "core/ids.h"
#include "store/store.h"

namespace kl::catalog {

struct Catalog {
    Catalog(store::Store& store, const Clock& clock, IdGenerator& ids, access::OrganisationService& identities)
        : reference(store),
          organisations(store, clock, identities),
          categories(store, clock),
          products(store, clock, ids),
          certifications(store, clock, ids) {}

    ReferenceData reference;
    OrganisationDirectory organisations;
    CategoryService categories;
    ProductService products;
    CertificationService certifications;
};

}  // namespace kl::catalog
