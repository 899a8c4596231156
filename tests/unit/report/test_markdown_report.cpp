#include <sstream>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "report/markdown_report.hpp"
#include "unit/report/report_fixture.hpp"

namespace mentor::test {

namespace {

std::string markdown_of(const std::vector<review::CommitReview>& reviews,
                        const report::MarkdownOptions& options = {}) {
  std::ostringstream out;
  report::write_markdown(out, reviews, options);
  return out.str();
}

}  // namespace

TEST_CASE("markdown: a tally, a table per commit and the lessons", "[report][markdown]") {
  rules::Rule no_print = make_rule("no-print", rules::Severity::error, "m", "readability",
                                   "Use logging.\nMore.", "https://example.org/no-print");
  rules::Rule bare = make_rule("bare-except", rules::Severity::warning, "m", "error-handling");
  review::Finding suppressed = make_finding(bare, "b.py", 7, 1, 8, "except:", "Bare except");
  suppressed.suppressed = true;
  suppressed.suppression_reason = "top-level handler";
  std::vector<review::CommitReview> reviews{
      make_review({make_finding(no_print, "app.py", 3, 5, 13, "    print(x)", "print(x) left in"),
                   suppressed},
                  std::string(40, 'a'), "Add a print"),
      make_review({}, std::string(40, 'b')),
      make_review({make_finding(bare, "b.py", 2, 1, 8, "except:", "Bare except")},
                  std::string(40, 'c'), "Handle errors")};
  CHECK(markdown_of(reviews) ==
        "### git-mentor: 3 findings (1 error, 1 warning, 1 suppressed) in 2 of 3 commits\n"
        "\n"
        "**aaaaaaaaaaaa** Add a print by Mentee Example &lt;mentee@example\\.com&gt;\n"
        "\n"
        "| Location | Severity | Rule | Message |\n"
        "| --- | --- | --- | --- |\n"
        "| app\\.py:3 | **error** | no\\-print | print\\(x\\) left in |\n"
        "| b\\.py:7 | warning, suppressed | bare\\-except | Bare except (suppressed: top\\-level "
        "handler) |\n"
        "\n"
        "**cccccccccccc** Handle errors by Mentee Example &lt;mentee@example\\.com&gt;\n"
        "\n"
        "| Location | Severity | Rule | Message |\n"
        "| --- | --- | --- | --- |\n"
        "| b\\.py:2 | warning | bare\\-except | Bare except |\n"
        "\n"
        "<details><summary>Lessons (2 rules)</summary>\n"
        "\n"
        "- **bare\\-except** (error\\-handling)\n"
        "- **no\\-print** (readability): Use logging\\. [More](<https://example.org/no-print>)\n"
        "\n"
        "</details>\n");
}

TEST_CASE("markdown: nothing found", "[report][markdown]") {
  CHECK(markdown_of({make_review({})}) == "### git-mentor: 0 findings in 0 of 1 commit\n\n");
}

TEST_CASE("markdown: hostile repository content is escaped", "[report][markdown]") {
  rules::Rule rule = make_rule("r|x", rules::Severity::warning, "m", "sk_ill",
                               "<img src=x onerror=alert(1)> **bold**", "javascript:alert(1)");
  review::Finding f = make_finding(rule, "a|b/`c`.py", 1, 1, 2, "x",
                                   "<script>alert(1)</script> `x` | y\nnew line %0A :: @octocat");
  review::CommitReview review = make_review({f}, std::string(40, 'a'), "Fix | [link](http://x) *");
  review.commit.author_name = "<b>Eve</b> @admin";
  review.commit.author_email = "eve@example.com";
  std::string out = markdown_of({review});
  CHECK(out.find("<script>") == std::string::npos);
  CHECK(out.find("<img") == std::string::npos);
  CHECK(out.find("<b>") == std::string::npos);
  CHECK(out.find("javascript:") == std::string::npos);  // not a web url: no link
  CHECK(out.find("**aaaaaaaaaaaa** Fix \\| \\[link\\]\\(http://x\\) \\* by &lt;b&gt;Eve&lt;/b&gt; "
                 "@\xE2\x81\xA0"
                 "admin &lt;eve@example\\.com&gt;\n") != std::string::npos);
  CHECK(out.find("| a\\|b/\\`c\\`\\.py:1 | warning | r\\|x | &lt;script&gt;alert\\(1\\)&lt;/"
                 "script&gt; \\`x\\` \\| y<br>new line %0A :: @\xE2\x81\xA0"
                 "octocat |\n") != std::string::npos);
  CHECK(out.find(
            "- **r\\|x** (sk\\_ill): &lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\*\n") !=
        std::string::npos);
  // Every table row has exactly five unescaped pipes: no cell leaked into another.
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| "))
      continue;
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
      pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1 : 0;
    CHECK(pipes == 5);
  }
}

TEST_CASE("markdown: a long review is cut to fit a comment", "[report][markdown]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error);
  std::vector<review::Finding> findings;
  for (std::uint32_t i = 1; i <= 200; ++i)
    findings.push_back(make_finding(rule, "app.py", i, 1, 2, "x", std::string(80, 'x')));
  std::vector<review::CommitReview> reviews{make_review(findings)};
  std::string full = markdown_of(reviews, {.max_bytes = 1000000});
  CHECK(full.find("not shown") == std::string::npos);
  std::string cut = markdown_of(reviews, {.max_bytes = 4000});
  CHECK(cut.size() <= 4000);
  CHECK(cut.starts_with("### git-mentor: 200 findings (200 errors) in 1 of 1 commit\n"));
  CHECK(cut.find("| app\\.py:1 |") != std::string::npos);
  CHECK(cut.find("| app\\.py:200 |") == std::string::npos);
  std::size_t shown = 0;
  for (std::size_t at = cut.find("| app"); at != std::string::npos; at = cut.find("| app", at + 1))
    ++shown;
  CHECK(cut.find(fmt::format("*{} more findings not shown", 200 - shown)) != std::string::npos);
  CHECK(cut.find("</details>") != std::string::npos);  // the lessons stay
}

}  // namespace mentor::test
