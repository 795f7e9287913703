// FileClock: "now" read from a file, for black-box tests of things that happen on a date — a
// complaint escalating the day after its deadline, across a 调休 weekend. The file holds one
// timestamp ("2026-10-10T09:00:00+08:00"); from the moment the clock reads it, time runs on at
// the real rate, so sessions and timeouts behave normally. Rewriting the file moves the clock.
// A missing or unreadable file means the system clock. Only `yuanwu --clock-file` creates one;
// production never does.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "platform/base/clock.h"

namespace yuanwu {

class FileClock final : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  int64_t NowSeconds() const override;

 private:
  std::string path_;
  SystemClock system_;
  mutable std::mutex mu_;
  mutable std::string last_text_;
  mutable int64_t offset_ = 0;  // file time − system time when the file was read
};

}  // namespace yuanwu
