#include "indicators/definition.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "indicators/record.h"

namespace yuanwu::indicators {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<ColumnInfo> kDischargeColumns = [] {
  std::vector<ColumnInfo> c = {
      {"lyfs", "d.lyfs", false},
      {"xb", "d.xb", false},
      {"ylfkfs", "d.ylfkfs", false},
      {"rytj", "d.rytj", false},
      {"jbdm", "d.jbdm", false},
      {"rybq", "d.rybq", false},
      {"cykb", "d.cykb", false},
      {"rykb", "d.rykb", false},
      {"bmy", "d.bmy", false},
      {"nl", "COALESCE(d.nl, 0)", true},
      {"sjzyts", "COALESCE(d.sjzyts, 0)", true},
      {"zfy", "COALESCE(d.zfy, 0)", true},
      {"zfje", "COALESCE(d.zfje, 0)", true},
      {"required_filled", "d.required_filled", true},
      {"required_total", "d.required_total", true},
      // 1 when every 必填项目 was filled (住院病案首页填报完整率).
      {"complete", "CASE WHEN d.required_filled = d.required_total THEN 1 ELSE 0 END", true},
  };
  static const char* kCostSql[] = {
      "COALESCE(d.ylfuf, 0)",   "COALESCE(d.zlczf, 0)",    "COALESCE(d.hlf, 0)",
      "COALESCE(d.qtfy, 0)",    "COALESCE(d.blzdf, 0)",    "COALESCE(d.syszdf, 0)",
      "COALESCE(d.yxxzdf, 0)",  "COALESCE(d.lczdxmf, 0)",  "COALESCE(d.fsszlxmf, 0)",
      "COALESCE(d.wlzlf, 0)",   "COALESCE(d.sszlf, 0)",    "COALESCE(d.maf, 0)",
      "COALESCE(d.ssf, 0)",     "COALESCE(d.kff, 0)",      "COALESCE(d.zyzlf, 0)",
      "COALESCE(d.xyf, 0)",     "COALESCE(d.kjywf, 0)",    "COALESCE(d.zcyf, 0)",
      "COALESCE(d.zcyf1, 0)",   "COALESCE(d.xf, 0)",       "COALESCE(d.bdblzpf, 0)",
      "COALESCE(d.qdblzpf, 0)", "COALESCE(d.nxyzlzpf, 0)", "COALESCE(d.xbyzlzpf, 0)",
      "COALESCE(d.hcyyclf, 0)", "COALESCE(d.yyclf, 0)",    "COALESCE(d.ycxyyclf, 0)",
      "COALESCE(d.qtf, 0)"};
  for (size_t i = 0; i < kCostFields.size(); ++i) c.push_back({kCostFields[i], kCostSql[i], true});
  return c;
}();

const std::vector<ColumnInfo> kVisitColumns = {
    {"jzlx", "v.jzlx", true},  {"yybz", "v.yybz", true}, {"kjywbz", "v.kjywbz", true},
    {"ksdm", "v.ksdm", false}, {"zfy", "v.zfy", true},   {"ypf", "v.ypf", true},
};

const std::vector<ColumnInfo> kProcedureColumns = {
    {"code", "c.code", false}, {"sspb", "c.sspb", false}, {"ssjb", "c.ssjb", false},
    {"wcss", "c.wcss", false}, {"qkdj", "c.qkdj", false}, {"qkyhlb", "c.qkyhlb", false},
    {"mzfs", "c.mzfs", false},
};
const std::vector<ColumnInfo> kDiagnosisColumns = {
    {"code", "c.code", false},
    {"rybq", "c.rybq", false},
};
const std::vector<ColumnInfo> kAntibioticColumns = {
    {"atc", "c.atc", false}, {"ypbm", "c.ypbm", false}, {"ddd_e4", "c.ddd_e4", true}};
const std::vector<ColumnInfo> kPathwayColumns = {{"ljdm", "c.ljdm", false},
                                                 {"rj", "c.rj", true},
                                                 {"wc", "c.wc", true},
                                                 {"bybz", "c.bybz", true},
                                                 {"tc", "c.tc", true}};
const std::vector<ColumnInfo> kFindingColumns = {{"category", "c.category", false},
                                                 {"rule", "c.rule", false},
                                                 {"severity", "c.severity", false}};

Status Bad(const std::string& code, const std::string& key, const std::string& zh,
           const std::string& en) {
  return Status::Invalid(key, "指标「" + code + "」：" + zh, "indicator " + code + ": " + en);
}

std::vector<std::string> Strings(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const Json& v : j) {
    if (v.is_string())
      out.push_back(v.get<std::string>());
    else if (v.is_number_integer())
      out.push_back(std::to_string(v.get<int64_t>()));
  }
  return out;
}

