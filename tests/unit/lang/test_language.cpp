#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "lang/parser.hpp"

using namespace mentor;

TEST_CASE("every compiled-in language parses a snippet without errors", "[lang]") {
  struct Sample {
    std::string_view language;
    std::string_view code;
    std::string_view root;
  };
  const Sample samples[] = {
      {"bash", "for f in \"$@\"; do echo \"$f\"; done\n", "program"},
      {"c", "int main(void) { return 0; }\n", "translation_unit"},
      {"csharp", "class A { void F() { var x = new List<int>(); } }\n", "compilation_unit"},
      {"css", "a:hover { color: #fff; margin: 0 auto; }\n", "stylesheet"},
      {"elixir", "defmodule A do\n  def f(x), do: x |> g()\nend\n", "source"},
      {"haskell", "module A where\nf :: Int -> Int\nf x = x + 1\n", "haskell"},
      {"hcl", "resource \"a\" \"b\" {\n  count = var.n > 0 ? 1 : 0\n}\n", "config_file"},
      {"html", "<!DOCTYPE html>\n<p class=\"a\">hi</p>\n", "document"},
      {"json", "{\"a\": [1, true, null]}\n", "document"},
      {"kotlin", "fun f(x: Int?): Int = x ?: 0\n", "source_file"},
      {"lua", "local function f(x) return x + 1 end\n", "chunk"},
      {"php", "<?php\nfunction f(?int $x): int { return $x ?? 0; }\n", "program"},
      {"ruby", "def f(x) = x&.succ\n[1, 2].map { |y| y * 2 }\n", "program"},
      {"scala", "object A { def f(x: Int): Int = x + 1 }\n", "compilation_unit"},
      {"solidity", "contract A { function f(uint x) public pure returns (uint) { return x; } }\n",
       "source_file"},
      {"swift", "func f(_ x: Int?) -> Int { guard let y = x else { return 0 }; return y }\n",
       "source_file"},
      {"yaml", "a: [1, 2]\nb:\n  c: d\n", "stream"},
      {"cpp", "template <class T> T id(T x) { return x; }\n", "translation_unit"},
      {"go", "package main\n\nfunc main() {}\n", "source_file"},
      {"java", "class A { void f() {} }\n", "program"},
      {"javascript", "const f = (x) => x?.y ?? 1;\n", "program"},
      {"python", "def f(x):\n    return [i for i in x]\n", "module"},
      {"rust", "fn main() { let v: Vec<i32> = vec![]; }\n", "source_file"},
      {"tsx", "const a = <div>{x as number}</div>;\n", "program"},
      {"typescript", "let x: number = 1 as number;\n", "program"},
  };
  REQUIRE(lang::all_languages().size() == std::size(samples));
  lang::Parser parser;
  for (const auto& sample : samples) {
    INFO(sample.language);
    const lang::Language* language = lang::find_language(sample.language);
    REQUIRE(language != nullptr);
    CHECK(language->name == sample.language);
    lang::Tree tree = parser.parse(*language, sample.code);
    CHECK(std::string_view(ts_node_type(tree.root())) == sample.root);
    CHECK_FALSE(ts_node_has_error(tree.root()));
  }
}

TEST_CASE("languages are found by alias", "[lang]") {
  CHECK(lang::find_language("py")->name == "python");
  CHECK(lang::find_language("js")->name == "javascript");
  CHECK(lang::find_language("ts")->name == "typescript");
  CHECK(lang::find_language("c++")->name == "cpp");
  CHECK(lang::find_language("golang")->name == "go");
  CHECK(lang::find_language("rs")->name == "rust");
  CHECK(lang::find_language("cobol") == nullptr);
}

TEST_CASE("metavariable expando follows ast-grep", "[lang]") {
  CHECK(lang::find_language("python")->expando == U'\u00B5');
  CHECK(lang::find_language("rust")->expando == U'\u00B5');
  CHECK(lang::find_language("javascript")->expando == U'$');
  CHECK(lang::find_language("java")->expando == U'$');
}

TEST_CASE("extension map, with overrides", "[lang]") {
  lang::LanguageMap map;
  CHECK(map.for_path("src/app.py")->name == "python");
  CHECK(map.for_path("a/b/c.test.tsx")->name == "tsx");
  CHECK(map.for_path("x.mjs")->name == "javascript");
  CHECK(map.for_path("include/x.hpp")->name == "cpp");
  CHECK(map.for_path("x.h")->name == "c");
  CHECK(map.for_path("Makefile") == nullptr);
  CHECK(map.for_path(".bashrc") == nullptr);
  CHECK(map.for_path("dir.py/file") == nullptr);
  map.set("h", lang::find_language("cpp"));
  CHECK(map.for_path("x.h")->name == "cpp");
  map.set("pyw", lang::find_language("python"));
  CHECK(map.for_path("tool.pyw")->name == "python");
  map.set("py", nullptr);
  CHECK(map.for_path("a.py") == nullptr);
}
