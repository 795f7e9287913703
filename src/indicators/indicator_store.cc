#include "indicators/indicator_store.h"

#include <nlohmann/json.hpp>

#include "indicators/reference_sql.h"
#include "platform/audit/audit_log.h"
#include "platform/base/time.h"
#include "platform/db/row.h"

namespace yuanwu::indicators {
namespace {

using Json = nlohmann::ordered_json;

Status Wrap(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    return db::StatusFromDbError(e.what());
  }
  return Status::Ok();
}

const char* kBatchColumns =
    "b.id, b.dataset, b.file_name, b.status, b.source, b.demo, b.row_count, b.replaced_count, "
    "b.reject_count, b.error_count, b.warning_count, b.period_from, b.period_to, b.created_at, "
    "b.finished_at, COALESCE(u.name, '系统'), b.message, b.message_en, b.report_key";

BatchInfo ReadBatch(const soci::row& r) {
  BatchInfo b;
  b.id = db::Int(r, 0), b.dataset = db::Text(r, 1), b.file_name = db::Text(r, 2);
  b.status = db::Text(r, 3), b.source = db::Text(r, 4), b.demo = db::Int(r, 5) != 0;
  b.row_count = db::Int(r, 6), b.replaced_count = db::Int(r, 7), b.reject_count = db::Int(r, 8);
  b.error_count = db::Int(r, 9), b.warning_count = db::Int(r, 10);
  b.period_from = static_cast<int>(db::Int(r, 11)), b.period_to = static_cast<int>(db::Int(r, 12));
  b.created_at = db::Text(r, 13), b.finished_at = db::Text(r, 14);
  b.created_by_name = db::Text(r, 15), b.message = db::Text(r, 16), b.message_en = db::Text(r, 17);
  b.report_key = db::Text(r, 18);
  return b;
}

const char* kFindingColumns =
    "f.line, f.record_key, f.field, f.value, f.rule, f.category, f.severity, f.message, "
    "f.message_en, f.dept_code, f.coder, COALESCE(f.period, 0)";

StoredFinding ReadFinding(const soci::row& r) {
  StoredFinding f;
  f.line = db::Int(r, 0), f.record_key = db::Text(r, 1), f.field = db::Text(r, 2);
  f.value = db::Text(r, 3), f.rule = db::Text(r, 4), f.category = db::Text(r, 5);
  f.severity = db::Text(r, 6), f.message = db::Text(r, 7), f.message_en = db::Text(r, 8);
  f.dept_code = db::Text(r, 9), f.coder = db::Text(r, 10),
  f.period = static_cast<int>(db::Int(r, 11));
  return f;
}

std::string MappingJson(const std::map<std::string, std::string>& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j.dump();
}

Json TargetJson(const Target& t) {
  return {{"id", t.id},
          {"indicator_code", t.indicator_code},
          {"scope", t.scope},
          {"scope_code", t.scope_code},
          {"comparator", t.comparator},
          {"value", t.value},
          {"valid_from", t.valid_from},
          {"valid_to", t.valid_to ? Json(*t.valid_to) : Json()},
          {"basis", t.basis}};
}

}  // namespace

std::string ScopeSql(const char* column, const DeptCodes& scope) {
  if (!scope) return "";
  if (scope->empty()) return " AND 1 = 0";
  std::string out = std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < scope->size(); ++i) out += (i ? ", " : "") + QuoteSql((*scope)[i]);
  return out + ")";
}

bool Target::Attained(double v) const {
  if (comparator == "<") return v < value;
  if (comparator == "<=") return v <= value;
  if (comparator == ">") return v > value;
  return v >= value;
}

