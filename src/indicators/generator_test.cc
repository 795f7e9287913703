#include "indicators/generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "indicators/dataset.h"
#include "indicators/generator_people.h"
#include "indicators/qc.h"
#include "indicators/record.h"
#include "indicators/record_parser.h"
#include "platform/base/time.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

namespace fs = std::filesystem;

// The source tree: YUANWU_SOURCE_DIR when run by ctest, else derived from this file's path so
// the binary also runs on its own.
std::string SourceDir() {
  if (const char* root = std::getenv("YUANWU_SOURCE_DIR")) return root;
  std::string self = __FILE__;
  return self.substr(0, self.rfind("/src/indicators/"));
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::map<std::string, std::string> DemoFiles() {
  std::map<std::string, std::string> files;
  for (const std::string& name : GeneratorFileNames())
    files[name] = ReadFile(fs::path(SourceDir()) / "data/indicators/demo" / name);
  return files;
}

// Every rule table of data/indicators/qc/, by file name.
std::map<std::string, std::string> QcFiles() {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(SourceDir()) / "data/indicators/qc"))
    files[e.path().filename().string()] = ReadFile(e.path());
  return files;
}

// The required list as the callers pass it: under its path in the source tree.
constexpr const char* kRequiredPath = "data/indicators/qc/required_fields.csv";

// The demo hospital's clinical departments (data/demo/departments.json) plus non-clinical ones
// that must never see a patient.
std::vector<GenDepartment> Departments() {
  std::vector<GenDepartment> d;
  const char* clinical[][2] = {{"XNK", "心血管内科"},   {"HXK", "呼吸与危重症医学科"},
                               {"XHK", "消化内科"},     {"SJNK", "神经内科"},
                               {"NFMK", "内分泌科"},    {"SNK", "肾内科"},
                               {"PWK", "普通外科"},     {"WCWK", "胃肠外科"},
                               {"GDWK", "肝胆外科"},    {"GK", "骨科"},
                               {"SJWK", "神经外科"},    {"XXWK", "心胸外科"},
                               {"MNWK", "泌尿外科"},    {"FCK", "妇产科"},
                               {"EK", "儿科"},          {"YK", "眼科"},
                               {"EBHK", "耳鼻喉科"},    {"KQK", "口腔科"},
                               {"PFK", "皮肤科"},       {"JZK", "急诊科"},
                               {"ZZYXK", "重症医学科"}, {"KFYXK", "康复医学科"},
                               {"ZYK", "中医科"},       {"GRK", "感染性疾病科"},
                               {"FRMZ", "发热门诊"},    {"ZLK", "肿瘤科"},
                               {"QKYXK", "全科医学科"}, {"MZK", "麻醉科"}};
  for (const auto& c : clinical) d.push_back({c[0], c[1], "clinical", "HQ"});
  d.push_back({"YWB", "医务部", "admin", "HQ"});
  d.push_back({"JYK", "检验科", "medtech", "HQ"});
  d.push_back({"YYK", "营养科", "support", "HQ"});
  return d;
}

GeneratorOptions Options(uint64_t seed, int years, int64_t discharges, int64_t visits) {
  GeneratorOptions o;
  o.first_year = 2024;
  o.years = years;
  o.discharges_per_year = discharges;
  o.visits_per_year = visits;
  o.seed = seed;
  o.departments = Departments();
  o.files = DemoFiles();
  return o;
}

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = fs::temp_directory_path() /
            ("yw_gen_" + tag + "_" + std::to_string(static_cast<long>(::getpid())));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string str() const { return path_.string(); }
  std::string Read(const char* name) const { return ReadFile(path_ / name); }

 private:
  fs::path path_;
};

tabular::Table Parse(const std::string& csv) {
  Result<tabular::Table> t = tabular::ParseCsv(csv);
  EXPECT_TRUE(t.ok()) << t.status().message_en();
  return t.ok() ? std::move(t).value() : tabular::Table{};
}

// Cell access by column name.
struct Rows {
  tabular::Table t;
  const std::string& At(size_t row, std::string_view column) const {
    static const std::string kEmpty;
    int c = t.Column(column);
    return c < 0 || static_cast<size_t>(c) >= t.rows[row].cells.size() ? kEmpty
                                                                       : t.rows[row].cells[c];
  }
  size_t size() const { return t.rows.size(); }
};

int64_t Fen(const std::string& money) {
  double v = std::strtod(money.c_str(), nullptr);
  return std::llround(v * 100);
}

