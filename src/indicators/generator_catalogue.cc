#include "indicators/generator_catalogue.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "indicators/generator_sheet.h"

namespace yuanwu::indicators::gen {
namespace {

std::optional<AgeProfile> ParseAge(std::string_view s) {
  static const std::pair<const char*, AgeProfile> kNames[] = {
      {"adult", AgeProfile::kAdult},         {"elderly", AgeProfile::kElderly},
      {"young", AgeProfile::kYoung},         {"child", AgeProfile::kChild},
      {"infant", AgeProfile::kInfant},       {"newborn", AgeProfile::kNewborn},
      {"obstetric", AgeProfile::kObstetric}, {"gyn", AgeProfile::kGyn}};
  for (const auto& [n, a] : kNames)
    if (s == n) return a;
  return std::nullopt;
}

Status ReadProfiles(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(
      Sheet s,
      Sheet::Open(
          files, "departments.csv",
          {"code",     "match",   "discharges", "visits", "emergency", "checkup",    "winter",
           "los",      "readmit", "er_admit",   "death",  "abx",       "abx_group",  "bed_day",
           "drug_day", "special", "age",        "male",   "visit_fee", "visit_drug", "visit_abx"}));
  static const std::pair<const char*, Special> kSpecial[] = {
      {"none", Special::kNone}, {"icu", Special::kIcu},     {"rehab", Special::kRehab},
      {"tcm", Special::kTcm},   {"chemo", Special::kChemo}, {"dialysis", Special::kDialysis}};
  for (size_t r = 0; r < s.rows(); ++r) {
    Profile p;
    p.code = s.Text(r, "code");
    if (p.code.empty() || c->FindProfile(p.code) >= 0)
      return s.Error(r, "code", "为空或重复", "is empty or repeated");
    for (std::string& m : Split(s.Text(r, "match"), '|'))
      if (!m.empty()) p.match.push_back(std::move(m));
    YW_ASSIGN_OR_RETURN(p.discharges, s.Number(r, "discharges", 0, 1e6));
    YW_ASSIGN_OR_RETURN(p.visits, s.Number(r, "visits", 0, 1e6));
    YW_ASSIGN_OR_RETURN(p.emergency, s.Number(r, "emergency", 0, 1e6));
    YW_ASSIGN_OR_RETURN(p.checkup, s.Number(r, "checkup", 0, 1e6));
    YW_ASSIGN_OR_RETURN(p.winter, s.Number(r, "winter", 0, 0.9));
    YW_ASSIGN_OR_RETURN(p.los, s.Number(r, "los", 0, 60));
    YW_ASSIGN_OR_RETURN(p.readmit, s.Number(r, "readmit", 0, 0.9));
    YW_ASSIGN_OR_RETURN(p.er_admit, s.Number(r, "er_admit", 0, 1));
    YW_ASSIGN_OR_RETURN(p.death, s.Number(r, "death", 0, 0.5));
    YW_ASSIGN_OR_RETURN(p.abx, s.Number(r, "abx", 0, 1));
    p.abx_group = s.Text(r, "abx_group");
    YW_ASSIGN_OR_RETURN(p.bed_day, s.Number(r, "bed_day", 0, 10000));
    YW_ASSIGN_OR_RETURN(p.drug_day, s.Number(r, "drug_day", 0, 10000));
    std::string special = s.Text(r, "special");
    bool known = false;
    for (const auto& [n, v] : kSpecial)
      if (special == n) p.special = v, known = true;
    if (!known)
      return s.Error(r, "special", "不是 none/icu/rehab/tcm/chemo/dialysis",
                     "is not none/icu/rehab/tcm/chemo/dialysis");
    std::optional<AgeProfile> age = ParseAge(s.Text(r, "age"));
    if (!age) return s.Error(r, "age", "不是已知的年龄构成", "is not a known age profile");
    p.age = *age;
    YW_ASSIGN_OR_RETURN(p.male, s.Number(r, "male", 0, 1));
    YW_ASSIGN_OR_RETURN(p.visit_fee, s.Number(r, "visit_fee", 0, 100000));
    YW_ASSIGN_OR_RETURN(p.visit_drug, s.Number(r, "visit_drug", 0, 0.95));
    YW_ASSIGN_OR_RETURN(p.visit_abx, s.Number(r, "visit_abx", 0, 1));
    if (p.discharges > 0 && p.los < 1)
      return s.Error(r, "los", "收治住院的科室平均住院日至少为1", "must be at least 1");
    c->profiles.push_back(std::move(p));
  }
  for (const char* generic : {"_medical", "_surgical", "_other"})
    if (c->FindProfile(generic) < 0)
      return Status::Invalid("files", std::string("departments.csv 缺少通用科室 ") + generic,
                             std::string("departments.csv lacks the generic profile ") + generic);
  return Status::Ok();
}

Status ReadProcedures(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(Sheet s, Sheet::Open(files, "procedures.csv",
                                           {"code", "name", "ssjb", "sspb", "wcss", "qkdj", "mzfs",
                                            "fee", "material", "pathology"}));
  for (size_t r = 0; r < s.rows(); ++r) {
    ProcDef p;
    p.code = s.Text(r, "code");
    p.name = s.Text(r, "name");
    if (p.code.empty() || p.name.empty())
      return s.Error(r, "code", "编码和名称不能为空", "code and name are required");
    p.ssjb = s.Text(r, "ssjb");
    p.sspb = s.Text(r, "sspb");
    p.wcss = s.Text(r, "wcss");
    p.qkdj = s.Text(r, "qkdj");
    p.mzfs = s.Text(r, "mzfs");
    if (p.sspb != "1" && p.sspb != "2" && p.sspb != "3" && p.sspb != "4")
      return s.Error(r, "sspb", "不是 1–4", "is not 1-4");
    // 手术级别 belongs to operations and interventions only; 操作 leave it empty.
    if (p.surgery() ? (p.ssjb.size() != 1 || p.ssjb[0] < '1' || p.ssjb[0] > '4') : !p.ssjb.empty())
      return s.Error(r, "ssjb", "手术和介入治疗应为 1–4，操作应为空",
                     "must be 1-4 for operations and interventions, empty for procedures");
    if (p.wcss != "0" && p.wcss != "1") return s.Error(r, "wcss", "不是 0/1", "is not 0/1");
    if (!p.surgery() && p.wcss == "1")
      return s.Error(r, "wcss", "只有手术和介入治疗才标记微创",
                     "only operations and interventions are marked minimally invasive");
    YW_ASSIGN_OR_RETURN(p.fee, s.Number(r, "fee", 0, 1e6));
    YW_ASSIGN_OR_RETURN(p.material, s.Number(r, "material", 0, 1e6));
    YW_ASSIGN_OR_RETURN(double pathology, s.Number(r, "pathology", 0, 1));
    p.pathology = pathology > 0;
    c->procedures.push_back(std::move(p));
  }
  return Status::Ok();
}

Status ReadOthers(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(Sheet s, Sheet::Open(files, "other_diagnoses.csv",
                                           {"group", "code", "name", "weight", "sex"}));
  static const std::pair<const char*, OtherGroup> kGroups[] = {
      {"adult", OtherGroup::kAdult},
      {"child", OtherGroup::kChild},
      {"obstetric", OtherGroup::kObstetric},
      {"complication", OtherGroup::kComplication},
      {"extra", OtherGroup::kExtra}};
  for (size_t r = 0; r < s.rows(); ++r) {
    OtherDx o;
    std::string g = s.Text(r, "group");
    bool found = false;
    for (const auto& [n, v] : kGroups)
      if (g == n) o.group = v, found = true;
    if (!found) return s.Error(r, "group", "不是已知的分组", "is not a known group");
    o.code = s.Text(r, "code");
    o.name = s.Text(r, "name");
    if (o.code.empty() || o.name.empty())
      return s.Error(r, "code", "编码和名称不能为空", "code and name are required");
    YW_ASSIGN_OR_RETURN(o.weight, s.Number(r, "weight", 0, 1e6));
    std::string sex = s.Text(r, "sex");
    if (sex != "" && sex != "M" && sex != "F") return s.Error(r, "sex", "不是 M/F", "is not M/F");
    o.sex = sex.empty() ? 0 : sex[0];
    c->others.push_back(std::move(o));
  }
  return Status::Ok();
}

int FindProcedure(const Catalogue& c, std::string_view code) {
  for (size_t i = 0; i < c.procedures.size(); ++i)
    if (c.procedures[i].code == code) return static_cast<int>(i);
  return -1;
}

Status ReadDiagnoses(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(Sheet s, Sheet::Open(files, "diagnoses.csv",
                                           {"dept", "code", "name", "weight", "age", "sex", "los",
                                            "op_rate", "ops", "abx", "extra"}));
  std::vector<std::string> extras;
  for (size_t r = 0; r < s.rows(); ++r) {
    DxDef d;
    d.profile = c->FindProfile(s.Text(r, "dept"));
    if (d.profile < 0) return s.Error(r, "dept", "不在 departments.csv 中", "is not a profile");
    const Profile& p = c->profiles[d.profile];
    d.code = s.Text(r, "code");
    d.name = s.Text(r, "name");
    if (d.code.empty() || d.name.empty())
      return s.Error(r, "code", "编码和名称不能为空", "code and name are required");
    YW_ASSIGN_OR_RETURN(d.weight, s.Number(r, "weight", 0, 1e6));
    std::string age = s.Text(r, "age");
    if (age.empty()) {
      d.age = p.age;
    } else if (std::optional<AgeProfile> a = ParseAge(age)) {
      d.age = *a;
    } else {
      return s.Error(r, "age", "不是已知的年龄构成", "is not a known age profile");
    }
    std::string sex = s.Text(r, "sex");
    if (sex != "" && sex != "M" && sex != "F") return s.Error(r, "sex", "不是 M/F", "is not M/F");
    d.sex = sex.empty() ? 0 : sex[0];
    if (d.age == AgeProfile::kObstetric || d.age == AgeProfile::kGyn) d.sex = 'F';
    YW_ASSIGN_OR_RETURN(d.los, s.Number(r, "los", 1, 60, p.los));
    YW_ASSIGN_OR_RETURN(d.op_rate, s.Number(r, "op_rate", 0, 1, 0));
    YW_ASSIGN_OR_RETURN(d.abx, s.Number(r, "abx", 0, 1, p.abx));
    for (const std::string& alt : Split(s.Text(r, "ops"), '|')) {
      OpChoice choice;
      std::string codes = alt;
      size_t colon = alt.find(':');
      if (colon != std::string::npos) {
        codes = alt.substr(0, colon);
        std::string_view w(alt.data() + colon + 1, alt.size() - colon - 1);
        auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), choice.weight);
        if (ec != std::errc() || ptr != w.data() + w.size() || choice.weight <= 0)
          return s.Error(r, "ops", "的权重不是正数", "has a weight that is not positive");
      }
      for (const std::string& code : Split(codes, '+')) {
        int i = FindProcedure(*c, code);
        if (i < 0)
          return s.Error(r, "ops", "引用了 procedures.csv 中没有的 " + code,
                         "names " + code + ", which procedures.csv lacks");
        choice.procedures.push_back(i);
      }
      if (choice.procedures.size() > 7)
        return s.Error(r, "ops", "超过7项手术及操作", "has more than 7 procedures");
      d.ops.push_back(std::move(choice));
    }
    if (d.op_rate > 0 && d.ops.empty())
      return s.Error(r, "ops", "有手术比例但没有手术", "has an op_rate but no operations");
    extras.push_back(s.Text(r, "extra"));
    d.index = static_cast<int>(c->diagnoses.size());
    d.bleeding = d.name.find("出血") != std::string::npos;
    c->diagnoses.push_back(std::move(d));
  }
  // Extra diagnoses may name an other_diagnoses.csv code or a main diagnosis of any department.
  for (size_t i = 0; i < c->diagnoses.size(); ++i) {
    for (const std::string& code : Split(extras[i], '|')) {
      int found = -1;
      for (size_t k = 0; k < c->others.size() && found < 0; ++k)
        if (c->others[k].code == code) found = static_cast<int>(k);
      for (size_t k = 0; k < c->diagnoses.size() && found < 0; ++k) {
        if (c->diagnoses[k].code != code) continue;
        c->others.push_back({OtherGroup::kExtra, code, c->diagnoses[k].name, 0, 0});
        found = static_cast<int>(c->others.size() - 1);
      }
      if (found < 0)
        return s.Error(i, "extra", "不在 other_diagnoses.csv 或 diagnoses.csv 中",
                       "is in neither other_diagnoses.csv nor diagnoses.csv");
      c->diagnoses[i].extra.push_back(found);
    }
  }
  return Status::Ok();
}

