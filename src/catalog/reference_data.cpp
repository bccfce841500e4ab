#include "catalog/reference_data.h"

namespace kl::catalog {

Result<std::vector<County>> ReferenceData::counties() {
    return store_.read([&](store::Tx& tx) { return load_counties(tx); });
}
Result<std::vector<District>> ReferenceData::districts() {
    return store_.read([&](store::Tx& tx) { return load_districts(tx); });
}

}  // namespace kl::catalog
