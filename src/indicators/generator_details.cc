#include "indicators/generator_details.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "indicators/generator_people.h"

namespace yuanwu::indicators::gen {
namespace {

constexpr size_t CostIndex(std::string_view name) {
  for (size_t i = 0; i < kCostFields.size(); ++i)
    if (name == kCostFields[i]) return i;
  return kCostFields.size();
}
constexpr size_t kXf = CostIndex("xf");  // 血费: a transfused patient's blood group is known
static_assert(kXf < kCostFields.size());

// C00–D48, the range of the 病理诊断 items (required_fields.csv dx:C00-D48).
bool Neoplasm(std::string_view code) {
  if (code.size() < 3) return false;
  if (code[0] == 'C') return true;
  if (code[0] != 'D' || code[1] < '0' || code[1] > '9' || code[2] < '0' || code[2] > '9')
    return false;
  return (code[1] - '0') * 10 + (code[2] - '0') <= 48;
}

// S00–T98, the injuries and poisonings that need an external cause.
bool Injury(std::string_view code) { return !code.empty() && (code[0] == 'S' || code[0] == 'T'); }

// Z37.0 Z37.2 Z37.3 Z37.5 Z37.6: a delivery with a live-born child, whose birth weight goes on
// the mother's record.
bool LiveBirth(std::string_view code) {
  if (!code.starts_with("Z37.") || code.size() < 5) return false;
  const char c = code[4];
  return c == '0' || c == '2' || c == '3' || c == '5' || c == '6';
}

bool IsEmployee(std::string_view pay) { return pay == "1" || pay == "6"; }

// Occupations with an employer to write in 工作单位及地址 (GB/T 2261.4 as used by the 首页):
// 国家公务员, 专业技术人员, 职员, 企业管理人员, 工人, 现役军人.
bool HasEmployer(std::string_view zy) {
  return zy == "11" || zy == "13" || zy == "17" || zy == "21" || zy == "24" || zy == "37";
}

void AppendInt(std::string& out, int64_t v) { out += std::to_string(v); }

// Completed months between two dates.
int Months(const Date& birth, const Date& on) {
  int m = (on.year - birth.year) * 12 + (on.month - birth.month);
  if (on.day < birth.day) --m;
  return std::max(0, m);
}

}  // namespace

void MakeDetailStaff(Plan* plan) {
  Rng rng = Rng::Stream(plan->options->seed, kDetailStaffStream);
  double total = 0;
  for (const PlanDept& d : plan->depts) total += plan->profile(d).discharges;
  const PlanDept* anaesthesia = nullptr;
  for (PlanDept& d : plan->depts) {
    const std::string& name = d.dept->name.empty() ? d.dept->code : d.dept->name;
    // Large departments have two 病区, the others one.
    if (total > 0 && plan->profile(d).discharges / total > 0.06) {
      d.wards = {name + "一病区", name + "二病区"};
    } else {
      d.wards = {name + "病区"};
    }
    for (int i = rng.Between(6, 12); i > 0; --i)
      d.nurses.push_back(plan->people->Name(rng, rng.Chance(0.06)));
    if (anaesthesia == nullptr && name.find("麻醉") != std::string::npos) anaesthesia = &d;
  }
  if (anaesthesia != nullptr) {
    const Staff& s = anaesthesia->staff;
    for (const auto* list : {&s.zrys, &s.zzys, &s.zyys})
      plan->anaesthetists.insert(plan->anaesthetists.end(), list->begin(), list->end());
  } else {
    for (int i = rng.Between(5, 8); i > 0; --i)
      plan->anaesthetists.push_back(plan->people->Name(rng, rng.Chance(0.5)));
  }
}

DetailWriter::DetailWriter(const Plan& plan)
    : plan_(plan),
      cat_(*plan.details),
      rng_(Rng::Stream(plan.options->seed, kDetailStream)),
      // ABO of the Han population: A 31%, B 29%, O 31%, AB 9% ([U] published surveys).
      abo_(std::vector<double>{31, 29, 31, 9}) {}

std::string DetailWriter::Phone() {
  // The 1380000xxxx block of the demo hospital's own numbers (data/demo/hospital.json), above
  // the hospital's 0000–0099.
  std::string s = "1380000";
  const int n = rng_.Between(100, 9999);
  s += static_cast<char>('0' + n / 1000);
  s += static_cast<char>('0' + n / 100 % 10);
  s += static_cast<char>('0' + n / 10 % 10);
  s += static_cast<char>('0' + n % 10);
  return s;
}

std::string DetailWriter::Address(int region, int town, bool urban) {
  const DetailRegion& r = cat_.regions[static_cast<size_t>(region)];
  std::string s = r.name;
  if (town >= 0) s += r.towns[static_cast<size_t>(town)].name;
  if (urban) {
    s += cat_.streets.Pick(rng_);
    AppendInt(s, rng_.Between(1, 320));
    s += "号";
    if (rng_.Chance(0.5)) {
      AppendInt(s, rng_.Between(1, 12));
      s += "栋";
      AppendInt(s, rng_.Between(1, 4));
      s += "单元";
      AppendInt(s, rng_.Between(1, 18) * 100 + rng_.Between(1, 4));
      s += "室";
    }
  } else {
    s += cat_.villages.Pick(rng_);
    AppendInt(s, rng_.Between(1, 12));
    s += "组";
  }
  return s;
}

void DetailWriter::NewPatient(const Date& admitted, Patient* p) {
  if (!active()) return;
  PersonDetails& d = p->details;
  const int age = AgeYears(p->birth, admitted);
  auto region = cat_.region_by_code.find(std::string_view(p->sfzh).substr(0, 6));
  d.region = region != cat_.region_by_code.end() ? region->second : 0;
  const DetailRegion& r = cat_.regions[static_cast<size_t>(d.region)];

  // 职业 by age and insurance: 城镇职工 (1) and 全公费 (6) are employees or their pensioners.
  const bool employee = IsEmployee(p->ylfkfs);
  const Occupation group = age < 6    ? Occupation::kPreschool
                           : age < 18 ? Occupation::kStudent
                           : age < 60 ? (employee ? Occupation::kEmployee : Occupation::kResident)
                           : employee ? Occupation::kRetired
                                      : Occupation::kElderly;
  d.zy = cat_.occupations[static_cast<size_t>(group)].Pick(rng_);
  const bool has_employer = HasEmployer(d.zy);

  // Town or village: employees and pensioners mostly live in town, farmers in villages, and the
  // urban districts have more streets than villages.
  const double in_town = r.urban_towns.picker.total(), rural = r.rural_towns.picker.total();
  const double urban_share = in_town + rural > 0 ? in_town / (in_town + rural) : 0.5;
  const bool urban = rng_.Chance(
      std::min(0.92, 0.15 + 0.5 * urban_share + (has_employer || d.zy == "80" ? 0.45 : 0.0)));
  const Choices<int>* towns = urban ? &r.urban_towns : &r.rural_towns;
  if (towns->empty()) towns = urban ? &r.rural_towns : &r.urban_towns;
  d.town = towns->empty() ? -1 : towns->Pick(rng_);
  d.urban = d.town >= 0 ? towns == &r.urban_towns : urban;
  d.xzz = Address(d.region, d.town, d.urban);
  // 户口地址: usually where they live; people who moved to town are often still registered in
  // their village.
  if (rng_.Chance(0.85) || r.rural_towns.empty()) {
    d.hkdz = d.xzz;
  } else {
    d.hkdz = Address(d.region, r.rural_towns.Pick(rng_), false);
  }

  d.mz = cat_.ethnicities.Pick(rng_);
  if (age >= 18 && rng_.Chance(0.06)) {  // born elsewhere and moved here
    d.csd = cat_.elsewhere.Pick(rng_);
    d.gg = d.csd;
  } else {
    d.csd = r.name;
    d.gg = rng_.Chance(0.9) ? r.name
                            : cat_.regions[static_cast<size_t>(rng_.Below(
                                               static_cast<int64_t>(cat_.regions.size())))]
                                  .name;
  }

  // 婚姻 (1 未婚, 2 已婚, 3 丧偶, 4 离婚) by age and sex ([D], shaped on census shares).
  const double m = rng_.Uniform();
  const double widowed = age >= 75   ? (p->male ? 0.30 : 0.45)
                         : age >= 60 ? (p->male ? 0.07 : 0.14)
                         : age >= 40 ? 0.02
                                     : 0.0;
  if (age < 20) {
    d.hy = '1';
  } else if (p->group == PatientGroup::kObstetric) {
    d.hy = m < 0.95 ? '2' : m < 0.99 ? '1' : '4';
  } else if (age < 25) {
    d.hy = m < 0.78 ? '1' : m < 0.99 ? '2' : '4';
  } else if (age < 30) {
    d.hy = m < 0.42 ? '1' : m < 0.97 ? '2' : '4';
  } else if (age < 40) {
    d.hy = m < 0.09 ? '1' : m < 0.94 ? '2' : '4';
  } else {
    d.hy = m < 0.03 ? '1' : m < 0.03 + widowed ? '3' : m < 0.08 + widowed ? '4' : '2';
  }

  // 健康卡号: the 居民健康卡 uses the 身份证号 where one was issued; "-" where none was.
  d.jkkh = rng_.Chance(0.4) ? p->sfzh : "-";
  d.dh = Phone();
  if (has_employer || d.zy == "31") {
    // Most work or study in their own district, some in the city centre (the first region).
    const size_t at = rng_.Chance(0.85) ? static_cast<size_t>(d.region) : 0;
    d.gzdwjdz = cat_.regions[at].name +
                (has_employer ? cat_.employers.Pick(rng_) : cat_.schools.Pick(rng_));
    d.dwdh = Phone();
    d.yb3 = cat_.regions[at].postcode;
  } else {
    d.gzdwjdz = "无";
    d.dwdh = "-";
    d.yb3 = "-";
  }
  Contact(age, p);
  d.abo = static_cast<char>('1' + abo_.Pick(rng_));
  d.rh = rng_.Chance(0.004) ? '1' : '2';
  d.ywgm = rng_.Chance(0.08) ? '2' : '1';
}

// 联系人 and 关系 (top-level codes of GB/T 4761 家庭关系: 1 配偶, 2 子, 3 女, 5 父母,
// 7 兄弟姐妹, 9 其他 — [U] the 首页 upload value set as commonly implemented).
void DetailWriter::Contact(int age, Patient* p) {
  PersonDetails& d = p->details;
  const People& people = *plan_.people;
  auto relative = [&](bool male, bool same_surname) {
    return same_surname ? people.NameWithSurname(rng_, male, d.surname) : people.Name(rng_, male);
  };
  bool same_home = true;
  if (age < 18) {  // a parent, whose phone is the child's too
    const bool father = rng_.Chance(0.55);
    d.lxrxm = relative(father, father);
    d.gx = "5";
    d.dz = d.xzz;
    d.dh2 = Phone();
    d.dh = d.dh2;
    return;
  }
  const double u = rng_.Uniform();
  if (d.hy == '2' && u < (age >= 70 ? 0.45 : 0.7)) {
    d.lxrxm = relative(!p->male, false);
    d.gx = "1";
  } else if (age >= 40 && d.hy != '1' && u < 0.92) {
    const bool son = rng_.Chance(0.5);
    // A man's children carry his surname; a woman's usually her husband's.
    d.lxrxm = relative(son, p->male);
    d.gx = son ? "2" : "3";
    same_home = rng_.Chance(0.6);
  } else if (age < 50 && u < 0.9) {
    const bool father = rng_.Chance(0.5);
    d.lxrxm = relative(father, father);
    d.gx = "5";
    same_home = rng_.Chance(0.6);
  } else if (u < 0.97) {
    d.lxrxm = relative(rng_.Chance(0.5), true);
    d.gx = "7";
    same_home = false;
  } else {
    d.lxrxm = relative(rng_.Chance(0.5), false);
    d.gx = "9";
    same_home = false;
  }
  const DetailRegion& r = cat_.regions[static_cast<size_t>(d.region)];
  if (same_home) {
    d.dz = d.xzz;
  } else {
    const bool urban = rng_.Chance(0.5) && !r.urban_towns.empty();
    const Choices<int>& towns = urban ? r.urban_towns : r.rural_towns;
    d.dz = Address(d.region, towns.empty() ? -1 : towns.Pick(rng_), urban || towns.empty());
  }
  d.dh2 = Phone();
}

const std::string& DetailWriter::Ward(const PlanDept& d) {
  return d.wards.size() == 1
             ? d.wards[0]
             : d.wards[static_cast<size_t>(rng_.Below(static_cast<int64_t>(d.wards.size())))];
}

void DetailWriter::Write(const Stay& s, CsvOut& o) {
  if (!active()) return;
  const Patient& p = s.patient;
  const PersonDetails& d = p.details;
  const DxDef& dx = *s.dx;
  const size_t di = static_cast<size_t>(dx.index);
  const Staff& staff = s.dept->staff;
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[static_cast<size_t>(rng_.Below(static_cast<int64_t>(v.size())))];
  };

