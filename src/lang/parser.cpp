// Owned tree-sitter parsers.
#include "lang/parser.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "util/error.hpp"

namespace mentor::lang {

namespace {

std::uint64_t parse_timeout_micros() {
  const char* value = std::getenv("GIT_MENTOR_PARSE_TIMEOUT_MS");
  if (value == nullptr || *value == '\0')
    return kParseTimeoutMicros;
  char* end = nullptr;
  unsigned long long ms = std::strtoull(value, &end, 10);
  return *end == '\0' && ms > 0 ? ms * 1000 : kParseTimeoutMicros;
}

}  // namespace

Parser::Parser() : parser_(ts_parser_new()), timeout_micros_(parse_timeout_micros()) {}

namespace {

// What one parse reads and until when it may run.
struct ParseInput {
  std::string_view source;
  std::chrono::steady_clock::time_point deadline;
};

const char* read_source(void* payload, uint32_t byte, TSPoint /*point*/, uint32_t* bytes_read) {
  const auto* input = static_cast<const ParseInput*>(payload);
  if (byte >= input->source.size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(input->source.size() - byte);
  return input->source.data() + byte;
}

// Called by tree-sitter as the parse goes: true stops it.
bool past_deadline(TSParseState* state) {
  const auto* input = static_cast<const ParseInput*>(state->payload);
  return std::chrono::steady_clock::now() > input->deadline;
}

}  // namespace

TSTree* Parser::run(const Language& language, const TSTree* old, std::string_view source) {
  use(language);
  ParseInput input{source,
                   std::chrono::steady_clock::now() + std::chrono::microseconds(timeout_micros_)};
  TSInput reader{&input, read_source, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&input, past_deadline};
  TSTree* tree = ts_parser_parse_with_options(parser_.get(), old, reader, options);
  if (tree != nullptr)
    return tree;
  // A parse that stops on the deadline would resume at the next call: start afresh instead.
  ts_parser_reset(parser_.get());
  throw ParseLimitExceeded("parsing as " + std::string(language.name) + " took more than " +
                           std::to_string(timeout_micros_ / 1000) + " ms");
}

namespace {

// Where the lines of a text start, as git counts them: a last line without its newline is a
// line, the empty text after a final newline is not.
struct Lines {
  std::vector<std::uint32_t> starts;  // the start of every line, and of the text after a final '\n'
  std::uint32_t size = 0;
  std::size_t count = 0;

