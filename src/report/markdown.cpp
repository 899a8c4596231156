// A small markdown renderer for lessons: the subset lessons use.
#include "report/markdown.hpp"

#include "util/encoding.hpp"

namespace mentor::report {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kCode = "\x1b[36m";
constexpr std::string_view kReset = "\x1b[0m";

// Inline markup of one line: `code` and **bold**.
std::string inline_markup(std::string_view line) {
  std::string out;
  bool code = false;
  bool bold = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '`') {
      code = !code;
      out += code ? kCode : kReset;
      if (!code && bold)
        out += kBold;
    } else if (!code && line.compare(i, 2, "**") == 0) {
      bold = !bold;
      out += bold ? kBold : kReset;
      ++i;
    } else {
      out += line[i];
    }
  }
  if (code || bold)
    out += kReset;
  return out;
}

}  // namespace

std::string render_markdown(std::string_view markdown, bool color) {
  std::string out;
  bool in_code = false;
  while (!markdown.empty()) {
    std::size_t eol = markdown.find('\n');
    std::string_view raw = markdown.substr(0, eol);
    markdown = eol == std::string_view::npos ? std::string_view() : markdown.substr(eol + 1);
    if (raw.ends_with('\r'))
      raw.remove_suffix(1);
    // The lesson comes from a rule file: its text is shown, never interpreted by the terminal.
    const std::string safe = util::terminal_safe(raw);
    std::string_view line = safe;
    std::string_view trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (trimmed.starts_with("```")) {
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      out += "    ";
      out +=
          color ? std::string(kCode) + std::string(line) + std::string(kReset) : std::string(line);
    } else if (color && line.starts_with('#')) {
      out += std::string(kBold) + std::string(line.substr(line.find_first_not_of("# "))) +
             std::string(kReset);
    } else {
      out += color ? inline_markup(line) : std::string(line);
    }
    out += '\n';
  }
  return out;
}

}  // namespace mentor::report
