// Histories with exact authors and dates, written with git fast-import: the summaries' tests
// need commits weeks apart whose right answer is known by construction.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

inline constexpr std::int64_t kJan1 = 1704067200;  // 2024-01-01T00:00:00Z

// Python's print() (readability) and eval() (security): the mistakes the summaries' histories
// make.
inline const std::string kPrintEvalRules = R"(id: no-print
language: python
severity: warning
message: "print($$$ARGS) left in"
skill: readability
rule:
  pattern: print($$$ARGS)
---
id: py-eval
language: python
severity: warning
message: "eval($$$ARGS) runs any code"
skill: security
rule:
  pattern: eval($$$ARGS)
)";

// Those, and JavaScript's console.log() (readability too).
inline const std::string kSummaryRules = kPrintEvalRules + R"(---
id: no-console-log
language: javascript
severity: warning
message: console.log left in
skill: readability
rule:
  pattern: console.log($$$ARGS)
)";

struct Change {
  std::string name;
  std::string email;
  int day = 0;  // authored at 10:00 UTC, `day` days after 2024-01-01
  std::vector<std::pair<std::string, std::string>> files;  // path -> whole new content
};

// Commits `changes` on main with git fast-import (exact authors and dates); returns their ids,
// oldest first.
inline std::vector<std::string> import_history(TestRepo& repo, const std::vector<Change>& changes) {
  std::string stream;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change& c = changes[i];
    const std::string when = std::to_string(kJan1 + c.day * 86400 + 36000) + " +0000";
    const std::string message = "change " + std::to_string(i) + "\n";
    stream += "commit refs/heads/main\n";
    stream += "author " + c.name + " <" + c.email + "> " + when + "\n";
    stream += "committer " + c.name + " <" + c.email + "> " + when + "\n";
    stream += "data " + std::to_string(message.size()) + "\n" + message;
    for (const auto& [path, content] : c.files) {
      stream += "M 100644 inline " + path + "\ndata " + std::to_string(content.size()) + "\n" +
                content + "\n";
    }
  }
  REQUIRE(repo.try_git({"fast-import", "--quiet"}, stream).exit_code == 0);
  repo.git({"reset", "-q", "--hard", "main"});
  std::istringstream ids(repo.git({"rev-list", "--reverse", "main"}));
  std::vector<std::string> out;
  for (std::string id; ids >> id;)
    out.push_back(id);
  REQUIRE(out.size() == changes.size());
  return out;
}

}  // namespace mentor::test
