// Streaming CSV: a splitter that finds record ends (serial, cheap) and a parser that turns a
// chunk of whole records into cells (parallel, the expensive part). Both follow ParseCsv in
// csv.cc byte for byte; where they look different it is for speed, not for other semantics.
#include "platform/tabular/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "platform/base/text.h"

namespace yuanwu::tabular {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";  // U+3000, trimmed like ASCII space

// std::isspace in the "C" locale, which Trim (base/text.cc) uses.
constexpr bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Trim (base/text.cc) without the copy; the same loop, so the same result on any input.
std::string_view TrimView(std::string_view s) {
  while (!s.empty()) {
    size_t before = s.size();
    while (!s.empty() && IsAsciiSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && IsAsciiSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    if (s.starts_with(kIdeoSpace)) s.remove_prefix(3);
    if (s.ends_with(kIdeoSpace)) s.remove_suffix(3);
    if (s.size() == before) break;
  }
  return s;
}

// Bytes that end a cell outside quotes.
constexpr std::array<bool, 256> kCellEnd = [] {
  std::array<bool, 256> t{};
  t[','] = t['\n'] = true;
  return t;
}();

// Bytes that end an unquoted cell's fast scan: the separators, and CR, which ParseCsv drops.
constexpr std::array<bool, 256> kUnquotedStop = [] {
  std::array<bool, 256> t{};
  t[','] = t['\n'] = t['\r'] = true;
  return t;
}();

// IsCleanUtf8 (base/text.cc), rule for rule, but fast over ASCII: the chunker checks every byte
// of the file on the one reading thread, so this sets the pace for the parsing threads.
// csv_reader_test and fuzz/csv_reader_fuzz compare outcomes with ParseCsv, which uses
// IsCleanUtf8 itself.
bool CleanUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  while (p < end) {
    // Eight printable ASCII bytes (0x20-0x7E) at a time.
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      uint64_t below_space = (w - kOnes * 0x20) & ~w;  // high bit set where a byte < 0x20
      uint64_t del = (w ^ (kOnes * 0x7F)) - kOnes;     // high bit set where a byte == 0x7F...
      del &= ~(w ^ (kOnes * 0x7F));                    // ...without false positives
      if (((w | below_space | del) & kHigh) != 0) break;
      p += 8;
    }
    if (p == end) break;
    // A run of three-byte characters (all of CJK): Chinese text is most of a 首页's bytes.
    while (end - p >= 3 && (p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 &&
           (p[2] & 0xC0) == 0x80) {
      if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0)) return false;
      p += 3;
    }
    if (p == end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
      ++p;
      continue;
    }
    size_t n = c >= 0xC2 && c <= 0xDF   ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (n == 0 || static_cast<size_t>(end - p) < n) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
    }
    unsigned char c1 = p[1];
    if (n == 3 && c == 0xE0 && c1 < 0xA0) return false;   // overlong
    if (n == 3 && c == 0xED && c1 >= 0xA0) return false;  // surrogates
    if (n == 4 && c == 0xF0 && c1 < 0x90) return false;   // overlong
    if (n == 4 && c == 0xF4 && c1 >= 0x90) return false;  // > U+10FFFF
    p += n;
  }
  return true;
}

// Newlines in s; memchr runs far ahead of a byte loop (std::count is not vectorized at -O2).
int64_t CountNewlines(std::string_view s) {
  int64_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
    ++n;
    ++p;
  }
  return n;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

Status NotUtf8() {
  // The same words as ParseCsv: the importer's help text refers to them.
  return Status::Invalid("file", "文件不是 UTF-8 编码（请另存为 UTF-8 CSV 或使用 XLSX）",
                         "file is not UTF-8 (save as UTF-8 CSV or use XLSX)");
}

Status Unterminated(int64_t line) {
  return Status::Invalid("file", "第" + std::to_string(line) + "行引号未闭合",
                         "line " + std::to_string(line) + ": unterminated quote");
}

