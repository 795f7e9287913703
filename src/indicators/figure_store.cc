#include "indicators/figure_store.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "indicators/figure_store_internal.h"
#include "indicators/reference_sql.h"
#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/row.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

using Json = nlohmann::ordered_json;

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string CellKey(int period, const std::string& unit, const std::string& code) {
  return std::to_string(period) + "/" + unit + "/" + code;
}

}  // namespace

std::optional<int> ParseFigurePeriod(const std::string& raw) {
  std::string t = Trim(raw);
  // An Excel date cell (a day number) or 2025/3/1 → YYYY-MM-DD first.
  if (AllDigits(t) && t.size() != 6) t = tabular::NormalizeDateCell(t);
  for (char& c : t)
    if (c == '/' || c == '.') c = '-';
  int y = 0, m = 0;
  if (t.size() == 6 && AllDigits(t)) {
    y = std::stoi(t.substr(0, 4)), m = std::stoi(t.substr(4));
  } else {
    std::vector<std::string> parts = Split(t, '-');
    if (parts.size() < 2 || parts.size() > 3 || parts[0].size() != 4 || !AllDigits(parts[0]) ||
        parts[1].empty() || parts[1].size() > 2 || !AllDigits(parts[1]))
      return std::nullopt;
    if (parts.size() == 3 && (parts[2].empty() || parts[2].size() > 2 || !AllDigits(parts[2])))
      return std::nullopt;
    y = std::stoi(parts[0]), m = std::stoi(parts[1]);
  }
  if (y < 1900 || y > 2999 || m < 1 || m > 12) return std::nullopt;
  return y * 100 + m;
}

std::string FigurePeriodLabel(int period) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", period / 100, period % 100);
  return buf;
}

std::string FigureValueText(const FigureDef& def, int64_t scaled) {
  std::string digits = std::to_string(scaled);
  if (def.decimals == 0) return digits;
  while (digits.size() <= static_cast<size_t>(def.decimals)) digits.insert(0, "0");
  return digits.substr(0, digits.size() - def.decimals) + "." +
         digits.substr(digits.size() - def.decimals);
}

