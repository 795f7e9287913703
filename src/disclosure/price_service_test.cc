#include "disclosure/price_service.h"

#include <gtest/gtest.h>

#include "platform/audit/audit_log.h"
#include "platform/db/test_db.h"

namespace yuanwu::disclosure {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;
using testdb::FieldNames;
using Strings = std::vector<std::string>;

// ---- ParseYuan / FormatYuan ----

TEST(ParseYuanTest, Table) {
  struct Case {
    const char* text;
    bool ok;
    int64_t fen;
  };
  const Case cases[] = {
      {"12", true, 1200},
      {"12.5", true, 1250},
      {"12.50", true, 1250},
      {"0.01", true, 1},
      {"-1", false, 0},
      {"1.234", false, 0},
      {"", false, 0},
      {"abc", false, 0},
      {" 3.00 ", true, 300},
      {"0", true, 0},
      {"0.5", true, 50},
      {"007.10", true, 710},
      {"\t8\t", true, 800},
      {"\xE3\x80\x80"
       "5.00"
       "\xE3\x80\x80",
       true, 500},  // full-width spaces (U+3000) are trimmed
      {"12.", false, 0},
      {".5", false, 0},
      {"1.2.3", false, 0},
      {"1,000", false, 0},
      {"1 000", false, 0},
      {"+1", false, 0},
      {"1e3", false, 0},
      {"12元", false, 0},
      {"￥12", false, 0},
      {"\xEF\xBC\x91\xEF\xBC\x92", false, 0},  // full-width digits １２
      {"999999999.99", true, 99999999999},     // 12 characters: the longest accepted
      {"9999999999.99", false, 0},             // 13 characters
      {"000000000000", true, 0},
  };
  for (const Case& c : cases) {
    int64_t fen = -777;
    bool ok = ParseYuan(c.text, &fen);
    EXPECT_EQ(ok, c.ok) << "\"" << c.text << "\"";
    EXPECT_EQ(fen, c.ok ? c.fen : -777) << "\"" << c.text << "\"";  // untouched on failure
  }
}

TEST(FormatYuanTest, Table) {
  const std::pair<int64_t, const char*> cases[] = {
      {0, "0.00"},     {1, "0.01"},     {10, "0.10"},        {100, "1.00"},
      {1250, "12.50"}, {1205, "12.05"}, {123456, "1234.56"}, {99999999999, "999999999.99"},
  };
  for (const auto& [fen, text] : cases) {
    EXPECT_EQ(FormatYuan(fen), text) << fen;
    int64_t back = -1;
    ASSERT_TRUE(ParseYuan(FormatYuan(fen), &back)) << fen;
    EXPECT_EQ(back, fen);
  }
}

// ---- Import and List ----

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z
const auth::Actor kOfficer{3, "价格专员", "10.0.0.3"};
const Strings kServiceHeader = {"项目编码", "项目名称", "计价单位", "价格(元)",
                                "项目内涵", "除外内容", "说明",     "生效日期"};
const Strings kDrugHeader = {"药品编码", "药品名称", "规格",    "单位",
                             "价格(元)", "生产企业", "生效日期"};

tabular::Table Services(std::vector<tabular::Row> rows) {
  return tabular::Table{kServiceHeader, std::move(rows)};
}

tabular::Row Service(int line, const char* code, const char* name, const char* price,
                     const char* date = "2026-01-01", const char* unit = "次") {
  return {line, {code, name, unit, price, "", "", "", date}};
}

class PriceServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  PriceServiceTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    prices_ = std::make_unique<PriceService>(*db_, clock_);
  }

  void ImportStandardServices() {
    Result<int> n = prices_->Import(
        kOfficer, "service",
        Services({
            Service(2, "110200001", "普通门诊诊查费", "10"),
            {3,
             {"110200002", "副主任医师门诊诊查费", "次", "25.5", "含挂号", "", "", "2026-01-01"}},
            Service(4, "120100001", "Ⅰ级护理", "35.00", "2026-01-01", "日"),
            Service(5, "250101015", "血常规检查（五分类）", "20"),
            Service(6, "310100017", "挂号费", "1"),
        }));
    ASSERT_TRUE(n.ok()) << Describe(n.status());
    ASSERT_EQ(*n, 5);
  }

  std::pair<Strings, int64_t> Codes(PriceFilter f) {
    auto r = prices_->List(f);
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    Strings codes;
    if (!r.ok()) return {codes, -1};
    for (const PriceItem& p : r->first) codes.push_back(p.code);
    return {codes, r->second};
  }

  int64_t Audit() { return CountRows(*db_, "audit_log"); }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<PriceService> prices_;
};

