// UTC dates and times.
#include "util/dates.hpp"

#include <ctime>

namespace mentor::util {

namespace {

std::tm utc(std::int64_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&time, &tm);
  return tm;
}

}  // namespace

std::string utc_date(std::int64_t seconds) {
  std::tm tm = utc(seconds);
  char text[32];
  return std::string(text, std::strftime(text, sizeof text, "%Y-%m-%d", &tm));
}

std::string utc_time(std::int64_t seconds) {
  std::tm tm = utc(seconds);
  char text[32];
  return std::string(text, std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm));
}

}  // namespace mentor::util
