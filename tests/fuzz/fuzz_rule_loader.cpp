// Fuzz target: a rule file's YAML text (one document or several, separated by `---`) through
// both stages of rule loading, as a rule file and as a shared utility rule file. A text that
// loads must load the same from its packed form (how the bundled packs are loaded), and each of
// its rules runs over its own examples. mentor::Error is the expected failure; any other
// exception escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "lang/parser.hpp"
#include "rules/rule_loader.hpp"
#include "rules/rule_parser.hpp"
#include "rules/rule_spec_codec.hpp"
#include "rules/rule_tester.hpp"
#include "util/error.hpp"

using namespace mentor;

namespace {

void check_packed(std::string_view text, const std::vector<rules::Rule>& loaded) {
  const std::string file = "fuzz.yaml";
  std::vector<rules::Rule> packed;
  try {
    packed = rules::load_packed_rules(rules::encode_rule_specs(rules::parse_rule_file(text, file)),
                                      file);
  } catch (const Error&) {
    fuzz::fail("rules load from YAML but not from their packed form");
  }
  fuzz::check(packed.size() == loaded.size(), "packed form gives another number of rules");
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    const rules::Rule& a = loaded[i];
    const rules::Rule& b = packed[i];
    fuzz::check(a.id == b.id && a.language == b.language && a.severity == b.severity &&
                    a.message == b.message && a.lesson == b.lesson && a.files == b.files &&
                    a.ignores == b.ignores && a.bad_examples == b.bad_examples &&
                    a.good_examples == b.good_examples && a.origin.line == b.origin.line &&
                    a.origin.column == b.origin.column,
                "packed form gives another rule");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);

  bool loads = false;
  std::vector<rules::Rule> loaded;
  try {
    loaded = rules::load_rules(text, "fuzz.yaml");
    loads = true;
  } catch (const Error&) {
  }
  if (loads) {
    check_packed(text, loaded);
    lang::Parser parser;
    for (const rules::Rule& rule : loaded)
      rules::test_rule_examples(rule, parser);
  }

  try {
    rules::load_shared_utils({rules::UtilFile{std::string(text), "utils.yaml"}});
  } catch (const Error&) {
  }
  return 0;
}
