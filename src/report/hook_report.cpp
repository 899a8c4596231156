// The hooks' report on stderr.
#include "report/hook_report.hpp"

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/fix_diff.hpp"
#include "report/lesson.hpp"
#include "report/tally.hpp"
#include "util/encoding.hpp"

namespace mentor::report {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBlockingColor = "\x1b[1;31m";  // bold red
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kPraiseColor = "\x1b[1;32m";

struct Painter {
  bool color;
  std::string operator()(std::string_view code, std::string_view text) const {
    return color ? fmt::format("{}{}{}", code, text, kReset) : std::string(text);
  }
};

// "3f2a9c1d Add report loader", or "staged changes".
std::string commit_title(const review::CommitReview& review) {
  if (review.commit.id.empty())
    return "staged changes";
  return fmt::format("{} {}", review.commit.id.substr(0, 8),
                     util::terminal_safe(review.commit.summary));
}

void write_finding(std::ostream& out, const review::Finding& f, const review::TipPlace* tip,
                   bool blocking, const HookReportOptions& options, const Painter& paint) {
  bool at_tip = !f.fixed_later && tip != nullptr && tip->line != 0;
  const std::string& path = at_tip ? tip->path : f.path;
  std::uint32_t line = at_tip ? tip->line : f.line;
  std::uint32_t column = at_tip ? tip->column : f.column;
  std::string severity(rules::to_string(f.rule->severity));
  if (f.suppressed)
    severity += " (suppressed)";
  if (f.fixed_later)
    severity += fmt::format(" (fixed later in this {})", options.action);
  std::string_view color = blocking                                      ? kBlockingColor
                           : f.rule->severity == rules::Severity::praise ? kPraiseColor
                                                                         : kDim;
  // Paths, messages (with captured code) and lessons come from the repository.
  fmt::print(out, "    {}: {}: {} [{}]\n",
             paint(kBold, fmt::format("{}:{}:{}", util::terminal_safe(path), line, column)),
             paint(color, severity), util::terminal_safe(f.message),
             util::terminal_safe(f.rule->id));
  std::string lesson = first_sentence(f.rule->lesson);
  if (!lesson.empty())
    fmt::print(out, "      {}\n", util::terminal_safe(lesson));
  if (f.fix)
    write_fix_diff(out, *f.fix, "      ", options.color);
}

// The findings `wanted` selects, by commit.
void write_section(std::ostream& out, std::span<const review::CommitReview> reviews,
                   const std::function<bool(const review::Finding&)>& wanted, bool blocking,
                   const HookReportOptions& options, const Painter& paint) {
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    const review::CommitReview& review = reviews[i];
    bool titled = false;
    for (std::size_t j = 0; j < review.findings.size(); ++j) {
      const review::Finding& f = review.findings[j];
      if (!wanted(f))
        continue;
      if (!titled)
        fmt::print(out, "  {}\n", paint(kBold, commit_title(review)));
      titled = true;
      const review::TipPlace* tip = nullptr;
      if (options.places != nullptr && i < options.places->size() &&
          j < (*options.places)[i].size())
        tip = &(*options.places)[i][j];
      write_finding(out, f, tip, blocking, options, paint);
    }
  }
}

}  // namespace

std::size_t write_hook_report(std::ostream& out, std::span<const review::CommitReview> reviews,
                              const HookReportOptions& options) {
  Painter paint{options.color};
  auto blocks = [&](const review::Finding& f) {
    return !f.fixed_later && options.at_threshold && options.at_threshold(f);
  };
  auto does_not_block = [&](const review::Finding& f) { return !blocks(f); };
  std::size_t blocking = 0;
  std::size_t others = 0;
  std::set<std::string> blocking_rules;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings) {
      if (blocks(f)) {
        ++blocking;
        blocking_rules.insert(f.rule->id);
      } else {
        ++others;
      }
    }
  }
  if (blocking + others == 0)
    return 0;

  const std::string_view action = options.action;
  if (blocking > 0) {
    fmt::print(
        out, "{}\n",
        paint(kBlockingColor,
              fmt::format("git-mentor: {} {} this {} (fail_on: {}):", plural(blocking, "finding"),
                          blocking == 1 ? "blocks" : "block", action, options.fail_on)));
    write_section(out, reviews, blocks, true, options, paint);
  }
  if (others > 0) {
    if (blocking > 0)
      out << '\n';
    fmt::print(
        out, "{}\n",
        paint(kBold, fmt::format("git-mentor: {} {} not block this {}:", plural(others, "finding"),
                                 others == 1 ? "does" : "do", action)));
    write_section(out, reviews, does_not_block, false, options, paint);
  }
  if (blocking == 0)
    return 0;

  out << '\n';
  if (action == "push") {
    fmt::print(out,
               "{}\ngit-mentor: findings are shown where their code is at the tip of this push; "
               "those whose code is gone there, where their commit put them.\n",
               paint(kBlockingColor, fmt::format("git-mentor: push refused: {} in {} being pushed.",
                                                 plural(blocking, "blocking finding"),
                                                 plural(reviews.size(), "commit"))));
  } else {
    fmt::print(out, "{}\n",
               paint(kBlockingColor, fmt::format("git-mentor: commit refused: {} in the staged "
                                                 "changes.",
                                                 plural(blocking, "blocking finding"))));
  }
  fmt::print(out, "git-mentor: why {}:\n",
             blocking_rules.size() == 1 ? "it matters" : "they matter");
  for (const auto& id : blocking_rules)
    fmt::print(out, "    git mentor rules explain {}\n", util::terminal_safe(id));
  if (action == "push") {
    fmt::print(out,
               "git-mentor: fix {} in a new commit and push again (a finding a later commit of "
               "the push removes no longer blocks),\n"
               "git-mentor: or skip this check once: git push --no-verify\n",
               blocking == 1 ? "it" : "them");
  } else {
    fmt::print(out,
               "git-mentor: fix {}, `git add` the fix and commit again,\n"
               "git-mentor: or skip this check once: git commit --no-verify\n",
               blocking == 1 ? "it" : "them");
  }
  return blocking;
}

void write_goal_mention(std::ostream& out, std::string_view subject, std::string_view until,
                        std::string_view progress) {
  fmt::print(out, "git-mentor: goal ({}, until {}): {}\n", util::terminal_safe(subject),
             util::terminal_safe(until), util::terminal_safe(progress));
}

}  // namespace mentor::report
