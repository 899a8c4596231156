// Times as git-mentor prints and stores them: UTC, ISO 8601.
#pragma once

#include <cstdint>
#include <string>

namespace mentor::util {

// "2026-11-23" for `seconds` since the epoch, in UTC.
std::string utc_date(std::int64_t seconds);

// "2026-11-23T11:09:24Z".
std::string utc_time(std::int64_t seconds);

}  // namespace mentor::util
