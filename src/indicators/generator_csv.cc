#include "indicators/generator_csv.h"

#include <cerrno>
#include <charconv>
#include <cstring>

namespace yuanwu::indicators::gen {
namespace {

constexpr size_t kBufferSize = 1 << 20;

void Two(std::string& out, int v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

CsvOut::~CsvOut() {
  if (file_ != nullptr) std::fclose(file_);
}

Status CsvOut::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr)
    return Status(StatusCode::kUnavailable, "无法写入文件 " + path + "：" + std::strerror(errno),
                  "cannot write " + path + ": " + std::strerror(errno));
  buf_.reserve(kBufferSize + 64 * 1024);
  return Status::Ok();
}

void CsvOut::Flush() {
  if (file_ == nullptr || buf_.empty()) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  bytes_ += static_cast<int64_t>(buf_.size());
  buf_.clear();
}

Status CsvOut::Close() {
  if (file_ == nullptr) return Status::Ok();
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_)
    return Status(StatusCode::kUnavailable, "写入文件 " + path_ + " 失败（磁盘已满？）",
                  "writing " + path_ + " failed (disk full?)");
  return Status::Ok();
}

void CsvOut::Quoted(std::string_view s) {
  buf_.push_back('"');
  for (char c : s) {
    if (c == '"') buf_.push_back('"');
    buf_.push_back(c);
  }
  buf_.push_back('"');
}

void CsvOut::Int(int64_t v) {
  Sep();
  char tmp[24];
  auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, p);
}

void CsvOut::Code(std::string_view prefix, int64_t n, int width) {
  Sep();
  buf_.append(prefix);
  char tmp[24];
  auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, n);
  for (int pad = width - static_cast<int>(p - tmp); pad > 0; --pad) buf_.push_back('0');
  buf_.append(tmp, p);
}

void CsvOut::Money(int64_t fen) {
  Sep();
  if (fen < 0) {
    buf_.push_back('-');
    fen = -fen;
  }
  char tmp[24];
  auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, fen / 100);
  buf_.append(tmp, p);
  buf_.push_back('.');
  Two(buf_, static_cast<int>(fen % 100));
}

void CsvOut::Decimal(int64_t v, int decimals) {
  Sep();
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  char tmp[24];
  auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, v / scale);
  buf_.append(tmp, p);
  int64_t frac = v % scale;
  if (frac == 0) return;
  std::string digits(static_cast<size_t>(decimals), '0');
  for (int i = decimals - 1; i >= 0; --i, frac /= 10)
    digits[i] = static_cast<char>('0' + frac % 10);
  digits.erase(digits.find_last_not_of('0') + 1);
  buf_.push_back('.');
  buf_.append(digits);
}

void CsvOut::Day(const Date& d) {
  Sep();
  Two(buf_, d.year / 100);
  Two(buf_, d.year % 100);
  buf_.push_back('-');
  Two(buf_, d.month);
  buf_.push_back('-');
  Two(buf_, d.day);
}

void CsvOut::DateTime(const Date& d, int seconds_of_day) {
  Day(d);
  buf_.push_back(' ');
  Two(buf_, seconds_of_day / 3600);
  buf_.push_back(':');
  Two(buf_, seconds_of_day / 60 % 60);
  buf_.push_back(':');
  Two(buf_, seconds_of_day % 60);
}

void CsvOut::EndRow() {
  buf_.append("\r\n");
  first_ = true;
  if (buf_.size() >= kBufferSize) Flush();
}

}  // namespace yuanwu::indicators::gen
