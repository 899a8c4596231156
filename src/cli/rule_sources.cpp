// Finding and reading rule files.
#include "cli/rule_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/rule_loader.hpp"
#include "util/embedded_file.hpp"
#include "util/error.hpp"
#include "util/glob.hpp"

namespace mentor::cli {

namespace fs = std::filesystem;

namespace {

bool is_rule_file(const fs::path& path) {
  auto ext = path.extension();
  return ext == ".yaml" || ext == ".yml";
}

bool has_glob_chars(std::string_view s) {
  return s.find_first_of("*?[") != std::string_view::npos;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("cannot read rule file: " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every rule file an entry names on the file system, sorted.
std::vector<fs::path> expand(const fs::path& base, const std::string& entry) {
  std::vector<fs::path> files;
  if (has_glob_chars(entry)) {
    // Walk only below the part of the glob that has no wildcard.
    std::string prefix = entry.substr(0, entry.find_first_of("*?["));
    prefix = prefix.substr(0, prefix.rfind('/') == std::string::npos ? 0 : prefix.rfind('/'));
    fs::path root = base / prefix;
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      for (const auto& item : fs::recursive_directory_iterator(root, ec)) {
        if (!item.is_regular_file())
          continue;
        std::string relative = fs::relative(item.path(), base).generic_string();
        if (util::glob_match(entry, relative))
          files.push_back(item.path());
      }
    }
    if (files.empty())
      throw Error("no rule files match '" + entry + "'");
  } else {
    fs::path path = base / entry;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& item : fs::recursive_directory_iterator(path, ec)) {
        if (item.is_regular_file() && is_rule_file(item.path()))
          files.push_back(item.path());
      }
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      throw Error("rule file not found: " + entry);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Loads one rule file's text, or collects it when it is a test file.
void load_text(const std::string& text, const std::string& display, review::RuleSet& set,
               const LoadOptions& options) {
  if (rules::is_rule_test_file(text)) {
    if (options.tests != nullptr) {
      auto tests = rules::parse_rule_test_file(text, display);
      options.tests->insert(options.tests->end(), tests.begin(), tests.end());
    }
    return;
  }
  set.add(rules::load_rules(text, display, options.filter));
}

void load_from_disk(const fs::path& base, const std::string& entry, review::RuleSet& set,
                    const LoadOptions& options) {
  for (const auto& file : expand(base, entry))
    load_text(read_file(file), file.lexically_normal().string(), set, options);
}

}  // namespace

void load_builtin_rules(review::RuleSet& set, const LoadOptions& options) {
  for (const auto& file : builtin_rule_files()) {
    load_text(std::string(file.text), std::string(file.path), set, options);
  }
}

void load_rule_files(const std::string& base, const std::vector<std::string>& entries,
                     review::RuleSet& set, const LoadOptions& options) {
  bool builtin_loaded = false;
  for (const auto& entry : entries) {
    if (entry != kBuiltinRules) {
      load_from_disk(base, entry, set, options);
    } else if (!builtin_loaded) {
      load_builtin_rules(set, options);
      builtin_loaded = true;
    }
  }
}

void load_rule_sources(const git::Repository& repo, const std::vector<std::string>& config_entries,
                       const std::vector<std::string>& cli_entries, const std::string& cli_base,
                       review::RuleSet& set, const LoadOptions& options) {
  bool builtin_loaded = false;
  auto load_builtin_once = [&] {
    if (!builtin_loaded)
      load_builtin_rules(set, options);
    builtin_loaded = true;
  };
  if (config_entries.empty() && cli_entries.empty()) {
    load_builtin_once();
    return;
  }
  for (const auto& entry : config_entries) {
    if (entry == kBuiltinRules) {
      load_builtin_once();
    } else if (repo.is_bare()) {
      auto text = repo.read_root_file(entry);
      if (!text)
        throw Error("rule file not found in HEAD: " + entry);
      load_text(*text, entry, set, options);
    } else {
      load_from_disk(repo.workdir(), entry, set, options);
    }
  }
  for (const auto& entry : cli_entries) {
    if (entry == kBuiltinRules) {
      load_builtin_once();
    } else {
      load_from_disk(cli_base, entry, set, options);
    }
  }
}

}  // namespace mentor::cli
