// The small matchers of the rule tables: code ranges, conditions, value domains, code shapes.
// Parsing happens once at load; matching is allocation-free.
#include <algorithm>
#include <charconv>

#include "indicators/qc_internal.h"

namespace yuanwu::indicators::qc_internal {
namespace {

bool CodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == 'x';
}

bool ColumnName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view Prefix(std::string_view code, size_t n) {
  return code.substr(0, std::min(n, code.size()));
}

}  // namespace

bool CodeRange::Contains(std::string_view code) const {
  return Prefix(code, lo.size()) >= lo && Prefix(code, hi.size()) <= hi;
}

bool CodeRanges::Contains(std::string_view code) const {
  if (code.empty()) return false;
  for (const CodeRange& r : items)
    if (r.Contains(code)) return true;
  return false;
}

std::optional<CodeRanges> ParseCodeRanges(std::string_view text, std::string* why) {
  CodeRanges out;
  out.text = std::string(TrimSpaces(text));
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of("; ", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(i, end - i);
    i = end + 1;
    if (item.empty()) continue;
    const size_t dash = item.find('-');
    std::string_view lo = item.substr(0, dash);
    std::string_view hi = dash == std::string_view::npos ? lo : item.substr(dash + 1);
    for (std::string_view part : {lo, hi}) {
      if (part.empty() || !std::all_of(part.begin(), part.end(), CodeChar)) {
        *why = "\"" + std::string(item) + "\" is not a code or a code range like O00-O99";
        return std::nullopt;
      }
    }
    if (lo.size() == hi.size() && lo > hi) {
      *why = "range \"" + std::string(item) + "\" ends before it starts";
      return std::nullopt;
    }
    out.items.push_back({std::string(lo), std::string(hi)});
  }
  if (out.items.empty()) {
    *why = "no codes";
    return std::nullopt;
  }
  return out;
}

std::optional<Condition> ParseCondition(std::string_view text, bool allow_filled,
                                        std::string* why) {
  using K = Condition::Kind;
  text = TrimSpaces(text);
  Condition c;
  if (text == "always") return c;
  if (text == "newborn" || text == "infant") {
    c.kind = text == "newborn" ? K::kNewborn : K::kInfant;
    return c;
  }
  if (text.starts_with("filled:")) {
    if (!allow_filled) {
      *why = "filled: is only meaningful in required_fields.csv";
      return std::nullopt;
    }
    c.kind = K::kFilled;
    c.column = std::string(text.substr(7));
    if (!ColumnName(c.column)) {
      *why = "\"" + c.column + "\" is not a column name (upper case, e.g. SSJCZBM1)";
      return std::nullopt;
    }
    return c;
  }
  if (text.starts_with("dx:") || text.starts_with("anydx:")) {
    c.kind = text.starts_with("dx:") ? K::kPrincipalDx : K::kAnyDx;
    std::optional<CodeRanges> r = ParseCodeRanges(text.substr(text.find(':') + 1), why);
    if (!r) return std::nullopt;
    c.ranges = std::move(*r);
    return c;
  }
  const size_t op_at = text.find_first_of("!<>=");
  if (op_at == std::string_view::npos || op_at == 0) {
    *why = "\"" + std::string(text) +
           "\" is not a condition (always, filled:COL, COL=V, NL>1, dx:…, anydx:…, newborn, "
           "infant)";
    return std::nullopt;
  }
  std::string_view column = text.substr(0, op_at);
  std::string_view rest = text.substr(op_at);
  using O = Condition::Op;
  static constexpr std::pair<std::string_view, O> kOps[] = {
      {"!=", O::kNe}, {">=", O::kGe}, {"<=", O::kLe}, {"=", O::kEq}, {">", O::kGt}, {"<", O::kLt}};
  bool found = false;
  for (const auto& [token, op] : kOps) {
    if (rest.starts_with(token)) {
      c.op = op;
      rest.remove_prefix(token.size());
      found = true;
      break;
    }
  }
  std::optional<Ref> ref = ParseRef(column);
  if (!found || !ref) {
    *why = "\"" + std::string(column) + "\" is not a column the rules can read";
    return std::nullopt;
  }
  c.kind = K::kCompare;
  c.ref = *ref;
  if (IsNumeric(ref->base)) {
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), c.number);
    if (ec != std::errc() || end != rest.data() + rest.size()) {
      *why = std::string(column) + " is a number; \"" + std::string(rest) + "\" is not";
      return std::nullopt;
    }
    return c;
  }
  if (c.op != O::kEq && c.op != O::kNe) {
    *why = std::string(column) + " is text: only = and != apply";
    return std::nullopt;
  }
  size_t i = 0;
  while (i <= rest.size()) {
    size_t end = rest.find('|', i);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view v = rest.substr(i, end - i);
    if (v.empty()) {
      *why = "empty value in \"" + std::string(text) + "\"";
      return std::nullopt;
    }
    c.values.emplace_back(v);
    i = end + 1;
  }
  return c;
}

