#include "store/write_coalescer.h"

#include "store/connection.h"

namespace kl::store {

// The adapters register their transactions under their own address (a Store's only base is Store,
// so it is the same address).
bool runs_transaction_of(const Store& store) { return detail::find_active(&store) != nullptr; }

}  // namespace kl::store