Date DateOf(const std::string& text) {
  std::optional<Date> d = ParseDate(text.substr(0, 10));
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

void ExpectHeader(const Rows& r, Dataset d) {
  std::vector<std::string> want;
  for (const FieldSpec& f : Fields(d)) want.push_back(f.name);
  EXPECT_EQ(r.t.header, want) << DatasetName(d);
}

TEST(GeneratorTest, SameSeedGivesIdenticalFiles) {
  TempDir a("same_a"), b("same_b"), c("same_c");
  GeneratorOptions o = Options(42, 1, 1500, 12000);
  o.files[kRequiredPath] = QcFiles().at("required_fields.csv");
  ASSERT_TRUE(GenerateCsv(o, a.str(), nullptr).ok());
  ASSERT_TRUE(GenerateCsv(o, b.str(), nullptr).ok());
  for (const char* f : {"discharges.csv", "visits.csv", "antibiotic_use.csv", "pathways.csv"}) {
    EXPECT_FALSE(a.Read(f).empty()) << f;
    EXPECT_TRUE(a.Read(f) == b.Read(f)) << f;
  }
  o.seed = 43;
  ASSERT_TRUE(GenerateCsv(o, c.str(), nullptr).ok());
  EXPECT_FALSE(a.Read("discharges.csv") == c.Read("discharges.csv"));
  EXPECT_FALSE(a.Read("visits.csv") == c.Read("visits.csv"));
}

TEST(GeneratorTest, DischargesAreConsistent) {
  TempDir dir("discharges");
  GeneratorOptions o = Options(7, 2, 4000, 20000);
  o.qc_defect_rate = 0.05;
  GeneratorStats stats;
  Status s = GenerateCsv(o, dir.str(), &stats);
  ASSERT_TRUE(s.ok()) << s.message_en();
  ASSERT_EQ(stats.discharges, 4000 + 4280);  // the second year grows by 7%

  const std::string raw = dir.Read("discharges.csv");
  EXPECT_EQ(raw.substr(0, 9), "BAH,ZYCS,");
  EXPECT_NE(raw.find("\r\n"), std::string::npos);  // RFC 4180 line ends
  Rows d{Parse(raw)};
  ExpectHeader(d, Dataset::kDischarges);
  ASSERT_EQ(static_cast<int64_t>(d.size()), stats.discharges);

  std::set<std::string> clinical;
  for (const GenDepartment& g : o.departments)
    if (g.kind == "clinical") clinical.insert(g.code);
  std::set<std::string> keys;
  int64_t cost_mismatch = 0, late_procedure = 0, no_coder = 0, no_attending = 0, bad_sex = 0,
          obstetric_male = 0, deaths = 0, days = 0, surgical = 0, fourth = 0, operations = 0,
          minimally_invasive = 0;
  int64_t total_fen = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    const std::string key = d.At(i, "BAH") + "/" + d.At(i, "ZYCS");
    EXPECT_TRUE(keys.insert(key).second) << "duplicate " << key;
    EXPECT_TRUE(clinical.count(d.At(i, "CYKB"))) << d.At(i, "CYKB");
    EXPECT_TRUE(clinical.count(d.At(i, "RYKB"))) << d.At(i, "RYKB");

    // Dates: SJZYTS from the dates (same day = 1), NL from CSRQ, 身份证号 agrees with both.
    const Date in = DateOf(d.At(i, "RYSJ")), out = DateOf(d.At(i, "CYSJ"));
    ASSERT_LE(in.ToDays(), out.ToDays());
    const int64_t span = out.ToDays() - in.ToDays();
    EXPECT_EQ(std::stoi(d.At(i, "SJZYTS")), std::max<int64_t>(1, span));
    days += std::stoi(d.At(i, "SJZYTS"));
    const Date birth = DateOf(d.At(i, "CSRQ"));
    EXPECT_EQ(std::stoi(d.At(i, "NL")), gen::AgeYears(birth, in));
    const std::string& id = d.At(i, "SFZH");
    ASSERT_EQ(id.size(), 18u);
    EXPECT_EQ(id[17], gen::IdCheckDigit(id.substr(0, 17))) << id;
    std::string ymd = d.At(i, "CSRQ");
    ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
    EXPECT_EQ(id.substr(6, 8), ymd);

    // The defects, each detectable.
    const std::string& xb = d.At(i, "XB");
    const bool obstetric = d.At(i, "JBDM")[0] == 'O';
    if (xb == "3") ++bad_sex;
    if (xb == "1" && obstetric) ++obstetric_male;
    if (xb == "1" || xb == "2") {
      const bool male = (id[16] - '0') % 2 == 1;
      if (!(xb == "1" && obstetric)) {
        EXPECT_EQ(male, xb == "1") << id;
      }
    }
    if (obstetric && xb == "2") {
      EXPECT_GE(std::stoi(d.At(i, "NL")), 18);
      EXPECT_LE(std::stoi(d.At(i, "NL")), 45);
    }
    if (d.At(i, "BMY").empty()) ++no_coder;
    if (d.At(i, "ZZYS").empty()) ++no_attending;
    EXPECT_FALSE(d.At(i, "KZR").empty());
    EXPECT_FALSE(d.At(i, "XM").empty());
    if (d.At(i, "LYFS") == "5") ++deaths;

    bool surgery = false, level4 = false;
    for (int n = 1; n <= 7; ++n) {
      const std::string k = std::to_string(n);
      if (d.At(i, "SSJCZBM" + k).empty()) continue;
      const Date when = DateOf(d.At(i, "SSJCZRQ" + k));
      EXPECT_GE(when.ToDays(), in.ToDays());
      if (when.ToDays() > out.ToDays()) ++late_procedure;
      const std::string& sspb = d.At(i, "SSPB" + k);
      if (sspb == "1" || sspb == "4") {
        surgery = true;
        level4 = level4 || d.At(i, "SSJB" + k) == "4";
        ++operations;
        if (d.At(i, "WCSS" + k) == "1") ++minimally_invasive;
      }
    }
    surgical += surgery;
    fourth += level4;

    // Costs: ZFY is the sum of the top-level items; the 其中 items fit in their parents.
    std::map<std::string, int64_t> c;
    int64_t sum = 0;
    for (const char* f : kCostFields) {
      std::string col(f);
      for (char& ch : col) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      c[f] = Fen(d.At(i, col));
      EXPECT_GE(c[f], 0);
    }
    for (const auto& [name, fen] : c)
      if (name != "wlzlf" && name != "maf" && name != "ssf" && name != "kjywf") sum += fen;
    const int64_t zfy = Fen(d.At(i, "ZFY"));
    if (zfy != sum) ++cost_mismatch;
    total_fen += sum;
    EXPECT_LE(c["wlzlf"], c["fsszlxmf"]);
    EXPECT_LE(c["maf"] + c["ssf"], c["sszlf"]);
    EXPECT_LE(c["kjywf"], c["xyf"]);
    EXPECT_LE(Fen(d.At(i, "ZFJE")), zfy);
  }

  // Every defect found is one the generator reports, and the rate is about what was asked.
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kCostSumMismatch)], cost_mismatch);
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kProcedureAfterDischarge)], late_procedure);
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kMissingCoder)], no_coder);
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kMissingAttending)], no_attending);
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kInvalidSex)], bad_sex);
  EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kObstetricMale)], obstetric_male);
  const int64_t found =
      cost_mismatch + late_procedure + no_coder + no_attending + bad_sex + obstetric_male;
  EXPECT_EQ(found, stats.defect_records);
  const double n = static_cast<double>(d.size()), expected = 0.05 * n;
  EXPECT_NEAR(static_cast<double>(found), expected, 4 * std::sqrt(expected)) << found;
  for (int64_t k : stats.defects) EXPECT_GT(k, 0);

  // County-hospital shape (broad bounds around the values generator.h promises).
  EXPECT_NEAR(days / n, 8.0, 1.5);               // 平均住院日
  EXPECT_NEAR(total_fen / n / 100, 7000, 2000);  // 次均住院费用
  EXPECT_NEAR(deaths / n, 0.0045, 0.003);        // 死亡率
  EXPECT_NEAR(surgical / n, 0.35, 0.12);         // 手术占比 (手术 + 介入)
  EXPECT_NEAR(static_cast<double>(fourth) / surgical, 0.15, 0.06);  // 四级手术比例
  EXPECT_NEAR(static_cast<double>(minimally_invasive) / operations, 0.30, 0.08);

  // Antibiotic rows: existing stays, J01 codes, an intensity of about 40 DDDs per 100 人天.
  Rows a{Parse(dir.Read("antibiotic_use.csv"))};
  ExpectHeader(a, Dataset::kAntibioticUse);
  EXPECT_EQ(static_cast<int64_t>(a.size()), stats.antibiotic_rows);
  double ddds = 0;
  std::set<std::string> users;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string key = a.At(i, "BAH") + "/" + a.At(i, "ZYCS");
    EXPECT_TRUE(keys.count(key)) << key;
    users.insert(key);
    EXPECT_EQ(a.At(i, "ATC").substr(0, 3), "J01");
    const double syl = std::stod(a.At(i, "SYL")), ddd = std::stod(a.At(i, "DDDZ"));
    EXPECT_GT(syl, 0);
    EXPECT_GT(ddd, 0);
    ddds += syl / ddd;
  }
  EXPECT_NEAR(ddds * 100 / days, 40, 7);      // 抗菌药物使用强度
  EXPECT_NEAR(users.size() / n, 0.42, 0.08);  // 住院患者抗菌药物使用率

  // Pathway rows: existing stays; entry, completion, variation and exit in the usual ranges.
  Rows p{Parse(dir.Read("pathways.csv"))};
  ExpectHeader(p, Dataset::kPathways);
  EXPECT_EQ(static_cast<int64_t>(p.size()), stats.pathway_rows);
  double entered = 0, completed = 0, varied = 0, exited = 0;
  std::set<std::string> codes;
  for (size_t i = 0; i < p.size(); ++i) {
    EXPECT_TRUE(keys.count(p.At(i, "BAH") + "/" + p.At(i, "ZYCS")));
    codes.insert(p.At(i, "LJDM"));
    if (p.At(i, "RJ") != "1") continue;
    ++entered;
    completed += p.At(i, "WC") == "1";
    varied += p.At(i, "BY") == "1";
    exited += p.At(i, "TC") == "1";
    if (p.At(i, "BY") == "1") {
      EXPECT_FALSE(p.At(i, "BYYY").empty());
    }
  }
  EXPECT_GE(codes.size(), 30u);
  EXPECT_NEAR(entered / n, 0.33, 0.1);
  EXPECT_NEAR(completed / entered, 0.88, 0.05);
  EXPECT_NEAR(varied / entered, 0.12, 0.05);
  EXPECT_NEAR(exited / entered, 0.055, 0.03);
}

