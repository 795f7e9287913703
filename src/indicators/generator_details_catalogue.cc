#include "indicators/generator_details_catalogue.h"

#include <algorithm>
#include <utility>

#include "indicators/dataset.h"
#include "indicators/generator_sheet.h"

namespace yuanwu::indicators::gen {
namespace {

// Unnumbered items by their upload code (domain-spec §4.2; required_fields.csv).
constexpr std::pair<std::string_view, Detail> kItems[] = {
    {"USERNAME", Detail::kUsername},
    {"JKKH", Detail::kJkkh},
    {"GJ", Detail::kGj},
    {"CSD", Detail::kCsd},
    {"GG", Detail::kGg},
    {"MZ", Detail::kMz},
    {"ZY", Detail::kZy},
    {"HY", Detail::kHy},
    {"XZZ", Detail::kXzz},
    {"DH", Detail::kDh},
    {"YB1", Detail::kYb1},
    {"HKDZ", Detail::kHkdz},
    {"YB2", Detail::kYb2},
    {"GZDWJDZ", Detail::kGzdwjdz},
    {"DWDH", Detail::kDwdh},
    {"YB3", Detail::kYb3},
    {"LXRXM", Detail::kLxrxm},
    {"GX", Detail::kGx},
    {"DZ", Detail::kDz},
    {"DH2", Detail::kDh2},
    {"RYBF", Detail::kRybf},
    {"CYBF", Detail::kCybf},
    {"MZZD", Detail::kMzzd},
    {"JBBM", Detail::kJbbm},
    {"WBYY", Detail::kWbyy},
    {"H23", Detail::kH23},
    {"BLZD", Detail::kBlzd},
    {"JBMM", Detail::kJbmm},
    {"BLH", Detail::kBlh},
    {"YWGM", Detail::kYwgm},
    {"XX", Detail::kXx},
    {"RH", Detail::kRh},
    {"ZRHS", Detail::kZrhs},
    {"YZZY_YLJG", Detail::kYzzyYljg},
    {"WSY_YLJG", Detail::kWsyYljg},
    {"SWHZSJ", Detail::kSwhzsj},
    {"SFZZYJH", Detail::kSfzzyjh},
    {"BZYZSNL", Detail::kBzyzsnl},
    {"XSECSTZ", Detail::kXsecstz},
    {"XSERYTZ", Detail::kXserytz},
};
// Per-procedure items: base + 1..7.
constexpr std::pair<std::string_view, Detail> kProcedureItems[] = {
    {"SZ", Detail::kSz}, {"YZ", Detail::kYz}, {"EZ", Detail::kEz}, {"MZYS", Detail::kMzys}};

ExtraColumn Resolve(const std::string& name) {
  for (const auto& [code, d] : kItems)
    if (name == code) return {name, d, 0};
  const size_t digits = name.find_first_of("0123456789");
  if (digits != std::string::npos && name.size() == digits + 1 && name[digits] >= '1' &&
      name[digits] <= '7')
    for (const auto& [base, d] : kProcedureItems)
      if (std::string_view(name).substr(0, digits) == base) return {name, d, name[digits] - '0'};
  return {name, Detail::kUnknown, 0};
}

Status ReadRegions(const std::map<std::string, std::string>& files, const Catalogue& c,
                   DetailCatalogue* d) {
  YW_ASSIGN_OR_RETURN(Sheet s, Sheet::Open(files, "regions.csv", {"code", "name", "postcode"}));
  d->regions.resize(c.regions.size());
  for (size_t r = 0; r < s.rows() && r < c.regions.size(); ++r) {
    DetailRegion& x = d->regions[r];
    x.code = c.regions[r].first;  // the same rows ParseCatalogue read
    x.name = s.Text(r, "name");
    x.postcode = s.Text(r, "postcode");
    if (x.name.empty()) return s.Error(r, "name", "不能为空", "is required");
    if (x.postcode.size() != 6 || x.postcode.find_first_not_of("0123456789") != std::string::npos)
      return s.Error(r, "postcode", "不是6位邮政编码", "is not a 6-digit postcode");
    d->region_by_code.emplace(x.code, static_cast<int>(r));
  }
  return Status::Ok();
}

Status ReadPlaces(const std::map<std::string, std::string>& files, DetailCatalogue* d) {
  YW_ASSIGN_OR_RETURN(Sheet s,
                      Sheet::Open(files, "places.csv", {"kind", "region", "text", "weight"}));
  std::vector<std::pair<std::string, Choices<std::string>*>> kinds = {
      {"village", &d->villages}, {"street", &d->streets},      {"employer", &d->employers},
      {"school", &d->schools},   {"elsewhere", &d->elsewhere}, {"hospital", &d->hospitals}};
  for (size_t r = 0; r < s.rows(); ++r) {
    const std::string kind = s.Text(r, "kind"), text = s.Text(r, "text");
    if (text.empty()) return s.Error(r, "text", "不能为空", "is required");
    YW_ASSIGN_OR_RETURN(double w, s.Number(r, "weight", 0, 1e6));
    if (kind == "town") {
      auto it = d->region_by_code.find(s.Text(r, "region"));
      if (it == d->region_by_code.end())
        return s.Error(r, "region", "不在 regions.csv 中", "is not a region of regions.csv");
      DetailRegion& region = d->regions[static_cast<size_t>(it->second)];
      const bool street = text.ends_with("街道");
      // A county's first town is its seat: people there live in streets too.
      const bool urban = street || region.towns.empty();
      const int index = static_cast<int>(region.towns.size());
      region.towns.push_back({text, street});
      if (urban) region.urban_towns.Add(index, w);
      if (!street) region.rural_towns.Add(index, w);
      continue;
    }
    auto it =
        std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == kind; });
    if (it != kinds.end()) {
      it->second->Add(text, w);
      continue;
    }
    return s.Error(r, "kind", "不是 town/village/street/employer/school/elsewhere/hospital",
                   "is not town/village/street/employer/school/elsewhere/hospital");
  }
  for (auto& [name, choices] : kinds)
    if (choices->empty())
      return Status::Invalid("files", "places.csv 缺少 " + name + " 行",
                             "places.csv has no " + name + " rows");
  return Status::Ok();
}

