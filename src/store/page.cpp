#include "store/page.h"

namespace kl::store {

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
}  // namespace

std::string encode_cursor(const std::string& last_id) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(last_id.size() * 2);
    for (const char c : last_id) {
        const auto byte = static_cast<unsigned char>(c);
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 0x0f]);
    }
    return out;
}

Result<std::string> decode_cursor(const std::string& cursor) {
    if (cursor.empty() || cursor.size() > cursor_chars_max || cursor.size() % 2 != 0) {
        return fail_field("cursor", ProblemCode::unknown_reference, "is not a cursor returned by this list");
    }
    std::string out;
    out.reserve(cursor.size() / 2);
    for (size_t i = 0; i < cursor.size(); i += 2) {
        const int high = hex_value(cursor[i]);
        const int low = hex_value(cursor[i + 1]);
        const int byte = high * 16 + low;
        // Our ids are printable ASCII; anything else was not made by encode_cursor.
        if (high < 0 || low < 0 || byte < 0x21 || byte > 0x7e) {
            return fail_field("cursor", ProblemCode::unknown_reference, "is not a cursor returned by this list");
        }
        out.push_back(static_cast<char>(byte));
    }
    return out;
}

Result<void> check_page_limit(int limit) {
    if (limit < page_limit_min || limit > page_limit_max) {
        return fail_field("limit", ProblemCode::out_of_range, "must be between " + std::to_string(page_limit_min) + " and " +
                                       std::to_string(page_limit_max));
    }
    return ok();
}

Result<std::optional<std::string>> decode_optional_cursor(const std::optional<std::string>& cursor) {
    if (!cursor) return std::optional<std::string>{};
    KL_TRY_ASSIGN(std::string id, decode_cursor(*cursor));
    return std::optional<std::string>{std::move(id)};
}

Result<std::optional<std::string>> start_page(int limit, const std::optional<std::string>& cursor) {
    KL_TRY(check_page_limit(limit));
    return decode_optional_cursor(cursor);
}

}  // namespace kl::store
