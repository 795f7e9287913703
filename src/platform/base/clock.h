// Clock: the only source of "now". Production uses SystemClock; tests use a FakeClock they move.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace yuanwu {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that tests (and the server's test-only --clock-offset) control.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(const Clock& base) : base_(base) {}
  int64_t NowSeconds() const override { return base_.NowSeconds() + offset_.load(); }
  void Advance(int64_t seconds) { offset_ += seconds; }

 private:
  const Clock& base_;
  std::atomic<int64_t> offset_{0};
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Set(int64_t now) { now_ = now; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace yuanwu
