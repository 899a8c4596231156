#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/sarif_report.hpp"
#include "unit/report/report_fixture.hpp"

namespace mentor::test {

namespace {

using report::MentorVerdict;
using report::SarifOptions;

nlohmann::json sarif_of(const std::vector<review::CommitReview>& reviews,
                        const SarifOptions& options = {}) {
  std::ostringstream out;
  report::write_sarif(out, reviews, options);
  return nlohmann::json::parse(out.str());  // throws (failing the test) when not JSON
}

const nlohmann::json& run_of(const nlohmann::json& log) {
  return log["runs"][0];
}

}  // namespace

TEST_CASE("sarif: one run of git-mentor with the rules that have findings", "[report][sarif]") {
  rules::Rule no_print =
      make_rule("no-print", rules::Severity::error, "print($$$ARGS) left in", "readability",
                "Use logging.\n\nIt has levels.", "https://example.org/rules/no-print");
  rules::Rule unused = make_rule("unused", rules::Severity::warning);
  rules::Rule a_hint = make_rule("a-hint", rules::Severity::hint, "consider", "style");
  std::vector<review::CommitReview> reviews{
      make_review({make_finding(no_print, "app.py", 2, 1, 9, "print(x)", "print(x) left in"),
                   make_finding(a_hint, "app.py", 3, 1, 2, "y")}),
      make_review({}, std::string(40, 'b'))};
  SarifOptions options;
  options.tool_version = "1.2.3";
  nlohmann::json log = sarif_of(reviews, options);
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  const auto& run = run_of(log);
  CHECK(run["tool"]["driver"]["name"] == "git-mentor");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  CHECK(run["columnKind"] == "utf16CodeUnits");

  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 2);  // sorted by id; `unused` has no finding
  CHECK(rules[0]["id"] == "a-hint");
  CHECK(rules[1]["id"] == "no-print");
  const auto& rule = rules[1];
  CHECK(rule["shortDescription"]["text"] == "print($$$ARGS) left in");
  CHECK(rule["fullDescription"]["text"] == "Use logging.\n\nIt has levels.");
  CHECK(rule["help"]["text"] == "Use logging.\n\nIt has levels.");
  CHECK(rule["help"]["markdown"] == "Use logging.\n\nIt has levels.");
  CHECK(rule["helpUri"] == "https://example.org/rules/no-print");
  CHECK(rule["defaultConfiguration"]["level"] == "error");
  CHECK(rule["properties"]["skill"] == "readability");
  CHECK(rule["properties"]["tags"] == nlohmann::json::array({"readability", "python"}));
  CHECK_FALSE(rules[0].contains("help"));  // no lesson, no help
  CHECK_FALSE(rules[0].contains("helpUri"));

  const auto& results = run["results"];
  REQUIRE(results.size() == 2);
  const auto& r = results[0];
  CHECK(r["ruleId"] == "no-print");
  CHECK(r["ruleIndex"] == 1);
  CHECK(r["level"] == "error");
  CHECK_FALSE(r.contains("kind"));
  CHECK(r["message"]["text"] == "print(x) left in");
  const auto& location = r["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "app.py");
  CHECK(location["artifactLocation"]["uriBaseId"] == "SRCROOT");
  CHECK(location["region"] ==
        nlohmann::json{{"startLine", 2}, {"startColumn", 1}, {"endLine", 2}, {"endColumn", 9}});
  CHECK(r["partialFingerprints"]["findingId/v1"] == "0123456789abcdef");
  CHECK(r["suppressions"] == nlohmann::json::array());
  CHECK(r["properties"]["commit"] == std::string(40, 'a'));
  CHECK(r["properties"]["author"] == "Mentee Example <mentee@example.com>");
  CHECK(r["properties"]["skill"] == "readability");
  CHECK(results[1]["ruleIndex"] == 0);
  CHECK(results[1]["level"] == "note");  // hint
}

TEST_CASE("sarif: levels for every severity, praise is a pass", "[report][sarif]") {
  rules::Rule error = make_rule("e", rules::Severity::error);
  rules::Rule warning = make_rule("w", rules::Severity::warning);
  rules::Rule info = make_rule("i", rules::Severity::info);
  rules::Rule hint = make_rule("h", rules::Severity::hint);
  rules::Rule praise = make_rule("p", rules::Severity::praise);
  std::vector<review::CommitReview> reviews{make_review({
      make_finding(error, "a.py", 1, 1, 2, "x"),
      make_finding(warning, "a.py", 2, 1, 2, "x"),
      make_finding(info, "a.py", 3, 1, 2, "x"),
      make_finding(hint, "a.py", 4, 1, 2, "x"),
      make_finding(praise, "a.py", 5, 1, 2, "x"),
  })};
  nlohmann::json log = sarif_of(reviews);
  const auto& results = run_of(log)["results"];
  REQUIRE(results.size() == 5);
  CHECK(results[0]["level"] == "error");
  CHECK(results[1]["level"] == "warning");
  CHECK(results[2]["level"] == "note");
  CHECK(results[3]["level"] == "note");
  // SARIF: any kind other than "fail" requires level "none".
  CHECK(results[4]["kind"] == "pass");
  CHECK(results[4]["level"] == "none");
  CHECK(results[4]["properties"]["praise"] == true);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK_FALSE(results[i].contains("kind"));
    CHECK_FALSE(results[i]["properties"].contains("praise"));
  }
  const auto& rules = run_of(log)["tool"]["driver"]["rules"];
  CHECK(rules[3]["id"] == "p");
  CHECK(rules[3]["defaultConfiguration"]["level"] == "none");
}

