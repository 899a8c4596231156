// Stage two of rule loading: validation and compilation of the rule tree.
#include "rules/rule_compiler.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <variant>

#include "rules/matcher.hpp"
#include "rules/node_kinds.hpp"
#include "rules/rule_error.hpp"
#include "util/suggest.hpp"

namespace mentor::rules {

namespace {

bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-')
    return false;
  char previous = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-'))
      return false;
    previous = c;
  }
  return true;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The `An+B` of an `nthChild` position (CSS :nth-child notation, as ast-grep reads it: `3`,
// `2n+1`, `-n + 3`, `N`; spaces anywhere), or the offset of the first character that is wrong.
struct Position {
  int step = 0;
  int offset = 0;
};

std::variant<Position, std::size_t> parse_position(std::string_view text) {
  enum class State { initial, n, sign, number };
  State state = State::initial;
  bool seen_n = false;
  int sign = 1;
  int number = 0;
  Position out;
  constexpr int kLimit = 1'000'000;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)))
      continue;
    bool is_sign = c == '+' || c == '-';
    bool is_digit = c >= '0' && c <= '9';
    bool is_n = c == 'n' || c == 'N';
    if (is_sign && (state == State::initial || state == State::n)) {
      state = State::sign;
      sign = c == '+' ? 1 : -1;
      number = 0;
    } else if (is_digit && state != State::n) {
      number = state == State::number ? number * 10 + (c - '0') : c - '0';
      if (number > kLimit)
        return i;
      state = State::number;
    } else if (is_n && !seen_n && state != State::n) {
      out.step = state == State::number ? sign * number : sign;
      number = 0;
      seen_n = true;
      state = State::n;
    } else {
      return i;
    }
  }
  if (state == State::initial || state == State::sign)
    return text.size();
  out.offset = sign * number;
  return out;
}

// Compiles the rule objects of one rule document.
class RuleCompiler {
 public:
  RuleCompiler(const lang::Language& language, std::string_view rule_id)
      : language_(language), kinds_(KindTable::of(language.ts)), rule_id_(rule_id) {}

  // Registers utility names so that `matches:` can refer to them in any order.
  void declare_utils(const std::vector<NamedRuleSpec>& utils) {
    for (std::size_t i = 0; i < utils.size(); ++i)
      util_index_.emplace(utils[i].name.value, i);
  }

  std::vector<RuleNode> compile_utils(const std::vector<NamedRuleSpec>& utils) {
    std::vector<RuleNode> out;
    util_refs_.assign(utils.size(), {});
    for (std::size_t i = 0; i < utils.size(); ++i) {
      current_util_ = i;
      out.push_back(compile(utils[i].rule));
    }
    current_util_.reset();
    check_cycles(utils);
    return out;
  }

  RuleNode compile(const RuleSpec& spec) {
    std::vector<RuleNode> parts;
    if (spec.pattern) {
      RuleNode node;
      node.type = RuleNode::Type::pattern;
      node.pattern = Pattern::compile(*spec.pattern, language_, rule_id_);
      parts.push_back(std::move(node));
    }
    if (spec.kind) {
      RuleNode node;
      node.type = RuleNode::Type::kind;
      node.kind = kind(*spec.kind);
      parts.push_back(std::move(node));
    }
    if (spec.regex) {
      RuleNode node;
      node.type = RuleNode::Type::regex;
      node.regex = regex(*spec.regex);
      parts.push_back(std::move(node));
    }
    if (spec.nth_child)
      parts.push_back(nth_child(*spec.nth_child));
    if (spec.all)
      parts.push_back(composite(RuleNode::Type::all, *spec.all));
    if (spec.any)
      parts.push_back(composite(RuleNode::Type::any, *spec.any));
    if (spec.not_) {
      RuleNode node;
      node.type = RuleNode::Type::not_;
      node.children.push_back(compile(*spec.not_));
      parts.push_back(std::move(node));
    }
    if (spec.matches)
      parts.push_back(matches(*spec.matches));
    if (spec.inside)
      parts.push_back(relation(Relation::Type::inside, *spec.inside));
    if (spec.has)
      parts.push_back(relation(Relation::Type::has, *spec.has));
    if (spec.precedes)
      parts.push_back(relation(Relation::Type::precedes, *spec.precedes));
    if (spec.follows)
      parts.push_back(relation(Relation::Type::follows, *spec.follows));

    if (parts.empty()) {
      throw rule_error(RuleErrorKind::empty_rule, rule_id_,
                       "a rule object needs at least one of pattern, kind, regex, nthChild, "
                       "inside, has, precedes, follows, all, any, not, matches",
                       spec.pos);
    }
    if (parts.size() == 1)
      return std::move(parts.front());
    RuleNode all;
    all.type = RuleNode::Type::all;
    all.children = std::move(parts);
    return all;
  }