Result<std::pair<std::vector<BatchInfo>, int64_t>> IndicatorStore::Batches(
    const std::string& dataset, int64_t offset, int64_t limit) {
  using Out = std::pair<std::vector<BatchInfo>, int64_t>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    db::Params p;
    std::string where = " WHERE 1 = 1";
    if (!dataset.empty()) {
      where += " AND b.dataset = :ds";
      p.Add("ds", dataset);
    }
    YW_RETURN_IF_ERROR(Wrap([&] {
      out.second = db::ScalarInt(sql, "SELECT COUNT(*) FROM import_batch b" + where, p);
      db::ForEachRow(sql,
                     std::string("SELECT ") + kBatchColumns +
                         " FROM import_batch b LEFT JOIN app_user u ON u.id = b.created_by" +
                         where + " ORDER BY b.id DESC LIMIT " + std::to_string(limit) + " OFFSET " +
                         std::to_string(offset),
                     p, [&](const soci::row& r) { out.first.push_back(ReadBatch(r)); });
    }));
    return out;
  });
}

Result<BatchInfo> IndicatorStore::Batch(int64_t id) {
  return db_.Query<BatchInfo>([&](soci::session& sql) -> Result<BatchInfo> {
    std::optional<BatchInfo> b;
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    YW_RETURN_IF_ERROR(Wrap([&] {
      db::ForEachRow(sql,
                     std::string("SELECT ") + kBatchColumns +
                         " FROM import_batch b LEFT JOIN app_user u ON u.id = b.created_by "
                         "WHERE b.id = :id",
                     p, [&](const soci::row& r) { b = ReadBatch(r); });
    }));
    if (!b) return Status::NotFound("导入批次", "import batch");
    return *b;
  });
}

Result<std::pair<std::vector<StoredFinding>, int64_t>> IndicatorStore::BatchFindings(
    int64_t id, int64_t offset, int64_t limit) {
  using Out = std::pair<std::vector<StoredFinding>, int64_t>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    YW_RETURN_IF_ERROR(Wrap([&] {
      out.second = db::ScalarInt(sql, "SELECT COUNT(*) FROM qc_finding WHERE batch_id = :id", p);
      db::ForEachRow(sql,
                     std::string("SELECT ") + kFindingColumns +
                         " FROM qc_finding f WHERE f.batch_id = :id ORDER BY f.line, f.id LIMIT " +
                         std::to_string(limit) + " OFFSET " + std::to_string(offset),
                     p, [&](const soci::row& r) { out.first.push_back(ReadFinding(r)); });
    }));
    return out;
  });
}

Result<std::vector<ColumnMapping>> IndicatorStore::Mappings(const std::string& dataset) {
  return db_.Query<std::vector<ColumnMapping>>(
      [&](soci::session& sql) -> Result<std::vector<ColumnMapping>> {
        std::vector<ColumnMapping> out;
        db::Params p;
        std::string where;
        if (!dataset.empty()) {
          where = " WHERE dataset = :ds";
          p.Add("ds", dataset);
        }
        YW_RETURN_IF_ERROR(Wrap([&] {
          db::ForEachRow(sql,
                         "SELECT id, dataset, name, mapping, updated_at FROM column_mapping" +
                             where + " ORDER BY dataset, name",
                         p, [&](const soci::row& r) {
                           ColumnMapping m;
                           m.id = db::Int(r, 0), m.dataset = db::Text(r, 1),
                           m.name = db::Text(r, 2);
                           m.updated_at = db::Text(r, 4);
                           Json j = Json::parse(db::Text(r, 3), nullptr, false);
                           if (j.is_object())
                             for (auto& [k, v] : j.items())
                               if (v.is_string()) m.mapping[k] = v.get<std::string>();
                           out.push_back(std::move(m));
                         });
        }));
        return out;
      });
}

