#pragma once
// The projects module's services over one store, the funds seam (ports.h) and the audit trail,
// built together like catalog::Catalog: the HTTP routes, the command line and the demo take this.

#include "projects/contract_service.h"
#include "projects/payment_service.h"
#include "projects/project_context.h"
#include "projects/project_reports.h"
#include "projects/project_service.h"
#include "projects/risk_service.h"

namespace kl::projects {

struct Projects {
    Projects(store::Store& store, const Clock& clock, IdGenerator& ids, FundsPort funds, audit::AuditTrail& audit)
        : context{store, clock, ids, std::move(funds), audit},
          projects(context), contracts(context), payments(context), risk(context), reports(context) {}
    Projects(const Projects&) = delete;
    Projects& operator=(const Projects&) = delete;

    ProjectContext context;
    ProjectService projects;
    ContractService contracts;
    PaymentService payments;
    RiskService risk;
    ProjectReports reports;
};

}  // namespace kl::projects