 private:
  RuleNode composite(RuleNode::Type type, const std::vector<RuleSpec>& specs) {
    RuleNode node;
    node.type = type;
    for (const auto& spec : specs)
      node.children.push_back(compile(spec));
    return node;
  }

  RuleNode nth_child(const NthChildSpec& spec) {
    auto parsed = parse_position(spec.position.value);
    if (const std::size_t* bad = std::get_if<std::size_t>(&parsed)) {
      throw rule_error(RuleErrorKind::invalid_nth_child, rule_id_,
                       "invalid nthChild position " + fmt_key(spec.position.value) +
                           ": expected a number or An+B, like 3, 2n+1 or -n+3",
                       spec.position.at(*bad));
    }
    auto compiled = std::make_unique<NthChild>();
    compiled->step = std::get<Position>(parsed).step;
    compiled->offset = std::get<Position>(parsed).offset;
    compiled->reverse = spec.reverse;
    if (spec.of_rule)
      compiled->of_rule = std::make_unique<RuleNode>(compile(*spec.of_rule));
    RuleNode node;
    node.type = RuleNode::Type::nth_child;
    node.nth_child = std::move(compiled);
    return node;
  }

  TSSymbol kind(const Text& name) {
    if (auto symbol = kinds_.find(name.value, true)) {
      // Supertypes (`expression`) never appear in trees and tree-sitter 0.20 cannot list their
      // subtypes, so a kind rule on one would silently match nothing.
      if (*symbol < kinds_.size() &&
          ts_language_symbol_type(language_.ts, *symbol) == TSSymbolTypeAuxiliary) {
        throw rule_error(RuleErrorKind::unknown_kind, rule_id_,
                         "node kind " + fmt_key(name.value) +
                             " is a supertype, which never appears in a tree; use 'any' with "
                             "its concrete kinds",
                         name.pos());
      }
      return *symbol;
    }
    std::vector<std::string_view> names;
    std::uint32_t count = ts_language_symbol_count(language_.ts);
    for (std::uint32_t i = 0; i < count; ++i) {
      auto symbol = static_cast<TSSymbol>(i);
      if (ts_language_symbol_type(language_.ts, symbol) == TSSymbolTypeRegular)
        names.emplace_back(ts_language_symbol_name(language_.ts, symbol));
    }
    throw rule_error(RuleErrorKind::unknown_kind, rule_id_,
                     "unknown node kind " + fmt_key(name.value) + " in " +
                         std::string(language_.name) + did_you_mean(name.value, names),
                     name.pos());
  }

  TSFieldId field(const Text& name) {
    TSFieldId id = ts_language_field_id_for_name(language_.ts, name.value.data(),
                                                 static_cast<std::uint32_t>(name.value.size()));
    if (id != 0)
      return id;
    std::vector<std::string_view> names;
    std::uint32_t count = ts_language_field_count(language_.ts);
    for (std::uint32_t i = 1; i <= count; ++i) {
      const char* field_name =
          ts_language_field_name_for_id(language_.ts, static_cast<TSFieldId>(i));
      if (field_name != nullptr)
        names.emplace_back(field_name);
    }
    throw rule_error(RuleErrorKind::unknown_field, rule_id_,
                     "unknown field " + fmt_key(name.value) + " in " + std::string(language_.name) +
                         did_you_mean(name.value, names),
                     name.pos());
  }

