// What GenerateCsv hands to the two writers: the validated options, the parsed catalogues and
// the hospital's clinical departments resolved to their profiles, doctors and case mix.
// Internal to generator*.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "indicators/generator.h"
#include "indicators/generator_catalogue.h"
#include "indicators/generator_details_catalogue.h"
#include "indicators/generator_people.h"
#include "indicators/generator_rng.h"

namespace yuanwu::indicators::gen {

struct PlanDept {
  const GenDepartment* dept = nullptr;
  int profile = -1;            // index into Catalogue::profiles
  std::vector<int> diagnoses;  // indexes into Catalogue::diagnoses
  Picker diagnosis_picker;     // over `diagnoses` by weight
  Staff staff;
  // For the detail columns (generator_details.h): 病区 names and 责任护士.
  std::vector<std::string> wards, nurses;
};

struct Plan {
  const GeneratorOptions* options = nullptr;
  const Catalogue* catalogue = nullptr;
  const People* people = nullptr;
  std::vector<PlanDept> depts;      // the clinical departments, in the caller's order
  std::vector<int> dx_pathway;      // per Catalogue::diagnoses: index into pathways or -1
  std::vector<std::string> coders;  // 编码员
  // The detail columns: required_fields.csv items that are not canonical (empty: none).
  const DetailCatalogue* details = nullptr;
  std::vector<ExtraColumn> extra_columns;
  std::vector<std::string> anaesthetists;  // 麻醉医师 of the hospital

  const Profile& profile(const PlanDept& d) const { return catalogue->profiles[d.profile]; }
  // Records of year index y (0 = first_year): the first year's volume grown by annual_growth.
  int64_t Volume(int64_t first_year_volume, int y) const;
};

// Random streams; every writer draws from its own so the files do not depend on each other.
// The detail columns draw from their own two streams, so that asking for them changes nothing
// in the canonical columns.
enum Stream : uint64_t {
  kStaffStream = 1,
  kVisitStream = 2,
  kDischargeStream = 3,
  kDetailStaffStream = 4,
  kDetailStream = 5,
};

// Writes visits.csv; adds to stats->visits and stats->bytes[1].
Status WriteVisits(const Plan& plan, const std::string& path, GeneratorStats* stats);
// Writes discharges.csv, antibiotic_use.csv and pathways.csv; fills the other stats.
Status WriteDischarges(const Plan& plan, const std::string& dir, GeneratorStats* stats);

// The columns each writer writes, in order; GenerateCsv checks them against dataset.h first.
std::vector<std::string> DischargeColumns();
inline constexpr const char* kVisitColumns[] = {"JZLSH", "JZSJ", "KSDM", "JZLX",
                                                "YYBZ",  "ZFY",  "YPF",  "KJYWBZ"};
inline constexpr const char* kAntibioticColumns[] = {"BAH", "ZYCS", "YPBM", "YPMC",
                                                     "ATC", "SYL",  "DDDZ"};
inline constexpr const char* kPathwayColumns[] = {"BAH", "ZYCS", "LJDM", "LJMC", "RJ",
                                                  "WC",  "BY",   "TC",   "BYYY"};

}  // namespace yuanwu::indicators::gen
