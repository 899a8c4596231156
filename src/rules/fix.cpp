// Applying a rule's fix: transforms, the template with ast-grep's indentation, the fix range.
#include "rules/fix.hpp"

#include <algorithm>
#include <array>

#include "rules/matcher.hpp"
#include "rules/meta_var_env.hpp"

namespace mentor::rules {

namespace {

constexpr std::size_t kMaxLookBack = 512;

bool is_var_char(char c) {
  return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
}

bool is_ascii_upper(unsigned char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_lower(unsigned char c) {
  return c >= 'a' && c <= 'z';
}

char to_upper(char c) {
  return is_ascii_lower(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'a' + 'A') : c;
}
char to_lower(char c) {
  return is_ascii_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_lower);
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), to_upper);
  return out;
}

std::string capitalize(std::string_view s) {
  std::string out(s);
  if (!out.empty())
    out[0] = to_upper(out[0]);
  return out;
}

// ast-grep's word splitter (string_case.rs): delimiters, and with case_change a lower-to-upper
// change or the last capital of a run of capitals followed by a lowercase letter (XMLHttp ->
// XML Http). Bytes other than ASCII letters and the delimiters count as neither case.
std::vector<std::string_view> split_words(std::string_view s,
                                          const std::optional<std::vector<Separator>>& seps) {
  enum class State { lower, one_upper, multi_upper, ignore_case };
  std::string delimiters;
  State state = State::lower;
  if (!seps) {
    delimiters = "-./ _";
  } else {
    state = State::ignore_case;
    for (Separator sep : *seps) {
      switch (sep) {
        case Separator::case_change:
          state = State::lower;
          break;
        case Separator::dash:
          delimiters += '-';
          break;
        case Separator::dot:
          delimiters += '.';
          break;
        case Separator::slash:
          delimiters += '/';
          break;
        case Separator::space:
          delimiters += ' ';
          break;
        case Separator::underscore:
          delimiters += '_';
          break;
      }
    }
  }
  std::vector<std::string_view> words;
  auto emit = [&](std::size_t from, std::size_t to) {
    if (from < to)
      words.push_back(s.substr(from, to - from));
  };
  std::size_t left = 0;
  std::size_t right = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (delimiters.find(static_cast<char>(c)) != std::string::npos) {
      emit(left, right);
      left = right + 1;
      right = left;
      if (state != State::ignore_case)
        state = State::lower;
      continue;
    }
    if (state == State::lower && is_ascii_upper(c)) {
      emit(left, right);
      left = right;
      right = left + 1;
      state = State::one_upper;
      continue;
    }
    if (c >= 0x80) {
      right += 1;  // a byte of a non-ASCII character: no case, never a word boundary
      continue;
    }
    if (state == State::multi_upper && is_ascii_lower(c) &&
        is_ascii_upper(static_cast<unsigned char>(s[right - 1]))) {
      std::size_t new_left = right - 1;  // the last capital starts the next word
      emit(left, new_left);
      left = new_left;
      right += 1;
      state = State::lower;
      continue;
    }
    right += 1;
    if (state == State::ignore_case)
      continue;
    if (is_ascii_lower(c))
      state = State::lower;
    else if (state == State::lower)
      state = State::one_upper;
    else
      state = State::multi_upper;
  }
  if (left < right && right <= s.size())
    emit(left, right);
  return words;
}

// The number of UTF-8 characters of `s`, and the byte offset of character `n`.
std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::size_t char_offset(std::string_view s, std::size_t n) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == n)
        return i;
      ++seen;
    }
  }
  return s.size();
}

std::size_t resolve_char(int c, int len) {
  if (c >= len)
    return static_cast<std::size_t>(len);
  if (c >= 0)
    return static_cast<std::size_t>(c);
  if (len + c < 0)
    return 0;
  return static_cast<std::size_t>(len + c);
}