Result<std::vector<Condition>> ParseConditions(const Json& j, const std::vector<ColumnInfo>& cols,
                                               bool allow_children, const std::string& code);

Result<Condition> ParseCondition(const Json& j, const std::vector<ColumnInfo>& cols,
                                 bool allow_children, const std::string& code) {
  if (!j.is_object()) return Bad(code, "where", "条件必须是对象", "a condition must be an object");
  Condition c;
  if (j.contains("any") || j.contains("none")) {
    c.kind = j.contains("any") ? Condition::kAny : Condition::kNone;
    const Json& child = j.contains("any") ? j["any"] : j["none"];
    if (!allow_children || !child.is_string() || !ChildColumns(child.get<std::string>()))
      return Bad(code, "where", "无法识别的子记录条件", "unknown child rows in any/none");
    c.child = child.get<std::string>();
    YW_ASSIGN_OR_RETURN(c.where, ParseConditions(j.value("where", Json::array()),
                                                 *ChildColumns(c.child), false, code));
    return c;
  }
  c.field = j.value("field", "");
  if (!FindColumn(cols, c.field))
    return Bad(code, "where", "条件中的字段「" + c.field + "」不存在",
               "unknown field \"" + c.field + "\" in a condition");
  if (j.contains("in")) {
    c.kind = Condition::kIn;
    c.values = Strings(j["in"]);
  } else if (j.contains("prefix")) {
    c.kind = Condition::kPrefix;
    c.values = Strings(j["prefix"]);
  }
  if (c.values.empty())
    return Bad(code, "where", "条件「" + c.field + "」需要 in 或 prefix 列表",
               "condition on " + c.field + " needs a non-empty in or prefix list");
  return c;
}

Result<std::vector<Condition>> ParseConditions(const Json& j, const std::vector<ColumnInfo>& cols,
                                               bool allow_children, const std::string& code) {
  std::vector<Condition> out;
  if (j.is_null()) return out;
  if (!j.is_array()) return Bad(code, "where", "where 必须是数组", "where must be an array");
  for (const Json& c : j) {
    YW_ASSIGN_OR_RETURN(Condition parsed, ParseCondition(c, cols, allow_children, code));
    out.push_back(std::move(parsed));
  }
  return out;
}