TEST(GeneratorTest, VisitsFollowTheCalendar) {
  TempDir dir("visits");
  GeneratorOptions o = Options(11, 2, 200, 60000);
  o.first_year = 2025;  // 春节 2025-01-29
  GeneratorStats stats;
  ASSERT_TRUE(GenerateCsv(o, dir.str(), &stats).ok());
  Rows v{Parse(dir.Read("visits.csv"))};
  ExpectHeader(v, Dataset::kVisits);
  ASSERT_EQ(static_cast<int64_t>(v.size()), 60000 + 64200);
  ASSERT_EQ(stats.visits, static_cast<int64_t>(v.size()));

  std::set<std::string> clinical, ids;
  for (const GenDepartment& g : o.departments)
    if (g.kind == "clinical") clinical.insert(g.code);
  std::map<int, double> per_month;  // 2025 clinic visits per month
  double weekday[8] = {}, emergency_weekday[8] = {};
  double type_count[4] = {}, fee = 0, drugs = 0, booked[2] = {}, abx[4] = {};
  std::string last_time;
  for (size_t i = 0; i < v.size(); ++i) {
    EXPECT_TRUE(ids.insert(v.At(i, "JZLSH")).second) << v.At(i, "JZLSH");
    EXPECT_TRUE(clinical.count(v.At(i, "KSDM"))) << v.At(i, "KSDM");
    const std::string& t = v.At(i, "JZSJ");
    EXPECT_LE(last_time, t);  // time order
    last_time = t;
    const Date day = DateOf(t);
    const int type = std::stoi(v.At(i, "JZLX"));
    ASSERT_TRUE(type >= 1 && type <= 3);
    const int64_t z = Fen(v.At(i, "ZFY")), y = Fen(v.At(i, "YPF"));
    EXPECT_LE(y, z);
    if (day.year != 2025) continue;
    ++type_count[type];
    abx[type] += v.At(i, "KJYWBZ") == "1";
    if (type == 1) {
      per_month[day.month] += 1;
      weekday[day.Weekday()] += 1;
      booked[v.At(i, "YYBZ") == "1"] += 1;
    }
    if (type == 2) emergency_weekday[day.Weekday()] += 1;
    fee += static_cast<double>(z);
    drugs += static_cast<double>(y);
  }
  auto daily = [&](int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return per_month[m] / kDays[m - 1];
  };
  // Winter above summer, the Spring Festival dip in February, Mondays busiest.
  EXPECT_GT(daily(12), daily(6) * 1.1);
  EXPECT_GT(daily(1), daily(7) * 1.05);
  EXPECT_LT(daily(2), daily(3));
  EXPECT_LT(daily(2), daily(12));
  EXPECT_GT(weekday[1], weekday[7] * 1.6);
  EXPECT_NEAR(emergency_weekday[7] / emergency_weekday[3], 1.0, 0.15);  // 急诊 flat

  const double total = type_count[1] + type_count[2] + type_count[3];
  EXPECT_NEAR(type_count[1] / total, 0.88, 0.01);
  EXPECT_NEAR(type_count[2] / total, 0.10, 0.01);
  EXPECT_NEAR(type_count[3] / total, 0.02, 0.005);
  EXPECT_NEAR(fee / total / 100, 220, 40);  // 次均费用
  EXPECT_NEAR(drugs / fee, 0.40, 0.05);     // 药占比
  EXPECT_NEAR(abx[1] / type_count[1], 0.13, 0.04);
  EXPECT_NEAR(abx[2] / type_count[2], 0.30, 0.05);
  EXPECT_NEAR(booked[1] / (booked[0] + booked[1]), 0.42, 0.06);
}

