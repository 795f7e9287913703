// The engine against the reference SQL on generated data, on SQLite and PostgreSQL: every
// shipped indicator, every grain and grouping, numerator, denominator, value and 同比 equal —
// records and generated hospital figures (department, campus and hospital rows, gaps, stray
// rows of hospital-level figures), also after ReloadFigures. Also the import contract:
// idempotent re-import, all-or-nothing batches, lineage.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/figure.h"
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
    auto catalogue = FigureCatalogue::Parse(testdb::ReadSourceFile("data/indicators/figures.json"));
    ASSERT_TRUE(catalogue.ok()) << testdb::Describe(catalogue.status());
    catalogue_ = std::move(*catalogue);
    auto defs = ParseDefinitionFile(testdb::ReadSourceFile("data/indicators/definitions.json"),
                                    &catalogue_);
    ASSERT_TRUE(defs.ok()) << testdb::Describe(defs.status());
    indicators_ = *defs;
  }

  // Random 医院填报数据 for 2024–2025: department rows (one department unknown to the department
  // table), now and then a campus or hospital row over them, gaps, and stray department rows of
  // hospital-level figures, which must be ignored. Values are the scaled integers the entry
  // screen stores.
  void GenerateFigures(uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    const std::vector<std::string> depts = {"XNK", "PWK", "GK", "FCK", "EK", "ZZYXK", "LNK"};
    ASSERT_TRUE(db_->Transact([&](soci::session& sql) {
                     auto put = [&](long long month, const std::string& org, const FigureDef& f) {
                       double v = static_cast<double>(rng() % 1000000);
                       for (int i = 0; i < f.decimals; ++i) v *= 10;
                       v += static_cast<double>(rng() % 100);
                       sql << "INSERT INTO period_figure (period, org_unit, code, value, "
                              "updated_at) VALUES (:p, :o, :c, :v, '2026-01-01T00:00:00Z')",
                           soci::use(month), soci::use(org), soci::use(f.code), soci::use(v);
                     };
                     for (int y = 2024; y <= 2025; ++y)
                       for (int m = 1; m <= 12; ++m) {
                         long long month = y * 100 + m;
                         for (const FigureDef& f : catalogue_.figures()) {
                           if (f.level == FigureDef::Level::kHospital) {
                             if (chance(85)) put(month, "hospital", f);
                             if (chance(10)) put(month, "XNK", f);  // stray: ignored
                             continue;
                           }
                           for (const std::string& d : depts)
                             if (chance(75)) put(month, d, f);
                           for (const char* campus : {"HQ", "EAST"})
                             if (chance(25)) put(month, campus, f);
                           if (chance(30)) put(month, "hospital", f);
                         }
                       }
                     return Status::Ok();
                   })
                    .ok());
  }

  // Generates `discharges` / `visits` a year over two years and imports them (only the dataset
  // `only` when given).
  void GenerateAndImport(int64_t discharges, int64_t visits, uint64_t seed,
                         std::optional<Dataset> only = std::nullopt) {
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
      if (only && d != *only) continue;
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
    ExpectSameAs(engine, grain, grouping);
  }

  void ExpectSameAs(const Engine& engine, Grain grain, Grouping grouping) {
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
  FigureCatalogue catalogue_;
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

TEST_P(EngineReferenceTest, FiguresMatchTheReferenceSqlInEveryGrainAndGrouping) {
  GenerateAndImport(200, 2000, 5);
  GenerateFigures(13);
  int figure_indicators = 0;
  for (const Indicator& i : indicators_) figure_indicators += UsesFigures(i);
  ASSERT_GE(figure_indicators, 11);
  for (Grain g : {Grain::kMonth, Grain::kQuarter, Grain::kYear})
    for (Grouping o : {Grouping::kHospital, Grouping::kCampus, Grouping::kDepartment}) {
      SCOPED_TRACE(static_cast<int>(g) * 10 + static_cast<int>(o));
      ExpectSame(g, o);
    }
}

TEST_P(EngineReferenceTest, ReloadFiguresSeesSavedAndDeletedFigures) {
  GenerateAndImport(100, 1000, 3);
  GenerateFigures(17);
  Engine engine(2);
  ASSERT_TRUE(engine.SetIndicators(indicators_).ok());
  ASSERT_TRUE(engine.Load(*db_).ok());
  ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                   sql << "DELETE FROM period_figure WHERE period = 202503";
                   sql << "UPDATE period_figure SET value = value + 7 WHERE period = 202406";
                   sql << "INSERT INTO period_figure (period, org_unit, code, value, updated_at) "
                          "VALUES (202601, 'hospital', 'ylsr', 12345, '2026-01-01T00:00:00Z')";
                   return Status::Ok();
                 })
                  .ok());
  ASSERT_TRUE(engine.ReloadFigures(*db_).ok());
  for (Grain g : {Grain::kMonth, Grain::kYear})
    for (Grouping o : {Grouping::kHospital, Grouping::kCampus, Grouping::kDepartment}) {
      SCOPED_TRACE(static_cast<int>(g) * 10 + static_cast<int>(o));
      ExpectSameAs(engine, g, o);
    }
  EXPECT_EQ(engine.LastMonth(), 202601);
}

