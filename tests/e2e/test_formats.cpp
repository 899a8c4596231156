// End-to-end tests of `git mentor check --format sarif|github|markdown` on real repositories,
// through the built binary and in-process; the SARIF output is validated against the official
// SARIF 2.1.0 schema (tests/data/sarif-schema-2.1.0.json) with python3-jsonschema.
#include <fstream>

#include "e2e/check_fixture.hpp"
#include "git/repository.hpp"
#include "record/reviews_record.hpp"

namespace mentor::test {

namespace {

// no-print (an error, with a lesson and a url), a praise for logging.info, and a JavaScript
// warning.
constexpr const char* kFormatRules = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
lesson: |
  Use `logging` instead of print: it has levels and can be silenced.

  ```python
  log.info("ready")
  ```
url: https://example.org/lessons/no-print
rule:
  pattern: print($$$ARGS)
---
id: praise-logging
language: python
severity: praise
message: Logging instead of printing
skill: readability
rule:
  pattern: logging.info($$$ARGS)
---
id: no-console-log
language: javascript
severity: warning
message: console.log left in
skill: readability
rule:
  pattern: console.log($$$ARGS)
)";

// A Python file whose findings sit after characters outside ASCII: byte columns and UTF-16
// columns differ. Line 1: print(s) after "é😀" (2 + 4 bytes, 1 + 2 units); lines 2-3: a
// print( over two lines ending after "é😀"; line 4: a suppressed print; line 5: praise.
constexpr const char* kUnicodeSource =
    "s = \"h\xC3\xA9llo \xF0\x9F\x98\x80\"; print(s)\n"
    "value = print(\n"
    "    \"\xC3\xA9\xF0\x9F\x98\x80\")\n"
    "print(1)  # mentor: ignore[no-print] the CLI's output\n"
    "logging.info(\"done\")\n";

constexpr const char* kUnicodePath = "src dir/caf\xC3\xA9 #1.py";

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(GIT_MENTOR_SOURCE_DIR) / relative;
}

// Runs tests/support/validate_sarif.py over `sarif` (written to a file in `dir`).
CommandResult validate_sarif(const std::string& sarif, const TempDir& dir,
                             const std::string& name = "out.sarif") {
  std::filesystem::path file = dir.path() / name;
  std::ofstream(file, std::ios::binary) << sarif;
  return run_command({"python3", source_path("tests/support/validate_sarif.py").string(),
                      source_path("tests/data/sarif-schema-2.1.0.json").string(), file.string()},
                     dir.path());
}

}  // namespace

