// git mentor review: sessions, verdicts and notes in refs/notes/mentor-reviews, through real
// repositories, real remotes, the real binary and (for -i) a real pseudo-terminal.
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "e2e/check_fixture.hpp"
#include "util/encoding.hpp"

namespace mentor::test {

namespace {

const std::string kReviewsRef = "refs/notes/mentor-reviews";

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// A mentee's history: a clean base, then three commits adding one print() each, in a.py, b.py
// and c.py. The repository's identity is then the mentor's.
struct ReviewFixture {
  TestRepo repo;
  RuleFile rules{kPrintRules};
  std::string base;
  std::string dir = repo.path().string();

  ReviewFixture() {
    repo.write("base.py", "x = 1\n");
    base = repo.commit("base");
    for (const char* name : {"a", "b", "c"}) {
      repo.write(std::string(name) + ".py", std::string("import os\nprint('") + name + "')\n");
      repo.commit(std::string("add ") + name);
    }
    be_mentor(repo, "Mentor One", "mentor@example.com");
  }

  static void be_mentor(TestRepo& repo, const std::string& name, const std::string& email) {
    repo.git({"config", "user.name", name});
    repo.git({"config", "user.email", email});
  }

  MentorRun start() {
    return run_in_process({"-C", dir, "review", "start", "--rules", rules.path(), base + "..HEAD"});
  }

  // The findings of `review list --format json`, by path.
  std::map<std::string, nlohmann::json> listed(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"-C", dir, "review", "list", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    MentorRun run = run_in_process(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
    std::map<std::string, nlohmann::json> out;
    nlohmann::json json = nlohmann::json::parse(run.out);
    for (const auto& f : json["findings"])
      out[f["path"].get<std::string>()] = f;
    return out;
  }

  std::string short_id(const std::string& path) { return listed()[path]["short_id"]; }
};

}  // namespace

TEST_CASE("review start records what is missing, opens a session and lists its findings",
          "[e2e][review]") {
  ReviewFixture fx;
  MentorRun run = fx.start();
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(run.err.find("reviewing and recording 3 commits not recorded yet") != std::string::npos);
  CHECK(run.out.rfind("opened review session ", 0) == 0);
  CHECK(run.out.find("a.py:2:1: error: print('a') left in [no-print]") != std::string::npos);
  CHECK(run.out.find("3 findings: 3 unjudged") != std::string::npos);
  // The findings were recorded; the session line is on the range's newest commit.
  CHECK_FALSE(fx.repo.git({"notes", "--ref", "mentor", "list"}).empty());
  std::string head = trim(fx.repo.git({"rev-parse", "HEAD"}));
  std::string note = fx.repo.git({"notes", "--ref", "mentor-reviews", "show", head});
  CHECK(note.find("\"type\":\"session\",\"event\":\"open\"") != std::string::npos);
  CHECK(note.find("\"mentor\":\"Mentor One <mentor@example.com>\"") != std::string::npos);

  // One session at a time per clone.
  MentorRun again = fx.start();
  CHECK(again.code == 2);
  CHECK(again.err.find("is still open; close it first") != std::string::npos);
}

TEST_CASE("verdicts: the newest counts, the history is kept, and log shows them to the mentee",
          "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string a = fx.short_id("a.py");
  std::string b = fx.short_id("b.py");
  std::string c = fx.short_id("c.py");
  CHECK(a.size() >= 7);

  CHECK(run_in_process({"-C", fx.dir, "review", "confirm", a, "--note", "Use logging here"}).code ==
        0);
  // Without a terminal, a dismissal needs its reason on the command line.
  MentorRun reasonless = run_mentor({"-C", fx.dir, "review", "dismiss", b});
  CHECK(reasonless.code == 2);
  CHECK(reasonless.err.find("dismiss needs a reason") != std::string::npos);
  CHECK(run_in_process({"-C", fx.dir, "review", "dismiss", b, "--note", "a script, print is fine"})
            .code == 0);
  CHECK(run_in_process({"-C", fx.dir, "review", "praise", c}).code == 0);
  // Re-judged later: the newest verdict counts.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(run_in_process({"-C", fx.dir, "review", "confirm", b.substr(0, 5), "--note",
                        "on second "
                        "thought"})
            .code == 0);
  MentorRun unknown = run_mentor({"-C", fx.dir, "review", "confirm", "ffffffff"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("no recorded finding has review id ffffffff") != std::string::npos);

  auto findings = fx.listed();
  CHECK(findings["a.py"]["verdict"] == "confirmed");
  CHECK(findings["b.py"]["verdict"] == "confirmed");
  CHECK(findings["c.py"]["verdict"] == "praised");
  const auto& history = findings["b.py"]["history"];
  REQUIRE(history.size() == 2);
  CHECK(history[0]["verdict"] == "dismissed");
  CHECK(history[0]["note"] == "a script, print is fine");
  CHECK(history[0]["mentor"] == "Mentor One <mentor@example.com>");
  CHECK(history[1]["verdict"] == "confirmed");
  CHECK_FALSE(history[0]["session"].get<std::string>().empty());

  // The mentee's view.
  MentorRun log = run_mentor({"-C", fx.dir, "log"});
  CHECK(log.out.find("    confirmed by Mentor One <mentor@example.com> on ") != std::string::npos);
  CHECK(log.out.find(": Use logging here\n") != std::string::npos);
  CHECK(log.out.find("    dismissed by Mentor One <mentor@example.com> on ") != std::string::npos);
  CHECK(log.out.find("    praised by ") != std::string::npos);
  auto logged = nlohmann::json::parse(run_mentor({"-C", fx.dir, "log", "--format", "json"}).out);
  REQUIRE(logged.size() == 3);
  for (const auto& f : logged) {
    if (f["path"] == "b.py") {
      CHECK(f["verdict"] == "confirmed");
      CHECK(f["reviews"].size() == 2);
    }
  }
}

