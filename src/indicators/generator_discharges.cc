// discharges.csv (住院病案首页) with its children antibiotic_use.csv and pathways.csv: one
// patient stay at a time, in discharge-date order, each written as soon as it is made.
#include <algorithm>
#include <array>
#include <cmath>

#include "indicators/generator_calendar.h"
#include "indicators/generator_csv.h"
#include "indicators/generator_details.h"
#include "indicators/generator_plan.h"
#include "indicators/generator_stay.h"
#include "indicators/record.h"

namespace yuanwu::indicators::gen {
namespace {

constexpr int kMaxDiagnoses = 15;
constexpr int kMaxProcedures = 7;
constexpr size_t kRingSize = 512;  // recent patients per department who may come back

// Positions in kCostFields (record.h), checked below.
enum Cost {
  kYlfuf,
  kZlczf,
  kHlf,
  kQtfy,
  kBlzdf,
  kSyszdf,
  kYxxzdf,
  kLczdxmf,
  kFsszlxmf,
  kWlzlf,
  kSszlf,
  kMaf,
  kSsf,
  kKff,
  kZyzlf,
  kXyf,
  kKjywf,
  kZcyf,
  kZcyf1,
  kXf,
  kBdblzpf,
  kQdblzpf,
  kNxyzlzpf,
  kXbyzlzpf,
  kHcyyclf,
  kYyclf,
  kYcxyyclf,
  kQtf,
  kCostCount
};
constexpr bool Same(const char* a, const char* b) {
  while (*a != 0 && *a == *b) ++a, ++b;
  return *a == *b;
}
static_assert(static_cast<size_t>(kCostCount) == kCostFields.size());
static_assert(Same(kCostFields[kYlfuf], "ylfuf") && Same(kCostFields[kFsszlxmf], "fsszlxmf") &&
              Same(kCostFields[kWlzlf], "wlzlf") && Same(kCostFields[kSszlf], "sszlf") &&
              Same(kCostFields[kMaf], "maf") && Same(kCostFields[kSsf], "ssf") &&
              Same(kCostFields[kXyf], "xyf") && Same(kCostFields[kKjywf], "kjywf") &&
              Same(kCostFields[kQtf], "qtf"));
// The 其中 items: parts of their parents, never added to ZFY.
constexpr bool IsPart(int i) { return i == kWlzlf || i == kMaf || i == kSsf || i == kKjywf; }

int64_t Fen(double yuan) { return std::llround(std::max(0.0, yuan) * 100); }

// The code whose share contains u ∈ [0, 1): shares are taken in order; the last code takes any
// rest.
const char* Among(double u, std::initializer_list<std::pair<double, const char*>> shares) {
  const char* last = "";
  for (const auto& [share, code] : shares) {
    if (u < share) return code;
    u -= share;
    last = code;
  }
  return last;
}

// Per-year trends: prices rise, stays shorten, stewardship lowers antibiotic use, more cases
// enter pathways.
struct Year {
  double price = 1, los = 1, abx = 1, entry = 0;
};

class DischargeWriter {
 public:
  DischargeWriter(const Plan& plan, GeneratorStats* stats)
      : plan_(plan),
        cat_(*plan.catalogue),
        rng_(Rng::Stream(plan.options->seed, kDischargeStream)),
        stats_(stats),
        details_(plan),
        rings_(plan.depts.size()) {
    std::vector<double> w(cat_.others.size());
    for (int g = 0; g < 3; ++g) {
      for (size_t i = 0; i < cat_.others.size(); ++i)
        w[i] = static_cast<int>(cat_.others[i].group) == g ? cat_.others[i].weight : 0;
      group_pickers_[g].Reset(w);
    }
    for (size_t i = 0; i < cat_.others.size(); ++i)
      w[i] = cat_.others[i].group == OtherGroup::kComplication ? cat_.others[i].weight : 0;
    complication_picker_.Reset(w);
    auto reason_picker = [](const std::vector<Reason>& rs) {
      std::vector<double> x;
      for (const Reason& r : rs) x.push_back(r.weight);
      return Picker(x);
    };
    variance_picker_ = reason_picker(cat_.variance_reasons);
    exit_picker_ = reason_picker(cat_.exit_reasons);
    for (size_t i = 0; i < plan.depts.size(); ++i)
      if (plan.profile(plan.depts[i]).discharges > 0) inpatient_depts_.push_back(i);
  }

  Status Run(const std::string& dir);