Status ReadAntibiotics(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(
      Sheet s, Sheet::Open(files, "antibiotics.csv",
                           {"ypbm", "ypmc", "atc", "ddd", "daily", "unit", "price", "groups"}));
  for (size_t r = 0; r < s.rows(); ++r) {
    Antibiotic a;
    a.ypbm = s.Text(r, "ypbm");
    a.ypmc = s.Text(r, "ypmc");
    a.atc = s.Text(r, "atc");
    if (a.atc.size() != 7 || a.atc.compare(0, 3, "J01") != 0)
      return s.Error(r, "atc", "不是 J01 开头的7位ATC编码", "is not a 7-character J01 ATC code");
    YW_ASSIGN_OR_RETURN(a.ddd, s.Number(r, "ddd", 0.001, 100));
    YW_ASSIGN_OR_RETURN(a.daily, s.Number(r, "daily", 0.001, 100));
    YW_ASSIGN_OR_RETURN(a.unit, s.Number(r, "unit", 0.001, 100));
    YW_ASSIGN_OR_RETURN(a.price, s.Number(r, "price", 0, 10000));
    a.groups = Split(s.Text(r, "groups"), '|');
    c->antibiotics.push_back(std::move(a));
  }
  // Every group a department uses must have a drug, and prophylaxis always exists.
  auto has_group = [&](const std::string& g) {
    for (const Antibiotic& a : c->antibiotics)
      for (const std::string& x : a.groups)
        if (x == g) return true;
    return false;
  };
  if (!has_group("prophylaxis"))
    return Status::Invalid("files", "antibiotics.csv 缺少 prophylaxis 组",
                           "antibiotics.csv has no prophylaxis group");
  for (const Profile& p : c->profiles)
    if (!has_group(p.abx_group))
      return Status::Invalid("files", "antibiotics.csv 缺少 " + p.code + " 使用的组 " + p.abx_group,
                             "antibiotics.csv lacks group " + p.abx_group + " used by " + p.code);
  return Status::Ok();
}

