// FigureStore::Import: the wide sheet of 医院填报数据, one row per (month, org unit), one column
// per figure. Checked whole before anything is written, so a file is imported entirely or not
// at all, and every refused cell is reported with its row, column, value and reason.
#include <nlohmann/json.hpp>

#include "indicators/figure_store.h"
#include "indicators/figure_store_internal.h"
#include "platform/base/text.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

constexpr size_t kMaxRows = 20000;

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// "医疗收入（元）" / "ylsr (元)" → "医疗收入" / "ylsr": a template may show the unit.
std::string WithoutUnit(const std::string& header) {
  for (const char* open : {"（", "("}) {
    size_t at = header.find(open);
    if (at != std::string::npos && at > 0) return Trim(header.substr(0, at));
  }
  return header;
}

enum class Role { kPeriod, kOrgUnit, kIgnored, kFigure, kUnknown };

Role HeaderRole(const std::string& h, const FigureCatalogue& cat, const FigureDef** def) {
  std::string l = Lower(h);
  if (l == "期间" || l == "月份" || l == "period") return Role::kPeriod;
  if (l == "科室代码" || l == "科室编码" || l == "org_unit" || l == "单位代码")
    return Role::kOrgUnit;
  if (l == "科室名称" || l == "科室" || l == "org_name" || l == "单位名称") return Role::kIgnored;
  std::string bare = WithoutUnit(h);
  for (const FigureDef& f : cat.figures()) {
    if (f.code == Lower(bare) || f.name == bare) {
      *def = &f;
      return Role::kFigure;
    }
  }
  return Role::kUnknown;
}

}  // namespace

Result<FigureImportOutcome> FigureStore::Import(const auth::Actor& actor,
                                                const std::string& file_name,
                                                std::string_view data) {
  YW_ASSIGN_OR_RETURN(tabular::Table table, tabular::ParseUpload(file_name, data));
  FigureImportOutcome out;
  auto error = [&](int line, const std::string& column, const std::string& value,
                   const std::string& zh, const std::string& en) {
    out.errors.push_back({line, column, value, zh, en});
  };

  int period_col = -1, org_col = -1;
  std::vector<std::pair<int, const FigureDef*>> figure_cols;
  std::set<std::string> seen_codes;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const std::string& h = table.header[i];
    if (h.empty()) continue;
    const FigureDef* def = nullptr;
    switch (HeaderRole(h, catalogue_, &def)) {
      case Role::kPeriod:
        period_col = static_cast<int>(i);
        break;
      case Role::kOrgUnit:
        org_col = static_cast<int>(i);
        break;
      case Role::kIgnored:
        break;
      case Role::kFigure:
        if (!seen_codes.insert(def->code).second) {
          error(1, h, "", "填报项目「" + def->name + "」的列重复",
                "the column of " + def->name_en + " appears twice");
        } else {
          figure_cols.emplace_back(static_cast<int>(i), def);
        }
        break;
      case Role::kUnknown:
        error(1, h, "", "不是填报项目的代码或名称（见「填报数据」页面的项目列表）",
              "not the code or name of a figure (see the figure list)");
        break;
    }
  }
  if (period_col < 0)
    error(1, "期间", "", "缺少「期间」列（YYYY-MM）",
          "the period column (期间, YYYY-MM) is missing");
  if (org_col < 0)
    error(1, "科室代码", "", "缺少「科室代码」列（科室代码、院区代码或「全院」）",
          "the org_unit column (科室代码) is missing");
  if (figure_cols.empty() && out.errors.empty())
    error(1, "", "", "没有填报项目列", "no figure columns");
  if (table.rows.empty() && out.errors.empty())
    error(0, "", "", "文件中没有数据行", "the file has no data rows");
  if (table.rows.size() > kMaxRows)
    error(0, "", "", "一次最多导入20000行", "at most 20000 rows per import");
  if (!out.errors.empty()) return out;

  std::vector<figure_internal::Cell> cells;
  Status written = db_.Transact([&](soci::session& sql) -> Status {
    figure_internal::OrgUnits units = figure_internal::LoadOrgUnits(sql);
    std::set<std::pair<int, std::string>> seen_rows;
    auto cell = [](const tabular::Row& r, int i) {
      return static_cast<size_t>(i) < r.cells.size() ? Trim(r.cells[i]) : std::string();
    };
    const std::string& period_header = table.header[period_col];
    const std::string& org_header = table.header[org_col];
    for (const tabular::Row& r : table.rows) {
      ++out.rows;
      std::string period_text = cell(r, period_col), org = cell(r, org_col);
      std::optional<int> period = ParseFigurePeriod(period_text);
      bool row_ok = true;
      if (!period) {
        error(r.line, period_header, period_text, "期间应为 YYYY-MM", "period must be YYYY-MM");
        row_ok = false;
      } else if (auto bad = figure_internal::CheckPeriod(*period, clock_)) {
        error(r.line, period_header, period_text, bad->first, bad->second);
        row_ok = false;
      }
      if (org == "全院" || Lower(org) == "hospital") org = "hospital";
      if (org.empty()) {
        error(r.line, org_header, org, "请填写科室代码、院区代码或「全院」",
              "a department or campus code, or hospital, is required");
        row_ok = false;
      } else if (org != "hospital" && !units.departments.count(org) && !units.campuses.count(org)) {
        error(r.line, org_header, org, "科室或院区代码不存在：" + org,
              "no such department or campus: " + org);
        row_ok = false;
      }
      if (row_ok && !seen_rows.insert({*period, org}).second) {
        error(r.line, org_header, org, "同一期间、科室的行重复：" + period_text + " " + org,
              "a second row for the same period and unit");
        row_ok = false;
      }
      for (const auto& [col, def] : figure_cols) {
        std::string text = cell(r, col);
        if (text.empty()) continue;  // a blank leaves the stored value as it is
        Result<int64_t> value = FigureCatalogue::ScaleText(*def, text);
        if (!value.ok()) {
          error(r.line, table.header[col], text, value.status().message(),
                value.status().message_en());
          continue;
        }
        if (!row_ok) continue;
        if (auto bad = figure_internal::CheckOrgUnit(units, org, *def)) {
          error(r.line, table.header[col], text, bad->first, bad->second);
          continue;
        }
        cells.push_back({*period, org, def->code, "", *value, true});
        ++out.values;
        out.period_from = out.period_from ? std::min(out.period_from, *period) : *period;
        out.period_to = std::max(out.period_to, *period);
      }
    }
    if (!out.errors.empty()) return Status::Ok();  // nothing written
    nlohmann::ordered_json extra = {{"file_name", file_name}, {"rows", out.rows}};
    std::string entity = out.period_from ? FigurePeriodLabel(out.period_from) + "~" +
                                               FigurePeriodLabel(out.period_to)
                                         : file_name;
    YW_ASSIGN_OR_RETURN(figure_internal::Applied a,
                        figure_internal::Apply(sql, db_.dialect(), clock_, actor, catalogue_, cells,
                                               "indicators.figure.import", entity, extra.dump()));
    out.inserted = a.inserted, out.updated = a.updated;
    return Status::Ok();
  });
  YW_RETURN_IF_ERROR(written);
  if (!out.errors.empty()) out.values = out.inserted = out.updated = 0;
  return out;
}

}  // namespace yuanwu::indicators
