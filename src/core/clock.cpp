#include "core/clock.h"

#include "core/civil_date.h"

#include <chrono>
#include <cstdio>

namespace kl {

int64_t SystemClock::now_ms() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_utc_iso8601(int64_t epoch_ms) {
    int64_t days = epoch_ms >= 0 ? epoch_ms / 86400000 : -((-epoch_ms + 86399999) / 86400000);
    int64_t rest = epoch_ms - days * 86400000;
    const CivilDay civil = civil_from_days(days);
    const auto y = civil.year;
    const auto m = static_cast<int64_t>(civil.month);
    const auto d = static_cast<int64_t>(civil.day);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                  static_cast<long long>(rest / 3600000), static_cast<long long>(rest / 60000 % 60),
                  static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
    return buffer;
}

bool parse_utc_iso8601(const std::string& text, int64_t& epoch_ms) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    int consumed = 0;
    if (text.size() == 10) {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) return false;
    } else {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6 ||
            consumed != 19)
            return false;
        std::string tail = text.substr(19);
        if (!tail.empty() && tail[0] == '.') {
            if (tail.size() != 5 || std::sscanf(tail.c_str(), ".%3d", &ms) != 1) return false;
            tail = tail.substr(4);
        }
        if (tail != "Z") return false;
    }
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > static_cast<int>(days_in_month(y, static_cast<unsigned>(mo))) || h > 23 || mi > 59 ||
        s > 59 || h < 0 || mi < 0 || s < 0 || ms < 0)
        return false;
    epoch_ms = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000 + h * 3600000LL + mi * 60000LL + s * 1000LL + ms;
    return true;
}

}  // namespace kl
