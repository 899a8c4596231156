// What the fuzz targets share: the input as text, a language picked by one byte, and how a
// target reports a broken property.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>

#include "lang/language.hpp"

namespace mentor::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The language `byte` picks: lang::all_languages() (sorted by name) in order, wrapping around.
// tests/fuzz/make_corpus.py numbers the languages of its seeds the same way.
inline const lang::Language& pick_language(std::uint8_t byte) {
  std::span<const lang::Language> languages = lang::all_languages();
  return languages[byte % languages.size()];
}

// A property the target checks does not hold: says which on stderr and aborts, which libFuzzer
// reports as a crash and saves the input for.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
}

inline void check(bool ok, const char* what) {
  if (!ok)
    fail(what);
}

}  // namespace mentor::fuzz