  // 病区: a transferred patient was admitted to the other department's ward.
  const std::string& cybf = Ward(*s.dept);
  const std::string& rybf = s.admitted_by == s.dept ? cybf : Ward(*s.admitted_by);
  const std::string& zrhs = pick(s.dept->nurses);

  // 门（急）诊诊断: the principal diagnosis, or for some the symptom they came with.
  std::string_view mzzd = dx.name, jbbm = dx.code;
  double x = rng_.Uniform();
  for (const OutpatientDx& symptom : cat_.outpatient[di]) {
    if (x < symptom.share) {
      mzzd = symptom.name;
      jbbm = symptom.code;
      break;
    }
    x -= symptom.share;
  }

  const ExternalCause* cause = nullptr;
  if (Injury(dx.code) && !cat_.external_causes[di].empty())
    cause = &cat_.external_causes[di].Pick(rng_);
  const Pathology* pathology = nullptr;
  if (Neoplasm(dx.code) && !cat_.pathology[di].empty()) {
    pathology = &cat_.pathology[di].Pick(rng_);
    if (s.discharged.year != blh_year_) {
      blh_year_ = s.discharged.year;
      blh_seq_ = 0;
    }
    blh_ = "BL";
    const int yy = blh_year_ % 100;
    blh_ += static_cast<char>('0' + yy / 10);
    blh_ += static_cast<char>('0' + yy % 10);
    std::string seq = std::to_string(++blh_seq_);
    blh_.append(seq.size() < 6 ? 6 - seq.size() : 0, '0');
    blh_ += seq;
  }

