// The interactive review loop.
#include "cli/review_interactive.hpp"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "util/error.hpp"

namespace mentor::cli {

namespace {

// Puts the terminal on standard input in single-key mode (no echo, no line editing, no signals:
// ^C and ^D are read as keys and quit) and restores its previous mode when destroyed.
class KeyMode {
 public:
  KeyMode() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0)
      throw Error("cannot read the terminal's mode");
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) != 0)
      throw Error("cannot set the terminal's mode");
  }
  KeyMode(const KeyMode&) = delete;
  KeyMode& operator=(const KeyMode&) = delete;
  ~KeyMode() { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_); }

  // Line editing and echo while the mentor types a note.
  class Lines {
   public:
    explicit Lines(const KeyMode& mode) {
      tcgetattr(STDIN_FILENO, &raw_);
      termios cooked = mode.saved_;
      cooked.c_lflag &= ~static_cast<tcflag_t>(ISIG);
      tcsetattr(STDIN_FILENO, TCSANOW, &cooked);
    }
    Lines(const Lines&) = delete;
    Lines& operator=(const Lines&) = delete;
    ~Lines() { tcsetattr(STDIN_FILENO, TCSANOW, &raw_); }

   private:
    termios raw_{};
  };

 private:
  termios saved_{};
};

// One key; nullopt at end of input.
std::optional<char> read_key() {
  char c = 0;
  while (true) {
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n == 1)
      return c;
    if (n == 0 || errno != EINTR)
      return std::nullopt;
  }
}

// One line typed with the terminal's line editing; nullopt when cancelled (end of input, ^C).
std::optional<std::string> read_line(const KeyMode& mode) {
  KeyMode::Lines lines(mode);
  std::string line;
  while (auto c = read_key()) {
    if (*c == '\n' || *c == '\r')
      return line;
    if (*c == 3 || *c == 4)
      return std::nullopt;
    line += *c;
  }
  return std::nullopt;
}

constexpr const char* kKeys =
    "[c]onfirm  [d]ismiss  [a] not the mentee's  [p]raise  [n]ote  [s]kip  [b]ack  [j] next "
    "waiting  [w]ider  [?]  [q]uit ";

constexpr const char* kHelp = R"(Keys:
  c        confirm: the mistake is real
  d        dismiss: the rule is wrong here (asks the reason; empty cancels)
  a        dismiss as not the mentee's code: moved, merged or misattributed (asks the reason);
           it does not count against the rule
  p        praise: well done
  n        add a note without judging (asks it)
  s, space skip to the next finding
  b        back to the previous finding
  j        jump to the next finding waiting for a verdict
  w        show more code around the finding (again for more)
  ?        this help
  q        quit; every verdict given is stored already)";

}  // namespace

InteractiveResult run_interactive(const InteractiveHooks& hooks, Streams& streams) {
  InteractiveResult result;
  std::ostream& out = streams.out;
  if (hooks.count == 0) {
    fmt::print(out, "No findings to review in this session.\n");
    return result;
  }
  // The next finding waiting for a verdict after `from` (wrapping around); nullopt when none.
  auto next_waiting = [&](std::size_t from) -> std::optional<std::size_t> {
    for (std::size_t k = 1; k <= hooks.count; ++k) {
      std::size_t j = (from + k) % hooks.count;
      if (hooks.waiting(j))
        return j;
    }
    return std::nullopt;
  };
  std::size_t i = 0;
  if (!hooks.waiting(0))
    i = next_waiting(0).value_or(0);  // everything judged already: start from the first
  KeyMode mode;
  std::string message;
  std::uint32_t context = kContextLines;
  std::size_t shown = hooks.count;  // the finding on screen, to reset the context on a move
  while (i < hooks.count) {
    if (i != shown)
      context = kContextLines;
    shown = i;
    out << "\x1b[H\x1b[2J" << hooks.show(i, context) << '\n';
    if (!message.empty())
      fmt::print(out, "{}\n", message);
    message.clear();
    out << kKeys << std::flush;
    auto key = read_key();
    out << "\n";
    if (!key || *key == 'q' || *key == 3 || *key == 4)
      break;
    auto ask = [&](const char* question) {
      out << question << std::flush;
      return read_line(mode);
    };
    auto stored = [&](std::string_view what, std::size_t at) {
      ++result.stored;
      message = fmt::format("Stored: {} {}.", what, hooks.label(at));
    };
    switch (*key) {
      case 'c':
        hooks.judge(i, record::Verdict::confirmed, "", false);
        stored("confirmed", i++);
        break;
      case 'p':
        hooks.judge(i, record::Verdict::praised, "", false);
        stored("praised", i++);
        break;
      case 'd':
      case 'a': {
        const bool attribution = *key == 'a';
        auto reason =
            ask(attribution ? "Whose code is it, then? (the reason is kept; empty cancels) "
                            : "Why dismiss it? (the reason teaches the rule's author; empty "
                              "cancels) ");
        if (!reason || reason->empty()) {
          message = "Not dismissed.";
          break;
        }
        hooks.judge(i, record::Verdict::dismissed, *reason, attribution);
        stored(attribution ? "dismissed as not the mentee's code" : "dismissed", i++);
        break;
      }
      case 'n': {
        auto note = ask("Note: ");
        if (!note || note->empty()) {
          message = "No note stored.";
          break;
        }
        hooks.judge(i, record::Verdict::noted, *note, false);
        stored("note on", i);
        break;
      }
      case 's':
      case ' ':
        ++i;
        break;
      case 'b':
        if (i > 0)
          --i;
        else
          message = "This is the first finding.";
        break;
      case 'j':
        if (auto next = next_waiting(i))
          i = *next;
        else
          message = "No finding is waiting for a verdict.";
        break;
      case 'w':
        context += kWiderBy;
        break;
      case '?':
        message = kHelp;
        break;
      default:
        message = "Unknown key; ? shows what each key does.";
        break;
    }
  }
  if (i >= hooks.count) {
    std::size_t left = 0;
    for (std::size_t k = 0; k < hooks.count; ++k)
      left += hooks.waiting(k) ? 1u : 0u;
    fmt::print(out, "That was the last of {} finding{}; {} still waiting for a verdict.\n",
               hooks.count, hooks.count == 1 ? "" : "s", left);
  }
  return result;
}

}  // namespace mentor::cli
