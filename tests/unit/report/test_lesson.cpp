#include <catch2/catch.hpp>

#include "report/lesson.hpp"

namespace mentor::test {

using report::first_sentence;

TEST_CASE("lesson: the first sentence is whole, across line breaks", "[report][lesson]") {
  CHECK(first_sentence("Use logging.") == "Use logging.");
  CHECK(first_sentence("Use logging. It has levels.") == "Use logging.");
  // A sentence that wraps onto the next line of the YAML block is joined, not cut.
  CHECK(first_sentence("`atoi` returns 0 for text that is not a number and has undefined\n"
                       "behaviour on overflow. `strtol` tells you where it stopped.\n") ==
        "`atoi` returns 0 for text that is not a number and has undefined behaviour on "
        "overflow.");
  CHECK(first_sentence("\n\nLeading blank lines go.  Then this.") == "Leading blank lines go.");
}

TEST_CASE("lesson: dots that end no sentence", "[report][lesson]") {
  // Inside code, after an abbreviation, before a lower-case word.
  CHECK(first_sentence("Call `e.what()` only. More.") == "Call `e.what()` only.");
  CHECK(first_sentence("Prefer a named cast, e.g. `static_cast`, to `(T)x`. More.") ==
        "Prefer a named cast, e.g. `static_cast`, to `(T)x`.");
  CHECK(first_sentence("Keep it (i.e. This one) short. More.") == "Keep it (i.e. This one) short.");
  CHECK(first_sentence("Use os.path.join or pathlib. The rest.") == "Use os.path.join or pathlib.");
  CHECK(first_sentence("Version 1.5 and 2.0 differ. Read on.") == "Version 1.5 and 2.0 differ.");
  CHECK(first_sentence("Use v. lower case next. Really!") == "Use v. lower case next.");
}

TEST_CASE("lesson: closing marks stay with their sentence", "[report][lesson]") {
  CHECK(first_sentence("Never do *this!* Do that.") == "Never do *this!*");
  CHECK(first_sentence("It said \"stop.\" Then it stopped.") == "It said \"stop.\"");
  CHECK(first_sentence("Is it safe? No.") == "Is it safe?");
}

TEST_CASE("lesson: the first paragraph when no sentence ends", "[report][lesson]") {
  CHECK(first_sentence("no full stop here\nstill going\n\nNext paragraph.") ==
        "no full stop here still going");
  CHECK(first_sentence("Text before code:\n```\nx.y()\n```\n") == "Text before code:");
  CHECK(first_sentence("").empty());
}

}  // namespace mentor::test
