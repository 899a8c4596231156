// Byte-exact encodings: UTF-8 validation and base64.
#include <catch2/catch.hpp>

#include "util/encoding.hpp"

namespace mentor::util {

TEST_CASE("is_utf8 accepts well-formed UTF-8 and rejects the rest", "[unit][util][encoding]") {
  CHECK(is_utf8(""));
  CHECK(is_utf8("plain ascii\n\t"));
  CHECK(is_utf8("\xC3\xBC \xE2\x82\xAC \xF0\x9F\x92\xA1 \xF4\x8F\xBF\xBF"));  // ü € 💡 U+10FFFF
  CHECK(is_utf8(std::string("nul \0 inside", 12)));
  CHECK_FALSE(is_utf8("\x80"));              // a continuation byte alone
  CHECK_FALSE(is_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_utf8("\xE2\x82"));          // cut short
  CHECK_FALSE(is_utf8("\xFF"));
}

TEST_CASE("base64 round-trips every byte and matches RFC 4648", "[unit][util][encoding]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  std::string all;
  for (int i = 0; i < 256; ++i)
    all += static_cast<char>(i);
  for (std::size_t length = 0; length <= all.size(); length += 37) {
    std::string part = all.substr(all.size() - length);
    CHECK(base64_decode(base64_encode(part)) == part);
  }
  CHECK(base64_decode(base64_encode(all)) == all);
  CHECK_FALSE(base64_decode("Zg=").has_value());
  CHECK_FALSE(base64_decode("Z===").has_value());
  CHECK_FALSE(base64_decode("Zm9v!A==").has_value());
  CHECK_FALSE(base64_decode("=Zm9").has_value());
}

TEST_CASE("terminal_safe shows control characters visibly, on one line", "[unit][util][encoding]") {
  CHECK(terminal_safe("a\x1b[31mred\x07\tb\nc\x7f") == "a\\x1b[31mred\\x07\tb\\nc\\x7f");
  CHECK(terminal_safe("x\r\ny") == "x\\r\\ny");
  // OSC 52 (clipboard write) and a window title: nothing of the sequence stays raw.
  CHECK(terminal_safe("\x1b]52;c;aGk=\x07") == "\\x1b]52;c;aGk=\\x07");
  // C1 controls (CSI as U+009B), line separators and bidirectional overrides.
  CHECK(terminal_safe("\xC2\x9B"
                      "31m \xE2\x80\xA8 \xE2\x80\xAE") == "\\u009b31m \\u2028 \\u202e");
  // Invalid UTF-8 byte by byte; valid UTF-8 as it is.
  CHECK(terminal_safe("\xFF caf\xC3\xA9 \xC3") == "\\xff caf\xC3\xA9 \\xc3");
  CHECK(terminal_safe("plain text: a::b") == "plain text: a::b");
}

TEST_CASE("terminal_safe: a line break never starts a CI workflow command",
          "[unit][util][encoding]") {
  std::string forged = terminal_safe("a.py\n::error file=x.py,line=1::forged");
  CHECK(forged.find('\n') == std::string::npos);
  CHECK(forged == "a.py\\n::error file=x.py,line=1::forged");
  // The text itself at the start of a line (a path leads a finding's line).
  CHECK(terminal_safe("::error file=x::y") == "\\x3a:error file=x::y");
  CHECK(terminal_safe("  ::add-mask::v") == "  \\x3a:add-mask::v");
  CHECK(terminal_safe("##[error]x") == "\\x23#[error]x");
  CHECK(terminal_safe("##vso[task.setvariable variable=x]y") ==
        "\\x23#vso[task.setvariable variable=x]y");
}

}  // namespace mentor::util
