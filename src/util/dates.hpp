// Times as git-mentor prints and stores them: UTC, ISO 8601.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentor::util {

// "2026-11-23" for `seconds` since the epoch, in UTC.
std::string utc_date(std::int64_t seconds);

// "2026-11-23T11:09:24Z".
std::string utc_time(std::int64_t seconds);

// Parses a date as --since takes it: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z" or
// "+HH:MM" offset (UTC when none), or "N day(s)|week(s)|month(s)|year(s) ago" counted back from
// `now` (a month is 30 days, a year 365). nullopt when it is none of these.
std::optional<std::int64_t> parse_date(std::string_view text, std::int64_t now);

}  // namespace mentor::util
