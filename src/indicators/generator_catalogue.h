// The generator's catalogues, parsed from the data files of data/indicators/demo/ (described in
// its README.md): department profiles, diagnoses with their operations, procedures, other
// diagnoses, antibiotics with WHO DDD values, clinical pathways, names, region codes and the
// Spring Festival dates. Internal to generator*.cc.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/base/time.h"

namespace yuanwu::indicators::gen {

// How a patient's age and sex are drawn (diagnoses.csv `age`, departments.csv `age`).
enum class AgeProfile { kAdult, kElderly, kYoung, kChild, kInfant, kNewborn, kObstetric, kGyn };

// A department's cost pattern beyond bed, drugs and examinations (departments.csv `special`).
enum class Special { kNone, kIcu, kRehab, kTcm, kChemo, kDialysis };

struct Profile {  // departments.csv
  std::string code;
  std::vector<std::string> match;                                 // name keywords
  double discharges = 0, visits = 0, emergency = 0, checkup = 0;  // relative volumes
  double winter = 0;                 // seasonal amplitude (0 flat, 0.35 respiratory)
  double los = 8;                    // default mean 住院天数
  double readmit = 0;                // share of discharges that are a known patient's next stay
  double er_admit = 0;               // share admitted through 急诊 (RYTJ 1)
  double death = 0;                  // in-hospital death rate (LYFS 5)
  double abx = 0;                    // default share of discharges with systemic antibiotics
  std::string abx_group;             // antibiotic group for treatment (antibiotics.csv groups)
  double bed_day = 0;                // 综合医疗服务 per day, yuan
  double drug_day = 0;               // 西药 per day, yuan
  Special special = Special::kNone;  // none | icu | rehab | tcm | chemo | dialysis
  AgeProfile age = AgeProfile::kAdult;
  double male = 0.5;
  double visit_fee = 200, visit_drug = 0.4, visit_abx = 0.1;  // outpatient 次均, drug share, abx
};

struct ProcDef {  // procedures.csv
  std::string code, name;
  std::string ssjb, sspb, wcss, qkdj, mzfs;
  double fee = 0, material = 0;  // yuan: the operation's own fee, its one-off materials
  bool pathology = false;        // sends a specimen (病理诊断费)
  bool surgery() const { return sspb == "1" || sspb == "4"; }
};

struct OpChoice {               // one alternative of diagnoses.csv `ops`: procedures done together
  std::vector<int> procedures;  // indexes into Catalogue::procedures
  double weight = 1;
};

struct DxDef {       // diagnoses.csv
  int profile = -1;  // index into Catalogue::profiles
  std::string code, name;
  double weight = 0;
  AgeProfile age = AgeProfile::kAdult;
  char sex = 0;        // 'M', 'F' or 0 (the profile's male share)
  double los = 0;      // mean 住院天数
  double op_rate = 0;  // share with an operation
  std::vector<OpChoice> ops;
  double abx = 0;          // share with systemic antibiotics
  std::vector<int> extra;  // other diagnoses always coded with this one (indexes into others)
  int index = 0;           // position in Catalogue::diagnoses
  bool bleeding = false;   // the name says 出血: blood products are likely
  bool obstetric() const { return !code.empty() && code[0] == 'O'; }
};

// Groups of other_diagnoses.csv.
enum class OtherGroup { kAdult, kChild, kObstetric, kComplication, kExtra };
struct OtherDx {
  OtherGroup group = OtherGroup::kAdult;
  std::string code, name;
  double weight = 0;
  char sex = 0;
};

struct Antibiotic {  // antibiotics.csv
  std::string ypbm, ypmc, atc;
  double ddd = 0;    // WHO DDD, g
  double daily = 0;  // usual adult daily dose, g
  double unit = 0;   // g per vial/tablet: amounts are whole units
  double price = 0;  // yuan per g
  std::vector<std::string> groups;
};

struct Pathway {  // pathways.csv
  int profile = -1;
  std::string ljdm, ljmc;
  std::vector<std::string> codes;  // main diagnoses that qualify
  double entry = 0;                // share of qualifying cases that enter
};

struct Reason {
  std::string text;
  double weight = 0;
};

struct Catalogue {
  std::vector<Profile> profiles;
  std::vector<ProcDef> procedures;
  std::vector<DxDef> diagnoses;
  std::vector<OtherDx> others;
  std::vector<Antibiotic> antibiotics;
  std::vector<Pathway> pathways;
  std::vector<Reason> variance_reasons, exit_reasons;
  std::vector<std::pair<std::string, double>> surnames;
  std::vector<std::string> male_chars, female_chars;
  std::vector<std::pair<std::string, double>> regions;  // 6-digit code, weight
  std::map<int, Date> spring_festival;                  // year → 正月初一

  // Index of the profile with this code, or -1.
  int FindProfile(std::string_view code) const;
};

// Parses the data files (name → content; a path is fine, the part after the last '/' counts).
// Errors name the file and line.
Result<Catalogue> ParseCatalogue(const std::map<std::string, std::string>& files);

}  // namespace yuanwu::indicators::gen
