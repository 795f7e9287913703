#include "indicators/generator.h"

#include <cmath>
#include <exception>
#include <span>
#include <thread>

#include "indicators/dataset.h"
#include "indicators/generator_catalogue.h"
#include "indicators/generator_details.h"
#include "indicators/generator_plan.h"

namespace yuanwu::indicators {
namespace {

using gen::Catalogue;
using gen::Plan;
using gen::PlanDept;

Status CheckOptions(const GeneratorOptions& o) {
  Validation v;
  if (o.first_year < 1990 || o.first_year > 2100)
    v.Fail("first_year", "起始年份应在1990–2100之间", "first_year must be 1990-2100");
  if (o.years < 1 || o.years > 30) v.Fail("years", "年数应为1–30", "years must be 1-30");
  if (o.discharges_per_year < 0 || o.discharges_per_year > 100'000'000)
    v.Fail("discharges_per_year", "年出院人次应为0–1亿", "discharges_per_year must be 0-1e8");
  if (o.visits_per_year < 0 || o.visits_per_year > 1'000'000'000)
    v.Fail("visits_per_year", "年门急诊人次应为0–10亿", "visits_per_year must be 0-1e9");
  if (!(o.annual_growth >= -0.5 && o.annual_growth <= 1.0))
    v.Fail("annual_growth", "年增长率应在−50%–100%之间", "annual_growth must be -0.5..1");
  if (o.hospital_name.empty())
    v.Fail("hospital_name", "医疗机构名称不能为空", "hospital_name is required");
  if (!(o.qc_defect_rate >= 0 && o.qc_defect_rate <= 0.5))
    v.Fail("qc_defect_rate", "缺陷比例应在0–50%之间", "qc_defect_rate must be 0..0.5");
  bool clinical = false;
  for (const GenDepartment& d : o.departments) clinical = clinical || d.kind == "clinical";
  if (!clinical)
    v.Fail("departments", "至少需要一个临床科室", "at least one clinical department is needed");
  return v.ToStatus();
}

// The writers' columns must be dataset.h's canonical columns, in the same order.
Status CheckColumns(Dataset d, std::span<const std::string> written) {
  std::span<const FieldSpec> fields = Fields(d);
  bool same = fields.size() == written.size();
  for (size_t i = 0; same && i < fields.size(); ++i) same = written[i] == fields[i].name;
  if (same) return Status::Ok();
  return Status::Internal("generator columns of " + std::string(DatasetName(d)) +
                          " differ from dataset.h");
}

Status CheckAllColumns() {
  auto strings = [](std::span<const char* const> names) {
    return std::vector<std::string>(names.begin(), names.end());
  };
  YW_RETURN_IF_ERROR(CheckColumns(Dataset::kDischarges, gen::DischargeColumns()));
  YW_RETURN_IF_ERROR(CheckColumns(Dataset::kVisits, strings(gen::kVisitColumns)));
  YW_RETURN_IF_ERROR(CheckColumns(Dataset::kAntibioticUse, strings(gen::kAntibioticColumns)));
  return CheckColumns(Dataset::kPathways, strings(gen::kPathwayColumns));
}

// The profile a department takes: same code, else a keyword in its name, else a generic one.
int ProfileFor(const Catalogue& c, const GenDepartment& d) {
  for (size_t i = 0; i < c.profiles.size(); ++i)
    if (c.profiles[i].code[0] != '_' && c.profiles[i].code == d.code) return static_cast<int>(i);
  for (size_t i = 0; i < c.profiles.size(); ++i)
    for (const std::string& m : c.profiles[i].match)
      if (d.name.find(m) != std::string::npos) return static_cast<int>(i);
  return c.FindProfile("_other");
}

Plan MakePlan(const GeneratorOptions& o, const Catalogue& c, const gen::People& people) {
  Plan plan;
  plan.options = &o;
  plan.catalogue = &c;
  plan.people = &people;
  gen::Rng rng = gen::Rng::Stream(o.seed, gen::kStaffStream);
  for (const GenDepartment& d : o.departments) {
    if (d.kind != "clinical") continue;
    PlanDept pd;
    pd.dept = &d;
    pd.profile = ProfileFor(c, d);
    std::vector<double> w;
    for (const gen::DxDef& dx : c.diagnoses)
      if (dx.profile == pd.profile) {
        pd.diagnoses.push_back(dx.index);
        w.push_back(dx.weight);
      }
    pd.diagnosis_picker.Reset(w);
    pd.staff = gen::MakeStaff(rng, people);
    plan.depts.push_back(std::move(pd));
  }
  for (int i = 0; i < 4; ++i) plan.coders.push_back(people.Name(rng, rng.Chance(0.3)));
  plan.dx_pathway.assign(c.diagnoses.size(), -1);
  for (const gen::DxDef& dx : c.diagnoses)
    for (size_t p = 0; p < c.pathways.size() && plan.dx_pathway[dx.index] < 0; ++p)
      if (c.pathways[p].profile == dx.profile)
        for (const std::string& code : c.pathways[p].codes)
          if (code == dx.code) plan.dx_pathway[dx.index] = static_cast<int>(p);
  return plan;
}

// Runs a writer, turning an escaped exception (bad_alloc, …) into a Status.
template <typename F>
Status Guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("generator: ") + e.what());
  }
}

}  // namespace