bool IsFigureCode(const std::string& s) {
  return !s.empty() && s.size() <= 32 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// {"dataset": "figures", "figures": [{"code": …, "sign": ±1}, …]}: see definition.h.
Result<Measure> ParseFigureMeasure(const Json& j, const std::string& code, const char* which,
                                   const FigureCatalogue* catalogue) {
  const std::string w = which;
  for (const char* key : {"agg", "field", "fields", "child", "child_field", "child_where", "where"})
    if (j.contains(key))
      return Bad(code, which,
                 w + " 是填报数据（figures）的度量，不能有 " + key + "：填报数据只能加减",
                 w + " is a figures measure and cannot have \"" + key +
                     "\": figures are only added or subtracted");
  if (!j.contains("figures") || !j["figures"].is_array() || j["figures"].empty())
    return Bad(code, which, w + " 需要非空的 figures 列表，如 [{\"code\": \"ylsr\"}]",
               w + " needs a non-empty figures list, e.g. [{\"code\": \"ylsr\"}]");
  Measure m;
  for (const Json& t : j["figures"]) {
    if (!t.is_object() || !t.contains("code") || !t["code"].is_string())
      return Bad(code, which, w + " 的 figures 每一项须为 {\"code\": …, \"sign\": 1 或 -1}",
                 w + ": each entry of figures must be {\"code\": …, \"sign\": 1 or -1}");
    FigureTerm term;
    term.code = t["code"].get<std::string>();
    for (const auto& [key, value] : t.items())
      if (key != "code" && key != "sign")
        return Bad(code, which, w + " 的填报项目「" + term.code + "」：不认识的键 " + key,
                   w + ", figure " + term.code + ": unknown key \"" + key + "\"");
    if (t.contains("sign")) {
      if (!t["sign"].is_number_integer() ||
          (t["sign"].get<int64_t>() != 1 && t["sign"].get<int64_t>() != -1))
        return Bad(code, which, w + " 的填报项目「" + term.code + "」：sign 只能是 1 或 -1",
                   w + ", figure " + term.code + ": sign must be 1 or -1");
      term.sign = static_cast<int>(t["sign"].get<int64_t>());
    }
    if (!IsFigureCode(term.code))
      return Bad(code, which,
                 w + " 的填报项目代码「" + term.code + "」不合规（小写字母、数字、下划线）",
                 w + ": figure code \"" + term.code +
                     "\" is not lower-case letters, digits and underscores");
    for (const FigureTerm& seen : m.figures)
      if (seen.code == term.code)
        return Bad(code, which, w + " 中填报项目「" + term.code + "」出现了两次",
                   w + ": figure " + term.code + " appears twice");
    if (catalogue) {
      const FigureDef* def = catalogue->Find(term.code);
      if (!def)
        return Bad(code, which,
                   w + " 中的填报项目「" + term.code +
                       "」不在填报项目目录（data/indicators/figures.json）中",
                   w + ": figure \"" + term.code +
                       "\" is not in the figure catalogue (data/indicators/figures.json)");
      term.decimals = def->decimals;
      term.aggregate = def->aggregate;
      term.level = def->level;
      term.resolved = true;
    }
    m.figures.push_back(std::move(term));
  }
  if (m.figures.size() > 16)
    return Bad(code, which, w + " 的填报项目不能超过 16 个", w + ": at most 16 figures");
  return m;
}

Result<Measure> ParseMeasure(const Json& j, const std::string& code, const char* which,
                             const FigureCatalogue* catalogue) {
  if (!j.is_object())
    return Bad(code, which, std::string(which) + " 必须是对象",
               std::string(which) + " must be an object");
  if (j.value("dataset", "") == "figures") return ParseFigureMeasure(j, code, which, catalogue);
  Measure m;
  auto ds = ParseDataset(j.value("dataset", ""));
  if (!ds || (*ds != Dataset::kDischarges && *ds != Dataset::kVisits))
    return Bad(code, which,
               std::string(which) + " 的数据集只能是 discharges、visits 或 figures（医院填报数据）",
               std::string(which) +
                   ": dataset must be discharges, visits or figures (hospital-entered figures)");
  m.dataset = *ds;
  const auto& cols = Columns(m.dataset);
  std::string agg = j.value("agg", "count");
  if (agg != "count" && agg != "sum")
    return Bad(code, which, "agg 只能是 count 或 sum", "agg must be count or sum");
  m.sum = agg == "sum";
  YW_ASSIGN_OR_RETURN(m.where, ParseConditions(j.value("where", Json::array()), cols,
                                               m.dataset == Dataset::kDischarges, code));
  if (!m.sum) return m;
  if (j.contains("child")) {
    m.child = j.value("child", "");
    const auto* cc = m.dataset == Dataset::kDischarges ? ChildColumns(m.child) : nullptr;
    const ColumnInfo* f = cc ? FindColumn(*cc, j.value("child_field", "")) : nullptr;
    if (!f || !f->numeric)
      return Bad(code, which, "child_field 必须是子记录的数值字段",
                 "child_field must be a numeric column of the child rows");
    m.child_field = f->name;
    YW_ASSIGN_OR_RETURN(m.child_where,
                        ParseConditions(j.value("child_where", Json::array()), *cc, false, code));
    return m;
  }
  m.fields =
      j.contains("fields") ? Strings(j["fields"]) : Strings(Json::array({j.value("field", "")}));
  for (const std::string& f : m.fields) {
    const ColumnInfo* c = FindColumn(cols, f);
    if (!c || !c->numeric)
      return Bad(code, which, "求和字段「" + f + "」不存在或不是数值",
                 "sum field \"" + f + "\" is unknown or not numeric");
  }
  return m;
}

Json ConditionsJson(const std::vector<Condition>& cs);

Json ConditionJson(const Condition& c) {
  switch (c.kind) {
    case Condition::kIn:
      return Json{{"field", c.field}, {"in", c.values}};
    case Condition::kPrefix:
      return Json{{"field", c.field}, {"prefix", c.values}};
    case Condition::kAny:
      return Json{{"any", c.child}, {"where", ConditionsJson(c.where)}};
    case Condition::kNone:
      return Json{{"none", c.child}, {"where", ConditionsJson(c.where)}};
  }
  return {};
}

Json ConditionsJson(const std::vector<Condition>& cs) {
  Json out = Json::array();
  for (const Condition& c : cs) out.push_back(ConditionJson(c));
  return out;
}

Json MeasureJson(const Measure& m) {
  if (m.IsFigures()) {
    Json terms = Json::array();
    for (const FigureTerm& t : m.figures) {
      Json term = {{"code", t.code}};
      if (t.sign != 1) term["sign"] = t.sign;
      terms.push_back(std::move(term));
    }
    return Json{{"dataset", "figures"}, {"figures", std::move(terms)}};
  }
  Json j = {{"dataset", DatasetName(m.dataset)}, {"agg", m.sum ? "sum" : "count"}};
  if (m.sum && m.child.empty()) j["fields"] = m.fields;
  if (!m.child.empty()) {
    j["child"] = m.child;
    j["child_field"] = m.child_field;
    j["child_where"] = ConditionsJson(m.child_where);
  }
  j["where"] = ConditionsJson(m.where);
  return j;
}

}  // namespace

