// GitHub Actions workflow commands for a review.
#include "report/github_report.hpp"

#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/columns.hpp"
#include "report/lesson.hpp"
#include "report/tally.hpp"
#include "util/encoding.hpp"

namespace mentor::report {

namespace {

std::string_view command_of(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::error:
      return "error";
    case rules::Severity::warning:
      return "warning";
    case rules::Severity::info:
    case rules::Severity::hint:
    case rules::Severity::praise:
      return "notice";
  }
  return "warning";
}

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  return util::terminal_safe(escape(text, false));
}

std::string github_escape_property(std::string_view text) {
  return util::terminal_safe(escape(text, true));
}

void write_github(std::ostream& out, std::span<const review::CommitReview> reviews) {
  std::set<std::string> written;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings) {
      if (f.suppressed)
        continue;
      std::string properties = fmt::format("file={},line={},endLine={}",
                                           github_escape_property(f.path), f.line, f.end_line);
      if (f.end_line == f.line) {
        properties += fmt::format(",col={},endColumn={}", utf16_column(f, f.column),
                                  utf16_column(f, f.end_column));
      }
      properties += ",title=" + github_escape_property(f.rule->id);
      std::string message = f.message;
      std::string lesson = first_paragraph(f.rule->lesson);
      if (!lesson.empty())
        message += "\n\n" + lesson;
      std::string line = fmt::format("::{} {}::{}\n", command_of(f.rule->severity), properties,
                                     github_escape_data(message));
      if (written.insert(line).second)
        out << line;
    }
  }
  Tally tally = count(reviews);
  fmt::print(
      out, "git-mentor: {}{} in {} of {}\n", plural(tally.total, "finding"),
      tally.suppressed == 0 ? "" : fmt::format(" ({} suppressed, not annotated)", tally.suppressed),
      tally.commits_with_findings, plural(tally.commits, "commit"));
}

}  // namespace mentor::report
