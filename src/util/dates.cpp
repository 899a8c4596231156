// UTC dates and times.
#include "util/dates.hpp"

#include <cctype>
#include <charconv>
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

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Reads exactly `digits` decimal digits at `pos`.
bool read_number(std::string_view text, std::size_t& pos, std::size_t digits, int& value) {
  if (pos + digits > text.size())
    return false;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos + i])))
      return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + digits, value);
  pos += digits;
  return true;
}

std::optional<std::int64_t> parse_absolute(std::string_view text) {
  std::size_t pos = 0;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_number(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' ||
      !read_number(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-' ||
      !read_number(text, pos, 2, day)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0)) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t offset = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ')
      return std::nullopt;
    ++pos;
    if (!read_number(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
        !read_number(text, pos, 2, minute)) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!read_number(text, pos, 2, second))
        return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60)
      return std::nullopt;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int sign = text[pos++] == '+' ? 1 : -1;
      int oh = 0;
      int om = 0;
      if (!read_number(text, pos, 2, oh) || pos >= text.size() || text[pos++] != ':' ||
          !read_number(text, pos, 2, om) || oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset = sign * (oh * 3600 + om * 60);
    }
    if (pos != text.size())
      return std::nullopt;
  }
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second - offset;
}

std::optional<std::int64_t> parse_relative(std::string_view text, std::int64_t now) {
  std::size_t pos = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
    ++pos;
  if (pos == 0 || pos > 6)
    return std::nullopt;
  std::int64_t count = 0;
  std::from_chars(text.data(), text.data() + pos, count);
  std::string_view rest = text.substr(pos);
  auto eat = [&](std::string_view word) {
    if (rest.substr(0, word.size()) != word)
      return false;
    rest.remove_prefix(word.size());
    return true;
  };
  eat(" ") || eat(".");
  std::int64_t unit = 0;
  for (auto [word, seconds] : {std::pair<std::string_view, std::int64_t>{"day", 86400},
                               {"week", 7 * 86400},
                               {"month", 30 * 86400},
                               {"year", 365 * 86400}}) {
    if (eat(word)) {
      unit = seconds;
      break;
    }
  }
  if (unit == 0)
    return std::nullopt;
  eat("s");
  if (!rest.empty() && !(eat(" ago") || eat(".ago")))
    return std::nullopt;
  if (!rest.empty())
    return std::nullopt;
  return now - count * unit;
}

}  // namespace

std::optional<std::int64_t> parse_date(std::string_view text, std::int64_t now) {
  if (auto absolute = parse_absolute(text))
    return absolute;
  return parse_relative(text, now);
}

}  // namespace mentor::util
