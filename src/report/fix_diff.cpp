// The diff of a suggested fix.
#include "report/fix_diff.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "util/encoding.hpp"

namespace mentor::report {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";

void write_side(std::ostream& out, std::string_view text, char sign, std::string_view color,
                std::string_view indent, std::size_t max_lines) {
  std::vector<std::string_view> lines = split_lines(text);
  std::size_t shown = std::min(lines.size(), max_lines);
  for (std::size_t i = 0; i < shown; ++i) {
    std::string line = fmt::format("{} {}", sign, util::terminal_safe(lines[i]));
    if (!color.empty())
      line = fmt::format("{}{}{}", color, line, kReset);
    fmt::print(out, "{}{}\n", indent, line);
  }
  if (lines.size() > shown) {
    std::size_t more = lines.size() - shown;
    fmt::print(out, "{}  … {} more line{}\n", indent, more, more == 1 ? "" : "s");
  }
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (eol != std::string_view::npos && !line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    if (eol == std::string_view::npos)
      break;
    text.remove_prefix(eol + 1);
  }
  return lines;
}

void write_fix_diff(std::ostream& out, const review::Fix& fix, std::string_view indent, bool color,
                    std::size_t max_lines) {
  write_side(out, fix.old_lines, '-', color ? kRed : "", indent, max_lines);
  write_side(out, fix.new_lines, '+', color ? kGreen : "", indent, max_lines);
}

}  // namespace mentor::report
