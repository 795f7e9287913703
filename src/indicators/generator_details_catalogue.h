// The 首页 items the generator writes beyond dataset.h's canonical columns ("detail columns"),
// and the catalogues their values come from.
//
// Which items: every `column` of required_fields.csv (the 必填项目 of 首页质控, passed in
// GeneratorOptions::files) that is not a canonical discharge column, in that file's order. The
// importer reads such a column for 填报完整率, so a demo file that lacks them looks incomplete.
// No required_fields.csv: no detail columns. Either way the canonical columns hold the same
// values (the detail values draw from random streams of their own).
//
// The values (generator_details.cc) come from places.csv, ethnicities.csv, occupations.csv,
// pathology.csv, external_causes.csv, outpatient_diagnoses.csv and the name and postcode
// columns of regions.csv (data/indicators/demo/README.md). Internal to generator*.cc.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "indicators/generator_catalogue.h"
#include "indicators/generator_rng.h"
#include "platform/base/result.h"

namespace yuanwu::indicators::gen {

// The items the generator knows how to fill. Numbered ones are per procedure (SZ1 … SZ7).
enum class Detail : uint8_t {
  kUnknown,  // on the required list but unknown to the generator: written empty
  kUsername,
  kJkkh,
  kGj,
  kCsd,
  kGg,
  kMz,
  kZy,
  kHy,
  kXzz,
  kDh,
  kYb1,
  kHkdz,
  kYb2,
  kGzdwjdz,
  kDwdh,
  kYb3,
  kLxrxm,
  kGx,
  kDz,
  kDh2,
  kRybf,
  kCybf,
  kMzzd,
  kJbbm,
  kWbyy,
  kH23,
  kBlzd,
  kJbmm,
  kBlh,
  kYwgm,
  kXx,
  kRh,
  kZrhs,
  kYzzyYljg,
  kWsyYljg,
  kSwhzsj,
  kSfzzyjh,
  kBzyzsnl,
  kXsecstz,
  kXserytz,
  // per procedure
  kSz,    // 术者
  kYz,    // Ⅰ助
  kEz,    // Ⅱ助
  kMzys,  // 麻醉医师
};

struct ExtraColumn {
  std::string name;  // as in required_fields.csv, e.g. "SZ1"
  Detail detail = Detail::kUnknown;
  int seq = 0;  // procedure number 1..7 for the per-procedure items
};

// The detail columns asked for by required_fields.csv in `files` (by file name); empty when the
// file is absent. Errors name the file and line of a malformed row.
Result<std::vector<ExtraColumn>> ExtraColumns(const std::map<std::string, std::string>& files);

// Items with weights, picked at random.
template <typename T>
struct Choices {
  std::vector<T> items;
  std::vector<double> weights;
  Picker picker;  // over weights

  bool empty() const { return items.empty() || picker.empty(); }
  const T& Pick(Rng& rng) const { return items[static_cast<size_t>(picker.Pick(rng))]; }
  void Add(T item, double weight) {
    items.push_back(std::move(item));
    weights.push_back(weight);
    picker.Reset(weights);
  }
};

struct DetailTown {
  std::string name;
  bool street_office = false;  // a 街道 (urban addresses) rather than a 镇/乡
};

struct DetailRegion {  // regions.csv, parallel to Catalogue::regions
  std::string code, name, postcode;
  std::vector<DetailTown> towns;          // places.csv
  Choices<int> urban_towns, rural_towns;  // indexes into towns
};

struct Pathology {  // pathology.csv
  std::string blzd, jbmm;
};
struct ExternalCause {  // external_causes.csv
  std::string wbyy, h23;
};
struct OutpatientDx {  // outpatient_diagnoses.csv
  std::string code, name;
  double share = 0;
};

// Occupation groups of occupations.csv.
enum class Occupation : uint8_t { kPreschool, kStudent, kEmployee, kResident, kRetired, kElderly };
inline constexpr int kOccupationGroups = 6;

struct DetailCatalogue {
  std::vector<DetailRegion> regions;
  std::map<std::string, int, std::less<>> region_by_code;
  Choices<std::string> villages, streets, employers, schools, elsewhere, hospitals, ethnicities;
  std::array<Choices<std::string>, kOccupationGroups> occupations;  // ZY codes
  // Per Catalogue::diagnoses index: the rows of the longest matching prefix.
  std::vector<Choices<Pathology>> pathology;
  std::vector<Choices<ExternalCause>> external_causes;
  std::vector<std::vector<OutpatientDx>> outpatient;
};

// Parses the detail catalogues; `c` gives the regions and the diagnoses to resolve prefixes for.
// Errors name the file and line.
Result<DetailCatalogue> ParseDetailCatalogue(const std::map<std::string, std::string>& files,
                                             const Catalogue& c);

}  // namespace yuanwu::indicators::gen
