// The manual pages and the bash completion the build renders from the command-line definition.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

namespace fs = std::filesystem;

// Where the build wrote the pages (CMakeLists.txt: mentor_docs).
fs::path built_man_dir() {
  return fs::path(GIT_MENTOR_BINARY).parent_path() / "man";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The commands `git-mentor --help` lists.
std::vector<std::string> commands_in_help() {
  MentorRun help = run_binary({"--help"});
  REQUIRE(help.code == 0);
  std::vector<std::string> commands;
  std::istringstream lines(help.out.substr(help.out.find("Subcommands:")));
  std::string line;
  std::getline(lines, line);
  std::regex command(R"(^  ([a-z-]+)\s)");
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, command))
      commands.push_back(m[1]);
  }
  return commands;
}

std::string roff_escaped(std::string text) {
  std::string out;
  for (char c : text)
    out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("man pages: one per command, as the build wrote them", "[e2e][man]") {
  std::vector<std::string> commands = commands_in_help();
  REQUIRE(commands.size() >= 7);
  std::vector<std::string> pages{""};
  pages.insert(pages.end(), commands.begin(), commands.end());
  for (const auto& command : pages) {
    std::string name = command.empty() ? "git-mentor" : "git-mentor-" + command;
    INFO(name);
    std::vector<std::string> args{"--man"};
    if (!command.empty())
      args.push_back(command);
    MentorRun page = run_mentor(args);
    REQUIRE(page.code == 0);
    std::string title = name;
    for (char& c : title)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(page.out.find(".TH \"" + roff_escaped(title) + "\" \"1\"") != std::string::npos);
    CHECK(page.out.find(".SH NAME\n" + roff_escaped(name) + " \\- ") != std::string::npos);
    CHECK(read_text(built_man_dir() / "man1" / (name + ".1")) == page.out);
  }
}

TEST_CASE("man pages: every option of --help is in the command's page", "[e2e][man]") {
  for (std::vector<std::string> command : {std::vector<std::string>{"check"},
                                           {"summary"},
                                           {"profile"},
                                           {"review", "start"},
                                           {"rules"},
                                           {"hook", "install"}}) {
    std::vector<std::string> help_args = command;
    help_args.push_back("--help");
    MentorRun help = run_binary(help_args);
    REQUIRE(help.code == 0);
    MentorRun page = run_binary({"--man", command.front()});
    REQUIRE(page.code == 0);
    // The option lines of --help: "  -j,--jobs N   ...", "  --format FORMAT ...".
    std::regex option(R"(^  (-[A-Za-z],)?(--[a-z][a-z-]*))");
    std::set<std::string> options;
    std::istringstream lines(help.out);
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch m;
      if (std::regex_search(line, m, option))
        options.insert(m[2]);
    }
    REQUIRE_FALSE(options.empty());
    for (const auto& name : options) {
      INFO(command.front() << " " << name);
      CHECK(page.out.find("\\fB" + roff_escaped(name) + "\\fR") != std::string::npos);
    }
  }
}

TEST_CASE("man pages: an unknown page is an error", "[e2e][man][errors]") {
  MentorRun page = run_mentor({"--man", "nonsense"});
  CHECK(page.code == 2);
  CHECK(page.out.empty());
  CHECK(page.err.find("no manual page for 'nonsense'") != std::string::npos);
}

TEST_CASE("git mentor --help shows the manual page through git and man", "[e2e][man]") {
  TestRepo repo;
  Environment env = repo.env();
  std::string bin_dir = fs::path(GIT_MENTOR_BINARY).parent_path().string();
  env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));
  env.emplace_back("MANPATH", built_man_dir().string());
  env.emplace_back("MANPAGER", "cat");
  env.emplace_back("PAGER", "cat");
  env.emplace_back("MANWIDTH", "100");
  CommandResult result = run_command({"git", "mentor", "--help"}, repo.path(), "", env);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("git-mentor - review a mentee's commits") != std::string::npos);
  CHECK(result.out.find("git-mentor-check(1)") != std::string::npos);
}

}  // namespace mentor::test