Result<ColumnMapping> IndicatorStore::SaveMapping(const auth::Actor& actor, ColumnMapping m) {
  Validation v;
  auto ds = ParseDataset(m.dataset);
  if (!ds) v.Fail("dataset", "数据集无效", "unknown dataset");
  if (m.name.empty() || m.name.size() > 100)
    v.Fail("name", "映射名称不能为空（不超过100字节）", "name is required (at most 100 bytes)");
  if (m.mapping.empty()) v.Fail("mapping", "至少需要一条列对应", "at least one column is needed");
  std::map<std::string, std::string> seen;
  for (auto& [from, to] : m.mapping) {
    for (char& c : to)  // canonical columns are upper case; the importer matches any case
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (ds && !FindField(*ds, to))
      v.Fail("mapping", "「" + from + "」对应的标准列「" + to + "」不存在",
             "canonical column " + to + " (for " + from + ") does not exist");
    if (seen.count(to))
      v.Fail("mapping", "标准列「" + to + "」被「" + seen[to] + "」和「" + from + "」同时对应",
             "canonical column " + to + " is mapped twice");
    seen[to] = from;
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string json = MappingJson(m.mapping);
  m.updated_at = FormatTimestamp(clock_.NowSeconds());
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) {
    db::Params p;
    p.Add("ds", m.dataset);
    p.Add("n", m.name);
    long long uid = actor.user_id;
    soci::indicator ui = uid ? soci::i_ok : soci::i_null;
    m.id = db::ScalarInt(
        sql, "SELECT COALESCE(MAX(id), 0) FROM column_mapping WHERE dataset = :ds AND name = :n",
        p);
    if (m.id) {
      long long id = m.id;
      sql << "UPDATE column_mapping SET mapping = :m, updated_by = :u, updated_at = :t WHERE id = "
             ":id",
          soci::use(json), soci::use(uid, ui), soci::use(m.updated_at), soci::use(id);
    } else {
      sql << "INSERT INTO column_mapping (dataset, name, mapping, updated_by, updated_at) VALUES "
             "(:d, :n, :m, :u, :t)",
          soci::use(m.dataset), soci::use(m.name), soci::use(json), soci::use(uid, ui),
          soci::use(m.updated_at);
      m.id = db::ScalarInt(
          sql, "SELECT COALESCE(MAX(id), 0) FROM column_mapping WHERE dataset = :ds AND name = :n",
          p);
    }
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"indicators.mapping.save", "column_mapping", std::to_string(m.id), "{}",
         Json{{"dataset", m.dataset}, {"name", m.name}, {"mapping", Json::parse(json)}}.dump()});
  }));
  return m;
}

Status IndicatorStore::DeleteMapping(const auth::Actor& actor, int64_t id) {
  return db_.Transact([&](soci::session& sql) {
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    if (!db::ScalarInt(sql, "SELECT COUNT(*) FROM column_mapping WHERE id = :id", p))
      return Status::NotFound("列映射", "column mapping");
    long long i = id;
    sql << "DELETE FROM column_mapping WHERE id = :id", soci::use(i);
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"indicators.mapping.delete", "column_mapping", std::to_string(id), "{}", "{}"});
  });
}

Result<std::vector<StoredDefinition>> IndicatorStore::Definitions() {
  return db_.Query<std::vector<StoredDefinition>>(
      [&](soci::session& sql) -> Result<std::vector<StoredDefinition>> {
        std::vector<StoredDefinition> out;
        Status bad;
        YW_RETURN_IF_ERROR(Wrap([&] {
          db::ForEachRow(sql,
                         "SELECT definition, builtin, enabled FROM indicator_definition ORDER BY "
                         "sort, code",
                         {}, [&](const soci::row& r) {
                           Result<Indicator> i = ParseIndicator(db::Text(r, 0), figures_);
                           if (!i.ok()) {
                             if (bad.ok()) bad = i.status();
                             return;
                           }
                           out.push_back({std::move(*i), db::Int(r, 1) != 0, db::Int(r, 2) != 0});
                         });
        }));
        if (!bad.ok()) return bad;
        return out;
      });
}