TEST(GeneratorTest, RejectsBadOptionsAndFiles) {
  TempDir dir("bad");
  GeneratorOptions o = Options(1, 1, 10, 10);
  o.departments = {{"YWB", "医务部", "admin", "HQ"}};
  Status s = GenerateCsv(o, dir.str(), nullptr);
  ASSERT_FALSE(s.ok());
  ASSERT_FALSE(s.fields().empty());
  EXPECT_EQ(s.fields()[0].field, "departments");

  o = Options(1, 1, 10, 10);
  o.files.erase("antibiotics.csv");
  s = GenerateCsv(o, dir.str(), nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("antibiotics.csv"), std::string::npos) << s.message();

  o = Options(1, 1, 10, 10);
  o.files["diagnoses.csv"] += "XNK,I10.x00,高血压,1,,,7,0.5,99.9999,,\n";
  s = GenerateCsv(o, dir.str(), nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("99.9999"), std::string::npos) << s.message();

  o = Options(1, 1, 10, 10);
  o.files["places.csv"] += "town,539999,无名镇,1\n";
  s = GenerateCsv(o, dir.str(), nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("places.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("539999"), std::string::npos) << s.message();

  o = Options(1, 1, 10, 10);
  EXPECT_FALSE(GenerateCsv(o, dir.str() + "/missing", nullptr).ok());
}

// The planted defect a finding comes from, by the rule (and column) each kind trips.
std::optional<GenDefect> DefectOf(const Finding& f) {
  if (f.rule == "required.missing" && f.field == "BMY") return GenDefect::kMissingCoder;
  if (f.rule == "required.missing" && f.field == "ZZYS") return GenDefect::kMissingAttending;
  if (f.rule == "date.procedure_after_discharge") return GenDefect::kProcedureAfterDischarge;
  if (f.rule == "cost.total_mismatch") return GenDefect::kCostSumMismatch;
  if (f.rule == "domain.not_in_table" && f.field == "XB") return GenDefect::kInvalidSex;
  // An obstetric record made male may also carry a female-only other diagnosis.
  if (f.rule == "clinical.obstetric_male" || f.rule == "clinical.female_only_male")
    return GenDefect::kObstetricMale;
  return std::nullopt;
}

// The importer's parser and the shipped 首页质控 rules over a generated discharges.csv: every
// record without a planted defect has all its 必填项目 and no finding at all; every finding is
// one of the planted defects, as many of each kind as the generator reports.
TEST(GeneratorTest, QualityChecksFindOnlyThePlantedDefects) {
  const std::map<std::string, std::string> qc_files = QcFiles();
  Result<QcRules> rules = QcRules::FromFiles(qc_files);
  ASSERT_TRUE(rules.ok()) << rules.status().message_en();
  for (double rate : {0.0, 0.05}) {
    SCOPED_TRACE(rate);
    TempDir dir("qc");
    GeneratorOptions o = Options(19, 2, 2500, 100);
    o.qc_defect_rate = rate;
    o.files[kRequiredPath] = qc_files.at("required_fields.csv");
    GeneratorStats stats;
    Status s = GenerateCsv(o, dir.str(), &stats);
    ASSERT_TRUE(s.ok()) << s.message_en();
    EXPECT_EQ(stats.unfilled_columns, std::vector<std::string>{});

    const tabular::Table t = Parse(dir.Read("discharges.csv"));
    Result<RecordParser> parser =
        RecordParser::Create(Dataset::kDischarges, t.header, {}, &*rules, nullptr);
    ASSERT_TRUE(parser.ok()) << parser.status().message_en();
    EXPECT_EQ(parser->absent_required(), std::vector<std::string>{});
    EXPECT_EQ(parser->ignored_columns(), std::vector<std::string>{});
    ParsedChunk chunk;
    std::vector<std::string_view> cells;
    for (const tabular::Row& row : t.rows) {
      cells.assign(row.cells.begin(), row.cells.end());
      parser->Parse(row.line, cells, &chunk);
    }
    ASSERT_EQ(chunk.rejects, 0);
    ASSERT_EQ(static_cast<int64_t>(chunk.discharges.size()), stats.discharges);

    std::map<int64_t, std::vector<const Finding*>> by_line;
    for (const RecordFinding& f : chunk.findings) by_line[f.line].push_back(&f.finding);
    std::array<int64_t, kGenDefectCount> found{};
    int64_t filled = 0, total = 0;
    for (const Discharge& d : chunk.discharges) {
      filled += d.required_filled;
      total += d.required_total;
      EXPECT_GE(d.required_total, 54) << "line " << d.line;  // the `always` items at least
      auto it = by_line.find(d.line);
      if (it == by_line.end()) {
        EXPECT_EQ(d.required_filled, d.required_total) << "line " << d.line;
        continue;
      }
      const std::optional<GenDefect> kind = DefectOf(*it->second[0]);
      for (const Finding* f : it->second)
        EXPECT_TRUE(kind && DefectOf(*f) == kind)
            << "line " << d.line << ": " << f->rule << " " << f->field << " " << f->message;
      if (!kind) continue;
      ++found[static_cast<size_t>(*kind)];
      const bool blank = kind == GenDefect::kMissingCoder || kind == GenDefect::kMissingAttending;
      EXPECT_EQ(d.required_filled, d.required_total - (blank ? 1 : 0)) << "line " << d.line;
    }
    for (int k = 0; k < kGenDefectCount; ++k)
      EXPECT_EQ(found[static_cast<size_t>(k)], stats.defects[static_cast<size_t>(k)])
          << GenDefectName(static_cast<GenDefect>(k));
    if (rate == 0) {
      EXPECT_TRUE(chunk.findings.empty()) << chunk.findings[0].finding.message;
      EXPECT_EQ(filled, total);  // 住院病案首页填报完整率 100%
    } else {
      EXPECT_EQ(stats.defects[static_cast<int>(GenDefect::kMissingCoder)] +
                    stats.defects[static_cast<int>(GenDefect::kMissingAttending)],
                total - filled);
    }
  }
}

// The detail columns agree with the canonical ones and with each other, and asking for them
// changes nothing in the canonical columns.
TEST(GeneratorTest, DetailColumnsFitTheRecord) {
  const std::string required = QcFiles().at("required_fields.csv");
  GeneratorOptions o = Options(23, 1, 4000, 100);
  TempDir plain("plain"), dir("details");
  ASSERT_TRUE(GenerateCsv(o, plain.str(), nullptr).ok());
  o.files[kRequiredPath] = required;
  GeneratorStats stats;
  Status st = GenerateCsv(o, dir.str(), &stats);
  ASSERT_TRUE(st.ok()) << st.message_en();

  // Header: the canonical columns, then every other required column in the list's order.
  std::vector<std::string> want;
  for (const FieldSpec& f : Fields(Dataset::kDischarges)) want.push_back(f.name);
  const size_t canonical = want.size();
  for (const tabular::Row& row : Parse(required).rows)
    if (!row.cells[0].starts_with("#") && FindField(Dataset::kDischarges, row.cells[0]) == nullptr)
      want.push_back(row.cells[0]);
  Rows d{Parse(dir.Read("discharges.csv"))};
  ASSERT_EQ(d.t.header, want);
  ASSERT_GT(want.size(), canonical + 30);

  Rows p{Parse(plain.Read("discharges.csv"))};
  ExpectHeader(p, Dataset::kDischarges);
  ASSERT_EQ(p.size(), d.size());
  for (size_t i = 0; i < d.size(); ++i) {
    ASSERT_EQ(std::vector<std::string>(d.t.rows[i].cells.begin(),
                                       d.t.rows[i].cells.begin() + static_cast<long>(canonical)),
              p.t.rows[i].cells)
        << "row " << i;
  }
  for (const char* f : {"visits.csv", "antibiotic_use.csv", "pathways.csv"})
    EXPECT_TRUE(plain.Read(f) == dir.Read(f)) << f;

  std::map<std::string, std::pair<std::string, std::string>> regions;  // code → name, postcode
  Rows r{Parse(DemoFiles().at("regions.csv"))};
  for (size_t i = 0; i < r.size(); ++i)
    regions[r.At(i, "code")] = {r.At(i, "name"), r.At(i, "postcode")};
  const std::set<std::string> occupations = {"11", "13", "17", "21", "24", "27", "31",
                                             "37", "51", "54", "70", "80", "90"};
  double han = 0, same_dx = 0, tested = 0;
  int64_t injuries = 0, tumours = 0, infants = 0, deaths = 0, operated = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i + 2));
    const int nl = std::stoi(d.At(i, "NL"));
    EXPECT_EQ(d.At(i, "USERNAME"), o.hospital_name);
    EXPECT_EQ(d.At(i, "GJ"), "中国");
    han += d.At(i, "MZ") == "汉族";
    EXPECT_TRUE(occupations.count(d.At(i, "ZY"))) << d.At(i, "ZY");
    if (nl < 6) {
      EXPECT_EQ(d.At(i, "ZY"), "90");
    }
    if (nl >= 6 && nl < 18) {
      EXPECT_TRUE(d.At(i, "ZY") == "31" || d.At(i, "ZY") == "90");
    }
    const std::string& hy = d.At(i, "HY");
    EXPECT_TRUE(hy == "1" || hy == "2" || hy == "3" || hy == "4") << hy;
    if (nl < 20) {
      EXPECT_EQ(hy, "1");
    }

    // Addresses and postcodes in the 身份证号's region; children's contact is a parent.
    const auto& [region, postcode] = regions.at(d.At(i, "SFZH").substr(0, 6));
    EXPECT_TRUE(d.At(i, "XZZ").starts_with(region)) << d.At(i, "XZZ");
    EXPECT_TRUE(d.At(i, "HKDZ").starts_with(region)) << d.At(i, "HKDZ");
    EXPECT_EQ(d.At(i, "YB1"), postcode);
    EXPECT_EQ(d.At(i, "YB2"), postcode);
    EXPECT_EQ(d.At(i, "DH").size(), 11u);
    EXPECT_FALSE(d.At(i, "LXRXM").empty());
    if (nl < 18) {
      EXPECT_EQ(d.At(i, "GX"), "5");
      EXPECT_EQ(d.At(i, "DH"), d.At(i, "DH2"));
    }
    if (d.At(i, "GX") == "1") {
      EXPECT_EQ(d.At(i, "DZ"), d.At(i, "XZZ"));
    }

    // Wards follow the departments.
    EXPECT_TRUE(d.At(i, "CYBF").ends_with("病区")) << d.At(i, "CYBF");
    if (d.At(i, "RYKB") == d.At(i, "CYKB")) {
      EXPECT_EQ(d.At(i, "RYBF"), d.At(i, "CYBF"));
    }
    EXPECT_NE(d.At(i, "ZRHS"), "");

    // 门（急）诊诊断: mostly the principal diagnosis.
    same_dx += d.At(i, "JBBM") == d.At(i, "JBDM") && d.At(i, "MZZD") == d.At(i, "ZYZD");
    EXPECT_FALSE(d.At(i, "MZZD").empty());

    // Conditional items only where they apply.
    const std::string& jbdm = d.At(i, "JBDM");
    const bool injury = jbdm[0] == 'S' || jbdm[0] == 'T';
    const bool tumour = jbdm[0] == 'C' || (jbdm[0] == 'D' && std::stoi(jbdm.substr(1, 2)) <= 48);
    injuries += injury;
    tumours += tumour;
    EXPECT_EQ(!d.At(i, "WBYY").empty(), injury) << jbdm;
    EXPECT_EQ(!d.At(i, "H23").empty(), injury) << jbdm;
    if (injury) {
      EXPECT_NE(std::string("VWXY").find(d.At(i, "H23")[0]), std::string::npos);
    }
    EXPECT_EQ(!d.At(i, "BLZD").empty(), tumour) << jbdm;
    EXPECT_EQ(!d.At(i, "BLH").empty(), tumour) << jbdm;
    if (tumour) {
      EXPECT_EQ(d.At(i, "JBMM")[0], 'M');
    }
    const std::string& lyfs = d.At(i, "LYFS");
    deaths += lyfs == "5";
    EXPECT_EQ(!d.At(i, "SWHZSJ").empty(), lyfs == "5");
    EXPECT_EQ(!d.At(i, "YZZY_YLJG").empty(), lyfs == "2");
    EXPECT_EQ(!d.At(i, "WSY_YLJG").empty(), lyfs == "3");
    const Date birth = DateOf(d.At(i, "CSRQ")), in = DateOf(d.At(i, "RYSJ"));
    const bool infant = gen::AgeYears(birth, in) < 1;
    infants += infant;
    EXPECT_EQ(!d.At(i, "BZYZSNL").empty(), infant);
    EXPECT_EQ(!d.At(i, "XSERYTZ").empty(), in.ToDays() - birth.ToDays() <= 28);
    const std::string& xx = d.At(i, "XX");
    tested += xx != "6";
    EXPECT_TRUE(xx.size() == 1 && xx[0] >= '1' && xx[0] <= '6') << xx;
    EXPECT_EQ(xx == "6", d.At(i, "RH") == "4");

    // The operating team for each procedure present, nobody for the others.
    for (int n = 1; n <= 7; ++n) {
      const std::string k = std::to_string(n);
      const bool present = !d.At(i, "SSJCZBM" + k).empty();
      const bool surgery = d.At(i, "SSPB" + k) == "1" || d.At(i, "SSPB" + k) == "4";
      if (n == 1) operated += present;
      for (const std::string item : {"SZ", "YZ", "MZYS"}) {
        if (d.t.Column(item + k) < 0) continue;
        if (!present) {
          EXPECT_EQ(d.At(i, item + k), "") << item + k;
        }
      }
      if (d.t.Column("SZ" + k) >= 0) {
        EXPECT_EQ(!d.At(i, "SZ" + k).empty(), present);
      }
      if (d.t.Column("YZ" + k) >= 0 && present) {
        EXPECT_EQ(!d.At(i, "YZ" + k).empty(), surgery);
      }
      if (d.t.Column("MZYS" + k) >= 0 && d.At(i, "SSPB" + k) == "1") {
        EXPECT_FALSE(d.At(i, "MZYS" + k).empty());
      }
    }
  }
  const double n = static_cast<double>(d.size());
  EXPECT_NEAR(han / n, 0.86, 0.04);
  EXPECT_GT(same_dx / n, 0.9);
  EXPECT_NEAR(tested / n, 0.7, 0.15);
  // Each conditional branch was exercised.
  EXPECT_GT(injuries, 50);
  EXPECT_GT(tumours, 50);
  EXPECT_GT(infants, 20);
  EXPECT_GT(deaths, 5);
  EXPECT_GT(operated, 500);
}

