#pragma once
// The service book module as its users take it (the HTTP routes, the command line, the demo):
// its records and enumerations (servicebook_types.h) and the ServiceBook service with its rules
// (servicebook_service.h); the SQL stays inside the module (servicebook_repo.h).

#include "servicebook/servicebook_service.h"
#include "servicebook/servicebook_types.h"
