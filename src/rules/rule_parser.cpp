// Stage one of rule loading: YAML -> RuleFileSpec. Only this file and nothing else in rules/
// includes yaml-cpp (rule_test_file.cpp aside). The walk over the YAML recurses once per level
// of it, within util::kMaxYamlDepth.
#include "rules/rule_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include <yaml-cpp/yaml.h>

#include "rules/rule_error.hpp"
#include "util/suggest.hpp"
#include "util/yaml_load.hpp"
#include "util/yaml_pos.hpp"

namespace mentor::rules {

namespace {

constexpr std::array<std::string_view, 19> kTopLevelKeys = {
    "id",      "language", "severity", "message",   "skill",       "lesson", "note",
    "url",     "metadata", "rule",     "query",     "constraints", "utils",  "files",
    "ignores", "examples", "fix",      "transform", "fixAfter"};

// A utility rule file's documents: ast-grep's global utility rules have only these.
constexpr std::array<std::string_view, 5> kUtilKeys = {"id", "language", "rule", "constraints",
                                                       "utils"};

constexpr std::array<std::string_view, 12> kRuleKeys = {"pattern", "kind", "regex",    "nthChild",
                                                        "inside",  "has",  "precedes", "follows",
                                                        "all",     "any",  "not",      "matches"};

constexpr std::array<std::string_view, 14> kRelationKeys = {
    "pattern", "kind", "regex", "nthChild", "inside",  "has",    "precedes",
    "follows", "all",  "any",   "not",      "matches", "stopBy", "field"};

constexpr std::array<std::string_view, 3> kNthChildKeys = {"position", "ofRule", "reverse"};

constexpr std::array<std::string_view, 3> kPatternKeys = {"context", "selector", "strictness"};

constexpr std::array<std::string_view, 3> kExampleKeys = {"bad", "good", "fixed"};

constexpr std::array<std::string_view, 3> kFixKeys = {"template", "expandStart", "expandEnd"};

constexpr std::array<std::string_view, 3> kTransformKinds = {"substring", "replace", "convert"};
constexpr std::array<std::string_view, 3> kSubstringKeys = {"source", "startChar", "endChar"};
constexpr std::array<std::string_view, 3> kReplaceKeys = {"source", "replace", "by"};
constexpr std::array<std::string_view, 3> kConvertKeys = {"source", "toCase", "separatedBy"};

// The keys of a transformation of kind `kind` (one of kTransformKinds).
std::span<const std::string_view> transform_keys(std::string_view kind) {
  if (kind == "substring")
    return kSubstringKeys;
  if (kind == "replace")
    return kReplaceKeys;
  return kConvertKeys;
}

// ast-grep keys git-mentor does not implement: named in the error instead of a spelling hint.
constexpr std::array<std::string_view, 1> kUnsupportedRuleKeys = {"range"};

class DocumentParser {
 public:
  DocumentParser(std::string_view text, const std::string& file) : text_(text), file_(file) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos)
        end = text.size();
      lines_.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }

  // One document of a rule file, or of a utility rule file when `util`.
  RuleFileSpec parse(const YAML::Node& doc, bool util) {
    RuleFileSpec spec;
    rule_id_.clear();
    spec.origin = pos(doc);
    if (!doc.IsMap()) {
      throw error(RuleErrorKind::wrong_type,
                  util ? "a utility rule must be a map of keys" : "a rule must be a map of keys",
                  pos(doc));
    }
    if (const YAML::Node id = doc["id"]; id && id.IsScalar())
      rule_id_ = id.Scalar();
    check_unique_keys(doc);
    for (const auto& entry : doc) {
      std::string key = key_of(entry.first);
      const YAML::Node& value = entry.second;
      if (util)
        check_util_key(key, entry.first);
      else
        check_known(key, entry.first, kTopLevelKeys);
      if (value.IsNull())
        continue;
      if (key == "id") {
        spec.id = text(value, key);
      } else if (key == "language") {
        spec.language = text(value, key);
      } else if (key == "severity") {
        spec.severity = text(value, key);
      } else if (key == "message") {
        spec.message = text(value, key);
      } else if (key == "skill") {
        spec.skill = text(value, key);
      } else if (key == "lesson" || key == "note") {
        if (spec.lesson)
          throw error(RuleErrorKind::conflicting_keys, "'lesson' and 'note' are the same key",
                      pos(entry.first));
        spec.lesson = text(value, key);
      } else if (key == "url") {
        spec.url = text(value, key);
      } else if (key == "fixAfter") {
        spec.fix_after = text(value, key);
      } else if (key == "rule") {
        spec.rule = rule(value, key);
      } else if (key == "query") {
        spec.query = text(value, key);
      } else if (key == "constraints") {
        spec.constraints = named_rules(value, key);
      } else if (key == "utils") {
        spec.utils = named_rules(value, key);
      } else if (key == "files") {
        spec.files = texts(value, key);
      } else if (key == "ignores") {
        spec.ignores = texts(value, key);
      } else if (key == "examples") {
        examples(value, spec);
      } else if (key == "fix") {
        spec.fix = fix(value);
      } else if (key == "transform") {
        spec.transforms = transforms(value);
      }
      // metadata is accepted and ignored.
    }
    return spec;
  }