  // The operating team: the operations of a stay are done together, by one team.
  std::string_view sz, yz, ez, mzys;
  if (!s.procs.empty()) {
    int level = 0;
    for (const ProcOut& po : s.procs)
      if (po.p->surgery()) level = std::max(level, po.p->ssjb[0] - '0');
    const double t = rng_.Uniform();
    sz = level >= 3 ? (t < 0.7 ? pick(staff.zrys) : pick(staff.zzys))
                    : (t < 0.6    ? pick(staff.zzys)
                       : t < 0.85 ? pick(staff.zrys)
                                  : pick(staff.zyys));
    for (int tries = 0; tries < 4 && (yz.empty() || yz == sz); ++tries)
      yz = rng_.Chance(0.5) ? pick(staff.zzys) : pick(staff.zyys);
    for (int tries = 0; tries < 4 && (ez.empty() || ez == sz || ez == yz); ++tries)
      ez = pick(staff.zyys);
    mzys = pick(plan_.anaesthetists);
  }

  // 血型 is known when it was tested: before operations and transfusions, for mothers, and for
  // about half of the others; otherwise 6 未查 (ABO) and 4 未查 (Rh).
  const bool tested = s.surgery || s.cost[kXf] > 0 || dx.obstetric() || rng_.Chance(0.45);
  const char xx = tested ? d.abo : '6';
  const char rh = tested ? d.rh : '4';

