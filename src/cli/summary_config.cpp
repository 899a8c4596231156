// Parsing the `summary:` section of .git-mentor.yaml.
#include "cli/summary_config.hpp"

#include <array>
#include <string_view>

#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/yaml_pos.hpp"

namespace mentor::cli {

namespace {

using util::pos_of;

unsigned positive(const YAML::Node& value, const std::string& key, const std::string& file) {
  unsigned long long number = 0;
  if (!value.IsScalar() || value.Scalar().find_first_not_of("0123456789") != std::string::npos ||
      !YAML::convert<unsigned long long>::decode(value, number) || number == 0 ||
      number > 1000000) {
    throw Error("summary." + key + " must be a positive whole number", pos_of(value, file));
  }
  return static_cast<unsigned>(number);
}

double fraction(const YAML::Node& value, const std::string& key, double min, double max,
                const std::string& file, const std::string& what) {
  double number = 0;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, number) || !(number >= min) ||
      !(number <= max)) {
    throw Error("summary." + key + " must be " + what, pos_of(value, file));
  }
  return number;
}

}  // namespace

loop::Settings parse_summary_settings(const YAML::Node& node, const std::string& file) {
  static constexpr std::array<std::string_view, 10> kKeys = {
      "recurring",           "mastered_after",   "mastered_min_occurrences",
      "dismissal_threshold", "min_verdicts",     "confirmed_weight",
      "trend_margin",        "trend_min_weight", "chart_points",
      "lesson_window"};
  loop::Settings settings;
  if (node.IsNull())
    return settings;
  if (!node.IsMap())
    throw Error("summary must be a mapping of keys, e.g. { recurring: 3 }", pos_of(node, file));
  if (auto duplicate = util::find_duplicate_key(node))
    throw Error("duplicate key '" + duplicate->second.Scalar() + "' in summary",
                pos_of(duplicate->second, file));
  for (const auto& entry : node) {
    if (!entry.first.IsScalar())
      throw Error("keys must be strings", pos_of(entry.first, file));
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "recurring") {
      settings.recurring = positive(value, key, file);
    } else if (key == "mastered_after") {
      settings.mastered_after = positive(value, key, file);
    } else if (key == "mastered_min_occurrences") {
      settings.mastered_min_occurrences = positive(value, key, file);
    } else if (key == "min_verdicts") {
      settings.min_verdicts = positive(value, key, file);
    } else if (key == "chart_points") {
      settings.chart_points = positive(value, key, file);
    } else if (key == "lesson_window") {
      settings.lesson_window = positive(value, key, file);
    } else if (key == "dismissal_threshold") {
      settings.dismissal_threshold = fraction(value, key, 0, 1, file, "a number from 0 to 1");
    } else if (key == "trend_margin") {
      settings.trend_margin = fraction(value, key, 0, 0.99, file, "a number from 0 to 0.99");
    } else if (key == "trend_min_weight") {
      settings.trend_min_weight = fraction(value, key, 0, 1000, file, "a number from 0 to 1000");
    } else if (key == "confirmed_weight") {
      settings.confirmed_weight = fraction(value, key, 1, 1000, file, "a number from 1 to 1000");
    } else {
      throw Error("unknown key 'summary." + key + "'" + did_you_mean(key, kKeys),
                  pos_of(entry.first, file));
    }
  }
  return settings;
}

}  // namespace mentor::cli
