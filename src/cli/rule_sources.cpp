// Finding and reading rule files and shared utility rule files.
#include "cli/rule_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/config.hpp"
#include "cli/sg_config.hpp"
#include "git/file_at.hpp"
#include "rules/rule_loader.hpp"
#include "util/embedded_file.hpp"
#include "util/error.hpp"
#include "util/glob.hpp"
#include "util/regular_file.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace fs = std::filesystem;

namespace {

// What the files of an entry are read as.
enum class Role { rules, utils, tests };

std::string noun(Role role) {
  switch (role) {
    case Role::rules:
      return "rule file";
    case Role::utils:
      return "utility rule file";
    case Role::tests:
      return "rule test file";
  }
  return "file";
}

bool is_rule_file(const fs::path& path) {
  auto ext = path.extension();
  return ext == ".yaml" || ext == ".yml";
}

// ast-grep's project file is never a rule, wherever a directory or glob finds it.
bool is_sg_config(const fs::path& path) {
  return std::find(kSgConfigFiles.begin(), kSgConfigFiles.end(), path.filename().string()) !=
         kSgConfigFiles.end();
}

bool has_glob_chars(std::string_view s) {
  return s.find_first_of("*?[") != std::string_view::npos;
}

// Regular files only, and at most kMaxRuleFileBytes: a device, a FIFO or a huge file named as a
// rule file is refused, with its name and never its content.
std::string read_file(const fs::path& path, Role role) {
  return util::read_regular_file(path, kMaxRuleFileBytes, noun(role));
}

// Where the rule sources a repository's configuration names may be: inside its work tree and
// outside its .git directory (which holds credentials, such as a CI checkout's token). Rule
// sources given on the command line have no boundary.
struct Boundary {
  fs::path root;     // canonical work tree
  fs::path git_dir;  // canonical .git directory
};

// Throws mentor::Error when `path` (from `entry`) is outside `boundary`, symbolic links resolved.
void check_within(const std::optional<Boundary>& boundary, const fs::path& path,
                  const std::string& entry, Role role) {
  if (!boundary)
    return;
  if (util::is_within(boundary->root, path) && !util::is_within(boundary->git_dir, path))
    return;
  throw Error(noun(role) + " '" + entry + "' in " + std::string(kConfigFile) +
              " leads outside the repository (or into .git): a repository's configuration names "
              "only files inside it; --rules and --utils on the command line may name others");
}

std::string display(const fs::path& path) {
  return path.lexically_normal().string();
}

// The same file whatever path names it.
fs::path identity(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : canonical;
}

// Every file an entry names on the file system, sorted; each within `boundary` when there is one.
std::vector<fs::path> expand(const fs::path& base, const std::string& entry, Role role,
                             const std::optional<Boundary>& boundary) {
  std::vector<fs::path> files;
  if (has_glob_chars(entry)) {
    // Walk only below the part of the glob that has no wildcard.
    std::string prefix = entry.substr(0, entry.find_first_of("*?["));
    prefix = prefix.substr(0, prefix.rfind('/') == std::string::npos ? 0 : prefix.rfind('/'));
    fs::path root = base / prefix;
    check_within(boundary, root, entry, role);
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      for (const auto& item : fs::recursive_directory_iterator(root, ec)) {
        if (!item.is_regular_file() || is_sg_config(item.path()))
          continue;
        std::string relative = fs::relative(item.path(), base).generic_string();
        if (util::glob_match(entry, relative))
          files.push_back(item.path());
      }
    }
    if (files.empty())
      throw Error("no " + noun(role) + "s match '" + entry + "'");
  } else {
    fs::path path = base / entry;
    check_within(boundary, path, entry, role);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& item : fs::recursive_directory_iterator(path, ec)) {
        if (item.is_regular_file() && is_rule_file(item.path()) && !is_sg_config(item.path()))
          files.push_back(item.path());
      }
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      throw Error(noun(role) + " not found: " + entry);
    }
  }
  // A file found in a directory may be a symbolic link to anywhere.
  for (const auto& file : files)
    check_within(boundary, file, fs::relative(file, base).generic_string(), role);
  std::sort(files.begin(), files.end());
  return files;
}

// The sgconfig.yml of `directory`, when it is an ast-grep project.
std::optional<fs::path> sg_config_in(const fs::path& directory) {
  for (std::string_view name : kSgConfigFiles) {
    std::error_code ec;
    fs::path candidate = directory / name;
    if (fs::is_regular_file(candidate, ec))
      return candidate;
  }
  return std::nullopt;
}

