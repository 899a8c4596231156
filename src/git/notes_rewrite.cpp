// Reading and extending git's notes-rewriting configuration.
#include "git/notes_rewrite.hpp"

#include <fnmatch.h>

#include <cstdlib>

#include "git/handles.hpp"

namespace mentor::git {

namespace {

constexpr const char* kRewriteRef = "notes.rewriteRef";

// Every value of multivar `name` in `config`, in order.
std::vector<std::string> multivar(git_config* config, const char* name) {
  std::vector<std::string> values;
  int rc = git_config_get_multivar_foreach(
      config, name, nullptr,
      [](const git_config_entry* entry, void* out) {
        static_cast<std::vector<std::string>*>(out)->emplace_back(entry->value);
        return 0;
      },
      &values);
  if (rc != GIT_ENOTFOUND)
    check(rc, std::string("cannot read ") + name);
  return values;
}

// The boolean `name`; `fallback` when unset or not a boolean (git would refuse the latter).
bool boolean(git_config* config, const char* name, bool fallback) {
  int value = 0;
  if (git_config_get_bool(&value, config, name) < 0) {
    git_error_clear();
    return fallback;
  }
  return value != 0;
}

std::string escape_regex(std::string_view text) {
  std::string out = "^";
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out + "$";
}

}  // namespace

RewriteSettings read_rewrite_settings(const Repository& repo) {
  git_config* config_raw = nullptr;
  check(git_repository_config_snapshot(&config_raw, repo.get()), "cannot read the configuration");
  ConfigPtr config(config_raw);
  RewriteSettings settings;
  settings.config_refs = multivar(config.get(), kRewriteRef);
  if (const char* env = std::getenv("GIT_NOTES_REWRITE_REF"))
    settings.env_refs = env;
  settings.rebase = boolean(config.get(), "notes.rewrite.rebase", true);
  settings.amend = boolean(config.get(), "notes.rewrite.amend", true);
  return settings;
}

bool rewrite_value_covers(std::string_view value, std::string_view ref) {
  if (value.find_first_of("*?[\\") == std::string_view::npos)
    return value == ref;
  std::string pattern(value.starts_with("refs/") ? "" : "refs/");
  pattern += value;
  return fnmatch(pattern.c_str(), std::string(ref).c_str(), 0) == 0;
}

bool rewrite_values_cover(const std::vector<std::string>& values, std::string_view ref) {
  for (const auto& value : values) {
    if (rewrite_value_covers(value, ref))
      return true;
  }
  return false;
}

std::vector<std::string> split_env_refs(std::string_view env) {
  std::vector<std::string> out;
  while (true) {
    std::size_t colon = env.find(':');
    if (!env.substr(0, colon).empty())
      out.emplace_back(env.substr(0, colon));
    if (colon == std::string_view::npos)
      return out;
    env.remove_prefix(colon + 1);
  }
}

bool add_rewrite_ref(const Repository& repo, const std::string& ref) {
  git_config* config_raw = nullptr;
  check(git_repository_config(&config_raw, repo.get()), "cannot read the configuration");
  ConfigPtr config(config_raw);
  git_config* local_raw = nullptr;
  check(git_config_open_level(&local_raw, config.get(), GIT_CONFIG_LEVEL_LOCAL),
        "cannot open the repository's config");
  ConfigPtr local(local_raw);
  // A pattern that matches only `ref` itself: no other value is replaced, and `ref` is added.
  int rc =
      git_config_set_multivar(local.get(), kRewriteRef, escape_regex(ref).c_str(), ref.c_str());
  if (rc == GIT_ELOCKED) {
    git_error_clear();
    return false;
  }
  check(rc, std::string("cannot add ") + ref + " to " + kRewriteRef);
  return true;
}

bool reference_exists(const Repository& repo, const std::string& name) {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.get(), name.c_str()) < 0) {
    git_error_clear();
    return false;
  }
  return true;
}

}  // namespace mentor::git
