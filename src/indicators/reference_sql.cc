#include "indicators/reference_sql.h"

#include <map>

#include "platform/db/row.h"

namespace yuanwu::indicators {
namespace {

std::string ChildFrom(const std::string& child) {
  if (child == "procedures") return "discharge_procedure c WHERE c.discharge_id = d.id";
  if (child == "diagnoses") return "discharge_diagnosis c WHERE c.discharge_id = d.id";
  if (child == "antibiotics") return "antibiotic_use c WHERE c.bah = d.bah AND c.zycs = d.zycs";
  if (child == "pathways") return "pathway_case c WHERE c.bah = d.bah AND c.zycs = d.zycs";
  return "qc_finding c WHERE c.dataset = 'discharges' AND c.batch_id = d.batch_id AND "
         "c.record_key = d.bah || '|' || CAST(d.zycs AS TEXT)";
}

std::string CondSql(const Condition& c, const std::vector<ColumnInfo>& cols) {
  if (c.kind == Condition::kAny || c.kind == Condition::kNone) {
    std::string sub = "EXISTS (SELECT 1 FROM " + ChildFrom(c.child);
    for (const Condition& w : c.where) sub += " AND " + CondSql(w, *ChildColumns(c.child));
    sub += ")";
    return c.kind == Condition::kNone ? "NOT " + sub : sub;
  }
  const ColumnInfo* col = FindColumn(cols, c.field);
  std::string expr = col->numeric ? "CAST(" + std::string(col->sql) + " AS TEXT)" : col->sql;
  std::string out = "(";
  for (size_t i = 0; i < c.values.size(); ++i) {
    if (c.kind == Condition::kIn) {
      out += (i ? " OR " : "") + expr + " = " + QuoteSql(c.values[i]);
    } else {
      out += (i ? " OR " : "") + std::string("SUBSTR(") + expr + ", 1, " +
             std::to_string(c.values[i].size()) + ") = " + QuoteSql(c.values[i]);
    }
  }
  return out + ")";
}

std::string PeriodExpr(const char* col, Grain g) {
  std::string p = col;
  switch (g) {
    case Grain::kMonth:
      return p;
    case Grain::kQuarter:
      return "(" + p + " / 100) * 100 + ((" + p + " % 100) - 1) / 3 * 3 + 1";
    case Grain::kYear:
      return "(" + p + " / 100) * 100 + 1";
  }
  return p;
}

// A figure measure (definition.h) as one statement of common table expressions, per figure i:
//   f_i  its period_figure rows, each marked H (the 'hospital' row), C (a campus) or D (other:
//        a department, known to the department table or not)
//   c_i  per month and campus: the campus row, else the sum of the campus's department rows
//        (departments missing from the department table under 'unassigned')
//   m_i  per month and org unit of the grouping: the rolled-up value
//   t_i  per period and org unit: the sum of the months, or the last month that has a value
// and the measure is the signed sum of the t_i where every figure has a value (inner joins).
std::string FigureMeasureSql(const Measure& m, Grain grain, Grouping grouping) {
  std::string q = "WITH b AS (SELECT CAST(:from AS BIGINT) AS lo, CAST(:to AS BIGINT) AS hi)";
  if (!m.FiguresResolved())  // parsed without the catalogue: no value (definition.h)
    return q + " SELECT b.lo AS period, '' AS org_unit, 0 AS n, 0 AS total FROM b WHERE 1 = 0";
  const int scale = m.FigureScale();
  std::string select, joins;
  for (size_t i = 0; i < m.figures.size(); ++i) {
    const FigureTerm& t = m.figures[i];
    const std::string n = std::to_string(i);
    const std::string f = "f" + n, c = "c" + n, mm = "m" + n, tt = "t" + n;
    q += ",\n  " + f +
         " AS (SELECT pf.period AS month, pf.org_unit AS org, CAST(pf.value AS BIGINT) AS v, "
         "CASE WHEN pf.org_unit = 'hospital' THEN 'H' WHEN EXISTS (SELECT 1 FROM campus k WHERE "
         "k.code = pf.org_unit) THEN 'C' ELSE 'D' END AS kind FROM period_figure pf WHERE pf.code "
         "= " +
         QuoteSql(t.code) +
         " AND pf.period BETWEEN 100001 AND 999912 AND pf.period % 100 BETWEEN 1 AND 12)";
    const bool hospital_only = t.level == FigureDef::Level::kHospital;
    if (!hospital_only && grouping != Grouping::kDepartment) {
      q += ",\n  " + c + " AS (SELECT month, org, v FROM " + f +
           " WHERE kind = 'C' UNION ALL SELECT s.month, s.org, s.v FROM (SELECT x.month AS month, "
           "COALESCE(cam.code, 'unassigned') AS org, SUM(x.v) AS v FROM " +
           f +
           " x LEFT JOIN department dep ON dep.code = x.org LEFT JOIN campus cam ON cam.id = "
           "dep.campus_id WHERE x.kind = 'D' GROUP BY x.month, COALESCE(cam.code, 'unassigned')) "
           "s WHERE NOT EXISTS (SELECT 1 FROM " +
           f + " y WHERE y.kind = 'C' AND y.org = s.org AND y.month = s.month))";
    }
    q += ",\n  " + mm + " AS (";
    if (hospital_only) {
      // Entered for the hospital only: no department or campus value, not even zero.
      q += grouping == Grouping::kHospital
               ? "SELECT month, 'hospital' AS org, v FROM " + f + " WHERE kind = 'H'"
               : "SELECT month, org, v FROM " + f + " WHERE 1 = 0";
    } else if (grouping == Grouping::kDepartment) {
      q += "SELECT month, org, v FROM " + f + " WHERE kind = 'D'";
    } else if (grouping == Grouping::kCampus) {
      q += "SELECT month, org, v FROM " + c;
    } else {
      q += "SELECT month, 'hospital' AS org, v FROM " + f +
           " WHERE kind = 'H' UNION ALL SELECT month, 'hospital' AS org, SUM(v) AS v FROM " + c +
           " z WHERE NOT EXISTS (SELECT 1 FROM " + f +
           " h WHERE h.kind = 'H' AND h.month = z.month) GROUP BY month";
    }
    q += ")";
    const std::string period = PeriodExpr("r.month", grain);
    if (t.aggregate == FigureDef::Aggregate::kSum) {
      q += ",\n  " + tt + " AS (SELECT " + period + " AS period, r.org AS org, SUM(r.v) AS total " +
           "FROM " + mm + " r, b WHERE r.month BETWEEN b.lo AND b.hi GROUP BY " + period +
           ", r.org)";
    } else {
      q += ",\n  " + tt + " AS (SELECT " + period + " AS period, r.org AS org, r.v AS total FROM " +
           mm +
           " r, b WHERE r.month BETWEEN b.lo AND b.hi AND r.month = (SELECT MAX(x.month) FROM " +
           mm + " x WHERE x.org = r.org AND x.month BETWEEN b.lo AND b.hi AND " +
           PeriodExpr("x.month", grain) + " = " + period + "))";
    }
    std::string factor = "1";
    for (int k = t.decimals; k < scale; ++k) factor += "0";
    std::string term = tt + ".total" + (factor == "1" ? "" : " * " + factor);
    if (i == 0) {
      select = (t.sign < 0 ? "- " : "") + term;
      joins = " FROM " + tt;
    } else {
      select += (t.sign < 0 ? " - " : " + ") + term;
      joins += " JOIN " + tt + " ON " + tt + ".period = t0.period AND " + tt + ".org = t0.org";
    }
  }
  return q + "\nSELECT t0.period AS period, t0.org AS org_unit, 1 AS n, CAST(" + select +
         " AS BIGINT) AS total" + joins;
}

}  // namespace

std::string QuoteSql(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string MeasureFilterSql(const Measure& m) {
  std::string out;
  for (const Condition& c : m.where) out += " AND " + CondSql(c, Columns(m.dataset));
  return out;
}

std::string MeasureSql(const Measure& m, Grain grain, Grouping grouping) {
  if (m.IsFigures()) return FigureMeasureSql(m, grain, grouping);
  const bool visits = m.dataset == Dataset::kVisits;
  const char* a = visits ? "v" : "d";
  const auto& cols = Columns(m.dataset);
  std::string period = PeriodExpr(visits ? "v.period" : "d.period", grain);
  std::string org = grouping == Grouping::kHospital     ? "'hospital'"
                    : grouping == Grouping::kDepartment ? (visits ? "v.ksdm" : "d.cykb")
                                                        : "COALESCE(cam.code, 'unassigned')";
  std::string value = "1";
  if (m.sum && m.child.empty()) {
    value.clear();
    for (const std::string& f : m.fields)
      value += (value.empty() ? "" : " + ") + std::string(FindColumn(cols, f)->sql);
  } else if (m.sum) {
    const auto& cc = *ChildColumns(m.child);
    value = "(SELECT COALESCE(SUM(" + std::string(FindColumn(cc, m.child_field)->sql) +
            "), 0) FROM " + ChildFrom(m.child);
    for (const Condition& w : m.child_where) value += " AND " + CondSql(w, cc);
    value += ")";
  }
  std::string q = "SELECT " + period + " AS period, " + org + " AS org_unit, COUNT(*) AS n, " +
                  "COALESCE(SUM(" + value + "), 0) AS total FROM " +
                  (visits ? "visit v" : "discharge d");
  if (grouping == Grouping::kCampus)
    q += std::string(" LEFT JOIN department dep ON dep.code = ") + a +
         (visits ? ".ksdm" : ".cykb") + " LEFT JOIN campus cam ON cam.id = dep.campus_id";
  q += std::string(" WHERE ") + a + ".period BETWEEN :from AND :to";
  q += MeasureFilterSql(m);
  q += " GROUP BY " + period;
  if (grouping != Grouping::kHospital) q += ", " + org;  // PostgreSQL refuses a constant
  return q;
}

std::string ReferenceSqlText(const std::vector<Indicator>& indicators) {
  std::string out =
      "-- Reference SQL of every indicator (generated by `yuanwu indicators --reference-sql`).\n"
      "-- value = numerator.total / denominator.total × multiplier, grouped by month and\n"
      "-- department here; :from / :to are YYYYMM. Money is in 分; DDD counts are × 10000.\n"
      "-- Figure measures (医院填报数据, period_figure) roll up department → campus → hospital,\n"
      "-- a campus or 'hospital' row taking precedence over the sum below it in its month.\n\n";
  for (const Indicator& i : indicators) {
    out += "-- " + i.code + " " + i.name + " (" + i.unit + ")";
    out += ", multiplier " + std::to_string(i.multiplier) + "\n";
    for (const Measure* m : {&i.numerator, i.denominator ? &*i.denominator : nullptr}) {
      if (!m) continue;
      const char* side = m == &i.numerator ? "numerator" : "denominator";
      out += std::string("-- ") + side + "\n" +
             MeasureSql(*m, Grain::kMonth, Grouping::kDepartment) + ";\n";
      // The roll-up of figures is the interesting part: show it for the hospital too.
      if (m->IsFigures() && m->figures.front().level == FigureDef::Level::kDepartment)
        out += std::string("-- ") + side + ", whole hospital (campus / hospital rows first)\n" +
               MeasureSql(*m, Grain::kMonth, Grouping::kHospital) + ";\n";
    }
    out += "\n";
  }
  return out;
}

Result<std::vector<ResultRow>> RunReferenceSql(db::Database& db,
                                               const std::vector<Indicator>& indicators,
                                               const Query& q) {
  // Whole periods, as the engine reports them: widen from/to to the periods' first and last
  // months; then from a year earlier, so that 同比 can be read from the same results.
  auto first_month = [&](int m) {
    int y = m / 100, mo = m % 100;
    if (q.grain == Grain::kQuarter) return y * 100 + (mo - 1) / 3 * 3 + 1;
    if (q.grain == Grain::kYear) return y * 100 + 1;
    return m;
  };
  auto last_month = [&](int m) {
    int y = m / 100, mo = m % 100;
    if (q.grain == Grain::kQuarter) return y * 100 + (mo - 1) / 3 * 3 + 3;
    if (q.grain == Grain::kYear) return y * 100 + 12;
    return m;
  };
  const int from = first_month(q.from), to = last_month(q.to);
  int from_prev = (from / 100 - 1) * 100 + from % 100;
  using Key = std::pair<int, std::string>;  // period start YYYYMM, org unit
  auto run = [&](const Measure& m) -> Result<std::map<Key, Figures>> {
    std::string sql_text = MeasureSql(m, q.grain, q.grouping);
    return db.Query<std::map<Key, Figures>>(
        [&](soci::session& sql) -> Result<std::map<Key, Figures>> {
          std::map<Key, Figures> out;
          db::Params p;
          p.Add("from", static_cast<long long>(from_prev));
          p.Add("to", static_cast<long long>(to));
          try {
            db::ForEachRow(sql, sql_text, p, [&](const soci::row& r) {
              Figures& f = out[{static_cast<int>(db::Int(r, 0)), db::Text(r, 1)}];
              f.rows = db::Int(r, 2);
              f.value = db::Int(r, 3);
            });
          } catch (const std::exception& e) {
            return db::StatusFromDbError(e.what());
          }
          return out;
        });
  };
  std::vector<ResultRow> rows;
  for (const Indicator& ind : indicators) {
    if (!q.indicators.empty() &&
        std::find(q.indicators.begin(), q.indicators.end(), ind.code) == q.indicators.end())
      continue;
    YW_ASSIGN_OR_RETURN(auto num, run(ind.numerator));
    std::map<Key, Figures> den;
    if (ind.denominator) {
      YW_ASSIGN_OR_RETURN(den, run(*ind.denominator));
    }
    std::map<Key, std::pair<Figures, Figures>> all;
    for (auto& [k, f] : num) all[k].first = f;
    for (auto& [k, f] : den) all[k].second = f;
    auto value = [&](const Figures& n, const Figures& d) -> std::optional<double> {
      // An absent figure is not zero (a record count of none is): no value without it.
      if (ind.numerator.IsFigures() && n.rows == 0) return std::nullopt;
      if (!ind.denominator) {
        if (n.rows == 0 && n.value == 0) return std::nullopt;
        return static_cast<double>(n.value) * ind.multiplier;
      }
      if (d.value == 0) return std::nullopt;
      return static_cast<double>(n.value) / static_cast<double>(d.value) * ind.multiplier;
    };
    for (auto& [k, nd] : all) {
      if (k.first < from) continue;
      ResultRow r;
      r.indicator = ind.code;
      r.period = PeriodLabel(k.first, q.grain);
      r.org_unit = k.second;
      r.present = true;
      r.numerator = nd.first.value;
      r.denominator = nd.second.value;
      r.value = value(nd.first, nd.second);
      auto prev = all.find({k.first - 100, k.second});
      if (prev != all.end()) r.previous_year_value = value(prev->second.first, prev->second.second);
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

}  // namespace yuanwu::indicators