Status ReadPeopleDetails(const std::map<std::string, std::string>& files, DetailCatalogue* d) {
  YW_ASSIGN_OR_RETURN(Sheet e, Sheet::Open(files, "ethnicities.csv", {"name", "weight"}));
  for (size_t r = 0; r < e.rows(); ++r) {
    if (e.Text(r, "name").empty()) return e.Error(r, "name", "不能为空", "is required");
    YW_ASSIGN_OR_RETURN(double w, e.Number(r, "weight", 0, 1e6));
    d->ethnicities.Add(e.Text(r, "name"), w);
  }
  if (d->ethnicities.empty())
    return Status::Invalid("files", "ethnicities.csv 为空", "ethnicities.csv is empty");
  YW_ASSIGN_OR_RETURN(Sheet o,
                      Sheet::Open(files, "occupations.csv", {"code", "name", "group", "weight"}));
  static constexpr std::pair<std::string_view, Occupation> kGroups[] = {
      {"preschool", Occupation::kPreschool}, {"student", Occupation::kStudent},
      {"employee", Occupation::kEmployee},   {"resident", Occupation::kResident},
      {"retired", Occupation::kRetired},     {"elderly", Occupation::kElderly}};
  for (size_t r = 0; r < o.rows(); ++r) {
    const std::string code = o.Text(r, "code"), group = o.Text(r, "group");
    if (code.empty()) return o.Error(r, "code", "不能为空", "is required");
    YW_ASSIGN_OR_RETURN(double w, o.Number(r, "weight", 0, 1e6));
    auto it = std::find_if(std::begin(kGroups), std::end(kGroups),
                           [&](const auto& g) { return g.first == group; });
    if (it != std::end(kGroups)) {
      d->occupations[static_cast<size_t>(it->second)].Add(code, w);
      continue;
    }
    return o.Error(r, "group", "不是 preschool/student/employee/resident/retired/elderly",
                   "is not preschool/student/employee/resident/retired/elderly");
  }
  for (const auto& [name, g] : kGroups)
    if (d->occupations[static_cast<size_t>(g)].empty())
      return Status::Invalid("files", "occupations.csv 缺少 " + std::string(name) + " 组",
                             "occupations.csv has no group " + std::string(name));
  return Status::Ok();
}

// Rows keyed by a code prefix: each diagnosis takes the rows of its longest matching prefix.
template <typename T>
struct PrefixRow {
  std::string prefix;
  T value;
  double weight = 0;
};

template <typename T>
std::vector<Choices<T>> ByDiagnosis(const std::vector<PrefixRow<T>>& rows, const Catalogue& c) {
  std::vector<Choices<T>> out(c.diagnoses.size());
  for (const DxDef& dx : c.diagnoses) {
    size_t best = 0;
    for (const PrefixRow<T>& r : rows)
      if (dx.code.starts_with(r.prefix)) best = std::max(best, r.prefix.size());
    if (best == 0) continue;
    for (const PrefixRow<T>& r : rows)
      if (r.prefix.size() == best && dx.code.starts_with(r.prefix))
        out[static_cast<size_t>(dx.index)].Add(r.value, r.weight);
  }
  return out;
}