TEST_CASE("check --format sarif validates against the SARIF 2.1.0 schema",
          "[e2e][formats][sarif]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("README.md", "demo\n");
  std::string base = repo.commit("base");
  repo.write(kUnicodePath, kUnicodeSource);
  repo.write("web/app.js", "console.log(\"<script>alert(1)</script>\");\n");
  std::string head = repo.commit("Add code with <b>markup</b> | pipes");

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "sarif"}));
  CHECK(run.code == 1);  // an unsuppressed error blocks, whatever the format
  INFO("stdout: " << run.out << "\nstderr: " << run.err);

  TempDir dir;
  CommandResult valid = validate_sarif(run.out, dir);
  INFO("validator: " << valid.out << valid.err);
  CHECK(valid.exit_code == 0);

  nlohmann::json log = nlohmann::json::parse(run.out);
  const auto& sarif_run = log["runs"][0];
  CHECK(sarif_run["tool"]["driver"]["name"] == "git-mentor");
  CHECK(sarif_run["tool"]["driver"]["version"] == GIT_MENTOR_VERSION);
  CHECK(sarif_run["columnKind"] == "utf16CodeUnits");
  const auto& rules_json = sarif_run["tool"]["driver"]["rules"];
  REQUIRE(rules_json.size() == 3);
  CHECK(rules_json[0]["id"] == "no-console-log");
  CHECK(rules_json[1]["id"] == "no-print");
  CHECK(rules_json[1]["helpUri"] == "https://example.org/lessons/no-print");
  CHECK(rules_json[1]["help"]["markdown"].get<std::string>().find("```python") !=
        std::string::npos);
  CHECK(rules_json[2]["id"] == "praise-logging");

  const auto& results = sarif_run["results"];
  // Sorted by path: "src dir/..." then "web/app.js".
  REQUIRE(results.size() == 5);
  auto region = [&](std::size_t i) -> const nlohmann::json& {
    return results[i]["locations"][0]["physicalLocation"]["region"];
  };
  auto uri = [&](std::size_t i) {
    return results[i]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  };
  CHECK(uri(0) == "src%20dir/caf%C3%A9%20%231.py");
  // print(s): bytes 20..27 of line 1, after "é" (2 bytes, 1 unit) and "😀" (4 bytes, 2 units).
  CHECK(results[0]["ruleId"] == "no-print");
  CHECK(results[0]["ruleIndex"] == 1);
  CHECK(region(0) ==
        nlohmann::json{{"startLine", 1}, {"startColumn", 17}, {"endLine", 1}, {"endColumn", 25}});
  CHECK(results[0]["partialFingerprints"]["findingId/v1"].get<std::string>().size() == 16);
  CHECK(results[0]["properties"]["commit"] == head);
  CHECK(results[0]["properties"]["author"] == "Mentee Example <mentee@example.com>");
  CHECK(results[0]["suppressions"] == nlohmann::json::array());
  // The print( over lines 2-3: its end column comes from line 3 as committed.
  CHECK(region(1) ==
        nlohmann::json{{"startLine", 2}, {"startColumn", 9}, {"endLine", 3}, {"endColumn", 11}});
  // The suppressed one.
  CHECK(region(2)["startLine"] == 4);
  CHECK(
      results[2]["suppressions"] ==
      nlohmann::json::array(
          {{{"kind", "inSource"}, {"status", "accepted"}, {"justification", "the CLI's output"}}}));
  // Praise: a pass.
  CHECK(results[3]["ruleId"] == "praise-logging");
  CHECK(results[3]["kind"] == "pass");
  CHECK(results[3]["level"] == "none");
  CHECK(results[3]["properties"]["praise"] == true);
  CHECK(results[4]["ruleId"] == "no-console-log");
  CHECK(results[4]["level"] == "warning");
  CHECK(uri(4) == "web/app.js");

  // The validator does reject what breaks the schema.
  nlohmann::json broken = log;
  broken["runs"][0]["results"][0]["level"] = "fatal";
  broken["runs"][0]["results"][1]["suppressions"][0] = {{"justification", "no kind"}};
  CommandResult invalid = validate_sarif(broken.dump(), dir, "broken.sarif");
  CHECK(invalid.exit_code == 1);
  CHECK(invalid.err.find("fatal") != std::string::npos);
  CHECK(invalid.err.find("'kind' is a required property") != std::string::npos);
}

