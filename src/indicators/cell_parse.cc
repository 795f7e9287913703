#include "indicators/cell_parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Excel serial day 25569 = 1970-01-01 (1900 date system, after the 1900-02-29 bug).
constexpr int64_t kExcelEpochOffset = 25569;

std::optional<LocalDateTime> FromExcelSerial(std::string_view s) {
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  // 61 = 1900-03-01 (below it Excel counts a 29 February 1900 that never was); 73050 =
  // 2099-12-31. The negated test also refuses NaN.
  if (!(v >= 61 && v <= 73050)) return std::nullopt;
  int64_t day = static_cast<int64_t>(std::floor(v));
  int64_t secs = std::llround((v - static_cast<double>(day)) * 86400.0);
  if (secs >= 86400) ++day, secs -= 86400;
  LocalDateTime t;
  t.date = Date::FromDays(day - kExcelEpochOffset);
  t.hour = static_cast<int>(secs / 3600);
  t.minute = static_cast<int>(secs / 60 % 60);
  t.second = static_cast<int>(secs % 60);
  return t;
}

}  // namespace

std::optional<Date> ParseAnyDateCell(std::string_view s);

std::string LocalDateTime::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d", date.ToString().c_str(), hour, minute,
                second);
  return buf;
}

namespace {
char* PutDigits(char* p, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}
}  // namespace

// Parsed dates lie in 1900–2099 and times in range (cell_parse.h); anything else is clamped
// into four / two digits rather than overflowing the buffer.
DateText DateTextOf(const Date& d) {
  DateText t;
  char* p = PutDigits(t.buf, std::clamp(d.year, 0, 9999), 4);
  *p++ = '-';
  p = PutDigits(p, std::clamp(d.month, 0, 99), 2);
  *p++ = '-';
  p = PutDigits(p, std::clamp(d.day, 0, 99), 2);
  t.size = static_cast<uint8_t>(p - t.buf);
  return t;
}

DateText DateTimeTextOf(const LocalDateTime& dt) {
  DateText t = DateTextOf(dt.date);
  char* p = t.buf + t.size;
  *p++ = ' ';
  p = PutDigits(p, std::clamp(dt.hour, 0, 99), 2);
  *p++ = ':';
  p = PutDigits(p, std::clamp(dt.minute, 0, 99), 2);
  *p++ = ':';
  p = PutDigits(p, std::clamp(dt.second, 0, 99), 2);
  t.size = static_cast<uint8_t>(p - t.buf);
  return t;
}

std::optional<int64_t> ParseIntCell(std::string_view s) {
  if (s.ends_with(".0")) s.remove_suffix(2);
  int64_t v = 0;
  const char* b = s.data();
  if (!s.empty() && s[0] == '+') ++b;
  auto r = std::from_chars(b, s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseMoneyCell(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', s.remove_prefix(1);
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  if (!whole.empty() && !Digits(whole)) return std::nullopt;
  if (!frac.empty() && !Digits(frac)) return std::nullopt;
  if (whole.size() > 13) return std::nullopt;  // 10^13 元 is not a hospital bill
  int64_t fen = 0;
  for (char c : whole) fen = fen * 10 + (c - '0');
  fen *= 100;
  if (frac.size() <= 2) {
    int f = frac.empty() ? 0 : Num(frac);
    if (frac.size() == 1) f *= 10;
    fen += f;
  } else {
    // More than two decimals: accept only a binary floating artefact of a whole 分 (a double
    // prints at most 17 significant digits, so longer fractions are not artefacts).
    if (frac.size() > 17) return std::nullopt;
    double cents = std::stod("0." + std::string(frac)) * 100.0;
    double rounded = std::round(cents);
    if (std::fabs(cents - rounded) > 1e-4) return std::nullopt;
    fen += static_cast<int64_t>(rounded);
  }
  return neg ? -fen : fen;
}

std::optional<double> ParseDecimalCell(std::string_view s) {
  double v = 0;
  if (s.empty() || s[0] == '-' || s[0] == '+') return std::nullopt;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::fixed);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> ParseFlagCell(std::string_view s) {
  if (s == "0" || s == "0.0") return 0;
  if (s == "1" || s == "1.0") return 1;
  return std::nullopt;
}

bool Plausible(const std::optional<Date>& d) { return d && d->year >= 1900 && d->year <= 2099; }

std::optional<Date> ParseDateCell(std::string_view s) {
  std::optional<Date> d = ParseAnyDateCell(s);
  if (!Plausible(d)) return std::nullopt;
  return d;
}

std::optional<Date> ParseAnyDateCell(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') return ParseDate(s);  // the common case
  if (s.size() <= 5 && Digits(s)) {  // Excel date serial (birth dates reach back before 2000)
    auto t = FromExcelSerial(s);
    if (!t) return std::nullopt;
    return t->date;
  }
  return ParseDate(tabular::NormalizeDateCell(s));
}

std::optional<LocalDateTime> ParseDateTimeCell(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.find('-') == std::string_view::npos && s.find('/') == std::string_view::npos)
    return FromExcelSerial(s);
  size_t sep = s.find_first_of(" T");
  std::optional<Date> d = ParseDateCell(s.substr(0, sep));
  if (!d) return std::nullopt;
  LocalDateTime t;
  t.date = *d;
  if (sep == std::string_view::npos) return t;
  std::string_view tm = s.substr(sep + 1);
  while (!tm.empty() && tm.front() == ' ') tm.remove_prefix(1);
  // HH:MM or HH:MM:SS (H may be one digit).
  size_t c1 = tm.find(':');
  if (c1 == std::string_view::npos || c1 == 0 || c1 > 2) return std::nullopt;
  std::string_view hh = tm.substr(0, c1), rest = tm.substr(c1 + 1);
  size_t c2 = rest.find(':');
  std::string_view mm = rest.substr(0, c2);
  std::string_view ss = c2 == std::string_view::npos ? "" : rest.substr(c2 + 1);
  if (!Digits(hh) || mm.size() != 2 || !Digits(mm)) return std::nullopt;
  if (c2 != std::string_view::npos && (ss.size() != 2 || !Digits(ss))) return std::nullopt;
  t.hour = Num(hh);
  t.minute = Num(mm);
  t.second = ss.empty() ? 0 : Num(ss);
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  return t;
}

}  // namespace yuanwu::indicators