Status ReadCodedDetails(const std::map<std::string, std::string>& files, const Catalogue& c,
                        DetailCatalogue* d) {
  YW_ASSIGN_OR_RETURN(Sheet p,
                      Sheet::Open(files, "pathology.csv", {"prefix", "blzd", "jbmm", "weight"}));
  std::vector<PrefixRow<Pathology>> pathology;
  for (size_t r = 0; r < p.rows(); ++r) {
    PrefixRow<Pathology> row{p.Text(r, "prefix"), {p.Text(r, "blzd"), p.Text(r, "jbmm")}, 0};
    if (row.prefix.empty() || row.value.blzd.empty() || row.value.jbmm.empty())
      return p.Error(r, "prefix", "prefix、blzd、jbmm 不能为空",
                     "prefix, blzd and jbmm are required");
    YW_ASSIGN_OR_RETURN(row.weight, p.Number(r, "weight", 0, 1e6));
    pathology.push_back(std::move(row));
  }
  d->pathology = ByDiagnosis(pathology, c);

  YW_ASSIGN_OR_RETURN(
      Sheet e, Sheet::Open(files, "external_causes.csv", {"prefix", "wbyy", "h23", "weight"}));
  std::vector<PrefixRow<ExternalCause>> causes;
  for (size_t r = 0; r < e.rows(); ++r) {
    PrefixRow<ExternalCause> row{e.Text(r, "prefix"), {e.Text(r, "wbyy"), e.Text(r, "h23")}, 0};
    if (row.prefix.empty() || row.value.wbyy.empty() || row.value.h23.empty())
      return e.Error(r, "prefix", "prefix、wbyy、h23 不能为空",
                     "prefix, wbyy and h23 are required");
    YW_ASSIGN_OR_RETURN(row.weight, e.Number(r, "weight", 0, 1e6));
    causes.push_back(std::move(row));
  }
  d->external_causes = ByDiagnosis(causes, c);

  YW_ASSIGN_OR_RETURN(
      Sheet o, Sheet::Open(files, "outpatient_diagnoses.csv", {"prefix", "code", "name", "share"}));
  d->outpatient.assign(c.diagnoses.size(), {});
  for (size_t r = 0; r < o.rows(); ++r) {
    const std::string prefix = o.Text(r, "prefix");
    OutpatientDx x{o.Text(r, "code"), o.Text(r, "name"), 0};
    if (prefix.empty() || x.code.empty() || x.name.empty())
      return o.Error(r, "prefix", "prefix、code、name 不能为空",
                     "prefix, code and name are required");
    YW_ASSIGN_OR_RETURN(x.share, o.Number(r, "share", 0, 1));
    for (const DxDef& dx : c.diagnoses)
      if (dx.code.starts_with(prefix)) d->outpatient[static_cast<size_t>(dx.index)].push_back(x);
  }
  // The shares of one diagnosis are taken in turn, so together they must leave room for the
  // principal diagnosis itself.
  for (const std::vector<OutpatientDx>& rows : d->outpatient) {
    double sum = 0;
    for (const OutpatientDx& x : rows) sum += x.share;
    if (sum > 0.9)
      return Status::Invalid("files", "outpatient_diagnoses.csv 同一诊断的 share 之和超过 0.9",
                             "outpatient_diagnoses.csv shares of one diagnosis exceed 0.9");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<ExtraColumn>> ExtraColumns(const std::map<std::string, std::string>& files) {
  std::vector<ExtraColumn> out;
  if (FindFile(files, "required_fields.csv") == nullptr) return out;
  YW_ASSIGN_OR_RETURN(Sheet s, Sheet::Open(files, "required_fields.csv", {"column"}));
  for (size_t r = 0; r < s.rows(); ++r) {
    if (s.Comment(r)) continue;
    const std::string column = s.Text(r, "column");
    if (column.empty()) return s.Error(r, "column", "不能为空", "is required");
    if (FindField(Dataset::kDischarges, column) != nullptr) continue;  // written anyway
    bool seen = false;
    for (const ExtraColumn& c : out) seen = seen || c.name == column;
    if (!seen) out.push_back(Resolve(column));
  }
  return out;
}

Result<DetailCatalogue> ParseDetailCatalogue(const std::map<std::string, std::string>& files,
                                             const Catalogue& c) {
  DetailCatalogue d;
  YW_RETURN_IF_ERROR(ReadRegions(files, c, &d));
  YW_RETURN_IF_ERROR(ReadPlaces(files, &d));
  YW_RETURN_IF_ERROR(ReadPeopleDetails(files, &d));
  YW_RETURN_IF_ERROR(ReadCodedDetails(files, c, &d));
  return d;
}

}  // namespace yuanwu::indicators::gen
