// The short forms of a rule's lesson that reports print under a finding.
#pragma once

#include <string>
#include <string_view>

namespace mentor::report {

// The lesson's first paragraph: its lines up to the first blank line or code fence, each without
// trailing blanks, joined by newlines.
std::string first_paragraph(std::string_view lesson);

// The lesson's first sentence, whole, on one line: the first paragraph with its line breaks made
// spaces, up to the first '.', '!' or '?' (with any closing bracket, quote or emphasis after it)
// that is followed by the end or by a blank and a word that does not start in lower case. Dots
// inside `code` and after "e.g", "i.e", "cf" and "vs" end nothing. The whole paragraph when no
// sentence ends in it.
std::string first_sentence(std::string_view lesson);

}  // namespace mentor::report
