// Escaping text that comes from a repository (paths, messages, author names, commit subjects)
// before it goes into Markdown or HTML, so that it shows as written and can neither format,
// link, mention nor inject markup.
#pragma once

#include <string>
#include <string_view>

namespace mentor::report {

// `text` with each byte that is not part of a valid UTF-8 sequence replaced by U+FFFD, so that
// the result is valid UTF-8.
std::string valid_utf8(std::string_view text);

// `text` as inline Markdown (CommonMark / GitHub / GitLab) that renders as the literal text, on
// one line, also inside a table cell:
// - ASCII punctuation with a meaning in Markdown or its extensions (\ ` * _ { } [ ] ( ) # + - .
//   ! | ~ $) is backslash-escaped;
// - & < > " become &amp; &lt; &gt; &quot; so no HTML tag or entity survives;
// - line breaks (\r\n, \r, \n) become <br>, other control characters U+FFFD;
// - an @ that would start a mention (at the start or after a character other than a letter, a
//   digit or _) is followed by U+2060 WORD JOINER, so `@name` notifies nobody;
// - invalid UTF-8 becomes U+FFFD.
// Not for code spans or fenced code, where Markdown shows backslashes as they are.
std::string markdown_escape(std::string_view text);

// `text` for HTML element content or a quoted attribute value: & < > " ' become entities;
// control characters other than tab and line breaks, and invalid UTF-8, become U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace mentor::report
