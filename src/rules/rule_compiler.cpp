// Stage two of rule loading: validation and compilation of the rule tree.
#include "rules/rule_compiler.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <variant>

#include "rules/fix.hpp"
#include "rules/matcher.hpp"
#include "rules/node_kinds.hpp"
#include "rules/rule_error.hpp"
#include "util/suggest.hpp"

namespace mentor::rules {

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

namespace {

// "unknown case 'x'" with a did-you-mean, or the list of the names when none is close.
template <std::size_t N>
std::string unknown_name(std::string_view what, std::string_view name,
                         const std::array<std::string_view, N>& names) {
  std::string hint = did_you_mean(name, names);
  if (hint.empty()) {
    hint = " (one of ";
    for (std::size_t i = 0; i < N; ++i)
      hint += std::string(i == 0 ? "" : ", ") + std::string(names[i]);
    hint += ")";
  }
  return "unknown " + std::string(what) + " " + fmt_key(name) + hint;
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

// The `matches` references between utility rules made at the same node (not through a
// relation, which moves to other nodes): a cycle of them would never finish matching.
class UtilGraph {
 public:
  void add(const UtilRule* util) {
    order_.push_back(util);
    refs_[util];
  }

  void refer(const UtilRule* from, const UtilRule* to, SourcePos pos) {
    refs_[from].push_back(Ref{to, std::move(pos)});
  }

  // Throws cyclic_util for the first cycle, at the reference that closes it, reported for the
  // rule `rule_id` ("" = for the utility that makes that reference).
  void check_cycles(std::string_view rule_id) const {
    enum class State { fresh, active, done };
    std::map<const UtilRule*, State> state;
    // A depth-first walk with an explicit stack: each frame is a utility on the current path
    // and the index of its next reference to follow.
    struct Frame {
      const UtilRule* util;
      std::size_t next = 0;
    };
    std::vector<Frame> path;
    auto refs_of = [&](const UtilRule* util) -> const std::vector<Ref>* {
      auto it = refs_.find(util);
      // A shared utility seen from a rule: its references were checked with its library.
      return it == refs_.end() ? nullptr : &it->second;
    };
    for (const UtilRule* root : order_) {
      if (state.contains(root))
        continue;
      state[root] = State::active;
      path.push_back({root});
      while (!path.empty()) {
        Frame& frame = path.back();
        const std::vector<Ref>* refs = refs_of(frame.util);
        if (refs == nullptr || frame.next >= refs->size()) {
          state[frame.util] = State::done;
          path.pop_back();
          continue;
        }
        const Ref& ref = (*refs)[frame.next++];
        const UtilRule* util = frame.util;
        State target = state.contains(ref.target) ? state[ref.target] : State::fresh;
        if (target == State::active) {
          // The cycle from `util`, whose reference closes it: util -> target -> ... -> util.
          std::string chain = "'" + util->id + "'";
          auto at = std::find_if(path.begin(), path.end(),
                                 [&](const Frame& f) { return f.util == ref.target; });
          for (; at != path.end(); ++at)
            chain += " -> '" + at->util->id + "'";
          std::string cycle = ref.target == util ? "" : ": " + chain;
          throw rule_error(
              RuleErrorKind::cyclic_util, rule_id.empty() ? util->id : rule_id,
              (rule_id.empty() ? std::string("it") : "utility rule " + fmt_key(util->id)) +
                  " matches itself through 'matches'" + cycle,
              ref.pos);
        }
        if (target == State::fresh) {
          state[ref.target] = State::active;
          path.push_back({ref.target});
        }
      }
    }
  }

 private:
  struct Ref {
    const UtilRule* target;
    SourcePos pos;
  };

  std::vector<const UtilRule*> order_;
  std::map<const UtilRule*, std::vector<Ref>> refs_;
};

// Compiles the rule objects of one rule document, or of one shared utility rule.
class RuleCompiler {
 public:
  // `shared`: the shared utilities of the language (nullptr for none); references between
  // utilities go to `graph`.
  RuleCompiler(const lang::Language& language, std::string_view rule_id, const UtilLibrary* shared,
               UtilGraph& graph)
      : language_(language),
        kinds_(KindTable::of(language.ts)),
        rule_id_(rule_id),
        shared_(shared),
        graph_(graph) {}

  // Creates the document's own utilities (`utils:`) so that `matches:` can refer to them in any
  // order; compile_utils compiles them.
  std::vector<std::unique_ptr<UtilRule>> declare_utils(const std::vector<NamedRuleSpec>& specs) {
    std::vector<std::unique_ptr<UtilRule>> utils;
    for (const auto& spec : specs) {
      auto util = std::make_unique<UtilRule>();
      util->id = spec.name.value;
      local_index_.emplace(util->id, util.get());
      graph_.add(util.get());
      utils.push_back(std::move(util));
    }
    return utils;
  }

  void compile_utils(const std::vector<NamedRuleSpec>& specs,
                     std::vector<std::unique_ptr<UtilRule>>& utils) {
    for (std::size_t i = 0; i < specs.size(); ++i)
      utils[i]->rule = compile_in(utils[i].get(), specs[i].rule);
  }

  // Compiles `spec` as (part of) the utility `util`: its `matches` are edges of the graph.
  RuleNode compile_in(const UtilRule* util, const RuleSpec& spec) {
    const UtilRule* outer = current_util_;
    current_util_ = util;
    RuleNode node = compile(spec);
    current_util_ = outer;
    return node;
  }

  // As ast-grep: every `constraints:` key must name a metavariable that a pattern of the rule
  // binds: in `rule` (under `not` too), in the document's own `utils` or in another constraint
  // (shared utilities reached through `matches` do not count). Call after compiling them all.
  void check_constraint_names(const std::vector<NamedRuleSpec>& constraints) const {
    std::vector<std::string_view> names(defined_vars_.begin(), defined_vars_.end());
    for (const auto& constraint : constraints) {
      if (defined_vars_.count(constraint.name.value) != 0)
        continue;
      throw rule_error(RuleErrorKind::undefined_meta_var, rule_id_,
                       "undefined metavariable " + fmt_key(constraint.name.value) +
                           " in 'constraints': no pattern of the rule binds $" +
                           constraint.name.value + did_you_mean(constraint.name.value, names),
                       constraint.name.pos());
    }
  }

  RuleNode compile(const RuleSpec& spec) {
    std::vector<RuleNode> parts;
    if (spec.pattern) {
      RuleNode node;
      node.type = RuleNode::Type::pattern;
      node.pattern = Pattern::compile(*spec.pattern, language_, rule_id_);
      node.pos = spec.pattern->source.pos();
      for (const auto& name : node.pattern->names())
        defined_vars_.insert(name);
      parts.push_back(std::move(node));
    }
    if (spec.kind) {
      RuleNode node;
      node.type = RuleNode::Type::kind;
      node.kind = kind(*spec.kind);
      node.subtypes = subtypes(node.kind);
      node.pos = spec.kind->pos();
      parts.push_back(std::move(node));
    }
    if (spec.regex) {
      RuleNode node;
      node.type = RuleNode::Type::regex;
      node.regex = regex(*spec.regex);
      node.pos = spec.regex->pos();
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
      node.pos = spec.not_->pos;
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
    all.pos = spec.pos;
    return all;
  }

  // The compiled `fix:` and `transform:` of a rule document. Call after compiling the rule, its
  // utilities and constraints, so that every metavariable they bind is known.
  std::shared_ptr<const Fixer> fixer(const RuleFileSpec& spec) {
    auto out = std::make_shared<Fixer>();
    std::vector<std::string> names;  // of the transforms
    for (const auto& t : spec.transforms) {
      if (defined_vars_.count(t.name.value) != 0) {
        throw rule_error(RuleErrorKind::invalid_transform, rule_id_,
                         "transform " + fmt_key(t.name.value) +
                             " names a metavariable that the rule already binds",
                         t.name.pos());
      }
      names.push_back(t.name.value);
    }
    std::vector<Transform> compiled;
    for (const auto& t : spec.transforms)
      compiled.push_back(transform(t, names));
    out->transforms = in_dependency_order(std::move(compiled), spec.transforms);
    if (!spec.fix) {
      if (!spec.fixed_examples.empty()) {
        throw rule_error(RuleErrorKind::conflicting_keys, rule_id_,
                         "'examples.fixed' needs 'fix': it holds what the fix makes of each bad "
                         "example",
                         spec.fixed_examples.front().pos());
      }
      return nullptr;
    }
    if (!spec.fixed_examples.empty() && spec.fixed_examples.size() != spec.bad_examples.size()) {
      throw rule_error(RuleErrorKind::wrong_type, rule_id_,
                       "'examples.fixed' has " + std::to_string(spec.fixed_examples.size()) +
                           " entries and 'examples.bad' " +
                           std::to_string(spec.bad_examples.size()) +
                           ": give the fixed text of each bad example, in the same order",
                       spec.fixed_examples.front().pos());
    }
    for (std::size_t i = 0; i < spec.fixed_examples.size(); ++i)
      out->expected.emplace_back(spec.bad_examples[i].value, spec.fixed_examples[i].value);
    const FixSpec& fix = *spec.fix;
    out->fix_template = FixTemplate::parse(fix.template_text.value, names);
    std::size_t offset = 0;
    for (const auto& var : out->fix_template.vars) {
      // Where the variable is written, for the error (the first place it is).
      std::size_t at = fix.template_text.value.find(var.name, offset);
      if (at != std::string::npos) {
        offset = at + var.name.size();
        while (at > 0 && fix.template_text.value[at - 1] == '$')
          --at;
      }
      bool known =
          var.kind == FixTemplate::Var::Kind::transformed || defined_vars_.count(var.name) != 0;
      if (!known) {
        std::vector<std::string_view> candidates(defined_vars_.begin(), defined_vars_.end());
        for (const auto& name : names)
          candidates.push_back(name);
        throw rule_error(RuleErrorKind::undefined_meta_var, rule_id_,
                         "undefined metavariable " + fmt_key(var.name) +
                             " in 'fix': no pattern of the rule binds $" + var.name +
                             did_you_mean(var.name, candidates),
                         fix.template_text.at(at == std::string::npos ? 0 : at));
      }
    }
    auto expansion = [&](Relation::Type type, const RelationSpec& relation) {
      auto node = std::make_shared<RuleNode>(this->relation(type, relation));
      annotate_relations(*node);
      return node;
    };
    if (fix.expand_start)
      out->expand_start = expansion(Relation::Type::follows, *fix.expand_start);
    if (fix.expand_end)
      out->expand_end = expansion(Relation::Type::precedes, *fix.expand_end);
    return out;
  }

 private:
  int integer(const Text& text) {
    int value = 0;
    const std::string& s = text.value;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) {
      throw rule_error(RuleErrorKind::invalid_transform, rule_id_,
                       fmt_key(s) + " is not a whole number", text.pos());
    }
    return value;
  }

  Transform transform(const TransformSpec& spec, const std::vector<std::string>& names) {
    Transform out;
    out.name = spec.name.value;
    const std::string& source = spec.source.value;
    std::size_t dollars = source.find_first_not_of('$');
    std::string name = dollars == std::string::npos ? "" : source.substr(dollars);
    bool is_var = dollars != std::string::npos && dollars >= 1 && dollars <= 3 && dollars != 2 &&
                  !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
                  });
    if (!is_var) {
      throw rule_error(
          RuleErrorKind::invalid_transform, rule_id_,
          "'source' must be a metavariable such as $A or $$$ARGS, not " + fmt_key(source),
          spec.source.pos());
    }
    bool transformed = dollars == 1 && std::find(names.begin(), names.end(), name) != names.end();
    if (!transformed && defined_vars_.count(name) == 0) {
      std::vector<std::string_view> candidates(defined_vars_.begin(), defined_vars_.end());
      for (const auto& known : names)
        candidates.push_back(known);
      throw rule_error(RuleErrorKind::undefined_meta_var, rule_id_,
                       "undefined metavariable " + fmt_key(source) +
                           " in 'transform': no pattern of the rule binds it" +
                           did_you_mean(name, candidates),
                       spec.source.pos());
    }
    out.source = source;
    const std::string& kind = spec.kind.value;
    if (kind == "substring") {
      out.kind = Transform::Kind::substring;
      if (spec.start_char)
        out.start_char = integer(*spec.start_char);
      if (spec.end_char)
        out.end_char = integer(*spec.end_char);
    } else if (kind == "replace") {
      out.kind = Transform::Kind::replace;
      out.regex = regex(*spec.replace);
      out.by = spec.by->value;
    } else {
      out.kind = Transform::Kind::convert;
      const Text& to_case = *spec.to_case;
      auto parsed = string_case_from_name(to_case.value);
      if (!parsed) {
        static constexpr std::array<std::string_view, 7> kCases = {
            "lowerCase", "upperCase", "capitalize", "camelCase",
            "snakeCase", "kebabCase", "pascalCase"};
        throw rule_error(RuleErrorKind::invalid_transform, rule_id_,
                         unknown_name("case", to_case.value, kCases), to_case.pos());
      }
      out.to_case = *parsed;
      if (!spec.separated_by.empty()) {
        out.separators.emplace();
        for (const auto& item : spec.separated_by) {
          auto separator = separator_from_name(item.value);
          if (!separator) {
            static constexpr std::array<std::string_view, 6> kSeparators = {
                "caseChange", "dash", "dot", "slash", "space", "underscore"};
            throw rule_error(RuleErrorKind::invalid_transform, rule_id_,
                             unknown_name("separator", item.value, kSeparators), item.pos());
          }
          out.separators->push_back(*separator);
        }
      }
    }
    return out;
  }

