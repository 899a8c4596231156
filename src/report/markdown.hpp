// Lessons are markdown; on a terminal they are shown formatted, elsewhere as written.
#pragma once

#include <string>
#include <string_view>

namespace mentor::report {

// `markdown` for a terminal: fenced code blocks indented by four spaces (fences dropped), and
// with `color`, headings and **bold** in bold, `code` and code blocks in cyan. Without `color`
// the text keeps its inline markup, which reads well as it is. Each line of `markdown` goes
// through util::terminal_safe, so the only escape sequences are the renderer's own.
std::string render_markdown(std::string_view markdown, bool color);

}  // namespace mentor::report
