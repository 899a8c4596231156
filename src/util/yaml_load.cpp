// YAML from untrusted text.
#include "util/yaml_load.hpp"

#include <sstream>
#include <string>
#include <utility>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace mentor::util {

namespace {

SourcePos position(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null())
    return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Walks every document with an explicit stack, as a consumer would (aliases expanded), and
// throws at the first node past either bound.
void check_bounds(const std::vector<YAML::Node>& documents, const std::string& file) {
  std::size_t visited = 0;
  std::vector<std::pair<YAML::Node, std::size_t>> stack;  // a node and its depth
  for (const auto& document : documents) {
    stack.emplace_back(document, 0);
    while (!stack.empty()) {
      auto [node, depth] = std::move(stack.back());
      stack.pop_back();
      if (++visited > kMaxYamlNodes) {
        throw Error("YAML too large: more than " + std::to_string(kMaxYamlNodes) +
                        " nodes once aliases are expanded",
                    position(node.Mark(), file));
      }
      if (node.IsSequence() || node.IsMap()) {
        if (depth + 1 > kMaxYamlDepth) {
          throw Error("YAML nests deeper than " + std::to_string(kMaxYamlDepth) + " levels",
                      position(node.Mark(), file));
        }
      }
      if (node.IsSequence()) {
        for (const auto& item : node)
          stack.emplace_back(item, depth + 1);
      } else if (node.IsMap()) {
        for (const auto& entry : node) {
          stack.emplace_back(entry.first, depth + 1);
          stack.emplace_back(entry.second, depth + 1);
        }
      }
    }
  }
}

// yaml-cpp 0.7's LoadAll never returns on some malformed text (a `,` or `,}` at the top level):
// its parser reports an empty document without consuming the token, again and again, each time
// a new node. So the same parser runs first with a handler that only notes where each document
// starts: a document that starts where the one before it did is that loop, refused here.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  YAML::Mark start = YAML::Mark::null_mark();
};

void check_documents_end(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  int previous = -1;
  while (parser.HandleNextDocument(starts)) {
    if (starts.start.pos == previous)
      throw Error("invalid YAML: a token that starts no node", position(starts.start, file));
    previous = starts.start.pos;
  }
}

}  // namespace

std::vector<YAML::Node> load_yaml_documents(std::string_view text, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    const std::string owned(text);
    check_documents_end(owned, file);
    documents = YAML::LoadAll(owned);
  } catch (const YAML::DeepRecursion& e) {
    throw Error("YAML nests deeper than " + std::to_string(kMaxYamlDepth) + " levels",
                position(e.mark, file));
  } catch (const YAML::Exception& e) {
    throw Error("invalid YAML: " + e.msg, position(e.mark, file));
  }
  check_bounds(documents, file);
  return documents;
}

YAML::Node load_yaml(std::string_view text, const std::string& file) {
  std::vector<YAML::Node> documents = load_yaml_documents(text, file);
  return documents.empty() ? YAML::Node() : documents.front();
}

}  // namespace mentor::util