TEST_CASE("mentor notes round-trip any bytes", "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string id = fx.short_id("a.py");

  std::string bytes;
  for (int i = 0; i < 256; ++i)
    bytes += static_cast<char>(i);
  bytes += "\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 trailing \xE2\x82";  // overlong, surrogate...
  std::string text = "Line one\n\"quoted\" \\ back\tslash\r\nüñí 💡 `code` | pipe <b>";
  TempDir files;
  for (const auto& [name, content] : {std::pair{"binary", bytes}, {"text", text}}) {
    std::ofstream(files.path() / name, std::ios::binary) << content;
    MentorRun run = run_in_process(
        {"-C", fx.dir, "review", "note", id, "--note-file", (files.path() / name).string()});
    REQUIRE(run.code == 0);
  }
  auto listed = fx.listed();
  const auto& history = listed["a.py"]["history"];
  REQUIRE(history.size() == 2);
  std::vector<std::string> notes;
  for (const auto& entry : history) {
    if (entry.contains("note_base64"))
      notes.push_back(util::base64_decode(entry["note_base64"].get<std::string>()).value());
    else
      notes.push_back(entry["note"].get<std::string>());
  }
  CHECK(std::count(notes.begin(), notes.end(), bytes) == 1);
  CHECK(std::count(notes.begin(), notes.end(), text) == 1);
  // A note is not a verdict.
  CHECK(fx.listed()["a.py"]["verdict"] == "noted");
  // What reaches a terminal has no control characters.
  MentorRun list = run_mentor({"-C", fx.dir, "review", "list"});
  CHECK(list.out.find('\x1b') == std::string::npos);
}

TEST_CASE("review close ends the session with a summary note", "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string session = nlohmann::json::parse(
      run_in_process({"-C", fx.dir, "review", "list", "--format", "json"}).out)["session"]["id"];
  REQUIRE(session.size() == 12);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "confirm", fx.short_id("a.py")}).code == 0);
  MentorRun close = run_in_process({"-C", fx.dir, "review", "close", "--note", "Good week"});
  CHECK(close.code == 0);
  CHECK(close.out ==
        "closed review session " + session + ": 3 findings: 1 confirmed, 2 unjudged\n");
  MentorRun again = run_mentor({"-C", fx.dir, "review", "close"});
  CHECK(again.code == 2);
  CHECK(again.err.find("no review session is open here") != std::string::npos);

  MentorRun sessions = run_mentor({"-C", fx.dir, "review", "sessions"});
  CHECK(sessions.out.find(session) != std::string::npos);
  CHECK(sessions.out.find(" closed ") != std::string::npos);
  auto listed = nlohmann::json::parse(run_mentor({"-C", fx.dir, "review", "list", "--session",
                                                  session.substr(0, 6), "--format", "json"})
                                          .out);
  CHECK(listed["session"]["summary"] == "Good week");
  CHECK(listed["session"]["closed_by"] == "Mentor One <mentor@example.com>");
  CHECK(listed["session"]["commits"] == 3);
  // A new session can be opened now.
  CHECK(fx.start().code == 0);
}

