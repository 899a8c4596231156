// Suggested fixes in every report: text and hook diffs, JSON, SARIF fixes, Markdown suggestions.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/fix_diff.hpp"
#include "report/hook_report.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "support/temp_repo.hpp"
#include "unit/report/report_fixture.hpp"

namespace mentor::test {

namespace {

// `print(x)` on line 2 of "a = 1\nprint(x)\n" becomes `logging.info(x)`.
review::Finding print_finding(const rules::Rule& rule) {
  review::Finding f = make_finding(rule, "app.py", 2, 1, 9, "print(x)");
  review::Fix fix;
  fix.start_byte = 6;
  fix.end_byte = 14;
  fix.line = 2;
  fix.column = 1;
  fix.end_line = 2;
  fix.end_column = 9;
  fix.original = "print(x)";
  fix.replacement = "logging.info(x)";
  fix.old_lines = "print(x)\n";
  fix.new_lines = "logging.info(x)\n";
  f.fix = fix;
  return f;
}

std::string diff_of(const review::Fix& fix, bool color, std::size_t max_lines = 12) {
  std::ostringstream out;
  report::write_fix_diff(out, fix, "  ", color, max_lines);
  return out.str();
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(GIT_MENTOR_SOURCE_DIR) / relative;
}

}  // namespace

TEST_CASE("fix diff: - old lines, + new lines, coloured only when asked", "[report][fix]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::warning);
  review::Finding f = print_finding(rule);
  CHECK(diff_of(*f.fix, false) == "  - print(x)\n  + logging.info(x)\n");
  CHECK(diff_of(*f.fix, true) ==
        "  \x1b[31m- print(x)\x1b[0m\n  \x1b[32m+ logging.info(x)\x1b[0m\n");
}

TEST_CASE("fix diff: CRLF lines, no final newline, deleted lines", "[report][fix]") {
  review::Fix fix;
  fix.old_lines = "a\r\nb";
  fix.new_lines = "";
  CHECK(diff_of(fix, false) == "  - a\n  - b\n");
  CHECK(report::split_lines("x\n\ny\n") == std::vector<std::string_view>{"x", "", "y"});
  CHECK(report::split_lines("").empty());
}

TEST_CASE("fix diff: repository bytes cannot reach the terminal raw", "[report][fix]") {
  review::Fix fix;
  fix.old_lines = "x = '\x1b[2J'\n";
  fix.new_lines = "x = '\xff\xfe' \xe2\x80\xae\n";
  std::string shown = diff_of(fix, false);
  CHECK(shown.find('\x1b') == std::string::npos);
  CHECK(shown == "  - x = '\\x1b[2J'\n  + x = '\\xff\\xfe' \\u202e\n");
}

TEST_CASE("fix diff: each side capped, saying how many lines are left out", "[report][fix]") {
  review::Fix fix;
  for (int i = 0; i < 15; ++i)
    fix.old_lines += "line " + std::to_string(i) + "\n";
  fix.new_lines = "one\n";
  std::string shown = diff_of(fix, false, 12);
  CHECK(shown.find("  - line 11\n") != std::string::npos);
  CHECK(shown.find("line 12") == std::string::npos);
  CHECK(shown.find("  … 3 more lines\n  + one\n") != std::string::npos);
}

TEST_CASE("text report: the diff under a finding with a fix", "[report][fix]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::warning, "no print");
  rules::Rule other = make_rule("other", rules::Severity::warning, "other");
  std::vector<review::CommitReview> reviews{
      make_review({print_finding(rule), make_finding(other, "app.py", 3, 1, 2, "y")})};
  std::ostringstream out;
  report::write_text(out, reviews, {.color = false, .quiet = true});
  CHECK(out.str() ==
        "app.py:2:1: warning: no print [no-print]\n"
        "  print(x)\n"
        "  ^~~~~~~~\n"
        "  suggested fix:\n"
        "  - print(x)\n"
        "  + logging.info(x)\n"
        "app.py:3:1: warning: other [other]\n"
        "  y\n"
        "  ^\n");
  std::ostringstream colored;
  report::write_text(colored, reviews, {.color = true, .quiet = true});
  CHECK(colored.str().find("\x1b[32m+ logging.info(x)\x1b[0m") != std::string::npos);
}

TEST_CASE("hook report: the diff under the finding's lesson", "[report][fix]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error, "no print", "readability",
                               "Use logging. It has levels.");
  std::vector<review::CommitReview> reviews{make_review({print_finding(rule)}, "")};
  std::ostringstream out;
  report::HookReportOptions options;
  options.action = "commit";
  options.at_threshold = [](const review::Finding&) { return true; };
  report::write_hook_report(out, reviews, options);
  CHECK(out.str().find("    app.py:2:1: error: no print [no-print]\n"
                       "      Use logging.\n"
                       "      - print(x)\n"
                       "      + logging.info(x)\n") != std::string::npos);
}

