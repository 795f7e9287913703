#include "platform/http/rate_limiter.h"

#include <algorithm>

namespace yuanwu::http {

bool RateLimiter::Allow(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t now = clock_.NowSeconds();
  if (buckets_.size() > 100000) buckets_.clear();  // bound memory under address churn
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{static_cast<double>(burst_), now});
  Bucket& b = it->second;
  b.tokens = std::min<double>(burst_, b.tokens + (now - b.at) * per_minute_ / 60.0);
  b.at = now;
  if (b.tokens < 1.0 - 1e-9) return false;  // 0.1 added ten times is 0.9999999999999999
  b.tokens -= 1.0;
  return true;
}

}  // namespace yuanwu::http
