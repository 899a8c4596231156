// Finding rule files and shared utility rule files on disk, ast-grep projects included.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "cli/config.hpp"
#include "cli/rule_sources.hpp"
#include "cli/sg_config.hpp"
#include "lang/language.hpp"
#include "rules/rule_error.hpp"
#include "support/temp_repo.hpp"

using namespace mentor;

namespace {

// A directory of rule files for one test.
struct RuleTree {
  test::TempDir dir;

  void write(const std::string& relpath, const std::string& text) const {
    std::filesystem::path path = dir.path() / relpath;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  std::string base() const { return dir.path().string(); }
};

constexpr const char* kNoPrint =
    "id: no-print\nlanguage: python\nmessage: print left in\nrule:\n  matches: is-print\n";
constexpr const char* kIsPrint = "id: is-print\nlanguage: python\nrule:\n  pattern: print($X)\n";

std::set<std::string> ids_of(const review::RuleSet& set) {
  std::set<std::string> ids;
  for (const auto* rule : set.all())
    ids.insert(rule->id);
  return ids;
}

// The message of the mentor::Error loading `sources` throws.
std::string error_loading(const RuleTree& tree, const cli::RuleSources& sources) {
  review::RuleSet set;
  try {
    cli::load_rule_files(tree.base(), sources, set);
  } catch (const Error& e) {
    return e.describe();
  }
  FAIL("no error");
  return "";
}

cli::RuleSources sources(std::vector<std::string> rules, std::vector<std::string> utils) {
  cli::RuleSources out;
  out.rules = std::move(rules);
  out.utils = std::move(utils);
  return out;
}

}  // namespace

TEST_CASE("rule sources: rules use the utility files of --utils", "[cli][utils]") {
  RuleTree tree;
  tree.write("mentor/rules/no-print.yaml", kNoPrint);
  tree.write("mentor/utils/is-print.yml", kIsPrint);

  review::RuleSet set;
  // The utility directory is inside the rules directory: its files are not rules.
  cli::load_rule_files(tree.base(), sources({"mentor"}, {"mentor/utils"}), set);
  CHECK(ids_of(set) == std::set<std::string>{"no-print"});

  // A glob and a file name the same utility file: it is read once, not a duplicate.
  review::RuleSet again;
  cli::load_rule_files(tree.base(),
                       sources({"mentor/rules"}, {"mentor/utils/*.yml", "mentor/utils/is-print.yml",
                                                  "./mentor/utils"}),
                       again);
  CHECK(ids_of(again) == std::set<std::string>{"no-print"});

  // Without them, the rule names an unknown utility.
  std::string unknown = error_loading(tree, sources({"mentor/rules"}, {}));
  CHECK(unknown.find("no-print.yaml:5:12: rule 'no-print': 'matches' names no utility rule "
                     "'is-print'") != std::string::npos);
}

TEST_CASE("rule sources: utility file errors", "[cli][utils]") {
  RuleTree tree;
  tree.write("rules/no-print.yaml", kNoPrint);
  tree.write("utils/a.yml", kIsPrint);
  tree.write("utils/b.yml", std::string(kIsPrint) +
                                "---\nid: is-call\nlanguage: python\n"
                                "rule: {kind: call}\n");
  std::string error = error_loading(tree, sources({"rules"}, {"utils"}));
  CHECK(error.find("utils/b.yml:1:5: utility rule 'is-print': a utility rule of this id for "
                   "python is already defined in " +
                   (tree.dir.path() / "utils/a.yml").string() + ":1") != std::string::npos);

  tree.write("utils/b.yml", "id: is-call\nlanguage: python\nseverity: error\nrule: {kind: call}\n");
  CHECK(error_loading(tree, sources({"rules"}, {"utils"}))
            .find("utils/b.yml:3:1: utility rule 'is-call': key 'severity' has no place in a "
                  "utility rule file") != std::string::npos);

  CHECK(error_loading(tree, sources({"rules"}, {"nowhere"})) ==
        "utility rule file not found: nowhere");
  CHECK(error_loading(tree, sources({"rules"}, {"utils/*.json"})) ==
        "no utility rule files match 'utils/*.json'");
}

TEST_CASE("rule sources: utilities of unwanted languages are not compiled", "[cli][utils]") {
  RuleTree tree;
  tree.write("rules/no-print.yaml", kNoPrint);
  tree.write("utils/is-print.yml", kIsPrint);
  // Broken: an error whenever it is compiled.
  tree.write("utils/js.yml", "id: js-broken\nlanguage: javascript\nrule: {pattern: 'a ==='}\n");

  rules::LanguageFilter filter;
  filter.only = std::set<const lang::Language*>{lang::find_language("python")};
  review::RuleSet set;
  cli::load_rule_files(tree.base(), sources({"rules"}, {"utils"}), set, {.filter = &filter});
  CHECK(ids_of(set) == std::set<std::string>{"no-print"});

  CHECK(error_loading(tree, sources({"rules"}, {"utils"})).find("js.yml:3:") != std::string::npos);
}

TEST_CASE("rule sources: a directory with an sgconfig.yml is an ast-grep project", "[cli][utils]") {
  RuleTree tree;
  tree.write("project/sgconfig.yml",
             "ruleDirs:\n  - lint/rules\nutilDirs:\n  - lint/utils\ntestConfigs:\n"
             "  - testDir: lint/rule-tests\nlanguageGlobs: {python: ['*.pyi']}\n");
  tree.write("project/lint/rules/no-print.yml", kNoPrint);
  tree.write("project/lint/utils/is-print.yml", kIsPrint);
  tree.write("project/lint/rule-tests/no-print-test.yml",
             "id: no-print\nvalid: ['log(1)']\ninvalid: ['print(1)']\n");
  tree.write("project/lint/rule-tests/__snapshots__/no-print-snapshot.yml",
             "id: no-print\nsnapshots:\n  print(1):\n    labels: []\n");
  tree.write("project/notes.yml", "not: a rule\n");  // outside ruleDirs: not read

  review::RuleSet set;
  std::vector<rules::RuleTestCase> tests;
  cli::load_rule_files(tree.base(), sources({"project"}, {}), set, {.tests = &tests});
  CHECK(ids_of(set) == std::set<std::string>{"no-print"});
  REQUIRE(tests.size() == 1);
  CHECK(tests[0].id == "no-print");
  CHECK(tests[0].invalid == std::vector<std::string>{"print(1)"});

  // check has no use for the tests.
  review::RuleSet for_check;
  cli::load_rule_files(tree.base(), sources({"project"}, {}), for_check);
  CHECK(ids_of(for_check) == std::set<std::string>{"no-print"});

  tree.write("project/sgconfig.yml", "ruleDirs:\n  - lint/rules\nutilDirs:\n  - lint/utilz\n");
  CHECK(error_loading(tree, sources({"project"}, {})) ==
        "utility rule file not found: lint/utilz (named by " +
            (tree.dir.path() / "project/sgconfig.yml").string() + ")");

  tree.write("project/sgconfig.yml", "ruleDirs: lint/rules\n");
  CHECK(error_loading(tree, sources({"project"}, {})) ==
        (tree.dir.path() / "project/sgconfig.yml").string() +
            ":1:11: 'ruleDirs' must be a list of directories");
}

TEST_CASE("sgconfig.yml: the keys git-mentor reads", "[cli][utils]") {
  auto project = cli::parse_sg_config(
      "ruleDirs: [rules, more]\nutilDirs:\n  - utils\ntestConfigs:\n  - testDir: tests\n"
      "    snapshotDir: snaps\n  - other-tests\ncustomLanguages: {}\n",
      "sgconfig.yml");
  CHECK(project.rule_dirs == std::vector<std::string>{"rules", "more"});
  CHECK(project.util_dirs == std::vector<std::string>{"utils"});
  CHECK(project.test_dirs == std::vector<std::string>{"tests", "other-tests"});

  CHECK(cli::parse_sg_config("", "sgconfig.yml").rule_dirs.empty());
  CHECK_THROWS_AS(cli::parse_sg_config("utilDirs: [[a]]\n", "sgconfig.yml"), Error);
  CHECK_THROWS_AS(cli::parse_sg_config("testConfigs:\n  - snapshotDir: x\n", "sgconfig.yml"),
                  Error);
  CHECK_THROWS_AS(cli::parse_sg_config("ruleDirs: [a\n", "sgconfig.yml"), Error);
}

TEST_CASE("config: utils lists shared utility rule files", "[cli][config][utils]") {
  auto config = cli::parse_config("rules: [.mentor/rules]\nutils: .mentor/utils\n", "c.yaml");
  CHECK(config.utils == std::vector<std::string>{".mentor/utils"});
  config = cli::parse_config("utils: [a/, 'b/*.yml']\n", "c.yaml");
  CHECK(config.utils == std::vector<std::string>{"a/", "b/*.yml"});
  try {
    cli::parse_config("util: [a]\n", "c.yaml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "unknown key 'util' (did you mean 'utils'?)");
  }
  CHECK_THROWS_AS(cli::parse_config("utils: {a: b}\n", "c.yaml"), Error);
}