const std::vector<ColumnInfo>& Columns(Dataset d) {
  return d == Dataset::kVisits ? kVisitColumns : kDischargeColumns;
}

const std::vector<ColumnInfo>* ChildColumns(const std::string& child) {
  if (child == "procedures") return &kProcedureColumns;
  if (child == "diagnoses") return &kDiagnosisColumns;
  if (child == "antibiotics") return &kAntibioticColumns;
  if (child == "pathways") return &kPathwayColumns;
  if (child == "findings") return &kFindingColumns;
  return nullptr;
}

const ColumnInfo* FindColumn(const std::vector<ColumnInfo>& cols, const std::string& name) {
  for (const ColumnInfo& c : cols)
    if (name == c.name) return &c;
  return nullptr;
}

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kUp:
      return "up";
    case Direction::kDown:
      return "down";
    case Direction::kMonitor:
      return "monitor";
  }
  return "";
}

std::string Measure::Key() const { return MeasureJson(*this).dump(); }

int Measure::FigureScale() const {
  int scale = 0;
  for (const FigureTerm& t : figures) scale = std::max(scale, t.decimals);
  return scale;
}

bool Measure::FiguresResolved() const {
  for (const FigureTerm& t : figures)
    if (!t.resolved) return false;
  return true;
}

bool UsesFigures(const Indicator& i) {
  return i.numerator.IsFigures() || (i.denominator && i.denominator->IsFigures());
}