Status ReadPathways(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(
      Sheet s, Sheet::Open(files, "pathways.csv", {"dept", "ljdm", "ljmc", "codes", "entry"}));
  for (size_t r = 0; r < s.rows(); ++r) {
    Pathway p;
    p.profile = c->FindProfile(s.Text(r, "dept"));
    if (p.profile < 0) return s.Error(r, "dept", "不在 departments.csv 中", "is not a profile");
    p.ljdm = s.Text(r, "ljdm");
    p.ljmc = s.Text(r, "ljmc");
    if (p.ljdm.empty()) return s.Error(r, "ljdm", "不能为空", "is required");
    p.codes = Split(s.Text(r, "codes"), '|');
    YW_ASSIGN_OR_RETURN(p.entry, s.Number(r, "entry", 0, 1));
    c->pathways.push_back(std::move(p));
  }
  YW_ASSIGN_OR_RETURN(Sheet reasons,
                      Sheet::Open(files, "pathway_reasons.csv", {"kind", "reason", "weight"}));
  for (size_t r = 0; r < reasons.rows(); ++r) {
    Reason x{reasons.Text(r, "reason"), 0};
    YW_ASSIGN_OR_RETURN(x.weight, reasons.Number(r, "weight", 0, 1e6));
    std::string kind = reasons.Text(r, "kind");
    if (kind == "variance") {
      c->variance_reasons.push_back(std::move(x));
    } else if (kind == "exit") {
      c->exit_reasons.push_back(std::move(x));
    } else {
      return reasons.Error(r, "kind", "不是 variance/exit", "is not variance/exit");
    }
  }
  if (c->variance_reasons.empty() || c->exit_reasons.empty())
    return Status::Invalid("files", "pathway_reasons.csv 需要变异和退出原因",
                           "pathway_reasons.csv needs variance and exit reasons");
  return Status::Ok();
}

