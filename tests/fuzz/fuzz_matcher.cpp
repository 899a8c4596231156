// Fuzz target: the matcher on arbitrary source text with the bundled rules. Input: one byte
// choosing the language (fuzz_support.hpp), one byte of options, then the source. The source is
// parsed and every bundled rule of the language runs over it: over the whole file, or (option
// bit 0) only over the nodes meeting one byte range, as a review limits rules to added lines.
// Every match is then turned into what a finding shows: its message and its code.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "cli/rule_sources.hpp"
#include "fuzz_support.hpp"
#include "lang/parser.hpp"
#include "review/rule_set.hpp"
#include "rules/match_code.hpp"
#include "rules/rule_engine.hpp"

using namespace mentor;

namespace {

struct Bundled {
  review::RuleSet set;
  std::map<const lang::Language*, std::vector<const rules::Rule*>> by_language;
};

const Bundled& bundled() {
  static const Bundled* rules = [] {
    auto* loaded = new Bundled;
    cli::load_builtin_rules(loaded->set);
    for (const rules::Rule* rule : loaded->set.all())
      loaded->by_language[rule->language].push_back(rule);
    return loaded;
  }();
  return *rules;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  bundled();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2)
    return 0;
  const lang::Language& language = fuzz::pick_language(data[0]);
  const std::uint8_t options = data[1];
  std::string_view source = fuzz::as_text(data + 2, size - 2);

  auto found = bundled().by_language.find(&language);
  if (found == bundled().by_language.end())
    return 0;
  const std::vector<const rules::Rule*>& rules = found->second;

  std::vector<rules::ByteRange> within;
  if ((options & 1) != 0) {
    // A range starting at one of eight points of the source, a quarter of it long.
    auto length = static_cast<std::uint32_t>(source.size());
    std::uint32_t start = length / 8 * ((options >> 1) & 7);
    within.push_back({start, std::min(length, start + length / 4 + 1)});
  }

  lang::Parser parser;
  lang::Tree tree = parser.parse(language, source);
  std::vector<rules::RuleMatch> matches = rules::match_rules(rules, tree, source, within);
  for (const rules::RuleMatch& m : matches) {
    fuzz::check(m.rule < rules.size(), "a match of no rule");
    fuzz::check(m.match.start_byte <= m.match.end_byte && m.match.end_byte <= source.size(),
                "a match outside the source");
    rules::interpolate(rules[m.rule]->message, m.match);
    rules::match_code(tree, source, m.match.start_byte, m.match.end_byte);
  }
  return 0;
}