TEST_CASE("sarif: columns are UTF-16 code units, converted from bytes", "[report][sarif]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error);
  // 'é' is two bytes and one unit; '😀' four bytes and two units.
  std::string line = "s = '\xC3\xA9\xF0\x9F\x98\x80'; print(s)";
  auto start = static_cast<std::uint32_t>(line.find("print") + 1);
  std::vector<review::CommitReview> reviews{
      make_review({make_finding(rule, "a.py", 1, start, start + 8, line)})};
  nlohmann::json log = sarif_of(reviews);
  const auto& region = run_of(log)["results"][0]["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startColumn"] == start - 3);  // 1 unit saved by é, 2 by 😀
  CHECK(region["endColumn"] == start + 8 - 3);
}

TEST_CASE("sarif: a region over several lines converts its end column with the end line",
          "[report][sarif]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error);
  review::Finding f = make_finding(rule, "a.py", 1, 9, 0, "value = print(");
  f.end_line = 3;
  f.end_column = 6;  // one past ")" in "\xC3\xA9\xC3\xA9)" (5 bytes)
  std::vector<review::CommitReview> reviews{make_review({f})};

  // Without the end line's text, SARIF's default applies: to the end of endLine.
  nlohmann::json log = sarif_of(reviews);
  const auto& region = run_of(log)["results"][0]["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"] == 1);
  CHECK(region["startColumn"] == 9);
  CHECK(region["endLine"] == 3);
  CHECK_FALSE(region.contains("endColumn"));

  SarifOptions options;
  std::vector<std::uint32_t> asked;
  options.line_text = [&](const review::Finding& finding,
                          std::uint32_t line) -> std::optional<std::string> {
    CHECK(finding.path == "a.py");
    asked.push_back(line);
    return std::string("\xC3\xA9\xC3\xA9)");
  };
  nlohmann::json converted_log = sarif_of(reviews, options);
  const auto& converted =
      run_of(converted_log)["results"][0]["locations"][0]["physicalLocation"]["region"];
  CHECK(converted["endColumn"] == 4);  // é é ) : three units
  CHECK(asked == std::vector<std::uint32_t>{3});
}

