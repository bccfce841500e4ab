#pragma once
// Reading back the checkpoints an auditor downloaded from GET /api/v1/audit/checkpoints, for
// `kashlink verify --checkpoints FILE`. The file may be one page exactly as served
// ({"algorithm", "public_key", "items": [...]}), an array of such pages (several downloads kept in
// one file), or an array of checkpoints. The JSON stays in src/http; the command gets audit::Anchors.

#include <string_view>

#include "audit/audit_trail.h"
#include "core/result.h"

namespace kl::http {

// A downloaded file larger than this is not one we wrote: 200 checkpoints a page take about 80 KB,
// so this holds some 80,000 pages.
inline constexpr size_t checkpoint_file_bytes_max = 64u * 1024 * 1024;

// The checkpoints of `text` and the key they are signed with (the pages' public_key, or the items'
// when the file holds bare checkpoints). invalid_argument naming the item and field at fault; a file
// whose pages or items name different keys is refused too.
Result<audit::Anchors> parse_checkpoint_file(std::string_view text);

}  // namespace kl::http
