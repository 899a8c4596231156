// Markdown output of a review.
#include "report/markdown_report.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <fmt/format.h>

#include "report/escape.hpp"
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
  out << head << body;
  if (left_out != 0) {
    out << fmt::format("*{} not shown: the report would be too long for a comment.*\n\n",
                       plural(left_out, "more finding"));
  }
  out << tail;
}

}  // namespace mentor::report