TEST_CASE("check --format sarif carries the mentors' verdicts", "[e2e][formats][sarif][review]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("a.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("a.py", "x = 1\nprint(1)\nprint(2)\nprint(3)\n");
  std::string head = repo.commit("Three prints");
  auto args = check_args(repo, rules, {base + "..HEAD", "--format", "sarif"});

  nlohmann::json before = nlohmann::json::parse(run_mentor(args).out);
  const auto& plain = before["runs"][0]["results"];
  REQUIRE(plain.size() == 3);
  std::vector<std::string> ids;
  for (const auto& result : plain) {
    CHECK(result["suppressions"] == nlohmann::json::array());
    CHECK_FALSE(result["properties"].contains("verdict"));
    ids.push_back(result["partialFingerprints"]["findingId/v1"]);
  }

  // A mentor dismisses print(1) (after a first note), confirms print(2), only notes print(3).
  git::Repository git_repo = git::Repository::discover(repo.path().string());
  auto annotation = [&](const std::string& id, record::Verdict verdict, const std::string& note,
                        const std::string& time) {
    record::Annotation a;
    a.key = {head, id};
    a.rule = "no-print";
    a.verdict = verdict;
    a.note = note;
    a.mentor = "Mentor Example <mentor@example.com>";
    a.time = time;
    return a;
  };
  std::vector<record::Annotation> annotations{
      annotation(ids[0], record::Verdict::noted, "looking", "2026-11-23T10:00:00.000Z"),
      annotation(ids[0], record::Verdict::dismissed, "The CLI prints <on purpose> | ok",
                 "2026-11-23T10:01:00.000Z"),
      annotation(ids[1], record::Verdict::confirmed, "", "2026-11-23T10:02:00.000Z"),
      annotation(ids[2], record::Verdict::noted, "ask about it", "2026-11-23T10:03:00.000Z")};
  std::vector<std::string> warnings;
  record::add_annotations(git_repo, annotations,
                          [&](const std::string& message) { warnings.push_back(message); });
  CHECK(warnings.empty());

  MentorRun run = run_mentor(args);
  CHECK(run.code == 1);  // verdicts do not change the exit code
  TempDir dir;
  CommandResult valid = validate_sarif(run.out, dir);
  INFO("validator: " << valid.out << valid.err);
  CHECK(valid.exit_code == 0);
  nlohmann::json after = nlohmann::json::parse(run.out);
  const auto& results = after["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["suppressions"] ==
        nlohmann::json::array({{{"kind", "external"},
                                {"status", "accepted"},
                                {"justification", "The CLI prints <on purpose> | ok"},
                                {"properties",
                                 {{"mentor", "Mentor Example <mentor@example.com>"},
                                  {"time", "2026-11-23T10:01:00.000Z"}}}}}));
  CHECK(results[0]["properties"]["verdict"] == "dismissed");
  CHECK(results[1]["suppressions"] == nlohmann::json::array());
  CHECK(results[1]["properties"]["verdict"] == "confirmed");
  CHECK(results[1]["properties"]["verdictBy"] == "Mentor Example <mentor@example.com>");
  CHECK_FALSE(results[1]["properties"].contains("verdictNote"));
  CHECK(results[2]["suppressions"] == nlohmann::json::array());
  CHECK_FALSE(results[2]["properties"].contains("verdict"));  // a note is not a verdict

  // Only SARIF reads the reviews record: a line it does not understand there is a warning for
  // --format sarif, and nothing for the other formats.
  repo.git({"notes", "--ref", "mentor-reviews", "append", "-m", "not a git-mentor line", head});
  MentorRun sarif = run_mentor(args);
  CHECK(sarif.err.find("warning") != std::string::npos);
  CHECK(nlohmann::json::parse(sarif.out)["runs"][0]["results"][0]["properties"]["verdict"] ==
        "dismissed");
  for (std::string format : {"text", "json", "github", "markdown"}) {
    MentorRun other = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", format}));
    CHECK(other.code == 1);
    CHECK(other.err.empty());
  }
}

TEST_CASE("check --format sarif of staged changes reads the end line from the index",
          "[e2e][formats][sarif][staged]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("a.py", "x = 1\n");
  repo.commit("base");
  repo.write("a.py", "x = 1\nprint(\n    \"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\")\n");
  repo.git({"add", "a.py"});
  repo.write("a.py", "x = 1\n");  // the work tree differs from the index

  MentorRun run = run_mentor(check_args(repo, rules, {"--staged", "--format", "sarif"}));
  CHECK(run.code == 1);
  TempDir dir;
  CommandResult valid = validate_sarif(run.out, dir);
  INFO("validator: " << valid.out << valid.err);
  CHECK(valid.exit_code == 0);
  nlohmann::json log = nlohmann::json::parse(run.out);
  const auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0]["properties"].contains("commit"));
  // Line 3 is 4 spaces, a quote, two 4-byte emoji, a quote and ')': 15 bytes, 11 units.
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json{{"startLine", 2}, {"startColumn", 1}, {"endLine", 3}, {"endColumn", 12}});
}

TEST_CASE("check --format sarif with nothing found is a valid empty log", "[e2e][formats][sarif]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("a.py", "x = 1\n");
  repo.commit("clean");
  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD", "--format", "sarif"}));
  CHECK(run.code == 0);
  TempDir dir;
  CommandResult valid = validate_sarif(run.out, dir);
  INFO("validator: " << valid.out << valid.err);
  CHECK(valid.exit_code == 0);
  CHECK(nlohmann::json::parse(run.out)["runs"][0]["results"].empty());
}