// Loads one rule file's text, or collects it when it is a test file.
void load_text(const std::string& text, const std::string& name, review::RuleSet& set,
               const LoadOptions& options, const rules::SharedUtils* shared) {
  if (rules::is_rule_test_file(text)) {
    if (options.tests != nullptr) {
      auto tests = rules::parse_rule_test_file(text, name);
      options.tests->insert(options.tests->end(), tests.begin(), tests.end());
    }
    return;
  }
  set.note_source(name, text);
  set.add(rules::load_rules(text, name, options.filter, shared));
}

// The bundled packs, parsed at build time: stage two only, and nothing at all for the files of
// languages the filter does not want.
void load_builtin(review::RuleSet& set, const LoadOptions& options,
                  const rules::SharedUtils* shared) {
  for (const auto& file : builtin_rule_packs()) {
    set.note_static_source(file.path, file.packed);
    set.add(rules::load_packed_rules(file.packed, std::string(file.path), options.filter, shared));
  }
}

// Collects the rule files and utility rule files of every entry, then reads the utilities
// first, so that each rule compiles with all of them, and leaves the utility files out of the
// rules.
class SourceLoader {
 public:
  SourceLoader(review::RuleSet& set, const LoadOptions& options)
      : set_(set), options_(options), user_options_(options) {
    if (options.bundled_only)
      user_options_.filter = nullptr;
  }

  void builtin() {
    if (!builtin_)
      files_.push_back(RuleFile{RuleFile::Kind::builtin, {}, {}});
    builtin_ = true;
  }

  void rules_on_disk(const fs::path& base, const std::string& entry,
                     const std::optional<Boundary>& boundary) {
    std::error_code ec;
    if (!has_glob_chars(entry) && fs::is_directory(base / entry, ec)) {
      check_within(boundary, base / entry, entry, Role::rules);
      if (auto config = sg_config_in(base / entry)) {
        check_within(boundary, *config, entry, Role::rules);
        project(base / entry, *config, boundary);
        return;
      }
    }
    for (auto& path : expand(base, entry, Role::rules, boundary))
      files_.push_back(RuleFile{RuleFile::Kind::path, std::move(path), {}});
  }

  void rules_in_head(const git::Repository& repo, const std::string& entry) {
    // A directory: its rule files, as on disk, each under the same checks as a file.
    if (auto files = git::head_files_under(repo, entry)) {
      for (auto& file : *files) {
        if (!is_rule_file(file) || is_sg_config(file))
          continue;
        auto file_text = repo.read_root_file(file, kMaxRuleFileBytes, noun(Role::rules));
        if (file_text)
          files_.push_back(RuleFile{RuleFile::Kind::text, fs::path(file), std::move(*file_text)});
      }
      return;
    }
    auto text = repo.read_root_file(entry, kMaxRuleFileBytes, noun(Role::rules));
    if (!text)
      throw Error("rule file or directory not found in HEAD: " + entry);
    files_.push_back(RuleFile{RuleFile::Kind::text, fs::path(entry), std::move(*text)});
  }

  void utils_on_disk(const fs::path& base, const std::string& entry,
                     const std::optional<Boundary>& boundary) {
    for (const auto& path : expand(base, entry, Role::utils, boundary)) {
      if (util_paths_.insert(identity(path)).second)
        utils_.push_back(rules::UtilFile{read_file(path, Role::utils), display(path)});
    }
  }

  void utils_in_head(const git::Repository& repo, const std::string& entry) {
    auto text = repo.read_root_file(entry, kMaxRuleFileBytes, noun(Role::utils));
    if (!text)
      throw Error("utility rule file not found in HEAD: " + entry);
    if (util_paths_.insert(fs::path(entry).lexically_normal()).second)
      utils_.push_back(rules::UtilFile{std::move(*text), entry});
  }

  // Compiles the utilities, then loads the rules with them.
  void finish() {
    for (const auto& util : utils_)
      set_.note_source("utils:" + util.name, util.text);
    rules::SharedUtils shared = rules::load_shared_utils(utils_, user_options_.filter);
    for (const auto& file : files_) {
      switch (file.kind) {
        case RuleFile::Kind::builtin:
          load_builtin(set_, options_, &shared);
          break;
        case RuleFile::Kind::path:
          if (!util_paths_.contains(identity(file.path)))
            load_text(read_file(file.path, Role::rules), display(file.path), set_, user_options_,
                      &shared);
          break;
        case RuleFile::Kind::text:
          if (!util_paths_.contains(file.path.lexically_normal()))
            load_text(file.text, file.path.string(), set_, user_options_, &shared);
          break;
        case RuleFile::Kind::tests: {
          // A test directory also holds ast-grep's snapshots, which are not tests.
          std::string text = read_file(file.path, Role::tests);
          if (rules::is_rule_test_file(text))
            load_text(text, display(file.path), set_, user_options_, &shared);
          break;
        }
      }
    }
  }