Result<Indicator> ParseIndicatorJson(const Json& j, const FigureCatalogue* catalogue) {
  if (!j.is_object())
    return Status::Invalid("definition", "指标定义必须是 JSON 对象",
                           "a definition must be an object");
  Indicator i;
  i.code = j.value("code", "");
  if (i.code.empty() || i.code.size() > 64 ||
      i.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return Status::Invalid("code", "指标代码须为小写字母、数字和下划线（不超过64个字符）",
                           "code must be lowercase letters, digits and _ (at most 64)");
  i.name = j.value("name", "");
  i.name_en = j.value("name_en", "");
  if (i.name.empty()) return Bad(i.code, "name", "缺少中文名称", "name is required");
  i.unit = j.value("unit", "");
  i.unit_en = j.value("unit_en", i.unit);
  i.category = j.value("category", "");
  std::string dir = j.value("direction", "monitor");
  if (dir == "up")
    i.direction = Direction::kUp;
  else if (dir == "down")
    i.direction = Direction::kDown;
  else if (dir == "monitor")
    i.direction = Direction::kMonitor;
  else
    return Bad(i.code, "direction", "导向只能是 up、down 或 monitor",
               "direction must be up, down or monitor");
  if (!j.contains("numerator"))
    return Bad(i.code, "numerator", "缺少分子", "numerator is required");
  YW_ASSIGN_OR_RETURN(i.numerator, ParseMeasure(j["numerator"], i.code, "numerator", catalogue));
  if (j.contains("denominator") && !j["denominator"].is_null()) {
    YW_ASSIGN_OR_RETURN(Measure den,
                        ParseMeasure(j["denominator"], i.code, "denominator", catalogue));
    i.denominator = std::move(den);
  }
  if (j.contains("multiplier") && !j["multiplier"].is_number())
    return Bad(i.code, "multiplier", "multiplier 必须是数字", "multiplier must be a number");
  i.multiplier = j.value("multiplier", 1.0);
  if (j.contains("decimals") &&
      (!j["decimals"].is_number_integer() || j["decimals"].get<int64_t>() < 0 ||
       j["decimals"].get<int64_t>() > 6))
    return Bad(i.code, "decimals", "小数位数应为 0–6 的整数",
               "decimals must be a whole number 0–6");
  i.decimals = j.value("decimals", 2);
  if (!std::isfinite(i.multiplier) || i.multiplier == 0)
    return Bad(i.code, "multiplier", "multiplier 必须是非零的有限数",
               "multiplier must be finite and non-zero");
  i.source = j.value("source", "");
  i.notes = j.value("notes", "");
  i.national = j.value("national", false);
  return i;
}

// nlohmann throws type_error when a key holds another JSON type than the one asked for; the
// definition is user input, so that is a validation error, not an exception.
Result<Indicator> ParseIndicatorChecked(const Json& j, const FigureCatalogue* catalogue) {
  try {
    return ParseIndicatorJson(j, catalogue);
  } catch (const Json::exception&) {
    std::string code = j.is_object() && j.contains("code") && j["code"].is_string()
                           ? j["code"].get<std::string>()
                           : "?";
    return Status::Invalid("definition",
                           "指标「" + code + "」：字段类型不对（文本、数字、数组或对象用错了位置）",
                           "indicator " + code + ": a key holds the wrong JSON type");
  }
}

Result<Indicator> ParseIndicator(const std::string& json, const FigureCatalogue* figures) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded())
    return Status::Invalid("definition", "指标定义不是有效的 JSON",
                           "the definition is not valid JSON");
  return ParseIndicatorChecked(j, figures);
}

Result<std::vector<Indicator>> ParseDefinitionFile(const std::string& json,
                                                   const FigureCatalogue* figures) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.contains("indicators") || !j["indicators"].is_array())
    return Status::Invalid("definitions", "指标定义文件须为 {\"indicators\": [...]}",
                           "the definitions file must be {\"indicators\": [...]}");
  std::vector<Indicator> out;
  std::map<std::string, int> seen;
  for (const Json& item : j["indicators"]) {
    YW_ASSIGN_OR_RETURN(Indicator i, ParseIndicatorChecked(item, figures));
    if (seen[i.code]++)
      return Status::Invalid("code", "指标代码重复：" + i.code,
                             "duplicate indicator code: " + i.code);
    out.push_back(std::move(i));
  }
  return out;
}

std::string IndicatorToJson(const Indicator& i) {
  Json j = {{"code", i.code},
            {"name", i.name},
            {"name_en", i.name_en},
            {"unit", i.unit},
            {"unit_en", i.unit_en},
            {"category", i.category},
            {"direction", DirectionName(i.direction)},
            {"numerator", MeasureJson(i.numerator)}};
  j["denominator"] = i.denominator ? MeasureJson(*i.denominator) : Json();
  j["multiplier"] = i.multiplier;
  j["decimals"] = i.decimals;
  j["source"] = i.source;
  j["notes"] = i.notes;
  j["national"] = i.national;
  return j.dump();
}

}  // namespace yuanwu::indicators