Status IndicatorStore::SaveDefinition(const auth::Actor& actor, const Indicator& i, bool enabled,
                                      bool create) {
  std::string json = IndicatorToJson(i);
  std::string now = FormatTimestamp(clock_.NowSeconds());
  return db_.Transact([&](soci::session& sql) -> Status {
    db::Params p;
    p.Add("c", i.code);
    std::string before;
    db::ForEachRow(sql, "SELECT definition FROM indicator_definition WHERE code = :c", p,
                   [&](const soci::row& r) { before = db::Text(r, 0); });
    if (create && !before.empty())
      return Status::Conflict("指标代码已存在：" + i.code, "indicator code exists: " + i.code);
    if (!create && before.empty()) return Status::NotFound("指标 " + i.code, "indicator " + i.code);
    long long uid = actor.user_id;
    soci::indicator ui = uid ? soci::i_ok : soci::i_null;
    int en = enabled ? 1 : 0;
    if (create) {
      long long sort =
          db::ScalarInt(sql, "SELECT COALESCE(MAX(sort), 0) + 10 FROM indicator_definition", {});
      sql << "INSERT INTO indicator_definition (code, definition, builtin, enabled, sort, "
             "updated_by, updated_at) VALUES (:c, :d, 0, :e, :s, :u, :t)",
          soci::use(i.code), soci::use(json), soci::use(en), soci::use(sort), soci::use(uid, ui),
          soci::use(now);
    } else {
      sql << "UPDATE indicator_definition SET definition = :d, enabled = :e, updated_by = :u, "
             "updated_at = :t WHERE code = :c",
          soci::use(json), soci::use(en), soci::use(uid, ui), soci::use(now), soci::use(i.code);
    }
    Json after = Json::parse(json);
    after["enabled"] = enabled;
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {create ? "indicators.definition.create" : "indicators.definition.update",
         "indicator_definition", i.code, before.empty() ? "{}" : before, after.dump()});
  });
}

Result<std::vector<Target>> IndicatorStore::Targets(const std::string& code) {
  return db_.Query<std::vector<Target>>([&](soci::session& sql) -> Result<std::vector<Target>> {
    std::vector<Target> out;
    db::Params p;
    std::string where;
    if (!code.empty()) {
      where = " WHERE indicator_code = :c";
      p.Add("c", code);
    }
    YW_RETURN_IF_ERROR(Wrap([&] {
      db::ForEachRow(sql,
                     "SELECT id, indicator_code, scope, scope_code, comparator, value, valid_from, "
                     "valid_to, basis FROM indicator_target" +
                         where + " ORDER BY indicator_code, id",
                     p, [&](const soci::row& r) {
                       Target t;
                       t.id = db::Int(r, 0), t.indicator_code = db::Text(r, 1);
                       t.scope = db::Text(r, 2), t.scope_code = db::Text(r, 3);
                       t.comparator = db::Text(r, 4), t.value = db::Real(r, 5);
                       t.valid_from = static_cast<int>(db::Int(r, 6));
                       if (!db::IsNull(r, 7)) t.valid_to = static_cast<int>(db::Int(r, 7));
                       t.basis = db::Text(r, 8);
                       out.push_back(std::move(t));
                     });
    }));
    return out;
  });
}

