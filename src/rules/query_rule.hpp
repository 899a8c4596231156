// Raw tree-sitter query rules (`query:`), with the text predicates evaluated by git-mentor.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <tree_sitter/api.h>

#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "rules/match_context.hpp"
#include "rules/rule_spec.hpp"

namespace mentor::rules {

// One text predicate of a query pattern: #eq?, #not-eq?, #match?, #not-match?, #any-of?,
// #not-any-of? and the #any-eq? / #any-not-eq? / #any-match? / #any-not-match? variants that are
// satisfied by one node of a quantified capture instead of all of them.
struct QueryPredicate {
  enum class Op { eq, match, any_of };
  Op op = Op::eq;
  bool positive = true;
  bool all_nodes = true;
  std::uint32_t capture = 0;
  std::optional<std::uint32_t> other_capture;  // #eq? @a @b
  std::string value;                           // #eq? @a "text"
  std::vector<std::string> values;             // #any-of?
  std::shared_ptr<const RE2> regex;            // #match?
};

// One match of a query rule: the reported node and every capture.
struct QueryMatch {
  TSNode node;
  std::vector<std::pair<std::string, TSNode>> captures;
};

// A compiled query. Immutable and shareable between threads; each run uses its own cursor.
class QueryRule {
 public:
  // Compiles `query` for `language`. Throws RuleError (invalid_query with the position of the
  // problem inside the YAML scalar, invalid_regex) for a query ts_query_new rejects, an unknown
  // predicate, a pattern without captures or a regex RE2 rejects.
  static QueryRule compile(const Text& query, const lang::Language& language,
                           std::string_view rule_id);

  // Every match below `root` whose predicates hold, limited to nodes that intersect the bytes
  // [start_byte, end_byte). The reported node is the capture named `match`, else the widest
  // capture (the pattern's root when it is captured).
  std::vector<QueryMatch> run(TSNode root, const MatchContext& context,
                              std::uint32_t start_byte = 0,
                              std::uint32_t end_byte = UINT32_MAX) const;

 private:
  bool holds(const QueryPredicate& predicate, const TSQueryMatch& match,
             const MatchContext& context) const;

  lang::QueryPtr query_;
  std::vector<std::vector<QueryPredicate>> predicates_;  // by pattern index
  std::vector<std::string> capture_names_;
  std::optional<std::uint32_t> match_capture_;
};

}  // namespace mentor::rules