namespace figure_internal {

OrgUnits LoadOrgUnits(soci::session& sql) {
  OrgUnits u;
  db::ForEachRow(sql, "SELECT code FROM department", {},
                 [&](const soci::row& r) { u.departments.insert(db::Text(r, 0)); });
  db::ForEachRow(sql, "SELECT code FROM campus", {},
                 [&](const soci::row& r) { u.campuses.insert(db::Text(r, 0)); });
  return u;
}

std::optional<Reason> CheckOrgUnit(const OrgUnits& units, const std::string& unit,
                                   const FigureDef& def) {
  if (unit == "hospital") return std::nullopt;
  if (!units.departments.count(unit) && !units.campuses.count(unit))
    return Reason{"科室或院区代码不存在：" + unit, "no such department or campus: " + unit};
  if (def.level == FigureDef::Level::kHospital)
    return Reason{"「" + def.name + "」只能填报全院数（hospital），不能按科室或院区填报",
                  def.name_en + " is entered for the whole hospital only (org_unit hospital)"};
  return std::nullopt;
}

std::optional<Reason> CheckPeriod(int period, const Clock& clock) {
  // The latest month that has begun anywhere (UTC+14), so no hospital's time zone is refused.
  Date today = LocalDate(clock.NowSeconds(), 14 * 3600);
  if (period / 100 < 2000 || period % 100 < 1 || period % 100 > 12)
    return Reason{"期间应为 2000 年以后的月份 YYYY-MM", "period must be a month YYYY-MM from 2000"};
  if (period > today.year * 100 + today.month)
    return Reason{"期间 " + FigurePeriodLabel(period) + " 尚未开始",
                  "period " + FigurePeriodLabel(period) + " has not begun yet"};
  return std::nullopt;
}

Result<Applied> Apply(soci::session& sql, db::Dialect dialect, const Clock& clock,
                      const auth::Actor& actor, const FigureCatalogue& catalogue,
                      const std::vector<Cell>& cells, const std::string& action,
                      const std::string& entity_id, const std::string& extra_json) {
  Applied out;
  if (cells.empty()) return out;
  int lo = cells.front().period, hi = lo;
  for (const Cell& c : cells) lo = std::min(lo, c.period), hi = std::max(hi, c.period);
  // What is stored now, for the audit's before and to choose INSERT or UPDATE.
  std::map<std::string, std::pair<int64_t, std::string>> existing;
  db::ForEachRow(
      sql,
      "SELECT period, org_unit, code, value, note FROM period_figure WHERE period "
      "BETWEEN " +
          std::to_string(lo) + " AND " + std::to_string(hi),
      {}, [&](const soci::row& r) {
        existing[CellKey(static_cast<int>(db::Int(r, 0)), db::Text(r, 1), db::Text(r, 2))] = {
            std::llround(db::Real(r, 3)), db::Text(r, 4)};
      });
  const std::string now = FormatTimestamp(clock.NowSeconds());
  long long uid = actor.user_id;
  soci::indicator ui = uid ? soci::i_ok : soci::i_null;
  Json before = Json::object(), after = Json::object();
  for (const Cell& c : cells) {
    const FigureDef* def = catalogue.Find(c.code);
    std::string key = CellKey(c.period, c.org_unit, c.code);
    auto it = existing.find(key);
    long long period = c.period;
    if (!c.value) {
      if (it == existing.end()) continue;
      sql << "DELETE FROM period_figure WHERE period = :p AND org_unit = :o AND code = :c",
          soci::use(period), soci::use(c.org_unit), soci::use(c.code);
      before[key] = FigureValueText(*def, it->second.first);
      after[key] = nullptr;
      ++out.deleted;
      continue;
    }
    double v = static_cast<double>(*c.value);
    const std::string note = c.keep_note && it != existing.end() ? it->second.second : c.note;
    if (it != existing.end()) {
      if (it->second.first == *c.value && it->second.second == note) continue;  // unchanged
      sql << "UPDATE period_figure SET value = :v, note = :n, updated_by = :u, updated_at = :t "
             "WHERE period = :p AND org_unit = :o AND code = :c",
          soci::use(v), soci::use(note), soci::use(uid, ui), soci::use(now), soci::use(period),
          soci::use(c.org_unit), soci::use(c.code);
      before[key] = FigureValueText(*def, it->second.first);
      ++out.updated;
    } else {
      sql << "INSERT INTO period_figure (period, org_unit, code, value, note, updated_by, "
             "updated_at) VALUES (:p, :o, :c, :v, :n, :u, :t)",
          soci::use(period), soci::use(c.org_unit), soci::use(c.code), soci::use(v),
          soci::use(note), soci::use(uid, ui), soci::use(now);
      ++out.inserted;
    }
    after[key] = FigureValueText(*def, *c.value);
  }
  if (out.inserted + out.updated + out.deleted == 0) return out;  // nothing changed: no audit
  Json extra = Json::parse(extra_json.empty() ? "{}" : extra_json, nullptr, false);
  Json doc = extra.is_object() ? extra : Json::object();
  doc["cells"] = after;
  YW_RETURN_IF_ERROR(audit::Append(
      sql, dialect, clock, actor,
      {action, "period_figure", entity_id, Json{{"cells", before}}.dump(), doc.dump()}));
  return out;
}

}  // namespace figure_internal

using figure_internal::Cell;

Result<std::vector<FigureRow>> FigureStore::List(int from, int to, const std::string& org_unit,
                                                 const DeptCodes& scope) {
  return db_.Query<std::vector<FigureRow>>(
      [&](soci::session& sql) -> Result<std::vector<FigureRow>> {
        std::vector<FigureRow> out;
        db::Params p;
        std::string where = " WHERE f.period BETWEEN " + std::to_string(from) + " AND " +
                            std::to_string(to) + ScopeSql("f.org_unit", scope);
        if (!org_unit.empty()) {
          where += " AND f.org_unit = :o";
          p.Add("o", org_unit);
        }
        db::ForEachRow(sql,
                       "SELECT f.period, f.org_unit, f.code, f.value, f.note, COALESCE(u.name, "
                       "'系统'), f.updated_at FROM period_figure f LEFT JOIN app_user u ON u.id "
                       "= f.updated_by" +
                           where + " ORDER BY f.period, f.org_unit, f.code",
                       p, [&](const soci::row& r) {
                         FigureRow f;
                         f.period = static_cast<int>(db::Int(r, 0));
                         f.org_unit = db::Text(r, 1), f.code = db::Text(r, 2);
                         f.value = std::llround(db::Real(r, 3));
                         f.note = db::Text(r, 4), f.updated_by_name = db::Text(r, 5);
                         f.updated_at = db::Text(r, 6);
                         out.push_back(std::move(f));
                       });
        return out;
      });
}