Result<Target> IndicatorStore::SaveTarget(const auth::Actor& actor, Target t) {
  Validation v;
  if (t.indicator_code.empty())
    v.Fail("indicator_code", "请选择指标", "indicator_code is required");
  if (t.scope != "hospital" && t.scope != "campus" && t.scope != "department")
    v.Fail("scope", "范围应为 hospital、campus 或 department",
           "scope must be hospital, campus or department");
  if (t.scope != "hospital" && t.scope_code.empty())
    v.Fail("scope_code", "请选择院区或科室", "scope_code is required for a campus or department");
  if (t.scope == "hospital") t.scope_code.clear();
  if (t.comparator != "<" && t.comparator != "<=" && t.comparator != ">" && t.comparator != ">=")
    v.Fail("comparator", "比较方式应为 <、<=、> 或 >=", "comparator must be <, <=, > or >=");
  auto month_ok = [](int m) {
    return m / 100 >= 2000 && m / 100 <= 2100 && m % 100 >= 1 && m % 100 <= 12;
  };
  if (!month_ok(t.valid_from))
    v.Fail("valid_from", "生效月份应为 YYYY-MM", "valid_from must be YYYY-MM");
  if (t.valid_to && (!month_ok(*t.valid_to) || *t.valid_to < t.valid_from))
    v.Fail("valid_to", "失效月份应为 YYYY-MM 且不早于生效月份",
           "valid_to must be YYYY-MM, not before valid_from");
  YW_RETURN_IF_ERROR(v.ToStatus());
  std::string now = FormatTimestamp(clock_.NowSeconds());
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) -> Status {
    db::Params p;
    p.Add("c", t.indicator_code);
    if (!db::ScalarInt(sql, "SELECT COUNT(*) FROM indicator_definition WHERE code = :c", p))
      return Status::Invalid("indicator_code", "指标不存在：" + t.indicator_code,
                             "unknown indicator " + t.indicator_code);
    if (t.scope != "hospital") {
      // A target for a unit that does not exist would silently never apply.
      db::Params q;
      q.Add("sc", t.scope_code);
      const char* table = t.scope == "campus" ? "campus" : "department";
      if (!db::ScalarInt(sql, std::string("SELECT COUNT(*) FROM ") + table + " WHERE code = :sc",
                         q))
        return Status::Invalid(
            "scope_code",
            std::string(t.scope == "campus" ? "院区" : "科室") + "代码不存在：" + t.scope_code,
            "no such " + t.scope + ": " + t.scope_code);
    }
    long long uid = actor.user_id;
    soci::indicator ui = uid ? soci::i_ok : soci::i_null;
    long long vf = t.valid_from, vt = t.valid_to.value_or(0);
    soci::indicator vti = t.valid_to ? soci::i_ok : soci::i_null;
    std::string before = "{}";
    if (t.id) {
      db::Params q;
      q.Add("id", static_cast<long long>(t.id));
      if (!db::ScalarInt(sql, "SELECT COUNT(*) FROM indicator_target WHERE id = :id", q))
        return Status::NotFound("目标值", "target");
      long long id = t.id;
      sql << "UPDATE indicator_target SET indicator_code = :c, scope = :s, scope_code = :sc, "
             "comparator = :cmp, value = :v, valid_from = :vf, valid_to = :vt, basis = :b, "
             "updated_by = :u, updated_at = :t WHERE id = :id",
          soci::use(t.indicator_code), soci::use(t.scope), soci::use(t.scope_code),
          soci::use(t.comparator), soci::use(t.value), soci::use(vf), soci::use(vt, vti),
          soci::use(t.basis), soci::use(uid, ui), soci::use(now), soci::use(id);
    } else {
      sql << "INSERT INTO indicator_target (indicator_code, scope, scope_code, comparator, value, "
             "valid_from, valid_to, basis, updated_by, updated_at) VALUES (:c, :s, :sc, :cmp, :v, "
             ":vf, :vt, :b, :u, :t)",
          soci::use(t.indicator_code), soci::use(t.scope), soci::use(t.scope_code),
          soci::use(t.comparator), soci::use(t.value), soci::use(vf), soci::use(vt, vti),
          soci::use(t.basis), soci::use(uid, ui), soci::use(now);
      t.id = db::ScalarInt(sql, "SELECT MAX(id) FROM indicator_target", {});
    }
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"indicators.target.save", "indicator_target", std::to_string(t.id),
                          before, TargetJson(t).dump()});
  }));
  return t;
}

Status IndicatorStore::DeleteTarget(const auth::Actor& actor, int64_t id) {
  return db_.Transact([&](soci::session& sql) {
    db::Params p;
    p.Add("id", static_cast<long long>(id));
    if (!db::ScalarInt(sql, "SELECT COUNT(*) FROM indicator_target WHERE id = :id", p))
      return Status::NotFound("目标值", "target");
    long long i = id;
    sql << "DELETE FROM indicator_target WHERE id = :id", soci::use(i);
    return audit::Append(
        sql, db_.dialect(), clock_, actor,
        {"indicators.target.delete", "indicator_target", std::to_string(id), "{}", "{}"});
  });
}

Result<std::map<std::string, std::string>> IndicatorStore::OrgNames() {
  using Out = std::map<std::string, std::string>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    YW_RETURN_IF_ERROR(Wrap([&] {
      db::ForEachRow(sql, "SELECT code, name FROM department", {},
                     [&](const soci::row& r) { out[db::Text(r, 0)] = db::Text(r, 1); });
      db::ForEachRow(sql, "SELECT code, name FROM campus", {},
                     [&](const soci::row& r) { out[db::Text(r, 0)] = db::Text(r, 1); });
    }));
    out["hospital"] = "全院";
    out[kUnassignedCampus] = "未归属院区";
    return out;
  });
}

