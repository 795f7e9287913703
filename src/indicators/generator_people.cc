#include "indicators/generator_people.h"

#include <algorithm>
#include <cmath>

namespace yuanwu::indicators::gen {
namespace {

std::vector<double> Weights(const std::vector<std::pair<std::string, double>>& items) {
  std::vector<double> w;
  w.reserve(items.size());
  for (const auto& [s, x] : items) w.push_back(x);
  return w;
}

void AppendDigits(std::string& out, int v, int width) {
  std::string d(static_cast<size_t>(width), '0');
  for (int i = width - 1; i >= 0; --i, v /= 10) d[i] = static_cast<char>('0' + v % 10);
  out += d;
}

}  // namespace

People::People(const Catalogue& c)
    : c_(c), surnames_(Weights(c.surnames)), regions_(Weights(c.regions)) {}

std::string People::Name(Rng& rng, bool male) const {
  std::string surname;
  return Name(rng, male, &surname);
}

std::string People::Name(Rng& rng, bool male, std::string* surname) const {
  *surname = c_.surnames[surnames_.Pick(rng)].first;
  return NameWithSurname(rng, male, *surname);
}

std::string People::NameWithSurname(Rng& rng, bool male, std::string_view surname) const {
  const std::vector<std::string>& chars = male ? c_.male_chars : c_.female_chars;
  std::string name(surname);
  name += chars[rng.Below(static_cast<int64_t>(chars.size()))];
  if (rng.Chance(0.72)) {
    // Two-character given names sometimes mix in a neutral character from the other list.
    const std::vector<std::string>& second =
        rng.Chance(0.15) ? (male ? c_.female_chars : c_.male_chars) : chars;
    name += second[rng.Below(static_cast<int64_t>(second.size()))];
  }
  return name;
}

char IdCheckDigit(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

std::string People::IdNumber(Rng& rng, const Date& birth, bool male) const {
  std::string id = c_.regions[regions_.Pick(rng)].first;
  AppendDigits(id, birth.year, 4);
  AppendDigits(id, birth.month, 2);
  AppendDigits(id, birth.day, 2);
  int seq = static_cast<int>(rng.Below(500)) * 2 + (male ? 1 : 0);  // 17th digit: odd = male
  AppendDigits(id, seq, 3);
  id.push_back(IdCheckDigit(id));
  return id;
}

int AgeYears(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return std::max(0, age);
}

Date DrawBirth(Rng& rng, AgeProfile profile, const Date& admission) {
  double years = 0;
  auto clip = [](double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); };
  switch (profile) {
    case AgeProfile::kAdult:
      years = clip(rng.Normal(52, 16), 18, 95);
      break;
    case AgeProfile::kElderly:
      years = clip(rng.Normal(67, 12), 35, 99);
      break;
    case AgeProfile::kYoung:
      years = clip(rng.Normal(32, 14), 6, 75);
      break;
    case AgeProfile::kObstetric:
      years = clip(rng.Normal(29, 5), 18, 45);
      break;
    case AgeProfile::kGyn:
      years = clip(rng.Normal(45, 12), 18, 80);
      break;
    case AgeProfile::kChild: {
      double u = rng.Uniform();
      years = u < 0.25   ? 0
              : u < 0.6  ? rng.Between(1, 3)
              : u < 0.85 ? rng.Between(4, 7)
                         : rng.Between(8, 14);
      break;
    }
    case AgeProfile::kInfant: {
      double u = rng.Uniform();
      years = u < 0.55 ? 0 : u < 0.85 ? 1 : 2;
      break;
    }
    case AgeProfile::kNewborn:
      return admission.AddDays(-rng.Between(1, 27));
  }
  // A whole number of years plus part of one, for an age in [years, years + 1).
  int whole = static_cast<int>(years);
  Date b{admission.year - whole, admission.month, std::min(admission.day, 28)};
  int64_t back = whole == 0 ? rng.Between(30, 360) : rng.Between(0, 364);
  return b.AddDays(-back);
}

PatientGroup GroupOf(AgeProfile p) {
  switch (p) {
    case AgeProfile::kChild:
    case AgeProfile::kInfant:
      return PatientGroup::kChild;
    case AgeProfile::kNewborn:
      return PatientGroup::kNewborn;
    case AgeProfile::kObstetric:
      return PatientGroup::kObstetric;
    default:
      return PatientGroup::kAdult;
  }
}

Staff MakeStaff(Rng& rng, const People& people) {
  Staff s;
  s.kzr = people.Name(rng, rng.Chance(0.7));
  s.zrys.push_back(s.kzr);  // the head of department also signs as 主任医师
  for (int i = rng.Between(1, 2); i > 0; --i) s.zrys.push_back(people.Name(rng, rng.Chance(0.6)));
  for (int i = rng.Between(3, 5); i > 0; --i) s.zzys.push_back(people.Name(rng, rng.Chance(0.5)));
  for (int i = rng.Between(3, 6); i > 0; --i) s.zyys.push_back(people.Name(rng, rng.Chance(0.45)));
  return s;
}

}  // namespace yuanwu::indicators::gen
