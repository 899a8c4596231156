// Compiler-style text output of a review.
#include "report/text_report.hpp"

#include <array>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/tally.hpp"

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

// The caret line: spaces (tabs kept, so it lines up) up to the column, then ^ and ~ to the end of
// the span on that line.
std::string caret_line(const review::Finding& f) {
  std::string out = f.excerpt_start > 0 ? std::string(kCutMarker.size(), ' ') : std::string();
  std::size_t column = f.column - 1 > f.excerpt_start ? f.column - 1 - f.excerpt_start : 0;
  std::size_t line_len = f.source_line.size();
  for (std::size_t i = 0; i < column && i < line_len; ++i) {
    out += f.source_line[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  std::size_t end = f.end_line == f.line && f.end_column - 1 > f.excerpt_start
                        ? f.end_column - 1 - f.excerpt_start
                        : line_len;
  for (std::size_t i = column + 1; i < end && i < line_len; ++i)
    out += '~';
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
                 paint(kBold, fmt::format("{} ({} <{}>){}", what, review.commit.author_name,
                                          review.commit.author_email, summary)));
    }
    for (const auto& f : review.findings) {
      std::string severity(rules::to_string(f.rule->severity));
      if (f.suppressed)
        severity += " (suppressed)";
      if (f.fixed_later)
        severity += " (fixed later)";
      fmt::print(out, "{}: {}: {} [{}]\n",
                 paint(kBold, fmt::format("{}:{}:{}", f.path, f.line, f.column)),
                 paint(f.suppressed || f.fixed_later ? std::string_view("\x1b[2m")
                                                     : severity_color(f.rule->severity),
                       severity),
                 f.message, f.rule->id);
      fmt::print(out, "  {}{}{}\n  {}\n", f.excerpt_start > 0 ? kCutMarker : "", f.source_line,
                 f.excerpt_cut ? kCutMarker : "", paint("\x1b[1;32m", caret_line(f)));
    }
  }
  if (options.quiet)
    return;
  fmt::print(out, "{}\n", count(reviews).text());
}

}  // namespace mentor::report