 private:
  void Make(const Day& day, const PlanDept& dept, const Year& y);
  void Admit(const Day& day, const Year& y, Stay* s);
  void ChoosePatient(Stay* s);
  void Outcome(Stay* s);
  void Diagnoses(Stay* s);
  void Procedures(Stay* s);
  void Antibiotics(const Year& y, Stay* s);
  void Costs(const Year& y, Stay* s);
  void Pathway(const Year& y, const Stay& s);
  void Defect(Stay* s);
  bool Applies(GenDefect d, const Stay& s) const;
  void Apply(GenDefect d, Stay* s);
  void WriteStay(const Stay& s);
  void Remember(Stay* s);
  const std::string& Pick(const std::vector<std::string>& v) {
    return v[rng_.Below(static_cast<int64_t>(v.size()))];
  }

  const Plan& plan_;
  const Catalogue& cat_;
  Rng rng_;
  GeneratorStats* stats_;
  CsvOut out_, abx_out_, path_out_;
  DetailWriter details_;
  std::array<Picker, 3> group_pickers_;  // adult, child, obstetric other diagnoses
  Picker complication_picker_, variance_picker_, exit_picker_;
  std::vector<size_t> inpatient_depts_;
  struct Ring {
    std::vector<Patient> patients;
    size_t next = 0;
  };
  std::vector<Ring> rings_;
  int64_t patients_ = 0;
  std::array<int64_t, kGenDefectCount> pending_{};  // defects chosen for a record that lacked
                                                    // what they need, owed to a later one
};

Status DischargeWriter::Run(const std::string& dir) {
  YW_RETURN_IF_ERROR(out_.Open(dir + "/discharges.csv"));
  YW_RETURN_IF_ERROR(abx_out_.Open(dir + "/antibiotic_use.csv"));
  YW_RETURN_IF_ERROR(path_out_.Open(dir + "/pathways.csv"));
  for (const std::string& c : DischargeColumns()) out_.Text(c);
  for (const ExtraColumn& c : plan_.extra_columns) out_.Text(c.name);
  out_.EndRow();
  for (const char* c : kAntibioticColumns) abx_out_.Text(c);
  abx_out_.EndRow();
  for (const char* c : kPathwayColumns) path_out_.Text(c);
  path_out_.EndRow();

  const GeneratorOptions& o = *plan_.options;
  std::vector<double> weights(plan_.depts.size());
  Picker dept_picker;
  for (int yi = 0; yi < o.years && !inpatient_depts_.empty(); ++yi) {
    const Year y{std::pow(1.025, yi), std::pow(0.985, yi), std::pow(0.98, yi), 0.02 * yi};
    const std::vector<Day> days = YearDays(o.first_year + yi, cat_.spring_festival);
    std::vector<double> dw(days.size());
    for (size_t i = 0; i < days.size(); ++i) {
      double season = 0;
      for (const PlanDept& d : plan_.depts)
        season += plan_.profile(d).discharges * Season(days[i], plan_.profile(d).winter);
      dw[i] = DischargeFactor(days[i]) * season;
    }
    const std::vector<int64_t> per_day = Apportion(plan_.Volume(o.discharges_per_year, yi), dw);
    for (size_t i = 0; i < days.size(); ++i) {
      if (per_day[i] == 0) continue;
      for (size_t k = 0; k < plan_.depts.size(); ++k) {
        const Profile& p = plan_.profile(plan_.depts[k]);
        weights[k] = p.discharges * Season(days[i], p.winter);
      }
      dept_picker.Reset(weights);
      for (int64_t n = 0; n < per_day[i]; ++n)
        Make(days[i], plan_.depts[dept_picker.Pick(rng_)], y);
    }
  }
  YW_RETURN_IF_ERROR(out_.Close());
  YW_RETURN_IF_ERROR(abx_out_.Close());
  YW_RETURN_IF_ERROR(path_out_.Close());
  stats_->bytes[0] += out_.bytes();
  stats_->bytes[2] += abx_out_.bytes();
  stats_->bytes[3] += path_out_.bytes();
  return Status::Ok();
}

void DischargeWriter::Make(const Day& day, const PlanDept& dept, const Year& y) {
  Stay s;
  s.dept = &dept;
  s.dx = &cat_.diagnoses[dept.diagnoses[dept.diagnosis_picker.Pick(rng_)]];
  Admit(day, y, &s);
  ChoosePatient(&s);
  Outcome(&s);
  Diagnoses(&s);
  Procedures(&s);
  Antibiotics(y, &s);
  Costs(y, &s);
  s.kzr = dept.staff.kzr;
  s.zrys = Pick(dept.staff.zrys);
  s.zzys = Pick(dept.staff.zzys);
  s.zyys = Pick(dept.staff.zyys);
  s.bmy = Pick(plan_.coders);
  s.xb = s.patient.male ? "1" : "2";
  Defect(&s);
  WriteStay(s);
  Pathway(y, s);
  Remember(&s);
  ++stats_->discharges;
}

void DischargeWriter::Admit(const Day& day, const Year& y, Stay* s) {
  const Profile& prof = plan_.profile(*s->dept);
  const int los =
      std::clamp(static_cast<int>(std::lround(rng_.LogNormalMean(s->dx->los * y.los, 0.5))), 1, 90);
  // A one-day stay is sometimes admitted and discharged on the same date (SJZYTS is still 1).
  const int span = los == 1 && rng_.Chance(0.3) ? 0 : los;
  s->sjzyts = std::max(1, span);
  s->discharged = day.date;
  s->admitted = Date::FromDays(day.days - span);
  const double u = rng_.Uniform();
  s->rytj = Among(u, {{prof.er_admit, "1"}, {0.02, "3"}, {0.005, "9"}, {1.0, "2"}});
  if (s->rytj[0] == '1') {  // emergencies arrive around the clock, more by day and evening
    static const Picker kHours(std::vector<double>{2.5, 2,   1.6, 1.3, 1.2, 1.3, 1.8, 2.8,
                                                   4,   5,   5,   4.5, 4,   4,   4.5, 4.5,
                                                   4.5, 4.8, 5,   5.5, 5.5, 5,   4,   3.2});
    s->ry_seconds = kHours.Pick(rng_) * 3600 + static_cast<int>(rng_.Below(3600));
  } else {
    s->ry_seconds = rng_.Between(8 * 3600, 17 * 3600 - 1);
  }
  const double v = rng_.Uniform();
  s->cy_seconds = v < 0.6    ? rng_.Between(8 * 3600 + 1800, 11 * 3600 + 1800)
                  : v < 0.95 ? rng_.Between(14 * 3600, 17 * 3600)
                             : rng_.Between(7 * 3600, 21 * 3600);
  if (span == 0) {
    s->ry_seconds = rng_.Between(7 * 3600, 10 * 3600);
    s->cy_seconds = s->ry_seconds + rng_.Between(3 * 3600, 8 * 3600);
  }
  // Most patients are admitted and discharged by the same department; a few are transferred.
  s->admitted_by = s->dept;
  if (rng_.Chance(0.03) && inpatient_depts_.size() > 1)
    s->admitted_by =
        &plan_.depts[inpatient_depts_[rng_.Below(static_cast<int64_t>(inpatient_depts_.size()))]];
}

void DischargeWriter::ChoosePatient(Stay* s) {
  const Profile& prof = plan_.profile(*s->dept);
  const DxDef& dx = *s->dx;
  const PatientGroup group = GroupOf(dx.age);
  Ring& ring = rings_[static_cast<size_t>(s->dept - plan_.depts.data())];
  if (group != PatientGroup::kNewborn && !ring.patients.empty() && rng_.Chance(prof.readmit)) {
    const size_t slot = static_cast<size_t>(rng_.Below(static_cast<int64_t>(ring.patients.size())));
    const Patient& p = ring.patients[slot];
    const int age = AgeYears(p.birth, s->admitted);
    bool fits = p.group == group && p.last_discharge < s->admitted.ToDays() &&
                (dx.sex == 0 || (dx.sex == 'M') == p.male) &&
                (group != PatientGroup::kChild || age < 15) &&
                (group != PatientGroup::kObstetric || age <= 45);
    if (fits) {
      // Moved out for the stay and back by Remember: a patient has one stay at a time.
      s->patient = std::move(ring.patients[slot]);
      ++s->patient.zycs;
      s->ring_slot = static_cast<int>(slot);
      return;
    }
  }
  Patient& p = s->patient;
  p.male = dx.sex != 0 ? dx.sex == 'M' : rng_.Chance(prof.male);
  p.group = group;
  p.birth = DrawBirth(rng_, dx.age, s->admitted);
  p.xm = plan_.people->Name(rng_, p.male, &p.details.surname);
  p.sfzh = plan_.people->IdNumber(rng_, p.birth, p.male);
  p.bah = std::to_string(1000000 + ++patients_);
  // Some patients had stays before the generated years.
  p.zycs = group == PatientGroup::kAdult && rng_.Chance(0.18) ? rng_.Between(2, 4) : 1;
  // 医疗付费方式: children are insured as residents; mothers often by 生育保险 (8).
  const int age = AgeYears(p.birth, s->admitted);
  const double u = rng_.Uniform();
  if (group == PatientGroup::kChild || group == PatientGroup::kNewborn) {
    p.ylfkfs = Among(u, {{0.80, "2"}, {0.10, "7"}, {0.03, "5"}, {0.04, "1"}, {0.03, "9"}});
  } else if (group == PatientGroup::kObstetric) {
    p.ylfkfs = Among(u, {{0.25, "1"}, {0.45, "2"}, {0.15, "8"}, {0.12, "7"}, {0.03, "9"}});
  } else if (age >= 60) {
    p.ylfkfs = Among(u, {{0.22, "1"},
                         {0.60, "2"},
                         {0.05, "3"},
                         {0.02, "4"},
                         {0.01, "6"},
                         {0.07, "7"},
                         {0.03, "9"}});
  } else {
    p.ylfkfs = Among(u, {{0.30, "1"},
                         {0.45, "2"},
                         {0.04, "3"},
                         {0.01, "4"},
                         {0.02, "5"},
                         {0.12, "7"},
                         {0.03, "8"},
                         {0.03, "9"}});
  }
  details_.NewPatient(s->admitted, &p);
}

void DischargeWriter::Outcome(Stay* s) {
  // Deaths concentrate where the department's rate says (ICU, oncology, respiratory) and in
  // the old; the other ways of leaving are rare.
  const Profile& prof = plan_.profile(*s->dept);
  const int age = AgeYears(s->patient.birth, s->admitted);
  const double death = prof.death * (age >= 65 ? 1.4 : age < 15 ? 0.3 : 0.6);
  const double u = rng_.Uniform();
  s->lyfs = Among(u, {{death, "5"},
                      {0.015, "2"},
                      {age >= 65 ? 0.01 : 0.003, "3"},
                      {0.03, "4"},
                      {0.003, "9"},
                      {1.0, "1"}});
}

void DischargeWriter::Diagnoses(Stay* s) {
  const DxDef& dx = *s->dx;
  const double r = rng_.Uniform();
  s->rybq = Among(r, {{0.90, "1"}, {0.06, "2"}, {0.04, "3"}});
  for (int i : dx.extra) s->others.push_back({&cat_.others[i], "1"});
  const int age = AgeYears(s->patient.birth, s->admitted);
  // How many other diagnoses, and from which list: the old have more.
  int group = 0;  // adult, child, obstetric (group_pickers_)
  double mean = 0.4 + std::max(0, age - 30) / 18.0;
  if (s->patient.group == PatientGroup::kChild || s->patient.group == PatientGroup::kNewborn) {
    group = 1;
    mean = s->patient.group == PatientGroup::kChild ? 0.6 : 0.3;
  } else if (s->patient.group == PatientGroup::kObstetric) {
    group = 2;
    mean = 1.0;
  }
  const int want = std::min(6, rng_.Poisson(mean));
  for (int tries = 0; tries < want * 3 && static_cast<int>(s->others.size()) < want; ++tries) {
    const OtherDx& o = cat_.others[group_pickers_[group].Pick(rng_)];
    if (o.code == dx.code || (o.sex != 0 && (o.sex == 'M') != s->patient.male)) continue;
    bool dup = false;
    for (const OtherOut& x : s->others) dup = dup || x.dx->code == o.code;
    if (dup) continue;
    const double q = rng_.Uniform();
    s->others.push_back({&o, Among(q, {{0.92, "1"}, {0.03, "2"}, {0.03, "3"}, {0.02, "4"}})});
  }
}

void DischargeWriter::Procedures(Stay* s) {
  const DxDef& dx = *s->dx;
  if (dx.ops.empty() || !rng_.Chance(dx.op_rate)) return;
  double total = 0;
  for (const OpChoice& c : dx.ops) total += c.weight;
  double x = rng_.Uniform() * total;
  const OpChoice* choice = &dx.ops.back();
  for (const OpChoice& c : dx.ops)
    if ((x -= c.weight) < 0) {
      choice = &c;
      break;
    }
  const int span = static_cast<int>(s->discharged.ToDays() - s->admitted.ToDays());
  int offset = s->rytj[0] == '1' ? (rng_.Chance(0.6) ? 0 : 1) : rng_.Between(1, 3);
  offset = std::min(offset, span);
  const Date date = s->admitted.AddDays(offset);
  for (int i : choice->procedures) {
    const ProcDef& p = cat_.procedures[i];
    ProcOut out{&p, date, ""};
    if (p.qkdj == "0") {
      out.qkyhlb = "9";
    } else if (!p.qkdj.empty()) {
      // 切口愈合: 甲 almost always; 乙/丙 more often the dirtier the wound.
      const double bad = p.qkdj == "1" ? 0.012 : p.qkdj == "2" ? 0.04 : 0.15;
      const double u = rng_.Uniform();
      out.qkyhlb = u >= bad ? "1" : u >= bad * 0.25 ? "2" : "3";
    }
    s->surgery = s->surgery || p.surgery();
    s->procs.push_back(out);
  }
  // A few operated patients have a complication that was not present on admission (RYBQ 4):
  // what the 手术患者并发症发生率 counts.
  if (s->surgery && !complication_picker_.empty() && rng_.Chance(0.012) &&
      static_cast<int>(s->others.size()) < kMaxDiagnoses) {
    const OtherDx& c = cat_.others[complication_picker_.Pick(rng_)];
    s->others.push_back({&c, "4"});
    if (c.code.rfind("T81.4", 0) == 0)
      for (ProcOut& p : s->procs)
        if (!p.p->qkdj.empty() && p.p->qkdj != "0") p.qkyhlb = "3";
  }
}

void DischargeWriter::Antibiotics(const Year& y, Stay* s) {
  const DxDef& dx = *s->dx;
  if (!rng_.Chance(dx.abx * y.abx)) return;
  const Profile& prof = plan_.profile(*s->dept);
  // Clean and clean-contaminated operations get short prophylaxis; infections get treatment
  // from the department's group (surgical departments treat by the organ system).
  const bool prophylaxis = s->surgery && dx.abx < 0.75;
  std::string group = prophylaxis ? "prophylaxis" : prof.abx_group;
  if (!prophylaxis && group == "prophylaxis")
    group = dx.code[0] == 'K'   ? "abdominal"
            : dx.code[0] == 'N' ? "urinary"
            : dx.code[0] == 'L' ? "skin"
                                : "respiratory";
  std::vector<const Antibiotic*> pool;
  for (const Antibiotic& a : cat_.antibiotics)
    if (std::find(a.groups.begin(), a.groups.end(), group) != a.groups.end()) pool.push_back(&a);
  if (pool.empty()) return;
  const int age = AgeYears(s->patient.birth, s->admitted);
  const double child = age < 15 ? std::clamp((age + 1) / 15.0, 0.15, 1.0) : 1.0;
  int course = prophylaxis
                   ? (rng_.Chance(0.4) ? 1 : rng_.Between(2, 3))
                   : std::clamp(static_cast<int>(std::lround(rng_.LogNormalMean(9, 0.35))), 3, 14);
  course = std::min(course, s->sjzyts);
  const double u = rng_.Uniform();
  const int drugs = prophylaxis ? 1 : u < 0.72 ? 1 : u < 0.94 ? 2 : 3;
  // Several drugs are either given one after another (the course is split) or together.
  const bool together = rng_.Chance(0.5);
  for (int k = 0; k < drugs && !pool.empty(); ++k) {
    const size_t i = static_cast<size_t>(rng_.Below(static_cast<int64_t>(pool.size())));
    const Antibiotic* a = pool[i];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
    int days = together || drugs == 1 ? course : std::max(1, course / drugs);
    if (together && k > 0) days = std::max(1, days - rng_.Between(0, days / 2));
    const double grams = days * a->daily * child * rng_.Uniform(1.05, 1.5);
    const int64_t units = std::max<int64_t>(1, std::llround(std::ceil(grams / a->unit)));
    s->abx.push_back({a, units * std::llround(a->unit * 1000)});
  }
}

void DischargeWriter::Costs(const Year& y, Stay* s) {
  const Profile& prof = plan_.profile(*s->dept);
  const DxDef& dx = *s->dx;
  const double L = s->sjzyts;
  const double g = rng_.LogNormalMean(1.0, 0.25) * y.price;  // this stay's intensity
  const double p = y.price;
  std::array<double, kCostCount> c{};
  // 综合医疗服务类: bed and 诊查, nursing, injections/oxygen/monitoring.
  const double bed = prof.bed_day * L * g;
  c[kYlfuf] = bed * 0.45;
  c[kHlf] = bed * 0.25;
  c[kZlczf] = bed * 0.30;
  if (rng_.Chance(0.15)) c[kQtfy] = rng_.Uniform(50, 300) * p;
  // 诊断类.
  c[kSyszdf] = (400 + 70 * L) * rng_.LogNormalMean(1, 0.35) *
               (prof.special == Special::kIcu ? 2.0 : 1.0) * p;
  c[kYxxzdf] = rng_.LogNormalMean(550, 0.6) * p;
  c[kLczdxmf] = (60 + 15 * L) * rng_.LogNormalMean(1, 0.3) * p;
  c[kHcyyclf] = rng_.LogNormalMean(60, 0.5) * p;
  c[kYyclf] = L * rng_.Uniform(15, 45) * p;
  // Procedures: operations to 手术治疗费 and 手术用材料, diagnostic ones to 临床诊断项目费 and
  // 检查用材料, therapeutic ones to 非手术治疗项目费 and 治疗用材料 (radiotherapy is 临床物理治疗).
  bool pathology = false;
  double anesthesia = 0;
  int max_ssjb = 0;
  for (const ProcOut& po : s->procs) {
    const ProcDef& pr = *po.p;
    const double fee = pr.fee * rng_.LogNormalMean(1, 0.15) * p;
    const double material = pr.material * rng_.LogNormalMean(1, 0.2) * p;
    pathology = pathology || pr.pathology;
    if (pr.surgery()) {
      c[kSsf] += fee;
      c[kYcxyyclf] += material;
      max_ssjb = std::max(max_ssjb, pr.ssjb[0] - '0');  // operations always have one
      const double a = pr.mzfs == "1"   ? rng_.Uniform(900, 1500)
                       : pr.mzfs == "4" ? rng_.Uniform(1100, 1700)
                       : pr.mzfs == "2" ? rng_.Uniform(450, 800)
                       : pr.mzfs == "3" ? rng_.Uniform(30, 80)
                                        : 0;
      anesthesia = std::max(anesthesia, a * p);
    } else if (pr.sspb == "2") {
      c[kLczdxmf] += fee;
      c[kHcyyclf] += material;
    } else {
      c[kFsszlxmf] += fee;
      c[kYyclf] += material;
      if (pr.code.rfind("92.", 0) == 0) c[kWlzlf] += fee;
    }
  }
  if (pathology) c[kBlzdf] = rng_.Uniform(250, 650) * p;
  c[kMaf] = anesthesia;
  // 康复, 中医, physiotherapy.
  if (prof.special == Special::kRehab) {
    c[kKff] += L * 150 * g;
    c[kFsszlxmf] += L * 45 * g;
    c[kWlzlf] += L * 45 * g;
  } else if (rng_.Chance(0.08)) {
    c[kKff] += L * 30 * g;
  }
  if (prof.special == Special::kTcm) {
    c[kZyzlf] += L * 90 * g;
    if (rng_.Chance(0.9)) c[kZcyf1] += L * 55 * g;
    c[kZcyf] += L * 60 * g;
  } else {
    if (rng_.Chance(0.15)) c[kZyzlf] += L * 15 * g;
    if (rng_.Chance(0.08)) c[kZcyf1] += L * 20 * g;
    if (rng_.Chance(0.6)) c[kZcyf] += L * rng_.Uniform(15, 60) * p;
    if (rng_.Chance(0.1)) {
      c[kFsszlxmf] += L * 25 * g;
      c[kWlzlf] += L * 25 * g;
    }
  }
  if (prof.special == Special::kDialysis && rng_.Chance(0.3)) c[kFsszlxmf] += L * 120 * g;
  // 西药: the department's daily drugs plus the antibiotics actually given.
  double antibiotics = 0;
  for (const AbxOut& a : s->abx) antibiotics += a.syl_e3 / 1000.0 * a.a->price * p;
  c[kXyf] = prof.drug_day * L * rng_.LogNormalMean(1, 0.35) * p;
  c[kKjywf] = antibiotics;
  // 血液和血液制品类.
  const bool icu = prof.special == Special::kIcu, chemo = prof.special == Special::kChemo;
  if ((max_ssjb == 4 && rng_.Chance(0.3)) || (dx.bleeding && rng_.Chance(0.5)) ||
      (icu && rng_.Chance(0.4)) || rng_.Chance(0.01))
    c[kXf] = rng_.Uniform(400, 2000) * p;
  if ((icu && rng_.Chance(0.5)) || (chemo && rng_.Chance(0.15)) ||
      (max_ssjb == 4 && rng_.Chance(0.25)) || rng_.Chance(0.01))
    c[kBdblzpf] = rng_.Uniform(500, icu ? 4000 : 2000) * p;
  if (rng_.Chance(0.003)) c[kQdblzpf] = rng_.Uniform(1500, 5000) * p;
  if (rng_.Chance(0.001)) c[kNxyzlzpf] = rng_.Uniform(1000, 3000) * p;
  if ((chemo && rng_.Chance(0.25)) || rng_.Chance(0.002)) c[kXbyzlzpf] = rng_.Uniform(200, 900) * p;
  if (rng_.Chance(0.2)) c[kQtf] = rng_.Uniform(10, 150) * p;

  // To 分, parents built from their parts so that every 其中 item fits exactly.
  std::array<int64_t, kCostCount>& f = s->cost;
  for (int i = 0; i < kCostCount; ++i) f[i] = Fen(c[i]);
  f[kFsszlxmf] = f[kWlzlf] + Fen(c[kFsszlxmf] - c[kWlzlf]);
  f[kSszlf] =
      f[kSsf] == 0 ? 0 : f[kSsf] + f[kMaf] + Fen((c[kSsf] + c[kMaf]) * rng_.Uniform(0, 0.08));
  if (f[kSsf] == 0) f[kMaf] = 0;
  f[kXyf] = f[kKjywf] + Fen(c[kXyf]);
  s->zfy = 0;
  for (int i = 0; i < kCostCount; ++i)
    if (!IsPart(i)) s->zfy += f[i];
  // 自付: all of it for 全自费, a little for 全公费, otherwise the insured share.
  const std::string& pay = s->patient.ylfkfs;
  const double share = pay == "7"   ? 1.0
                       : pay == "6" ? rng_.Uniform(0.03, 0.1)
                                    : rng_.Uniform(0.25, 0.45);
  s->zfje = std::min(s->zfy, static_cast<int64_t>(std::llround(s->zfy * share)));
}

void DischargeWriter::Pathway(const Year& y, const Stay& s) {
  const int index = plan_.dx_pathway[static_cast<size_t>(s.dx->index)];
  if (index < 0) return;
  const gen::Pathway& pw = cat_.pathways[static_cast<size_t>(index)];
  const bool entered = rng_.Chance(std::min(0.97, pw.entry + y.entry));
  int wc = 0, by = 0, tc = 0;
  std::string reason;
  if (entered) {
    const char l = s.lyfs[0];
    if (l == '2' || l == '4' || l == '5' || rng_.Chance(0.01)) {
      tc = by = 1;
      reason = l == '5'   ? "疾病转归：死亡"
               : l == '2' ? "患者因素：转上级医院治疗"
               : l == '4' ? "患者因素：患者要求自动出院"
                          : cat_.exit_reasons[exit_picker_.Pick(rng_)].text;
    } else {
      // Stays much longer than the pathway expects are the usual variations.
      const bool long_stay = s.sjzyts > 1.6 * s.dx->los;
      if (rng_.Chance(long_stay ? 0.25 : 0.04)) {
        by = 1;
        reason = cat_.variance_reasons[variance_picker_.Pick(rng_)].text;
        wc = rng_.Chance(0.5) ? 1 : 0;
      } else {
        wc = 1;
      }
    }
  }
  path_out_.Text(s.patient.bah);
  path_out_.Int(s.patient.zycs);
  path_out_.Text(pw.ljdm);
  path_out_.Text(pw.ljmc);
  path_out_.Int(entered ? 1 : 0);
  path_out_.Int(wc);
  path_out_.Int(by);
  path_out_.Int(tc);
  path_out_.Text(reason);
  path_out_.EndRow();
  ++stats_->pathway_rows;
}

bool DischargeWriter::Applies(GenDefect d, const Stay& s) const {
  switch (d) {
    case GenDefect::kProcedureAfterDischarge:
      return !s.procs.empty();
    case GenDefect::kObstetricMale:
      return s.dx->obstetric();
    default:
      return true;
  }
}

void DischargeWriter::Apply(GenDefect d, Stay* s) {
  switch (d) {
    case GenDefect::kMissingCoder:
      s->bmy.clear();
      break;
    case GenDefect::kMissingAttending:
      s->zzys.clear();
      break;
    case GenDefect::kProcedureAfterDischarge:
      s->procs[0].date = s->discharged.AddDays(rng_.Between(1, 3));
      break;
    case GenDefect::kCostSumMismatch: {
      // A hand-corrected total: off by a few yuan to a few hundred, never zero.
      int64_t delta = rng_.Between(100, 50000) * (rng_.Chance(0.5) ? 1 : -1);
      if (s->zfy + delta < 0) delta = -delta;
      s->zfy += delta;
      s->zfje = std::min(s->zfje, s->zfy);
      break;
    }
    case GenDefect::kInvalidSex:
      s->xb = "3";
      break;
    case GenDefect::kObstetricMale:
      s->xb = "1";
      break;
  }
  ++stats_->defects[static_cast<size_t>(d)];
  ++stats_->defect_records;
}

void DischargeWriter::Defect(Stay* s) {
  // A defect chosen for a record that could not carry it is owed to the next one that can, so
  // every kind keeps its share.
  for (int k = 0; k < kGenDefectCount; ++k) {
    const GenDefect d = static_cast<GenDefect>(k);
    if (pending_[k] > 0 && Applies(d, *s)) {
      --pending_[k];
      Apply(d, s);
      return;
    }
  }
  if (!rng_.Chance(plan_.options->qc_defect_rate)) return;
  const GenDefect d = static_cast<GenDefect>(rng_.Below(kGenDefectCount));
  if (Applies(d, *s)) {
    Apply(d, s);
  } else {
    ++pending_[static_cast<int>(d)];
  }
}

void DischargeWriter::WriteStay(const Stay& s) {
  CsvOut& o = out_;
  const Patient& p = s.patient;
  const DxDef& dx = *s.dx;
  o.Text(p.bah);
  o.Int(p.zycs);
  o.Text(p.xm);
  o.Text(s.xb);
  o.Day(p.birth);
  o.Int(AgeYears(p.birth, s.admitted));
  o.Text(p.sfzh);
  o.Text(p.ylfkfs);
  o.Text(s.rytj);
  o.DateTime(s.admitted, s.ry_seconds);
  o.Text(s.admitted_by->dept->code);
  o.DateTime(s.discharged, s.cy_seconds);
  o.Text(s.dept->dept->code);
  o.Int(s.sjzyts);
  o.Text(dx.code);
  o.Text(dx.name);
  o.Text(s.rybq);
  for (int i = 0; i < kMaxDiagnoses; ++i) {
    if (static_cast<size_t>(i) < s.others.size()) {
      o.Text(s.others[i].dx->code);
      o.Text(s.others[i].dx->name);
      o.Text(s.others[i].rybq);
    } else {
      o.Empty();
      o.Empty();
      o.Empty();
    }
  }
  for (int i = 0; i < kMaxProcedures; ++i) {
    if (static_cast<size_t>(i) < s.procs.size()) {
      const ProcOut& po = s.procs[i];
      o.Text(po.p->code);
      o.Text(po.p->name);
      o.Day(po.date);
      o.Text(po.p->ssjb);
      o.Text(po.p->sspb);
      o.Text(po.p->wcss);
      o.Text(po.p->qkdj);
      o.Text(po.qkyhlb);
      o.Text(po.p->mzfs);
    } else {
      for (int k = 0; k < 9; ++k) o.Empty();
    }
  }
  o.Text(s.lyfs);
  o.Text(s.bmy);
  o.Text(s.kzr);
  o.Text(s.zrys);
  o.Text(s.zzys);
  o.Text(s.zyys);
  o.Money(s.zfy);
  o.Money(s.zfje);
  for (int64_t fen : s.cost) o.Money(fen);
  details_.Write(s, o);
  o.EndRow();

  for (const AbxOut& a : s.abx) {
    abx_out_.Text(p.bah);
    abx_out_.Int(p.zycs);
    abx_out_.Text(a.a->ypbm);
    abx_out_.Text(a.a->ypmc);
    abx_out_.Text(a.a->atc);
    abx_out_.Decimal(a.syl_e3, 3);
    abx_out_.Decimal(std::llround(a.a->ddd * 1000), 3);
    abx_out_.EndRow();
    ++stats_->antibiotic_rows;
  }
}

void DischargeWriter::Remember(Stay* s) {
  Ring& ring = rings_[static_cast<size_t>(s->dept - plan_.depts.data())];
  Patient& p = s->patient;
  if (s->lyfs[0] == '5') {  // the dead do not come back
    if (s->ring_slot >= 0) {
      p.last_discharge = INT64_MAX;
      ring.patients[static_cast<size_t>(s->ring_slot)] = std::move(p);
    }
    return;
  }
  p.last_discharge = s->discharged.ToDays();
  if (s->ring_slot >= 0) {
    ring.patients[static_cast<size_t>(s->ring_slot)] = std::move(p);
  } else if (ring.patients.size() < kRingSize) {
    ring.patients.push_back(std::move(p));
  } else {
    ring.patients[ring.next] = std::move(p);
    ring.next = (ring.next + 1) % kRingSize;
  }
}

}  // namespace

std::vector<std::string> DischargeColumns() {
  std::vector<std::string> c = {"BAH",  "ZYCS",   "XM",   "XB",   "CSRQ", "NL",
                                "SFZH", "YLFKFS", "RYTJ", "RYSJ", "RYKB", "CYSJ",
                                "CYKB", "SJZYTS", "JBDM", "ZYZD", "RYBQ"};
  for (int i = 1; i <= kMaxDiagnoses; ++i)
    for (const char* n : {"JBDM", "QTZD", "RYBQ"}) c.push_back(n + std::to_string(i));
  for (int i = 1; i <= kMaxProcedures; ++i)
    for (const char* n :
         {"SSJCZBM", "SSJCZMC", "SSJCZRQ", "SSJB", "SSPB", "WCSS", "QKDJ", "QKYHLB", "MZFS"})
      c.push_back(n + std::to_string(i));
  for (const char* n : {"LYFS", "BMY", "KZR", "ZRYS", "ZZYS", "ZYYS", "ZFY", "ZFJE"})
    c.push_back(n);
  for (const char* f : kCostFields) {
    std::string u(f);
    for (char& ch : u) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    c.push_back(u);
  }
  return c;
}

Status WriteDischarges(const Plan& plan, const std::string& dir, GeneratorStats* stats) {
  DischargeWriter w(plan, stats);
  return w.Run(dir);
}

}  // namespace yuanwu::indicators::gen