 private:
  SourcePos pos(const YAML::Node& node) const {
    YAML::Mark mark = node.Mark();
    if (mark.line < 0)
      return SourcePos{file_, 0, 0};
    return SourcePos{file_, mark.line + 1, mark.column + 1};
  }

  RuleError error(RuleErrorKind kind, const std::string& detail, SourcePos where) const {
    return rule_error(kind, rule_id_, detail, std::move(where));
  }

  // ast-grep refuses a mapping that repeats a key; yaml-cpp would keep only one of them.
  void check_unique_keys(const YAML::Node& map) const {
    if (auto duplicate = util::find_duplicate_key(map)) {
      SourcePos first = pos(duplicate->first);
      throw error(RuleErrorKind::duplicate_key,
                  "duplicate key " + fmt_key(duplicate->second.Scalar()) +
                      " (first written at line " + std::to_string(first.line) + ", column " +
                      std::to_string(first.column) + ")",
                  pos(duplicate->second));
    }
  }

  std::string key_of(const YAML::Node& key) const {
    if (!key.IsScalar())
      throw error(RuleErrorKind::wrong_type, "keys must be strings", pos(key));
    return key.Scalar();
  }

  void check_known(const std::string& key, const YAML::Node& key_node,
                   std::span<const std::string_view> known) const {
    if (std::find(known.begin(), known.end(), key) != known.end())
      return;
    if (std::find(kUnsupportedRuleKeys.begin(), kUnsupportedRuleKeys.end(), key) !=
        kUnsupportedRuleKeys.end()) {
      throw error(RuleErrorKind::unknown_key,
                  "key " + fmt_key(key) + " is not supported by git-mentor", pos(key_node));
    }
    throw error(RuleErrorKind::unknown_key,
                "unknown key " + fmt_key(key) + did_you_mean(key, known), pos(key_node));
  }

