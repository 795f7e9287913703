// Fuzzes the two data-file parsers of the case engine (platform/cases): a case type
// (data/cases/<type>.json) and the deadline rules (data/cases/rules.json, and an administrator's
// overrides merged onto them). The properties: no crash or hang; a parsed type's actions lead
// only to declared states; merged rules hold only periods that parse.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "platform/cases/case_rules.h"
#include "platform/cases/case_type.h"

using namespace yuanwu;         // NOLINT(build/namespaces)
using namespace yuanwu::cases;  // NOLINT(build/namespaces)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  Result<CaseType> t = ParseCaseType(in, {"t.read", "t.handle", "t.manage"});
  if (t.ok()) {
    if (!t->State(t->initial)) std::abort();
    for (const ActionDef& a : t->actions) {
      if (!t->State(a.to) || a.from.empty()) std::abort();
      for (const std::string& f : a.from) {
        if (!t->State(f)) std::abort();
      }
    }
  }
  Result<CaseRules> defaults = CaseRules::Parse(
      R"({"complaint": {"periods": {"investigate": "5wd"}, "remind_before": "1wd"}})");
  if (!defaults.ok()) std::abort();
  Result<CaseRules> merged = CaseRules::Merge(*defaults, in);
  Result<CaseRules> parsed = CaseRules::Parse(in);
  for (const Result<CaseRules>* r : {&merged, &parsed}) {
    if (!r->ok()) continue;
    Result<CaseRules> again = CaseRules::Parse((*r)->ToJson());
    if (!again.ok()) std::abort();  // what it prints, it reads back
  }
  return 0;
}
