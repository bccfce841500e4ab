#pragma once
// JSON mapping of ledger, funds and audit values (src/http only: modules never see nlohmann).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/result.h"
#include "funds/funds_service.h"
#include "http/message.h"
#include "http/router.h"
#include "ledger/ledger_service.h"
#include "ledger/ledger_verify.h"

namespace kl::http::ledger_json {

using nlohmann::json;

json account_json(const ledger::Account& account);
json transfer_json(const ledger::StoredTransfer& transfer, const std::optional<ledger::PendingRecord>& pending = std::nullopt);
json transfer_results_json(const std::vector<ledger::TransferOutcome>& outcomes);
json account_results_json(const std::vector<ledger::AccountOutcome>& outcomes);
json node_json(const funds::FundsNode& node);
json verify_json(const ledger::VerifyReport& report);
json audit_row_json(const audit::AuditRow& row);
json seal_json(const audit::Seal& seal);
json checkpoint_json(const audit::Checkpoint& checkpoint);
// {"algorithm": "ed25519", "public_key": hex}: alone, and at the head of a checkpoint page.
json public_key_json(const std::string& public_key_hex);

// {"transfers": [...]} → transfers; invalid_argument naming e.g. "transfers/3/amount".
Result<std::vector<ledger::Transfer>> decode_transfers(const json& body);
Result<std::vector<ledger::NewAccount>> decode_accounts(const json& body);

// Schemas for the OpenAPI document.
void add_ledger_schemas(Router& router);

}  // namespace kl::http::ledger_json
