// Taken keys on import, on SQLite (found by the insert's UNIQUE conflict) and PostgreSQL (found
// by joining each chunk's keys first): a key repeated within a file is rejected naming both
// lines, a key of an earlier batch is superseded with its children and findings, and a file
// that repeats a superseding key fails without touching the earlier batch.
#include <gtest/gtest.h>

#include <filesystem>

#include "indicators/importer.h"
#include "platform/base/clock.h"
#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;

class RecordStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Transact([](soci::session& sql) {
                     sql << "INSERT INTO campus (code, name, address, sort) VALUES ('HQ', '本部', "
                            "'', 1)";
                     sql << "INSERT INTO department (code, name, campus_id, kind) SELECT 'XNK', "
                            "'心血管内科', id, 'clinical' FROM campus WHERE code = 'HQ'";
                     return Status::Ok();
                   })
                    .ok());
    files_ = std::make_unique<DiskFileStore>(tmp_.path() + "/files");
    std::filesystem::create_directories(tmp_.path() + "/files");
  }

  ImportOutcome Import(Dataset dataset, const std::string& csv) {
    Importer importer(*db_, *files_, qc_, clock_);
    ImportRequest r;
    r.dataset = dataset;
    r.file_name = "f.csv";
    r.data = csv;
    auto out = importer.Import(r);
    EXPECT_TRUE(out.ok()) << testdb::Describe(out.status());
    return out.ok() ? *out : ImportOutcome{};
  }

  // Diagnoses and procedures without their discharge, and discharges without their import
  // batch (the tables declare no foreign keys: the importer keeps them consistent, see
  // migrations/0005 and 0006).
  int64_t Orphans() {
    return testdb::CountRows(*db_, "discharge", "batch_id NOT IN (SELECT id FROM import_batch)") +
           testdb::CountRows(*db_, "discharge_diagnosis",
                             "discharge_id NOT IN (SELECT id FROM discharge)") +
           testdb::CountRows(*db_, "discharge_procedure",
                             "discharge_id NOT IN (SELECT id FROM discharge)");
  }

  std::vector<RecordFinding> Duplicates(const ImportOutcome& o) {
    std::vector<RecordFinding> out;
    for (const RecordFinding& f : o.sample)
      if (f.finding.rule == "import.duplicate_key") out.push_back(f);
    return out;
  }

  testdb::TempDir tmp_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<DiskFileStore> files_;
  QcRules qc_;
  FakeClock clock_{1767225600};
};

constexpr const char* kHeader = "BAH,ZYCS,CYSJ,CYKB,ZFY,SSJCZBM1,SSPB1,JBDM1\n";

TEST_P(RecordStoreTest, KeysRepeatedInAFileAreRejectedNamingBothLines) {
  ImportOutcome o = Import(Dataset::kDischarges, std::string(kHeader) +
                                                     "A001,1,2025-01-03 10:00,XNK,100,,\n"
                                                     "A002,1,2025-01-04 10:00,XNK,100,,\n"
                                                     "A001,1,2025-01-05 10:00,XNK,70,,\n"
                                                     "A001,2,2025-01-05 10:00,XNK,70,,\n");
  EXPECT_FALSE(o.committed);
  auto dups = Duplicates(o);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].line, 4);
  EXPECT_EQ(dups[0].key, "A001|1");
  EXPECT_NE(dups[0].finding.message.find("第2行"), std::string::npos) << dups[0].finding.message;
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 0);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge_procedure"), 0);
}

TEST_P(RecordStoreTest, ASupersedingKeyRepeatedInAFileFailsAndLeavesTheEarlierBatch) {
  ImportOutcome first =
      Import(Dataset::kDischarges, std::string(kHeader) +
                                       "A001,1,2025-01-03 10:00,XNK,100,47.0900,1\n"
                                       "A002,1,2025-01-04 10:00,XNK,100,,\n");
  ASSERT_TRUE(first.committed) << testdb::Describe(first.failure);
  // A001 twice, both superseding the first batch's A001.
  ImportOutcome o = Import(Dataset::kDischarges, std::string(kHeader) +
                                                     "A001,1,2025-01-03 10:00,XNK,90,,\n"
                                                     "A003,1,2025-01-04 10:00,XNK,100,,\n"
                                                     "A001,1,2025-01-05 10:00,XNK,70,,\n");
  EXPECT_FALSE(o.committed);
  auto dups = Duplicates(o);
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].line, 4);
  EXPECT_NE(dups[0].finding.message.find("第2行"), std::string::npos) << dups[0].finding.message;
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 2);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge", "bah = 'A001' AND zfy = 10000"), 1);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge_procedure"), 1);
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch", "status = 'committed'"), 1);
  EXPECT_EQ(Orphans(), 0);
}

