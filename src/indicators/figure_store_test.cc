// FigureStore on SQLite and PostgreSQL: validation with named fields, upsert and delete in one
// audited transaction, data scope in List, and all-or-nothing imports of the wide sheet.
#include "indicators/figure_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "platform/db/test_db.h"
#include "platform/tabular/xlsx_report.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;

constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

class FigureStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    auto cat = FigureCatalogue::Parse(testdb::ReadSourceFile("data/indicators/figures.json"));
    ASSERT_TRUE(cat.ok()) << testdb::Describe(cat.status());
    catalogue_ = *cat;
    ASSERT_TRUE(
        db_->Transact([](soci::session& sql) {
             sql << "INSERT INTO campus (code, name, address, sort) VALUES ('HQ', '本部', '', 1)";
             sql << "INSERT INTO department (code, name, campus_id, kind) SELECT 'XNK', "
                    "'心血管内科', id, 'clinical' FROM campus WHERE code = 'HQ'";
             sql << "INSERT INTO department (code, name, campus_id, kind) SELECT 'GK', '骨科', "
                    "id, 'clinical' FROM campus WHERE code = 'HQ'";
             return Status::Ok();
           })
            .ok());
    store_ = std::make_unique<FigureStore>(*db_, clock_, catalogue_);
  }

  static FigureInput In(std::string period, std::string unit, std::string code,
                        std::optional<std::string> text) {
    FigureInput in;
    in.field = "items[0]";
    in.period = std::move(period), in.org_unit = std::move(unit), in.code = std::move(code);
    in.text = std::move(text);
    return in;
  }

  std::vector<FigureRow> All() {
    auto rows = store_->List(200001, 209912, "", std::nullopt);
    EXPECT_TRUE(rows.ok()) << testdb::Describe(rows.status());
    return rows.ok() ? *rows : std::vector<FigureRow>{};
  }

  std::shared_ptr<db::Database> db_;
  FakeClock clock_{kNow};
  FigureCatalogue catalogue_;
  std::unique_ptr<FigureStore> store_;
  auth::Actor actor_{0, "测试", "127.0.0.1"};
};

TEST_P(FigureStoreTest, SavesExactScaledValuesAndAuditsOnce) {
  auto n = store_->Save(actor_, {In("2025-03", "XNK", "sjkfzcrs", "930"),
                                 In("2025-03", "hospital", "ylsr", "12345678.90")});
  ASSERT_TRUE(n.ok()) << testdb::Describe(n.status());
  EXPECT_EQ(*n, 2);
  std::vector<FigureRow> rows = All();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].org_unit, "XNK");
  EXPECT_EQ(rows[0].value, 930);
  EXPECT_EQ(rows[1].code, "ylsr");
  EXPECT_EQ(rows[1].value, 1234567890);  // 分
  EXPECT_EQ(FigureValueText(*catalogue_.Find("ylsr"), rows[1].value), "12345678.90");
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.figure.save'"), 1);
  // Saving the same values again changes nothing and writes no audit entry.
  n = store_->Save(actor_, {In("2025-03", "XNK", "sjkfzcrs", "930")});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.figure.save'"), 1);
  // An update replaces, a value-less input clears.
  n = store_->Save(actor_, {In("2025-03", "XNK", "sjkfzcrs", "931"),
                            In("2025-03", "hospital", "ylsr", std::nullopt)});
  ASSERT_TRUE(n.ok()) << testdb::Describe(n.status());
  EXPECT_EQ(*n, 2);
  rows = All();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 931);
}