Result<std::map<std::string, std::string>> IndicatorStore::CampusOf() {
  using Out = std::map<std::string, std::string>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    YW_RETURN_IF_ERROR(Wrap([&] {
      db::ForEachRow(sql,
                     "SELECT d.code, c.code FROM department d JOIN campus c ON c.id = d.campus_id",
                     {}, [&](const soci::row& r) { out[db::Text(r, 0)] = db::Text(r, 1); });
    }));
    return out;
  });
}

Result<IndicatorStore::RecordsPage> IndicatorStore::Records(const Measure& m, int from, int to,
                                                            Grouping grouping,
                                                            const std::string& org_unit,
                                                            const DeptCodes& scope, int64_t offset,
                                                            int64_t limit) {
  const bool visits = m.dataset == Dataset::kVisits;
  const char* dept = visits ? "v.ksdm" : "d.cykb";
  std::string from_sql = visits ? " FROM visit v" : " FROM discharge d";
  std::string where = std::string(" WHERE ") + (visits ? "v" : "d") + ".period BETWEEN " +
                      std::to_string(from) + " AND " + std::to_string(to);
  if (grouping == Grouping::kDepartment) {
    where += std::string(" AND ") + dept + " = " + QuoteSql(org_unit);
  } else if (grouping == Grouping::kCampus) {
    from_sql += std::string(" LEFT JOIN department dep ON dep.code = ") + dept +
                " LEFT JOIN campus cam ON cam.id = dep.campus_id";
    where += " AND COALESCE(cam.code, 'unassigned') = " + QuoteSql(org_unit);
  }
  where += ScopeSql(dept, scope) + MeasureFilterSql(m);
  const std::vector<std::string> cols =
      visits ? std::vector<std::string>{"id",   "jzlsh", "jzsj", "ksdm",   "jzlx",
                                        "yybz", "zfy",   "ypf",  "kjywbz", "batch_id"}
             : std::vector<std::string>{"id",   "bah",  "zycs", "xm",      "sfzh",   "xb",
                                        "nl",   "cykb", "rysj", "cysj",    "sjzyts", "jbdm",
                                        "zyzd", "lyfs", "zfy",  "batch_id"};
  std::string select;
  for (const auto& c : cols)
    select += (select.empty() ? "" : ", ") + std::string(visits ? "v." : "d.") + c;
  RecordsPage page;
  page.dataset = std::string(DatasetName(m.dataset));
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) {
    return Wrap([&] {
      page.total = db::ScalarInt(sql, "SELECT COUNT(*)" + from_sql + where, {});
      db::ForEachRow(sql,
                     "SELECT " + select + from_sql + where + " ORDER BY " + (visits ? "v" : "d") +
                         ".id LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset),
                     {}, [&](const soci::row& r) {
                       std::map<std::string, std::string> row;
                       for (size_t i = 0; i < cols.size(); ++i) row[cols[i]] = db::Text(r, i);
                       page.rows.push_back(std::move(row));
                     });
    });
  }));
  return page;
}

