#include <sstream>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "report/github_report.hpp"
#include "unit/report/report_fixture.hpp"

namespace mentor::test {

namespace {

std::string github_of(const std::vector<review::CommitReview>& reviews) {
  std::ostringstream out;
  report::write_github(out, reviews);
  return out.str();
}

}  // namespace

TEST_CASE("github: one workflow command per finding, by severity", "[report][github]") {
  rules::Rule error = make_rule("no-print", rules::Severity::error, "m", "readability",
                                "Use logging.\nIt has levels.\n\nMore text.\n");
  rules::Rule warning = make_rule("w", rules::Severity::warning);
  rules::Rule info = make_rule("i", rules::Severity::info);
  rules::Rule hint = make_rule("h", rules::Severity::hint);
  rules::Rule praise = make_rule("p", rules::Severity::praise);
  std::vector<review::CommitReview> reviews{
      make_review({make_finding(error, "app.py", 3, 5, 13, "    print(x)", "print(x) left in"),
                   make_finding(warning, "app.py", 4, 1, 2, "y", "warned"),
                   make_finding(info, "b.py", 1, 1, 2, "y", "info"),
                   make_finding(hint, "b.py", 2, 1, 2, "y", "hint"),
                   make_finding(praise, "b.py", 3, 1, 2, "y", "well done")}),
      make_review({}, std::string(40, 'b'))};
  CHECK(github_of(reviews) ==
        "::error file=app.py,line=3,endLine=3,col=5,endColumn=13,title=no-print::print(x) left "
        "in%0A%0AUse logging.%0AIt has levels.\n"
        "::warning file=app.py,line=4,endLine=4,col=1,endColumn=2,title=w::warned\n"
        "::notice file=b.py,line=1,endLine=1,col=1,endColumn=2,title=i::info\n"
        "::notice file=b.py,line=2,endLine=2,col=1,endColumn=2,title=h::hint\n"
        "::notice file=b.py,line=3,endLine=3,col=1,endColumn=2,title=p::well done\n"
        "git-mentor: 5 findings in 1 of 2 commits\n");
}

TEST_CASE("github: escaping of data and properties", "[report][github]") {
  CHECK(report::github_escape_data("50% done\r\nnext::x, y") == "50%25 done%0D%0Anext::x, y");
  CHECK(report::github_escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae");
  CHECK(report::github_escape_data("bad \xFF") == "bad \\xff");
  // Other control characters are shown, as in the text output: no escape sequence reaches the log.
  CHECK(report::github_escape_data("a\x1b]0;title\x07") == "a\\x1b]0;title\\x07");
  CHECK(report::github_escape_property("x\x1b[2J.py") == "x\\x1b[2J.py");
}

TEST_CASE("github: hostile content cannot start another command", "[report][github]") {
  rules::Rule rule = make_rule("evil,title=x::y", rules::Severity::error);
  std::string message = "<script>alert(1)</script> `x` | 100%\n::error file=other.py::injected";
  review::Finding f = make_finding(rule, "dir,line=9/a:b.py", 1, 1, 2, "x", message);
  std::string out = github_of({make_review({f})});
  CHECK(out ==
        "::error file=dir%2Cline=9/a%3Ab.py,line=1,endLine=1,col=1,endColumn=2,"
        "title=evil%2Ctitle=x%3A%3Ay::<script>alert(1)</script> `x` | 100%25%0A::error "
        "file=other.py::injected\n"
        "git-mentor: 1 finding in 1 of 1 commit\n");
  // Exactly one command line: the injected one is inside the data.
  std::size_t commands = 0;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("::"))
      ++commands;
  }
  CHECK(commands == 1);
}

TEST_CASE("github: columns in UTF-16 units, none for a finding over several lines",
          "[report][github]") {
  rules::Rule rule = make_rule("r", rules::Severity::warning);
  std::string line = "x = '\xF0\x9F\x98\x80'; print(x)";  // 😀: 4 bytes, 2 units
  auto start = static_cast<std::uint32_t>(line.find("print") + 1);
  review::Finding one_line = make_finding(rule, "a.py", 1, start, start + 8, line);
  review::Finding several = make_finding(rule, "a.py", 2, 1, 3, "print(");
  several.end_line = 4;
  std::string out = github_of({make_review({one_line, several})});
  CHECK(out.find(fmt::format("line=1,endLine=1,col={},endColumn={},", start - 2, start + 6)) !=
        std::string::npos);
  CHECK(out.find("::warning file=a.py,line=2,endLine=4,title=r::m\n") != std::string::npos);
}

TEST_CASE("github: suppressed findings are counted, not annotated, and duplicates go once",
          "[report][github]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error);
  review::Finding f = make_finding(rule, "a.py", 1, 1, 9, "print(x)", "print(x) left in");
  review::Finding suppressed = f;
  suppressed.line = suppressed.end_line = 2;
  suppressed.suppressed = true;
  suppressed.suppression_reason = "on purpose";
  // The same finding carried by a topic commit and its merge.
  std::string out =
      github_of({make_review({f, suppressed}), make_review({f}, std::string(40, 'b'))});
  CHECK(out ==
        "::error file=a.py,line=1,endLine=1,col=1,endColumn=9,title=no-print::print(x) left in\n"
        "git-mentor: 3 findings (1 suppressed, not annotated) in 2 of 2 commits\n");
}

}  // namespace mentor::test
