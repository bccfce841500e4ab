#include "projects/project_types.h"

namespace kl::projects {

bool is_tender(ProcurementMethod method) {
    return method == ProcurementMethod::open_tender || method == ProcurementMethod::invited_tender;
}

}  // namespace kl::projects
