// Rule tests.
#include "rules/rule_tester.hpp"

#include <algorithm>

#include "rules/fix_tester.hpp"
#include "rules/match_context.hpp"
#include "rules/match_limits.hpp"
#include "rules/matcher.hpp"
#include "rules/node_kinds.hpp"
#include "rules/rule_engine.hpp"
#include "util/excerpt.hpp"

namespace mentor::rules {

namespace {

// Shown node text: its first line, at most this many bytes.
constexpr std::size_t kNodeTextBytes = 60;

ExampleDiagnosis diagnosis_at(TSNode node, std::string_view code, MatchExplanation explanation) {
  ExampleDiagnosis out;
  TSPoint start = ts_node_start_point(node);
  out.row = start.row;
  out.column = start.column;
  out.kind = ts_node_type(node);
  std::string_view text =
      code.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
  text = text.substr(0, text.find('\n'));
  out.text = util::shortened(text, kNodeTextBytes);
  out.explanation = std::move(explanation);
  return out;
}

// The names of the kinds a node must have to be matched by `matcher`, comma-separated.
std::string kind_names(const Matcher& matcher) {
  std::string out;
  for (TSSymbol kind : *matcher.root_kinds()) {
    out += out.empty() ? "" : ", ";
    out += ts_language_symbol_name(matcher.language().ts, kind);
  }
  return out;
}

// Fills the diagnosis of `failure` from the example's tree: the first node that matches
// (noisy), or the closest node (missing). Every node of a kind the rule can match is explained
// with one step budget; past it, the failure goes without a diagnosis.
void diagnose(const Rule& rule, const lang::Tree& tree, std::string_view code,
              ExampleFailure& failure) {
  const Matcher& matcher = *rule.matcher;
  if (matcher.is_query()) {
    failure.note = "a query rule: no explanation of its parts";
    return;
  }
  const KindTable& kinds = KindTable::of(tree.language().ts);
  const auto& root_kinds = matcher.root_kinds();
  MatchContext context(code, kinds, tree.root());
  bool want_match = failure.kind == ExampleFailure::Kind::noisy;
  std::optional<ExampleDiagnosis> best;
  try {
    TreeCursor walker(tree.root());
    do {
      TSNode node = walker.node();
      bool candidate = root_kinds ? std::binary_search(root_kinds->begin(), root_kinds->end(),
                                                       kinds.canonical(node))
                                  : ts_node_is_named(node);
      if (!candidate)
        continue;
      MatchExplanation explanation = matcher.explain(node, context);
      bool matched = !explanation.failed;
      if (want_match) {
        if (matched) {
          best = diagnosis_at(node, code, std::move(explanation));
          break;
        }
        continue;
      }
      if (!best || explanation.held.size() > best->explanation.held.size())
        best = diagnosis_at(node, code, std::move(explanation));
    } while (walker.next());
  } catch (const MatchLimitExceeded& e) {
    failure.note = std::string("no explanation: ") + e.what();
    return;
  }
  if (best) {
    failure.diagnosis = std::move(best);
  } else if (!want_match && root_kinds) {
    failure.note = "no node of kind " + kind_names(matcher) + " in the example";
  } else {
    failure.note = "no node of the example to explain";
  }
}

}  // namespace

std::optional<ExampleFailure> check_example(const Rule& rule, lang::Parser& parser,
                                            const std::string& code, bool must_match) {
  lang::Tree tree = parser.parse(*rule.language, code);
  const Rule* one[] = {&rule};
  bool matched = !match_rules(one, tree, code).empty();
  if (matched == must_match)
    return std::nullopt;
  ExampleFailure failure{must_match ? ExampleFailure::Kind::missing : ExampleFailure::Kind::noisy,
                         code,
                         std::nullopt,
                         {}};
  if (rule.matcher)
    diagnose(rule, tree, code, failure);
  return failure;
}

std::vector<ExampleFailure> test_rule_examples(const Rule& rule, lang::Parser& parser) {
  std::vector<ExampleFailure> failures;
  for (const auto& code : rule.bad_examples) {
    if (auto failure = check_example(rule, parser, code, true))
      failures.push_back(std::move(*failure));
  }
  for (auto& fix : test_rule_fixes(rule, parser)) {
    ExampleFailure failure{ExampleFailure::Kind::bad_fix, std::move(fix.snippet)};
    failure.problem = std::move(fix.problem);
    failure.fixed = std::move(fix.fixed);
    failures.push_back(std::move(failure));
  }
  for (const auto& code : rule.good_examples) {
    if (auto failure = check_example(rule, parser, code, false))
      failures.push_back(std::move(*failure));
  }
  return failures;
}

}  // namespace mentor::rules
