// Internal to the 首页质控 rules (qc.cc, qc_load.cc, qc_check.cc, qc_required.cc): the rule
// tables as parsed from data/indicators/qc/, and the few record accessors they share. Not part of
// the public API; include qc.h instead.
//
// Everything a per-record check needs is resolved when the tables are loaded (column names to
// accessors, shapes to patterns, ranges to prefixes), so Check does no parsing, no regex and no
// allocation unless it reports a finding.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indicators/qc.h"
#include "indicators/record.h"

namespace yuanwu::indicators::qc_internal {

// The columns of a discharge record the rules can read by name (conditions, value domains).
enum class Base : uint8_t {
  // text, unnumbered
  kXb,
  kYlfkfs,
  kRytj,
  kLyfs,
  kZyzd,
  // text, unnumbered (the principal diagnosis) or numbered 1..15 (other diagnoses)
  kJbdm,
  kRybq,
  // text, numbered 1..15
  kQtzd,
  // text, numbered 1..7 (procedures)
  kSsjczbm,
  kSsjczmc,
  kSsjczrq,
  kSsjb,
  kSspb,
  kWcss,
  kQkdj,
  kQkyhlb,
  kMzfs,
  // whole numbers, unnumbered
  kNl,
  kSjzyts,
  kZycs,
};

struct Ref {
  Base base = Base::kXb;
  int seq = 0;  // 0 = the unnumbered column
};

// "XB" → {kXb, 0}; "SSPB2" → {kSspb, 2}; "RYBQ" → principal, "RYBQ3" → other diagnosis 3.
// nullopt for a column the rules cannot read or a number out of range.
std::optional<Ref> ParseRef(std::string_view column);
bool IsNumeric(Base b);
// The text of a text column as written ("" when empty or when the numbered group is absent).
std::string_view Text(const Discharge& d, Ref r);
// The value of a numeric column.
std::optional<int64_t> Number(const Discharge& d, Ref r);
// The procedure / other diagnosis with sequence number `seq`, or nullptr.
const Procedure* FindProcedure(const Discharge& d, int seq);
const Diagnosis* FindDiagnosis(const Discharge& d, int seq);

// One "A00-B99" or "Z37" item of a code list: a code is in it when its prefix of lo's length is
// ≥ lo and its prefix of hi's length is ≤ hi (so "O00-O99" holds "O80.000" and "O99.800x001").
struct CodeRange {
  std::string lo, hi;
  bool Contains(std::string_view code) const;
};
struct CodeRanges {
  std::vector<CodeRange> items;
  std::string text;  // as written, for messages
  bool Contains(std::string_view code) const;
};
// "C51-C58;D06;N70-N98" (separated by ';' or spaces). Empty on error, with the reason in `why`.
std::optional<CodeRanges> ParseCodeRanges(std::string_view text, std::string* why);

// A condition of a required item (required_fields.csv `when`) or a clinical conflict.
struct Condition {
  enum class Kind : uint8_t {
    kAlways,
    kFilled,       // filled:COL — the source row has COL (CountRequired only)
    kCompare,      // COL=V1|V2, COL!=V, NL>1, …
    kPrincipalDx,  // dx:RANGES — the principal diagnosis JBDM is in RANGES
    kAnyDx,        // anydx:RANGES — the principal or any other diagnosis is
    kNewborn,      // newborn — admitted at most 28 days after birth (出生日为第0天)
    kInfant,       // infant — admitted before the first birthday (NL = 0 or by CSRQ)
  };
  enum class Op : uint8_t { kEq, kNe, kLt, kGt, kLe, kGe };
  Kind kind = Kind::kAlways;
  std::string column;               // kFilled
  int filled_id = -1;               // kFilled: index into Tables::filled_columns
  Ref ref;                          // kCompare
  Op op = Op::kEq;                  // kCompare
  std::vector<std::string> values;  // kCompare on text: any of
  int64_t number = 0;               // kCompare on a numeric column
  CodeRanges ranges;                // kPrincipalDx / kAnyDx
};
// Parses one condition; filled:COL only where `allow_filled` (the required list, whose caller
// knows the source row). The reason of a failure goes to `why`.
std::optional<Condition> ParseCondition(std::string_view text, bool allow_filled, std::string* why);
// Evaluates a condition on the record (kFilled is the caller's business and false here). An
// empty column never satisfies a comparison, not even "!=": nothing is inferred from a blank.
bool Holds(const Condition& c, const Discharge& d);
// Completed years of age on `on` (the birthday counts on the day itself).
int AgeInYears(const Date& birth, const Date& on);

struct RequiredItem {
  std::string column;
  int filled_id = -1;  // index into Tables::filled_columns
  std::string label, label_en;
  std::vector<Condition> when;  // any of ("a or b"); kAlways alone for unconditional items
  bool always = false;          // one of `when` is kAlways: CountRequired skips the others
};

// The value domains that Check knows how to apply. RYBQ covers the principal RYBQ and RYBQ1..15;
// the procedure domains cover their columns 1..7.
enum class DomainSlot : uint8_t {
  kXb,
  kYlfkfs,
  kRytj,
  kLyfs,
  kRybq,
  kSsjb,
  kSspb,
  kWcss,
  kQkdj,
  kQkyhlb,
  kMzfs,
  kCount,
};
std::optional<DomainSlot> ParseDomainSlot(std::string_view column);

struct Domain {
  std::vector<std::string> codes;
  std::vector<std::string> labels;  // zh, parallel to codes
  std::string allowed, allowed_en;  // "0 未知的性别、1 男…", for messages
  bool Allows(std::string_view v) const;
};

// A code shape: 'L' an upper-case letter, 'D' a digit, 'd' a digit or the placeholder 'x', any
// other character itself. Matching is exact length, one pass, no allocation.
struct Shape {
  std::string pattern;
  bool precise = true;  // false: accepted with a warning (e.g. a category without subcategory)
  std::string example;
  std::string note;  // zh, why an imprecise shape is flagged
};
bool MatchShape(std::string_view pattern, std::string_view code);
// The shape a code matches (precise shapes first), or nullptr.
const Shape* FindShape(const std::vector<Shape>& shapes, std::string_view code);

struct Conflict {
  std::string rule;
  enum class Scope : uint8_t { kPrincipal, kOther, kAny } scope = Scope::kAny;
  CodeRanges codes;
  Condition condition;
  Severity severity = Severity::kError;
  QcCategory category = QcCategory::kClinical;
  std::string message, message_en;
};

struct Tables {
  std::vector<RequiredItem> required;
  // Every column CountRequired asks about (the items' own and their filled:COL conditions),
  // each once: a caller answers them by index, without a lookup by name per record.
  std::vector<std::string> filled_columns;
  std::set<std::string, std::less<>> required_columns;  // for "already counted by CountRequired"
  std::array<std::optional<Domain>, static_cast<size_t>(DomainSlot::kCount)> domains;
  std::vector<Shape> diagnosis_shapes, procedure_shapes;  // precise shapes first
  std::string diagnosis_examples, procedure_examples;     // "K35.800、I10.x00x002", for messages
  std::vector<Conflict> conflicts;
  std::vector<std::string> mis_prefixes;  // sorted
  std::vector<size_t> mis_lengths;        // the distinct prefix lengths
};

// "1234.50" from 123450 分.
std::string FormatYuan(int64_t fen);
// "2025-03-08 10:00:00".
std::string FormatDateTime(const LocalDateTime& t);
// The zh label of a canonical discharge column (dataset.h), or the column itself.
std::string Label(std::string_view column);
// "SSJCZRQ" + 2 → "SSJCZRQ2".
std::string Numbered(std::string_view base, int seq);

}  // namespace yuanwu::indicators::qc_internal
