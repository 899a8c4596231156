#include <catch2/catch.hpp>

#include "report/markdown.hpp"

using mentor::report::render_markdown;

TEST_CASE("lessons: code blocks are indented and fences dropped", "[report]") {
  std::string lesson = "Name the exception.\n\n```python\ntry:\n    x()\n```\nDone";
  CHECK(render_markdown(lesson, false) == "Name the exception.\n\n    try:\n        x()\nDone\n");
}

TEST_CASE("lessons: on a colour terminal, inline code, bold and headings are styled", "[report]") {
  CHECK(render_markdown("Use `with` **always**\n", true) ==
        "Use \x1b[36mwith\x1b[0m \x1b[1malways\x1b[0m\n");
  CHECK(render_markdown("## Why\n", true) == "\x1b[1mWhy\x1b[0m\n");
  CHECK(render_markdown("```\ncode\n```\n", true) == "    \x1b[36mcode\x1b[0m\n");
  CHECK(render_markdown("Use `with` **always**\n", false) == "Use `with` **always**\n");
}