Status RecordTooLong(int64_t line, size_t max_bytes, bool in_quotes) {
  bool mib = max_bytes % (size_t{1} << 20) == 0;
  std::string n = std::to_string(mib ? max_bytes >> 20 : max_bytes);
  std::string zh = n + (mib ? " MiB" : " 字节"), en = n + (mib ? " MiB" : " bytes");
  std::string at = std::to_string(line);
  if (in_quotes) {
    return Status::Invalid("file", "第" + at + "行引号未闭合（该单元格超过 " + zh + "）",
                           "line " + at + ": unterminated quote (the cell exceeds " + en + ")");
  }
  return Status::Invalid("file", "第" + at + "行记录超过 " + zh,
                         "line " + at + ": record exceeds " + en);
}

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(std::span<char> out) override {
    while (true) {
      ssize_t n = ::read(fd_, out.data(), out.size());
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      return Status::Invalid("file", "读取文件失败：" + name_,
                             "reading " + name_ + " failed: " + ErrnoText(errno));
    }
  }

 private:
  int fd_;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(std::span<char> out) override {
    size_t n = std::min(out.size(), data_.size() - pos_);
    std::memcpy(out.data(), data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Walks the records of one chunk. Cells go to *cells as views into the chunk or, when the
// value is not a contiguous run of it, into *scratch, which never reallocates while a record's
// views point into it (see UseScratch).
class Cursor {
 public:
  Cursor(std::string_view data, int64_t first_line, std::vector<std::string_view>* cells,
         std::string* scratch)
      : p_(data.data()),
        end_(data.data() + data.size()),
        size_(data.size()),
        line_(first_line),
        cells_(cells),
        scratch_(scratch) {}

  // Reads the next record into *cells; false at the end of the chunk, or on an unterminated
  // quote, which sets *error. `blank`: every cell is empty after trimming.
  bool Next(int64_t* line, bool* blank, Status* error) {
    if (p_ >= end_) return false;
    *line = line_;
    cells_->clear();
    scratch_->clear();
    bool all_blank = true;
    while (true) {
      std::string_view value;
      if (!Cell(&value, error)) return false;
      all_blank = all_blank && (value.empty() || TrimView(value).empty());
      cells_->push_back(value);
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_) {  // '\n'
        ++p_;
        ++line_;
      }
      break;
    }
    *blank = all_blank;
    return true;
  }

  size_t offset() const { return size_ - static_cast<size_t>(end_ - p_); }
  int64_t line() const { return line_; }

 private:
  // A cell value under construction: a view into the chunk while it is one contiguous run,
  // otherwise the tail of scratch_ from `off`.
  struct Value {
    const char* begin = nullptr;
    size_t len = 0;
    bool in_scratch = false;
    size_t off = 0;
  };

  void UseScratch() {
    // The first use in this chunk: grow once to the chunk's size, which bounds what a record can
    // add (every scratch byte is a distinct input byte of the record, and scratch is cleared per
    // record). No view into scratch is live yet, so growing here is safe.
    if (!scratch_ready_) {
      if (scratch_->capacity() < size_) scratch_->reserve(size_);
      scratch_ready_ = true;
    }
  }

  void Append(Value* v, const char* s, size_t n) {
    if (n == 0) return;
    if (!v->in_scratch) {
      if (v->len == 0) {
        v->begin = s;
        v->len = n;
        return;
      }
      if (v->begin + v->len == s) {
        v->len += n;
        return;
      }
      UseScratch();
      v->in_scratch = true;
      v->off = scratch_->size();
      scratch_->append(v->begin, v->len);
    }
    scratch_->append(s, n);
  }

  std::string_view View(const Value& v) const {
    if (v.in_scratch) return std::string_view(scratch_->data() + v.off, scratch_->size() - v.off);
    return std::string_view(v.begin, v.len);
  }

  void Clear(Value* v) {
    if (v->in_scratch) scratch_->resize(v->off);
    *v = Value{};
  }

  // One cell from p_; leaves p_ at the ',' or '\n' that ends it, or at the end.
  bool Cell(std::string_view* out, Status* error) {
    // While a cell holds only whitespace a quote opens a quoted cell (ParseCsv:
    // `c == '"' && Trim(cell).empty()`).
    const char* start = p_;
    while (p_ < end_) {
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c != '\n' && IsAsciiSpace(c)) {
        ++p_;
      } else if (c == 0xE3 && end_ - p_ >= 3 && p_[1] == '\x80' && p_[2] == '\x80') {
        p_ += 3;
      } else {
        break;
      }
    }
    if (p_ < end_ && *p_ == '"') return Quoted(out, error);

    // Unquoted: up to ',' or '\n'; a quote is an ordinary character from here on. CR is
    // dropped wherever it is, so a cell with one inside is copied without it.
    bool cr = false;
    while (true) {
      while (p_ < end_ && !kUnquotedStop[static_cast<unsigned char>(*p_)]) ++p_;
      if (p_ < end_ && *p_ == '\r') {
        cr = true;
        ++p_;
        continue;
      }
      break;
    }
    std::string_view value = TrimView(std::string_view(start, static_cast<size_t>(p_ - start)));
    if (cr && value.find('\r') != std::string_view::npos) {
      UseScratch();
      size_t off = scratch_->size();
      for (char c : value) {
        if (c != '\r') scratch_->push_back(c);
      }
      value = std::string_view(scratch_->data() + off, scratch_->size() - off);
    }
    *out = value;
    return true;
  }

  // A quoted cell from the '"' at p_: kept as written (not trimmed), with "" as one quote and
  // whatever follows the closing quote up to the separator appended (CR dropped), as ParseCsv.
  bool Quoted(std::string_view* out, Status* error) {
    Value v;
    while (true) {
      int64_t quote_line = line_;
      ++p_;  // the opening quote
      while (true) {
        const char* q =
            static_cast<const char*>(std::memchr(p_, '"', static_cast<size_t>(end_ - p_)));
        if (q == nullptr) {
          *error = Unterminated(quote_line);
          p_ = end_;
          return false;
        }
        line_ += CountNewlines(std::string_view(p_, static_cast<size_t>(q - p_)));
        if (q + 1 < end_ && q[1] == '"') {
          Append(&v, p_, static_cast<size_t>(q + 1 - p_));  // keeps one of the two quotes
          p_ = q + 2;
          continue;
        }
        Append(&v, p_, static_cast<size_t>(q - p_));
        p_ = q + 1;
        break;
      }
      bool reopened = false;
      while (p_ < end_ && *p_ != ',' && *p_ != '\n') {
        if (*p_ == '\r') {
          ++p_;
        } else if (*p_ == '"' && TrimView(View(v)).empty()) {
          Clear(&v);  // ParseCsv clears the cell and opens a new quoted run
          reopened = true;
          break;
        } else {
          Append(&v, p_, 1);
          ++p_;
        }
      }
      if (!reopened) break;
    }
    *out = View(v);
    return true;
  }

  const char* p_;
  const char* end_;
  size_t size_;
  int64_t line_;
  std::vector<std::string_view>* cells_;
  std::string* scratch_;
  bool scratch_ready_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  std::string name = BaseName(path);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return Status::Invalid("file", "找不到文件：" + name, "file not found: " + name);
    }
    return Status::Invalid("file", "无法读取文件：" + name,
                           "cannot read " + name + ": " + ErrnoText(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::Invalid("file", "无法读取文件：" + name, "cannot read " + name + ": not a file");
  }
  return std::unique_ptr<ByteSource>(std::make_unique<FileSource>(fd, std::move(name)));
}

