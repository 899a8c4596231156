// Which rules `check` compiles: the bundled packs of the touched languages on a short range,
// everything on a long one, and every user rule always.
#include <set>
#include <tuple>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

using FindingKey = std::tuple<std::string, std::string, std::string, int>;

// (commit, rule, path, line) of every finding of a `check --format json` run.
std::set<FindingKey> finding_keys(const MentorRun& run) {
  std::set<FindingKey> keys;
  for (const auto& finding : findings_of(run)) {
    keys.emplace(finding["commit"].get<std::string>(), finding["rule"].get<std::string>(),
                 finding["path"].get<std::string>(), finding["line"].get<int>());
  }
  return keys;
}

}  // namespace

TEST_CASE("check of a short range still reports a broken rule of a language it does not touch",
          "[e2e][check][rules]") {
  TestRepo repo;
  repo.write("app.py", "print(1)\n");
  repo.commit("python only");
  RuleFile rules("id: go-broken\nlanguage: go\nmessage: m\nrule:\n  kind: no_such_kind\n",
                 "go.yaml");
  MentorRun run = run_mentor(
      {"-C", repo.path().string(), "check", "--rules", "builtin", "--rules", rules.path(), "HEAD"});
  INFO(run.err);
  CHECK(run.code == 2);
  CHECK(run.err.find("go.yaml:5:9: error: rule 'go-broken': unknown node kind 'no_such_kind'") !=
        std::string::npos);
}

TEST_CASE("check finds the same with the bundled packs of the touched languages as with all",
          "[e2e][check][rules]") {
  TestRepo repo;
  repo.write("README.md", "start\n");
  std::string base = repo.commit("base");
  std::vector<std::string> commits;
  // 12 commits: more than a short range, so the whole range compiles every bundled rule.
  for (int i = 0; i < 12; ++i) {
    if (i % 3 == 2) {
      repo.write("web/m" + std::to_string(i) + ".js",
                 "function f(x) {\n  var y = x == 1;\n  console.log(y);\n}\n");
    } else {
      repo.write("src/m" + std::to_string(i) + ".py",
                 "def f(path):\n    try:\n        return open(path).read()\n    except:\n"
                 "        return None\n");
    }
    commits.push_back(repo.commit("change " + std::to_string(i)));
  }
  auto all = finding_keys(run_mentor({"-C", repo.path().string(), "check", "--format", "json",
                                      "--fail-on", "never", base + "..HEAD"}));
  REQUIRE(all.size() >= 12);
  // The last 4 commits (Python and JavaScript), and the last one alone (Python only).
  for (std::size_t last : {std::size_t{4}, std::size_t{1}}) {
    std::string range = last == 1 ? "HEAD" : "HEAD~" + std::to_string(last) + "..HEAD";
    auto some = finding_keys(run_mentor(
        {"-C", repo.path().string(), "check", "--format", "json", "--fail-on", "never", range}));
    std::set<std::string> in_range(commits.end() - static_cast<std::ptrdiff_t>(last),
                                   commits.end());
    std::set<FindingKey> expected;
    for (const auto& key : all) {
      if (in_range.contains(std::get<0>(key)))
        expected.insert(key);
    }
    INFO(range);
    CHECK(expected.size() >= last);
    CHECK(some == expected);
  }
}

}  // namespace mentor::test
