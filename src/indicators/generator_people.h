// Synthetic people for the generator: Chinese names, 身份证号 with a valid check digit whose
// birth date and sex digit agree with 出生日期 and 性别, patients whose age and sex fit their
// diagnosis, and each department's doctors. Internal to generator*.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indicators/generator_catalogue.h"
#include "indicators/generator_rng.h"
#include "platform/base/time.h"

namespace yuanwu::indicators::gen {

class People {
 public:
  explicit People(const Catalogue& c);

  // A name of 2–3 characters (rarely 4, with a two-character surname).
  std::string Name(Rng& rng, bool male) const;
  // The same draws as Name; also says which part is the surname.
  std::string Name(Rng& rng, bool male, std::string* surname) const;
  // A name with a given surname (a relative's): the given-name draws of Name.
  std::string NameWithSurname(Rng& rng, bool male, std::string_view surname) const;
  // 18 characters: region, YYYYMMDD, sequence (odd for men), ISO 7064 MOD 11-2 check digit.
  std::string IdNumber(Rng& rng, const Date& birth, bool male) const;

 private:
  const Catalogue& c_;
  Picker surnames_, regions_;
};

// The check character of the first 17 digits of a 身份证号 ("0"–"9" or "X").
char IdCheckDigit(std::string_view first17);

// Completed years between two dates.
int AgeYears(const Date& birth, const Date& on);

// A birth date for a patient of `profile` admitted on `admission`.
Date DrawBirth(Rng& rng, AgeProfile profile, const Date& admission);

// Patients of the same group may come back for another stay of a department's diagnoses.
enum class PatientGroup { kAdult, kChild, kObstetric, kNewborn };
PatientGroup GroupOf(AgeProfile p);

// What stays with a patient from one stay to the next beyond the canonical columns: the 首页
// items of generator_details.h (written only when required_fields.csv asks for them).
struct PersonDetails {
  std::string surname;
  int region = -1;  // index into Catalogue::regions: the 身份证号's region code
  int town = -1;    // index into DetailRegion::towns, or -1
  bool urban = false;
  char abo = '1';   // XX when tested: 1 A, 2 B, 3 O, 4 AB
  char rh = '2';    // RH when tested: 1 阴, 2 阳
  char ywgm = '1';  // 药物过敏 1 无, 2 有
  char hy = '1';    // 婚姻 1 未婚, 2 已婚, 3 丧偶, 4 离婚
  std::string jkkh, mz, csd, gg, zy, xzz, dh, hkdz, gzdwjdz, dwdh, yb3;
  std::string lxrxm, gx, dz, dh2;  // 联系人
};

struct Patient {
  std::string bah, xm, sfzh, ylfkfs;
  Date birth;
  bool male = false;
  PatientGroup group = PatientGroup::kAdult;
  int zycs = 0;
  int64_t last_discharge = 0;  // day number of the last 出院
  PersonDetails details;
};

// A department's signing doctors (科主任, 主任/副主任医师, 主治医师, 住院医师).
struct Staff {
  std::string kzr;
  std::vector<std::string> zrys, zzys, zyys;
};
Staff MakeStaff(Rng& rng, const People& people);

}  // namespace yuanwu::indicators::gen
