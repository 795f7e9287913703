// The engine against the reference SQL on generated data, on SQLite and PostgreSQL: every
// shipped indicator, every grain and grouping, numerator, denominator, value and 同比 equal.
// Also the import contract: idempotent re-import, all-or-nothing batches, lineage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/generator.h"
#include "indicators/importer.h"
#include "indicators/reference_sql.h"
#include "platform/base/clock.h"
#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;
namespace fs = std::filesystem;

std::map<std::string, std::string> DataFiles(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::string root = std::getenv("YUANWU_SOURCE_DIR") ? std::getenv("YUANWU_SOURCE_DIR") : ".";
  for (const auto& e : fs::directory_iterator(root + "/" + dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[e.path().filename().string()] = ss.str();
  }
  return out;
}

class EngineReferenceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    // Two campuses; one department code in the data (if any) stays unknown on purpose.
    ASSERT_TRUE(
        db_->Transact([](soci::session& sql) {
             sql << "INSERT INTO campus (code, name, address, sort) VALUES ('HQ', '本部', '', 1)";
             sql << "INSERT INTO campus (code, name, address, sort) VALUES ('EAST', '东院', '', 2)";
             return Status::Ok();
           })
            .ok());
    auto qc = QcRules::FromFiles(DataFiles("data/indicators/qc"));
    ASSERT_TRUE(qc.ok()) << testdb::Describe(qc.status());
    qc_ = std::make_unique<QcRules>(std::move(*qc));
    files_ = std::make_unique<DiskFileStore>(tmp_.path() + "/files");
    fs::create_directories(tmp_.path() + "/files");
    auto defs = ParseDefinitionFile(testdb::ReadSourceFile("data/indicators/definitions.json"));
    ASSERT_TRUE(defs.ok()) << testdb::Describe(defs.status());
    indicators_ = *defs;
  }

  // Generates `discharges` / `visits` a year over two years and imports them.
  void GenerateAndImport(int64_t discharges, int64_t visits, uint64_t seed) {
    GeneratorOptions opt;
    opt.first_year = 2024;
    opt.years = 2;
    opt.discharges_per_year = discharges;
    opt.visits_per_year = visits;
    opt.seed = seed;
    opt.files = DataFiles("data/indicators/demo");
    // Clinical departments on both campuses, plus one the department table will not know.
    std::vector<std::tuple<std::string, std::string, std::string>> depts = {
        {"XNK", "心血管内科", "HQ"}, {"PWK", "普通外科", "HQ"}, {"GK", "骨科", "EAST"},
        {"FCK", "妇产科", "EAST"},   {"EK", "儿科", "HQ"},      {"ZZYXK", "重症医学科", "HQ"}};
    for (auto& [code, name, campus] : depts)
      opt.departments.push_back({code, name, "clinical", campus});
    opt.departments.push_back({"LNK", "老年病科", "clinical", "HQ"});  // not in the table
    ASSERT_TRUE(
        db_->Transact([&](soci::session& sql) {
             for (auto& [code, name, campus] : depts)
               sql << "INSERT INTO department (code, name, campus_id, kind) SELECT :c, :n, id, "
                      "'clinical' FROM campus WHERE code = :k AND NOT EXISTS (SELECT 1 FROM "
                      "department WHERE code = :c2)",
                   soci::use(code), soci::use(name), soci::use(campus), soci::use(code);
             return Status::Ok();
           })
            .ok());
    std::string dir = tmp_.path() + "/gen";
    fs::create_directories(dir);
    GeneratorStats stats;
    Status g = GenerateCsv(opt, dir, &stats);
    ASSERT_TRUE(g.ok()) << testdb::Describe(g);
    Importer importer(*db_, *files_, *qc_, clock_);
    for (Dataset d : kAllDatasets) {
      ImportRequest r;
      r.dataset = d;
      r.file_name = std::string(DatasetName(d)) + ".csv";
      r.path = dir + "/" + r.file_name;
      auto out = importer.Import(r);
      ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
      ASSERT_TRUE(out->committed) << r.file_name << ": " << testdb::Describe(out->failure)
                                  << (out->sample.empty() ? ""
                                                          : " " + out->sample[0].finding.message);
    }
  }

  void ExpectSame(Grain grain, Grouping grouping) {
    Engine engine(2);
    ASSERT_TRUE(engine.SetIndicators(indicators_).ok());
    ASSERT_TRUE(engine.Load(*db_).ok());
    Query q;
    q.from = 202401, q.to = 202512, q.grain = grain, q.grouping = grouping;
    auto got = engine.Run(q);
    auto want = RunReferenceSql(*db_, indicators_, q);
    ASSERT_TRUE(got.ok()) << testdb::Describe(got.status());
    ASSERT_TRUE(want.ok()) << testdb::Describe(want.status());
    auto key = [](const ResultRow& r) { return r.indicator + "/" + r.period + "/" + r.org_unit; };
    std::map<std::string, const ResultRow*> w;
    for (const ResultRow& r : *want) w[key(r)] = &r;
    EXPECT_EQ(got->size(), want->size());
    size_t checked = 0;
    for (const ResultRow& r : *got) {
      auto it = w.find(key(r));
      ASSERT_NE(it, w.end()) << "engine has a row the SQL does not: " << key(r);
      const ResultRow& s = *it->second;
      EXPECT_EQ(r.numerator, s.numerator) << key(r);
      EXPECT_EQ(r.denominator, s.denominator) << key(r);
      EXPECT_EQ(r.value.has_value(), s.value.has_value()) << key(r);
      if (r.value && s.value) {
        EXPECT_EQ(*r.value, *s.value) << key(r);
      }
      EXPECT_EQ(r.previous_year_value.has_value(), s.previous_year_value.has_value()) << key(r);
      if (r.previous_year_value && s.previous_year_value) {
        EXPECT_EQ(*r.previous_year_value, *s.previous_year_value) << key(r);
      }
      ++checked;
    }
    EXPECT_GT(checked, 0u);
  }

  testdb::TempDir tmp_;
  FakeClock clock_{1763800000};
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<QcRules> qc_;
  std::unique_ptr<DiskFileStore> files_;
  std::vector<Indicator> indicators_;
};

