// Severities, file filters and message interpolation of compiled rules.
#include "rules/rule.hpp"

#include <algorithm>
#include <array>

#include "util/glob.hpp"

namespace mentor::rules {

namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 5> kSeverityNames = {{
    {Severity::error, "error"},
    {Severity::warning, "warning"},
    {Severity::info, "info"},
    {Severity::hint, "hint"},
    {Severity::praise, "praise"},
}};

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

const std::string* find_capture(const Match& match, std::string_view name) {
  for (const auto& [key, text] : match.captures) {
    if (key == name)
      return &text;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(Severity severity) {
  for (const auto& [value, name] : kSeverityNames) {
    if (value == severity)
      return name;
  }
  return "warning";
}

std::optional<Severity> severity_from_string(std::string_view name) {
  for (const auto& [value, known] : kSeverityNames) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

bool blocks(Severity severity, Severity fail_on) {
  if (severity == Severity::praise)
    return false;
  return static_cast<int>(severity) <= static_cast<int>(fail_on);
}

bool Rule::applies_to(std::string_view path) const {
  auto matches = [&](const std::string& glob) { return util::glob_match(glob, path); };
  if (!files.empty() && std::none_of(files.begin(), files.end(), matches))
    return false;
  return std::none_of(ignores.begin(), ignores.end(), matches);
}

std::string interpolate(std::string_view message, const Match& match) {
  std::string out;
  out.reserve(message.size());
  std::size_t i = 0;
  while (i < message.size()) {
    if (message[i] != '$') {
      out += message[i++];
      continue;
    }
    std::size_t dollars = 0;
    while (i + dollars < message.size() && message[i + dollars] == '$' && dollars < 3)
      ++dollars;
    std::size_t name_start = i + dollars;
    std::size_t name_end = name_start;
    if (name_end < message.size() && is_name_start(message[name_end])) {
      while (name_end < message.size() && is_name_char(message[name_end]))
        ++name_end;
    }
    const std::string* text = nullptr;
    if (name_end > name_start)
      text = find_capture(match, message.substr(name_start, name_end - name_start));
    if (text != nullptr) {
      out += *text;
    } else {
      out.append(message.substr(i, name_end - i));
    }
    i = name_end;
  }
  return out;
}

}  // namespace mentor::rules