TEST_P(PriceServiceTest, ImportsAndListsWithTwoCharacterQueries) {
  ImportStandardServices();
  PriceFilter f;
  f.q = "诊查";
  EXPECT_EQ(Codes(f), std::make_pair(Strings{"110200001", "110200002"}, int64_t{2}));
  f.q = "挂号";  // name, code and 项目内涵: 含挂号 in the 诊查费's 项目内涵 counts too
  EXPECT_EQ(Codes(f), std::make_pair(Strings{"110200002", "310100017"}, int64_t{2}));
  f.q = "常规";
  EXPECT_EQ(Codes(f), std::make_pair(Strings{"250101015"}, int64_t{1}));
  f.q = "1102";  // code substring
  EXPECT_EQ(Codes(f).second, 2);
  f.q = "护";  // one character
  EXPECT_EQ(Codes(f), std::make_pair(Strings{"120100001"}, int64_t{1}));
  f.q = "手术";
  EXPECT_EQ(Codes(f).second, 0);

  PriceFilter page;
  page.limit = 2;
  page.offset = 2;
  EXPECT_EQ(Codes(page), std::make_pair(Strings{"120100001", "250101015"}, int64_t{5}));

  PriceFilter all;
  auto r = prices_->List(all);
  ASSERT_TRUE(r.ok());
  const PriceItem& p = r->first[1];
  EXPECT_EQ(p.kind, "service");
  EXPECT_EQ(p.name, "副主任医师门诊诊查费");
  EXPECT_EQ(p.unit, "次");
  EXPECT_EQ(p.price_fen, 2550);
  EXPECT_EQ(p.connotation, "含挂号");
  EXPECT_EQ(p.effective_from, "2026-01-01");
  EXPECT_EQ(r->first[2].price_fen, 3500);
  EXPECT_EQ(r->first[2].unit, "日");
}

TEST_P(PriceServiceTest, ImportIsAllOrNothingWithEveryRowsErrors) {
  ImportStandardServices();
  int64_t audit_before = Audit();
  Result<int> n = prices_->Import(kOfficer, "service",
                                  Services({
                                      Service(2, "A1", "良好的一行", "5"),
                                      Service(3, "A2", "负价格", "-1"),
                                      Service(4, "A3", "三位小数", "1.234", "2026/13/01"),
                                      Service(5, "A1", "", "5", "2026-01-01", ""),
                                      Service(6, "", "无编码", "", ""),
                                  }));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldNames(n.status()),
            (Strings{"row 3 / 价格(元)", "row 4 / 价格(元)", "row 4 / 生效日期", "row 5 / 项目编码",
                     "row 5 / 项目名称", "row 5 / 计价单位", "row 6 / 项目编码", "row 6 / 价格(元)",
                     "row 6 / 生效日期"}));
  const std::vector<FieldError>& e = n.status().fields();
  EXPECT_EQ(e[0].reason, "第3行「价格(元)」应为不小于0、最多两位小数的金额，实际为「-1」");
  EXPECT_EQ(e[2].reason_en, "row 4 生效日期: must be YYYY-MM-DD, got \"2026/13/01\"");
  EXPECT_EQ(e[3].reason, "第5行「项目编码」在文件中重复：A1");
  EXPECT_EQ(n.status().message(), e[0].reason + "（共9处错误）");

  // Nothing changed: the old list is intact and nothing was audited.
  PriceFilter f;
  EXPECT_EQ(Codes(f).second, 5);
  EXPECT_EQ(Audit(), audit_before);
}

TEST_P(PriceServiceTest, ImportChecksKindHeaderAndRows) {
  Result<int> kind = prices_->Import(kOfficer, "food", Services({Service(2, "A", "B", "1")}));
  EXPECT_EQ(FieldNames(kind.status()), (Strings{"kind"}));

  tabular::Table missing{{"项目编码", "项目名称", "计价单位"}, {{2, {"A", "B", "次"}}}};
  Result<int> header = prices_->Import(kOfficer, "service", missing);
  EXPECT_EQ(FieldNames(header.status()), (Strings{"表头/价格(元)", "表头/生效日期"}));

  // A drug list needs the drug columns.
  Result<int> wrong = prices_->Import(kOfficer, "drug", Services({Service(2, "A", "B", "1")}));
  EXPECT_EQ(FieldNames(wrong.status()),
            (Strings{"表头/药品编码", "表头/药品名称", "表头/规格", "表头/单位"}));

  Result<int> empty = prices_->Import(kOfficer, "service", Services({}));
  EXPECT_EQ(FieldNames(empty.status()), (Strings{"file"}));
  EXPECT_EQ(CountRows(*db_, "price_item"), 0);
  EXPECT_EQ(Audit(), 0);
}

