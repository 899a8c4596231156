// Hostile input through the real binary: deep trees, long lines, YAML alias bombs and deep YAML
// must give findings or one clear line on stderr, never a crash or unbounded memory (see
// docs/limits.md). Inputs are generated here, sized to stay fast under the sanitizers.
#include <chrono>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i)
    out += text;
  return out;
}

// `open` n times, `middle`, then `close` n times.
std::string nested(std::string_view open, std::string_view middle, std::string_view close,
                   std::size_t n) {
  return repeat(open, n) + std::string(middle) + repeat(close, n);
}

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

void expect_yaml_refused(const std::string& yaml, const std::string& fragment) {
  TestRepo repo;
  repo.write("a.js", "x = 1;\n");
  repo.commit("first");
  RuleFile rules(yaml, "hostile.yaml");
  MentorRun run =
      run_binary({"-C", repo.path().string(), "check", "--rules", rules.path(), "HEAD"});
  INFO("stderr: " << run.err);
  CHECK(run.code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("hostile.yaml:") != std::string::npos);
  CHECK(run.err.find(fragment) != std::string::npos);
  CHECK(count_of(run.err, "\n") == 1);
}

}  // namespace

TEST_CASE("40,000 nested parentheses after a malloc: the bundled rules still report it",
          "[e2e][limits]") {
  TestRepo repo;
  repo.write("deep.c", "void f(void) {\n  char *p = malloc(1);\n  x = " +
                           nested("(", "1", ")", 40'000) + ";\n}\n");
  repo.commit("deep");
  MentorRun run = run_binary({"-C", repo.path().string(), "check", "-q", "HEAD"});
  INFO("stderr: " << run.err);
  CHECK(run.code == 0);
  CHECK(run.out.find("deep.c:2:3: warning: `p` from `malloc()` is never checked for NULL "
                     "[c-malloc-unchecked]") != std::string::npos);
  CHECK(run.err.empty());
}

TEST_CASE("has and inside with stopBy end over a tree 10,000 levels deep take linear time",
          "[e2e][limits]") {
  TestRepo repo;
  repo.write("deep.js",
             "class A { m() { return " + nested("(", "'s' + 1", ")", 10'000) + "; } }\n");
  repo.commit("deep");
  // Each parenthesis searches its whole subtree (has) or its whole ancestry (inside) and finds
  // nothing: one search per level, unless the searches are remembered.
  RuleFile rules(R"(id: has-regex
language: javascript
message: a regex below
rule:
  kind: parenthesized_expression
  has: {kind: regex, stopBy: end}
---
id: in-template
language: javascript
message: in a template
rule:
  kind: parenthesized_expression
  inside: {kind: template_string, stopBy: end}
---
id: number-in-class
language: javascript
message: a number in a class
rule:
  kind: number
  inside: {kind: class_body, stopBy: end}
)");
  auto start = std::chrono::steady_clock::now();
  MentorRun run =
      run_binary({"-C", repo.path().string(), "check", "-q", "--rules", rules.path(), "HEAD"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("stderr: " << run.err);
  CHECK(run.code == 0);
  CHECK(run.err.empty());
  CHECK(count_of(run.out, "[number-in-class]") == 1);
  CHECK(count_of(run.out, "[has-regex]") == 0);
  CHECK(count_of(run.out, "[in-template]") == 0);
  CHECK(seconds < 20);  // one search per level took minutes; remembered, well under a second
}

TEST_CASE("nested matches covering too much code skip the file with one line", "[e2e][limits]") {
  TestRepo repo;
  repo.write("deep.js", "x = " + nested("(", "'s' + 1", ")", 10'000) + ";\n");
  repo.commit("deep");
  // All 10,000 parentheses match: their code, 10 KB on average, adds up to 100 MB.
  RuleFile rules(R"(id: has-string
language: javascript
message: a string below
rule:
  kind: parenthesized_expression
  has: {kind: string, stopBy: end}
)");
  MentorRun run =
      run_binary({"-C", repo.path().string(), "check", "--rules", rules.path(), "HEAD"});
  INFO("stderr: " << run.err);
  CHECK(run.code == 0);
  CHECK(count_of(run.err, "git-mentor: skipped deep.js in ") == 1);
  CHECK(run.err.find("its matches cover more than 32 MiB of code") != std::string::npos);
}

TEST_CASE("a 96 KB minified line: each finding keeps a bounded excerpt of it", "[e2e][limits]") {
  TestRepo repo;
  repo.write("min.js", repeat("if(a==b)c();", 8'000) + "\n");
  repo.commit("minified");
  for (std::string format : {"text", "json", "sarif", "github"}) {
    MentorRun run = run_binary({"-C", repo.path().string(), "check", "-q", "--format", format,
                                "--fail-on", "never", "HEAD"});
    INFO("format " << format << ", stderr: " << run.err.substr(0, 2000));
    CHECK(run.code == 0);
    // 8,000 findings of js-loose-equality; output proportional to them, not to the line.
    CHECK(run.out.find("min.js") != std::string::npos);
    CHECK(run.out.size() < 8'000 * 2'500);
  }
  MentorRun text = run_binary({"-C", repo.path().string(), "check", "-q", "HEAD"});
  CHECK(text.out.find("min.js:1:48004: warning:") != std::string::npos);
  // The excerpt of the 4,001st statement's comparison: a window of the line with the match, cut
  // both ways.
  std::size_t at = text.out.find("min.js:1:48004:");
  REQUIRE(at != std::string::npos);
  std::size_t line_start = text.out.find('\n', at) + 1;
  std::string excerpt = text.out.substr(line_start, text.out.find('\n', line_start) - line_start);
  CHECK(excerpt.starts_with("  ..."));
  CHECK(excerpt.ends_with("..."));
  CHECK(excerpt.size() <= 2 + 3 + 240 + 3);
  CHECK(excerpt.find("if(a==b)c();") != std::string::npos);
  std::size_t caret_start = text.out.find('\n', line_start) + 1;
  std::string carets = text.out.substr(caret_start, text.out.find('\n', caret_start) - caret_start);
  // The caret sits under the `a==b` of the match.
  std::size_t caret = carets.find('^');
  REQUIRE(caret != std::string::npos);
  CHECK(excerpt.substr(caret, 4) == "a==b");
}

TEST_CASE("a rule file whose aliases expand to a billion nodes is refused", "[e2e][limits]") {
  std::string yaml =
      "id: bomb\nlanguage: javascript\nmessage: m\nutils:\n  u0: &a0 {kind: number}\n";
  for (int i = 1; i <= 9; ++i) {
    yaml += "  u" + std::to_string(i) + ": &a" + std::to_string(i) + " {all: [";
    for (int k = 0; k < 10; ++k)
      yaml += (k > 0 ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]}\n";
  }
  yaml += "rule:\n  matches: u9\n";
  expect_yaml_refused(yaml, "YAML too large: more than 100000 nodes once aliases are expanded");
}

TEST_CASE("deeply nested YAML is refused with its position", "[e2e][limits]") {
  SECTION("500 levels of block maps") {
    std::string yaml = "id: deep\nlanguage: javascript\nmessage: m\nrule:\n";
    for (std::size_t i = 0; i < 500; ++i)
      yaml += std::string(2 * (i + 1), ' ') + "not:\n";
    yaml += std::string(2 * 501, ' ') + "kind: number\n";
    expect_yaml_refused(yaml, "YAML nests deeper than 64 levels");
  }
  SECTION("100,000 levels of flow sequences") {
    expect_yaml_refused("id: deep\nrule: " + nested("[", "1", "]", 100'000) + "\n",
                        "YAML nests deeper than 64 levels");
  }
  SECTION("100,000 levels of block sequences on one line") {
    expect_yaml_refused("rule:\n  " + repeat("- ", 100'000) + "x\n",
                        "YAML nests deeper than 64 levels");
  }
  SECTION("65 levels, just past the bound") {
    std::string yaml = "id: deep\nlanguage: javascript\nmessage: m\nrule:\n";
    for (std::size_t i = 0; i < 64; ++i)
      yaml += std::string(2 * (i + 1), ' ') + "not:\n";
    yaml += std::string(2 * 65, ' ') + "kind: number\n";
    expect_yaml_refused(yaml, "hostile.yaml:68:");
  }
}

TEST_CASE("a utility that reaches itself through a relation over a deep tree is stopped",
          "[e2e][limits]") {
  TestRepo repo;
  repo.write("deep.js", "x = " + nested("(", "1", ")", 2'000) + ";\n");
  repo.commit("deep");
  RuleFile rules(R"(id: chain
language: javascript
message: parentheses all the way down
rule:
  kind: expression_statement
  has: {matches: down}
utils:
  down:
    any:
      - kind: number
      - all: [{kind: parenthesized_expression}, {has: {matches: down}}]
      - all: [{kind: assignment_expression}, {has: {matches: down, field: right}}]
)");
  MentorRun run =
      run_binary({"-C", repo.path().string(), "check", "--rules", rules.path(), "HEAD"});
  INFO("stderr: " << run.err);
  CHECK(run.code == 0);
  CHECK(run.err.find("git-mentor: skipped deep.js in ") != std::string::npos);
  CHECK(run.err.find("rule evaluation nested deeper than 256 levels") != std::string::npos);
}

TEST_CASE("a file whose parse exceeds the parse timeout is skipped", "[e2e][limits]") {
  TestRepo repo;
  repo.write("big.js", repeat("if (a == b) { c(d, e, [f, g]); }\n", 20'000));
  repo.commit("big");
  CommandResult result =
      run_command({GIT_MENTOR_BINARY, "-C", repo.path().string(), "check", "HEAD"},
                  std::filesystem::current_path(), "", {{"GIT_MENTOR_PARSE_TIMEOUT_MS", "1"}});
  INFO("stderr: " << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("git-mentor: skipped big.js in ") != std::string::npos);
  CHECK(result.err.find("parsing as javascript took more than 1 ms") != std::string::npos);
}

}  // namespace mentor::test
