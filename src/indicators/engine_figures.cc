#include "indicators/engine_figures.h"

#include <algorithm>
#include <cmath>

#include "indicators/reference_sql.h"
#include "platform/db/row.h"

namespace yuanwu::indicators {
namespace {

constexpr const char* kHospital = "hospital";

int64_t Pow10(int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

FigureData FigureData::Read(soci::session& sql, const std::set<std::string>& codes) {
  FigureData out;
  db::ForEachRow(sql, "SELECT code FROM campus", {},
                 [&](const soci::row& r) { out.campuses.insert(db::Text(r, 0)); });
  db::ForEachRow(sql, "SELECT d.code, c.code FROM department d JOIN campus c ON c.id = d.campus_id",
                 {}, [&](const soci::row& r) { out.campus_of[db::Text(r, 0)] = db::Text(r, 1); });
  std::string q = "SELECT period, org_unit, code, value FROM period_figure";
  if (!codes.empty()) {
    q += " WHERE code IN (";
    bool first = true;
    for (const std::string& c : codes) {
      q += (first ? "" : ", ") + QuoteSql(c);
      first = false;
    }
    q += ")";
  }
  db::ForEachRow(sql, q, {}, [&](const soci::row& r) {
    Row row;
    row.month = static_cast<int>(db::Int(r, 0));
    row.org = db::Text(r, 1);
    // The stored value is already the exact scaled integer (figure.h); a double below 2^53.
    row.value = static_cast<int64_t>(std::llround(db::Real(r, 3)));
    if (row.month < 100001 || row.month > 999912 || row.month % 100 < 1 || row.month % 100 > 12)
      return;  // not a month: the reference SQL's period arithmetic would misplace it too
    out.first = out.first ? std::min(out.first, row.month) : row.month;
    out.last = std::max(out.last, row.month);
    out.rows[db::Text(r, 2)].push_back(std::move(row));
  });
  return out;
}

FigureView::FigureView(const FigureData& data, Grouping grouping,
                       const std::optional<std::vector<std::string>>& departments)
    : data_(data), grouping_(grouping), departments_(departments) {}

bool FigureView::Visible(const std::string& department) const {
  return !departments_ ||
         std::find(departments_->begin(), departments_->end(), department) != departments_->end();
}

// Per month: a department's own row; a campus's row, else the sum of its departments; the
// 'hospital' row, else the sum of the campus values. With a data scope only the visible
// departments' rows count (a campus or hospital row would show more than the scope allows).
const FigureView::Monthly& FigureView::RolledUp(const FigureTerm& t) {
  auto cached = cache_.find(t.code);
  if (cached != cache_.end()) return cached->second;
  Monthly& out = cache_[t.code];
  auto found = data_.rows.find(t.code);
  if (found == data_.rows.end()) return out;
  const bool scoped = departments_.has_value();
  Monthly dept, campus_rows;
  std::map<int, int64_t> hospital_rows;
  for (const FigureData::Row& r : found->second) {
    if (r.org == kHospital) {
      hospital_rows[r.month] = r.value;
    } else if (data_.campuses.count(r.org)) {
      campus_rows[r.org][r.month] = r.value;
    } else if (Visible(r.org)) {
      dept[r.org][r.month] = r.value;
    }
  }
  if (t.level == FigureDef::Level::kHospital) {
    // Entered for the hospital only: no department or campus value, not even zero.
    if (grouping_ == Grouping::kHospital && !scoped && !hospital_rows.empty())
      out[kHospital] = hospital_rows;
    return out;
  }
  if (grouping_ == Grouping::kDepartment) return out = std::move(dept);
  Monthly campus;
  for (const auto& [code, months] : dept) {
    auto c = data_.campus_of.find(code);
    auto& sums = campus[c == data_.campus_of.end() ? kUnassignedCampus : c->second];
    for (const auto& [m, v] : months) sums[m] += v;
  }
  if (!scoped)
    for (const auto& [code, months] : campus_rows)
      for (const auto& [m, v] : months) campus[code][m] = v;  // the campus row wins that month
  if (grouping_ == Grouping::kCampus) return out = std::move(campus);
  std::map<int, int64_t> hospital;
  for (const auto& [code, months] : campus)
    for (const auto& [m, v] : months) hospital[m] += v;
  if (!scoped)
    for (const auto& [m, v] : hospital_rows) hospital[m] = v;  // the hospital row wins
  if (!hospital.empty()) out[kHospital] = std::move(hospital);
  return out;
}

Figures FigureView::Total(const Measure& m, int m0, int m1, const std::string& org) {
  const int scale = m.FigureScale();
  int64_t total = 0;
  for (const FigureTerm& t : m.figures) {
    if (!t.resolved) return {};
    const Monthly& monthly = RolledUp(t);
    auto it = monthly.find(org);
    if (it == monthly.end()) return {};
    auto lo = it->second.lower_bound(m0), hi = it->second.upper_bound(m1);
    if (lo == hi) return {};  // no month of the range has a value: absent
    int64_t v = 0;
    if (t.aggregate == FigureDef::Aggregate::kSum) {
      for (auto i = lo; i != hi; ++i) v += i->second;
    } else {
      v = std::prev(hi)->second;  // the last month of the range that has a value
    }
    total += t.sign * v * Pow10(scale - t.decimals);
  }
  return Figures{1, total};
}

void FigureView::AddOrgUnits(const Measure& m, std::set<std::string>* out) {
  for (const FigureTerm& t : m.figures) {
    if (!t.resolved) continue;
    for (const auto& [org, months] : RolledUp(t)) out->insert(org);
  }
}

}  // namespace yuanwu::indicators
