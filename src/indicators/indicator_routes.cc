#include "indicators/indicator_routes.h"

#include <set>

#include "org/data_scope.h"
#include "platform/base/text.h"
#include "platform/http/json.h"
#include "platform/http/multipart.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/http/url.h"

namespace yuanwu::indicators {
namespace {

using auth::Principal;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

std::string MonthLabel(int yyyymm) {
  if (!yyyymm) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", yyyymm / 100, yyyymm % 100);
  return buf;
}

Result<int> MonthParam(const Request& req, const char* name, bool required) {
  std::string v = req.Query(name);
  if (v.empty() && !required) return 0;
  if (v.size() == 7 && v[4] == '-') {
    int y = std::atoi(v.substr(0, 4).c_str()), m = std::atoi(v.substr(5, 2).c_str());
    if (y >= 1900 && y <= 2999 && m >= 1 && m <= 12 &&
        v.find_first_not_of("0123456789-") == std::string::npos)
      return y * 100 + m;
  }
  return Status::Invalid(name, std::string("月份应为 YYYY-MM：") + name,
                         std::string(name) + " must be a month YYYY-MM");
}

// A period label of the grain → its first and last month.
Result<std::pair<int, int>> PeriodRange(const std::string& label, Grain g) {
  auto bad = Status::Invalid("period", "统计期应为 2025-03、2025-Q1 或 2025",
                             "period must be like 2025-03, 2025-Q1 or 2025");
  if (label.size() < 4 || label.find_first_not_of("0123456789-Q") != std::string::npos) return bad;
  int y = std::atoi(label.substr(0, 4).c_str());
  if (y < 1900 || y > 2999) return bad;
  if (g == Grain::kYear && label.size() == 4) return std::make_pair(y * 100 + 1, y * 100 + 12);
  if (g == Grain::kQuarter && label.size() == 7 && label[5] == 'Q') {
    int q = label[6] - '0';
    if (q < 1 || q > 4) return bad;
    return std::make_pair(y * 100 + q * 3 - 2, y * 100 + q * 3);
  }
  if (g == Grain::kMonth && label.size() == 7 && label[4] == '-') {
    int m = std::atoi(label.substr(5).c_str());
    if (m < 1 || m > 12) return bad;
    return std::make_pair(y * 100 + m, y * 100 + m);
  }
  return bad;
}

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

// The departments (codes) a principal may see; nullopt = all.
Result<DeptCodes> Scope(const Principal& p, org::OrgService& org) {
  if (p.scope == auth::Scope::kAll) return DeptCodes();
  YW_ASSIGN_OR_RETURN(std::vector<org::Department> depts, org.Departments());
  std::vector<std::string> codes;
  if (p.scope != auth::Scope::kSelf) {  // records belong to departments, not to a person
    org::DeptScope s = org::ScopeFor(p, depts);
    for (const org::Department& d : depts)
      if (s.departments.count(d.id)) codes.push_back(d.code);
  }
  return DeptCodes(std::move(codes));
}

Status CheckGrouping(const Principal& p, Grouping g) {
  if (p.scope == auth::Scope::kAll || g == Grouping::kDepartment) return Status::Ok();
  if (p.scope == auth::Scope::kCampus && g == Grouping::kCampus) return Status::Ok();
  return Status::Invalid("group", "您的数据范围只能按科室查看指标",
                         "your data scope allows indicators by department only");
}

Json DefinitionJson(const StoredDefinition& d) {
  Json j = Json::parse(IndicatorToJson(d.indicator));
  j["builtin"] = d.builtin;
  j["enabled"] = d.enabled;
  return j;
}

Json BatchJson(const BatchInfo& b) {
  return {{"id", b.id},
          {"dataset", b.dataset},
          {"dataset_label", std::string(DatasetLabel(*ParseDataset(b.dataset)))},
          {"file_name", b.file_name},
          {"status", b.status},
          {"source", b.source},
          {"demo", b.demo},
          {"row_count", b.row_count},
          {"replaced_count", b.replaced_count},
          {"reject_count", b.reject_count},
          {"error_count", b.error_count},
          {"warning_count", b.warning_count},
          {"period_from", b.period_from ? Json(MonthLabel(b.period_from)) : Json()},
          {"period_to", b.period_to ? Json(MonthLabel(b.period_to)) : Json()},
          {"created_at", b.created_at},
          {"finished_at", b.finished_at},
          {"created_by_name", b.created_by_name},
          {"message", b.message},
          {"message_en", b.message_en},
          {"has_report", !b.report_key.empty()}};
}

Json FindingJson(const StoredFinding& f, bool identify) {
  Json j = {{"line", f.line},
            {"record_key", f.record_key},
            {"field", f.field},
            {"value", f.value},
            {"rule", f.rule},
            {"category", f.category},
            {"severity", f.severity},
            {"message", f.message},
            {"message_en", f.message_en},
            {"dept_code", f.dept_code},
            {"coder", f.coder},
            {"period", f.period ? Json(MonthLabel(f.period)) : Json()}};
  if (!f.bah.empty()) {
    j["bah"] = f.bah;
    j["zycs"] = f.zycs;
    j["xm"] = identify ? f.xm : MaskName(f.xm);
    j["cykb"] = f.cykb;
  }
  return j;
}

Result<const http::Part*> UploadedFile(const Request& req, std::vector<http::Part>& parts) {
  YW_ASSIGN_OR_RETURN(parts, http::ParseMultipart(req.Header("content-type"), req.body));
  const http::Part* file = http::FindPart(parts, "file");
  if (file == nullptr || file->filename.empty())
    return Status::Invalid("file", "请选择要导入的文件", "choose a file to import");
  return file;
}

Result<Dataset> DatasetParam(const Request& req) {
  auto ds = ParseDataset(req.Query("dataset"));
  if (!ds)
    return Status::Invalid("dataset", "数据集应为 discharges、visits、antibiotic_use 或 pathways",
                           "dataset must be discharges, visits, antibiotic_use or pathways");
  return *ds;
}

// The most specific target valid in [first, last] for an org unit.
const Target* TargetFor(const std::vector<Target>& targets, const std::string& code, Grouping g,
                        const std::string& org, const std::string& campus, int first, int last) {
  const Target* best = nullptr;
  int best_rank = -1;
  for (const Target& t : targets) {
    if (t.indicator_code != code || t.valid_from > last || (t.valid_to && *t.valid_to < first))
      continue;
    int rank = -1;
    if (t.scope == "hospital") rank = 0;
    if (t.scope == "campus" && ((g == Grouping::kCampus && t.scope_code == org) ||
                                (g == Grouping::kDepartment && t.scope_code == campus)))
      rank = 1;
    if (t.scope == "department" && g == Grouping::kDepartment && t.scope_code == org) rank = 2;
    // The most specific scope wins; within a scope, the most recently started target.
    if (rank > best_rank || (rank == best_rank && rank >= 0 && t.valid_from > best->valid_from))
      best = &t, best_rank = rank;
  }
  return best;
}

Json TargetJson(const Target& t) {
  return {{"id", t.id},
          {"indicator_code", t.indicator_code},
          {"scope", t.scope},
          {"scope_code", t.scope_code},
          {"comparator", t.comparator},
          {"value", t.value},
          {"valid_from", MonthLabel(t.valid_from)},
          {"valid_to", t.valid_to ? Json(MonthLabel(*t.valid_to)) : Json()},
          {"basis", t.basis}};
}

Result<Target> ReadTarget(const Request& req) {
  Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object())
    return Status::Invalid("body", "请求体必须是 JSON 对象", "body must be a JSON object");
  Validation v;
  http::FieldReader r(body, v);
  Target t;
  t.indicator_code = r.String("indicator_code", "指标", "indicator", true, 64);
  t.scope = r.String("scope", "范围", "scope", true, 20);
  t.scope_code = r.String("scope_code", "院区或科室", "campus or department", false, 64);
  t.comparator = r.String("comparator", "比较方式", "comparator", true, 2);
  t.basis = r.String("basis", "依据", "basis", false, 500);
  if (!body.contains("value") || !body["value"].is_number())
    v.Fail("value", "目标值必须是数字", "value must be a number");
  else
    t.value = body["value"].get<double>();
  auto month = [&](const char* key, bool required) -> std::optional<int> {
    if (!body.contains(key) || body[key].is_null()) {
      if (required) v.Fail(key, "请填写月份 YYYY-MM", "month YYYY-MM is required");
      return std::nullopt;
    }
    std::string s = body[key].is_string() ? body[key].get<std::string>() : "";
    if (s.size() == 7 && s[4] == '-' && s.find_first_not_of("0123456789-") == std::string::npos)
      return std::atoi(s.substr(0, 4).c_str()) * 100 + std::atoi(s.substr(5).c_str());
    v.Fail(key, "月份应为 YYYY-MM", "must be a month YYYY-MM");
    return std::nullopt;
  };
  t.valid_from = month("valid_from", true).value_or(0);
  t.valid_to = month("valid_to", false);
  YW_RETURN_IF_ERROR(v.ToStatus());
  return t;
}

// 医院填报数据 and code tables: the import errors of a file as a 400 problem whose `fields`
// say row and column like every other import, plus `errors` [{line, column, value, reason,
// reason_en}] for a table in the console.
Response ImportErrors(const Request& req, const std::vector<FigureImportError>& errors) {
  Validation v;
  Json list = Json::array();
  for (const FigureImportError& e : errors) {
    std::string where = e.line > 0 ? "第" + std::to_string(e.line) + "行" : "文件";
    std::string where_en = e.line > 0 ? "row " + std::to_string(e.line) : "file";
    if (!e.column.empty()) where += "「" + e.column + "」", where_en += " / " + e.column;
    std::string value = e.value.empty() ? "" : "（" + e.value + "）";
    std::string value_en = e.value.empty() ? "" : " (" + e.value + ")";
    v.Fail(where_en, where + value + "：" + e.reason, where_en + value_en + ": " + e.reason_en);
    list.push_back({{"line", e.line},
                    {"column", e.column},
                    {"value", e.value},
                    {"reason", e.reason},
                    {"reason_en", e.reason_en}});
  }
  Response res = http::ProblemResponse(v.ToStatus(), req.PrefersEnglish());
  Json body = Json::parse(res.body, nullptr, false);
  if (!body.is_object()) return res;
  body["errors"] = std::move(list);
  return JsonResponse(body, res.status);
}

Json FigureDefJson(const FigureDef& f) {
  return {{"code", f.code},
          {"name", f.name},
          {"name_en", f.name_en},
          {"unit", f.unit},
          {"unit_en", f.unit_en},
          {"decimals", f.decimals},
          {"aggregate", std::string(AggregateName(f.aggregate))},
          {"level", std::string(LevelName(f.level))},
          {"category", f.category},
          {"source", f.source}};
}

// The month range of GET /indicators/figures: from/to (YYYY-MM), at most 10 years.
Result<std::pair<int, int>> FigureRange(const Request& req) {
  Validation v;
  auto from = MonthParam(req, "from", true), to = MonthParam(req, "to", true);
  if (!from.ok()) v.Fail("from", "起始月份应为 YYYY-MM", "from must be YYYY-MM");
  if (!to.ok()) v.Fail("to", "截止月份应为 YYYY-MM", "to must be YYYY-MM");
  if (from.ok() && to.ok() && *from > *to)
    v.Fail("to", "截止月份早于起始月份", "to is before from");
  if (from.ok() && to.ok() && (*to / 100 - *from / 100) > 10)
    v.Fail("to", "一次最多查询10年", "at most 10 years at a time");
  YW_RETURN_IF_ERROR(v.ToStatus());
  return std::make_pair(*from, *to);
}

// PUT /indicators/figures body → inputs; shape errors name items[i].key.
Result<std::vector<FigureInput>> ReadFigureInputs(const Request& req) {
  Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object())
    return Status::Invalid("body", "请求体必须是 JSON 对象", "body must be a JSON object");
  if (!body.contains("items") || !body["items"].is_array())
    return Status::Invalid("items", "items 必须是数组 [{period, org_unit, code, value}]",
                           "items must be an array of {period, org_unit, code, value}");
  Validation v;
  std::vector<FigureInput> out;
  size_t i = 0;
  for (const Json& item : body["items"]) {
    std::string field = "items[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      v.Fail(field, "每一项必须是对象", "each item must be an object");
      continue;
    }
    FigureInput in;
    in.field = field;
    auto text = [&](const char* key, std::string* to) {
      if (!item.contains(key) || item[key].is_null()) return;
      if (item[key].is_string()) {
        *to = Trim(item[key].get<std::string>());
      } else {
        v.Fail(field + "." + key, std::string(key) + " 必须是文本",
               std::string(key) + " must be text");
      }
    };
    text("period", &in.period);
    text("org_unit", &in.org_unit);
    text("code", &in.code);
    text("note", &in.note);
    if (item.contains("value") && !item["value"].is_null()) {
      const Json& val = item["value"];
      if (val.is_number()) {
        in.number = val.get<double>();
      } else if (val.is_string()) {
        in.text = val.get<std::string>();
      } else {
        v.Fail(field + ".value", "数值必须是数字", "value must be a number");
      }
    }
    out.push_back(std::move(in));
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  return out;
}

