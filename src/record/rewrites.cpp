// Setting up git's notes rewriting for the record refs.
#include "record/rewrites.hpp"

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "git/notes_rewrite.hpp"
#include "record/reviews_record.hpp"
#include "util/error.hpp"

namespace mentor::record {

namespace {

constexpr int kLockedAttempts = 20;
constexpr std::chrono::milliseconds kLockedPause{25};

bool covered(const git::RewriteSettings& settings, const std::string& ref) {
  return git::rewrite_values_cover(settings.config_refs, ref);
}

}  // namespace

RewriteSetup configure_rewrites(const git::Repository& repo) {
  RewriteSetup setup;
  const std::vector<std::string> refs{std::string(kFindingsRef), std::string(kReviewsRef)};
  for (const auto& ref : refs) {
    if (!git::reference_exists(repo, ref))
      continue;
    for (int attempt = 0;; ++attempt) {
      // Read again each time: a concurrent recorder may have added it meanwhile.
      if (covered(git::read_rewrite_settings(repo), ref))
        break;
      if (git::add_rewrite_ref(repo, ref)) {
        setup.added.push_back(ref);
        break;
      }
      if (attempt + 1 == kLockedAttempts) {
        setup.problems.push_back(fmt::format(
            "the repository's config stayed locked, so {} was not added to notes.rewriteRef "
            "(`git config --add notes.rewriteRef {}` adds it)",
            ref, ref));
        break;
      }
      std::this_thread::sleep_for(kLockedPause);
    }
  }

  git::RewriteSettings settings = git::read_rewrite_settings(repo);
  if (settings.env_refs) {
    std::vector<std::string> values = git::split_env_refs(*settings.env_refs);
    std::vector<std::string> missing;
    for (const auto& ref : refs) {
      if (!git::rewrite_values_cover(values, ref))
        missing.push_back(ref);
    }
    if (!missing.empty()) {
      setup.problems.push_back(fmt::format(
          "GIT_NOTES_REWRITE_REF is set and replaces notes.rewriteRef, without {} (add {} to it, "
          "or unset it)",
          fmt::join(missing, " and "), fmt::join(missing, ":")));
    }
  }
  for (const auto& [command, enabled] :
       {std::pair{"rebase", settings.rebase}, std::pair{"amend", settings.amend}}) {
    if (!enabled) {
      setup.problems.push_back(
          fmt::format("notes.rewrite.{} is false (`git config notes.rewrite.{} true` turns it on)",
                      command, command));
    }
  }
  return setup;
}

std::string rewrite_warning(const RewriteSetup& setup) {
  if (setup.problems.empty())
    return {};
  return fmt::format(
      "recorded findings will not follow rewritten (rebased, amended) commits through their "
      "notes: {}; git-mentor looks for them by patch-id instead",
      fmt::join(setup.problems, "; "));
}

void follow_rewrites(const git::Repository& repo, const Warn& warn) {
  RewriteSetup setup;
  try {
    setup = configure_rewrites(repo);
  } catch (const Error& e) {
    setup.problems.push_back(std::string("cannot set up notes.rewriteRef: ") + e.what());
  }
  if (setup.problems.empty() || !warn)
    return;
  static std::mutex mutex;
  static std::set<std::string> warned;  // git directories
  {
    std::lock_guard lock(mutex);
    if (!warned.insert(repo.git_dir()).second)
      return;
  }
  warn(rewrite_warning(setup));
}

}  // namespace mentor::record