Status ReadPeople(const std::map<std::string, std::string>& files, Catalogue* c) {
  YW_ASSIGN_OR_RETURN(Sheet names, Sheet::Open(files, "names.csv", {"kind", "text", "weight"}));
  for (size_t r = 0; r < names.rows(); ++r) {
    std::string kind = names.Text(r, "kind"), text = names.Text(r, "text");
    YW_ASSIGN_OR_RETURN(double w, names.Number(r, "weight", 0, 1e6));
    if (text.empty()) return names.Error(r, "text", "不能为空", "is required");
    if (kind == "surname") {
      c->surnames.emplace_back(text, w);
    } else if (kind == "male") {
      c->male_chars.push_back(text);
    } else if (kind == "female") {
      c->female_chars.push_back(text);
    } else {
      return names.Error(r, "kind", "不是 surname/male/female", "is not surname/male/female");
    }
  }
  if (c->surnames.empty() || c->male_chars.empty() || c->female_chars.empty())
    return Status::Invalid("files", "names.csv 需要姓氏和男女名用字",
                           "names.csv needs surnames and male and female characters");
  YW_ASSIGN_OR_RETURN(Sheet regions, Sheet::Open(files, "regions.csv", {"code", "weight"}));
  for (size_t r = 0; r < regions.rows(); ++r) {
    std::string code = regions.Text(r, "code");
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
      return regions.Error(r, "code", "不是6位行政区划代码", "is not a 6-digit region code");
    YW_ASSIGN_OR_RETURN(double w, regions.Number(r, "weight", 0, 1e6));
    c->regions.emplace_back(code, w);
  }
  if (c->regions.empty())
    return Status::Invalid("files", "regions.csv 为空", "regions.csv is empty");
  YW_ASSIGN_OR_RETURN(Sheet sf, Sheet::Open(files, "spring_festival.csv", {"year", "date"}));
  for (size_t r = 0; r < sf.rows(); ++r) {
    YW_ASSIGN_OR_RETURN(double year, sf.Number(r, "year", 1900, 2200));
    std::optional<Date> d = ParseDate(sf.Text(r, "date"));
    if (!d || d->year != static_cast<int>(year) || d->month > 2)
      return sf.Error(r, "date", "不是该年1–2月的日期",
                      "is not a January/February date of the year");
    c->spring_festival[static_cast<int>(year)] = *d;
  }
  return Status::Ok();
}

}  // namespace

