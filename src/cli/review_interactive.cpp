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

constexpr const char* kKeys = "[c]onfirm  [d]ismiss  [p]raise  [n]ote  [s]kip  [b]ack  [q]uit ";

}  // namespace

InteractiveResult run_interactive(const InteractiveHooks& hooks, Streams& streams) {
  InteractiveResult result;
  std::ostream& out = streams.out;
  if (hooks.count == 0) {
    fmt::print(out, "No findings to review in this session.\n");
    return result;
  }
  std::size_t i = 0;
  while (i < hooks.count && hooks.judged(i))
    ++i;
  if (i == hooks.count)
    i = 0;  // everything judged already: start again from the first, to re-judge
  KeyMode mode;
  std::string message;
  while (i < hooks.count) {
    out << "\x1b[H\x1b[2J" << hooks.show(i) << '\n';
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
    switch (*key) {
      case 'c':
        hooks.judge(i, record::Verdict::confirmed, "");
        ++result.stored;
        ++i;
        break;
      case 'p':
        hooks.judge(i, record::Verdict::praised, "");
        ++result.stored;
        ++i;
        break;
      case 'd': {
        auto reason = ask("Why dismiss it? (the reason teaches the rule's author; empty cancels) ");
        if (!reason || reason->empty()) {
          message = "Not dismissed.";
          break;
        }
        hooks.judge(i, record::Verdict::dismissed, *reason);
        ++result.stored;
        ++i;
        break;
      }
      case 'n': {
        auto note = ask("Note: ");
        if (!note || note->empty()) {
          message = "No note stored.";
          break;
        }
        hooks.judge(i, record::Verdict::noted, *note);
        ++result.stored;
        message = "Note stored.";
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
      default:
        message = fmt::format("Unknown key; {}", kKeys);
        break;
    }
  }
  if (i >= hooks.count)
    fmt::print(out, "That was the last of {} finding{}.\n", hooks.count,
               hooks.count == 1 ? "" : "s");
  return result;
}

}  // namespace mentor::cli