  explicit Lines(std::string_view text) : starts{0}, size(static_cast<std::uint32_t>(text.size())) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n')
        starts.push_back(static_cast<std::uint32_t>(i + 1));
    }
    count = text.empty() ? 0 : (text.back() == '\n' ? starts.size() - 1 : starts.size());
  }
  // The offset of line `index` (0-based); the end of the text for index == count.
  std::uint32_t offset(std::size_t index) const {
    return index < starts.size() ? starts[index] : size;
  }
  // The row and byte column of `offset`, as tree-sitter counts them.
  TSPoint point(std::uint32_t at) const {
    auto row = static_cast<std::uint32_t>(std::upper_bound(starts.begin(), starts.end(), at) -
                                          starts.begin() - 1);
    return {row, at - starts[row]};
  }
};

// The 0-based index of the first line a hunk side covers (see LineEdit).
std::uint32_t first_line(std::uint32_t start, std::uint32_t count) {
  return count > 0 ? start - 1 : start;
}

// The tree-sitter edits (last first, so that each is in the coordinates of the tree as edited so
// far) that turn `old_text` into `new_text`; nullopt when `edits` do not describe them.
std::optional<std::vector<TSInputEdit>> input_edits(std::string_view old_text,
                                                    std::string_view new_text,
                                                    std::span<const LineEdit> edits) {
  Lines old_lines(old_text);
  Lines new_lines(new_text);
  std::vector<TSInputEdit> out;
  out.reserve(edits.size());
  std::int64_t shift = 0;      // new offset - old offset, before the current edit
  std::uint32_t old_done = 0;  // the old offset up to which the texts were checked to agree
  for (const LineEdit& e : edits) {
    if ((e.old_lines > 0 && e.old_start == 0) || (e.new_lines > 0 && e.new_start == 0))
      return std::nullopt;
    std::size_t old_first = first_line(e.old_start, e.old_lines);
    std::size_t new_first = first_line(e.new_start, e.new_lines);
    if (old_first + e.old_lines > old_lines.count || new_first + e.new_lines > new_lines.count)
      return std::nullopt;
    std::uint32_t old_from = old_lines.offset(old_first);
    std::uint32_t old_to = old_lines.offset(old_first + e.old_lines);
    std::uint32_t new_from = new_lines.offset(new_first);
    std::uint32_t new_to = new_lines.offset(new_first + e.new_lines);
    // The text between two edits is the same in both versions.
    if (old_from < old_done || static_cast<std::int64_t>(old_from) + shift != new_from ||
        old_text.substr(old_done, old_from - old_done) !=
            new_text.substr(static_cast<std::size_t>(old_done + shift), old_from - old_done)) {
      return std::nullopt;
    }
    TSInputEdit edit;
    edit.start_byte = old_from;
    edit.old_end_byte = old_to;
    edit.new_end_byte = old_from + (new_to - new_from);
    edit.start_point = old_lines.point(old_from);
    edit.old_end_point = old_lines.point(old_to);
    TSPoint new_end = new_lines.point(new_to);
    TSPoint new_start = new_lines.point(new_from);
    edit.new_end_point = {edit.start_point.row + (new_end.row - new_start.row),
                          new_end.row == new_start.row
                              ? edit.start_point.column + (new_end.column - new_start.column)
                              : new_end.column};
    out.push_back(edit);
    shift = static_cast<std::int64_t>(new_to) - static_cast<std::int64_t>(old_to);
    old_done = old_to;
  }
  if (static_cast<std::int64_t>(old_text.size()) + shift !=
          static_cast<std::int64_t>(new_text.size()) ||
      old_text.substr(old_done) != new_text.substr(static_cast<std::size_t>(old_done + shift))) {
    return std::nullopt;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

void Parser::use(const Language& language) {
  if (current_ != &language) {
    if (!ts_parser_set_language(parser_.get(), language.ts)) {
      throw Error("the " + std::string(language.name) + " grammar (ABI " +
                  std::to_string(ts_language_abi_version(language.ts)) +
                  ") is not supported by this tree-sitter runtime");
    }
    current_ = &language;
  }
}

Tree Parser::parse(const Language& language, std::string_view source) {
  return Tree(TreePtr(run(language, nullptr, source)), &language);
}

Tree Parser::reparse(const Tree& old, std::string_view old_source, std::string_view source,
                     std::span<const LineEdit> edits) {
  const Language& language = old.language();
  std::optional<std::vector<TSInputEdit>> input = input_edits(old_source, source, edits);
  if (!input || source.size() > UINT32_MAX)
    return parse(language, source);
  TreePtr edited(ts_tree_copy(old.get()));
  for (const TSInputEdit& edit : *input)
    ts_tree_edit(edited.get(), &edit);
  Tree result(TreePtr(run(language, edited.get(), source)), &language);
  // Error recovery can take other paths from an old tree than from scratch: a tree with an
  // error is parsed again from scratch, so that findings never depend on what was cached.
  if (ts_node_has_error(result.root()))
    return parse(language, source);
  return result;
}

bool same_tree(const Tree& a, const Tree& b) {
  TSTreeCursor ca = ts_tree_cursor_new(a.root());
  TSTreeCursor cb = ts_tree_cursor_new(b.root());
  struct Cursors {
    TSTreeCursor& a;
    TSTreeCursor& b;
    ~Cursors() {
      ts_tree_cursor_delete(&a);
      ts_tree_cursor_delete(&b);
    }
  } owned{ca, cb};
  auto same_point = [](TSPoint x, TSPoint y) { return x.row == y.row && x.column == y.column; };
  for (;;) {
    TSNode x = ts_tree_cursor_current_node(&ca);
    TSNode y = ts_tree_cursor_current_node(&cb);
    if (ts_node_symbol(x) != ts_node_symbol(y) || ts_node_start_byte(x) != ts_node_start_byte(y) ||
        ts_node_end_byte(x) != ts_node_end_byte(y) ||
        !same_point(ts_node_start_point(x), ts_node_start_point(y)) ||
        !same_point(ts_node_end_point(x), ts_node_end_point(y)) ||
        ts_node_is_missing(x) != ts_node_is_missing(y) ||
        ts_node_child_count(x) != ts_node_child_count(y)) {
      return false;
    }
    if (ts_tree_cursor_goto_first_child(&ca)) {
      ts_tree_cursor_goto_first_child(&cb);
      continue;
    }
    for (;;) {
      if (ts_tree_cursor_goto_next_sibling(&ca)) {
        ts_tree_cursor_goto_next_sibling(&cb);
        break;
      }
      if (!ts_tree_cursor_goto_parent(&ca))
        return true;
      ts_tree_cursor_goto_parent(&cb);
    }
  }
}

}  // namespace mentor::lang
