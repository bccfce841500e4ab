#pragma once
// The SQL of the audit trail (internal to src/audit): the chain's rows, signed checkpoints and month
// seals, read and written inside a caller's transaction. The hashing, signing and verification are
// audit_trail.cpp's; here are only the rows.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "core/result.h"
#include "store/list_window.h"
#include "store/store.h"

namespace kl::audit {

// The last row of the chain, or of its part before `end_ms`: its seq, time and hash.
struct ChainHead {
    int64_t seq = 0;
    int64_t at_ms = 0;
    std::string hash;
};
Result<std::optional<ChainHead>> chain_head(store::Tx& tx);
Result<std::optional<ChainHead>> last_row_before(store::Tx& tx, int64_t end_ms);

Result<void> insert_audit_rows(store::Tx& tx, const std::vector<AuditRow>& rows);
// Up to `limit` rows after `after_seq`, in seq order.
Result<std::vector<AuditRow>> audit_rows_after(store::Tx& tx, int64_t after_seq, int64_t limit);

// A page of rows (`limit` of them) after `cursor_seq` in the window's order, filtered by record and
// searched over the action, record and acting user (by id, display name and username).
struct AuditRowFilter {
    std::optional<std::string> record_type;
    std::optional<std::string> record_id;
    store::ListWindow window;
};
Result<std::vector<AuditRow>> list_audit_rows(store::Tx& tx, const AuditRowFilter& filter, std::optional<int64_t> cursor_seq,
                                              int64_t limit);

Result<void> insert_checkpoint(store::Tx& tx, const Checkpoint& checkpoint);
Result<std::optional<Checkpoint>> checkpoint_at(store::Tx& tx, int64_t seq);
// Up to `limit` checkpoints below `before_seq`, newest first.
Result<std::vector<Checkpoint>> checkpoints_before(store::Tx& tx, int64_t before_seq, int64_t limit);
// Every checkpoint, in seq order.
Result<std::vector<Checkpoint>> all_checkpoints(store::Tx& tx);

Result<bool> month_sealed(store::Tx& tx, const std::string& month);
Result<void> insert_seal(store::Tx& tx, const Seal& seal);
// Every seal, in month order.
Result<std::vector<Seal>> all_seals(store::Tx& tx);

}  // namespace kl::audit
