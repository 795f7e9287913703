// visits.csv: one row per 门诊/急诊/体检 registration, in time order within each day.
#include <algorithm>
#include <array>
#include <cmath>

#include "indicators/generator_calendar.h"
#include "indicators/generator_csv.h"
#include "indicators/generator_plan.h"

namespace yuanwu::indicators::gen {
namespace {

enum VisitType { kClinic = 0, kEmergency = 1, kCheckup = 2 };
constexpr int kTypes = 3;

// Arrivals by hour of day.
constexpr std::array<double, 24> kClinicHours = {0,   0, 0, 0, 0, 0, 0, 0.5, 9,   12, 11, 6,
                                                 1.5, 2, 7, 7, 5, 2, 1, 0.6, 0.4, 0,  0,  0};
constexpr std::array<double, 24> kEmergencyHours = {2.5, 2,   1.6, 1.3, 1.2, 1.3, 1.8, 2.8,
                                                    4,   5,   5,   4.5, 4,   4,   4.5, 4.5,
                                                    4.5, 4.8, 5,   5.5, 5.5, 5,   4,   3.2};
constexpr std::array<double, 24> kCheckupHours = {0, 0, 0, 0, 0, 0, 0, 3, 8, 7, 4, 1,
                                                  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

struct Writer {
  const Plan& plan;
  CsvOut out;
  Rng rng;
  std::array<Picker, kTypes> hours;

  explicit Writer(const Plan& p) : plan(p), rng(Rng::Stream(p.options->seed, kVisitStream)) {
    hours[kClinic].Reset({kClinicHours.begin(), kClinicHours.end()});
    hours[kEmergency].Reset({kEmergencyHours.begin(), kEmergencyHours.end()});
    hours[kCheckup].Reset({kCheckupHours.begin(), kCheckupHours.end()});
  }

  double TypeWeight(const Profile& p, int type) const {
    return type == kClinic ? p.visits : type == kEmergency ? p.emergency : p.checkup;
  }

  // Per-year trends: prices rise, drug shares and antibiotic prescribing fall, booking grows.
  struct Year {
    double fee = 1, checkup_fee = 1, drug = 1, abx = 1, appointment = 0.42;
  };
  static Year YearOf(int y) {
    return {std::pow(1.03, y), std::pow(1.02, y), 1.0 - 0.012 * y, std::pow(0.97, y),
            std::min(0.8, 0.46 + 0.05 * y)};
  }

  void Row(const Day& day, const std::string& id_prefix, int64_t seq, int seconds,
           const PlanDept& d, int type, const Year& y) {
    const Profile& p = plan.profile(d);
    out.Code(id_prefix, seq, 6);
    out.DateTime(day.date, seconds);
    out.Text(d.dept->code);
    out.Int(type + 1);
    // Departments with an emergency service book fewer of their clinic patients.
    bool booked = type == kClinic    ? rng.Chance(y.appointment * (p.emergency > 0 ? 0.7 : 1.0))
                  : type == kCheckup ? rng.Chance(0.9)
                                     : false;
    out.Int(booked ? 1 : 0);
    double fee, drug_share = 0;
    bool antibiotic = false;
    if (type == kCheckup) {
      fee = rng.LogNormalMean(380 * y.checkup_fee, 0.45);
    } else {
      fee = rng.LogNormalMean(p.visit_fee * y.fee, 0.75);
      double abx = p.visit_abx * y.abx;
      // An emergency-only department's rate is its emergency rate already.
      if (type == kEmergency && p.visits > 0) abx = std::min(0.45, abx * 1.4);
      antibiotic = rng.Chance(abx);
      const double has_drug = type == kEmergency ? 0.8 : 0.72;
      if (antibiotic || rng.Chance(has_drug)) {
        double target = p.visit_drug * y.drug / has_drug;
        drug_share = std::clamp(rng.Normal(target, 0.15), 0.03, 0.95);
      }
    }
    int64_t total = std::max<int64_t>(1000, std::llround(fee * 100));  // 挂号+诊查 at least
    int64_t drugs = std::llround(static_cast<double>(total) * drug_share);
    out.Money(total);
    out.Money(drugs);
    out.Int(antibiotic ? 1 : 0);
    out.EndRow();
  }
};

}  // namespace

Status WriteVisits(const Plan& plan, const std::string& path, GeneratorStats* stats) {
  Writer w(plan);
  YW_RETURN_IF_ERROR(w.out.Open(path));
  for (const char* h : kVisitColumns) w.out.Text(h);
  w.out.EndRow();

  const GeneratorOptions& o = *plan.options;
  const Catalogue& cat = *plan.catalogue;
  // Which departments take which type; emergencies fall back to the clinics when no department
  // has an emergency service, and check-ups are dropped when no department does them.
  std::array<bool, kTypes> has{};
  for (const PlanDept& d : plan.depts)
    for (int t = 0; t < kTypes; ++t) has[t] = has[t] || w.TypeWeight(plan.profile(d), t) > 0;
  const int years = has[kClinic] ? o.years : 0;  // nobody sees outpatients: just the header
  const std::array<double, kTypes> mix = {0.88, 0.10, has[kCheckup] ? 0.02 : 0.0};

  std::vector<double> weights(plan.depts.size());
  std::array<Picker, kTypes> dept_pickers;
  std::vector<int> by_hour[24];
  std::vector<double> gaps;
  int64_t rows = 0;
  for (int y = 0; y < years; ++y) {
    const Writer::Year year = Writer::YearOf(y);
    const std::vector<Day> days = YearDays(o.first_year + y, cat.spring_festival);
    const int64_t volume = plan.Volume(o.visits_per_year, y);
    std::vector<int64_t> per_type = Apportion(volume, {mix[0], mix[1], mix[2]});
    // Daily counts of each type: the day factor times the season of the departments' mix.
    std::array<std::vector<int64_t>, kTypes> per_day;
    for (int t = 0; t < kTypes; ++t) {
      const int src = t == kEmergency && !has[kEmergency] ? kClinic : t;
      std::vector<double> dw(days.size());
      for (size_t i = 0; i < days.size(); ++i) {
        double season = 0;
        for (const PlanDept& d : plan.depts) {
          const Profile& p = plan.profile(d);
          season += w.TypeWeight(p, src) * (t == kEmergency ? 1.0 : Season(days[i], p.winter));
        }
        double f = t == kClinic      ? OutpatientFactor(days[i])
                   : t == kEmergency ? EmergencyFactor(days[i])
                                     : CheckupFactor(days[i]);
        dw[i] = f * season;
      }
      per_day[t] = Apportion(per_type[t], dw);
    }
    for (size_t i = 0; i < days.size(); ++i) {
      const Day& day = days[i];
      // JZLSH: "MZ" + date + the day's sequence number.
      std::string id_prefix = "MZ" + day.date.ToString();
      id_prefix.erase(std::remove(id_prefix.begin(), id_prefix.end(), '-'), id_prefix.end());
      for (auto& v : by_hour) v.clear();
      for (int t = 0; t < kTypes; ++t) {
        if (per_day[t][i] == 0) continue;
        const int src = t == kEmergency && !has[kEmergency] ? kClinic : t;
        for (size_t k = 0; k < plan.depts.size(); ++k) {
          const Profile& p = plan.profile(plan.depts[k]);
          weights[k] = w.TypeWeight(p, src) * (t == kEmergency ? 1.0 : Season(day, p.winter));
        }
        dept_pickers[t].Reset(weights);
        for (int64_t n = 0; n < per_day[t][i]; ++n) by_hour[w.hours[t].Pick(w.rng)].push_back(t);
      }
      // Within an hour, arrivals are uniform: sorted times from exponential spacings, and the
      // types in random order.
      int64_t seq = 0;
      for (int h = 0; h < 24; ++h) {
        std::vector<int>& types = by_hour[h];
        const size_t k = types.size();
        if (k == 0) continue;
        gaps.resize(k + 1);
        double total = 0;
        for (double& g : gaps) total += g = w.rng.Exponential();
        double at = 0;
        for (size_t j = 0; j < k; ++j) {
          at += gaps[j];
          size_t pick = j + static_cast<size_t>(w.rng.Below(static_cast<int64_t>(k - j)));
          std::swap(types[j], types[pick]);
          const int t = types[j];
          const int second = h * 3600 + std::min(3599, static_cast<int>(at / total * 3600));
          const PlanDept& d = plan.depts[dept_pickers[t].Pick(w.rng)];
          w.Row(day, id_prefix, ++seq, second, d, t, year);
        }
        rows += static_cast<int64_t>(k);
      }
    }
  }
  YW_RETURN_IF_ERROR(w.out.Close());
  if (stats != nullptr) {
    stats->visits += rows;
    stats->bytes[1] += w.out.bytes();
  }
  return Status::Ok();
}

}  // namespace yuanwu::indicators::gen