TEST_P(FigureStoreTest, EveryBadInputIsNamedAndNothingIsSaved) {
  struct Case {
    FigureInput in;
    std::string field;
  };
  std::vector<Case> cases = {
      {In("2025-03", "XNK", "no_such", "1"), "items[0].code"},
      {In("2025-03", "XNK", "ylsr", "1"), "items[0].org_unit"},  // hospital-level figure
      {In("2025-03", "XNK", "sjkfzcrs", "-1"), "items[0].value"},
      {In("2025-03", "XNK", "sjkfzcrs", "1.5"), "items[0].value"},     // 0 decimals
      {In("2025-03", "hospital", "ylsr", "1.234"), "items[0].value"},  // 2 decimals
      {In("2025-13", "XNK", "sjkfzcrs", "1"), "items[0].period"},
      {In("2025/03", "XNK", "sjkfzcrs", "1"), "items[0].period"},
      {In("2026-02", "XNK", "sjkfzcrs", "1"), "items[0].period"},  // not begun yet
      {In("2025-03", "NOPE", "sjkfzcrs", "1"), "items[0].org_unit"},
      {In("2025-03", "", "sjkfzcrs", "1"), "items[0].org_unit"},
  };
  for (const Case& c : cases) {
    // A good input alongside: it must not be saved either.
    auto n = store_->Save(actor_, {In("2025-01", "GK", "zyysrs", "12"), c.in});
    ASSERT_FALSE(n.ok()) << c.field;
    EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
    auto fields = testdb::FieldNames(n.status());
    EXPECT_NE(std::find(fields.begin(), fields.end(), c.field), fields.end())
        << c.field << ": " << testdb::Describe(n.status());
  }
  EXPECT_TRUE(All().empty());
  // The same cell twice in one save.
  auto twice = store_->Save(
      actor_, {In("2025-01", "GK", "zyysrs", "12"), In("2025-01", "GK", "zyysrs", "13")});
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(All().empty());
}

TEST_P(FigureStoreTest, CampusRowsAndScopeAndDelete) {
  ASSERT_TRUE(
      store_
          ->Save(actor_,
                 {In("2025-03", "XNK", "zyysrs", "20"), In("2025-03", "GK", "zyysrs", "15"),
                  In("2025-03", "HQ", "zyysrs", "40"), In("2025-04", "XNK", "zyysrs", "21")})
          .ok());
  auto mine = store_->List(202501, 202512, "", DeptCodes(std::vector<std::string>{"XNK"}));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  for (const FigureRow& r : *mine) EXPECT_EQ(r.org_unit, "XNK");
  auto none = store_->List(202501, 202512, "", DeptCodes(std::vector<std::string>{}));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto march = store_->List(202503, 202503, "GK", std::nullopt);
  ASSERT_TRUE(march.ok());
  ASSERT_EQ(march->size(), 1u);
  EXPECT_EQ(march->front().value, 15);

  auto gone = store_->Delete(actor_, 202503, "XNK", "");
  ASSERT_TRUE(gone.ok()) << testdb::Describe(gone.status());
  EXPECT_EQ(*gone, 1);
  EXPECT_EQ(All().size(), 3u);
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.figure.delete'"), 1);
  auto again = store_->Delete(actor_, 202503, "XNK", "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kNotFound);
}

TEST_P(FigureStoreTest, ImportsAWideSheetByCodeOrName) {
  std::string csv =
      "期间,科室代码,科室名称,实际开放总床日数,sjzyzcrs,医疗收入（元）\n"
      "2025-01,XNK,心血管内科,930,850,\n"
      "2025-01,全院,,,,1000000.50\n"
      "202502,GK,骨科,840,,\n";
  auto out = store_->Import(actor_, "figures.csv", csv);
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  EXPECT_TRUE(out->errors.empty());
  EXPECT_EQ(out->rows, 3);
  EXPECT_EQ(out->values, 4);
  EXPECT_EQ(out->inserted, 4);
  EXPECT_EQ(out->period_from, 202501);
  EXPECT_EQ(out->period_to, 202502);
  std::vector<FigureRow> rows = All();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].org_unit, "hospital");
  EXPECT_EQ(rows[2].value, 100000050);
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.figure.import'"), 1);
}

