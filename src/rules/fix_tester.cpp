// Rule tests of a rule's fix.
#include "rules/fix_tester.hpp"

#include <algorithm>

#include "rules/fix.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::rules {

std::string apply_fixes(std::string_view code, const std::vector<Match>& matches,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>* changed) {
  std::vector<const FixEdit*> edits;
  for (const auto& match : matches) {
    if (match.fix && match.fix->start_byte <= match.fix->end_byte &&
        match.fix->end_byte <= code.size())
      edits.push_back(&*match.fix);
  }
  std::stable_sort(edits.begin(), edits.end(), [](const FixEdit* a, const FixEdit* b) {
    return a->start_byte < b->start_byte;
  });
  std::string out;
  std::size_t copied = 0;
  for (const FixEdit* edit : edits) {
    if (edit->start_byte < copied)
      continue;  // overlaps the previous fix
    out.append(code.substr(copied, edit->start_byte - copied));
    auto start = static_cast<std::uint32_t>(out.size());
    out += edit->text;
    if (changed != nullptr)
      changed->emplace_back(start, static_cast<std::uint32_t>(out.size()));
    copied = edit->end_byte;
  }
  out.append(code.substr(copied));
  return out;
}

std::vector<FixFailure> test_rule_fixes(const Rule& rule, lang::Parser& parser) {
  std::vector<FixFailure> failures;
  if (!rule.fixer)
    return failures;
  const Rule* one[] = {&rule};
  for (const auto& code : rule.bad_examples) {
    lang::Tree tree = parser.parse(*rule.language, code);
    std::vector<Match> matches;
    for (auto& m : match_rules(one, tree, code))
      matches.push_back(std::move(m.match));
    if (matches.empty())
      continue;  // reported as Missing by the example test
    if (std::none_of(matches.begin(), matches.end(), [](const Match& m) { return m.fix; })) {
      failures.push_back({code, "", "the fix could not be computed (over its size limit)"});
      continue;
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> changed;
    std::string fixed = apply_fixes(code, matches, &changed);
    auto expected = std::find_if(rule.fixer->expected.begin(), rule.fixer->expected.end(),
                                 [&](const auto& pair) { return pair.first == code; });
    if (expected != rule.fixer->expected.end() && expected->second != fixed) {
      failures.push_back({code, fixed, "the fixed code is not the text of 'examples.fixed'"});
      continue;
    }
    lang::Tree fixed_tree = parser.parse(*rule.language, fixed);
    if (ts_node_has_error(fixed_tree.root())) {
      failures.push_back({code, fixed, "the fixed code does not parse"});
      continue;
    }
    for (const auto& m : match_rules(one, fixed_tree, fixed)) {
      bool in_changed = std::any_of(changed.begin(), changed.end(), [&](const auto& range) {
        return m.match.start_byte < std::max(range.second, range.first + 1) &&
               range.first < std::max(m.match.end_byte, m.match.start_byte + 1);
      });
      if (in_changed) {
        failures.push_back({code, fixed, "the rule still matches the fixed code"});
        break;
      }
    }
  }
  return failures;
}

}  // namespace mentor::rules