TEST_CASE("concurrent mentors lose no verdict", "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string id = fx.short_id("a.py");
  constexpr int kMentors = 8;
  std::vector<std::thread> threads;
  std::vector<CommandResult> results(kMentors);
  for (int i = 0; i < kMentors; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<std::size_t>(i)] =
          run_command({GIT_MENTOR_BINARY, "-C", fx.dir, "review", "note", id, "--note",
                       "note " + std::to_string(i)},
                      fx.repo.path());
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (const auto& result : results) {
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
  std::set<std::string> notes;
  auto listed = fx.listed();
  for (const auto& entry : listed["a.py"]["history"])
    notes.insert(entry["note"].get<std::string>());
  CHECK(notes.size() == kMentors);
}

TEST_CASE("sync carries sessions and verdicts between clones", "[e2e][review][sync]") {
  TestRepo remote(true);
  TempDir clones;
  RuleFile rules(kPrintRules);
  auto clone = [&](const std::string& name) {
    REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), name}, clones.path())
                .exit_code == 0);
    return TestRepo::adopt(clones.path() / name);
  };
  std::string base;
  {
    TestRepo seed = clone("seed");
    seed.write("base.py", "x = 1\n");
    base = seed.commit("base");
    seed.write("a.py", "print('a')\n");
    seed.commit("add a");
    seed.git({"push", "-q", "origin", "main"});
  }
  TestRepo a = clone("a");
  TestRepo b = clone("b");
  ReviewFixture::be_mentor(a, "Mentor One", "one@example.com");
  ReviewFixture::be_mentor(b, "Mentor Two", "two@example.com");
  std::string da = a.path().string();
  std::string db = b.path().string();
  REQUIRE(run_in_process({"-C", da, "review", "start", "--rules", rules.path(), base + "..main"})
              .code == 0);
  auto only = [](const std::string& dir) {
    MentorRun run = run_in_process({"-C", dir, "review", "list", "--format", "json"});
    INFO(run.err);
    REQUIRE(run.code == 0);
    auto json = nlohmann::json::parse(run.out);
    REQUIRE(json["findings"].size() == 1);
    return json;
  };
  std::string id = only(da)["findings"][0]["short_id"];
  REQUIRE(run_in_process({"-C", da, "review", "confirm", id, "--note", "from one"}).code == 0);
  REQUIRE(run_in_process({"-C", da, "sync"}).code == 0);

  REQUIRE(run_in_process({"-C", db, "sync"}).code == 0);
  auto seen = only(db);
  CHECK(seen["findings"][0]["verdict"] == "confirmed");
  CHECK(seen["findings"][0]["history"][0]["note"] == "from one");
  REQUIRE(run_in_process({"-C", db, "review", "note", id, "--note", "from two"}).code == 0);
  REQUIRE(run_in_process({"-C", da, "review", "note", id, "--note", "one again"}).code == 0);
  REQUIRE(run_in_process({"-C", db, "sync"}).code == 0);
  REQUIRE(run_in_process({"-C", da, "sync"}).code == 0);
  REQUIRE(run_in_process({"-C", db, "sync"}).code == 0);
  for (const std::string& dir : {da, db}) {
    auto json = only(dir);
    CHECK(json["findings"][0]["history"].size() == 3);
    CHECK(json["session"]["mentor"] == "Mentor One <one@example.com>");
  }
}

