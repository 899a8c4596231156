// Fuzz target: the pattern compiler. Input: one byte choosing the language (fuzz_support.hpp),
// one byte of options, then the pattern text. Options: bits 0-2 choose `strictness` (none, the
// five names, or an unknown one); bit 3 makes it a contextual pattern whose first line is the
// `selector` and whose remaining lines are the `context`. A pattern that compiles is matched
// against every node of its own code, parsed as the language.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fuzz_support.hpp"
#include "lang/parser.hpp"
#include "rules/match_context.hpp"
#include "rules/meta_var_env.hpp"
#include "rules/node_kinds.hpp"
#include "rules/pattern.hpp"
#include "util/error.hpp"

using namespace mentor;

namespace {

constexpr std::array<std::string_view, 8> kStrictness = {"",        "cst",       "smart", "ast",
                                                         "relaxed", "signature", "exact", "smart "};

rules::Text text_of(std::string_view value) {
  rules::Text text;
  text.value = std::string(value);
  text.span.start = {"fuzz.yaml", 1, 1};
  return text;
}

// Tries `pattern` on every node of `tree`, walking it with a cursor (no recursion).
void match_everywhere(const rules::Pattern& pattern, const lang::Tree& tree,
                      std::string_view source) {
  const rules::KindTable& kinds = rules::KindTable::of(tree.language().ts);
  rules::MatchContext context(source, kinds, tree.root());
  rules::TreeCursor walk(tree.root());
  for (;;) {
    rules::MetaVarEnv env;
    pattern.match(ts_tree_cursor_current_node(walk.get()), context, env);
    if (ts_tree_cursor_goto_first_child(walk.get()))
      continue;
    while (!ts_tree_cursor_goto_next_sibling(walk.get())) {
      if (!ts_tree_cursor_goto_parent(walk.get()))
        return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2)
    return 0;
  const lang::Language& language = fuzz::pick_language(data[0]);
  const std::uint8_t options = data[1];
  std::string_view text = fuzz::as_text(data + 2, size - 2);

  rules::PatternSpec spec;
  if ((options & 8) != 0) {
    std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos)
      return 0;
    spec.selector = text_of(text.substr(0, newline));
    spec.source = text_of(text.substr(newline + 1));
  } else {
    spec.source = text_of(text);
  }
  if (std::string_view strictness = kStrictness[options & 7]; !strictness.empty())
    spec.strictness = text_of(strictness);

  std::optional<rules::Pattern> pattern;
  try {
    pattern = rules::Pattern::compile(spec, language, "fuzz-pattern");
  } catch (const Error&) {
    return 0;
  }
  pattern->root_kind();
  lang::Parser parser;
  lang::Tree tree = parser.parse(language, spec.source.value);
  match_everywhere(*pattern, tree, spec.source.value);
  return 0;
}