std::unique_ptr<ByteSource> StringSource(std::string data) {
  return std::make_unique<MemorySource>(std::move(data));
}

CsvChunker::CsvChunker(std::unique_ptr<ByteSource> source, CsvChunkerOptions options)
    : source_(std::move(source)), options_(options) {
  options_.chunk_bytes = std::max<size_t>(options_.chunk_bytes, 1);
  options_.max_record_bytes = std::max(options_.max_record_bytes, options_.chunk_bytes);
}

Result<CsvChunker> CsvChunker::FromSource(std::unique_ptr<ByteSource> source,
                                          CsvChunkerOptions options) {
  CsvChunker chunker(std::move(source), options);
  YW_RETURN_IF_ERROR(chunker.ReadHeader());
  return chunker;
}

Result<CsvChunker> CsvChunker::OpenFile(const std::string& path, CsvChunkerOptions options) {
  YW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source, OpenFileSource(path));
  return FromSource(std::move(source), options);
}

Result<CsvChunker> CsvChunker::FromString(std::string data, CsvChunkerOptions options) {
  return FromSource(StringSource(std::move(data)), options);
}

Status CsvChunker::ReadHeader() {
  std::vector<std::string_view> cells;
  std::string scratch;
  CsvChunk chunk;
  while (true) {
    YW_ASSIGN_OR_RETURN(bool more, NextRaw(&chunk));
    if (!more) return Status::Invalid("file", "文件为空", "file is empty");
    Cursor cursor(chunk.data, chunk.first_line, &cells, &scratch);
    int64_t line = 0;
    bool blank = true;
    Status error;
    while (cursor.Next(&line, &blank, &error)) {
      if (blank) continue;
      for (std::string_view cell : cells) header_.emplace_back(TrimView(cell));
      header_line_ = line;
      pending_.data.assign(chunk.data, cursor.offset());
      pending_.first_line = cursor.line();
      has_pending_ = !pending_.data.empty();
      return Status::Ok();
    }
    YW_RETURN_IF_ERROR(error);  // not expected: NextRaw refuses unterminated quotes
  }
}

