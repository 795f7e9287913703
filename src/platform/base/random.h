// Randomness comes through this interface so tests can make tokens predictable.
#pragma once

#include <string>

namespace yuanwu {

class Random {
 public:
  virtual ~Random() = default;
  // `n` random bytes as 2n lowercase hex characters.
  virtual std::string Hex(size_t n) = 0;
};

// libsodium's randombytes (the OS CSPRNG).
class SecureRandom final : public Random {
 public:
  std::string Hex(size_t n) override;
};

}  // namespace yuanwu
