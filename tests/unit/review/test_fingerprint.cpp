#include <catch2/catch.hpp>

#include "review/fingerprint.hpp"

using mentor::review::fingerprint;
using mentor::review::normalize_code;

TEST_CASE("normalize_code collapses whitespace", "[review][fingerprint]") {
  CHECK(normalize_code("  a \t b\r\n\n c  ") == "a b c");
  CHECK(normalize_code("print( x ,\n   y )") == "print(x,y)");
  CHECK(normalize_code("return  x") == "return x");
  CHECK(normalize_code("") == "");
  CHECK(normalize_code("\n\t ") == "");
}

TEST_CASE("fingerprints ignore layout, not content", "[review][fingerprint]") {
  auto a = fingerprint("rule", "a.py", "print(x,\n      y)");
  CHECK(a.size() == 16);
  CHECK(a == fingerprint("rule", "a.py", "print(x, y)"));
  CHECK(a == fingerprint("rule", "a.py", "    print(x,\r\n  y)  "));
  CHECK(a != fingerprint("rule", "b.py", "print(x, y)"));
  CHECK(a != fingerprint("other", "a.py", "print(x, y)"));
  CHECK(a != fingerprint("rule", "a.py", "print(x, z)"));
  // The separators keep fields apart.
  CHECK(fingerprint("ab", "c", "x") != fingerprint("a", "bc", "x"));
}
