// CaseRules: the deadline configuration of every case type — the named periods, how long before
// a deadline people are reminded, when an overdue case goes up to the responsible office, and
// the longest extension. The values in the regulations are tagged [U] in domain-spec (unverified
// or local policy), so they are data: defaults ship in data/cases/rules.json, and an
// administrator's changes are stored in the `setting` table (key "case_rules") and audited.
//
// data/cases/rules.json:
// {
//   "complaint": {
//     "periods": {"investigate": "5wd", "multi_department": "10wd"},
//     "remind_before": "1wd", "escalate_after": "2wd"
//   },
//   "disclosure_application": {
//     "periods": {"answer": "20wd", "correction_notice": "7wd", "third_party": "15wd"},
//     "extension_max": "20wd", "remind_before": "3wd", "escalate_after": "1wd"
//   }, …
// }
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "platform/base/result.h"
#include "platform/deadline/deadline.h"

namespace yuanwu::cases {

struct TypeRules {
  std::map<std::string, std::string> periods;  // name → "5wd" | "15d" | "12h"
  std::string remind_before;                   // remind when this much of the period is left
  std::string escalate_after;                  // overdue this long → the responsible office
  std::string extension_max;                   // "" = extensions not allowed
};

class CaseRules {
 public:
  // Parses and validates (every period must parse); errors name the type and key.
  static Result<CaseRules> Parse(std::string_view json);
  // `overrides` (same shape, possibly partial) replaces values of `defaults` key by key.
  static Result<CaseRules> Merge(const CaseRules& defaults, std::string_view overrides_json);

  // NotFound naming the type / period when absent.
  Result<TypeRules> For(std::string_view type) const;
  Result<std::string> Period(std::string_view type, std::string_view name) const;
  std::string ToJson() const;

 private:
  std::map<std::string, TypeRules, std::less<>> types_;
};

}  // namespace yuanwu::cases
