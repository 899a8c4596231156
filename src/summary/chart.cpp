// A mentee's chart as SVG: one line per skill, findings per bucket of reviewed commits.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "summary/render.hpp"
#include "summary/terminal.hpp"

namespace mentor::summary {

namespace {

constexpr int kWidth = 760;
constexpr int kHeight = 300;
constexpr int kLeft = 48;
constexpr int kRight = 560;  // the plot's right edge; the legend is beyond it
constexpr int kTop = 20;
constexpr int kBottom = 250;
constexpr std::size_t kMaxLines = 8;  // more skills are drawn as one "other skills" line

// Distinct on white and for the common colour-vision deficiencies (Okabe-Ito, then Tableau).
constexpr const char* kPalette[kMaxLines] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                             "#e69f00", "#56b4e9", "#7f3c8d", "#8c564b"};
constexpr const char* kOther = "#7f7f7f";

// At most `limit` code points of `text`, with an ellipsis when cut.
std::string shorten(std::string_view text, std::size_t limit) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
      continue;
    if (points == limit - 1 && display_width(text.substr(i)) > 1)
      return std::string(text.substr(0, i)) + "…";
    ++points;
  }
  return std::string(text);
}

// A step of 1, 2 or 5 times a power of ten giving at most five intervals up to `max`.
std::size_t nice_step(std::size_t max) {
  for (std::size_t scale = 1;; scale *= 10) {
    for (std::size_t m : {std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
      if (max <= 5 * m * scale)
        return m * scale;
    }
  }
}

struct Line {
  std::string label;
  std::string color;
  std::vector<std::size_t> values;  // per bucket
};

}  // namespace

std::string render_chart_svg(const MenteeSummary& mentee) {
  const auto& buckets = mentee.timeline;
  std::vector<Line> lines;
  for (std::size_t i = 0; i < mentee.skills.size(); ++i) {
    const auto& skill = mentee.skills[i].skill;
    const bool other = mentee.skills.size() > kMaxLines && i >= kMaxLines - 1;
    if (!other || i == kMaxLines - 1) {
      lines.push_back({other ? std::string("other skills") : skill_label(skill),
                       other ? kOther : kPalette[i], std::vector<std::size_t>(buckets.size(), 0)});
    }
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      auto it = buckets[b].findings.find(skill);
      if (it != buckets[b].findings.end())
        lines.back().values[b] += it->second;
    }
  }
  std::size_t max = 0;
  for (const auto& line : lines)
    max = std::max(max, *std::max_element(line.values.begin(), line.values.end()));
  const std::size_t step = nice_step(std::max<std::size_t>(max, 1));
  const std::size_t top = std::max<std::size_t>((max + step - 1) / step * step, step);
  auto y_of = [&](std::size_t value) {
    return kBottom - static_cast<double>(value) * (kBottom - kTop) / static_cast<double>(top);
  };
  auto x_of = [&](std::size_t b) {
    if (buckets.size() <= 1)
      return (kLeft + kRight) / 2.0;
    return kLeft +
           static_cast<double>(b) * (kRight - kLeft - 16) /
               static_cast<double>(buckets.size() - 1) +
           8;
  };

  const std::string name = report::html_escape(mentee_label(mentee));
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"Findings per skill over time: {2}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n",
      kWidth, kHeight, name);
  svg += fmt::format("<title>Findings per skill over time: {}</title>\n", name);
  svg += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
                     kWidth, kHeight);
  // Horizontal grid lines and the y axis' labels.
  for (std::size_t v = 0; v <= top; v += step) {
    const double y = y_of(v);
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"1\"/>\n",
        kLeft, y, kRight, y, v == 0 ? "#555555" : "#e0e0e0");
    svg +=
        fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#333333\">{}</text>\n",
                    kLeft - 6, y + 4, v);
  }
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555555\" stroke-width=\"1\"/>\n",
      kLeft, kTop, kBottom);
  svg += fmt::format(
      "<text x=\"14\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#333333\" "
      "transform=\"rotate(-90 14 {:.1f})\">findings</text>\n",
      (kTop + kBottom) / 2.0, (kTop + kBottom) / 2.0);
  // Dates under the points, spaced so that they do not overlap.
  const std::size_t every = std::max<std::size_t>(1, (buckets.size() + 5) / 6);
  for (std::size_t b = 0; b < buckets.size(); b += every) {
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333333\">{}</text>\n", x_of(b),
        kBottom + 18, format_date(buckets[b].to));
  }
  std::size_t per_point = buckets.empty() ? 0 : mentee.reviewed / buckets.size();
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333333\">reviewed commits, oldest "
      "to newest ({}{} per point)</text>\n",
      (kLeft + kRight) / 2, kBottom + 40,
      mentee.reviewed % std::max<std::size_t>(buckets.size(), 1) == 0 ? "" : "about ", per_point);
  // One line per skill, a dot per point (its title tells the numbers). Lines with the same
  // values would hide each other: each is shifted a little up or down and has its own dashes
  // and marker shape, so every line stays visible where they overlap.
  constexpr double kShift = 3.0;
  constexpr const char* kDashes[] = {"", "8 4", "2 3", "10 3 2 3"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    const double shift =
        (static_cast<double>(i) - static_cast<double>(lines.size() - 1) / 2.0) * kShift;
    auto y_at = [&](std::size_t b) { return y_of(line.values[b]) + shift; };
    const std::string label = report::html_escape(line.label);
    std::string points;
    for (std::size_t b = 0; b < line.values.size(); ++b)
      points += fmt::format("{}{:.1f},{:.1f}", b == 0 ? "" : " ", x_of(b), y_at(b));
    svg += fmt::format("<g class=\"series\" data-skill=\"{}\">\n", label);
    if (line.values.size() > 1) {
      const char* dashes = kDashes[i % std::size(kDashes)];
      svg += fmt::format(
          "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" "
          "stroke-linejoin=\"round\"{} points=\"{}\"/>\n",
          line.color, *dashes ? fmt::format(" stroke-dasharray=\"{}\"", dashes) : std::string(),
          points);
    }
    for (std::size_t b = 0; b < line.values.size(); ++b) {
      const std::string title = fmt::format(
          "<title>{}: {} finding{} in {} commit{}, {} to {}</title>", label, line.values[b],
          line.values[b] == 1 ? "" : "s", buckets[b].commits, buckets[b].commits == 1 ? "" : "s",
          format_date(buckets[b].from), format_date(buckets[b].to));
      if (i % 2 == 0) {
        svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\">{}</circle>\n",
                           x_of(b), y_at(b), line.color, title);
      } else {
        svg += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"8\" height=\"8\" fill=\"{}\">{}</rect>\n",
            x_of(b) - 4, y_at(b) - 4, line.color, title);
      }
    }
    svg += "</g>\n";
  }
  // The legend.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int y = kTop + 4 + static_cast<int>(i) * 22;
    svg += fmt::format(
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" fill=\"#222222\"><title>{}</title>{}</text></g>\n",
        kRight + 24, y, lines[i].color, kRight + 44, y + 12, report::html_escape(lines[i].label),
        report::html_escape(shorten(lines[i].label, 24)));
  }
  if (lines.empty()) {
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333333\">no findings: every "
        "reviewed commit is clean</text>\n",
        (kLeft + kRight) / 2, (kTop + kBottom) / 2);
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace mentor::summary