std::string_view GenDefectName(GenDefect d) {
  switch (d) {
    case GenDefect::kMissingCoder:
      return "missing_coder";
    case GenDefect::kMissingAttending:
      return "missing_attending";
    case GenDefect::kProcedureAfterDischarge:
      return "procedure_after_discharge";
    case GenDefect::kCostSumMismatch:
      return "cost_sum_mismatch";
    case GenDefect::kInvalidSex:
      return "invalid_sex";
    case GenDefect::kObstetricMale:
      return "obstetric_male";
  }
  return "";
}

const std::vector<std::string>& GeneratorFileNames() {
  static const std::vector<std::string> kNames = {
      "departments.csv", "diagnoses.csv",       "procedures.csv",      "other_diagnoses.csv",
      "antibiotics.csv", "pathways.csv",        "pathway_reasons.csv", "names.csv",
      "regions.csv",     "spring_festival.csv", "places.csv",          "ethnicities.csv",
      "occupations.csv", "pathology.csv",       "external_causes.csv", "outpatient_diagnoses.csv"};
  return kNames;
}

int64_t gen::Plan::Volume(int64_t first_year_volume, int y) const {
  return std::llround(static_cast<double>(first_year_volume) *
                      std::pow(1.0 + options->annual_growth, y));
}

Status GenerateCsv(const GeneratorOptions& options, const std::string& out_dir,
                   GeneratorStats* stats) {
  YW_RETURN_IF_ERROR(CheckOptions(options));
  YW_RETURN_IF_ERROR(CheckAllColumns());
  YW_ASSIGN_OR_RETURN(const Catalogue catalogue, gen::ParseCatalogue(options.files));
  YW_ASSIGN_OR_RETURN(const gen::DetailCatalogue details,
                      gen::ParseDetailCatalogue(options.files, catalogue));
  YW_ASSIGN_OR_RETURN(std::vector<gen::ExtraColumn> extra, gen::ExtraColumns(options.files));
  const gen::People people(catalogue);
  Plan plan = MakePlan(options, catalogue, people);
  plan.details = &details;
  plan.extra_columns = std::move(extra);
  if (!plan.extra_columns.empty()) gen::MakeDetailStaff(&plan);

  // Visits on a second thread, discharges and their children on this one; each has its own
  // random stream and its own stats, so the result does not depend on scheduling.
  GeneratorStats visit_stats, discharge_stats;
  Status visit_status;
  std::thread visits([&] {
    visit_status =
        Guarded([&] { return gen::WriteVisits(plan, out_dir + "/visits.csv", &visit_stats); });
  });
  Status discharge_status =
      Guarded([&] { return gen::WriteDischarges(plan, out_dir, &discharge_stats); });
  visits.join();
  YW_RETURN_IF_ERROR(discharge_status);
  YW_RETURN_IF_ERROR(visit_status);
  if (stats != nullptr) {
    GeneratorStats& s = *stats;
    s = discharge_stats;
    s.visits = visit_stats.visits;
    s.bytes[1] = visit_stats.bytes[1];
    for (const gen::ExtraColumn& c : plan.extra_columns)
      if (c.detail == gen::Detail::kUnknown) s.unfilled_columns.push_back(c.name);
  }
  return Status::Ok();
}

}  // namespace yuanwu::indicators