namespace {

// The real binary on a pseudo-terminal: what it prints, and keys typed at it.
class Terminal {
 public:
  Terminal(const std::vector<std::string>& args, const Environment& env) {
    struct winsize size {
      40, 120, 0, 0
    };
    pid_ = forkpty(&fd_, nullptr, nullptr, &size);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      std::vector<std::string> argv{GIT_MENTOR_BINARY};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> pointers;
      for (auto& arg : argv)
        pointers.push_back(arg.data());
      pointers.push_back(nullptr);
      for (const auto& [key, value] : env)
        setenv(key.c_str(), value.c_str(), 1);
      execv(GIT_MENTOR_BINARY, pointers.data());
      _exit(127);
    }
  }
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0)
      close(fd_);
  }

  // Reads until `text` has appeared `count` times in all output so far (20 s at most).
  bool expect(const std::string& text, std::size_t count = 1) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (occurrences(text) < count) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0)
        continue;
      char buffer[4096];
      ssize_t n = read(fd_, buffer, sizeof buffer);
      if (n <= 0)
        return occurrences(text) >= count;
      screen_.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }

  void type(const std::string& keys) {
    REQUIRE(write(fd_, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
  }

  int wait() {
    expect("\x04never printed");  // drain until the child closes the terminal
    int status = 0;
    waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  const std::string& screen() const { return screen_; }

 private:
  std::size_t occurrences(const std::string& text) const {
    std::size_t count = 0;
    for (auto at = screen_.find(text); at != std::string::npos; at = screen_.find(text, at + 1))
      ++count;
    return count;
  }

  int fd_ = -1;
  pid_t pid_ = -1;
  bool waited_ = false;
  std::string screen_;
};

}  // namespace

TEST_CASE("review -i on a terminal: single keys, code with added lines, lesson, quit keeps",
          "[e2e][review][interactive]") {
  ReviewFixture fx;
  const std::string prompt = "[c]onfirm  [d]ismiss";
  Terminal terminal({"-C", fx.dir, "review", "-i", "--rules", fx.rules.path(), fx.base + "..HEAD"},
                    fx.repo.env());
  REQUIRE(terminal.expect(prompt));
  // The first finding with its code (added lines marked +, the finding's line >) and lesson.
  CHECK(terminal.screen().find("[1/3]") != std::string::npos);
  CHECK(terminal.screen().find(">+     2 | print('a')") != std::string::npos);
  CHECK(terminal.screen().find(" +     1 | import os") != std::string::npos);
  CHECK(terminal.screen().find("Lesson:") != std::string::npos);
  CHECK(terminal.screen().find("Use logging.") != std::string::npos);
  terminal.type("c");
  REQUIRE(terminal.expect("[2/3]"));
  terminal.type("d");
  REQUIRE(terminal.expect("Why dismiss it?"));
  terminal.type("a throwaway script\r");
  REQUIRE(terminal.expect("[3/3]"));
  terminal.type("b");  // back to the second
  REQUIRE(terminal.expect("[2/3]", 2));
  terminal.type("n");
  REQUIRE(terminal.expect("Note: "));
  terminal.type("see the logging guide\r");
  REQUIRE(terminal.expect("Stored: note on "));
  terminal.type("q");
  CHECK(terminal.wait() == 0);
  CHECK(terminal.screen().find("2 verdicts stored") == std::string::npos);
  CHECK(terminal.screen().find("3 verdicts stored in session") != std::string::npos);

  auto findings = fx.listed();
  CHECK(findings["a.py"]["verdict"] == "confirmed");
  CHECK(findings["b.py"]["verdict"] == "dismissed");
  REQUIRE(findings["b.py"]["history"].size() == 2);
  CHECK(findings["b.py"]["history"][0]["note"] == "a throwaway script");
  CHECK(findings["b.py"]["history"][1]["note"] == "see the logging guide");
  CHECK(findings["c.py"]["verdict"] == "unjudged");

  // Again: it resumes the open session at the first finding without a verdict.
  Terminal resumed({"-C", fx.dir, "review", "-i"}, fx.repo.env());
  REQUIRE(resumed.expect(prompt));
  CHECK(resumed.screen().find("[3/3]") != std::string::npos);
  resumed.type("p");
  CHECK(resumed.wait() == 0);
  CHECK(fx.listed()["c.py"]["verdict"] == "praised");
}

TEST_CASE("review dismiss on a terminal asks for the reason", "[e2e][review][interactive]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string id = fx.short_id("b.py");
  Terminal terminal({"-C", fx.dir, "review", "dismiss", id}, fx.repo.env());
  REQUIRE(terminal.expect("Why dismiss it? "));
  terminal.type("generated code\r");
  CHECK(terminal.wait() == 0);
  auto listed = fx.listed();
  CHECK(listed["b.py"]["verdict"] == "dismissed");
  CHECK(listed["b.py"]["history"][0]["note"] == "generated code");
}

TEST_CASE("review -i refuses to run without a terminal", "[e2e][review][interactive][errors]") {
  ReviewFixture fx;
  MentorRun run = run_mentor({"-C", fx.dir, "review", "-i"});
  CHECK(run.code == 2);
  CHECK(run.err.find("review -i needs a terminal") != std::string::npos);
}

namespace {

// The review fixture with a praise rule too: `import os` in each of a.py, b.py and c.py is good
// practice, print() a mistake.
constexpr const char* kPrintAndPraiseRules = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
lesson: Use logging.
rule:
  pattern: print($$$ARGS)
---
id: good-import
language: python
severity: praise
message: "a module imported at the top"
skill: readability
rule:
  pattern: import os
)";

}  // namespace