// The text a binding covers: from its first node's start to its last node's end.
std::optional<std::pair<std::uint32_t, std::uint32_t>> binding_range(const Binding& binding,
                                                                     std::string_view source) {
  if (binding.nodes.empty())
    return std::nullopt;
  std::uint32_t start = ts_node_start_byte(binding.nodes.front());
  std::uint32_t end = ts_node_end_byte(binding.nodes.back());
  if (start > end || end > source.size())
    return std::nullopt;
  return std::make_pair(start, end);
}

const Binding* binding_of(const MetaVarEnv& env, const std::string& name, bool multi) {
  const Binding* binding = env.find(name);
  return binding != nullptr && binding->multi == multi ? binding : nullptr;
}

}  // namespace

std::optional<StringCase> string_case_from_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, StringCase>, 7> kCases = {{
      {"lowerCase", StringCase::lower},
      {"upperCase", StringCase::upper},
      {"capitalize", StringCase::capitalize},
      {"camelCase", StringCase::camel},
      {"snakeCase", StringCase::snake},
      {"kebabCase", StringCase::kebab},
      {"pascalCase", StringCase::pascal},
  }};
  for (const auto& [known, value] : kCases) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

std::optional<Separator> separator_from_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Separator>, 6> kSeparators = {{
      {"caseChange", Separator::case_change},
      {"dash", Separator::dash},
      {"dot", Separator::dot},
      {"slash", Separator::slash},
      {"space", Separator::space},
      {"underscore", Separator::underscore},
  }};
  for (const auto& [known, value] : kSeparators) {
    if (known == name)
      return value;
  }
  return std::nullopt;
}

std::string convert_case(std::string_view text, StringCase to_case,
                         const std::optional<std::vector<Separator>>& separators) {
  switch (to_case) {
    case StringCase::lower:
      return lower(text);
    case StringCase::upper:
      return upper(text);
    case StringCase::capitalize:
      return capitalize(text);
    default:
      break;
  }
  std::vector<std::string_view> words = split_words(text, separators);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    switch (to_case) {
      case StringCase::camel:
        out += i == 0 ? lower(words[i]) : capitalize(words[i]);
        break;
      case StringCase::pascal:
        out += capitalize(words[i]);
        break;
      case StringCase::snake:
      case StringCase::kebab:
        if (i > 0)
          out += to_case == StringCase::snake ? '_' : '-';
        out += lower(words[i]);
        break;
      default:
        break;
    }
  }
  return out;
}

std::string substring_chars(std::string_view text, int start, std::optional<int> end) {
  std::size_t count = char_count(text);
  int len = count > static_cast<std::size_t>(INT32_MAX) ? INT32_MAX : static_cast<int>(count);
  std::size_t from = resolve_char(start, len);
  std::size_t to = resolve_char(end.value_or(len), len);
  if (from > to || from >= static_cast<std::size_t>(len))
    return {};
  std::size_t from_byte = char_offset(text, from);
  std::size_t to_byte = char_offset(text, to);
  return std::string(text.substr(from_byte, to_byte - from_byte));
}

