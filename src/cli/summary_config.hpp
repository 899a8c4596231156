// The `summary:` section of .git-mentor.yaml: the knobs of `git mentor summary`.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "loop/settings.hpp"

namespace mentor::cli {

// Parses the `summary:` mapping (`node`) of the config file `file`: recurring, mastered_after,
// mastered_min_occurrences, min_verdicts, chart_points, lesson_window (positive integers),
// dismissal_threshold, trend_margin (from 0 to 1), trend_min_weight (0 to 1000) and
// confirmed_weight (at least 1). Throws mentor::Error (file:line:col) on an unknown key
// (with a hint) or a value of the wrong type or out of range.
loop::Settings parse_summary_settings(const YAML::Node& node, const std::string& file);

}  // namespace mentor::cli