TEST_CASE("review: findings of praise rules need no verdict", "[e2e][review]") {
  ReviewFixture fx;
  RuleFile rules(kPrintAndPraiseRules);
  MentorRun start = run_in_process(
      {"-C", fx.dir, "review", "start", "--rules", rules.path(), fx.base + "..HEAD"});
  INFO(start.err);
  REQUIRE(start.code == 0);
  CHECK(start.out.find("6 findings: 3 unjudged, 3 good practice (no verdict needed)") !=
        std::string::npos);
  CHECK(run_in_process({"-C", fx.dir, "review", "confirm", "--rule", "no-print", "--yes"}).code ==
        0);
  MentorRun close = run_in_process({"-C", fx.dir, "review", "close"});
  CHECK(close.out.find(": 6 findings: 3 confirmed, 3 good practice (no verdict needed)\n") !=
        std::string::npos);
}

TEST_CASE("review: verdicts by rule, by commit and by mentee, counted and confirmed",
          "[e2e][review]") {
  ReviewFixture fx;
  // A second mentee's commit in the range.
  fx.repo.write("d.py", "print('d')\n");
  fx.repo.commit("add d", {"Other Mentee", "other@example.com"});
  REQUIRE(fx.start().code == 0);

  // Many at once need --yes when nobody can be asked; nothing is stored without it.
  MentorRun refused = run_mentor({"-C", fx.dir, "review", "confirm", "--rule", "no-print"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("Confirm 4 findings of rule no-print in session") != std::string::npos);
  CHECK(refused.err.find("give --yes") != std::string::npos);
  CHECK(fx.listed()["a.py"]["verdict"] == "unjudged");

  // By commit: the newest of the mentee's commits.
  MentorRun one = run_binary(
      {"-C", fx.dir, "review", "dismiss", "--commit", "HEAD~1", "--yes", "--note", "a script"});
  INFO(one.err);
  CHECK(one.code == 0);
  CHECK(one.out.find("dismissed 1 finding in session") != std::string::npos);
  CHECK(fx.listed()["c.py"]["verdict"] == "dismissed");

  // By mentee; on a terminal it asks, and stores on yes.
  Terminal terminal({"-C", fx.dir, "review", "confirm", "--mentee", "Other*"}, fx.repo.env());
  REQUIRE(terminal.expect("Confirm 1 finding by Other* in session"));
  REQUIRE(terminal.expect("[y/N]"));
  terminal.type("y\r");
  CHECK(terminal.wait() == 0);
  CHECK(fx.listed()["d.py"]["verdict"] == "confirmed");
  CHECK(fx.listed()["a.py"]["verdict"] == "unjudged");

  // By rule: what has a verdict already is left as it is, and said.
  MentorRun rest = run_binary({"-C", fx.dir, "review", "praise", "--rule", "no-print", "-y"});
  CHECK(rest.code == 0);
  CHECK(rest.out.find("praised 2 findings in session") != std::string::npos);
  auto listed = fx.listed();
  CHECK(listed["a.py"]["verdict"] == "praised");
  CHECK(listed["b.py"]["verdict"] == "praised");
  CHECK(listed["c.py"]["verdict"] == "dismissed");
  MentorRun none = run_mentor({"-C", fx.dir, "review", "confirm", "--rule", "no-print", "-y"});
  CHECK(none.code == 0);
  CHECK(none.out.find("no finding of rule no-print without a verdict in session") !=
        std::string::npos);
  CHECK(none.out.find("(4 judged already)") != std::string::npos);
}

TEST_CASE("review: a verdict after close is refused, or stored outside any session when asked",
          "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  std::string id = fx.short_id("a.py");
  REQUIRE(run_in_process({"-C", fx.dir, "review", "close", "--note", "done"}).code == 0);
  MentorRun late = run_mentor({"-C", fx.dir, "review", "confirm", id});
  CHECK(late.code == 2);
  CHECK(late.err.find("no review session is open here") != std::string::npos);
  CHECK(late.err.find("--outside-session") != std::string::npos);
  CHECK(fx.listed()["a.py"]["verdict"] == "unjudged");
  MentorRun bulk = run_mentor({"-C", fx.dir, "review", "confirm", "--rule", "no-print", "--yes"});
  CHECK(bulk.code == 2);

  MentorRun outside = run_binary({"-C", fx.dir, "review", "confirm", id, "--outside-session"});
  CHECK(outside.code == 0);
  CHECK(outside.out.find("confirmed 1 finding, 1 outside any session") != std::string::npos);
  auto a = fx.listed()["a.py"];
  CHECK(a["verdict"] == "confirmed");
  CHECK(a["history"][0]["session"] == "");
}

TEST_CASE("review close: the closing note reaches the mentee in git mentor log", "[e2e][review]") {
  ReviewFixture fx;
  REQUIRE(fx.start().code == 0);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "close", "--note",
                          "Good week.\nNext: logging instead of print.\x1b[31m"})
              .code == 0);
  MentorRun log = run_mentor({"-C", fx.dir, "log"});
  INFO(log.out);
  CHECK(log.code == 0);
  const auto at = log.out.find("  review session ");
  REQUIRE(at != std::string::npos);
  CHECK(log.out.find("(3 commits) closed by Mentor One <mentor@example.com> on ", at) !=
        std::string::npos);
  CHECK(log.out.find("\n    Good week.\n    Next: logging instead of print.", at) !=
        std::string::npos);
  CHECK(log.out.find('\x1b') == std::string::npos);
  // Once, beside the newest commit of the session.
  CHECK(log.out.find("  review session ", at + 1) == std::string::npos);
  CHECK(log.out.rfind("add c", at) != std::string::npos);
}