TEST_P(RecordStoreTest, ReimportSupersedesRowsChildrenAndFindings) {
  // A001 has a procedure and a 首页质控 finding (SSPB 1 without a 手术级别 is not needed: the
  // unknown department gives a warning that is stored with the record).
  ImportOutcome first =
      Import(Dataset::kDischarges, std::string(kHeader) +
                                       "A001,1,2025-01-03 10:00,WKX,100,47.0900,1,I10.x00\n"
                                       "A002,1,2025-01-04 10:00,XNK,100,,\n");
  ASSERT_TRUE(first.committed) << testdb::Describe(first.failure);
  ASSERT_EQ(testdb::CountRows(*db_, "discharge_diagnosis"), 1);
  int64_t a001_findings =
      testdb::CountRows(*db_, "qc_finding", "record_key = 'A001|1' AND dataset = 'discharges'");
  ASSERT_GT(a001_findings, 0);
  ImportOutcome second = Import(Dataset::kDischarges, std::string(kHeader) +
                                                          "A003,1,2025-01-04 10:00,XNK,100,,\n"
                                                          "A001,1,2025-02-03 10:00,XNK,90,,\n");
  ASSERT_TRUE(second.committed) << testdb::Describe(second.failure);
  EXPECT_EQ(second.inserted, 2);
  EXPECT_EQ(second.replaced, 1);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 3);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge", "bah = 'A001' AND period = 202502"), 1);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge_procedure"), 0);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge_diagnosis"), 0);
  EXPECT_EQ(Orphans(), 0);
  EXPECT_EQ(testdb::CountRows(*db_, "qc_finding",
                              "record_key = 'A001|1' AND dataset = 'discharges' AND batch_id = " +
                                  std::to_string(first.batch_id)),
            0);
  // A002 still belongs to the first batch, which therefore stays committed.
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch", "status = 'committed'"), 2);
  // The same file once more replaces both of its rows and retires the second batch.
  ImportOutcome third = Import(Dataset::kDischarges, std::string(kHeader) +
                                                         "A003,1,2025-01-04 10:00,XNK,100,,\n"
                                                         "A001,1,2025-02-03 10:00,XNK,90,,\n");
  ASSERT_TRUE(third.committed);
  EXPECT_EQ(third.replaced, 2);
  EXPECT_EQ(testdb::CountRows(*db_, "discharge"), 3);
  EXPECT_EQ(testdb::CountRows(*db_, "import_batch", "status = 'replaced'"), 1);
  EXPECT_EQ(Orphans(), 0);
}

TEST_P(RecordStoreTest, VisitsAreReplacedByJzlsh) {
  const std::string header = "JZLSH,JZSJ,KSDM,JZLX\n";
  ASSERT_TRUE(Import(Dataset::kVisits, header + "V1,2025-01-03 08:00,XNK,1\n"
                                                "V2,2025-01-03 09:00,XNK,1\n")
                  .committed);
  ImportOutcome dup = Import(Dataset::kVisits, header +
                                                   "V2,2025-01-03 09:00,XNK,2\n"
                                                   "V2,2025-01-03 09:00,XNK,2\n");
  EXPECT_FALSE(dup.committed);
  ASSERT_EQ(Duplicates(dup).size(), 1u);
  EXPECT_EQ(Duplicates(dup)[0].line, 3);
  ImportOutcome ok = Import(Dataset::kVisits, header +
                                                  "V2,2025-01-03 09:00,XNK,2\n"
                                                  "V3,2025-01-03 10:00,XNK,1\n");
  ASSERT_TRUE(ok.committed);
  EXPECT_EQ(ok.replaced, 1);
  EXPECT_EQ(testdb::CountRows(*db_, "visit"), 3);
  EXPECT_EQ(testdb::CountRows(*db_, "visit", "jzlsh = 'V2' AND jzlx = 2"), 1);
}

INSTANTIATE_TEST_SUITE_P(Db, RecordStoreTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::indicators