void RegisterFigureRoutes(auth::RouteTable& routes, IndicatorService& svc, org::OrgService& org) {
  routes.Add("GET", "/api/v1/indicators/figure-definitions", "indicators.read",
             [&svc](Request&, const Principal&) -> Result<Response> {
               Json a = Json::array();
               for (const FigureDef& f : svc.figure_catalogue().figures())
                 a.push_back(FigureDefJson(f));
               return JsonResponse({{"items", a}});
             });
  routes.Add("GET", "/api/v1/indicators/figures", "indicators.read",
             [&svc, &org](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto range, FigureRange(req));
               // A department head sees the rows of their departments only (not the hospital's).
               YW_ASSIGN_OR_RETURN(DeptCodes scope, Scope(p, org));
               YW_ASSIGN_OR_RETURN(auto rows, svc.figures().List(range.first, range.second,
                                                                 req.Query("org_unit"), scope));
               YW_ASSIGN_OR_RETURN(auto names, svc.store().OrgNames());
               Json a = Json::array();
               for (const FigureRow& r : rows) {
                 const FigureDef* def = svc.figure_catalogue().Find(r.code);
                 if (def == nullptr) continue;  // a figure no longer in the catalogue
                 auto name = names.find(r.org_unit);
                 std::string text = FigureValueText(*def, r.value);
                 a.push_back({{"period", FigurePeriodLabel(r.period)},
                              {"org_unit", r.org_unit},
                              {"org_name", name == names.end() ? r.org_unit : name->second},
                              {"code", r.code},
                              {"value", std::strtod(text.c_str(), nullptr)},
                              {"value_text", text},
                              {"note", r.note},
                              {"updated_by_name", r.updated_by_name},
                              {"updated_at", r.updated_at}});
               }
               return JsonResponse({{"items", a}});
             });
  // Writes need indicators.manage (统计员, admin), not indicators.import: the 病案编码员 imports
  // records with indicators.import, while beds, staff and the hospital's finances are the
  // statistics office's figures and feed the leadership indicators.
  routes.Add("PUT", "/api/v1/indicators/figures", "indicators.manage",
             [&svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(std::vector<FigureInput> inputs, ReadFigureInputs(req));
               YW_ASSIGN_OR_RETURN(int64_t changed,
                                   svc.SaveFigures(auth::Actor::Of(p, req.remote_ip), inputs));
               return JsonResponse({{"changed", changed}});
             });
  routes.Add("DELETE", "/api/v1/indicators/figures", "indicators.manage",
             [&svc](Request& req, const Principal& p) -> Result<Response> {
               Validation v;
               auto period = MonthParam(req, "period", true);
               if (!period.ok()) v.Fail("period", "期间应为 YYYY-MM", "period must be YYYY-MM");
               if (req.Query("org_unit").empty())
                 v.Fail("org_unit", "请指定科室、院区或全院（hospital）", "org_unit is required");
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(int64_t deleted,
                                   svc.DeleteFigures(auth::Actor::Of(p, req.remote_ip), *period,
                                                     req.Query("org_unit"), req.Query("code")));
               return JsonResponse({{"deleted", deleted}});
             });
  routes.Add(
      "POST", "/api/v1/indicators/figures/import", "indicators.manage",
      [&svc](Request& req, const Principal& p) -> Result<Response> {
        std::vector<http::Part> parts;
        YW_ASSIGN_OR_RETURN(const http::Part* file, UploadedFile(req, parts));
        YW_ASSIGN_OR_RETURN(
            FigureImportOutcome out,
            svc.ImportFigures(auth::Actor::Of(p, req.remote_ip), file->filename, file->data));
        if (!out.errors.empty()) return ImportErrors(req, out.errors);
        return JsonResponse(
            {{"file_name", file->filename},
             {"rows", out.rows},
             {"values", out.values},
             {"inserted", out.inserted},
             {"updated", out.updated},
             {"period_from", out.period_from ? Json(FigurePeriodLabel(out.period_from)) : Json()},
             {"period_to", out.period_to ? Json(FigurePeriodLabel(out.period_to)) : Json()}},
            201);
      });
}