TEST_CASE("review -i: says what was stored, help, wider code, next waiting, filters, colour",
          "[e2e][review][interactive]") {
  ReviewFixture fx;
  // A longer file, so that the code around the finding is cut.
  std::string body = "import os\n";
  for (int i = 0; i < 30; ++i)
    body += "x" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  fx.repo.write("d.py", body + "print('d')\n");
  fx.repo.commit("add d", {"Other Mentee", "other@example.com"});
  util::Environment colour = fx.repo.env();
  colour.emplace_back("NO_COLOR", "");
  Terminal terminal({"-C", fx.dir, "review", "-i", "--rules", fx.rules.path(), fx.base + "..HEAD"},
                    colour);
  const std::string prompt = "[q]uit";
  REQUIRE(terminal.expect(prompt));
  CHECK(terminal.screen().find("[1/4]") != std::string::npos);
  CHECK(terminal.screen().find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  CHECK(terminal.screen().find("4 waiting for a verdict") != std::string::npos);
  terminal.type("c");
  REQUIRE(terminal.expect("Stored: confirmed "));
  CHECK(terminal.screen().find("[no-print] a.py:2.") != std::string::npos);
  terminal.type("?");
  REQUIRE(terminal.expect("Keys:"));
  CHECK(terminal.expect("j        jump to the next finding waiting"));
  terminal.type("s");  // c.py
  terminal.type("s");  // d.py
  REQUIRE(terminal.expect("[4/4]"));
  REQUIRE(terminal.expect("(lines 29-32 of 32; w shows more)"));
  terminal.type("w");
  REQUIRE(terminal.expect("(lines 14-32 of 32; w shows more)"));
  terminal.type("a");
  REQUIRE(terminal.expect("Whose code is it, then?"));
  terminal.type("copied from the old script\r");
  REQUIRE(terminal.expect("That was the last of 4 findings; 2 still waiting for a verdict."));
  CHECK(terminal.wait() == 0);
  auto listed = fx.listed();
  CHECK(listed["d.py"]["verdict"] == "dismissed");
  CHECK(listed["d.py"]["history"][0]["dismissal"] == "not-the-mentees");

  // j jumps to the next finding waiting; --rule and --mentee narrow; NO_COLOR is respected.
  util::Environment plain = fx.repo.env();
  plain.emplace_back("NO_COLOR", "1");
  Terminal again({"-C", fx.dir, "review", "-i", "--mentee", "Other*"}, plain);
  REQUIRE(again.expect(prompt));
  CHECK(again.screen().find("[1/1]") != std::string::npos);
  CHECK(again.screen().find("\x1b[1;31m") == std::string::npos);
  again.type("q");
  CHECK(again.wait() == 0);
  Terminal jump({"-C", fx.dir, "review", "-i", "--rule", "no-print"}, plain);
  REQUIRE(jump.expect("[2/4]"));  // a.py is judged: the first waiting is b.py
  jump.type("j");
  REQUIRE(jump.expect("[3/4]"));
  jump.type("j");
  REQUIRE(jump.expect("[2/4]", 2));  // round again: d.py is judged
  jump.type("q");
  CHECK(jump.wait() == 0);
}

}  // namespace mentor::test
