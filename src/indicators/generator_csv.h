// A buffered RFC 4180 writer for the generator: rows are appended to a 1 MiB buffer that is
// written out when full, so a file of any size costs constant memory. Fields are separated
// automatically; EndRow writes CRLF. Internal to generator*.cc.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "platform/base/status.h"
#include "platform/base/time.h"

namespace yuanwu::indicators::gen {

class CsvOut {
 public:
  CsvOut() = default;
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;
  ~CsvOut();

  Status Open(const std::string& path);
  // Flushes and closes; reports any write error since Open. Idempotent.
  Status Close();
  int64_t bytes() const { return bytes_ + static_cast<int64_t>(buf_.size()); }

  // Text, quoted only when it holds a comma, quote, CR or LF.
  void Text(std::string_view s) {
    Sep();
    if (Plain(s)) {
      buf_.append(s);
    } else {
      Quoted(s);
    }
  }
  void Empty() { Sep(); }
  // prefix + n zero-padded to `width` digits, e.g. Code("MZ20250101", 17, 6) → MZ20250101000017.
  void Code(std::string_view prefix, int64_t n, int width);
  void Int(int64_t v);
  void Money(int64_t fen);                // "123.45"
  void Decimal(int64_t v, int decimals);  // v / 10^decimals without trailing zeros: "4.5", "18"
  void Day(const Date& d);                // "YYYY-MM-DD"
  void DateTime(const Date& d, int seconds_of_day);  // "YYYY-MM-DD HH:MM:SS"
  void EndRow();

 private:
  // No comma, quote, CR or LF. A plain loop: string_view::find_first_of calls memchr once per
  // character, which was the generator's hottest spot on long Chinese addresses.
  static bool Plain(std::string_view s) {
    for (char c : s)
      if (c == ',' || c == '"' || c == '\r' || c == '\n') return false;
    return true;
  }
  void Sep() {
    if (!first_) buf_.push_back(',');
    first_ = false;
  }
  void Quoted(std::string_view s);
  void Flush();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buf_;
  int64_t bytes_ = 0;
  bool first_ = true;
  bool failed_ = false;
};

}  // namespace yuanwu::indicators::gen
