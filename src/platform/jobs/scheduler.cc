#include "platform/jobs/scheduler.h"

#include <spdlog/spdlog.h>

namespace yuanwu::jobs {

void Scheduler::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      (void)RunOnce();
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(interval_seconds_), [this] { return stop_; });
    }
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status Scheduler::RunOnce() {
  Status first;
  for (auto& [name, job] : jobs_) {
    Status s = job(clock_.NowSeconds());
    if (!s.ok()) {
      spdlog::warn("job {} failed: {}", name, s.message());
      if (first.ok()) first = s;
    }
  }
  return first;
}

}  // namespace yuanwu::jobs
