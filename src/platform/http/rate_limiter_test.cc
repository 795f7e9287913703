#include "platform/http/rate_limiter.h"

#include <gtest/gtest.h>

namespace yuanwu::http {
namespace {

constexpr int64_t kStart = 1795356909;

TEST(RateLimiterTest, AllowsABurstThenRefuses) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 3, 6);
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
}

TEST(RateLimiterTest, RefillsAtThePerMinuteRate) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 3, 6);  // one token every 10 s
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.Allow("a"));
  ASSERT_FALSE(limiter.Allow("a"));
  clock.Advance(9);
  EXPECT_FALSE(limiter.Allow("a"));  // 0.9 tokens
  clock.Advance(1);
  EXPECT_TRUE(limiter.Allow("a"));  // 1.0 token
  EXPECT_FALSE(limiter.Allow("a"));
  clock.Advance(20);
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

TEST(RateLimiterTest, RefusedAttemptsDoNotDelayTheRefill) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 1, 6);
  ASSERT_TRUE(limiter.Allow("a"));
  for (int s = 0; s < 9; ++s) {
    clock.Advance(1);
    EXPECT_FALSE(limiter.Allow("a")) << "after " << s + 1 << " s";
  }
  clock.Advance(1);
  EXPECT_TRUE(limiter.Allow("a"));
}

TEST(RateLimiterTest, RefillNeverExceedsTheBurst) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 2, 60);
  ASSERT_TRUE(limiter.Allow("a"));
  clock.Advance(24 * 3600);
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

TEST(RateLimiterTest, KeysHaveSeparateBuckets) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 1, 1);
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  EXPECT_TRUE(limiter.Allow("10.0.0.2"));
  EXPECT_TRUE(limiter.Allow("login:zhangsan"));
}

TEST(RateLimiterTest, ZeroBurstRefusesEverything) {
  FakeClock clock(kStart);
  RateLimiter limiter(clock, 0, 60);
  EXPECT_FALSE(limiter.Allow("a"));
  clock.Advance(60);
  EXPECT_FALSE(limiter.Allow("a"));
}

}  // namespace
}  // namespace yuanwu::http
