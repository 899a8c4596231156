// RuleFileSpec to bytes and back. One list of fields per struct (fields() below) drives both
// directions, so the two cannot drift apart.
#include "rules/rule_spec_codec.hpp"

#include <concepts>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace mentor::rules {

namespace {

// "git-mentor rule specs", and the version of the layout below: change it with any field.
constexpr std::string_view kMagic = "GMRS\x05";

template <class T, class U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

// The fields of each struct, in the order they are stored. `T` is the struct, const or not.
template <class V, class T>
requires Is<T, ScalarSpan>
void fields(V& v, T& span) {
  v(span.start);
  v(span.style);
  v(span.content_line);
  v(span.indent);
}

template <class V, class T>
requires Is<T, Text>
void fields(V& v, T& text) {
  v(text.value);
  v(text.span);
}

template <class V, class T>
requires Is<T, PatternSpec>
void fields(V& v, T& pattern) {
  v(pattern.source);
  v(pattern.selector);
  v(pattern.strictness);
}

template <class V, class T>
requires Is<T, RuleSpec>
void fields(V& v, T& rule) {
  v(rule.pos);
  v(rule.pattern);
  v(rule.kind);
  v(rule.regex);
  v(rule.nth_child);
  v(rule.inside);
  v(rule.has);
  v(rule.precedes);
  v(rule.follows);
  v(rule.all);
  v(rule.any);
  v(rule.not_);
  v(rule.matches);
}

template <class V, class T>
requires Is<T, StopBySpec>
void fields(V& v, T& stop_by) {
  v(stop_by.kind);
  v(stop_by.rule);
}

template <class V, class T>
requires Is<T, RelationSpec>
void fields(V& v, T& relation) {
  v(relation.rule);
  v(relation.stop_by);
  v(relation.field);
}

template <class V, class T>
requires Is<T, NthChildSpec>
void fields(V& v, T& nth_child) {
  v(nth_child.position);
  v(nth_child.of_rule);
  v(nth_child.reverse);
}

template <class V, class T>
requires Is<T, NamedRuleSpec>
void fields(V& v, T& named) {
  v(named.name);
  v(named.rule);
}

template <class V, class T>
requires Is<T, FixSpec>
void fields(V& v, T& fix) {
  v(fix.template_text);
  v(fix.expand_start);
  v(fix.expand_end);
}

template <class V, class T>
requires Is<T, TransformSpec>
void fields(V& v, T& transform) {
  v(transform.name);
  v(transform.kind);
  v(transform.source);
  v(transform.start_char);
  v(transform.end_char);
  v(transform.replace);
  v(transform.by);
  v(transform.to_case);
  v(transform.separated_by);
}

template <class V, class T>
requires Is<T, RuleFileSpec>
void fields(V& v, T& spec) {
  v(spec.origin);
  v(spec.id);
  v(spec.language);
  v(spec.severity);
  v(spec.message);
  v(spec.skill);
  v(spec.lesson);
  v(spec.url);
  v(spec.files);
  v(spec.ignores);
  v(spec.bad_examples);
  v(spec.good_examples);
  v(spec.rule);
  v(spec.query);
  v(spec.constraints);
  v(spec.utils);
  v(spec.fix);
  v(spec.transforms);
  v(spec.fixed_examples);
  v(spec.fix_after);
}

// Unsigned numbers are LEB128 varints; ints are zigzag-encoded first.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void number(std::uint64_t n) {
    while (n >= 0x80) {
      out_ += static_cast<char>((n & 0x7f) | 0x80);
      n >>= 7;
    }
    out_ += static_cast<char>(n);
  }

  void operator()(bool b) { out_ += b ? '\1' : '\0'; }
  void operator()(int i) {
    auto n = static_cast<std::int64_t>(i);
    number((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E e) { number(static_cast<std::uint64_t>(e)); }
  void operator()(std::string_view s) {
    number(s.size());
    out_ += s;
  }
  void operator()(const std::string& s) { (*this)(std::string_view(s)); }
  void operator()(const SourcePos& pos) {
    (*this)(!pos.file.empty());
    (*this)(pos.line);
    (*this)(pos.column);
  }
  template <class T>
  void operator()(const std::optional<T>& value) {
    (*this)(value.has_value());
    if (value)
      (*this)(*value);
  }
  template <class T>
  void operator()(const std::unique_ptr<T>& value) {
    (*this)(value != nullptr);
    if (value)
      (*this)(*value);
  }
  template <class T>
  void operator()(const std::vector<T>& values) {
    number(values.size());
    for (const auto& value : values)
      (*this)(value);
  }
  template <class T>
  requires requires(Writer& w, const T& t) { fields(w, t); }
  void operator()(const T& value) { fields(*this, value); }

 private:
  std::string& out_;
};

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}

  bool done() const { return bytes_.empty(); }

  std::uint64_t number() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      auto byte = static_cast<unsigned char>(take(1)[0]);
      n |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        return n;
    }
    throw std::logic_error("packed rules: a number is too long");
  }

  std::string_view take(std::uint64_t size) {
    if (size > bytes_.size())
      throw std::logic_error("packed rules: truncated");
    std::string_view out = bytes_.substr(0, static_cast<std::size_t>(size));
    bytes_.remove_prefix(static_cast<std::size_t>(size));
    return out;
  }

  std::string_view view() { return take(number()); }

  void operator()(bool& b) { b = take(1)[0] != '\0'; }
  void operator()(int& i) {
    std::uint64_t n = number();
    i = static_cast<int>(static_cast<std::int64_t>(n >> 1) ^ -static_cast<std::int64_t>(n & 1));
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E& e) { e = static_cast<E>(number()); }
  void operator()(std::string& s) { s = view(); }
  void operator()(SourcePos& pos) {
    bool has_file = false;
    (*this)(has_file);
    if (has_file)
      pos.file = file_;
    (*this)(pos.line);
    (*this)(pos.column);
  }
  template <class T>
  void operator()(std::optional<T>& value) {
    bool present = false;
    (*this)(present);
    if (present)
      (*this)(value.emplace());
  }
  template <class T>
  void operator()(std::unique_ptr<T>& value) {
    bool present = false;
    (*this)(present);
    if (present) {
      value = std::make_unique<T>();
      (*this)(*value);
    }
  }
  template <class T>
  void operator()(std::vector<T>& values) {
    std::uint64_t count = number();
    if (count > bytes_.size())  // every element takes at least one byte
      throw std::logic_error("packed rules: truncated list");
    values.resize(static_cast<std::size_t>(count));
    for (auto& value : values)
      (*this)(value);
  }
  template <class T>
  requires requires(Reader& r, T& t) { fields(r, t); }
  void operator()(T& value) { fields(*this, value); }

 private:
  std::string_view bytes_;
  const std::string& file_;
};

}  // namespace