  // `transforms` ordered so that a transform comes after the one it reads (its `source`);
  // transforms that read each other in a cycle are an error.
  std::vector<Transform> in_dependency_order(std::vector<Transform> transforms,
                                             const std::vector<TransformSpec>& specs) {
    auto index_of = [&](const Transform& t) -> std::optional<std::size_t> {
      if (t.source.starts_with("$$"))
        return std::nullopt;
      std::string name = t.source.substr(1);
      for (std::size_t i = 0; i < transforms.size(); ++i) {
        if (transforms[i].name == name)
          return i;
      }
      return std::nullopt;
    };
    std::vector<Transform> out;
    std::vector<int> state(transforms.size(), 0);  // 0 fresh, 1 on the chain, 2 placed
    for (std::size_t root = 0; root < transforms.size(); ++root) {
      // Each transform reads at most one other: the chain from `root` is a path.
      std::vector<std::size_t> chain;
      std::optional<std::size_t> at = root;
      while (at && state[*at] == 0) {
        state[*at] = 1;
        chain.push_back(*at);
        at = index_of(transforms[*at]);
      }
      if (at && state[*at] == 1) {
        throw rule_error(
            RuleErrorKind::invalid_transform, rule_id_,
            "transform " + fmt_key(transforms[*at].name) + " depends on itself through 'source'",
            specs[*at].source.pos());
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        state[*it] = 2;
        out.push_back(transforms[*it]);
      }
    }
    return out;
  }

