// Runs git-mentor both in-process and through the built binary and insists they agree.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

struct MentorRun {
  int code = 0;
  std::string out;
  std::string err;
};

// cli::run in this process.
inline MentorRun run_in_process(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run(args, cli::Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

// The git-mentor executable in a child process.
inline MentorRun run_binary(const std::vector<std::string>& args) {
  std::vector<std::string> argv{GIT_MENTOR_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = run_command(argv, std::filesystem::current_path());
  return {result.exit_code, result.out, result.err};
}

// Both ways; they must print and exit the same.
inline MentorRun run_mentor(const std::vector<std::string>& args) {
  MentorRun in_process = run_in_process(args);
  MentorRun binary = run_binary(args);
  INFO("args: " << Catch::Detail::stringify(args));
  CHECK(binary.code == in_process.code);
  CHECK(binary.out == in_process.out);
  CHECK(binary.err == in_process.err);
  return in_process;
}

// A rule file outside the repository, for tests that need rules of their own.
class RuleFile {
 public:
  explicit RuleFile(const std::string& yaml, const std::string& name = "rules.yaml")
      : path_(dir_.path() / name) {
    std::ofstream(path_, std::ios::binary) << yaml;
  }
  std::string path() const { return path_.string(); }

 private:
  TempDir dir_;
  std::filesystem::path path_;
};

// A Python rule that flags every print(...) call, and a JavaScript one for console.log.
inline constexpr const char* kPrintRules = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
lesson: Use logging.
rule:
  pattern: print($$$ARGS)
---
id: no-console-log
language: javascript
severity: warning
message: console.log left in
skill: readability
rule:
  pattern: console.log($$$ARGS)
)";

// `-C REPO check --rules RULES EXTRA...`
inline std::vector<std::string> check_args(const TestRepo& repo, const RuleFile& rules,
                                           std::vector<std::string> extra) {
  std::vector<std::string> args{"-C", repo.path().string(), "check", "--rules", rules.path()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The findings of a --format json run.
inline nlohmann::json findings_of(const MentorRun& run) {
  INFO("stdout: " << run.out << "\nstderr: " << run.err);
  REQUIRE_FALSE(run.out.empty());
  return nlohmann::json::parse(run.out);
}

}  // namespace mentor::test