TEST_P(EngineReferenceTest, EveryGrainAndGroupingMatchesTheReferenceSql) {
  GenerateAndImport(600, 6000, 7);
  for (Grain g : {Grain::kMonth, Grain::kQuarter, Grain::kYear})
    for (Grouping o : {Grouping::kHospital, Grouping::kCampus, Grouping::kDepartment}) {
      SCOPED_TRACE(static_cast<int>(g) * 10 + static_cast<int>(o));
      ExpectSame(g, o);
    }
}

TEST_P(EngineReferenceTest, ReimportReplacesInsteadOfDoubling) {
  GenerateAndImport(300, 2000, 11);
  int64_t discharges = testdb::CountRows(*db_, "discharge");
  int64_t visits = testdb::CountRows(*db_, "visit");
  int64_t abx = testdb::CountRows(*db_, "antibiotic_use");
  ASSERT_GT(discharges, 0);
  GenerateAndImport(300, 2000, 11);  // the same files again (departments insert is idempotent-ish)
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), discharges);
  EXPECT_EQ(testdb::CountRows(*db_, "visit"), visits);
  EXPECT_EQ(testdb::CountRows(*db_, "antibiotic_use"), abx);
  // The first batches were wholly replaced, and every row points at a committed batch.
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch", "status = 'replaced'"), 4);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge",
                              "batch_id NOT IN (SELECT id FROM import_batch WHERE status = "
                              "'committed')"),
            0);
  ExpectSame(Grain::kYear, Grouping::kCampus);
}

TEST_P(EngineReferenceTest, ABatchWithARejectedRowImportsNothing) {
  std::string csv =
      "BAH,ZYCS,CYSJ,CYKB,ZFY\n"
      "A001,1,2025-01-03 10:00,XNK,100.00\n"
      "A002,1,2025-01-04 10:00,XNK,abc\n"
      "A003,1,2025-13-04 10:00,XNK,50\n"
      "A001,1,2025-01-05 10:00,XNK,70\n";
  Importer importer(*db_, *files_, *qc_, clock_);
  ImportRequest r;
  r.dataset = Dataset::kDischarges;
  r.file_name = "bad.csv";
  r.data = csv;
  auto out = importer.Import(r);
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  EXPECT_FALSE(out->committed);
  EXPECT_EQ(out->rejects, 3);  // ZFY on line 3, CYSJ on line 4, and line 5 repeats line 2's key
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 0);
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch", "status = 'failed'"), 1);
  EXPECT_FALSE(out->report_key.empty());
  bool saw_zfy = false;
  for (const auto& f : out->sample)
    if (f.line == 3 && f.finding.field == "ZFY" && f.finding.value == "abc") saw_zfy = true;
  EXPECT_TRUE(saw_zfy);
  // Fixed file: the duplicate key is now the only problem.
  r.data =
      "BAH,ZYCS,CYSJ,CYKB,ZFY\nA001,1,2025-01-03 10:00,XNK,100\nA001,1,2025-01-05 10:00,XNK,70\n";
  out = importer.Import(r);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->committed);
  ASSERT_FALSE(out->sample.empty());
  EXPECT_EQ(out->sample[0].finding.rule, "import.duplicate_key");
  EXPECT_EQ(out->sample[0].line, 3);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 0);
}

TEST_P(EngineReferenceTest, MissingKeyColumnsAreNamedBeforeAnythingIsRecorded) {
  Importer importer(*db_, *files_, *qc_, clock_);
  ImportRequest r;
  r.dataset = Dataset::kVisits;
  r.file_name = "v.csv";
  r.data = "JZLSH,KSDM\nV1,XNK\n";
  auto out = importer.Import(r);
  ASSERT_FALSE(out.ok());
  auto fields = testdb::FieldNames(out.status());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "JZSJ"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "JZLX"), fields.end());
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch"), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, EngineReferenceTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::indicators