 private:
  struct RuleFile {
    enum class Kind { builtin, path, text, tests };
    Kind kind;
    fs::path path;     // on disk (path, tests) or in HEAD (text)
    std::string text;  // text
  };

  // An ast-grep project: the directories its sgconfig.yml names, relative to it.
  void project(const fs::path& directory, const fs::path& config,
               const std::optional<Boundary>& boundary) {
    AstGrepProject project = parse_sg_config(read_file(config, Role::rules), display(config));
    auto named = [&](auto&& load) {
      try {
        load();
      } catch (const Error& e) {
        throw Error(std::string(e.what()) + " (named by " + display(config) + ")", e.pos());
      }
    };
    named([&] {
      for (const auto& dir : project.rule_dirs) {
        for (auto& path : expand(directory, dir, Role::rules, boundary))
          files_.push_back(RuleFile{RuleFile::Kind::path, std::move(path), {}});
      }
      for (const auto& dir : project.util_dirs)
        utils_on_disk(directory, dir, boundary);
      // Tests matter only to `rules test`, which collects them.
      if (options_.tests == nullptr)
        return;
      for (const auto& dir : project.test_dirs) {
        for (auto& path : expand(directory, dir, Role::tests, boundary))
          files_.push_back(RuleFile{RuleFile::Kind::tests, std::move(path), {}});
      }
    });
  }

  review::RuleSet& set_;
  const LoadOptions& options_;
  LoadOptions user_options_;  // for every rule and utility that is not bundled
  std::vector<RuleFile> files_;
  bool builtin_ = false;
  std::vector<rules::UtilFile> utils_;
  std::set<fs::path> util_paths_;  // identity() on disk, the normal path in HEAD
};

}  // namespace

void load_builtin_rules(review::RuleSet& set, const LoadOptions& options) {
  load_builtin(set, options, nullptr);
}

void load_rule_files(const std::string& base, const RuleSources& sources, review::RuleSet& set,
                     const LoadOptions& options) {
  SourceLoader loader(set, options);
  for (const auto& entry : sources.rules) {
    if (entry == kBuiltinRules)
      loader.builtin();
    else
      loader.rules_on_disk(base, entry, std::nullopt);
  }
  for (const auto& entry : sources.utils)
    loader.utils_on_disk(base, entry, std::nullopt);
  loader.finish();
}

void load_rule_sources(const git::Repository& repo, const RuleSources& config,
                       const RuleSources& cli, const std::string& cli_base, review::RuleSet& set,
                       const LoadOptions& options) {
  SourceLoader loader(set, options);
  std::optional<Boundary> boundary;
  if (!repo.is_bare()) {
    std::error_code ec;
    boundary =
        Boundary{fs::canonical(repo.workdir(), ec), fs::weakly_canonical(repo.git_dir(), ec)};
  }
  if (config.rules.empty() && cli.rules.empty())
    loader.builtin();
  for (const auto& entry : config.rules) {
    if (entry == kBuiltinRules)
      loader.builtin();
    else if (repo.is_bare())
      loader.rules_in_head(repo, entry);
    else
      loader.rules_on_disk(repo.workdir(), entry, boundary);
  }
  for (const auto& entry : config.utils) {
    if (repo.is_bare())
      loader.utils_in_head(repo, entry);
    else
      loader.utils_on_disk(repo.workdir(), entry, boundary);
  }
  for (const auto& entry : cli.rules) {
    if (entry == kBuiltinRules)
      loader.builtin();
    else
      loader.rules_on_disk(cli_base, entry, std::nullopt);
  }
  for (const auto& entry : cli.utils)
    loader.utils_on_disk(cli_base, entry, std::nullopt);
  loader.finish();
}

void require_configured_skill(const review::RuleSet& rules, const std::string& skill,
                              std::string_view command) {
  std::set<std::string> skills;
  for (const rules::Rule* rule : rules.all()) {
    if (!rule->skill.empty())
      skills.insert(rule->skill);
  }
  if (skills.contains(skill))
    return;
  std::vector<std::string_view> names(skills.begin(), skills.end());
  throw Error(fmt::format(
      "{}: no configured rule trains skill '{}'{} (`git mentor rules list` shows the skills)",
      command, skill, did_you_mean(skill, names)));
}

const rules::Rule& require_configured_rule(const review::RuleSet& rules, const std::string& id,
                                           std::string_view command) {
  if (const rules::Rule* rule = rules.find(id))
    return *rule;
  std::vector<std::string_view> ids;
  for (const rules::Rule* rule : rules.all())
    ids.push_back(rule->id);
  throw Error(fmt::format("{}: no configured rule '{}'{}", command, id, did_you_mean(id, ids)));
}

}  // namespace mentor::cli
