// Fuzzes the department code table import's own parsing (org/department_import.cc): header
// aliases, cells, parent references and cycle detection, against a few existing campuses and
// departments. It must never crash, and what it accepts must be importable: every row counted
// once, every parent known, no parent chain that loops.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>

#include "org/department_import.h"

using namespace yuanwu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto table = tabular::ParseCsv(in);
  if (!table.ok()) return 0;
  static const std::vector<org::Campus> campuses = {{1, "MAIN", "本部院区", "", "", 0},
                                                    {2, "EAST", "东院区", "", "", 1}};
  static const std::vector<org::Department> existing = [] {
    std::vector<org::Department> d(3);
    d[0].id = 10, d[0].code = "NK", d[0].name = "内科", d[0].campus_id = 1;
    d[1].id = 11, d[1].code = "NK1", d[1].name = "心内科", d[1].campus_id = 1, d[1].parent_id = 10;
    d[2].id = 12, d[2].code = "WK", d[2].name = "外科", d[2].campus_id = 2;
    return d;
  }();
  org::DepartmentImportPlan plan = org::PlanDepartmentImport(*table, campuses, existing);

  std::set<int> lines = {0};
  for (const auto& r : table->rows) lines.insert(r.line);
  for (const auto& p : plan.problems) {
    if (!lines.count(p.line) || p.reason.empty() || p.reason_en.empty()) std::abort();
  }
  if (org::ProblemsToStatus(plan.problems).ok() != plan.problems.empty()) std::abort();
  if (!plan.problems.empty()) return 0;

  if (static_cast<size_t>(plan.created + plan.updated + plan.unchanged) != plan.rows.size())
    std::abort();
  std::map<std::string, std::string> parent;
  for (const auto& d : existing) parent[d.code] = d.parent_id == 10 ? "NK" : "";
  for (const auto& r : plan.rows) {
    if (!org::IsDepartmentKind(r.after.kind) && r.action != org::ImportAction::kUnchanged)
      std::abort();
    if (r.after.campus_id != 1 && r.after.campus_id != 2) std::abort();
    parent[r.after.code] = r.parent_code;
  }
  for (const auto& [code, up] : parent) {
    if (!up.empty() && !parent.count(up)) std::abort();  // unknown parent accepted
    std::string at = code;
    for (size_t hops = 0; !at.empty(); ++hops) {
      if (hops > parent.size()) std::abort();  // a cycle accepted
      at = parent[at];
    }
  }
  return 0;
}