std::string replace_all(std::string_view text, const RE2& regex, std::string_view by) {
  int groups = regex.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> found(static_cast<std::size_t>(groups) + 1);
  const auto& names = regex.NamedCapturingGroups();
  std::string out;
  std::size_t at = 0;                             // where the next search starts
  std::size_t copied = 0;                         // text before this is in `out`
  std::size_t last_end = std::string_view::npos;  // end of the previous match
  while (at <= text.size()) {
    if (!regex.Match(text, at, text.size(), RE2::UNANCHORED, found.data(),
                     static_cast<int>(found.size())))
      break;
    auto start = static_cast<std::size_t>(found[0].data() - text.data());
    std::size_t end = start + found[0].size();
    if (start == end && start == last_end) {
      // An empty match right where the previous one ended is skipped (Rust's find_iter).
      if (start >= text.size())
        break;
      at = start + 1;
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        ++at;
      continue;
    }
    out.append(text.substr(copied, start - copied));
    // Expand `by`.
    for (std::size_t i = 0; i < by.size(); ++i) {
      if (by[i] != '$' || i + 1 >= by.size()) {
        out += by[i];
        continue;
      }
      if (by[i + 1] == '$') {
        out += '$';
        ++i;
        continue;
      }
      std::string_view name;
      std::size_t next = i + 1;
      if (by[next] == '{') {
        std::size_t close = by.find('}', next);
        if (close == std::string_view::npos) {
          out += by[i];
          continue;
        }
        name = by.substr(next + 1, close - next - 1);
        next = close + 1;
      } else {
        std::size_t e = next;
        while (e < by.size() && (std::isalnum(static_cast<unsigned char>(by[e])) || by[e] == '_'))
          ++e;
        name = by.substr(next, e - next);
        next = e;
      }
      if (name.empty()) {
        out += by[i];
        continue;
      }
      int group = -1;
      if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        group = name.size() > 6 ? -1 : std::stoi(std::string(name));
      } else if (auto it = names.find(std::string(name)); it != names.end()) {
        group = it->second;
      }
      if (group >= 0 && group <= groups && found[static_cast<std::size_t>(group)].data() != nullptr)
        out.append(found[static_cast<std::size_t>(group)].data(),
                   found[static_cast<std::size_t>(group)].size());
      i = next - 1;
    }
    copied = end;
    last_end = end;
    if (end > start) {
      at = end;
    } else {
      at = end + 1;
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        ++at;
    }
    if (out.size() > kMaxFixBytes)
      break;
  }
  if (copied < text.size())
    out.append(text.substr(copied));
  return out;
}

FixTemplate FixTemplate::parse(std::string_view text, const std::vector<std::string>& transformed) {
  FixTemplate out;
  std::size_t fragment_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$') {
      ++i;
      continue;
    }
    std::size_t dollars = 0;
    while (dollars < 3 && i + dollars < text.size() && text[i + dollars] == '$')
      ++dollars;
    std::size_t name_start = i + dollars;
    std::size_t name_end = name_start;
    while (name_end < text.size() && is_var_char(text[name_end]))
      ++name_end;
    if (name_end == name_start) {
      ++i;  // not a metavariable: the '$' stays text, the next '$' may start one
      continue;
    }
    std::string_view fragment = text.substr(fragment_start, i - fragment_start);
    Var var;
    var.name = std::string(text.substr(name_start, name_end - name_start));
    if (dollars == 3)
      var.kind = Var::Kind::multi;
    else if (std::find(transformed.begin(), transformed.end(), var.name) != transformed.end())
      var.kind = Var::Kind::transformed;
    var.indent = indent_at(fragment, fragment.size());
    out.fragments.emplace_back(fragment);
    out.vars.push_back(std::move(var));
    fragment_start = name_end;
    i = name_end;
  }
  out.fragments.emplace_back(text.substr(fragment_start));
  return out;
}

std::size_t indent_at(std::string_view source, std::size_t offset) {
  offset = std::min(offset, source.size());
  std::size_t look_from = offset > kMaxLookBack ? offset - kMaxLookBack : 0;
  std::size_t indent = 0;
  for (std::size_t i = offset; i > look_from; --i) {
    char c = source[i - 1];
    if (c == '\n')
      return indent;
    indent = c == ' ' ? indent + 1 : 0;
  }
  return look_from == 0 ? indent : 0;
}

std::string reindent(std::string_view text, std::size_t from, std::size_t to) {
  if (from == to)
    return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t line_start = 0;
  bool first = true;
  for (;;) {
    std::size_t end = text.find('\n', line_start);
    std::string_view line = text.substr(
        line_start, end == std::string_view::npos ? std::string_view::npos : end - line_start);
    if (!first)
      out += '\n';
    if (from > to) {
      // Every line loses the extra spaces where it has them (the first one too, as ast-grep).
      std::size_t strip = from - to;
      std::size_t spaces = 0;
      while (spaces < strip && spaces < line.size() && line[spaces] == ' ')
        ++spaces;
      if (spaces == strip)
        line.remove_prefix(strip);
    } else if (!first) {
      out.append(to - from, ' ');
    }
    out += line;
    first = false;
    if (end == std::string_view::npos)
      break;
    line_start = end + 1;
    if (out.size() > kMaxFixBytes)
      break;
  }
  return out;
}

