// Fuzzes the cell parsers of the indicators importer (src/indicators/cell_parse.h).
//
// The whole input is one cell, given to every parser: none may crash, and whatever a parser
// accepts must obey its contract — an accepted value printed the way the database stores it
// must read back as the same value (a re-import of an exported file changes nothing).
// The first 8 bytes also make a constructed value: an amount of 分 within ±10^13 元, printed
// with two decimals (and, below 10^9 元, as the double an XLSX cell holds), must parse back
// exactly; a date-time of 1900–2999 printed by LocalDateTime::ToString (and in the 'T', no-seconds
// and YYYY/M/D spellings) must parse back to itself.
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "indicators/cell_parse.h"

namespace {

using namespace yuanwu;
using namespace yuanwu::indicators;

constexpr int64_t kMaxFen = 1'000'000'000'000'000;  // 10^13 元 in 分

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property violated: %s\n", what);
    std::abort();
  }
}

// How the database and the exports print an amount: "-1234.05".
std::string PrintFen(int64_t fen) {
  uint64_t a = fen < 0 ? -static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "", a / 100, a % 100);
  return buf;
}

bool SameDateTime(const LocalDateTime& a, const LocalDateTime& b) {
  return a.date == b.date && a.hour == b.hour && a.minute == b.minute && a.second == b.second;
}

bool ValidDateTime(const LocalDateTime& t) {
  return ParseDate(t.date.ToString()).has_value() && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
         t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

void CheckArbitraryCell(std::string_view s) {
  if (auto v = ParseIntCell(s)) {
    Check(ParseIntCell(std::to_string(*v)) == v, "ParseIntCell: printed value reads back");
  }
  if (auto fen = ParseMoneyCell(s)) {
    Check(*fen >= -kMaxFen && *fen <= kMaxFen, "ParseMoneyCell: within ±10^13 元");
    if (*fen > -kMaxFen && *fen < kMaxFen)
      Check(ParseMoneyCell(PrintFen(*fen)) == fen, "ParseMoneyCell: printed value reads back");
  }
  if (auto v = ParseDecimalCell(s)) {
    Check(std::isfinite(*v) && *v >= 0, "ParseDecimalCell: finite and non-negative");
  }
  if (auto v = ParseFlagCell(s)) Check(*v == 0 || *v == 1, "ParseFlagCell: 0 or 1");
  if (auto d = ParseDateCell(s)) {
    Check(ParseDate(d->ToString()).has_value(), "ParseDateCell: a date ParseDate accepts");
    Check(ParseDateCell(d->ToString()) == d, "ParseDateCell: printed value reads back");
  }
  if (auto t = ParseDateTimeCell(s)) {
    Check(ValidDateTime(*t), "ParseDateTimeCell: a valid date-time of 1900-2999");
    auto back = ParseDateTimeCell(t->ToString());
    Check(back && SameDateTime(*back, *t), "ParseDateTimeCell: printed value reads back");
  }
}

void CheckMoneyRoundTrip(uint64_t bits) {
  // Uniform enough over (-10^15, 10^15) 分, with small amounts (and their signs) common too.
  int64_t fen =
      static_cast<int64_t>(bits % (2 * static_cast<uint64_t>(kMaxFen) - 1)) - (kMaxFen - 1);
  if (bits & 1) fen %= 100000;
  Check(ParseMoneyCell(PrintFen(fen)) == fen, "ParseMoneyCell: two-decimal amount round-trips");
  if (fen % 10 == 0) {  // one decimal, as a spreadsheet shows 12.5
    std::string one = PrintFen(fen);
    one.pop_back();
    Check(ParseMoneyCell(one) == fen, "ParseMoneyCell: one-decimal amount round-trips");
  }
  if (fen > -100'000'000'000 && fen < 100'000'000'000) {  // |元| < 10^9: an XLSX double
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(fen) / 100.0);
    if (std::strpbrk(buf, "eE") == nullptr)
      Check(ParseMoneyCell(buf) == fen, "ParseMoneyCell: a double's 17 digits round to the 分");
  }
}

void CheckDateTimeRoundTrip(uint64_t bits) {
  const int64_t first = Date{1900, 1, 1}.ToDays(), last = Date{2999, 12, 31}.ToDays();
  LocalDateTime t;
  t.date =
      Date::FromDays(first + static_cast<int64_t>(bits % static_cast<uint64_t>(last - first + 1)));
  bits /= static_cast<uint64_t>(last - first + 1);
  t.hour = static_cast<int>(bits % 24), bits /= 24;
  t.minute = static_cast<int>(bits % 60), bits /= 60;
  t.second = static_cast<int>(bits % 60);
  std::string text = t.ToString();  // "YYYY-MM-DD HH:MM:SS"
  auto back = ParseDateTimeCell(text);
  Check(back && SameDateTime(*back, t), "ParseDateTimeCell: ToString round-trips");
  std::string iso = text;
  iso[10] = 'T';
  back = ParseDateTimeCell(iso);
  Check(back && SameDateTime(*back, t), "ParseDateTimeCell: ISO 'T' form round-trips");
  LocalDateTime minute = t;
  minute.second = 0;
  back = ParseDateTimeCell(text.substr(0, 16));
  Check(back && SameDateTime(*back, minute), "ParseDateTimeCell: HH:MM form reads :00");
  char slash[40];
  std::snprintf(slash, sizeof slash, "%d/%d/%d %d:%02d:%02d", t.date.year, t.date.month, t.date.day,
                t.hour, t.minute, t.second);
  back = ParseDateTimeCell(slash);
  Check(back && SameDateTime(*back, t), "ParseDateTimeCell: YYYY/M/D H:MM:SS form round-trips");
  auto date = ParseDateCell(t.date.ToString());
  Check(date && *date == t.date, "ParseDateCell: Date::ToString round-trips");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view cell(reinterpret_cast<const char*>(data), size);
  CheckArbitraryCell(cell);
  if (size >= 8) {
    uint64_t bits = 0;
    std::memcpy(&bits, data, sizeof bits);
    CheckMoneyRoundTrip(bits);
    CheckDateTimeRoundTrip(bits);
  }
  return 0;
}