// A required column the generator does not know is written empty and reported.
TEST(GeneratorTest, UnknownRequiredColumnIsReported) {
  TempDir dir("unknown");
  GeneratorOptions o = Options(3, 1, 50, 10);
  o.files[kRequiredPath] = QcFiles().at("required_fields.csv") + "XYZ9,新项目,new item,always,\n";
  GeneratorStats stats;
  ASSERT_TRUE(GenerateCsv(o, dir.str(), &stats).ok());
  EXPECT_EQ(stats.unfilled_columns, std::vector<std::string>{"XYZ9"});
  Rows d{Parse(dir.Read("discharges.csv"))};
  ASSERT_EQ(d.t.header.back(), "XYZ9");
  for (size_t i = 0; i < d.size(); ++i) EXPECT_EQ(d.At(i, "XYZ9"), "");

  o.hospital_name.clear();
  Status s = GenerateCsv(o, dir.str(), nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.fields()[0].field, "hospital_name");
}

TEST(GeneratorTest, IdCheckDigit) {
  // The example of GB 11643-1999.
  EXPECT_EQ(gen::IdCheckDigit("11010519491231002"), 'X');
  EXPECT_EQ(gen::AgeYears(Date{2000, 3, 1}, Date{2025, 2, 28}), 24);
  EXPECT_EQ(gen::AgeYears(Date{2000, 3, 1}, Date{2025, 3, 1}), 25);
}

}  // namespace
}  // namespace yuanwu::indicators
