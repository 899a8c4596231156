// Markdown output of a review.
#include "report/markdown_report.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/fix_diff.hpp"
#include "report/tally.hpp"

namespace mentor::report {

namespace {

// Whether `url` can be a link target as it is: http(s), and only characters a URI allows.
bool is_web_url(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    return false;
  constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'*+,;=%";
  return std::all_of(url.begin(), url.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kAllowed.find(c) != std::string_view::npos;
  });
}

std::string first_line(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos)
    return "";
  text = text.substr(start);
  std::string_view line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
    line.remove_suffix(1);
  return std::string(line);
}

std::string commit_heading(const review::CommitReview& review) {
  std::string author = markdown_escape(review.commit.author_name);
  if (!review.commit.author_email.empty())
    author += " " + markdown_escape("<" + review.commit.author_email + ">");
  if (review.commit.id.empty())
    return fmt::format("**staged changes** by {}\n\n", author);
  return fmt::format("**{}** {} by {}\n\n", review.commit.id.substr(0, 12),
                     markdown_escape(review.commit.summary), author);
}

constexpr std::string_view kTableHead =
    "| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n";

std::string row(const review::Finding& f) {
  std::string severity(rules::to_string(f.rule->severity));
  if (f.rule->severity == rules::Severity::error && !f.suppressed)
    severity = "**" + severity + "**";
  std::string message = markdown_escape(f.message);
  if (f.suppressed) {
    severity += ", suppressed";
    if (!f.suppression_reason.empty())
      message += " (suppressed: " + markdown_escape(f.suppression_reason) + ")";
  }
  return fmt::format("| {}:{} | {} | {} | {} |\n", markdown_escape(f.path), f.line, severity,
                     markdown_escape(f.rule->id), message);
}

std::string lessons(std::span<const review::CommitReview> reviews) {
  std::map<std::string_view, const rules::Rule*> used;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings)
      used.emplace(f.rule->id, f.rule);
  }
  if (used.empty())
    return "";
  std::string out =
      fmt::format("<details><summary>Lessons ({})</summary>\n\n", plural(used.size(), "rule"));
  for (const auto& [id, rule] : used) {
    out += "- **" + markdown_escape(rule->id) + "**";
    if (!rule->skill.empty())
      out += " (" + markdown_escape(rule->skill) + ")";
    std::string lesson = first_line(rule->lesson);
    if (!lesson.empty())
      out += ": " + markdown_escape(lesson);
    if (is_web_url(rule->url))
      out += " [More](<" + rule->url + ">)";
    out += '\n';
  }
  out += "\n</details>\n";
  return out;
}

// A code fence of backticks longer than any run of them in `text`.
std::string fence_for(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

// `text` as the lines of a fenced block: valid UTF-8, no carriage returns, ending in a line
// break (none for an empty text).
std::string block_text(std::string_view text) {
  std::string out;
  for (std::string_view line : split_lines(text)) {
    out += valid_utf8(line);
    out += '\n';
  }
  return out;
}

// The "Suggested fixes" entry of `f`, which has a fix.
std::string suggestion(const review::Finding& f, const MarkdownOptions& options) {
  const review::Fix& fix = *f.fix;
  std::string lines = fix.end_line > fix.line ? fmt::format("lines {}–{}", fix.line, fix.end_line)
                                              : fmt::format("line {}", fix.line);
  std::string out =
      fmt::format("- {} {} ({})\n\n", markdown_escape(f.path), lines, markdown_escape(f.rule->id));
  std::string body;
  std::string kind;
  if (options.at_head && options.at_head(f)) {
    kind = "suggestion";
    body = block_text(fix.new_lines);
  } else {
    kind = "diff";
    for (std::string_view line : split_lines(fix.old_lines))
      body += "-" + valid_utf8(line) + "\n";
    for (std::string_view line : split_lines(fix.new_lines))
      body += "+" + valid_utf8(line) + "\n";
  }
  std::string fence = fence_for(body);
  // Indented under the list item.
  out += fmt::format("  {}{}\n", fence, kind);
  for (std::string_view line : split_lines(body))
    out += fmt::format("  {}\n", line);
  out += fmt::format("  {}\n\n", fence);
  return out;
}

}  // namespace

void write_markdown(std::ostream& out, std::span<const review::CommitReview> reviews,
                    const MarkdownOptions& options) {
  const std::string head = "### git-mentor: " + count(reviews).text() + "\n\n";
  std::string tail = lessons(reviews);
  // Room for the "not shown" line.
  constexpr std::size_t kReserve = 128;
  if (tail.size() > options.max_bytes / 4)
    tail.clear();  // the lessons never take the room of findings
  std::size_t budget = options.max_bytes > head.size() + tail.size() + kReserve
                           ? options.max_bytes - head.size() - tail.size() - kReserve
                           : 0;
  std::string body;
  std::size_t left_out = 0;
  std::size_t fixes_left_out = 0;
  for (const auto& review : reviews) {
    if (review.findings.empty())
      continue;
    std::string section = commit_heading(review) + std::string(kTableHead);
    bool opened = false;
    for (const auto& f : review.findings) {
      std::string line = row(f);
      std::size_t cost = line.size() + (opened ? 0 : section.size());
      if (left_out != 0 || body.size() + cost > budget) {
        ++left_out;
        continue;
      }
      if (!opened) {
        body += section;
        opened = true;
      }
      body += line;
    }
    if (opened)
      body += '\n';
  }
  std::string fixes;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings) {
      if (!f.fix || f.suppressed || f.fixed_later)
        continue;
      std::string entry = suggestion(f, options);
      if (left_out != 0 || body.size() + fixes.size() + entry.size() > budget) {
        ++fixes_left_out;
        continue;
      }
      fixes += entry;
    }
  }
  if (!fixes.empty())
    body += "#### Suggested fixes\n\n" + fixes;
  out << head << body;
  if (left_out != 0) {
    out << fmt::format("*{} not shown: the report would be too long for a comment.*\n\n",
                       plural(left_out, "more finding"));
  }
  if (fixes_left_out != 0) {
    out << fmt::format(
        "*{} not shown: the report would be too long for a comment.*\n\n",
        fmt::format("{} more suggested fix{}", fixes_left_out, fixes_left_out == 1 ? "" : "es"));
  }
  out << tail;
}

}  // namespace mentor::report