// Data scope: a department head's query sees the figures of their departments only — at
// hospital grouping the hospital and campus rows are not used (they would tell more).
TEST_P(EngineReferenceTest, FiguresRespectTheDataScope) {
  GenerateFigures(19);
  Engine engine(1);
  ASSERT_TRUE(engine.SetIndicators(indicators_).ok());
  ASSERT_TRUE(engine.Load(*db_).ok());
  Query all;
  all.from = 202401, all.to = 202512, all.grain = Grain::kQuarter;
  all.grouping = Grouping::kDepartment;
  all.indicators = {"bed_occupancy_rate", "debt_asset_ratio"};
  Query scoped = all;
  scoped.departments = std::vector<std::string>{"XNK"};
  auto a = engine.Run(all), s = engine.Run(scoped);
  ASSERT_TRUE(a.ok() && s.ok());
  std::map<std::string, ResultRow> xnk;
  for (const ResultRow& r : *a)
    if (r.org_unit == "XNK") xnk[r.indicator + r.period] = r;
  ASSERT_FALSE(xnk.empty());
  ASSERT_EQ(s->size(), xnk.size());
  for (const ResultRow& r : *s) {
    EXPECT_EQ(r.org_unit, "XNK");
    EXPECT_EQ(r.indicator, "bed_occupancy_rate");  // a hospital-level figure has no XNK value
    EXPECT_EQ(r.numerator, xnk[r.indicator + r.period].numerator);
    EXPECT_EQ(r.denominator, xnk[r.indicator + r.period].denominator);
  }
  scoped.grouping = Grouping::kHospital;
  auto h = engine.Run(scoped);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), xnk.size());
  for (const ResultRow& r : *h) {
    EXPECT_EQ(r.org_unit, "hospital");
    EXPECT_EQ(r.numerator, xnk[r.indicator + r.period].numerator) << r.period;
    EXPECT_EQ(r.denominator, xnk[r.indicator + r.period].denominator) << r.period;
  }
}