int Catalogue::FindProfile(std::string_view code) const {
  for (size_t i = 0; i < profiles.size(); ++i)
    if (profiles[i].code == code) return static_cast<int>(i);
  return -1;
}

Result<Catalogue> ParseCatalogue(const std::map<std::string, std::string>& files) {
  Catalogue c;
  YW_RETURN_IF_ERROR(ReadProfiles(files, &c));
  YW_RETURN_IF_ERROR(ReadProcedures(files, &c));
  YW_RETURN_IF_ERROR(ReadOthers(files, &c));
  YW_RETURN_IF_ERROR(ReadDiagnoses(files, &c));
  YW_RETURN_IF_ERROR(ReadAntibiotics(files, &c));
  YW_RETURN_IF_ERROR(ReadPathways(files, &c));
  YW_RETURN_IF_ERROR(ReadPeople(files, &c));
  for (const Profile& p : c.profiles) {
    if (p.discharges <= 0) continue;
    bool has = false;
    for (const DxDef& d : c.diagnoses) has = has || (&c.profiles[d.profile] == &p && d.weight > 0);
    if (!has)
      return Status::Invalid("files", "diagnoses.csv 缺少收治住院科室 " + p.code + " 的诊断",
                             "diagnoses.csv has no diagnosis for inpatient profile " + p.code);
  }
  return c;
}

}  // namespace yuanwu::indicators::gen