Result<int64_t> FigureStore::Save(const auth::Actor& actor,
                                  const std::vector<FigureInput>& inputs) {
  if (inputs.empty())
    return Status::Invalid("items", "请至少填写一项", "at least one value is required");
  if (inputs.size() > 20000)
    return Status::Invalid("items", "一次最多保存20000项", "at most 20000 values at a time");
  int64_t changed = 0;
  Status written = db_.Transact([&](soci::session& sql) -> Status {
    figure_internal::OrgUnits units = figure_internal::LoadOrgUnits(sql);
    Validation v;
    std::vector<Cell> cells;
    std::set<std::string> seen;
    std::set<int> periods;
    for (const FigureInput& in : inputs) {
      Cell c;
      bool ok = true;
      auto fail = [&](const std::string& key, const std::string& zh, const std::string& en) {
        v.Fail(in.field + "." + key, zh, en);
        ok = false;
      };
      const FigureDef* def = catalogue_.Find(in.code);
      if (def == nullptr) fail("code", "填报项目不存在：" + in.code, "unknown figure: " + in.code);
      std::optional<int> period;
      if (in.period.size() == 7 && in.period[4] == '-') period = ParseFigurePeriod(in.period);
      if (!period) {
        fail("period", "期间应为 YYYY-MM：" + in.period, "period must be YYYY-MM");
      } else if (auto bad = figure_internal::CheckPeriod(*period, clock_)) {
        fail("period", bad->first, bad->second);
      }
      if (in.org_unit.empty()) {
        fail("org_unit", "请指定科室、院区或全院（hospital）",
             "org_unit is required (a department, a campus or hospital)");
      } else if (def != nullptr) {
        if (auto bad = figure_internal::CheckOrgUnit(units, in.org_unit, *def))
          fail("org_unit", bad->first, bad->second);
      }
      if (Utf8Length(in.note) > 500)
        fail("note", "备注不超过500字", "note: at most 500 characters");
      if (def != nullptr) {
        Result<int64_t> value = in.number ? FigureCatalogue::Scale(*def, *in.number)
                                : in.text ? FigureCatalogue::ScaleText(*def, *in.text)
                                          : Result<int64_t>(int64_t{0});
        if (!value.ok()) {
          fail("value", value.status().message(), value.status().message_en());
        } else if (in.number || in.text) {
          c.value = *value;
        }
      }
      if (!ok) continue;
      c.period = *period, c.org_unit = in.org_unit, c.code = in.code, c.note = Trim(in.note);
      if (!seen.insert(CellKey(c.period, c.org_unit, c.code)).second) {
        v.Fail(in.field + ".code", "同一期间、科室的「" + def->name + "」重复",
               def->name_en + " is given twice for the same period and unit");
        continue;
      }
      periods.insert(c.period);
      cells.push_back(std::move(c));
    }
    YW_RETURN_IF_ERROR(v.ToStatus());
    std::string entity = FigurePeriodLabel(*periods.begin());
    if (periods.size() > 1) entity += "~" + FigurePeriodLabel(*periods.rbegin());
    YW_ASSIGN_OR_RETURN(figure_internal::Applied a,
                        figure_internal::Apply(sql, db_.dialect(), clock_, actor, catalogue_, cells,
                                               "indicators.figure.save", entity, "{}"));
    changed = a.inserted + a.updated + a.deleted;
    return Status::Ok();
  });
  YW_RETURN_IF_ERROR(written);
  return changed;
}

Result<int64_t> FigureStore::Delete(const auth::Actor& actor, int period,
                                    const std::string& org_unit, const std::string& code) {
  if (!code.empty() && catalogue_.Find(code) == nullptr)
    return Status::Invalid("code", "填报项目不存在：" + code, "unknown figure: " + code);
  int64_t deleted = 0;
  Status written = db_.Transact([&](soci::session& sql) -> Status {
    std::vector<Cell> cells;
    db::Params p;
    p.Add("p", static_cast<long long>(period));
    p.Add("o", org_unit);
    std::string where = " WHERE period = :p AND org_unit = :o";
    if (!code.empty()) {
      where += " AND code = :c";
      p.Add("c", code);
    }
    db::ForEachRow(sql, "SELECT code FROM period_figure" + where, p, [&](const soci::row& r) {
      Cell c;
      c.period = period, c.org_unit = org_unit, c.code = db::Text(r, 0);
      if (catalogue_.Find(c.code)) cells.push_back(std::move(c));
    });
    if (cells.empty()) return Status::NotFound("填报数据", "figure values");
    YW_ASSIGN_OR_RETURN(
        figure_internal::Applied a,
        figure_internal::Apply(sql, db_.dialect(), clock_, actor, catalogue_, cells,
                               "indicators.figure.delete", FigurePeriodLabel(period), "{}"));
    deleted = a.deleted;
    return Status::Ok();
  });
  YW_RETURN_IF_ERROR(written);
  return deleted;
}

}  // namespace yuanwu::indicators