  RuleNode composite(RuleNode::Type type, const std::vector<RuleSpec>& specs) {
    RuleNode node;
    node.type = type;
    for (const auto& spec : specs)
      node.children.push_back(compile(spec));
    // The list itself has no recorded position: its first item stands for it.
    if (!specs.empty())
      node.pos = specs.front().pos;
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
    node.pos = spec.position.pos();
    return node;
  }

  TSSymbol kind(const Text& name) {
    if (auto symbol = kinds_.find(name.value, true)) {
      // A supertype (`expression`) never appears in a tree: it stands for its subtypes, which
      // grammars of ABI 15 list. A hidden kind that an older grammar does not list as a supertype
      // would silently match nothing.
      if (*symbol < kinds_.size() &&
          ((ts_language_symbol_type(language_.ts, *symbol) == TSSymbolTypeSupertype &&
            subtypes(*symbol).empty()) ||
           ts_language_symbol_type(language_.ts, *symbol) == TSSymbolTypeAuxiliary)) {
        throw rule_error(RuleErrorKind::unknown_kind, rule_id_,
                         "node kind " + fmt_key(name.value) + " never appears in a tree and this " +
                             std::string(language_.name) +
                             " grammar lists no kinds for it; use 'any' with its concrete kinds",
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

  // The concrete kinds a supertype stands for, through nested supertypes (canonical, sorted);
  // empty for a kind that is not a supertype.
  std::vector<TSSymbol> subtypes(TSSymbol symbol) const {
    std::vector<TSSymbol> out;
    if (ts_language_symbol_type(language_.ts, symbol) != TSSymbolTypeSupertype)
      return out;
    std::vector<TSSymbol> open{symbol};
    std::vector<TSSymbol> seen{symbol};
    while (!open.empty()) {
      TSSymbol at = open.back();
      open.pop_back();
      std::uint32_t length = 0;
      const TSSymbol* list = ts_language_subtypes(language_.ts, at, &length);
      for (std::uint32_t i = 0; i < length; ++i) {
        TSSymbol sub = list[i];
        if (std::find(seen.begin(), seen.end(), sub) != seen.end())
          continue;
        seen.push_back(sub);
        if (ts_language_symbol_type(language_.ts, sub) == TSSymbolTypeSupertype)
          open.push_back(sub);
        else
          out.push_back(kinds_.canonical(sub));
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
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

  // The document's own utilities come first, then the shared ones (as in ast-grep, a local
  // utility hides a shared utility of the same id).
  RuleNode matches(const Text& name) {
    const UtilRule* target = nullptr;
    if (auto it = local_index_.find(name.value); it != local_index_.end())
      target = it->second;
    else if (shared_ != nullptr)
      target = shared_->find(name.value);
    if (target == nullptr) {
      std::vector<std::string_view> names;
      for (const auto& [util, pointer] : local_index_)
        names.emplace_back(util);
      if (shared_ != nullptr) {
        for (const auto& util : shared_->utils)
          names.emplace_back(util->id);
      }
      throw rule_error(RuleErrorKind::unknown_util, rule_id_,
                       "'matches' names no utility rule " + fmt_key(name.value) +
                           did_you_mean(name.value, names),
                       name.pos());
    }
    if (current_util_ != nullptr && relation_depth_ == 0)
      graph_.refer(current_util_, target, name.pos());
    RuleNode node;
    node.type = RuleNode::Type::matches;
    node.util = target;
    node.pos = name.pos();
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
    node.pos = spec.rule.pos;
    return node;
  }

  const lang::Language& language_;
  const KindTable& kinds_;
  std::string_view rule_id_;
  const UtilLibrary* shared_;
  UtilGraph& graph_;
  std::map<std::string, const UtilRule*, std::less<>> local_index_;
  std::set<std::string> defined_vars_;  // bound by the patterns compiled so far
  const UtilRule* current_util_ = nullptr;
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

// The rule's `fixAfter` (1 when absent): a whole number from 1 to 1000, on a rule with a fix.
std::uint32_t fix_after(const RuleFileSpec& spec, std::string_view rule_id) {
  if (!spec.fix_after)
    return 1;
  const Text& text = *spec.fix_after;
  std::uint32_t value = 0;
  bool digits = !text.value.empty() && text.value.size() <= 4 &&
                text.value.find_first_not_of("0123456789") == std::string::npos;
  if (digits)
    value = static_cast<std::uint32_t>(std::stoul(text.value));
  if (value < 1 || value > 1000) {
    throw rule_error(RuleErrorKind::invalid_fix_after, rule_id,
                     "'fixAfter' must be a whole number from 1 to 1000 (the occurrence of the "
                     "mistake from which the fix is shown), not " +
                         fmt_key(text.value),
                     text.pos());
  }
  if (!spec.fix) {
    throw rule_error(RuleErrorKind::invalid_fix_after, rule_id,
                     "'fixAfter' is set but the rule has no 'fix'", text.pos());
  }
  return value;
}

// Whether `id` can name a shared utility: ast-grep's `name(PARAM)` utilities that take rules as
// arguments are not supported.
void check_util_id(const Text& id) {
  if (id.value.empty())
    throw rule_error(RuleErrorKind::invalid_id, "", "the id must not be empty", id.pos());
  std::size_t bad = id.value.find_first_of(" \t\n()");
  if (bad == std::string::npos)
    return;
  bool parameters = id.value[bad] == '(' || id.value[bad] == ')';
  throw rule_error(RuleErrorKind::invalid_id, "",
                   "id " + fmt_key(id.value) +
                       (parameters ? " takes parameters (ast-grep's parameterized utilities), "
                                     "which git-mentor does not support"
                                   : " must not contain white space"),
                   id.at(bad));
}

// The shared utilities of one language: declared first, so that they may refer to each other in
// any order and from any file, then compiled in the order of `specs`.
std::shared_ptr<const UtilLibrary> compile_library(const lang::Language& language,
                                                   const std::vector<const RuleFileSpec*>& specs) {
  std::vector<const RuleFileSpec*> by_id = specs;
  std::stable_sort(by_id.begin(), by_id.end(), [](const RuleFileSpec* a, const RuleFileSpec* b) {
    return a->id->value < b->id->value;
  });
  auto library = std::make_shared<UtilLibrary>();
  library->language = &language;
  UtilGraph graph;
  std::map<const RuleFileSpec*, UtilRule*> declared;
  for (std::size_t i = 0; i < by_id.size(); ++i) {
    const RuleFileSpec& spec = *by_id[i];
    if (i > 0 && by_id[i - 1]->id->value == spec.id->value) {
      const SourcePos& first = by_id[i - 1]->id->pos();
      throw rule_error(RuleErrorKind::duplicate_util, spec.id->value,
                       "a utility rule of this id for " + std::string(language.name) +
                           " is already defined in " + first.file + ":" +
                           std::to_string(first.line),
                       spec.id->pos());
    }
    auto util = std::make_unique<UtilRule>();
    util->id = spec.id->value;
    graph.add(util.get());
    declared.emplace(&spec, util.get());
    library->utils.push_back(std::move(util));
  }
  for (const RuleFileSpec* spec : specs) {
    UtilRule& util = *declared.at(spec);
    RuleCompiler compiler(language, util.id, library.get(), graph);
    util.locals = compiler.declare_utils(spec->utils);
    compiler.compile_utils(spec->utils, util.locals);
    util.rule = compiler.compile_in(&util, *spec->rule);
    // A constraint that matches its own utility would run forever as well.
    for (const auto& constraint : spec->constraints) {
      util.constraints.push_back(Constraint{constraint.name.value,
                                            compiler.compile_in(&util, constraint.rule),
                                            constraint.name.pos()});
    }
    compiler.check_constraint_names(spec->constraints);
  }
  graph.check_cycles("");
  for (auto& util : library->utils) {
    annotate_relations(util->rule);
    for (auto& local : util->locals)
      annotate_relations(local->rule);
    for (auto& constraint : util->constraints)
      annotate_relations(constraint.rule);
  }
  return library;
}

}  // namespace

SharedUtils compile_shared_utils(const std::vector<RuleFileSpec>& specs) {
  std::map<const lang::Language*, std::vector<const RuleFileSpec*>> by_language;
  for (const auto& spec : specs) {
    if (!spec.id)
      throw rule_error(RuleErrorKind::missing_key, "", "missing key 'id'", spec.origin);
    check_util_id(*spec.id);
    const lang::Language& language = language_of(spec, spec.id->value);
    if (!spec.rule)
      throw rule_error(RuleErrorKind::missing_key, spec.id->value, "missing key 'rule'",
                       spec.origin);
    by_language[&language].push_back(&spec);
  }
  SharedUtils out;
  for (const auto& [language, group] : by_language)
    out.add(compile_library(*language, group));
  return out;
}

std::optional<Rule> compile_rule(const RuleFileSpec& spec, const SharedUtils* shared) {
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
  rule.fix_after = fix_after(spec, id);
  rule.files = values(spec.files);
  rule.ignores = values(spec.ignores);
  rule.bad_examples = values(spec.bad_examples);
  rule.good_examples = values(spec.good_examples);
  rule.origin = spec.origin;

  std::shared_ptr<const UtilLibrary> library = shared != nullptr ? shared->of(language) : nullptr;
  UtilGraph graph;
  RuleCompiler compiler(language, id, library.get(), graph);
  std::vector<Constraint> constraints;
  if (spec.rule) {
    std::vector<std::unique_ptr<UtilRule>> utils = compiler.declare_utils(spec.utils);
    compiler.compile_utils(spec.utils, utils);
    graph.check_cycles(id);
    RuleNode root = compiler.compile(*spec.rule);
    for (const auto& constraint : spec.constraints)
      constraints.push_back(Constraint{constraint.name.value, compiler.compile(constraint.rule),
                                       constraint.name.pos()});
    compiler.check_constraint_names(spec.constraints);
    rule.fixer = compiler.fixer(spec);
    rule.matcher = std::make_shared<const Matcher>(language, std::move(root), std::move(utils),
                                                   std::move(constraints), std::move(library));
  } else {
    if (spec.fix || !spec.transforms.empty()) {
      const SourcePos& where =
          spec.fix ? spec.fix->template_text.pos() : spec.transforms.front().name.pos();
      throw rule_error(RuleErrorKind::conflicting_keys, id,
                       "'fix' and 'transform' need 'rule'; a query rule cannot use them", where);
    }
    if (!spec.utils.empty()) {
      throw rule_error(RuleErrorKind::conflicting_keys, id,
                       "'utils' need 'rule'; a query rule cannot use them",
                       spec.utils.front().name.pos());
    }
    QueryRule query = QueryRule::compile(*spec.query, language, id);
    for (const auto& constraint : spec.constraints)
      constraints.push_back(Constraint{constraint.name.value, compiler.compile(constraint.rule),
                                       constraint.name.pos()});
    rule.matcher = std::make_shared<const Matcher>(language, std::move(query),
                                                   std::move(constraints), std::move(library));
  }
  return rule;
}

}  // namespace mentor::rules