Result<CodeKind> KindParam(const Request& req) {
  auto kind = ParseCodeKind(req.params.count("kind") ? req.params.at("kind") : "");
  if (!kind)
    return Status::Invalid("kind", "编码字典应为 icd10（疾病）或 procedure（手术操作）",
                           "kind must be icd10 or procedure");
  return *kind;
}

// Code tables change the 首页质控 rules: manage (统计员, admin), like the definitions — the
// coders whose codes the tables judge do not replace them.
void RegisterCodeTableRoutes(auth::RouteTable& routes, IndicatorService& svc) {
  routes.Add("GET", "/api/v1/indicators/code-tables", "indicators.import",
             [&svc](Request&, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, svc.code_tables().Summary());
               Json a = Json::array();
               for (const CodeTableInfo& t : list)
                 a.push_back({{"kind", t.kind}, {"count", t.count}, {"version", t.version}});
               return JsonResponse({{"items", a}});
             });
  routes.Add("POST", "/api/v1/indicators/code-tables/{kind}/import", "indicators.manage",
             [&svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(CodeKind kind, KindParam(req));
               std::vector<http::Part> parts;
               YW_ASSIGN_OR_RETURN(const http::Part* file, UploadedFile(req, parts));
               std::string version = req.Query("version");
               if (const http::Part* vp = http::FindPart(parts, "version")) version = vp->data;
               YW_ASSIGN_OR_RETURN(CodeTableImport out,
                                   svc.ImportCodeTable(auth::Actor::Of(p, req.remote_ip), kind,
                                                       version, file->filename, file->data));
               if (!out.errors.empty()) return ImportErrors(req, out.errors);
               return JsonResponse({{"kind", std::string(CodeKindName(kind))},
                                    {"count", out.rows},
                                    {"replaced", out.replaced},
                                    {"version", Trim(version)}},
                                   201);
             });
  routes.Add("DELETE", "/api/v1/indicators/code-tables/{kind}", "indicators.manage",
             [&svc](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(CodeKind kind, KindParam(req));
               YW_ASSIGN_OR_RETURN(int64_t removed,
                                   svc.ClearCodeTable(auth::Actor::Of(p, req.remote_ip), kind));
               return JsonResponse({{"deleted", removed}});
             });
}

}  // namespace