TEST_CASE("json: a fix object with the replacement and its range", "[report][fix]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::warning);
  std::vector<review::CommitReview> reviews{
      make_review({print_finding(rule), make_finding(rule, "b.py", 1, 1, 2, "z")})};
  std::ostringstream out;
  report::write_json(out, reviews);
  nlohmann::json json = nlohmann::json::parse(out.str());
  REQUIRE(json.size() == 2);
  CHECK(json[0]["fix"] == nlohmann::json{{"replacement", "logging.info(x)"},
                                         {"start_byte", 6},
                                         {"end_byte", 14},
                                         {"line", 2},
                                         {"column", 1},
                                         {"end_line", 2},
                                         {"end_column", 9}});
  CHECK_FALSE(json[1].contains("fix"));
}

TEST_CASE("sarif: a result's fixes, in UTF-16 columns, valid against the schema",
          "[report][fix][sarif]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::warning);
  // "é = print(x)": the fix starts at byte column 6 (é is two bytes), UTF-16 column 5.
  review::Finding f = make_finding(rule, "src dir/app.py", 1, 6, 14, "\xc3\xa9 = print(x)");
  review::Fix fix;
  fix.start_byte = 5;
  fix.end_byte = 13;
  fix.line = 1;
  fix.column = 6;
  fix.end_line = 1;
  fix.end_column = 14;
  fix.original = "print(x)";
  fix.replacement = "log(x)";
  fix.old_lines = "\xc3\xa9 = print(x)\n";
  fix.new_lines = "\xc3\xa9 = log(x)\n";
  f.fix = fix;
  std::vector<review::CommitReview> reviews{make_review({f})};
  std::ostringstream out;
  report::write_sarif(out, reviews, {});
  nlohmann::json log = nlohmann::json::parse(out.str());
  const nlohmann::json& result = log["runs"][0]["results"][0];
  REQUIRE(result["fixes"].size() == 1);
  const nlohmann::json& change = result["fixes"][0]["artifactChanges"][0];
  CHECK(result["fixes"][0]["description"]["text"] == "Apply the fix of rule no-print");
  CHECK(change["artifactLocation"] ==
        nlohmann::json{{"uri", "src%20dir/app.py"}, {"uriBaseId", "SRCROOT"}});
  CHECK(change["replacements"][0] ==
        nlohmann::json{{"deletedRegion",
                        {{"startLine", 1}, {"startColumn", 5}, {"endLine", 1}, {"endColumn", 13}}},
                       {"insertedContent", {{"text", "log(x)"}}}});

  TempDir dir;
  std::filesystem::path file = dir.path() / "fix.sarif";
  std::ofstream(file, std::ios::binary) << out.str();
  CommandResult valid =
      run_command({"python3", source_path("tests/support/validate_sarif.py").string(),
                   source_path("tests/data/sarif-schema-2.1.0.json").string(), file.string()},
                  dir.path());
  INFO(valid.out << valid.err);
  CHECK(valid.exit_code == 0);
}

TEST_CASE("markdown: a suggestion at the head, a diff elsewhere", "[report][fix][markdown]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::warning);
  review::Finding at_head = print_finding(rule);
  review::Finding earlier = print_finding(rule);
  earlier.path = "old.py";
  earlier.fix->new_lines = "x = ```\n";  // a run of backticks needs a longer fence
  review::Finding suppressed = print_finding(rule);
  suppressed.path = "quiet.py";
  suppressed.suppressed = true;
  std::vector<review::CommitReview> reviews{make_review({earlier}, std::string(40, 'b')),
                                            make_review({at_head, suppressed})};
  report::MarkdownOptions options;
  options.at_head = [](const review::Finding& f) { return f.commit == std::string(40, 'a'); };
  std::ostringstream out;
  report::write_markdown(out, reviews, options);
  std::string md = out.str();
  CHECK(md.find("#### Suggested fixes\n\n"
                "- old\\.py line 2 (no\\-print)\n\n"
                "  ````diff\n"
                "  -print(x)\n"
                "  +x = ```\n"
                "  ````\n\n"
                "- app\\.py line 2 (no\\-print)\n\n"
                "  ```suggestion\n"
                "  logging.info(x)\n"
                "  ```\n\n") != std::string::npos);
  CHECK(md.find("quiet\\.py line") == std::string::npos);  // suppressed: no fix offered

  std::ostringstream plain;
  report::write_markdown(plain, reviews);  // no head known: no suggestion
  CHECK(plain.str().find("suggestion") == std::string::npos);
}

}  // namespace mentor::test