TEST_P(PriceServiceTest, ImportReplacesOnlyTheListOfItsKindAndIsAudited) {
  ImportStandardServices();
  Result<int> drugs = prices_->Import(
      kOfficer, "drug",
      tabular::Table{
          kDrugHeader,
          {{2, {"XJ01", "阿莫西林胶囊", "0.25g*24粒", "盒", "12.80", "某某药业", "2026-02-01"}},
           {3, {"XJ02", "布洛芬缓释胶囊", "0.3g*20粒", "盒", "18.5", "", "2026-02-01"}}}});
  ASSERT_TRUE(drugs.ok()) << Describe(drugs.status());
  EXPECT_EQ(*drugs, 2);

  PriceFilter only_drugs;
  only_drugs.kind = "drug";
  EXPECT_EQ(Codes(only_drugs), std::make_pair(Strings{"XJ01", "XJ02"}, int64_t{2}));
  auto d = prices_->List(only_drugs);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->first[0].spec, "0.25g*24粒");
  EXPECT_EQ(d->first[0].manufacturer, "某某药业");
  EXPECT_EQ(d->first[0].price_fen, 1280);
  EXPECT_EQ(d->first[1].price_fen, 1850);

  PriceFilter both;
  both.limit = 100;
  auto all = Codes(both);
  EXPECT_EQ(all.second, 7);
  EXPECT_EQ(all.first.front(), "110200001");  // services first
  EXPECT_EQ(all.first.back(), "XJ02");

  // Re-importing services replaces the five with one and leaves the drugs alone.
  Result<int> again = prices_->Import(kOfficer, "service",
                                      Services({Service(2, "110200001", "普通门诊诊查费", "12")}));
  ASSERT_TRUE(again.ok()) << Describe(again.status());
  PriceFilter services;
  services.kind = "service";
  EXPECT_EQ(Codes(services).second, 1);
  EXPECT_EQ(Codes(only_drugs).second, 2);

  audit::Filter af;
  af.limit = 1;
  auto last = audit::List(*db_, af);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->first.size(), 1u);
  const audit::Entry& e = last->first[0];
  EXPECT_EQ(e.change.action, "disclosure.price.import");
  EXPECT_EQ(e.change.entity, "price_item");
  EXPECT_EQ(e.change.entity_id, "service");
  EXPECT_EQ(e.change.before_json, "{\"rows\":5}");
  EXPECT_EQ(e.change.after_json, "{\"rows\":1}");
  EXPECT_EQ(e.actor_name, "价格专员");
  EXPECT_EQ(Audit(), 3);
}

TEST_P(PriceServiceTest, ImportsACsvWithBomQuotedCommasAndCrlf) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "项目编码,项目名称,计价单位,价格(元),生效日期\r\n"
      "210300001,\"CT平扫（64排, 增强）\",部位,\"350.00\",2026-03-01\r\n"
      "210300002,\"磁共振平扫\"\"1.5T\"\"\",部位,480,2026-03-01\r\n";
  Result<tabular::Table> t = tabular::ParseCsv(csv);
  ASSERT_TRUE(t.ok()) << Describe(t.status());
  Result<int> n = prices_->Import(kOfficer, "service", *t);
  ASSERT_TRUE(n.ok()) << Describe(n.status());
  EXPECT_EQ(*n, 2);
  PriceFilter f;
  f.q = "增强";
  auto r = prices_->List(f);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->first.size(), 1u);
  EXPECT_EQ(r->first[0].name, "CT平扫（64排, 增强）");
  EXPECT_EQ(r->first[0].price_fen, 35000);
  EXPECT_EQ(r->first[0].effective_from, "2026-03-01");  // no stray \r
  f.q = "平扫";
  EXPECT_EQ(Codes(f).second, 2);

  // A thousands separator is refused, naming the line of the file.
  Result<tabular::Table> bad = tabular::ParseCsv(
      "项目编码,项目名称,计价单位,价格(元),生效日期\r\n"
      "210300003,手术费,次,\"1,200.00\",2026-03-01\r\n");
  ASSERT_TRUE(bad.ok());
  Result<int> refused = prices_->Import(kOfficer, "service", *bad);
  EXPECT_EQ(FieldNames(refused.status()), (Strings{"row 2 / 价格(元)"}));
  EXPECT_EQ(Codes(PriceFilter{}).second, 2);
}

INSTANTIATE_TEST_SUITE_P(Db, PriceServiceTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

}  // namespace
}  // namespace yuanwu::disclosure
