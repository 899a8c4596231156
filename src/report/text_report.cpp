// Compiler-style text output of a review. Every text from the repository (names, subjects,
// paths, messages, source lines) goes through util::terminal_safe.
#include "report/text_report.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/fix_diff.hpp"
#include "report/tally.hpp"
#include "util/encoding.hpp"

namespace mentor::report {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view severity_color(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::error:
      return "\x1b[1;31m";
    case rules::Severity::warning:
      return "\x1b[1;35m";
    case rules::Severity::info:
      return "\x1b[1;36m";
    case rules::Severity::hint:
      return "\x1b[1;34m";
    case rules::Severity::praise:
      return "\x1b[1;32m";
  }
  return "";
}

// Where an excerpt of a long line leaves part of it out.
constexpr std::string_view kCutMarker = "...";

// The width on a terminal of `shown` (terminal-safe text): code points, so one per character.
std::size_t width(std::string_view shown) {
  std::size_t n = 0;
  for (char c : shown)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The caret line under the source line as shown (its excerpt, through util::terminal_safe):
// spaces (tabs kept, so it lines up) up to the column, then ^ and ~ to the end of the span on
// that line.
std::string caret_line(const review::Finding& f) {
  std::string_view line = f.source_line;  // from byte f.excerpt_start of the real line
  std::size_t offset = f.excerpt_start;
  std::size_t column = f.column - 1 > offset ? f.column - 1 - offset : 0;
  column = std::min(column, line.size());
  std::size_t end =
      f.end_line == f.line && f.end_column - 1 > offset ? f.end_column - 1 - offset : line.size();
  end = std::min(std::max(end, column + 1), std::max(line.size(), column + 1));
  std::string out = offset > 0 ? std::string(kCutMarker.size(), ' ') : std::string();
  for (char c : util::terminal_safe(line.substr(0, column))) {
    if (c == '\t')
      out += '\t';
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      out += ' ';
  }
  out += '^';
  std::size_t span =
      column < line.size() ? width(util::terminal_safe(line.substr(column, end - column))) : 1;
  out.append(span > 1 ? span - 1 : 0, '~');
  return out;
}

}  // namespace

void write_text(std::ostream& out, std::span<const review::CommitReview> reviews,
                const TextOptions& options) {
  auto paint = [&](std::string_view code, std::string_view text) {
    return options.color ? fmt::format("{}{}{}", code, text, kReset) : std::string(text);
  };
  for (const auto& review : reviews) {
    if (review.findings.empty())
      continue;
    if (!options.quiet) {
      std::string what =
          review.commit.id.empty() ? "staged changes" : "commit " + review.commit.id.substr(0, 12);
      std::string summary = review.commit.id.empty() ? "" : " " + review.commit.summary;
      fmt::print(out, "{}\n",
                 paint(kBold, fmt::format("{} ({} <{}>){}", what,
                                          util::terminal_safe(review.commit.author_name),
                                          util::terminal_safe(review.commit.author_email),
                                          util::terminal_safe(summary))));
    }
    for (const auto& f : review.findings) {
      std::string severity(rules::to_string(f.rule->severity));
      if (f.suppressed)
        severity += " (suppressed)";
      if (f.fixed_later)
        severity += " (fixed later)";
      fmt::print(
          out, "{}: {}: {} [{}]\n",
          paint(kBold, fmt::format("{}:{}:{}", util::terminal_safe(f.path), f.line, f.column)),
          paint(f.suppressed || f.fixed_later ? std::string_view("\x1b[2m")
                                              : severity_color(f.rule->severity),
                severity),
          util::terminal_safe(f.message), util::terminal_safe(f.rule->id));
      fmt::print(out, "  {}{}{}\n  {}\n", f.excerpt_start > 0 ? kCutMarker : "",
                 util::terminal_safe(f.source_line), f.excerpt_cut ? kCutMarker : "",
                 paint("\x1b[1;32m", caret_line(f)));
      if (f.fix) {
        fmt::print(out, "  {}\n", paint(kBold, "suggested fix:"));
        write_fix_diff(out, *f.fix, "  ", options.color);
      }
    }
  }
  if (options.quiet)
    return;
  fmt::print(out, "{}\n", count(reviews).text());
}

}  // namespace mentor::report