void RegisterRoutes(auth::RouteTable& routes, IndicatorService& svc, org::OrgService& org,
                    FileStore& files) {
  IndicatorStore& store = svc.store();

  routes.Add("GET", "/api/v1/indicators/definitions", "indicators.read",
             [&store](Request&, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto defs, store.Definitions());
               Json a = Json::array();
               for (const StoredDefinition& d : defs) a.push_back(DefinitionJson(d));
               return JsonResponse({{"items", a}});
             });
  auto save_definition = [&store, &svc](bool create) {
    return [&store, &svc, create](Request& req, const Principal& p) -> Result<Response> {
      Json body = Json::parse(req.body, nullptr, false);
      if (!body.is_object())
        return Status::Invalid("body", "请求体必须是 JSON 对象", "body must be a JSON object");
      YW_ASSIGN_OR_RETURN(Indicator i, ParseIndicator(req.body, &svc.figure_catalogue()));
      if (!create && i.code != req.params["code"])
        return Status::Invalid("code", "指标代码不能修改", "the code cannot be changed");
      bool enabled =
          !body.contains("enabled") || !body["enabled"].is_boolean() || body["enabled"].get<bool>();
      YW_RETURN_IF_ERROR(
          store.SaveDefinition(auth::Actor::Of(p, req.remote_ip), i, enabled, create));
      YW_RETURN_IF_ERROR(svc.ReloadDefinitions());
      YW_ASSIGN_OR_RETURN(auto defs, store.Definitions());
      for (const StoredDefinition& d : defs)
        if (d.indicator.code == i.code) return JsonResponse(DefinitionJson(d), create ? 201 : 200);
      return Status::Internal("saved definition not found");
    };
  };
  routes.Add("POST", "/api/v1/indicators/definitions", "indicators.manage", save_definition(true));
  routes.Add("PUT", "/api/v1/indicators/definitions/{code}", "indicators.manage",
             save_definition(false));

  routes.Add(
      "GET", "/api/v1/indicators/results", "indicators.read",
      [&svc, &store, &org](Request& req, const Principal& p) -> Result<Response> {
        Validation v;
        auto from = MonthParam(req, "from", true), to = MonthParam(req, "to", true);
        auto grain = ParseGrain(req.HasQuery("by") ? req.Query("by") : "month");
        auto grouping = ParseGrouping(req.HasQuery("group") ? req.Query("group") : "hospital");
        if (!from.ok()) v.Fail("from", "起始月份应为 YYYY-MM", "from must be YYYY-MM");
        if (!to.ok()) v.Fail("to", "截止月份应为 YYYY-MM", "to must be YYYY-MM");
        if (from.ok() && to.ok() && *from > *to)
          v.Fail("to", "截止月份早于起始月份", "to is before from");
        if (from.ok() && to.ok() && (*to / 100 - *from / 100) > 10)
          v.Fail("to", "一次最多查询10年", "at most 10 years at a time");
        if (!grain)
          v.Fail("by", "by 应为 month、quarter 或 year", "by must be month, quarter or year");
        if (!grouping)
          v.Fail("group", "group 应为 hospital、campus 或 department",
                 "group must be hospital, campus or department");
        YW_RETURN_IF_ERROR(v.ToStatus());
        YW_RETURN_IF_ERROR(CheckGrouping(p, *grouping));
        Query q;
        q.from = *from, q.to = *to, q.grain = *grain, q.grouping = *grouping;
        if (!req.Query("indicator").empty()) q.indicators = Split(req.Query("indicator"), ',');
        YW_ASSIGN_OR_RETURN(q.departments, Scope(p, org));
        YW_ASSIGN_OR_RETURN(std::vector<ResultRow> rows, svc.Run(q));
        YW_ASSIGN_OR_RETURN(auto names, store.OrgNames());
        YW_ASSIGN_OR_RETURN(auto campus_of, store.CampusOf());
        YW_ASSIGN_OR_RETURN(std::vector<Target> targets, store.Targets(""));
        std::map<std::string, Indicator> defs;
        for (const Indicator& i : svc.engine().indicators()) defs[i.code] = i;
        Json a = Json::array();
        for (const ResultRow& r : rows) {
          const Indicator& def = defs[r.indicator];
          auto range = PeriodRange(r.period, q.grain);
          auto cmp = campus_of.find(r.org_unit);
          const Target* t = range.ok() ? TargetFor(targets, r.indicator, q.grouping, r.org_unit,
                                                   cmp == campus_of.end() ? "" : cmp->second,
                                                   range->first, range->second)
                                       : nullptr;
          auto name = names.find(r.org_unit);
          Json row = {{"indicator", r.indicator},
                      {"period", r.period},
                      {"org_unit", r.org_unit},
                      {"org_name", name == names.end() ? r.org_unit : name->second},
                      {"numerator", r.numerator},
                      {"denominator", def.denominator ? Json(r.denominator) : Json()},
                      {"value", Opt(r.value)},
                      {"previous_year_value", Opt(r.previous_year_value)},
                      {"previous_period_value", Opt(r.previous_period_value)},
                      {"ytd_value", Opt(r.ytd_value)},
                      {"previous_ytd_value", Opt(r.previous_ytd_value)}};
          row["yoy_change_pct"] =
              r.value && r.previous_year_value && *r.previous_year_value != 0
                  ? Json((*r.value - *r.previous_year_value) / *r.previous_year_value * 100)
                  : Json();
          row["target"] = t ? TargetJson(*t) : Json();
          row["attained"] = t && r.value ? Json(t->Attained(*r.value)) : Json();
          a.push_back(std::move(row));
        }
        return JsonResponse({{"items", a},
                             {"first_month", MonthLabel(svc.engine().FirstMonth())},
                             {"last_month", MonthLabel(svc.engine().LastMonth())}});
      });

  routes.Add(
      "GET", "/api/v1/indicators/records", "indicators.records.read",
      [&svc, &store, &org](Request& req, const Principal& p) -> Result<Response> {
        YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
        auto grain = ParseGrain(req.HasQuery("by") ? req.Query("by") : "month");
        auto grouping = ParseGrouping(req.HasQuery("group") ? req.Query("group") : "hospital");
        if (!grain)
          return Status::Invalid("by", "by 应为 month、quarter 或 year",
                                 "by must be month, quarter or year");
        if (!grouping)
          return Status::Invalid("group", "group 应为 hospital、campus 或 department",
                                 "group must be hospital, campus or department");
        YW_RETURN_IF_ERROR(CheckGrouping(p, *grouping));
        YW_ASSIGN_OR_RETURN(auto range, PeriodRange(req.Query("period"), *grain));
        std::optional<Indicator> def;
        for (const Indicator& i : svc.engine().indicators())
          if (i.code == req.Query("indicator")) def = i;
        if (!def) return Status::NotFound("指标 " + req.Query("indicator"), "indicator");
        std::string side = req.HasQuery("side") ? req.Query("side") : "numerator";
        if (side != "numerator" && side != "denominator")
          return Status::Invalid("side", "side 应为 numerator 或 denominator",
                                 "side must be numerator or denominator");
        if (side == "denominator" && !def->denominator)
          return Status::Invalid("side", "该指标没有分母", "this indicator has no denominator");
        const Measure& m = side == "numerator" ? def->numerator : *def->denominator;
        if (m.IsFigures())  // a number entered as 填报数据, not counted from records
          return Status::Invalid("side", "该项来自医院填报数据，没有明细记录",
                                 "this side comes from hospital figures and has no record rows");
        std::string org_unit =
            *grouping == Grouping::kHospital ? "hospital" : req.Query("org_unit");
        if (org_unit.empty())
          return Status::Invalid("org_unit", "请指定科室或院区", "org_unit is required");
        YW_ASSIGN_OR_RETURN(DeptCodes scope, Scope(p, org));
        YW_ASSIGN_OR_RETURN(auto result,
                            store.Records(m, range.first, range.second, *grouping, org_unit, scope,
                                          page.offset(), page.page_size));
        const bool identify = p.Has("indicators.records.identify");
        Json a = Json::array();
        static const std::set<std::string> kNumbers = {
            "id", "zycs", "nl", "sjzyts", "zfy", "batch_id", "jzlx", "yybz", "ypf", "kjywbz"};
        for (auto& row : result.rows) {
          Json j = Json::object();
          for (auto& [k, val] : row) {
            if (kNumbers.count(k) && !val.empty()) {
              j[k] = std::strtoll(val.c_str(), nullptr, 10);
            } else if (kNumbers.count(k)) {
              j[k] = nullptr;
            } else {
              j[k] = val;
            }
          }
          if (!identify && j.contains("xm")) j["xm"] = MaskName(row["xm"]);
          if (!identify && j.contains("sfzh")) j["sfzh"] = MaskIdNumber(row["sfzh"]);
          a.push_back(std::move(j));
        }
        return JsonResponse({{"items", a}, {"total", result.total}, {"dataset", result.dataset}});
      });

  routes.Add("GET", "/api/v1/indicators/targets", "indicators.read",
             [&store](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, store.Targets(req.Query("indicator")));
               Json a = Json::array();
               for (const Target& t : list) a.push_back(TargetJson(t));
               return JsonResponse({{"items", a}});
             });
  routes.Add("POST", "/api/v1/indicators/targets", "indicators.manage",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Target t, ReadTarget(req));
               YW_ASSIGN_OR_RETURN(t, store.SaveTarget(auth::Actor::Of(p, req.remote_ip), t));
               return JsonResponse(TargetJson(t), 201);
             });
  routes.Add("PUT", "/api/v1/indicators/targets/{id}", "indicators.manage",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(Target t, ReadTarget(req));
               t.id = id;
               YW_ASSIGN_OR_RETURN(t, store.SaveTarget(auth::Actor::Of(p, req.remote_ip), t));
               return JsonResponse(TargetJson(t));
             });
  routes.Add("DELETE", "/api/v1/indicators/targets/{id}", "indicators.manage",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_RETURN_IF_ERROR(store.DeleteTarget(auth::Actor::Of(p, req.remote_ip), id));
               return Response::NoContent();
             });

  // Imports.
  routes.Add("POST", "/api/v1/indicators/imports", "indicators.import",
             [&svc, &store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Dataset ds, DatasetParam(req));
               std::vector<http::Part> parts;
               YW_ASSIGN_OR_RETURN(const http::Part* file, UploadedFile(req, parts));
               ImportRequest r;
               r.dataset = ds;
               r.file_name = file->filename;
               r.data = file->data;
               r.source = "console";
               r.actor = auth::Actor::Of(p, req.remote_ip);
               if (!req.Query("mapping").empty()) {
                 YW_ASSIGN_OR_RETURN(auto mappings, store.Mappings(std::string(DatasetName(ds))));
                 bool found = false;
                 for (const ColumnMapping& m : mappings)
                   if (m.name == req.Query("mapping")) r.mapping = m.mapping, found = true;
                 if (!found)
                   return Status::Invalid("mapping", "列映射不存在：" + req.Query("mapping"),
                                          "no such column mapping");
                 r.mapping_name = req.Query("mapping");
               }
               YW_ASSIGN_OR_RETURN(ImportOutcome out, svc.Import(r));
               YW_ASSIGN_OR_RETURN(BatchInfo b, store.Batch(out.batch_id));
               Json j = BatchJson(b);
               j["ignored_columns"] = out.ignored_columns;
               Json sample = Json::array();
               for (const RecordFinding& f : out.sample) {
                 StoredFinding s;
                 s.line = f.line, s.record_key = f.key, s.field = f.finding.field;
                 s.value = f.finding.value, s.rule = f.finding.rule;
                 s.category = std::string(QcCategoryName(f.finding.category));
                 s.severity = std::string(SeverityName(f.finding.severity));
                 s.message = f.finding.message, s.message_en = f.finding.message_en;
                 s.dept_code = f.dept, s.coder = f.coder, s.period = f.period;
                 sample.push_back(FindingJson(s, true));
               }
               j["sample"] = sample;
               return JsonResponse(j, out.committed ? 201 : 200);
             });
  routes.Add("GET", "/api/v1/indicators/imports", "indicators.import",
             [&store](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
               YW_ASSIGN_OR_RETURN(
                   auto list, store.Batches(req.Query("dataset"), page.offset(), page.page_size));
               Json a = Json::array();
               for (const BatchInfo& b : list.first) a.push_back(BatchJson(b));
               return JsonResponse({{"items", a}, {"total", list.second}});
             });
  routes.Add("GET", "/api/v1/indicators/imports/{id}", "indicators.import",
             [&store](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(BatchInfo b, store.Batch(id));
               return JsonResponse(BatchJson(b));
             });
  routes.Add("GET", "/api/v1/indicators/imports/{id}/findings", "indicators.import",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
               YW_ASSIGN_OR_RETURN(BatchInfo b, store.Batch(id));
               YW_ASSIGN_OR_RETURN(auto list,
                                   store.BatchFindings(b.id, page.offset(), page.page_size));
               Json a = Json::array();
               for (const StoredFinding& f : list.first)
                 a.push_back(FindingJson(f, p.Has("indicators.records.identify")));
               return JsonResponse({{"items", a}, {"total", list.second}});
             });
  routes.Add("GET", "/api/v1/indicators/imports/{id}/report", "indicators.import",
             [&store, &files](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_ASSIGN_OR_RETURN(BatchInfo b, store.Batch(id));
               if (b.report_key.empty()) return Status::NotFound("错误报告", "error report");
               YW_ASSIGN_OR_RETURN(std::string data, files.Get(b.report_key));
               return Response::Download(std::move(data), http::kXlsxContentType,
                                         "导入错误报告-" + std::to_string(id) + ".xlsx");
             });

  // Column mappings and canonical columns.
  routes.Add("GET", "/api/v1/indicators/columns", "indicators.import",
             [](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(Dataset ds, DatasetParam(req));
               static const char* kTypes[] = {"text",  "int",     "date", "datetime",
                                              "money", "decimal", "flag"};
               Json a = Json::array();
               for (const FieldSpec& f : Fields(ds))
                 a.push_back({{"name", f.name},
                              {"label", f.label},
                              {"type", kTypes[static_cast<int>(f.type)]},
                              {"key", f.key}});
               return JsonResponse({{"items", a}});
             });
  routes.Add("GET", "/api/v1/indicators/mappings", "indicators.import",
             [&store](Request& req, const Principal&) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(auto list, store.Mappings(req.Query("dataset")));
               Json a = Json::array();
               for (const ColumnMapping& m : list)
                 a.push_back({{"id", m.id},
                              {"dataset", m.dataset},
                              {"name", m.name},
                              {"mapping", m.mapping},
                              {"updated_at", m.updated_at}});
               return JsonResponse({{"items", a}});
             });
  routes.Add("PUT", "/api/v1/indicators/mappings", "indicators.manage",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               Json body = Json::parse(req.body, nullptr, false);
               if (!body.is_object())
                 return Status::Invalid("body", "请求体必须是 JSON 对象",
                                        "body must be a JSON object");
               Validation v;
               http::FieldReader r(body, v);
               ColumnMapping m;
               m.dataset = r.String("dataset", "数据集", "dataset", true, 40);
               m.name = r.String("name", "映射名称", "name", true, 100);
               if (!body.contains("mapping") || !body["mapping"].is_object()) {
                 v.Fail("mapping", "mapping 必须是对象 {\"源列名\": \"标准列\"}",
                        "mapping must be an object {\"source header\": \"CANONICAL\"}");
               } else {
                 for (auto& [k, val] : body["mapping"].items()) {
                   if (!val.is_string()) {
                     v.Fail("mapping", "「" + k + "」的对应列必须是文本",
                            "mapping values must be strings");
                     continue;
                   }
                   std::string to = Trim(val.get<std::string>());
                   if (!Trim(k).empty() && !to.empty()) m.mapping[Trim(k)] = to;
                 }
               }
               YW_RETURN_IF_ERROR(v.ToStatus());
               YW_ASSIGN_OR_RETURN(m, store.SaveMapping(auth::Actor::Of(p, req.remote_ip), m));
               return JsonResponse({{"id", m.id},
                                    {"dataset", m.dataset},
                                    {"name", m.name},
                                    {"mapping", m.mapping},
                                    {"updated_at", m.updated_at}});
             });
  routes.Add("DELETE", "/api/v1/indicators/mappings/{id}", "indicators.manage",
             [&store](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
               YW_RETURN_IF_ERROR(store.DeleteMapping(auth::Actor::Of(p, req.remote_ip), id));
               return Response::NoContent();
             });

  // 首页质控.
  routes.Add("GET", "/api/v1/indicators/qc/summary", "indicators.import",
             [&store, &org](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(int from, MonthParam(req, "from", true));
               YW_ASSIGN_OR_RETURN(int to, MonthParam(req, "to", true));
               std::string by = req.HasQuery("by") ? req.Query("by") : "department";
               if (by != "department" && by != "coder")
                 return Status::Invalid("by", "by 应为 department 或 coder",
                                        "by must be department or coder");
               YW_ASSIGN_OR_RETURN(DeptCodes scope, Scope(p, org));
               YW_ASSIGN_OR_RETURN(auto sum, store.QcSummary(from, to, by == "coder", scope));
               YW_ASSIGN_OR_RETURN(auto names, store.OrgNames());
               Json a = Json::array(), rules = Json::array();
               for (const QcSummaryRow& r : sum.first) {
                 auto n = names.find(r.key);
                 a.push_back({{"key", r.key},
                              {"name", by == "coder" ? (r.key.empty() ? "（未填编码员）" : r.key)
                                       : n == names.end() ? r.key
                                                          : n->second},
                              {"records", r.records},
                              {"complete_records", r.complete_records},
                              {"required_filled", r.required_filled},
                              {"required_total", r.required_total},
                              {"records_with_errors", r.records_with_errors},
                              {"by_category", r.by_category}});
               }
               for (const QcRuleCount& r : sum.second)
                 rules.push_back({{"rule", r.rule},
                                  {"category", r.category},
                                  {"severity", r.severity},
                                  {"count", r.count}});
               return JsonResponse({{"items", a}, {"rules", rules}});
             });
  routes.Add("GET", "/api/v1/indicators/qc/findings", "indicators.import",
             [&store, &org](Request& req, const Principal& p) -> Result<Response> {
               YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
               IndicatorStore::QcFilter f;
               YW_ASSIGN_OR_RETURN(f.from, MonthParam(req, "from", true));
               YW_ASSIGN_OR_RETURN(f.to, MonthParam(req, "to", true));
               f.dept = req.Query("dept"), f.coder = req.Query("coder");
               f.rule = req.Query("rule"), f.category = req.Query("category");
               YW_ASSIGN_OR_RETURN(DeptCodes scope, Scope(p, org));
               YW_ASSIGN_OR_RETURN(auto list,
                                   store.QcFindings(f, scope, page.offset(), page.page_size));
               Json a = Json::array();
               for (const StoredFinding& s : list.first)
                 a.push_back(FindingJson(s, p.Has("indicators.records.identify")));
               return JsonResponse({{"items", a}, {"total", list.second}});
             });

  RegisterFigureRoutes(routes, svc, org);
  RegisterCodeTableRoutes(routes, svc);
}

}  // namespace yuanwu::indicators
