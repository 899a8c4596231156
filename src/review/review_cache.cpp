// Reviews of commits kept between runs.
#include "review/review_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>
#include <vector>

#include "git/notes_ref.hpp"
#include "review/file_review.hpp"

namespace mentor::review {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "git-mentor review cache 2\n";

// This executable's size and modification time: a rebuilt program does not trust what an
// earlier build stored, whatever its version says.
std::string executable_identity() {
  struct stat st {};
  if (::stat("/proc/self/exe", &st) != 0)
    return "unknown";
  return std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// Fields as "<length>:<bytes>", so that any byte may be in them.
class Writer {
 public:
  void text(std::string_view s) { out_.append(std::to_string(s.size())).append(1, ':').append(s); }
  void number(std::uint64_t n) { text(std::to_string(n)); }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool text(std::string& s) {
    std::size_t length = 0;
    auto [end, ec] = std::from_chars(in_.data(), in_.data() + in_.size(), length);
    if (ec != std::errc() || end == in_.data() + in_.size() || *end != ':')
      return false;
    std::size_t skip = static_cast<std::size_t>(end - in_.data()) + 1;
    if (length > in_.size() - skip)
      return false;
    s.assign(in_.substr(skip, length));
    in_.remove_prefix(skip + length);
    return true;
  }
  template <typename N>
  bool number(N& n) {
    std::string s;
    if (!text(s))
      return false;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() ||
        static_cast<std::uint64_t>(static_cast<N>(value)) != value)
      return false;
    n = static_cast<N>(value);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

std::string encode(const CommitReview& review) {
  Writer w;
  const git::CommitInfo& c = review.commit;
  w.text(c.id);
  w.text(c.author_name);
  w.text(c.author_email);
  w.number(static_cast<std::uint64_t>(c.author_time));
  w.text(c.summary);
  w.number(c.parents.size());
  for (const auto& parent : c.parents)
    w.text(parent);
  w.number(review.findings.size());
  for (const Finding& f : review.findings) {
    w.text(f.rule->id);
    w.text(f.message);
    w.text(f.path);
    w.number(f.line);
    w.number(f.column);
    w.number(f.end_line);
    w.number(f.end_column);
    w.text(f.commit);
    w.text(f.author);
    w.text(f.fingerprint);
    w.text(f.source_line);
    w.text(f.code);
    w.number(f.suppressed ? 1 : 0);
    w.text(f.suppression_reason);
    w.number(f.fix ? 1 : 0);
    if (f.fix) {
      const Fix& x = *f.fix;
      for (std::uint32_t n : {x.start_byte, x.end_byte, x.line, x.column, x.end_line, x.end_column})
        w.number(n);
      for (const std::string* t : {&x.original, &x.replacement, &x.old_lines, &x.new_lines})
        w.text(*t);
    }
  }
  w.number(review.skipped.size());
  for (const auto& s : review.skipped) {
    w.text(s.path);
    w.text(s.reason);
  }
  w.number(review.paths.size());
  for (const auto& path : review.paths)
    w.text(path);
  return std::move(w.out());
}

const rules::Rule* rule_named(const RuleSet& rules, std::string_view id) {
  if (const rules::Rule* rule = rules.find(id))
    return rule;
  const rules::Rule& unused = unused_suppression_rule();
  return id == unused.id ? &unused : nullptr;
}

std::optional<CommitReview> decode(std::string_view payload, const RuleSet& rules) {
  Reader r(payload);
  CommitReview review;
  git::CommitInfo& c = review.commit;
  std::uint64_t time = 0;
  std::size_t count = 0;
  if (!r.text(c.id) || !r.text(c.author_name) || !r.text(c.author_email) || !r.number(time) ||
      !r.text(c.summary) || !r.number(count)) {
    return std::nullopt;
  }
  c.author_time = static_cast<std::int64_t>(time);
  for (std::size_t i = 0; i < count; ++i) {
    if (!r.text(c.parents.emplace_back()))
      return std::nullopt;
  }
  if (!r.number(count))
    return std::nullopt;
  for (std::size_t i = 0; i < count; ++i) {
    Finding& f = review.findings.emplace_back();
    std::string id;
    unsigned suppressed = 0;
    if (!r.text(id) || !r.text(f.message) || !r.text(f.path) || !r.number(f.line) ||
        !r.number(f.column) || !r.number(f.end_line) || !r.number(f.end_column) ||
        !r.text(f.commit) || !r.text(f.author) || !r.text(f.fingerprint) ||
        !r.text(f.source_line) || !r.text(f.code) || !r.number(suppressed) ||
        !r.text(f.suppression_reason)) {
      return std::nullopt;
    }
    f.rule = rule_named(rules, id);
    if (f.rule == nullptr)
      return std::nullopt;
    f.suppressed = suppressed != 0;
    unsigned has_fix = 0;
    if (!r.number(has_fix) || has_fix > 1)
      return std::nullopt;
    if (has_fix != 0) {
      Fix& x = f.fix.emplace();
      if (!r.number(x.start_byte) || !r.number(x.end_byte) || !r.number(x.line) ||
          !r.number(x.column) || !r.number(x.end_line) || !r.number(x.end_column) ||
          !r.text(x.original) || !r.text(x.replacement) || !r.text(x.old_lines) ||
          !r.text(x.new_lines)) {
        return std::nullopt;
      }
    }
  }
  if (!r.number(count))
    return std::nullopt;
  for (std::size_t i = 0; i < count; ++i) {
    git::SkippedFile& s = review.skipped.emplace_back();
    if (!r.text(s.path) || !r.text(s.reason))
      return std::nullopt;
  }
  if (!r.number(count))
    return std::nullopt;
  for (std::size_t i = 0; i < count; ++i) {
    if (!r.text(review.paths.emplace_back()))
      return std::nullopt;
  }
  if (!r.done())
    return std::nullopt;
  return review;
}

// "<key>\n<commit>\n<payload size> <payload blob id>\n"
std::string header(const std::string& key, std::string_view commit, std::string_view payload) {
  return std::string(kMagic) + key + "\n" + std::string(commit) + "\n" +
         std::to_string(payload.size()) + " " + git::blob_id(payload) + "\n";
}

bool is_entry_name(const std::string& name) {
  return name.size() == 40 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

ReviewCache::ReviewCache(std::string directory, const RuleSet& rules, const ReviewOptions& options)
    : directory_(std::move(directory)), rules_(rules) {
  std::string what = std::string("git-mentor ") + GIT_MENTOR_VERSION + "\n" +
                     executable_identity() + "\nrules " + rules.source_digest() + "\nscope " +
                     std::to_string(static_cast<int>(options.scope)) + "\nmax_file_bytes " +
                     std::to_string(options.max_file_bytes) + "\n";
  for (const auto& glob : options.ignores)
    what.append("ignore ").append(glob).append(1, '\n');
  if (options.languages != nullptr)
    what.append(options.languages->describe());
  key_ = git::blob_id(what);
}

std::optional<CommitReview> ReviewCache::find(const std::string& commit) const {
  if (!is_entry_name(commit))
    return std::nullopt;
  fs::path path = fs::path(directory_) / commit;
  std::error_code ec;
  std::uintmax_t file_size = fs::file_size(path, ec);
  if (ec || file_size > kMaxEntryBytes + 4096)
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string data(static_cast<std::size_t>(file_size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  std::string_view rest = data;
  auto line = [&rest]() -> std::optional<std::string_view> {
    std::size_t newline = rest.find('\n');
    if (newline == std::string_view::npos)
      return std::nullopt;
    std::string_view l = rest.substr(0, newline);
    rest.remove_prefix(newline + 1);
    return l;
  };
  if (!rest.starts_with(kMagic))
    return std::nullopt;
  rest.remove_prefix(kMagic.size());
  auto key = line();
  auto id = line();
  auto sizes = line();
  if (!key || *key != key_ || !id || *id != commit || !sizes)
    return std::nullopt;
  std::size_t space = sizes->find(' ');
  std::size_t size = 0;
  if (space == std::string_view::npos ||
      std::from_chars(sizes->data(), sizes->data() + space, size).ec != std::errc() ||
      size != rest.size() || sizes->substr(space + 1) != git::blob_id(rest)) {
    return std::nullopt;
  }
  std::optional<CommitReview> review = decode(rest, rules_);
  if (review && review->commit.id != commit)
    return std::nullopt;
  return review;
}

void ReviewCache::store(const CommitReview& review) {
  if (!is_entry_name(review.commit.id))
    return;
  std::string payload = encode(review);
  if (payload.size() > kMaxEntryBytes)
    return;
  std::error_code ec;
  fs::create_directories(directory_, ec);
  if (ec)
    return;
  static std::atomic<unsigned> counter{0};
  fs::path temporary = fs::path(directory_) /
                       (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    std::string head = header(key_, review.commit.id, payload);
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, fs::path(directory_) / review.commit.id, ec);
  if (ec) {
    fs::remove(temporary, ec);
  }
}

void ReviewCache::trim() const {
  struct Entry {
    fs::file_time_type time;
    std::uintmax_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (fs::directory_iterator it(directory_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code stat_ec;
    std::uintmax_t size = it->file_size(stat_ec);
    fs::file_time_type time = it->last_write_time(stat_ec);
    if (stat_ec)
      continue;  // removed meanwhile
    // Entries and the temporary files of writers that died (or are still writing: their rename
    // then fails, which store() ignores).
    entries.push_back({time, size, it->path()});
    bytes += size;
  }
  if (entries.size() <= kMaxEntries && bytes <= kMaxBytes)
    return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.time < b.time; });
  std::size_t count = entries.size();
  for (const Entry& e : entries) {
    if (count <= kMaxEntries * 3 / 4 && bytes <= kMaxBytes * 3 / 4)
      break;
    std::error_code remove_ec;
    fs::remove(e.path, remove_ec);
    --count;
    bytes -= e.size;
  }
}

}  // namespace mentor::review
