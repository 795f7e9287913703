// Code tables for 首页质控 on SQLite and PostgreSQL: a file replaces a kind's table whole or
// not at all, audited; and through IndicatorService the rules in force change with the table
// while rules taken before (a running import's) stay as they were.
#include "indicators/code_table_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "indicators/indicator_service.h"
#include "platform/base/file_store.h"
#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;
namespace fs = std::filesystem;

class CodeTableStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    store_ = std::make_unique<CodeTableStore>(*db_, clock_);
  }

  CodeTableInfo Info(const std::string& kind) {
    auto s = store_->Summary();
    EXPECT_TRUE(s.ok());
    for (const CodeTableInfo& i : *s)
      if (i.kind == kind) return i;
    ADD_FAILURE() << "no kind " << kind;
    return {};
  }

  std::shared_ptr<db::Database> db_;
  FakeClock clock_{1767225600};
  std::unique_ptr<CodeTableStore> store_;
  auth::Actor actor_{0, "测试", "127.0.0.1"};
};

TEST_P(CodeTableStoreTest, ReplacesAKindWholeAndAudits) {
  EXPECT_EQ(Info("icd10").count, 0);
  auto out = store_->Replace(actor_, CodeKind::kIcd10, "国临版2.0", "icd.csv",
                             "编码,名称\nK35.800,急性阑尾炎\nI10.x00x002,原发性高血压\n");
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  EXPECT_TRUE(out->errors.empty());
  EXPECT_EQ(out->rows, 2);
  EXPECT_EQ(Info("icd10").count, 2);
  EXPECT_EQ(Info("icd10").version, "国临版2.0");
  EXPECT_EQ(Info("procedure").count, 0);

  out = store_->Replace(actor_, CodeKind::kIcd10, "国临版2.1", "icd.csv",
                        "code,name\nK35.800,急性阑尾炎\n");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->replaced, 2);
  EXPECT_EQ(Info("icd10").count, 1);
  EXPECT_EQ(Info("icd10").version, "国临版2.1");
  auto tables = store_->Load();
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->icd10, (std::set<std::string>{"K35.800"}));
  EXPECT_TRUE(tables->procedures.empty());
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.code_table.import'"), 2);

  auto cleared = store_->Clear(actor_, CodeKind::kIcd10);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(*cleared, 1);
  EXPECT_EQ(Info("icd10").count, 0);
  EXPECT_EQ(store_->Clear(actor_, CodeKind::kIcd10).status().code(), StatusCode::kNotFound);
}

TEST_P(CodeTableStoreTest, ABadFileChangesNothing) {
  ASSERT_TRUE(
      store_->Replace(actor_, CodeKind::kProcedure, "3.0", "p.csv", "编码,名称\n47.0100,阑尾切除\n")
          .ok());
  auto out = store_->Replace(actor_, CodeKind::kProcedure, "3.1", "p.csv",
                             "编码,名称\n47.0100,阑尾切除\n,空\n47.0100,重复\n47 01,空格\n");
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  ASSERT_EQ(out->errors.size(), 3u);
  EXPECT_EQ(out->errors[0].line, 3);
  EXPECT_EQ(out->errors[1].line, 4);
  EXPECT_EQ(out->errors[2].line, 5);
  EXPECT_EQ(Info("procedure").count, 1);
  EXPECT_EQ(Info("procedure").version, "3.0");
  // Missing columns and a missing version.
  out = store_->Replace(actor_, CodeKind::kProcedure, "3.1", "p.csv", "x,y\n1,2\n");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->errors.size(), 2u);
  auto no_version = store_->Replace(actor_, CodeKind::kProcedure, " ", "p.csv", "编码,名称\n1,2\n");
  EXPECT_EQ(testdb::FieldNames(no_version.status()), std::vector<std::string>{"version"});
  EXPECT_EQ(Info("procedure").count, 1);
  EXPECT_EQ(ParseCodeKind("procedures"), CodeKind::kProcedure);
  EXPECT_EQ(ParseCodeKind("icd9"), std::nullopt);
}

// The embedded files IndicatorService reads, from the source tree.
class SourceFiles {
 public:
  SourceFiles() {
    std::string root = std::getenv("YUANWU_SOURCE_DIR") ? std::getenv("YUANWU_SOURCE_DIR") : ".";
    for (const auto& e : fs::directory_iterator(root + "/data/indicators/qc"))
      Add("data/indicators/qc/" + e.path().filename().string(), e.path());
    Add("data/indicators/definitions.json", root + "/data/indicators/definitions.json");
    Add("data/indicators/figures.json", root + "/data/indicators/figures.json");
    for (size_t i = 0; i < paths_.size(); ++i) table_.push_back({paths_[i], contents_[i]});
    table_.push_back({});
  }
  const EmbeddedFile* get() const { return table_.data(); }

