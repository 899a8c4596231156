// A compiled, validated rule: what the review layer runs and what reports describe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/language.hpp"
#include "util/error.hpp"

namespace mentor::rules {

// Ordered from most to least severe; praise celebrates and never blocks.
enum class Severity { error, warning, info, hint, praise };

std::string_view to_string(Severity severity);
// nullopt for an unknown name.
std::optional<Severity> severity_from_string(std::string_view name);

// True when a finding of `severity` blocks under a threshold of `fail_on` (error or warning).
// praise never blocks.
bool blocks(Severity severity, Severity fail_on);

// The compiled match logic of one rule (pattern, kind, query, relational/composite parts).
// Immutable after compilation and safe to use from several threads at once.
class Matcher;

// A rule's compiled fix (rules/fix.hpp).
struct Fixer;

struct Rule {
  std::string id;
  const lang::Language* language = nullptr;
  Severity severity = Severity::warning;
  std::string message;  // may contain $VAR / $$$VARS to interpolate
  std::string skill;
  std::string lesson;  // markdown
  std::string url;
  std::vector<std::string> files;          // globs; empty = every file of the language
  std::vector<std::string> ignores;        // globs
  std::vector<std::string> bad_examples;   // must match
  std::vector<std::string> good_examples;  // must not match
  SourcePos origin;  // the rule file and the line where this rule's document starts
  std::shared_ptr<const Matcher> matcher;
  std::shared_ptr<const Fixer> fixer;  // null when the rule has no `fix`
  // `fixAfter: N`: the fix is shown from the author's N-th finding of this rule on (1: always;
  // review/fix_gate.hpp).
  std::uint32_t fix_after = 1;

  // Whether the rule applies to `path` according to `files` and `ignores`.
  bool applies_to(std::string_view path) const;
};

// A computed fix: the bytes [start_byte, end_byte) of the source become `text`.
struct FixEdit {
  std::uint32_t start_byte = 0;
  std::uint32_t end_byte = 0;
  std::string text;
};

// One match of one rule in one source text. Rows and columns are 0-based; columns in bytes.
struct Match {
  std::uint32_t start_byte = 0;
  std::uint32_t end_byte = 0;
  std::uint32_t start_row = 0;
  std::uint32_t start_column = 0;
  std::uint32_t end_row = 0;
  std::uint32_t end_column = 0;
  // Captured metavariables ($X -> "text", $$$ARGS -> the text from its first to last node),
  // and for query rules the captures by name (without '@').
  std::vector<std::pair<std::string, std::string>> captures;
  // The rule's fix of this match; nullopt without one or when over kMaxFixBytes (rules/fix.hpp).
  std::optional<FixEdit> fix;
};

// Replaces $NAME and $$$NAME in `message` by the captured text; unknown names stay as written.
std::string interpolate(std::string_view message, const Match& match);

}  // namespace mentor::rules
