// `git mentor rules try`, through the real binary and in-process.
#include <sstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

// cli::run with `input` as standard input.
MentorRun run_with_stdin(const std::vector<std::string>& args, const std::string& input) {
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(input);
  int code = cli::run(args, cli::Streams{out, err, false, false, &in, false});
  return {code, out.str(), err.str()};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("rules try shows each match with its metavariables", "[e2e][rules][try]") {
  MentorRun run = run_mentor(
      {"rules", "try", "-p", "foo($A, $$$REST)", "-l", "js", "--code", "foo(a, b, c)\nfoo(d)\n"});
  CHECK(run.code == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        "<code>:1:1\n"
        "  | foo(a, b, c)\n"
        "  $A = a\n"
        "  $$$REST = [b, \",\", c]\n"
        "1 match\n");
}

TEST_CASE("rules try answers why `$A, $$$REST` does not match one argument", "[e2e][rules][try]") {
  MentorRun run = run_mentor(
      {"rules", "try", "-p", "foo($A, $$$REST)", "-l", "js", "--code", "foo(a)", "--debug"});
  INFO(run.out);
  CHECK(run.code == 1);  // nothing matched
  // The pattern as the matcher sees it: a `,` it must find after $A.
  CHECK(has(run.out,
            "call_expression\n"
            "  identifier foo\n"
            "  arguments\n"
            "    (\n"
            "    MetaVar $A  (one named node)\n"
            "    ,\n"
            "    MetaVar $$$REST  (any number of nodes)\n"
            "    )\n"));
  // The code's tree: arguments hold `(`, one identifier and `)`, no `,`.
  CHECK(has(run.out,
            "Debug CST of <code> (javascript):\n"
            "program (0,0)-(0,6)\n"
            "  expression_statement (0,0)-(0,6)\n"
            "    call_expression (0,0)-(0,6)\n"
            "      function: identifier (0,0)-(0,3) \"foo\"\n"
            "      arguments: arguments (0,3)-(0,6)\n"
            "        ( (0,3)-(0,4)\n"
            "        identifier (0,4)-(0,5) \"a\"\n"
            "        ) (0,5)-(0,6)\n"));
  CHECK(has(run.out,
            "Debug AST of <code> (javascript):\n"
            "program (0,0)-(0,6)\n"
            "  expression_statement (0,0)-(0,6)\n"
            "    call_expression (0,0)-(0,6)\n"
            "      function: identifier (0,0)-(0,3) \"foo\"\n"
            "      arguments: arguments (0,3)-(0,6)\n"
            "        identifier (0,4)-(0,5) \"a\"\n"));
  CHECK(has(run.out, "Debug AST of the pattern (--pattern, javascript) `foo($A, $$$REST)`:\n"));
  CHECK(run.out.ends_with("no match\n"));

  // $$$ARGS alone takes any number of arguments.
  MentorRun fixed =
      run_mentor({"rules", "try", "-p", "foo($$$ARGS)", "-l", "js", "--code", "foo(a)"});
  CHECK(fixed.code == 0);
  CHECK(has(fixed.out, "  $$$ARGS = [a]\n"));
}

TEST_CASE("rules try on snippets in several languages", "[e2e][rules][try]") {
  MentorRun python = run_mentor(
      {"rules", "try", "-p", "print($$$ARGS)", "-l", "python", "--code", "x = 1\nprint(x, 2)\n"});
  CHECK(python.code == 0);
  CHECK(python.out == "<code>:2:1\n  | print(x, 2)\n  $$$ARGS = [x, \",\", 2]\n1 match\n");

  MentorRun go = run_mentor({"rules", "try", "-p", "fmt.Println($A)", "-l", "go", "--code",
                             "package main\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n"});
  CHECK(go.code == 0);
  CHECK(go.out == "<code>:4:2\n  | fmt.Println(\"hi\")\n  $A = \"hi\"\n1 match\n");

  // Python's patterns use µ for $: the pattern's parse shows it.
  MentorRun debug =
      run_mentor({"rules", "try", "-p", "len($A)", "-l", "py", "--code", "len(x)", "--debug=ast"});
  CHECK(debug.code == 0);
  CHECK(has(debug.out, "identifier (0,4)-(0,7) \"µA\"\n"));
  CHECK_FALSE(has(debug.out, "Debug pattern"));
  CHECK_FALSE(has(debug.out, "Debug CST"));

  // A multi-line match, bounded.
  std::string body = "function f() {\n";
  for (int i = 0; i < 20; ++i)
    body += "  g(" + std::to_string(i) + ");\n";
  body += "}\n";
  MentorRun lines =
      run_mentor({"rules", "try", "-p", "function $F() { $$$BODY }", "-l", "js", "--code", body});
  CHECK(lines.code == 0);
  CHECK(has(lines.out, "  | function f() {\n  |   g(0);\n"));
  CHECK(has(lines.out, "  | ... (14 more lines)\n  $F = f\n"));
}

TEST_CASE("rules try reads a snippet from standard input and files by extension",
          "[e2e][rules][try]") {
  MentorRun stdin_run = run_with_stdin(
      {"rules", "try", "-p", "console.log($$$)", "-l", "typescript", "-"}, "console.log(1)\n");
  CHECK(stdin_run.code == 0);
  CHECK(stdin_run.out == "<stdin>:1:1\n  | console.log(1)\n1 match\n");

  TempDir dir;
  std::ofstream(dir.path() / "a.py") << "print(1)\n";
  std::ofstream(dir.path() / "b.js") << "print(2)\n";
  std::ofstream(dir.path() / "c.txt") << "print(3)\n";
  // Outside a repository: the built-in extension map; the pattern is compiled per language.
  MentorRun files =
      run_mentor({"-C", dir.path().string(), "rules", "try", "-p", "print($X)", "a.py", "b.js"});
  CHECK(files.code == 0);
  CHECK(files.out ==
        "a.py:1:1\n  | print(1)\n  $X = 1\nb.js:1:1\n  | print(2)\n  $X = 2\n2 matches\n");
  MentorRun unknown =
      run_mentor({"-C", dir.path().string(), "rules", "try", "-p", "print($X)", "c.txt"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err ==
        "git-mentor: error: no language is known for c.txt: say which with --language\n");
}

TEST_CASE("rules try runs a rule file's rules and shows which matched", "[e2e][rules][try]") {
  RuleFile rules(kPrintRules);
  TempDir dir;
  std::ofstream(dir.path() / "app.py") << "print('a')\nlog('b')\nprint()\n";
  MentorRun run = run_mentor({"-C", dir.path().string(), "rules", "try", "--rule", rules.path(),
                              "app.py", "--debug=pattern"});
  CHECK(run.code == 0);
  CHECK(run.out ==
        "Debug pattern (rule no-print, python) `print(µµµARGS)`:\n"
        "call\n"
        "  identifier print\n"
        "  argument_list\n"
        "    (\n"
        "    MetaVar $$$ARGS  (any number of nodes)\n"
        "    )\n"
        "\n"
        "app.py:1:1: no-print\n"
        "  | print('a')\n"
        "  $$$ARGS = ['a']\n"
        "app.py:3:1: no-print\n"
        "  | print()\n"
        "  $$$ARGS = []\n"
        "2 matches\n");

  // A snippet takes the language of the rules when they have one, else needs --language.
  MentorRun several = run_mentor({"rules", "try", "--rule", rules.path(), "--code", "print(1)"});
  CHECK(several.code == 2);
  CHECK(has(several.err, "several languages: say which with --language"));
  MentorRun js =
      run_mentor({"rules", "try", "--rule", rules.path(), "-l", "js", "--code", "console.log(1)"});
  CHECK(js.code == 0);
  CHECK(has(js.out, "<code>:1:1: no-console-log\n"));

  MentorRun text = run_mentor({"rules", "try", "--rule-text",
                               "id: t\nlanguage: go\nrule:\n  kind: return_statement\n", "--code",
                               "package p\nfunc f() int { return 1 }\n"});
  CHECK(text.code == 0);
  CHECK(has(text.out, "<code>:2:16: t\n  | return 1\n"));
}

TEST_CASE("rules try --format json gives matches and metavariables for scripts",
          "[e2e][rules][try]") {
  MentorRun run = run_mentor({"rules", "try", "-p", "foo($A, $$$REST)", "-l", "js", "--code",
                              "foo(a, b)", "--format", "json", "--debug=pattern"});
  CHECK(run.code == 0);
  nlohmann::json out = nlohmann::json::parse(run.out);
  CHECK(out["count"] == 1);
  const auto& match = out["matches"][0];
  CHECK(match["path"] == "<code>");
  CHECK(match["rule"] == "pattern");
  CHECK(match["line"] == 1);
  CHECK(match["column"] == 1);
  CHECK(match["end_column"] == 10);
  CHECK(match["text"] == "foo(a, b)");
  CHECK(match["metavariables"]["single"]["A"]["text"] == "a");
  CHECK(match["metavariables"]["single"]["A"]["column"] == 5);
  CHECK(match["metavariables"]["multi"]["REST"].size() == 1);
  CHECK(match["metavariables"]["multi"]["REST"][0]["text"] == "b");
  CHECK(out["debug"][0]["title"] == "Debug pattern (--pattern, javascript) `foo($A, $$$REST)`:");
  CHECK(has(out["debug"][0]["text"].get<std::string>(), "MetaVar $$$REST"));
}

TEST_CASE("rules try --commit shows every match of the changed files, marking what it introduced",
          "[e2e][rules][try]") {
  TestRepo repo;
  repo.write("app.py", "print(1)\n");
  repo.write("other.py", "print(0)\n");
  repo.commit("first");
  repo.write("app.py", "print(1)\nprint(2)\n");
  repo.commit("second");
  MentorRun run = run_mentor({"-C", repo.path().string(), "rules", "try", "-p", "print($X)", "-l",
                              "python", "--commit", "HEAD"});
  CHECK(run.code == 0);
  CHECK(run.out ==
        "app.py:1:1  (not introduced)\n  | print(1)\n  $X = 1\n"
        "app.py:2:1  (introduced by this commit)\n  | print(2)\n  $X = 2\n"
        "2 matches, 1 introduced by the commit\n");

  RuleFile rules(kPrintRules);
  MentorRun json = run_mentor({"-C", repo.path().string(), "rules", "try", "--rule", rules.path(),
                               "--commit", "HEAD~1", "--format", "json"});
  CHECK(json.code == 0);
  nlohmann::json out = nlohmann::json::parse(json.out);
  CHECK(out["count"] == 2);
  CHECK(out["introduced"] == 2);
  CHECK(out["matches"][0]["introduced"] == true);
  CHECK(out["matches"][1]["path"] == "other.py");

  repo.write("app.py", "print(3)\n");
  repo.commit("third");
  MentorRun range = run_mentor({"-C", repo.path().string(), "rules", "try", "-p", "print($X)", "-l",
                                "python", "--commit", "HEAD~2..HEAD"});
  CHECK(range.code == 2);
  CHECK(range.err == "git-mentor: error: --commit takes one commit, not a range: 'HEAD~2..HEAD'\n");
  MentorRun nothing = run_mentor({"-C", repo.path().string(), "rules", "try", "-p", "len($X)", "-l",
                                  "python", "--commit", "HEAD"});
  CHECK(nothing.code == 1);
  CHECK(nothing.out == "no match, 0 introduced by the commit\n");
}

TEST_CASE("rules try refuses bad input with exit 2 and a position", "[e2e][rules][try]") {
  MentorRun language = run_mentor({"rules", "try", "-p", "f()", "-l", "jaavscript", "--code", ""});
  CHECK(language.code == 2);
  CHECK(language.err ==
        "git-mentor: error: unknown language 'jaavscript' (did you mean 'javascript'?)\n");

  MentorRun syntax =
      run_mentor({"rules", "try", "-p", "foo($A $B", "-l", "js", "--code", "foo(a)"});
  CHECK(syntax.code == 2);
  CHECK(syntax.out.empty());
  CHECK(has(syntax.err, "--pattern:1:"));
  CHECK(has(syntax.err, "invalid pattern"));

  MentorRun two = run_mentor({"rules", "try", "-p", "a; b", "-l", "js", "--code", "a; b"});
  CHECK(two.code == 2);
  CHECK(has(two.err, "--pattern:1:1: error: invalid pattern: it has more than one top-level node"));

  MentorRun line_two =
      run_mentor({"rules", "try", "-p", "if (x) {\n  foo(}\n}", "-l", "js", "--code", "x"});
  CHECK(line_two.code == 2);
  CHECK(has(line_two.err, "--pattern:2:"));

  MentorRun rule_text =
      run_mentor({"rules", "try", "--rule-text", "id: t\nlanguage: js\nrule:\n  pattern: foo(\n",
                  "--code", "x"});
  CHECK(rule_text.code == 2);
  CHECK(has(rule_text.err, "--rule-text:4:"));

  CHECK(run_mentor({"rules", "try", "-p", "f()", "-l", "js"}).code == 2);
  CHECK(run_mentor({"rules", "try", "-p", "f()", "--code", "f()"}).code == 2);
  CHECK(
      run_mentor({"rules", "try", "-p", "f()", "-l", "js", "--code", "f()", "--debug=tree"}).code ==
      2);
  MentorRun both =
      run_mentor({"rules", "try", "-p", "f()", "--rule-text", "x", "-l", "js", "--code", "f()"});
  CHECK(both.code == 2);
  CHECK(has(both.err, "give exactly one of --pattern, --rule and --rule-text"));
}

TEST_CASE("rules try --debug=cst on deeply nested code is capped and does not crash",
          "[e2e][rules][try]") {
  std::string code(50'000, '(');
  code += "x";
  code += std::string(50'000, ')');
  code += ";\n";
  MentorRun run =
      run_in_process({"rules", "try", "-p", "x", "-l", "js", "--code", code, "--debug=cst"});
  CHECK(run.code == 0);
  CHECK(has(run.out, "more nodes not shown (a dump stops at 2000 nodes)\n"));
  CHECK(has(run.out, "[depth 41] "));
  CHECK(run.out.size() < 1'000'000);
  CHECK(has(run.out, "1 match\n"));
}

}  // namespace mentor::test