  const char lyfs = s.lyfs[0];
  const char* sfzzyjh = dx.code.starts_with("Z51") ? (rng_.Chance(0.85) ? "2" : "1")
                        : lyfs == '5'              ? "1"
                                                   : (rng_.Chance(0.02) ? "2" : "1");

  // Age under one (BZYZSNL) and newborns (XSERYTZ): as the quality check counts them, from
  // 出生日期 and the admission date; newborn = at most 28 days old.
  const int64_t days_old = s.admitted.ToDays() - p.birth.ToDays();
  const bool infant = AgeYears(p.birth, s.admitted) < 1 && days_old >= 0;
  const bool newborn = days_old >= 0 && days_old <= 28;
  bool delivered = LiveBirth(dx.code);
  for (const OtherOut& other : s.others) delivered = delivered || LiveBirth(other.dx->code);
  int64_t birth_weight = 0, admission_weight = 0;
  if (newborn || delivered) {
    birth_weight = std::llround(std::clamp(rng_.Normal(3200, 420), 1500.0, 4800.0) / 10.0) * 10;
    if (newborn) {
      // Down about 6% over the first days, then gaining ~1.2% a day.
      const double age_days = static_cast<double>(days_old);
      const double f = 1 - 0.016 * std::min(age_days, 4.0) + 0.012 * std::max(0.0, age_days - 7);
      admission_weight = std::llround(birth_weight * f / 10.0) * 10;
    }
  }

