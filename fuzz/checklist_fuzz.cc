// Fuzzes what an administrator's JSON reaches in the quality module: a checklist template
// (POST / PUT /api/v1/inspections/templates, quality/checklist.h) and the code tables the case
// modules read (platform/cases/code_list.h). The properties: no crash or hang; a template that
// parses has items whose points add up to its total and that print and parse again the same;
// a parsed code list has unique, non-empty codes.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "platform/cases/code_list.h"
#include "quality/checklist.h"

using namespace yuanwu;  // NOLINT(build/namespaces)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  http::Json doc = http::Json::parse(in, nullptr, false);
  if (doc.is_discarded()) return 0;
  for (bool require_code : {true, false}) {
    Validation v;
    quality::Checklist c = quality::ParseChecklist(doc, require_code, v);
    if (!v.ok()) continue;
    int64_t sum = 0;
    for (const quality::ChecklistItem& item : c.items) sum += item.max_x10;
    if (sum != c.total_x10) std::abort();
    Validation again;
    quality::Checklist reread =
        quality::ParseChecklist(quality::ChecklistJson(c, true), require_code, again);
    if (!again.ok() || reread.total_x10 != c.total_x10 || reread.items.size() != c.items.size()) {
      std::abort();
    }
  }
  nlohmann::json plain = nlohmann::json::parse(in, nullptr, false);
  for (auto rule :
       {cases::PeriodRule::kNone, cases::PeriodRule::kOptional, cases::PeriodRule::kRequired}) {
    Result<std::vector<cases::Code>> list = cases::ParseCodeList(plain, "codes", rule);
    if (!list.ok()) continue;
    std::set<std::string> seen;
    for (const cases::Code& code : *list) {
      if (code.code.empty() || code.name.empty() || !seen.insert(code.code).second) std::abort();
      if (rule == cases::PeriodRule::kRequired && code.period.empty()) std::abort();
      if (cases::FindCode(*list, code.code) == nullptr) std::abort();
    }
  }
  return 0;
}
