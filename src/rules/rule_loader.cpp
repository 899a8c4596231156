// Rule loading: parse the YAML (stage one), then compile each document (stage two).
#include "rules/rule_loader.hpp"

#include <optional>

#include "rules/rule_compiler.hpp"
#include "rules/rule_error.hpp"
#include "rules/rule_parser.hpp"
#include "rules/rule_spec_codec.hpp"

namespace mentor::rules {

namespace {

// The value of each document's top-level `language:` line, read without a YAML parser (which
// costs far more than compiling a small rule); nullopt when some document has no such plain line
// (flow style, an alias, quotes with escapes...), and the file must then be parsed to know.
std::optional<std::vector<std::string_view>> declared_languages(std::string_view text) {
  std::vector<std::string_view> languages;
  bool found = false;
  bool content = false;  // the current document has a key or value
  auto end_document = [&] {
    if (content && !found)
      return false;
    found = content = false;
    return true;
  };
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.starts_with("---")) {
      if (!end_document())
        return std::nullopt;
      continue;
    }
    if (line.empty() || line.front() == '#' || line.front() == ' ')
      continue;
    content = true;
    if (!line.starts_with("language:"))
      continue;
    std::string_view value = line.substr(9);
    value = value.substr(0, value.find(" #"));
    while (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ')
      value.remove_suffix(1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    bool plain =
        !value.empty() && value.find_first_of("\"'\\{}[]&*!|>%@`,") == std::string_view::npos;
    if (found || !plain)
      return std::nullopt;
    languages.push_back(value);
    found = true;
  }
  if (!end_document())
    return std::nullopt;
  return languages;
}

// How many documents the file `text` has when `filter` wants none of them, judged without
// parsing it; 0 when it may want some.
std::size_t unwanted_documents(std::string_view text, const LanguageFilter& filter) {
  if (!filter.only)
    return 0;
  auto languages = declared_languages(text);
  if (!languages || languages->empty())
    return 0;
  for (auto name : *languages) {
    const lang::Language* language = lang::find_language(name);
    if (language == nullptr || filter.wants(language))
      return 0;
  }
  return languages->size();
}

bool unwanted(const std::optional<std::string_view>& language, const LanguageFilter* filter) {
  return filter != nullptr && language && !filter->wants(lang::find_language(*language));
}

bool unwanted(const RuleFileSpec& spec, const LanguageFilter* filter) {
  return spec.language && unwanted(std::string_view(spec.language->value), filter);
}

// Stage two for one document: appends its rule unless the filter leaves it out.
void compile_into(std::vector<Rule>& rules, const RuleFileSpec& spec, LanguageFilter* filter,
                  const SharedUtils* shared) {
  if (unwanted(spec, filter)) {
    ++filter->skipped;
    return;
  }
  if (auto rule = compile_rule(spec, shared))
    rules.push_back(std::move(*rule));
}

// The errors of a utility say so: "utility rule 'ID': ...".
RuleError util_error(const RuleError& e) {
  std::string message = e.what();
  message = message.starts_with("rule '") ? "utility " + message : "utility rule: " + message;
  return RuleError(e.kind(), message, e.pos());
}

}  // namespace

std::vector<Rule> load_rules(std::string_view yaml_text, const std::string& file_name,
                             LanguageFilter* filter, const SharedUtils* shared) {
  std::vector<Rule> rules;
  if (filter != nullptr) {
    if (std::size_t unwanted = unwanted_documents(yaml_text, *filter)) {
      filter->skipped += unwanted;
      return rules;
    }
  }
  for (const auto& spec : parse_rule_file(yaml_text, file_name))
    compile_into(rules, spec, filter, shared);
  return rules;
}

std::vector<Rule> load_packed_rules(std::string_view packed, const std::string& file_name,
                                    LanguageFilter* filter, const SharedUtils* shared) {
  std::vector<Rule> rules;
  for (const auto& document : packed_documents(packed)) {
    if (unwanted(document.language, filter)) {
      ++filter->skipped;
      continue;
    }
    compile_into(rules, decode_rule_spec(document, file_name), filter, shared);
  }
  return rules;
}

SharedUtils load_shared_utils(const std::vector<UtilFile>& files, const LanguageFilter* filter) {
  std::vector<RuleFileSpec> specs;
  try {
    for (const auto& file : files) {
      if (filter != nullptr && unwanted_documents(file.text, *filter) > 0)
        continue;
      for (auto& spec : parse_util_file(file.text, file.name)) {
        if (!unwanted(spec, filter))
          specs.push_back(std::move(spec));
      }
    }
    return compile_shared_utils(specs);
  } catch (const RuleError& e) {
    throw util_error(e);
  }
}

}  // namespace mentor::rules
