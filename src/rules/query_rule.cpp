// Query rules: ts_query_new, then predicates evaluated here (the tree-sitter runtime leaves them to
// the caller).
#include "rules/query_rule.hpp"

#include <algorithm>

#include "rules/rule_error.hpp"
#include "util/suggest.hpp"

namespace mentor::rules {

namespace {

std::string_view query_error_name(TSQueryError error) {
  switch (error) {
    case TSQueryErrorNodeType:
      return "unknown node kind";
    case TSQueryErrorField:
      return "unknown field";
    case TSQueryErrorCapture:
      return "unknown capture";
    case TSQueryErrorStructure:
      return "impossible pattern structure at";
    case TSQueryErrorLanguage:
      return "incompatible language";
    case TSQueryErrorSyntax:
    case TSQueryErrorNone:
      break;
  }
  return "syntax error at";
}

// The word (identifier-like run) starting at `offset`.
std::string_view word_at(std::string_view text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size()) {
    char c = text[end];
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.' || c == '@' || c == '?' || c == '!';
    if (!word)
      break;
    ++end;
  }
  if (end == offset)
    end = std::min(text.size(), offset + 1);
  return text.substr(offset, end - offset);
}

// Whether `outer` covers more of the source than `inner` (earlier start, or same start and
// later end): without @match the widest capture stands for the whole match.
bool encloses(TSNode outer, TSNode inner) {
  std::uint32_t outer_start = ts_node_start_byte(outer);
  std::uint32_t inner_start = ts_node_start_byte(inner);
  if (outer_start != inner_start)
    return outer_start < inner_start;
  return ts_node_end_byte(outer) > ts_node_end_byte(inner);
}

struct Step {
  TSQueryPredicateStepType type;
  std::uint32_t id;
};

}  // namespace

QueryRule QueryRule::compile(const Text& query, const lang::Language& language,
                             std::string_view rule_id) {
  const std::string& source = query.value;
  std::uint32_t error_offset = 0;
  TSQueryError error_type = TSQueryErrorNone;
  lang::QueryPtr compiled(ts_query_new(language.ts, source.data(),
                                       static_cast<std::uint32_t>(source.size()), &error_offset,
                                       &error_type));
  if (!compiled) {
    std::string detail = "invalid query: " + std::string(query_error_name(error_type)) + " '" +
                         std::string(word_at(source, error_offset)) + "'";
    throw rule_error(RuleErrorKind::invalid_query, rule_id, detail, query.at(error_offset));
  }

  QueryRule rule;
  std::uint32_t capture_count = ts_query_capture_count(compiled.get());
  for (std::uint32_t i = 0; i < capture_count; ++i) {
    std::uint32_t length = 0;
    const char* name = ts_query_capture_name_for_id(compiled.get(), i, &length);
    rule.capture_names_.emplace_back(name, length);
    if (rule.capture_names_.back() == "match")
      rule.match_capture_ = i;
  }

  auto string_value = [&](std::uint32_t id) {
    std::uint32_t length = 0;
    const char* value = ts_query_string_value_for_id(compiled.get(), id, &length);
    return std::string(value, length);
  };

  std::uint32_t pattern_count = ts_query_pattern_count(compiled.get());
  rule.predicates_.resize(pattern_count);
  for (std::uint32_t p = 0; p < pattern_count; ++p) {
    std::size_t pattern_start = ts_query_start_byte_for_pattern(compiled.get(), p);
    auto fail = [&](RuleErrorKind kind, const std::string& detail, std::string_view near) {
      std::size_t at = source.find(near, pattern_start);
      throw rule_error(kind, rule_id, detail,
                       query.at(at == std::string::npos ? pattern_start : at));
    };
    if (capture_count == 0)
      fail(RuleErrorKind::invalid_query,
           "invalid query: a pattern without captures (add @match to the node to report)", "");

    std::uint32_t step_count = 0;
    const TSQueryPredicateStep* raw =
        ts_query_predicates_for_pattern(compiled.get(), p, &step_count);
    std::vector<Step> group;
    for (std::uint32_t s = 0; s < step_count; ++s) {
      if (raw[s].type != TSQueryPredicateStepTypeDone) {
        group.push_back(Step{raw[s].type, raw[s].value_id});
        continue;
      }
      if (group.empty() || group[0].type != TSQueryPredicateStepTypeString)
        fail(RuleErrorKind::invalid_query, "invalid query: malformed predicate", "#");
      std::string name = string_value(group[0].id);
      std::vector<Step> args(group.begin() + 1, group.end());
      group.clear();
      if (name.ends_with('!'))
        continue;  // directives (#set! ...) carry no condition

      QueryPredicate predicate;
      std::string base = name;
      if (base.starts_with("not-")) {
        predicate.positive = false;
        base = base.substr(4);
      }
      if (base.starts_with("any-") && base != "any-of?") {
        predicate.all_nodes = false;
        base = base.substr(4);
        if (base.starts_with("not-")) {
          predicate.positive = false;
          base = base.substr(4);
        }
      }
      std::string where = "#" + name;
      if (base == "eq?") {
        predicate.op = QueryPredicate::Op::eq;
      } else if (base == "match?") {
        predicate.op = QueryPredicate::Op::match;
      } else if (base == "any-of?") {
        predicate.op = QueryPredicate::Op::any_of;
      } else {
        fail(RuleErrorKind::invalid_query,
             "invalid query: unsupported predicate '#" + name +
                 "' (supported: #eq?, #not-eq?, #match?, #not-match?, #any-of?)",
             where);
      }
      if (args.empty() || args[0].type != TSQueryPredicateStepTypeCapture)
        fail(RuleErrorKind::invalid_query,
             "invalid query: '#" + name + "' needs a capture as its first argument", where);
      predicate.capture = args[0].id;
      if (predicate.op == QueryPredicate::Op::any_of) {
        for (std::size_t a = 1; a < args.size(); ++a) {
          if (args[a].type != TSQueryPredicateStepTypeString)
            fail(RuleErrorKind::invalid_query,
                 "invalid query: '#" + name + "' takes a capture and strings", where);
          predicate.values.push_back(string_value(args[a].id));
        }
      } else {
        if (args.size() != 2)
          fail(RuleErrorKind::invalid_query,
               "invalid query: '#" + name + "' takes a capture and one more argument", where);
        if (args[1].type == TSQueryPredicateStepTypeCapture) {
          if (predicate.op == QueryPredicate::Op::match)
            fail(RuleErrorKind::invalid_query,
                 "invalid query: '#" + name + "' needs a regex string", where);
          predicate.other_capture = args[1].id;
        } else {
          predicate.value = string_value(args[1].id);
        }
        if (predicate.op == QueryPredicate::Op::match) {
          RE2::Options options;
          options.set_log_errors(false);
          auto regex = std::make_shared<const RE2>(predicate.value, options);
          if (!regex->ok())
            fail(RuleErrorKind::invalid_regex, "invalid regex: " + regex->error(), predicate.value);
          predicate.regex = std::move(regex);
        }
      }
      rule.predicates_[p].push_back(std::move(predicate));
    }
  }
  rule.query_ = std::move(compiled);
  return rule;
}

