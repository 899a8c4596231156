// `git mentor review -i`: one finding at a time on a terminal, judged with single keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "cli/cli.hpp"
#include "record/reviews_record.hpp"

namespace mentor::cli {

// What the screen needs from the session; findings are numbered 0..count-1.
struct InteractiveHooks {
  std::size_t count = 0;
  // The finding, its code with `context` lines around it, its lesson and history.
  std::function<std::string(std::size_t, std::uint32_t context)> show;
  std::function<std::string(std::size_t)> label;  // "1a2b3c4 [rule] path:line", for messages
  std::function<bool(std::size_t)> waiting;       // needs a verdict and has none
  // Stores a verdict at once, so quitting (or being killed) part-way keeps it.
  std::function<void(std::size_t, record::Verdict, const std::string& note, bool not_the_mentees)>
      judge;
};

struct InteractiveResult {
  std::size_t stored = 0;  // verdicts and notes stored
};

// The context shown around a finding at first, and how much each `w` adds.
inline constexpr std::uint32_t kContextLines = 3;
inline constexpr std::uint32_t kWiderBy = 15;

// Runs the loop on the terminal behind standard input and `streams.out`: starts at the first
// finding waiting for a verdict; keys c confirm, d dismiss (asks the reason), a dismiss as not
// the mentee's code (asks the reason), p praise, n note (asks it), s or space skip, b back,
// j next waiting, w more code around, ? help, q quit. After each key the next screen says what
// was stored. The terminal's mode is restored however it ends.
InteractiveResult run_interactive(const InteractiveHooks& hooks, Streams& streams);

}  // namespace mentor::cli
