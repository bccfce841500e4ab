#include "catalog/sql_text.h"

namespace kl::catalog {

std::string contains_pattern(std::string_view needle) {
    std::string out = "%";
    for (const char c : needle) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    out.push_back('%');
    return out;
}

}  // namespace kl::catalog