bool QueryRule::holds(const QueryPredicate& predicate, const TSQueryMatch& match,
                      const MatchContext& context) const {
  std::vector<TSNode> nodes;
  std::vector<TSNode> others;
  for (std::uint16_t i = 0; i < match.capture_count; ++i) {
    if (match.captures[i].index == predicate.capture)
      nodes.push_back(match.captures[i].node);
    if (predicate.other_capture && match.captures[i].index == *predicate.other_capture)
      others.push_back(match.captures[i].node);
  }
  auto test = [&](std::size_t i) {
    std::string_view text = context.text(nodes[i]);
    bool result = false;
    switch (predicate.op) {
      case QueryPredicate::Op::eq:
        result = predicate.other_capture ? (i < others.size() && text == context.text(others[i]))
                                         : text == predicate.value;
        break;
      case QueryPredicate::Op::match:
        result = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *predicate.regex);
        break;
      case QueryPredicate::Op::any_of:
        result = std::find(predicate.values.begin(), predicate.values.end(), text) !=
                 predicate.values.end();
        break;
    }
    return result == predicate.positive;
  };
  std::size_t count = nodes.size();
  if (predicate.other_capture)
    count = std::min(count, others.size());
  for (std::size_t i = 0; i < count; ++i) {
    bool ok = test(i);
    if (predicate.all_nodes && !ok)
      return false;
    if (!predicate.all_nodes && ok)
      return true;
  }
  return predicate.all_nodes;
}

std::vector<QueryMatch> QueryRule::run(TSNode root, const MatchContext& context,
                                       std::uint32_t start_byte, std::uint32_t end_byte) const {
  std::vector<QueryMatch> out;
  lang::QueryCursorPtr cursor(ts_query_cursor_new());
  ts_query_cursor_set_byte_range(cursor.get(), start_byte, end_byte);
  ts_query_cursor_exec(cursor.get(), query_.get(), root);
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor.get(), &match)) {
    const auto& predicates = predicates_[match.pattern_index];
    bool ok = std::all_of(predicates.begin(), predicates.end(),
                          [&](const QueryPredicate& p) { return holds(p, match, context); });
    if (!ok || match.capture_count == 0)
      continue;
    QueryMatch result;
    result.node = match.captures[0].node;
    bool explicit_span = false;
    for (std::uint16_t i = 0; i < match.capture_count; ++i) {
      const TSQueryCapture& capture = match.captures[i];
      if (match_capture_ && capture.index == *match_capture_ && !explicit_span) {
        result.node = capture.node;
        explicit_span = true;
      } else if (!explicit_span && encloses(capture.node, result.node)) {
        result.node = capture.node;
      }
      result.captures.emplace_back(capture_names_[capture.index], capture.node);
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace mentor::rules
