// Helpers for the rule tests: load YAML rules and run them over source text with real grammars.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"

namespace mentor::test {

struct Found {
  std::string text;  // the matched source text
  std::vector<std::pair<std::string, std::string>> captures;
  rules::Match match;
};

// Runs every rule of `yaml` over `source` (parsed in the rules' language).
inline std::vector<Found> run_rules(const std::string& yaml, std::string_view source) {
  std::vector<rules::Rule> loaded = rules::load_rules(yaml, "test.yaml");
  std::vector<Found> out;
  if (loaded.empty())
    return out;
  std::vector<const rules::Rule*> pointers;
  for (const auto& rule : loaded)
    pointers.push_back(&rule);
  lang::Parser parser;
  lang::Tree tree = parser.parse(*loaded.front().language, source);
  for (const auto& m : rules::match_rules(pointers, tree, source)) {
    out.push_back(
        Found{std::string(source.substr(m.match.start_byte, m.match.end_byte - m.match.start_byte)),
              m.match.captures, m.match});
  }
  return out;
}

// The matched texts of a one-rule file with `rule_body` (YAML lines of the rule object, indented
// by two spaces) in `language`.
inline std::vector<std::string> matches(std::string_view language, const std::string& rule_body,
                                        std::string_view source) {
  std::string yaml = "id: test-rule\nlanguage: " + std::string(language) + "\nrule:\n" + rule_body;
  std::vector<std::string> out;
  for (const auto& found : run_rules(yaml, source))
    out.push_back(found.text);
  return out;
}

// The text captured as `name` in `found`, or "<unbound>".
inline std::string capture(const Found& found, std::string_view name) {
  for (const auto& [key, text] : found.captures) {
    if (key == name)
      return text;
  }
  return "<unbound>";
}

}  // namespace mentor::test
