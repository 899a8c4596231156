// The pre-push hook's review cache (.git/git-mentor/review-cache): a commit reviewed once is read
// back, never across rule changes, and a damaged entry is a miss.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/check_fixture.hpp"
#include "git/notes_ref.hpp"

namespace mentor::test {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRules = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
rule:
  pattern: print($$$ARGS)
)";

struct HookRepo {
  TestRepo repo;
  std::string base;
  std::string head;

  HookRepo() {
    repo.write(".mentor/rules.yaml", kRules);
    repo.write(".git-mentor.yaml", "rules: [.mentor]\n");
    repo.write("app.py", "x = 1\n");
    base = repo.commit("base");
    repo.write("app.py", "x = 1\nprint(x)\n");
    repo.commit("debug print");
    repo.write("lib.py",
               "def f(y):\n    print(y)  # mentor: ignore[no-print] kept on purpose\n"
               "    return y  # mentor: ignore[no-such-rule]\n");
    head = repo.commit("suppressed print");
  }

  MentorRun hook() {
    std::istringstream in("refs/heads/main " + head + " refs/heads/main " + base + "\n");
    std::ostringstream out;
    std::ostringstream err;
    int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin", "url"},
                        cli::Streams{out, err, false, false, &in});
    return {code, out.str(), err.str()};
  }

  fs::path cache() const { return repo.git_dir() / "git-mentor" / "review-cache"; }

  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    if (!fs::exists(cache()))
      return out;
    for (const auto& e : fs::directory_iterator(cache()))
      out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// An entry's text with `from` replaced by `to` in its payload, the checksum line made to match.
std::string edited_entry(const std::string& entry, const std::string& from, const std::string& to) {
  // magic, key, commit, "<size> <checksum>", then the payload
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i)
    at = entry.find('\n', at) + 1;
  std::size_t payload_at = entry.find('\n', at) + 1;
  std::string payload = entry.substr(payload_at);
  std::size_t found = payload.find(from);
  REQUIRE(found != std::string::npos);
  REQUIRE(from.size() == to.size());  // lengths are written in the payload
  payload.replace(found, from.size(), to);
  return entry.substr(0, at) + std::to_string(payload.size()) + " " + git::blob_id(payload) + "\n" +
         payload;
}

}  // namespace

TEST_CASE("the pre-push hook keeps each commit's review and reads it back", "[e2e][hook][cache]") {
  HookRepo fx;
  MentorRun first = fx.hook();
  INFO(first.err);
  CHECK(first.code == 1);
  CHECK(first.err.find("app.py:2:1: error: print(x) left in [no-print]") != std::string::npos);
  CHECK(first.err.find("lib.py:2:5: error (suppressed): print(y) left in [no-print]") !=
        std::string::npos);
  CHECK(first.err.find("no rule is called 'no-such-rule'") != std::string::npos);
  REQUIRE(fx.entries().size() == 2);  // one per commit pushed

  MentorRun again = fx.hook();
  CHECK(again.code == first.code);
  CHECK(again.err == first.err);

  // What is read back is the entry: one whose payload says otherwise (checksum made to match)
  // is what the hook shows.
  std::string id = fx.repo.git({"rev-parse", "HEAD~1"});
  id.erase(id.find_last_not_of(" \n") + 1);
  fs::path entry = fx.cache() / id;
  REQUIRE(fs::exists(entry));
  spit(entry, edited_entry(slurp(entry), "print(x) left in", "PRINT(x) left in"));
  MentorRun edited = fx.hook();
  CHECK(edited.err.find("app.py:2:1: error: PRINT(x) left in [no-print]") != std::string::npos);
}

TEST_CASE("a damaged review cache entry is a miss, and is written again", "[e2e][hook][cache]") {
  HookRepo fx;
  MentorRun first = fx.hook();
  std::vector<fs::path> entries = fx.entries();
  REQUIRE(entries.size() == 2);
  std::string whole = slurp(entries[0]);

  SECTION("a changed byte in the payload") {
    std::string bad = whole;
    bad[bad.size() - 3] = bad[bad.size() - 3] == 'a' ? 'b' : 'a';
    spit(entries[0], bad);
  }
  SECTION("a payload edited without its checksum") {
    std::string bad = edited_entry(whole, "print", "PRINT");
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i)
      at = bad.find('\n', at) + 1;
    std::size_t end = bad.find('\n', at);
    bad.replace(at, end - at, whole.substr(at, whole.find('\n', at) - at));
    spit(entries[0], bad);
  }
  SECTION("cut short") {
    spit(entries[0], whole.substr(0, whole.size() / 2));
  }
  SECTION("empty") {
    spit(entries[0], "");
  }
  SECTION("made under another key") {
    std::string bad = whole;
    std::size_t key_at = bad.find('\n') + 1;
    bad[key_at] = bad[key_at] == '0' ? '1' : '0';
    spit(entries[0], bad);
  }

  MentorRun again = fx.hook();
  CHECK(again.code == first.code);
  CHECK(again.err == first.err);
  CHECK(slurp(entries[0]) == whole);  // reviewed again and stored again
}

TEST_CASE("the review cache is not trusted across rule changes", "[e2e][hook][cache]") {
  HookRepo fx;
  MentorRun first = fx.hook();
  CHECK(first.err.find("print(x) left in [no-print]") != std::string::npos);

  SECTION("a rule's message") {
    std::string rules = kRules;
    rules.replace(rules.find("left in"), 7, "still here");
    fx.repo.write(".mentor/rules.yaml", rules);
    MentorRun after = fx.hook();
    CHECK(after.err.find("app.py:2:1: error: print(x) still here [no-print]") != std::string::npos);
  }
  SECTION("a rule's pattern") {
    std::string rules = kRules;
    rules.replace(rules.find("pattern: print"), 14, "pattern: input");
    fx.repo.write(".mentor/rules.yaml", rules);
    MentorRun after = fx.hook();
    INFO(after.err);
    CHECK(after.code == 0);
    CHECK(after.err.find("left in [no-print]") == std::string::npos);
    // The comment that suppressed it now suppresses nothing.
    CHECK(after.err.find("ignore[no-print]` suppresses nothing") != std::string::npos);
  }
  SECTION("another rule added") {
    fx.repo.write(".mentor/more.yaml",
                  "id: no-such-rule\nlanguage: python\nseverity: info\nmessage: m\nskill: s\n"
                  "rule:\n  pattern: zzz_never($A)\n");
    MentorRun after = fx.hook();
    // The suppression now names a rule that exists.
    CHECK(after.err.find("no rule is called 'no-such-rule'") == std::string::npos);
  }
}

TEST_CASE("GIT_MENTOR_REVIEW_CACHE=off keeps nothing", "[e2e][hook][cache]") {
  HookRepo fx;
  ::setenv("GIT_MENTOR_REVIEW_CACHE", "off", 1);
  MentorRun run = fx.hook();
  ::unsetenv("GIT_MENTOR_REVIEW_CACHE");
  CHECK(run.code == 1);
  CHECK_FALSE(fs::exists(fx.cache()));
}

}  // namespace mentor::test