Status CsvChunker::Fill(size_t target) {
  if (!bom_checked_) target = std::max(target, kBom.size());
  while (!eof_ && buf_.size() < target) {
    size_t old = buf_.size();
    buf_.resize(target);
    Result<size_t> n = source_->Read(std::span<char>(buf_.data() + old, target - old));
    if (!n.ok()) {
      buf_.resize(old);
      return n.status();
    }
    buf_.resize(old + *n);
    bytes_read_ += static_cast<int64_t>(*n);
    if (*n == 0) eof_ = true;
  }
  if (!bom_checked_ && (buf_.size() >= kBom.size() || eof_)) {
    bom_checked_ = true;
    if (std::string_view(buf_).starts_with(kBom)) buf_.erase(0, kBom.size());
  }
  return Status::Ok();
}

void CsvChunker::Scan() {
  const char* d = buf_.data();
  const size_t n = buf_.size();
  size_t i = scanned_;
  Splitter s = split_;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(d[i]);
    if (s.in_quotes) {
      if (s.quote_pending) {
        s.quote_pending = false;
        if (c == '"') {  // "" inside quotes: one literal quote
          s.blank = false;
          ++i;
        } else {
          s.in_quotes = false;  // closed; this byte is read again outside quotes
        }
        continue;
      }
      if (c == '"') {
        s.quote_pending = true;
        ++i;
        continue;
      }
      if (!s.blank) {  // only the next quote matters now
        const void* q = std::memchr(d + i, '"', n - i);
        i = q != nullptr ? static_cast<size_t>(static_cast<const char*>(q) - d) : n;
        continue;
      }
    } else {
      if (c == '\n') {
        last_end_ = i + 1;
        s.blank = true;
        s.ideo = 0;
        ++i;
        continue;
      }
      if (c == ',') {
        s.blank = true;
        s.ideo = 0;
        ++i;
        continue;
      }
      if (c == '\r') {  // dropped by ParseCsv, so not part of the cell
        ++i;
        continue;
      }
      if (c == '"' && s.blank && s.ideo == 0) {
        s.in_quotes = true;
        quote_start_ = i;
        ++i;
        continue;
      }
      if (!s.blank) {  // only the next separator matters now
        while (i < n && !kCellEnd[static_cast<unsigned char>(d[i])]) ++i;
        continue;
      }
    }
    // A cell byte while the cell is still blank (quoted or not): is it still blank?
    if (s.ideo == 0) {
      if (c == 0xE3) {
        s.ideo = 1;
      } else if (!IsAsciiSpace(c)) {
        s.blank = false;
      }
    } else if (c == 0x80) {
      s.ideo = s.ideo == 2 ? 0 : s.ideo + 1;
    } else {
      s.blank = false;
      s.ideo = 0;
      continue;  // this byte may itself be a separator or quote: read it again
    }
    ++i;
  }
  split_ = s;
  scanned_ = n;
}