  // A utility rule says what to match, never what to report: a rule file's other keys are
  // named as such rather than given a spelling hint.
  void check_util_key(const std::string& key, const YAML::Node& key_node) const {
    if (std::find(kUtilKeys.begin(), kUtilKeys.end(), key) != kUtilKeys.end())
      return;
    if (std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), key) != kTopLevelKeys.end()) {
      throw error(RuleErrorKind::unknown_key,
                  "key " + fmt_key(key) +
                      " has no place in a utility rule file, which holds only id, language, "
                      "rule, constraints and utils; a rule that reports findings goes with the "
                      "other rules",
                  pos(key_node));
    }
    check_known(key, key_node, kUtilKeys);
  }

  ScalarSpan span_of(const YAML::Node& node) const {
    ScalarSpan span;
    span.start = pos(node);
    YAML::Mark mark = node.Mark();
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size())
      return span;
    char first = text_[static_cast<std::size_t>(mark.pos)];
    if (first == '"' || first == '\'') {
      span.style = ScalarSpan::Style::quoted;
    } else if (first == '|' || first == '>') {
      span.style = ScalarSpan::Style::block;
      span.content_line = mark.line + 2;
      for (std::size_t line = static_cast<std::size_t>(mark.line) + 1; line < lines_.size();
           ++line) {
        std::string_view content = lines_[line];
        std::size_t indent = content.find_first_not_of(' ');
        if (indent == std::string_view::npos)
          continue;  // blank lines do not set the indentation
        span.indent = static_cast<int>(indent);
        break;
      }
    }
    return span;
  }

  Text text(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar())
      throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a string", pos(node));
    return Text{node.Scalar(), span_of(node)};
  }

  // A list of strings; a single string is read as a list of one.
  std::vector<Text> texts(const YAML::Node& node, const std::string& key) const {
    std::vector<Text> out;
    if (node.IsScalar()) {
      out.push_back(text(node, key));
      return out;
    }
    if (!node.IsSequence())
      throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a list of strings",
                  pos(node));
    for (const auto& item : node) {
      if (!item.IsScalar())
        throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a list of strings",
                    pos(item));
      out.push_back(Text{item.Scalar(), span_of(item)});
    }
    return out;
  }

  void examples(const YAML::Node& node, RuleFileSpec& spec) const {
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type, "'examples' must be a map with 'bad' and 'good'",
                  pos(node));
    check_unique_keys(node);
    for (const auto& entry : node) {
      std::string key = key_of(entry.first);
      check_known(key, entry.first, kExampleKeys);
      if (entry.second.IsNull())
        continue;
      if (key == "fixed")
        spec.fixed_examples = texts(entry.second, key);
      else
        (key == "bad" ? spec.bad_examples : spec.good_examples) = texts(entry.second, key);
    }
  }

  // `fix: TEMPLATE` or `fix: {template, expandStart, expandEnd}`.
  FixSpec fix(const YAML::Node& node) const {
    FixSpec spec;
    if (node.IsScalar()) {
      spec.template_text = text(node, "fix");
      return spec;
    }
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type,
                  "'fix' must be a string or an object with 'template', 'expandStart' and "
                  "'expandEnd'",
                  pos(node));
    check_unique_keys(node);
    bool has_template = false;
    for (const auto& entry : node) {
      std::string key = key_of(entry.first);
      check_known(key, entry.first, kFixKeys);
      if (key == "template") {
        // An empty template deletes the code: `template: ''` or `template:` alike.
        spec.template_text =
            entry.second.IsNull() ? Text{"", span_of(entry.second)} : text(entry.second, key);
        has_template = true;
      } else if (key == "expandStart") {
        spec.expand_start = relation(entry.second, key);
      } else {
        spec.expand_end = relation(entry.second, key);
      }
    }
    if (!has_template)
      throw error(RuleErrorKind::missing_key, "a fix object needs 'template'", pos(node));
    return spec;
  }

  // `transform: {NAME: {substring | replace | convert: {...}}, NAME: "substring($A, ...)"}`.
  std::vector<TransformSpec> transforms(const YAML::Node& node) const {
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type,
                  "'transform' must be a map from new metavariable names to transformations",
                  pos(node));
    check_unique_keys(node);
    std::vector<TransformSpec> out;
    for (const auto& entry : node) {
      TransformSpec spec;
      spec.name = text(entry.first, "transform");
      const YAML::Node& value = entry.second;
      if (value.IsScalar()) {
        string_transform(text(value, spec.name.value), spec);
      } else if (value.IsMap() && value.size() == 1) {
        object_transform(value, spec);
      } else {
        throw error(RuleErrorKind::wrong_type,
                    "transformation " + fmt_key(spec.name.value) +
                        " must be an object with one of 'substring', 'replace' or 'convert', "
                        "or a string such as 'substring($A, startChar=1)'",
                    pos(value));
      }
      out.push_back(std::move(spec));
    }
    return out;
  }

  void object_transform(const YAML::Node& node, TransformSpec& spec) const {
    const auto& entry = *node.begin();
    std::string kind = key_of(entry.first);
    if (kind == "rewrite")
      throw error(RuleErrorKind::unknown_key,
                  "transformation 'rewrite' is not supported by git-mentor", pos(entry.first));
    check_known(kind, entry.first, kTransformKinds);
    spec.kind = Text{kind, span_of(entry.first)};
    const YAML::Node& body = entry.second;
    if (!body.IsMap())
      throw error(RuleErrorKind::wrong_type, fmt_key(kind) + " must be an object", pos(body));
    check_unique_keys(body);
    bool has_source = false;
    for (const auto& field : body) {
      std::string key = key_of(field.first);
      check_known(key, field.first, transform_keys(kind));
      const YAML::Node& value = field.second;
      if (key == "separatedBy") {
        spec.separated_by = texts(value, key);
        continue;
      }
      Text t = text(value, key);
      if (key == "source") {
        spec.source = std::move(t);
        has_source = true;
      } else if (key == "startChar") {
        spec.start_char = std::move(t);
      } else if (key == "endChar") {
        spec.end_char = std::move(t);
      } else if (key == "replace") {
        spec.replace = std::move(t);
      } else if (key == "by") {
        spec.by = std::move(t);
      } else {
        spec.to_case = std::move(t);
      }
    }
    if (!has_source)
      throw error(RuleErrorKind::missing_key, fmt_key(kind) + " needs 'source'", pos(body));
    require_transform_keys(spec, pos(body));
  }

  void require_transform_keys(const TransformSpec& spec, const SourcePos& where) const {
    const std::string& kind = spec.kind.value;
    if (kind == "replace" && (!spec.replace || !spec.by))
      throw error(RuleErrorKind::missing_key, "'replace' needs 'replace' and 'by'", where);
    if (kind == "convert" && !spec.to_case)
      throw error(RuleErrorKind::missing_key, "'convert' needs 'toCase'", where);
  }

  // ast-grep 0.38.3's string form: KIND($SOURCE, key=value, ...), where a value is a number,
  // a word, a quoted string or a [list, of, words].
  void string_transform(const Text& whole, TransformSpec& spec) const {
    const std::string& s = whole.value;
    std::size_t i = 0;
    auto piece = [&](std::size_t from, std::string value) {
      ScalarSpan span;
      span.start = whole.at(from);  // a piece is on one line: at() counts from its start
      return Text{std::move(value), span};
    };
    auto fail = [&](std::size_t at, const std::string& what) {
      return error(RuleErrorKind::wrong_type,
                   "transformation " + fmt_key(spec.name.value) + ": " + what, whole.at(at));
    };
    auto skip_space = [&] {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    };
    auto word = [&] {
      std::size_t from = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                              s[i] == '$' || s[i] == '-' || s[i] == '+'))
        ++i;
      return s.substr(from, i - from);
    };
    skip_space();
    std::size_t kind_at = i;
    std::string kind = word();
    if (kind == "rewrite")
      throw fail(kind_at, "'rewrite' is not supported by git-mentor");
    if (std::find(kTransformKinds.begin(), kTransformKinds.end(), kind) == kTransformKinds.end())
      throw fail(kind_at, "expected substring(...), replace(...) or convert(...)");
    spec.kind = piece(kind_at, kind);
    skip_space();
    if (i >= s.size() || s[i] != '(')
      throw fail(i, "expected '(' after " + fmt_key(kind));
    ++i;
    skip_space();
    std::size_t source_at = i;
    std::string source = word();
    if (source.empty())
      throw fail(source_at, "expected the source metavariable, such as $A");
    spec.source = piece(source_at, source);
    std::vector<std::string> seen;
    for (;;) {
      skip_space();
      if (i < s.size() && s[i] == ')') {
        ++i;
        break;
      }
      if (i >= s.size() || s[i] != ',')
        throw fail(i, "expected ',' or ')'");
      ++i;
      skip_space();
      std::size_t key_at = i;
      std::string key = word();
      std::span<const std::string_view> known = transform_keys(kind);
      if (key == "source" || std::find(known.begin(), known.end(), key) == known.end())
        throw error(
            RuleErrorKind::unknown_key,
            "unknown key " + fmt_key(key) + " in " + fmt_key(kind) + did_you_mean(key, known),
            whole.at(key_at));
      if (std::find(seen.begin(), seen.end(), key) != seen.end())
        throw error(RuleErrorKind::duplicate_key, "duplicate key " + fmt_key(key),
                    whole.at(key_at));
      seen.push_back(key);
      skip_space();
      if (i >= s.size() || s[i] != '=')
        throw fail(i, "expected '=' after " + fmt_key(key));
      ++i;
      skip_space();
      std::size_t value_at = i;
      if (key == "separatedBy") {
        if (i >= s.size() || s[i] != '[')
          throw fail(i, "'separatedBy' must be a list such as [dash, underscore]");
        ++i;
        for (;;) {
          skip_space();
          if (i < s.size() && s[i] == ']') {
            ++i;
            break;
          }
          std::size_t item_at = i;
          std::string item = word();
          if (item.empty())
            throw fail(i, "expected a separator name or ']'");
          spec.separated_by.push_back(piece(item_at, item));
          skip_space();
          if (i < s.size() && s[i] == ',')
            ++i;
        }
        continue;
      }
      std::string value;
      if (i < s.size() && (s[i] == '\'' || s[i] == '"')) {
        char quote = s[i++];
        value_at = i;
        while (i < s.size() && s[i] != quote) {
          if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == quote)
            ++i;
          value += s[i++];
        }
        if (i >= s.size())
          throw fail(value_at, "unterminated string");
        ++i;
      } else {
        value = word();
        if (value.empty())
          throw fail(i, "expected a value for " + fmt_key(key));
      }
      Text t = piece(value_at, value);
      if (key == "startChar")
        spec.start_char = std::move(t);
      else if (key == "endChar")
        spec.end_char = std::move(t);
      else if (key == "replace")
        spec.replace = std::move(t);
      else if (key == "by")
        spec.by = std::move(t);
      else
        spec.to_case = std::move(t);
    }
    skip_space();
    if (i != s.size())
      throw fail(i, "unexpected text after ')'");
    require_transform_keys(spec, whole.pos());
  }

  std::vector<NamedRuleSpec> named_rules(const YAML::Node& node, const std::string& key) const {
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a map of rule objects",
                  pos(node));
    std::vector<NamedRuleSpec> out;
    check_unique_keys(node);
    for (const auto& entry : node) {
      Text name = text(entry.first, key);
      RuleSpec body = rule(entry.second, name.value);
      out.push_back(NamedRuleSpec{std::move(name), std::move(body)});
    }
    return out;
  }

  RuleSpec rule(const YAML::Node& node, const std::string& key) const {
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a rule object", pos(node));
    RuleSpec spec;
    spec.pos = pos(node);
    check_unique_keys(node);
    for (const auto& entry : node) {
      std::string name = key_of(entry.first);
      check_known(name, entry.first, kRuleKeys);
      rule_entry(name, entry.second, spec);
    }
    return spec;
  }

  // Reads one key of a rule object (shared by rule objects and relational rule objects).
  void rule_entry(const std::string& key, const YAML::Node& value, RuleSpec& spec) const {
    if (key == "pattern") {
      spec.pattern = pattern(value);
    } else if (key == "kind") {
      spec.kind = text(value, key);
    } else if (key == "regex") {
      spec.regex = text(value, key);
    } else if (key == "nthChild") {
      spec.nth_child = nth_child(value);
    } else if (key == "inside") {
      spec.inside = relation(value, key);
    } else if (key == "has") {
      spec.has = relation(value, key);
    } else if (key == "precedes") {
      spec.precedes = relation(value, key);
    } else if (key == "follows") {
      spec.follows = relation(value, key);
    } else if (key == "all" || key == "any") {
      if (!value.IsSequence())
        throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a list of rule objects",
                    pos(value));
      std::vector<RuleSpec> rules;
      for (const auto& item : value)
        rules.push_back(rule(item, key));
      (key == "all" ? spec.all : spec.any) = std::move(rules);
    } else if (key == "not") {
      spec.not_ = std::make_unique<RuleSpec>(rule(value, key));
    } else if (key == "matches") {
      spec.matches = text(value, key);
    }
  }

  PatternSpec pattern(const YAML::Node& node) const {
    PatternSpec spec;
    if (node.IsScalar()) {
      spec.source = text(node, "pattern");
      return spec;
    }
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type,
                  "'pattern' must be a string or an object with 'context' and 'selector'",
                  pos(node));
    bool has_context = false;
    check_unique_keys(node);
    for (const auto& entry : node) {
      std::string key = key_of(entry.first);
      check_known(key, entry.first, kPatternKeys);
      if (key == "context") {
        spec.source = text(entry.second, key);
        has_context = true;
      } else if (key == "selector") {
        spec.selector = text(entry.second, key);
      } else {
        spec.strictness = text(entry.second, key);
      }
    }
    if (!has_context)
      throw error(RuleErrorKind::missing_key, "a pattern object needs 'context'", pos(node));
    return spec;
  }

  // `nthChild: 2`, `nthChild: 2n+1` or `nthChild: {position, ofRule, reverse}`.
  std::unique_ptr<NthChildSpec> nth_child(const YAML::Node& node) const {
    auto spec = std::make_unique<NthChildSpec>();
    if (node.IsScalar()) {
      spec->position = text(node, "nthChild");
      return spec;
    }
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type,
                  "'nthChild' must be a number, an An+B formula or an object with 'position'",
                  pos(node));
    bool has_position = false;
    check_unique_keys(node);
    for (const auto& entry : node) {
      std::string key = key_of(entry.first);
      check_known(key, entry.first, kNthChildKeys);
      const YAML::Node& value = entry.second;
      if (key == "position") {
        spec->position = text(value, key);
        has_position = true;
      } else if (key == "ofRule") {
        spec->of_rule = std::make_unique<RuleSpec>(rule(value, key));
      } else if (!value.IsNull()) {
        bool reverse = false;
        if (!value.IsScalar() || !YAML::convert<bool>::decode(value, reverse))
          throw error(RuleErrorKind::wrong_type, "'reverse' must be true or false", pos(value));
        spec->reverse = reverse;
      }
    }
    if (!has_position)
      throw error(RuleErrorKind::missing_key, "'nthChild' needs 'position'", pos(node));
    return spec;
  }

  std::unique_ptr<RelationSpec> relation(const YAML::Node& node, const std::string& key) const {
    if (!node.IsMap())
      throw error(RuleErrorKind::wrong_type, fmt_key(key) + " must be a rule object", pos(node));
    auto spec = std::make_unique<RelationSpec>();
    spec->rule.pos = pos(node);
    check_unique_keys(node);
    for (const auto& entry : node) {
      std::string name = key_of(entry.first);
      check_known(name, entry.first, kRelationKeys);
      const YAML::Node& value = entry.second;
      if (name == "stopBy") {
        if (value.IsMap()) {
          spec->stop_by.kind = StopBySpec::Kind::rule;
          spec->stop_by.rule = std::make_unique<RuleSpec>(rule(value, name));
        } else if (value.IsScalar() && (value.Scalar() == "neighbor" || value.Scalar() == "end")) {
          spec->stop_by.kind =
              value.Scalar() == "end" ? StopBySpec::Kind::end : StopBySpec::Kind::neighbor;
        } else {
          throw error(RuleErrorKind::wrong_type,
                      "'stopBy' must be 'neighbor', 'end' or a rule object", pos(value));
        }
      } else if (name == "field") {
        spec->field = text(value, name);
      } else {
        rule_entry(name, value, spec->rule);
      }
    }
    return spec;
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<std::string_view> lines_;
  std::string rule_id_;
};

}  // namespace

namespace {

std::vector<RuleFileSpec> parse_documents(std::string_view yaml_text, const std::string& file_name,
                                          bool util) {
  std::vector<YAML::Node> documents;
  try {
    // Bounded nesting and alias expansion: the recursive walk below stays within them.
    documents = util::load_yaml_documents(yaml_text, file_name);
  } catch (const Error& e) {
    throw rule_error(RuleErrorKind::yaml_syntax, "", e.what(), e.pos());
  }
  std::vector<RuleFileSpec> specs;
  DocumentParser parser(yaml_text, file_name);
  for (const auto& document : documents) {
    if (document.IsNull())
      continue;
    specs.push_back(parser.parse(document, util));
  }
  return specs;
}

}  // namespace

std::vector<RuleFileSpec> parse_rule_file(std::string_view yaml_text,
                                          const std::string& file_name) {
  return parse_documents(yaml_text, file_name, false);
}

std::vector<RuleFileSpec> parse_util_file(std::string_view yaml_text,
                                          const std::string& file_name) {
  return parse_documents(yaml_text, file_name, true);
}

}  // namespace mentor::rules