 private:
  void Add(const std::string& path, const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    paths_.push_back(path);
    contents_.push_back(ss.str());
  }
  std::deque<std::string> paths_, contents_;  // stable addresses for the string_views
  std::vector<EmbeddedFile> table_;
};

std::vector<std::string> Rules(const QcRules& rules, const Discharge& d) {
  std::vector<Finding> out;
  rules.Check(d, &out);
  std::vector<std::string> codes;
  for (const Finding& f : out) codes.push_back(f.rule);
  return codes;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_P(CodeTableStoreTest, TheServiceSwapsRulesAndKeepsOldSnapshotsIntact) {
  SourceFiles files;
  testdb::TempDir tmp;
  DiskFileStore disk(tmp.path());
  auto svc = IndicatorService::Create(*db_, disk, clock_, files.get());
  ASSERT_TRUE(svc.ok()) << testdb::Describe(svc.status());
  ASSERT_TRUE((*svc)->Start().ok());
  Discharge d;
  d.jbdm = "K35.800";
  std::shared_ptr<const QcRules> before = (*svc)->qc();
  EXPECT_FALSE(Has(Rules(*before, d), "code.main_diagnosis_unknown"));

  auto out = (*svc)->ImportCodeTable(actor_, CodeKind::kIcd10, "v1", "icd.csv",
                                     "编码,名称\nI10.x00x002,原发性高血压\n");
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  std::shared_ptr<const QcRules> after = (*svc)->qc();
  EXPECT_NE(before.get(), after.get());
  EXPECT_TRUE(Has(Rules(*after, d), "code.main_diagnosis_unknown"));
  EXPECT_FALSE(Has(Rules(*before, d), "code.main_diagnosis_unknown"));  // a running import's

  // A new service (the next start) loads the stored table.
  auto again = IndicatorService::Create(*db_, disk, clock_, files.get());
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->Start().ok());
  EXPECT_TRUE(Has(Rules(*(*again)->qc(), d), "code.main_diagnosis_unknown"));

  ASSERT_TRUE((*svc)->ClearCodeTable(actor_, CodeKind::kIcd10).ok());
  EXPECT_FALSE(Has(Rules(*(*svc)->qc(), d), "code.main_diagnosis_unknown"));
}

// Code tables replaced while records are being imported: every import runs on the rules it
// took at its start (the ASan build would catch rules freed under a running batch), and each
// commits with either the old or the new table's verdict on JBDM, never a mix within a batch.
TEST_P(CodeTableStoreTest, ImportsRunWhileCodeTablesAreReplaced) {
  SourceFiles files;
  testdb::TempDir tmp;
  DiskFileStore disk(tmp.path());
  auto svc = IndicatorService::Create(*db_, disk, clock_, files.get());
  ASSERT_TRUE(svc.ok()) << testdb::Describe(svc.status());
  ASSERT_TRUE((*svc)->Start().ok());
  std::string csv = "BAH,ZYCS,XM,XB,NL,RYSJ,CYSJ,SJZYTS,CYKB,JBDM,ZYZD,LYFS,ZFY\n";
  for (int i = 0; i < 200; ++i)
    csv += "B" + std::to_string(i) +
           ",1,测试,1,50,2025-03-01 08:00:00,2025-03-05 10:00:00,4,XNK,K35.800,阑尾炎,1,100.00\n";
  std::atomic<bool> done{false};
  std::thread swapper([&] {
    for (int i = 0; !done && i < 200; ++i) {
      auto r = (*svc)->ImportCodeTable(actor_, CodeKind::kIcd10, "v" + std::to_string(i), "icd.csv",
                                       "编码,名称\nI10.x00x002,原发性高血压\n");
      EXPECT_TRUE(r.ok()) << testdb::Describe(r.status());
      EXPECT_TRUE((*svc)->ClearCodeTable(actor_, CodeKind::kIcd10).ok());
    }
  });
  for (int round = 0; round < 5; ++round) {
    ImportRequest req;
    req.file_name = "d.csv";
    req.data = csv;
    req.threads = 2;
    auto out = (*svc)->Import(req);
    ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
    EXPECT_TRUE(out->committed);
    // All 200 records judged by one table: 0 or 200 unknown-code findings, nothing between.
    int64_t unknown = testdb::Scalar(
        *db_,
        "SELECT COUNT(*) FROM qc_finding WHERE rule = 'code.main_diagnosis_unknown' AND "
        "batch_id = " +
            std::to_string(out->batch_id));
    EXPECT_TRUE(unknown == 0 || unknown == 200) << unknown;
  }
  done = true;
  swapper.join();
}

INSTANTIATE_TEST_SUITE_P(Db, CodeTableStoreTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::indicators