  std::unique_ptr<const RE2> regex(const Text& text) {
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_unique<const RE2>(text.value, options);
    if (!compiled->ok()) {
      std::string detail = "invalid regex: " + compiled->error();
      // RE2 names the offending fragment; point at it when it can be found.
      std::size_t at = 0;
      const std::string& arg = compiled->error_arg();
      if (!arg.empty()) {
        std::size_t found = text.value.find(arg);
        if (found != std::string::npos)
          at = found;
      }
      throw rule_error(RuleErrorKind::invalid_regex, rule_id_, detail, text.at(at));
    }
    return compiled;
  }

  RuleNode matches(const Text& name) {
    auto it = util_index_.find(name.value);
    if (it == util_index_.end()) {
      std::vector<std::string_view> names;
      for (const auto& [util, index] : util_index_)
        names.emplace_back(util);
      throw rule_error(RuleErrorKind::unknown_util, rule_id_,
                       "'matches' names no utility rule " + fmt_key(name.value) +
                           did_you_mean(name.value, names),
                       name.pos());
    }
    if (current_util_ && relation_depth_ == 0)
      util_refs_[*current_util_].push_back(Ref{it->second, name.pos()});
    RuleNode node;
    node.type = RuleNode::Type::matches;
    node.util = it->second;
    return node;
  }

  RuleNode relation(Relation::Type type, const RelationSpec& spec) {
    ++relation_depth_;
    auto compiled = std::make_unique<Relation>();
    compiled->type = type;
    compiled->rule = std::make_unique<RuleNode>(compile(spec.rule));
    switch (spec.stop_by.kind) {
      case StopBySpec::Kind::neighbor:
        compiled->stop_by = Relation::StopBy::neighbor;
        break;
      case StopBySpec::Kind::end:
        compiled->stop_by = Relation::StopBy::end;
        break;
      case StopBySpec::Kind::rule:
        compiled->stop_by = Relation::StopBy::rule;
        compiled->stop_rule = std::make_unique<RuleNode>(compile(*spec.stop_by.rule));
        break;
    }
    if (spec.field) {
      if (type != Relation::Type::inside && type != Relation::Type::has) {
        throw rule_error(RuleErrorKind::wrong_type, rule_id_,
                         "'field' is only supported in 'inside' and 'has'", spec.field->pos());
      }
      compiled->field = field(*spec.field);
    }
    --relation_depth_;
    RuleNode node;
    node.type = RuleNode::Type::relation;
    node.relation = std::move(compiled);
    return node;
  }

  // Utilities that reach themselves through `matches` on the same node would never finish.
  void check_cycles(const std::vector<NamedRuleSpec>& utils) const {
    enum class State { fresh, active, done };
    std::vector<State> state(utils.size(), State::fresh);
    auto visit = [&](auto& self, std::size_t util) -> void {
      state[util] = State::active;
      for (const auto& ref : util_refs_[util]) {
        if (state[ref.target] == State::active) {
          throw rule_error(RuleErrorKind::cyclic_util, rule_id_,
                           "utility rule " + fmt_key(utils[ref.target].name.value) +
                               " matches itself through 'matches'",
                           ref.pos);
        }
        if (state[ref.target] == State::fresh)
          self(self, ref.target);
      }
      state[util] = State::done;
    };
    for (std::size_t i = 0; i < utils.size(); ++i) {
      if (state[i] == State::fresh)
        visit(visit, i);
    }
  }

  struct Ref {
    std::size_t target;
    SourcePos pos;
  };

  const lang::Language& language_;
  const KindTable& kinds_;
  std::string_view rule_id_;
  std::map<std::string, std::size_t, std::less<>> util_index_;
  std::vector<std::vector<Ref>> util_refs_;
  std::optional<std::size_t> current_util_;
  int relation_depth_ = 0;
};