Result<std::pair<std::vector<QcSummaryRow>, std::vector<QcRuleCount>>> IndicatorStore::QcSummary(
    int from, int to, bool by_coder, const DeptCodes& scope) {
  using Out = std::pair<std::vector<QcSummaryRow>, std::vector<QcRuleCount>>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    std::string key = by_coder ? "d.bmy" : "d.cykb";
    std::string range = " d.period BETWEEN " + std::to_string(from) + " AND " + std::to_string(to) +
                        ScopeSql("d.cykb", scope);
    std::map<std::string, size_t> index;
    YW_RETURN_IF_ERROR(Wrap([&] {
      db::ForEachRow(
          sql,
          "SELECT " + key +
              ", COUNT(*), SUM(CASE WHEN d.required_filled = d.required_total "
              "THEN 1 ELSE 0 END), SUM(d.required_filled), SUM(d.required_total), "
              "SUM(CASE WHEN EXISTS (SELECT 1 FROM qc_finding f WHERE f.dataset = 'discharges' AND "
              "f.record_key = d.bah || '|' || CAST(d.zycs AS TEXT) AND f.batch_id = d.batch_id AND "
              "f.severity = 'error') THEN 1 ELSE 0 END) FROM discharge d WHERE" +
              range + " GROUP BY " + key + " ORDER BY " + key,
          {}, [&](const soci::row& r) {
            QcSummaryRow row;
            row.key = db::Text(r, 0), row.records = db::Int(r, 1);
            row.complete_records = db::Int(r, 2), row.required_filled = db::Int(r, 3);
            row.required_total = db::Int(r, 4), row.records_with_errors = db::Int(r, 5);
            index[row.key] = out.first.size();
            out.first.push_back(std::move(row));
          });
      // Findings per category, counted per record (a record with two cost findings counts once).
      db::ForEachRow(
          sql,
          "SELECT " + key +
              ", f.category, COUNT(DISTINCT f.record_key) FROM discharge d JOIN "
              "qc_finding f ON f.dataset = 'discharges' AND f.record_key = d.bah || '|' || "
              "CAST(d.zycs AS TEXT) AND f.batch_id = d.batch_id WHERE" +
              range + " GROUP BY " + key + ", f.category",
          {}, [&](const soci::row& r) {
            auto it = index.find(db::Text(r, 0));
            if (it != index.end())
              out.first[it->second].by_category[db::Text(r, 1)] = db::Int(r, 2);
          });
      db::ForEachRow(
          sql,
          "SELECT f.rule, f.category, f.severity, COUNT(*) FROM discharge d JOIN qc_finding f ON "
          "f.dataset = 'discharges' AND f.record_key = d.bah || '|' || CAST(d.zycs AS TEXT) AND "
          "f.batch_id = d.batch_id WHERE" +
              range + " GROUP BY f.rule, f.category, f.severity ORDER BY COUNT(*) DESC",
          {}, [&](const soci::row& r) {
            out.second.push_back({db::Text(r, 0), db::Text(r, 1), db::Text(r, 2), db::Int(r, 3)});
          });
    }));
    return out;
  });
}

Result<std::pair<std::vector<StoredFinding>, int64_t>> IndicatorStore::QcFindings(
    const QcFilter& f, const DeptCodes& scope, int64_t offset, int64_t limit) {
  using Out = std::pair<std::vector<StoredFinding>, int64_t>;
  return db_.Query<Out>([&](soci::session& sql) -> Result<Out> {
    Out out;
    db::Params p;
    std::string where = " WHERE d.period BETWEEN " + std::to_string(f.from) + " AND " +
                        std::to_string(f.to) + ScopeSql("d.cykb", scope);
    auto eq = [&](const char* col, const char* name, const std::string& v) {
      if (v.empty()) return;
      where += std::string(" AND ") + col + " = :" + name;
      p.Add(name, v);
    };
    eq("d.cykb", "dept", f.dept);
    eq("d.bmy", "coder", f.coder);
    eq("f.rule", "rule", f.rule);
    eq("f.category", "category", f.category);
    std::string from =
        " FROM qc_finding f JOIN discharge d ON f.dataset = 'discharges' AND f.record_key = "
        "d.bah || '|' || CAST(d.zycs AS TEXT) AND f.batch_id = d.batch_id";
    YW_RETURN_IF_ERROR(Wrap([&] {
      out.second = db::ScalarInt(sql, "SELECT COUNT(*)" + from + where, p);
      db::ForEachRow(sql,
                     std::string("SELECT ") + kFindingColumns + ", d.bah, d.zycs, d.xm, d.cykb" +
                         from + where + " ORDER BY d.cysj, f.id LIMIT " + std::to_string(limit) +
                         " OFFSET " + std::to_string(offset),
                     p, [&](const soci::row& r) {
                       StoredFinding s = ReadFinding(r);
                       s.bah = db::Text(r, 12), s.zycs = db::Int(r, 13);
                       s.xm = db::Text(r, 14), s.cykb = db::Text(r, 15);
                       out.first.push_back(std::move(s));
                     });
    }));
    return out;
  });
}

}  // namespace yuanwu::indicators