  for (const ExtraColumn& c : plan_.extra_columns) {
    const ProcOut* po =
        c.seq >= 1 && static_cast<size_t>(c.seq) <= s.procs.size() ? &s.procs[c.seq - 1] : nullptr;
    switch (c.detail) {
      case Detail::kUnknown:
        o.Empty();
        break;
      case Detail::kUsername:
        o.Text(plan_.options->hospital_name);
        break;
      case Detail::kJkkh:
        o.Text(d.jkkh);
        break;
      case Detail::kGj:
        o.Text("中国");
        break;
      case Detail::kCsd:
        o.Text(d.csd);
        break;
      case Detail::kGg:
        o.Text(d.gg);
        break;
      case Detail::kMz:
        o.Text(d.mz);
        break;
      case Detail::kZy:
        o.Text(d.zy);
        break;
      case Detail::kHy:
        o.Text(std::string_view(&d.hy, 1));
        break;
      case Detail::kXzz:
        o.Text(d.xzz);
        break;
      case Detail::kDh:
        o.Text(d.dh);
        break;
      case Detail::kYb1:
      case Detail::kYb2:
        o.Text(cat_.regions[static_cast<size_t>(d.region)].postcode);
        break;
      case Detail::kHkdz:
        o.Text(d.hkdz);
        break;
      case Detail::kGzdwjdz:
        o.Text(d.gzdwjdz);
        break;
      case Detail::kDwdh:
        o.Text(d.dwdh);
        break;
      case Detail::kYb3:
        o.Text(d.yb3);
        break;
      case Detail::kLxrxm:
        o.Text(d.lxrxm);
        break;
      case Detail::kGx:
        o.Text(d.gx);
        break;
      case Detail::kDz:
        o.Text(d.dz);
        break;
      case Detail::kDh2:
        o.Text(d.dh2);
        break;
      case Detail::kRybf:
        o.Text(rybf);
        break;
      case Detail::kCybf:
        o.Text(cybf);
        break;
      case Detail::kMzzd:
        o.Text(mzzd);
        break;
      case Detail::kJbbm:
        o.Text(jbbm);
        break;
      case Detail::kWbyy:
        o.Text(cause != nullptr ? std::string_view(cause->wbyy) : std::string_view());
        break;
      case Detail::kH23:
        o.Text(cause != nullptr ? std::string_view(cause->h23) : std::string_view());
        break;
      case Detail::kBlzd:
        o.Text(pathology != nullptr ? std::string_view(pathology->blzd) : std::string_view());
        break;
      case Detail::kJbmm:
        o.Text(pathology != nullptr ? std::string_view(pathology->jbmm) : std::string_view());
        break;
      case Detail::kBlh:
        o.Text(pathology != nullptr ? std::string_view(blh_) : std::string_view());
        break;
      case Detail::kYwgm:
        o.Text(std::string_view(&d.ywgm, 1));
        break;
      case Detail::kXx:
        o.Text(std::string_view(&xx, 1));
        break;
      case Detail::kRh:
        o.Text(std::string_view(&rh, 1));
        break;
      case Detail::kZrhs:
        o.Text(zrhs);
        break;
      case Detail::kYzzyYljg:
        if (lyfs == '2') {
          o.Text(cat_.hospitals.Pick(rng_));
        } else {
          o.Empty();
        }
        break;
      case Detail::kWsyYljg:
        if (lyfs == '3') {
          // The patient's own 卫生院, or the 社区卫生服务中心 of a 街道.
          const DetailRegion& r = cat_.regions[static_cast<size_t>(d.region)];
          std::string facility = r.name;
          if (d.town >= 0) {
            const DetailTown& town = r.towns[static_cast<size_t>(d.town)];
            facility += town.name;
            facility += town.street_office ? "社区卫生服务中心" : "卫生院";
          } else {
            facility += "社区卫生服务中心";
          }
          o.Text(facility);
        } else {
          o.Empty();
        }
        break;
      case Detail::kSwhzsj:  // 尸检 1 是 2 否, for deaths only
        if (lyfs == '5') {
          o.Text(rng_.Chance(0.03) ? "1" : "2");
        } else {
          o.Empty();
        }
        break;
      case Detail::kSfzzyjh:  // 1 无 2 有: chemotherapy and radiotherapy courses come back
        o.Text(sfzzyjh);
        break;
      case Detail::kBzyzsnl:
        if (infant) {
          o.Int(Months(p.birth, s.admitted));
        } else {
          o.Empty();
        }
        break;
      case Detail::kXsecstz:
        if (birth_weight > 0) {
          o.Int(birth_weight);
        } else {
          o.Empty();
        }
        break;
      case Detail::kXserytz:
        if (admission_weight > 0) {
          o.Int(admission_weight);
        } else {
          o.Empty();
        }
        break;
      case Detail::kSz:
        o.Text(po != nullptr ? sz : std::string_view());
        break;
      case Detail::kYz:  // assistants for operations and interventions
        o.Text(po != nullptr && po->p->surgery() ? yz : std::string_view());
        break;
      case Detail::kEz:  // a second assistant for level 3 and 4
        o.Text(po != nullptr && po->p->surgery() && po->p->ssjb >= "3" ? ez : std::string_view());
        break;
      case Detail::kMzys: {
        // An anaesthetist for general, regional and combined anaesthesia; under local
        // anaesthesia the surgeon gives it, which the 首页 records for operations.
        std::string_view v;
        if (po != nullptr) {
          const std::string& mzfs = po->p->mzfs;
          if (mzfs == "1" || mzfs == "2" || mzfs == "4") {
            v = mzys;
          } else if (mzfs == "3" && po->p->sspb == "1") {
            v = sz;
          }
        }
        o.Text(v);
        break;
      }
    }
  }
}

}  // namespace yuanwu::indicators::gen