const lang::Language& language_of(const RuleFileSpec& spec, std::string_view rule_id) {
  if (!spec.language) {
    throw rule_error(RuleErrorKind::missing_key, rule_id, "missing key 'language'", spec.origin);
  }
  const Text& name = *spec.language;
  const lang::Language* language = lang::find_language(name.value);
  if (language == nullptr)
    language = lang::find_language(lowercase(name.value));
  if (language != nullptr)
    return *language;
  std::vector<std::string_view> names;
  for (const auto& known : lang::all_languages())
    names.push_back(known.name);
  std::string known_list;
  for (std::string_view known : names)
    known_list += (known_list.empty() ? "" : ", ") + std::string(known);
  std::string hint = did_you_mean(lowercase(name.value), names);
  throw rule_error(RuleErrorKind::unknown_language, rule_id,
                   "unknown language " + fmt_key(name.value) +
                       (hint.empty() ? " (known: " + known_list + ")" : hint),
                   name.pos());
}

std::vector<std::string> values(const std::vector<Text>& texts) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const auto& text : texts)
    out.push_back(text.value);
  return out;
}

}  // namespace

std::optional<Rule> compile_rule(const RuleFileSpec& spec) {
  if (!spec.id)
    throw rule_error(RuleErrorKind::missing_key, "", "rule without key 'id'", spec.origin);
  const std::string& id = spec.id->value;
  if (!is_kebab_case(id)) {
    throw rule_error(RuleErrorKind::invalid_id, "",
                     "rule id " + fmt_key(id) +
                         " must be kebab-case (lowercase letters, digits and single dashes)",
                     spec.id->pos());
  }
  const lang::Language& language = language_of(spec, id);

  Rule rule;
  rule.id = id;
  rule.language = &language;
  // Without `severity:` a rule warns: git-mentor rules are written to be seen, while ast-grep
  // defaults to `hint`. Neither blocks a push by default.
  rule.severity = Severity::warning;
  if (spec.severity) {
    if (spec.severity->value == "off")
      return std::nullopt;
    auto severity = severity_from_string(spec.severity->value);
    if (!severity) {
      static constexpr std::array<std::string_view, 6> kNames = {"error", "warning", "info",
                                                                 "hint",  "praise",  "off"};
      throw rule_error(RuleErrorKind::unknown_severity, id,
                       "unknown severity " + fmt_key(spec.severity->value) +
                           did_you_mean(spec.severity->value, kNames) +
                           " (one of error, warning, info, hint, praise, off)",
                       spec.severity->pos());
    }
    rule.severity = *severity;
  }
  if (spec.rule && spec.query) {
    throw rule_error(RuleErrorKind::conflicting_keys, id,
                     "'rule' and 'query' cannot be used together", spec.query->pos());
  }
  if (!spec.rule && !spec.query) {
    throw rule_error(RuleErrorKind::missing_key, id, "missing key 'rule' (or 'query')",
                     spec.origin);
  }

  rule.message = spec.message ? spec.message->value : id;
  rule.skill = spec.skill ? spec.skill->value : std::string();
  rule.lesson = spec.lesson ? spec.lesson->value : std::string();
  rule.url = spec.url ? spec.url->value : std::string();
  rule.files = values(spec.files);
  rule.ignores = values(spec.ignores);
  rule.bad_examples = values(spec.bad_examples);
  rule.good_examples = values(spec.good_examples);
  rule.origin = spec.origin;

  RuleCompiler compiler(language, id);
  std::vector<Constraint> constraints;
  if (spec.rule) {
    compiler.declare_utils(spec.utils);
    std::vector<RuleNode> utils = compiler.compile_utils(spec.utils);
    RuleNode root = compiler.compile(*spec.rule);
    for (const auto& constraint : spec.constraints)
      constraints.push_back(Constraint{constraint.name.value, compiler.compile(constraint.rule)});
    rule.matcher = std::make_shared<const Matcher>(language, std::move(root), std::move(utils),
                                                   std::move(constraints));
  } else {
    if (!spec.utils.empty()) {
      throw rule_error(RuleErrorKind::conflicting_keys, id,
                       "'utils' need 'rule'; a query rule cannot use them",
                       spec.utils.front().name.pos());
    }
    QueryRule query = QueryRule::compile(*spec.query, language, id);
    for (const auto& constraint : spec.constraints)
      constraints.push_back(Constraint{constraint.name.value, compiler.compile(constraint.rule)});
    rule.matcher =
        std::make_shared<const Matcher>(language, std::move(query), std::move(constraints));
  }
  return rule;
}

}  // namespace mentor::rules