int AgeInYears(const Date& birth, const Date& on) {
  int years = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
  return years;
}

bool Holds(const Condition& c, const Discharge& d) {
  using K = Condition::Kind;
  using O = Condition::Op;
  switch (c.kind) {
    case K::kAlways:
      return true;
    case K::kFilled:
      return false;
    case K::kCompare: {
      if (IsNumeric(c.ref.base)) {
        std::optional<int64_t> v = Number(d, c.ref);
        if (!v) return false;
        switch (c.op) {
          case O::kEq:
            return *v == c.number;
          case O::kNe:
            return *v != c.number;
          case O::kLt:
            return *v < c.number;
          case O::kGt:
            return *v > c.number;
          case O::kLe:
            return *v <= c.number;
          case O::kGe:
            return *v >= c.number;
        }
        return false;
      }
      std::string_view v = Text(d, c.ref);
      if (v.empty()) return false;
      const bool any = std::find(c.values.begin(), c.values.end(), v) != c.values.end();
      return c.op == O::kEq ? any : !any;
    }
    case K::kPrincipalDx:
      return c.ranges.Contains(d.jbdm);
    case K::kAnyDx: {
      if (c.ranges.Contains(d.jbdm)) return true;
      for (const Diagnosis& x : d.diagnoses)
        if (c.ranges.Contains(x.code)) return true;
      return false;
    }
    case K::kNewborn:
    case K::kInfant: {
      if (d.csrq && d.rysj) {
        const int64_t days = d.rysj->date.ToDays() - d.csrq->ToDays();
        if (days < 0) return false;
        return c.kind == K::kNewborn ? days <= 28 : AgeInYears(*d.csrq, d.rysj->date) < 1;
      }
      // Without a birth date only NL = 0 says "under one year"; it cannot say "newborn".
      return c.kind == K::kInfant && d.nl && *d.nl == 0;
    }
  }
  return false;
}

std::optional<DomainSlot> ParseDomainSlot(std::string_view column) {
  static constexpr std::pair<std::string_view, DomainSlot> kSlots[] = {
      {"XB", DomainSlot::kXb},         {"YLFKFS", DomainSlot::kYlfkfs}, {"RYTJ", DomainSlot::kRytj},
      {"LYFS", DomainSlot::kLyfs},     {"RYBQ", DomainSlot::kRybq},     {"SSJB", DomainSlot::kSsjb},
      {"SSPB", DomainSlot::kSspb},     {"WCSS", DomainSlot::kWcss},     {"QKDJ", DomainSlot::kQkdj},
      {"QKYHLB", DomainSlot::kQkyhlb}, {"MZFS", DomainSlot::kMzfs},
  };
  for (const auto& [name, slot] : kSlots)
    if (name == column) return slot;
  return std::nullopt;
}

bool Domain::Allows(std::string_view v) const {
  for (const std::string& c : codes)
    if (c == v) return true;
  return false;
}

bool MatchShape(std::string_view pattern, std::string_view code) {
  if (pattern.size() != code.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char p = pattern[i], c = code[i];
    switch (p) {
      case 'L':
        if (c < 'A' || c > 'Z') return false;
        break;
      case 'D':
        if (c < '0' || c > '9') return false;
        break;
      case 'd':
        if ((c < '0' || c > '9') && c != 'x') return false;
        break;
      default:
        if (c != p) return false;
    }
  }
  return true;
}

const Shape* FindShape(const std::vector<Shape>& shapes, std::string_view code) {
  for (const Shape& s : shapes)
    if (MatchShape(s.pattern, code)) return &s;
  return nullptr;
}

}  // namespace yuanwu::indicators::qc_internal
