// Scheduler: runs registered jobs on a background thread every `interval_seconds`
// (publishing scheduled items, expiring old ones, flushing view counters).
// Jobs get "now" from the injected Clock; a failing job is logged and retried next tick.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/base/clock.h"
#include "platform/base/status.h"

namespace yuanwu::jobs {

using Job = std::function<Status(int64_t now)>;

class Scheduler {
 public:
  Scheduler(const Clock& clock, int interval_seconds)
      : clock_(clock), interval_seconds_(interval_seconds) {}
  ~Scheduler() { Stop(); }

  // REQUIRES: called before Start().
  void Add(std::string name, Job job) { jobs_.push_back({std::move(name), std::move(job)}); }
  void Start();
  void Stop();
  // Runs every job once, now, on the calling thread (CLI and tests).
  Status RunOnce();

 private:
  const Clock& clock_;
  int interval_seconds_;
  std::vector<std::pair<std::string, Job>> jobs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace yuanwu::jobs
