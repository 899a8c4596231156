// `git mentor summary`.
#include "cli/summary_command.hpp"

#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/goal_command.hpp"
#include "cli/summary_input.hpp"
#include "cli/workspace.hpp"
#include "loop/practice.hpp"
#include "summary/render.hpp"
#include "summary/summary.hpp"
#include "util/error.hpp"

namespace mentor::cli {

int run_summary(const SummaryArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  loop::Settings settings = workspace.config.summary;
  if (args.recurring)
    settings.recurring = *args.recurring;
  if (args.mastered_after)
    settings.mastered_after = *args.mastered_after;
  if (args.dismissal_threshold)
    settings.dismissal_threshold = *args.dismissal_threshold;

  std::optional<std::int64_t> since;
  if (!args.since.empty())
    since = parse_date_option("--since", args.since, static_cast<std::int64_t>(std::time(nullptr)));

  Selection selection;
  selection.ranges = args.ranges;
  selection.mentee = args.mentee;
  selection.since = since;
  SummarySource source;
  read_summary_source(workspace, args.directory, selection, streams, source);

  summary::Summary result = summary::summarize(source.input, settings);
  result.ranges = args.ranges;
  result.mentee = args.mentee;
  result.since = since;
  attach_goals(workspace, args.directory, args.ranges, source.reviews, result, streams);
  result.practice = loop::tally_practice(source.reviews.practice, source.input);
  if (args.format == "json")
    streams.out << summary::render_json(result, GIT_MENTOR_VERSION);
  else if (args.format == "markdown")
    streams.out << summary::render_markdown(result);
  else if (args.format == "html")
    streams.out << summary::render_html(result, GIT_MENTOR_VERSION);
  else
    streams.out << summary::render_text(result);
  return 0;
}

}  // namespace mentor::cli