int64_t CsvChunker::LineAt(size_t offset) const {
  return next_line_ + CountNewlines(std::string_view(buf_).substr(0, offset));
}

Result<bool> CsvChunker::NextRaw(CsvChunk* chunk) {
  while (true) {
    Scan();
    if (eof_) break;
    if (last_end_ > 0 && buf_.size() >= options_.chunk_bytes) break;
    if (last_end_ == 0 && buf_.size() > options_.max_record_bytes) {
      bool quoted = split_.in_quotes;
      return RecordTooLong(quoted ? LineAt(quote_start_) : next_line_, options_.max_record_bytes,
                           quoted);
    }
    size_t target = buf_.size() < options_.chunk_bytes ? options_.chunk_bytes
                                                       : buf_.size() + options_.chunk_bytes;
    YW_RETURN_IF_ERROR(Fill(target));
  }
  size_t end = last_end_;
  if (eof_) {
    if (split_.in_quotes && !split_.quote_pending) return Unterminated(LineAt(quote_start_));
    end = buf_.size();  // the last record may lack its newline
  }
  if (end == 0) return false;
  // The chunk takes the buffer as it is; the unfinished record moves to the chunk's old storage
  // (reused if the caller hands the same CsvChunk back). One copy of the tail, not of the chunk.
  chunk->data.assign(buf_, end);
  chunk->data.swap(buf_);
  chunk->data.resize(end);
  chunk->first_line = next_line_;
  next_line_ += CountNewlines(chunk->data);
  scanned_ -= end;
  last_end_ = 0;
  quote_start_ = quote_start_ >= end ? quote_start_ - end : 0;
  // Chunks end after a newline, never inside a UTF-8 sequence, so each is checked on its own.
  if (!CleanUtf8(chunk->data)) return NotUtf8();
  return true;
}

Result<bool> CsvChunker::Next(CsvChunk* chunk) {
  if (has_pending_) {
    has_pending_ = false;
    chunk->data.swap(pending_.data);
    chunk->first_line = pending_.first_line;
    pending_ = CsvChunk{};
    return true;
  }
  return NextRaw(chunk);
}

Status CsvChunkParser::Parse(const CsvChunk& chunk, const CsvRecordFn& fn) {
  Cursor cursor(chunk.data, chunk.first_line, &cells_, &scratch_);
  int64_t line = 0;
  bool blank = true;
  Status error;
  while (cursor.Next(&line, &blank, &error)) {
    if (blank) continue;
    YW_RETURN_IF_ERROR(fn(line, cells_));
  }
  return error;
}

Status ParseCsvChunk(const CsvChunk& chunk, const CsvRecordFn& fn) {
  CsvChunkParser parser;
  return parser.Parse(chunk, fn);
}

}  // namespace yuanwu::tabular
