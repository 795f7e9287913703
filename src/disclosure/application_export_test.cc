// The annual table 三 as XLSX, read back with the importer's own XLSX reader: the exact row
// labels of the format, the 勾稽关系 note, the column headings, the numbers in their cells, and
// the consultation figure.
#include "disclosure/application_export.h"

#include <gtest/gtest.h>

#include "platform/tabular/table.h"

namespace yuanwu::disclosure {
namespace {

// Every row of the sheet (the reader takes the first row as the header).
std::vector<std::vector<std::string>> Rows(const tabular::Table& t) {
  std::vector<std::vector<std::string>> out = {t.header};
  for (const tabular::Row& r : t.rows) out.push_back(r.cells);
  return out;
}

// The row whose first cell, trimmed of its indentation, is `label`.
const std::vector<std::string>* RowLabelled(const std::vector<std::vector<std::string>>& rows,
                                            const std::string& label) {
  for (const auto& r : rows) {
    if (r.empty()) continue;
    std::string first = r[0];
    first.erase(0, first.find_first_not_of(' '));
    if (first == label) return &r;
  }
  return nullptr;
}

bool AnyCell(const std::vector<std::vector<std::string>>& rows, const std::string& text) {
  for (const auto& r : rows) {
    for (const std::string& c : r) {
      if (c.find(text) != std::string::npos) return true;
    }
  }
  return false;
}

AnnualReport Sample(bool complete) {
  std::vector<ApplicationRecord> records = {
      {"YSQ-2025-0001", ApplicantKind::kNaturalPerson, Date{2025, 12, 22}, Outcome::kOpen,
       Date{2026, 1, 8}},
      {"YSQ-2026-0001", ApplicantKind::kBusiness, Date{2026, 1, 5}, Outcome::kThirdParty,
       Date{2026, 1, 20}},
      {"YSQ-2026-0002", ApplicantKind::kLegalServices, Date{2026, 3, 2}, Outcome::kPartial,
       Date{2026, 3, 20}},
      {"YSQ-2026-0003", ApplicantKind::kNaturalPerson, Date{2026, 12, 28}, std::nullopt,
       std::nullopt},
  };
  Result<AnnualTable> t = BuildAnnualTable(2026, records);
  EXPECT_TRUE(t.ok());
  AnnualReport r;
  if (t.ok()) r.table = *t;
  r.complete = complete;
  r.consultations = {7, 6};
  return r;
}

TEST(ApplicationExportTest, TheWorkbookHasTheFormatsLabelsAndTheNumbers) {
  Result<std::string> xlsx = AnnualTableXlsx(Sample(true));
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  Result<tabular::Table> table = tabular::ParseXlsx(*xlsx);
  ASSERT_TRUE(table.ok()) << table.status().message();
  auto rows = Rows(*table);
  EXPECT_EQ(rows[0][0], "2026年收到和处理政府信息公开申请情况");
  EXPECT_TRUE(
      AnyCell(rows, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"));
  for (const char* heading : {"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
                              "社会公益组织", "法律服务机构", "其他", "总计"}) {
    EXPECT_TRUE(AnyCell(rows, heading)) << heading;
  }
  // Columns: label, 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
  const auto* received = RowLabelled(rows, "一、本年新收政府信息公开申请数量");
  ASSERT_NE(received, nullptr);
  EXPECT_EQ(*received, (std::vector<std::string>{"一、本年新收政府信息公开申请数量", "1", "1", "0",
                                                 "0", "1", "0", "3"}));
  const auto* carried_in = RowLabelled(rows, "二、上年结转政府信息公开申请数量");
  ASSERT_NE(carried_in, nullptr);
  EXPECT_EQ((*carried_in)[1], "1");
  EXPECT_EQ((*carried_in)[7], "1");
  const auto* partial =
      RowLabelled(rows, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ((*partial)[5], "1");
  const auto* third_party = RowLabelled(rows, "4.保护第三方合法权益");
  ASSERT_NE(third_party, nullptr);
  EXPECT_EQ((*third_party)[2], "1");
  EXPECT_EQ((*third_party)[7], "1");
  const auto* total = RowLabelled(rows, "（七）总计");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ((*total)[7], "3");
  const auto* carried_out = RowLabelled(rows, "四、结转下年度继续办理");
  ASSERT_NE(carried_out, nullptr);
  EXPECT_EQ((*carried_out)[1], "1");
  for (const char* label :
       {"三、本年度办理结果", "（一）予以公开", "（三）不予公开", "1.属于国家秘密",
        "8.属于行政查询事项", "（四）无法提供", "3.补正后申请内容仍不明确", "（五）不予处理",
        "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "3.其他"}) {
    EXPECT_NE(RowLabelled(rows, label), nullptr) << label;
  }
  EXPECT_TRUE(AnyCell(rows, "信息公开咨询：本年受理 7 件，已答复 6 件。"));
  EXPECT_FALSE(AnyCell(rows, "有权查看"));
}

TEST(ApplicationExportTest, APartialTableSaysSo) {
  Result<std::string> xlsx = AnnualTableXlsx(Sample(false));
  ASSERT_TRUE(xlsx.ok());
  Result<tabular::Table> table = tabular::ParseXlsx(*xlsx);
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(AnyCell(Rows(*table), "本表只统计导出人有权查看的申请"));
  EXPECT_EQ(AnnualTableFileName(2026), "2026年收到和处理政府信息公开申请情况.xlsx");
}

}  // namespace
}  // namespace yuanwu::disclosure
