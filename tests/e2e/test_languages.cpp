// Every compiled-in language end to end: a commit adding a file of that language is reviewed
// with a rule of that language, through the real grammar and the real binary.
#include <set>

#include <fmt/format.h>

#include "e2e/check_fixture.hpp"
#include "lang/language.hpp"

namespace mentor::test {

namespace {

struct Case {
  const char* language;
  const char* path;
  const char* code;   // the flagged code is on line 2
  const char* kind;   // a node kind of the language's grammar
  const char* regex;  // what the flagged node's text starts with
};

// One file per language, with a call (or its nearest equivalent) to flag on line 2.
constexpr Case kCases[] = {
    {"bash", "deploy.sh", "#!/bin/sh\nrm -rf \"$TMP\"\necho done\n", "command", "^rm"},
    {"c", "main.c", "int main(void) {\n  free(p);\n  return 0;\n}\n", "call_expression", "^free"},
    {"cpp", "main.cpp", "int main() {\n  free(p);\n  return 0;\n}\n", "call_expression", "^free"},
    {"csharp", "Program.cs", "class Program {\n  static void Main() { Console.WriteLine(1); }\n}\n",
     "invocation_expression", "^Console"},
    {"css", "site.css", "body { margin: 0; }\na { color: red; }\n", "declaration", "^color"},
    {"elixir", "app.ex", "defmodule App do\n  def run, do: IO.inspect(1)\nend\n", "call",
     "^IO.inspect"},
    {"go", "main.go", "package main\nfunc main() { fmt.Println(1) }\n", "call_expression", "^fmt"},
    {"haskell", "Main.hs", "module Main where\nmain = print 1\n", "apply", "^print"},
    {"hcl", "main.tf", "variable \"n\" {}\noutput \"x\" { value = var.n }\n", "block", "^output"},
    {"html", "index.html", "<p>\n<b>bold</b>\n</p>\n", "element", "^<b>"},
    {"java", "App.java", "class App {\n  void run() { System.exit(1); }\n}\n", "method_invocation",
     "^System.exit"},
    {"javascript", "app.js", "let x = 1;\nconsole.log(x);\n", "call_expression", "^console"},
    {"json", "config.json", "{\n  \"debug\": true\n}\n", "pair", "^\"debug\""},
    {"kotlin", "App.kt", "fun main() {\n    println(1)\n}\n", "call_expression", "^println"},
    {"lua", "init.lua", "local x = 1\nprint(x)\n", "function_call", "^print"},
    {"php", "index.php", "<?php\nvar_dump($x);\n", "function_call_expression", "^var_dump"},
    {"python", "app.py", "x = 1\nprint(x)\n", "call", "^print"},
    {"ruby", "app.rb", "x = 1\nputs(x)\n", "call", "^puts"},
    {"rust", "main.rs", "fn main() {\n    println!(\"{}\", 1);\n}\n", "macro_invocation",
     "^println"},
    {"scala", "App.scala", "object App {\n  def run() = println(1)\n}\n", "call_expression",
     "^println"},
    {"solidity", "Token.sol",
     "contract Token {\n  function f() public { require(msg.sender != address(0)); }\n}\n",
     "call_expression", "^require"},
    {"swift", "main.swift", "let x = 1\nprint(x)\n", "call_expression", "^print"},
    {"tsx", "app.tsx", "const x = 1;\nconsole.log(x);\n", "call_expression", "^console"},
    {"typescript", "app.ts", "const x: number = 1;\nconsole.log(x);\n", "call_expression",
     "^console"},
    {"yaml", "ci.yml", "name: ci\ndebug: true\n", "block_mapping_pair", "^debug"},
};

}  // namespace

TEST_CASE("a commit in each compiled-in language is reviewed with that language's rule",
          "[e2e][check][languages]") {
  std::set<std::string> covered;
  std::string rules_yaml;
  for (const auto& c : kCases) {
    covered.insert(c.language);
    rules_yaml += fmt::format(
        "id: flag-{0}\nlanguage: {0}\nseverity: warning\nmessage: flagged\nrule:\n  kind: {1}\n"
        "  regex: '{2}'\n---\n",
        c.language, c.kind, c.regex);
  }
  // Every language is covered.
  for (const auto& language : lang::all_languages())
    CHECK(covered.count(std::string(language.name)) == 1);
  RuleFile rules(rules_yaml);

  TestRepo repo;
  repo.write("README", "languages\n");
  std::string base = repo.commit("base");
  for (const auto& c : kCases)
    repo.write(c.path, c.code);
  repo.commit("a file in each language");

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"}));
  INFO(run.err);
  auto findings = findings_of(run);
  std::set<std::string> flagged;
  for (const auto& f : findings) {
    flagged.insert(f["rule"].get<std::string>());
    CHECK(f["line"] == 2);
  }
  for (const auto& c : kCases) {
    INFO(c.language);
    CHECK(flagged.count(std::string("flag-") + c.language) == 1);
  }
  CHECK(findings.size() == std::size(kCases));
}

}  // namespace mentor::test
