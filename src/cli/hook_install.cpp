// `git mentor hook install|uninstall`.
#include "cli/hook_install.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "git/repository.hpp"
#include "record/rewrites.hpp"
#include "util/embedded_file.hpp"
#include "util/error.hpp"
#include "util/regular_file.hpp"

namespace mentor::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBackupSuffix = ".before-git-mentor";

std::vector<std::string> chosen_hooks(const HookInstallArgs& args) {
  std::vector<std::string> hooks;
  if (args.pre_push || !args.pre_commit)
    hooks.emplace_back("pre-push");
  if (args.pre_commit)
    hooks.emplace_back("pre-commit");
  return hooks;
}

std::string_view script_for(const std::string& hook) {
  for (const auto& file : hook_script_files()) {
    if (file.path == "hooks/" + hook)
      return file.text;
  }
  throw Error("no bundled script for the " + hook + " hook");
}

// Whether something is at `path`: a file, a directory, or a symbolic link, dangling or not.
bool present(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// git-mentor's scripts are regular files (never symbolic links) that say so in their first
// comment; they are small, so a larger file is someone else's.
bool is_ours(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec)))
    return false;
  try {
    return util::read_regular_file(path, 64 * 1024, "hook").find("# git-mentor's ") !=
           std::string::npos;
  } catch (const Error&) {
    return false;
  }
}

// Writes `text` to `path` through a temporary file and a rename, so git never runs half a script.
void write_executable(const fs::path& path, std::string_view text) {
  fs::path temp = path;
  temp += ".git-mentor-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush())
      throw Error("cannot write " + temp.string());
  }
  fs::permissions(temp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  fs::rename(temp, path);
}

// notes.rewriteRef for the record refs that exist, so recorded findings follow rebases and
// amends; says what it added, and why they will not follow when the user turned that off.
void follow_rewrites(const git::Repository& repo, Streams& streams) {
  record::RewriteSetup setup;
  try {
    setup = record::configure_rewrites(repo);
  } catch (const Error& e) {
    setup.problems.push_back(std::string("cannot set up notes.rewriteRef: ") + e.what());
  }
  for (const auto& ref : setup.added) {
    fmt::print(streams.out,
               "added {} to notes.rewriteRef: its notes follow rebased and amended commits\n", ref);
  }
  if (std::string warning = record::rewrite_warning(setup); !warning.empty())
    fmt::print(streams.err, "git-mentor: warning: {}\n", warning);
}

}  // namespace

int run_hook_install(const HookInstallArgs& args, Streams& streams) {
  git::Repository repo = git::Repository::discover(args.directory);
  fs::path dir = repo.hooks_dir();
  std::vector<std::string> hooks = chosen_hooks(args);
  // Check every hook before writing any, so a refusal leaves nothing half-installed.
  for (const auto& hook : hooks) {
    fs::path path = dir / hook;
    if (present(path) && !is_ours(path) && !args.force) {
      throw Error(path.string() +
                  " exists and is not git-mentor's: it was left as it is. Run "
                  "with --force to set it aside as " +
                  hook + std::string(kBackupSuffix) + " and install git-mentor's.");
    }
    fs::path backup = path;
    backup += kBackupSuffix;
    if (present(path) && !is_ours(path) && present(backup)) {
      // Setting this one aside would overwrite the earlier one kept there: never lose a hook.
      throw Error(path.string() + " exists and is not git-mentor's, and " + backup.string() +
                  " already holds a hook set aside earlier: nothing was changed. Move one of "
                  "them away, then install again.");
    }
  }
  fs::create_directories(dir);
  for (const auto& hook : hooks) {
    fs::path path = dir / hook;
    if (present(path) && !is_ours(path)) {
      fs::path backup = path;
      backup += kBackupSuffix;
      fs::rename(path, backup);
      fmt::print(streams.out, "set aside the existing {} hook as {}\n", hook, backup.string());
    }
    write_executable(path, script_for(hook));
    fmt::print(streams.out, "installed the {} hook: {}\n", hook, path.string());
  }
  follow_rewrites(repo, streams);
  return 0;
}

int run_hook_uninstall(const HookInstallArgs& args, Streams& streams) {
  git::Repository repo = git::Repository::discover(args.directory);
  fs::path dir = repo.hooks_dir();
  for (const auto& hook : chosen_hooks(args)) {
    fs::path path = dir / hook;
    if (!present(path)) {
      fmt::print(streams.out, "no {} hook installed\n", hook);
      continue;
    }
    if (!is_ours(path)) {
      fmt::print(streams.out, "left {}: it is not git-mentor's\n", path.string());
      continue;
    }
    fs::remove(path);
    fs::path backup = path;
    backup += kBackupSuffix;
    if (present(backup)) {
      fs::rename(backup, path);
      fmt::print(streams.out, "removed git-mentor's {} hook and put back the earlier one\n", hook);
    } else {
      fmt::print(streams.out, "removed git-mentor's {} hook\n", hook);
    }
  }
  return 0;
}

}  // namespace mentor::cli
