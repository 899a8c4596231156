// `git mentor review -i`: one finding at a time on a terminal, judged with single keys.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "cli/cli.hpp"
#include "record/reviews_record.hpp"

namespace mentor::cli {

// What the screen needs from the session; findings are numbered 0..count-1.
struct InteractiveHooks {
  std::size_t count = 0;
  std::function<std::string(std::size_t)> show;  // the finding, its code, its lesson
  std::function<bool(std::size_t)> judged;       // whether it has a verdict
  // Stores a verdict at once, so quitting (or being killed) part-way keeps it.
  std::function<void(std::size_t, record::Verdict, const std::string& note)> judge;
};

struct InteractiveResult {
  std::size_t stored = 0;  // verdicts and notes stored
};

// Runs the loop on the terminal behind standard input and `streams.out`: starts at the first
// finding without a verdict; keys c confirm, d dismiss (asks the reason), p praise, n note (asks
// it), s or space skip, b back, q quit. The terminal's mode is restored however it ends.
InteractiveResult run_interactive(const InteractiveHooks& hooks, Streams& streams);

}  // namespace mentor::cli