TEST_CASE("sarif: inline suppressions and mentors' verdicts", "[report][sarif]") {
  rules::Rule rule = make_rule("no-print", rules::Severity::error);
  review::Finding inline_suppressed = make_finding(rule, "a.py", 1, 1, 2, "x");
  inline_suppressed.suppressed = true;
  inline_suppressed.suppression_reason = "debug output is the point here";
  inline_suppressed.fingerprint = "1111111111111111";
  review::Finding dismissed = make_finding(rule, "a.py", 2, 1, 2, "x");
  dismissed.fingerprint = "2222222222222222";
  review::Finding confirmed = make_finding(rule, "a.py", 3, 1, 2, "x");
  confirmed.fingerprint = "3333333333333333";
  review::Finding both = inline_suppressed;
  both.line = both.end_line = 4;
  both.fingerprint = "4444444444444444";
  std::vector<review::CommitReview> reviews{
      make_review({inline_suppressed, dismissed, confirmed, both})};

  SarifOptions options;
  options.verdict = [](const review::Finding& f) -> std::optional<MentorVerdict> {
    CHECK(f.commit == std::string(40, 'a'));
    if (f.fingerprint == "2222222222222222" || f.fingerprint == "4444444444444444")
      return MentorVerdict{MentorVerdict::Kind::dismissed, "Mentor <m@example.com>",
                           "generated <code> | ok", "2026-11-23T11:09:24.123Z"};
    if (f.fingerprint == "3333333333333333")
      return MentorVerdict{MentorVerdict::Kind::confirmed, "Mentor <m@example.com>", "",
                           "2026-11-23T11:10:00.000Z"};
    return std::nullopt;
  };
  nlohmann::json log = sarif_of(reviews, options);
  const auto& results = run_of(log)["results"];
  REQUIRE(results.size() == 4);

  CHECK(results[0]["suppressions"] ==
        nlohmann::json::array({{{"kind", "inSource"},
                                {"status", "accepted"},
                                {"justification", "debug output is the point here"}}}));
  CHECK_FALSE(results[0]["properties"].contains("verdict"));

  REQUIRE(results[1]["suppressions"].size() == 1);
  const auto& external = results[1]["suppressions"][0];
  CHECK(external["kind"] == "external");
  CHECK(external["status"] == "accepted");
  CHECK(external["justification"] == "generated <code> | ok");
  CHECK(external["properties"]["mentor"] == "Mentor <m@example.com>");
  CHECK(results[1]["properties"]["verdict"] == "dismissed");
  CHECK(results[1]["properties"]["verdictNote"] == "generated <code> | ok");

  CHECK(results[2]["suppressions"] == nlohmann::json::array());
  CHECK(results[2]["properties"]["verdict"] == "confirmed");
  CHECK(results[2]["properties"]["verdictBy"] == "Mentor <m@example.com>");
  CHECK_FALSE(results[2]["properties"].contains("verdictNote"));

  REQUIRE(results[3]["suppressions"].size() == 2);
  CHECK(results[3]["suppressions"][0]["kind"] == "inSource");
  CHECK(results[3]["suppressions"][1]["kind"] == "external");
}

TEST_CASE("sarif: hostile text stays data and the output stays valid JSON", "[report][sarif]") {
  rules::Rule rule = make_rule("evil::rule", rules::Severity::warning, "<script>alert(1)</script>",
                               "a|b", "```\n`x`\n```\n%0A", "not a uri");
  std::string message = "<script>alert(1)</script> `rm -rf` | %0A :: line\nbreak \"q\" \xFF";
  review::Finding f = make_finding(rule, "dir with space/50% #1?.py", 1, 1, 2, "x", message);
  f.author = "Eve <eve@example.com>\n::error::injected";
  f.suppressed = true;
  f.suppression_reason = "it's fine\r\n</script>";
  std::vector<review::CommitReview> reviews{make_review({f})};
  nlohmann::json log = sarif_of(reviews);
  const auto& result = run_of(log)["results"][0];
  CHECK(result["message"]["text"] ==
        "<script>alert(1)</script> `rm -rf` | %0A :: line\nbreak \"q\" \xEF\xBF\xBD");
  CHECK(result["properties"]["author"] == "Eve <eve@example.com>\n::error::injected");
  CHECK(result["suppressions"][0]["justification"] == "it's fine\r\n</script>");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dir%20with%20space/50%25%20%231%3F.py");
  const auto& rule_json = run_of(log)["tool"]["driver"]["rules"][0];
  CHECK_FALSE(rule_json.contains("helpUri"));  // not an absolute URI
  CHECK(rule_json["properties"]["url"] == "not a uri");
}

TEST_CASE("sarif: paths become relative URI references", "[report][sarif]") {
  CHECK(report::path_to_uri("src/app.py") == "src/app.py");
  CHECK(report::path_to_uri("a b/c#d?e%f") == "a%20b/c%23d%3Fe%25f");
  CHECK(report::path_to_uri("c:/x.py") == "c%3A/x.py");  // not a scheme
  CHECK(report::path_to_uri("caf\xC3\xA9.py") == "caf%C3%A9.py");
  CHECK(report::path_to_uri("a~b_c-d.e!$&'()*+,;=@") == "a~b_c-d.e!$&'()*+,;=@");
  CHECK(report::path_to_uri("back\\slash\"<>") == "back%5Cslash%22%3C%3E");
}

TEST_CASE("sarif: an empty review is a valid log with no results", "[report][sarif]") {
  nlohmann::json log = sarif_of({});
  CHECK(run_of(log)["results"] == nlohmann::json::array());
  CHECK(run_of(log)["tool"]["driver"]["rules"] == nlohmann::json::array());
}

}  // namespace mentor::test