TEST_P(FigureStoreTest, APartlyBadImportWritesNothingAndNamesEveryCell) {
  std::string csv =
      "期间,科室代码,sjkfzcrs,ylsr,bogus\n"
      "2025-01,XNK,930,,\n"
      "2025-13,XNK,1,,\n"
      "2025-02,NOPE,1,,\n"
      "2025-02,XNK,-5,,\n"
      "2025-02,GK,1.5,,\n"
      "2025-02,GK,,100,\n";
  auto out = store_->Import(actor_, "figures.csv", csv);
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  // The unknown column is reported from the header alone.
  ASSERT_EQ(out->errors.size(), 1u);
  EXPECT_EQ(out->errors[0].line, 1);
  EXPECT_EQ(out->errors[0].column, "bogus");

  csv =
      "期间,科室代码,sjkfzcrs,ylsr\n"
      "2025-01,XNK,930,\n"
      "2025-13,XNK,1,\n"
      "2025-02,NOPE,1,\n"
      "2025-02,XNK,-5,\n"
      "2025-02,GK,1.5,\n"
      "2025-03,GK,,100\n"
      "2025-01,XNK,1,\n";
  out = store_->Import(actor_, "figures.csv", csv);
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  std::vector<std::pair<int, std::string>> got;
  for (const FigureImportError& e : out->errors) {
    got.emplace_back(e.line, e.column);
    EXPECT_FALSE(e.reason.empty());
    EXPECT_FALSE(e.reason_en.empty());
  }
  std::vector<std::pair<int, std::string>> want = {
      {3, "期间"}, {4, "科室代码"}, {5, "sjkfzcrs"}, {6, "sjkfzcrs"}, {7, "ylsr"}, {8, "科室代码"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(out->inserted, 0);
  EXPECT_TRUE(All().empty());
  EXPECT_EQ(testdb::CountRows(*db_, "audit_log", "action = 'indicators.figure.import'"), 0);
}

TEST_P(FigureStoreTest, ImportsAnXlsxSheet) {
  testdb::TempDir tmp;
  const std::string path = tmp.path() + "/figures.xlsx";
  {
    auto book = tabular::XlsxReport::Create(path);
    ASSERT_TRUE(book.ok());
    std::vector<std::string> header = {"期间", "科室代码", "注册护士人数", "总资产（元）"};
    auto sheet = (*book)->AddSheet("填报", header);
    ASSERT_TRUE(sheet.ok());
    std::vector<tabular::ReportCell> a = {{"2025-06"}, {"GK"}, {"31"}, {""}};
    std::vector<tabular::ReportCell> b = {{"2025/6"}, {"全院"}, {""}, {"88000000.10"}};
    ASSERT_TRUE((*book)->AddRow(*sheet, a).ok());
    ASSERT_TRUE((*book)->AddRow(*sheet, b).ok());
    ASSERT_TRUE((*book)->Close().ok());
  }
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto out = store_->Import(actor_, "figures.xlsx", data);
  ASSERT_TRUE(out.ok()) << testdb::Describe(out.status());
  EXPECT_TRUE(out->errors.empty()) << (out->errors.empty() ? "" : out->errors[0].reason);
  std::vector<FigureRow> rows = All();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].org_unit, "GK");
  EXPECT_EQ(rows[0].value, 31);
  EXPECT_EQ(rows[1].org_unit, "hospital");
  EXPECT_EQ(rows[1].code, "zzc");
  EXPECT_EQ(rows[1].value, 8800000010);
}

TEST(FigurePeriod, ParsesTheFormsSpreadsheetsProduce) {
  EXPECT_EQ(ParseFigurePeriod("2025-03"), 202503);
  EXPECT_EQ(ParseFigurePeriod("2025/3"), 202503);
  EXPECT_EQ(ParseFigurePeriod("202503"), 202503);
  EXPECT_EQ(ParseFigurePeriod("2025-03-01"), 202503);
  EXPECT_EQ(ParseFigurePeriod("45717"), 202503);  // Excel's day number of 2025-03-01
  EXPECT_EQ(ParseFigurePeriod("2025-13"), std::nullopt);
  EXPECT_EQ(ParseFigurePeriod("March"), std::nullopt);
  EXPECT_EQ(ParseFigurePeriod(""), std::nullopt);
  const FigureDef* money = nullptr;
  FigureDef d;
  d.decimals = 2;
  money = &d;
  EXPECT_EQ(FigureValueText(*money, 5), "0.05");
  EXPECT_EQ(FigureValueText(*money, 123456), "1234.56");
}

INSTANTIATE_TEST_SUITE_P(Db, FigureStoreTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::indicators