// Layout: magic, the number of documents, then for each its language (optional string) and its
// RuleFileSpec as one length-prefixed block, so that a reader can skip it unread.
std::string encode_rule_specs(const std::vector<RuleFileSpec>& specs) {
  std::string out(kMagic);
  Writer writer(out);
  writer.number(specs.size());
  for (const auto& spec : specs) {
    std::optional<std::string_view> language;
    if (spec.language)
      language = spec.language->value;
    writer(language);
    std::string document;
    Writer document_writer(document);
    document_writer(spec);
    writer(document);
  }
  return out;
}

std::vector<PackedDocument> packed_documents(std::string_view packed) {
  if (!packed.starts_with(kMagic))
    throw std::logic_error("packed rules: not made by this version of encode_rule_specs");
  const std::string no_file;
  Reader reader(packed.substr(kMagic.size()), no_file);
  std::uint64_t count = reader.number();
  std::vector<PackedDocument> documents;
  for (std::uint64_t i = 0; i < count; ++i) {
    PackedDocument document;
    bool has_language = false;
    reader(has_language);
    if (has_language)
      document.language = reader.view();
    document.bytes = reader.view();
    documents.push_back(document);
  }
  if (!reader.done())
    throw std::logic_error("packed rules: bytes after the last document");
  return documents;
}

RuleFileSpec decode_rule_spec(const PackedDocument& document, const std::string& file_name) {
  RuleFileSpec spec;
  Reader reader(document.bytes, file_name);
  reader(spec);
  if (!reader.done())
    throw std::logic_error("packed rules: bytes after a document");
  return spec;
}

}  // namespace mentor::rules