// Every result field of two engines, for every grain and grouping.
void ExpectSameResults(const Engine& a, const Engine& b) {
  for (Grain g : {Grain::kMonth, Grain::kQuarter, Grain::kYear})
    for (Grouping o : {Grouping::kHospital, Grouping::kCampus, Grouping::kDepartment}) {
      Query q;
      q.from = 202401, q.to = 202612, q.grain = g, q.grouping = o;  // 2026: appended visits
      auto x = a.Run(q), y = b.Run(q);
      ASSERT_TRUE(x.ok() && y.ok());
      ASSERT_EQ(x->size(), y->size()) << static_cast<int>(g) << static_cast<int>(o);
      ASSERT_FALSE(x->empty());
      for (size_t i = 0; i < x->size(); ++i) {
        const ResultRow &r = (*x)[i], &s = (*y)[i];
        std::string key = r.indicator + "/" + r.period + "/" + r.org_unit;
        EXPECT_EQ(key, s.indicator + "/" + s.period + "/" + s.org_unit);
        EXPECT_EQ(r.numerator, s.numerator) << key;
        EXPECT_EQ(r.denominator, s.denominator) << key;
        EXPECT_EQ(r.value, s.value) << key;
        EXPECT_EQ(r.previous_year_value, s.previous_year_value) << key;
        EXPECT_EQ(r.previous_period_value, s.previous_period_value) << key;
        EXPECT_EQ(r.ytd_value, s.ytd_value) << key;
        EXPECT_EQ(r.previous_ytd_value, s.previous_ytd_value) << key;
      }
    }
}

// Reload after an import reads only what the import can change (visits alone; discharges with
// their children) and keeps the rest, and a visit import that replaced nothing is appended: it
// must equal a fresh Load — after replaced rows (the same file again), new rows in new months
// (appended), and for each dataset.
TEST_P(EngineReferenceTest, ReloadAfterAnImportEqualsAFreshLoad) {
  GenerateAndImport(150, 1500, 21);
  GenerateFigures(23);
  Engine kept(2);
  ASSERT_TRUE(kept.SetIndicators(indicators_).ok());
  ASSERT_TRUE(kept.Load(*db_).ok());
  auto compare = [&] {
    Engine fresh(2);
    ASSERT_TRUE(fresh.SetIndicators(indicators_).ok());
    ASSERT_TRUE(fresh.Load(*db_).ok());
    EXPECT_EQ(kept.Records(Dataset::kVisits), fresh.Records(Dataset::kVisits));
    EXPECT_EQ(kept.Records(Dataset::kDischarges), fresh.Records(Dataset::kDischarges));
    EXPECT_EQ(kept.FirstMonth(), fresh.FirstMonth());
    EXPECT_EQ(kept.LastMonth(), fresh.LastMonth());
    ExpectSameResults(kept, fresh);
  };
  auto step = [&](int64_t discharges, int64_t visits, uint64_t seed, Dataset d) {
    SCOPED_TRACE(std::string(DatasetName(d)) + " seed " + std::to_string(seed));
    GenerateAndImport(discharges, visits, seed, d);
    ASSERT_TRUE(kept.Reload(*db_, d).ok());
    compare();
  };
  step(150, 1500, 21, Dataset::kVisits);  // the same visits again: all replaced
  EXPECT_FALSE(kept.LastReloadAppendedVisits());
  {
    // Visits of a month after the loaded ones, new keys only: appended, not read again.
    SCOPED_TRACE("appended visits");
    Importer importer(*db_, *files_, *qc_, clock_);
    ImportRequest r;
    r.dataset = Dataset::kVisits;
    r.file_name = "2026-01.csv";
    r.data =
        "JZLSH,JZSJ,KSDM,JZLX,ZFY,YPF\n"
        "APPEND1,2026-01-05 08:30,XNK,1,120.50,30.00\n"
        "APPEND2,2026-01-05 09:30,GK,2,80.00,0\n"
        "APPEND3,2026-01-06 10:30,NEWDEPT,1,40.00,10.00\n";
    auto out = importer.Import(r);
    ASSERT_TRUE(out.ok() && out->committed);
    ASSERT_TRUE(kept.Reload(*db_, Dataset::kVisits).ok());
    EXPECT_TRUE(kept.LastReloadAppendedVisits());
    EXPECT_EQ(kept.LastMonth(), 202601);
    compare();
  }
  step(150, 2500, 24, Dataset::kVisits);  // other visits: new and replaced rows
  step(300, 1500, 25, Dataset::kDischarges);
  step(300, 1500, 25, Dataset::kAntibioticUse);
  step(300, 1500, 26, Dataset::kPathways);
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
