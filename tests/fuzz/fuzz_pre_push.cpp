// Fuzz target: what git writes on the pre-push hook's standard input, "<local ref> <local sha>
// <remote ref> <remote sha>" per line. A line with another number of fields is a mentor::Error
// at its line; every ref read has its four fields, none empty or holding a blank.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "cli/pre_push_input.hpp"
#include "fuzz_support.hpp"
#include "util/error.hpp"

using namespace mentor;

namespace {

bool is_field(const std::string& field) {
  return !field.empty() && field.find_first_of(" \t\n\v\f\r") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  std::istringstream in{std::string(text)};
  try {
    std::vector<git::PushedRef> refs = cli::read_pre_push_input(in);
    std::size_t lines = 0;
    for (char c : text)
      lines += c == '\n' ? 1 : 0;
    fuzz::check(refs.size() <= lines + 1, "more refs than lines");
    for (const git::PushedRef& ref : refs) {
      fuzz::check(is_field(ref.local_ref) && is_field(ref.local_sha) && is_field(ref.remote_ref) &&
                      is_field(ref.remote_sha),
                  "a ref with an empty field or a blank in one");
    }
  } catch (const Error& e) {
    fuzz::check(e.pos().file == "<stdin>" && e.pos().line >= 1, "an error without its line");
  }
  return 0;
}
