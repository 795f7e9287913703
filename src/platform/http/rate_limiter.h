// A token bucket per client key (IP address), used for anonymous POSTs and sign-in attempts.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "platform/base/clock.h"

namespace yuanwu::http {

class RateLimiter {
 public:
  // Allows `burst` requests at once and refills `per_minute` tokens a minute.
  RateLimiter(const Clock& clock, int burst, int per_minute)
      : clock_(clock), burst_(burst), per_minute_(per_minute) {}
  // Takes a token for `key`; false when the bucket is empty.
  bool Allow(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    int64_t at;
  };
  const Clock& clock_;
  int burst_;
  int per_minute_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace yuanwu::http