std::optional<std::string> Fixer::render(std::string_view source, std::size_t match_start,
                                         const MetaVarEnv& env) const {
  // Transformed texts, each computed once, in dependency order.
  std::vector<std::pair<std::string, std::string>> values;
  auto value_of = [&](const std::string& name) -> const std::string* {
    for (const auto& [known, text] : values) {
      if (known == name)
        return &text;
    }
    return nullptr;
  };
  for (const Transform& t : transforms) {
    std::string input;
    bool multi = false;
    std::string name = t.source;
    if (name.starts_with("$$$")) {
      multi = true;
      name = name.substr(3);
    } else {
      name = name.substr(name.find_first_not_of('$'));
    }
    if (const std::string* earlier = multi ? nullptr : value_of(name)) {
      input = *earlier;
    } else if (const Binding* binding = binding_of(env, name, multi)) {
      if (auto range = binding_range(*binding, source))
        input = std::string(source.substr(range->first, range->second - range->first));
    }
    std::string output;
    switch (t.kind) {
      case Transform::Kind::substring:
        output = substring_chars(input, t.start_char, t.end_char);
        break;
      case Transform::Kind::replace:
        output = replace_all(input, *t.regex, t.by);
        break;
      case Transform::Kind::convert:
        output = convert_case(input, t.to_case, t.separators);
        break;
    }
    if (output.size() > kMaxFixBytes)
      return std::nullopt;
    values.emplace_back(t.name, std::move(output));
  }

  std::string out = fix_template.fragments.front();
  for (std::size_t i = 0; i < fix_template.vars.size(); ++i) {
    const FixTemplate::Var& var = fix_template.vars[i];
    if (var.kind == FixTemplate::Var::Kind::transformed) {
      // Transformed text is inserted as it is, without re-indenting (as ast-grep).
      if (const std::string* text = value_of(var.name))
        out += *text;
    } else if (const Binding* binding =
                   binding_of(env, var.name, var.kind == FixTemplate::Var::Kind::multi)) {
      if (auto range = binding_range(*binding, source)) {
        std::string_view text = source.substr(range->first, range->second - range->first);
        if (text.find('\n') == std::string_view::npos)
          out += text;
        else
          out += reindent(text, indent_at(source, range->first), var.indent);
      }
    }
    out += fix_template.fragments[i + 1];
    if (out.size() > kMaxFixBytes)
      return std::nullopt;
  }
  std::string result = reindent(out, 0, indent_at(source, match_start));
  if (result.size() > kMaxFixBytes)
    return std::nullopt;
  return result;
}

std::optional<FixEdit> Fixer::apply(TSNode node, const MetaVarEnv& env, MatchContext& context,
                                    const Matcher& matcher) const {
  std::uint32_t node_start = ts_node_start_byte(node);
  std::optional<std::string> text = render(context.source, node_start, env);
  if (!text)
    return std::nullopt;
  FixEdit edit;
  edit.start_byte = node_start;
  edit.end_byte = ts_node_end_byte(node);
  edit.text = std::move(*text);
  if (expand_start) {
    MetaVarEnv scratch = env;
    TSNode found = matcher.find_sibling(*expand_start, node, context, scratch);
    if (!ts_node_is_null(found))
      edit.start_byte = ts_node_start_byte(found);
  }
  if (expand_end) {
    MetaVarEnv scratch = env;
    TSNode found = matcher.find_sibling(*expand_end, node, context, scratch);
    if (!ts_node_is_null(found))
      edit.end_byte = ts_node_end_byte(found);
  }
  return edit;
}

}  // namespace mentor::rules
