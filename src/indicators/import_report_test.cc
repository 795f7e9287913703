// The import's error report as a user opens it: the list of findings first, then the flagged
// rows with the offending cells marked — written while the import runs (ImportReportThread).
#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <pugixml.hpp>

#include "indicators/import_report_thread.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

RecordFinding At(int64_t line, std::string field, std::string value, Severity severity,
                 std::string message) {
  RecordFinding f;
  f.line = line;
  f.key = "BA" + std::to_string(line) + "|1";
  f.finding.field = std::move(field);
  f.finding.value = std::move(value);
  f.finding.rule = "test.rule";
  f.finding.severity = severity;
  f.finding.message = std::move(message);
  f.finding.message_en = "reason";
  return f;
}

FlaggedRow Row(int64_t line, std::vector<std::string> cells) { return FlaggedRow{line, cells}; }

// One part of the workbook, "" if missing.
std::string Part(const std::string& xlsx, const char* name) {
  zip_error_t error;
  zip_source_t* src = zip_source_buffer_create(xlsx.data(), xlsx.size(), 0, &error);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (z == nullptr) {
    zip_source_free(src);
    return "";
  }
  std::string out;
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) == 0) {
    zip_file_t* f = zip_fopen(z, name, 0);
    out.resize(st.size);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

// "A2" → the <c> of that cell in a sheet part, with its text and whether it has a style.
struct SheetCell {
  std::string text;
  bool styled = false;
};
std::map<std::string, SheetCell> Cells(const std::string& sheet_xml) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_buffer(sheet_xml.data(), sheet_xml.size()));
  std::map<std::string, SheetCell> out;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    for (pugi::xml_node c : row.children("c")) {
      SheetCell& cell = out[c.attribute("r").value()];
      cell.text = c.child("is").child("t").text().get();
      cell.styled = !c.attribute("s").empty();
    }
  }
  return out;
}

TEST(ImportReportTest, ListsEveryFindingAndRepeatsTheFlaggedRowsWithTheirCellsMarked) {
  const std::vector<std::string> header = {"bah", "XB", "ZFY"};  // as written in the file
  const std::vector<std::string> canonical = {"BAH", "XB", "ZFY"};
  std::future<Result<std::string>> done;
  {
    ImportReportThread report("出院.csv", header, canonical);
    // Two chunks; the second has a finding about the record as a whole (no column).
    report.Add({Row(3, {"BA3", "3", "100.00"})},
               {At(3, "XB", "3", Severity::kError, "性别代码无效")});
    report.Add({Row(7, {"BA7", "1", "-5"})},
               {At(7, "ZFY", "-5", Severity::kError, "总费用不能为负"),
                At(7, "", "", Severity::kWarning, "整条记录的提示")});
    std::vector<RecordFinding> all = {At(7, "ZFY", "-5", Severity::kReject, "总费用不能为负"),
                                      At(3, "XB", "3", Severity::kError, "性别代码无效")};
    done = report.Finish(all, false);
  }
  Result<std::string> xlsx = done.get();
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message_en();

  // The first sheet is the list, in the order given (the importer puts rejections first).
  Result<tabular::Table> list = tabular::ParseXlsx(*xlsx);
  ASSERT_TRUE(list.ok()) << list.status().message_en();
  ASSERT_EQ(list->rows.size(), 2u);
  EXPECT_EQ(list->rows[0].cells[0], "出院.csv");
  EXPECT_EQ(list->rows[0].cells[1], "7");
  EXPECT_EQ(list->rows[0].cells[3], "ZFY");
  EXPECT_EQ(list->rows[0].cells[4], "-5");
  EXPECT_EQ(list->rows[0].cells[5], "拒收 reject");
  EXPECT_EQ(list->rows[0].cells[7], "总费用不能为负");
  EXPECT_EQ(list->rows[1].cells[1], "3");

  // The second sheet: line number, then the cells as written; the finding's column is marked.
  std::map<std::string, SheetCell> rows = Cells(Part(*xlsx, "xl/worksheets/sheet2.xml"));
  EXPECT_EQ(rows["B1"].text, "bah");
  EXPECT_EQ(rows["A2"].text, "3");
  EXPECT_EQ(rows["C2"].text, "3");
  EXPECT_TRUE(rows["C2"].styled);   // XB of line 3
  EXPECT_FALSE(rows["B2"].styled);  // its BAH is fine
  EXPECT_EQ(rows["A3"].text, "7");
  EXPECT_TRUE(rows["D3"].styled);  // ZFY of line 7
  EXPECT_TRUE(rows["A3"].styled);  // the record-level note sits on the line number
  std::string comments = Part(*xlsx, "xl/comments2.xml");
  if (comments.empty()) comments = Part(*xlsx, "xl/comments1.xml");
  EXPECT_NE(comments.find("性别代码无效"), std::string::npos);
  EXPECT_NE(comments.find("整条记录的提示"), std::string::npos);
}

TEST(ImportReportTest, AReportThatIsNeverFinishedEndsItsThread) {
  // The importer drops the report when it returns early (a database error): the destructor
  // must stop the thread (a hang or a crash here otherwise).
  ImportReportThread report("f.csv", {"BAH"}, {"BAH"});
  report.Add({Row(2, {"BA2"})}, {At(2, "BAH", "BA2", Severity::kError, "x")});
}

}  // namespace
}  // namespace yuanwu::indicators
