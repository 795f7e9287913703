// The generator's random numbers: SplitMix64 with hand-written distributions. The standard
// library's distributions are implementation-defined, so they would make the demo files differ
// between standard libraries; these do not. Internal to generator*.cc.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace yuanwu::indicators::gen {

inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // An independent stream for (seed, stream): the same pair always gives the same numbers.
  static Rng Stream(uint64_t seed, uint64_t stream) {
    return Rng(Mix64(seed ^ Mix64(stream + 0x9e3779b97f4a7c15ULL)));
  }

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return Mix64(state_);
  }
  // [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // [0, n), n > 0 (Lemire's multiply-shift; the bias is far below anything visible here).
  int64_t Below(int64_t n) {
    return static_cast<int64_t>(
        (static_cast<unsigned __int128>(Next()) * static_cast<uint64_t>(n)) >> 64);
  }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }  // [lo, hi]
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {
    double u1 = 1.0 - Uniform();  // (0, 1]
    double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  // Log-normal with the given mean and log-scale spread.
  double LogNormalMean(double mean, double sigma) {
    return mean * std::exp(sigma * Normal() - 0.5 * sigma * sigma);
  }
  // Exponential with mean 1.
  double Exponential() { return -std::log(1.0 - Uniform()); }
  // Poisson by inversion; for the small means used here.
  int Poisson(double mean) {
    double l = std::exp(-mean), p = 1.0;
    int k = 0;
    do {
      ++k;
      p *= Uniform();
    } while (p > l && k < 1000);
    return k - 1;
  }

 private:
  uint64_t state_;
};

// A weighted choice among n items by binary search over cumulative weights.
class Picker {
 public:
  Picker() = default;
  explicit Picker(const std::vector<double>& weights) { Reset(weights); }
  void Reset(const std::vector<double>& weights) {
    cum_.resize(weights.size());
    double s = 0;
    for (size_t i = 0; i < weights.size(); ++i) cum_[i] = s += std::max(0.0, weights[i]);
  }
  bool empty() const { return cum_.empty() || cum_.back() <= 0; }
  double total() const { return cum_.empty() ? 0 : cum_.back(); }
  // Index of the chosen item; the picker must not be empty.
  int Pick(Rng& rng) const {
    double x = rng.Uniform() * cum_.back();
    auto it = std::upper_bound(cum_.begin(), cum_.end(), x);
    if (it == cum_.end()) --it;
    return static_cast<int>(it - cum_.begin());
  }

 private:
  std::vector<double> cum_;
};

}  // namespace yuanwu::indicators::gen