TEST_CASE("check --format github writes workflow commands", "[e2e][formats][github]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("README.md", "demo\n");
  std::string base = repo.commit("base");
  repo.write(kUnicodePath, kUnicodeSource);
  repo.write("web/a,b:c.js", "console.log('100%', \"::warning::x\");\n");
  repo.commit("Add code");

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "github"}));
  CHECK(run.code == 1);
  const std::string file = "file=src dir/caf\xC3\xA9 #1.py";
  const std::string lesson =
      "%0A%0AUse `logging` instead of print: it has levels and can be silenced.";
  // Columns in UTF-16 units (line 1: "é" and "😀" before print(s) save 1 + 2); none for the
  // finding over lines 2-3; the suppressed print on line 4 is not annotated.
  CHECK(run.out ==
        "::error " + file + ",line=1,endLine=1,col=17,endColumn=25,title=no-print::" +
            "print(s) left in" + lesson + "\n" + "::error " + file +
            ",line=2,endLine=3,title=no-print::" + "print(\"\xC3\xA9\xF0\x9F\x98\x80\") left in" +
            lesson + "\n" + "::notice " + file + ",line=5,endLine=5,col=1,endColumn=21," +
            "title=praise-logging::Logging instead of printing\n" +
            "::warning file=web/a%2Cb%3Ac.js,line=1,endLine=1,col=1,endColumn=36," +
            "title=no-console-log::console.log left in\n" +
            "git-mentor: 5 findings (1 suppressed, not annotated) in 1 of 1 commit\n");

  // --fail-on decides the exit code as for the other formats.
  CHECK(run_mentor(
            check_args(repo, rules, {base + "..HEAD", "--format", "github", "--fail-on", "never"}))
            .code == 0);
}

TEST_CASE("check --format markdown escapes what comes from the repository",
          "[e2e][formats][markdown]") {
  TestRepo repo;
  RuleFile rules(kFormatRules);
  repo.write("README.md", "demo\n");
  std::string base = repo.commit("base");
  repo.write("web/<img src=x>|`a`.js", "console.log(\"<script>alert(1)</script> | `x`\");\n");
  repo.write("tool.py", "print(1)  # mentor: ignore[no-print] @everyone *see* <b>this</b>\n");
  std::string head = repo.commit("Fix | <script>alert(1)</script> [x](javascript:y)",
                                 {"Eve | *the* `x` @admin", "eve@example.com"});

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "markdown"}));
  CHECK(run.code == 0);  // a warning, and a suppressed error
  const std::string joiner = "\xE2\x81\xA0";
  CHECK(run.out ==
        "### git-mentor: 2 findings (1 warning, 1 suppressed) in 1 of 1 commit\n"
        "\n"
        "**" +
            head.substr(0, 12) +
            "** Fix \\| &lt;script&gt;alert\\(1\\)&lt;/script&gt; "
            "\\[x\\]\\(javascript:y\\) by Eve \\| \\*the\\* \\`x\\` @" +
            joiner +
            "admin &lt;eve@example\\.com&gt;\n"
            "\n"
            "| Location | Severity | Rule | Message |\n"
            "| --- | --- | --- | --- |\n"
            "| tool\\.py:1 | error, suppressed | no\\-print | print\\(1\\) left in (suppressed: @" +
            joiner +
            "everyone \\*see\\* &lt;b&gt;this&lt;/b&gt;) |\n"
            "| web/&lt;img src=x&gt;\\|\\`a\\`\\.js:1 | warning | no\\-console\\-log | "
            "console\\.log left in |\n"
            "\n"
            "<details><summary>Lessons (2 rules)</summary>\n"
            "\n"
            "- **no\\-console\\-log** (readability)\n"
            "- **no\\-print** (readability): Use \\`logging\\` instead of print: it has levels and "
            "can be silenced\\. [More](<https://example.org/lessons/no-print>)\n"
            "\n"
            "</details>\n");
}

}  // namespace mentor::test
