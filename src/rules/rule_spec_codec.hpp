// The stage-one structs of a rule file (RuleFileSpec) in a compact binary form: the bundled packs
// are parsed from YAML at build time (tools/pack_rules.cpp) and stored this way, so that loading
// them skips the YAML parser and goes straight to stage two.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_spec.hpp"

namespace mentor::rules {

// The packed form of the documents of one rule file, in order. Positions keep line and column;
// the file name is given back when decoding.
std::string encode_rule_specs(const std::vector<RuleFileSpec>& specs);

// One document of a packed rule file: its `language:` as written (nullopt when it has none),
// readable without decoding the document, and the document's bytes for decode_rule_spec.
struct PackedDocument {
  std::optional<std::string_view> language;
  std::string_view bytes;
};

// The documents of `packed` (made by encode_rule_specs), pointing into it. Throws
// std::logic_error when `packed` is not that: the packs are built with the binary, so a mismatch
// is a build error, never a user's.
std::vector<PackedDocument> packed_documents(std::string_view packed);

// The spec that `document` holds, with `file_name` in every position that had a file. Throws
// std::logic_error on malformed bytes.
RuleFileSpec decode_rule_spec(const PackedDocument& document, const std::string& file_name);

}  // namespace mentor::rules
