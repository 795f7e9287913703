// Fuzzes date and timestamp parsing (platform/base/time.h): whatever parses must format back
// to an equivalent value.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "platform/base/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  if (std::optional<yuanwu::Date> d = yuanwu::ParseDate(in)) {
    if (d->ToString() != in) std::abort();  // strict format: exact round trip
    if (yuanwu::Date::FromDays(d->ToDays()) != *d) std::abort();
    int w = d->Weekday();
    if (w < 1 || w > 7 || d->AddDays(7).Weekday() != w) std::abort();
  }

  for (int64_t offset : {int64_t{0}, int64_t{8 * 3600}, int64_t{-5 * 3600 - 1800}}) {
    std::optional<int64_t> t = yuanwu::ParseTimestamp(in, offset);
    if (!t) continue;
    std::string iso = yuanwu::FormatTimestamp(*t);
    // An offset can move an instant just outside the parseable years 1900–2999.
    if (yuanwu::ParseDate(iso.substr(0, 10)) && yuanwu::ParseTimestamp(iso, 12345) != t) {
      std::abort();
    }
    std::string local = yuanwu::FormatLocalMinute(*t, offset);
    if (yuanwu::LocalDate(*t, offset).ToString() != local.substr(0, 10)) std::abort();
    if (yuanwu::ParseDate(local.substr(0, 10))) {
      std::optional<int64_t> minute = yuanwu::ParseTimestamp(local, offset);
      if (!minute || *minute > *t || *t - *minute >= 60) std::abort();
    }
  }

  // Arbitrary instants between the years 1 and 9999.
  if (size >= 8) {
    int64_t raw;
    std::memcpy(&raw, data, sizeof raw);
    const int64_t kMin = -62135596800, kSpan = 253402300799 - kMin;
    int64_t t =
        kMin + static_cast<int64_t>(static_cast<uint64_t>(raw) % static_cast<uint64_t>(kSpan));
    std::string iso = yuanwu::FormatTimestamp(t);
    if (iso.size() != 20) std::abort();
    yuanwu::Date d = yuanwu::LocalDate(t, 8 * 3600);
    if (yuanwu::Date::FromDays(d.ToDays()) != d) std::abort();
  }
  return 0;
}
