// Tests of XlsxReport: each writes a report into the GoogleTest temp dir and reads it back, with
// ParseXlsx for the values (what an import of the report would see) and with libzip + pugixml
// for what ParseXlsx ignores: styles, comments, sheet names, column widths, the frozen header.
#include "platform/tabular/xlsx_report.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "platform/tabular/table.h"

namespace yuanwu::tabular {
namespace {

using Cells = std::vector<std::string>;

std::string TempPath() {
  static std::atomic<int> n{0};
  return testing::TempDir() + "yw_report_" + std::to_string(getpid()) + "_" + std::to_string(n++) +
         ".xlsx";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One part of the workbook at `path`, or "" if missing.
std::string Part(const std::string& path, const char* name) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) return "";
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

pugi::xml_document Xml(const std::string& path, const char* name) {
  pugi::xml_document doc;
  std::string xml = Part(path, name);
  EXPECT_TRUE(doc.load_buffer(xml.data(), xml.size())) << name << " is not well-formed XML";
  return doc;
}

// The <c> element of cell `ref` ("B2") in sheet1.xml.
pugi::xml_node CellNode(const pugi::xml_document& sheet, const char* ref) {
  return sheet.child("worksheet").child("sheetData").find_node([&](pugi::xml_node n) {
    return std::string_view(n.name()) == "c" && std::string_view(n.attribute("r").value()) == ref;
  });
}

// The cell format (<xf> of cellXfs) a <c> element uses, with its font and fill.
struct Style {
  bool bold = false;
  std::string fill_rgb;  // "" for no fill
};

Style StyleOf(const std::string& path, pugi::xml_node cell) {
  pugi::xml_document styles = Xml(path, "xl/styles.xml");
  pugi::xml_node ss = styles.child("styleSheet");
  int s = cell.attribute("s").as_int(0);
  pugi::xml_node xf =
      ss.child("cellXfs").find_child([&, i = 0](pugi::xml_node) mutable { return i++ == s; });
  Style out;
  int font_id = xf.attribute("fontId").as_int(), fill_id = xf.attribute("fillId").as_int();
  int i = 0;
  for (pugi::xml_node font : ss.child("fonts").children("font")) {
    if (i++ == font_id) out.bold = font.child("b") != nullptr;
  }
  i = 0;
  for (pugi::xml_node fill : ss.child("fills").children("fill")) {
    if (i++ == fill_id) {
      pugi::xml_node pattern = fill.child("patternFill");
      if (std::string_view(pattern.attribute("patternType").value()) == "solid") {
        out.fill_rgb = pattern.child("fgColor").attribute("rgb").value();
      }
    }
  }
  return out;
}

std::vector<std::string> SheetNames(const std::string& path) {
  pugi::xml_document wb = Xml(path, "xl/workbook.xml");
  std::vector<std::string> out;
  for (pugi::xml_node s : wb.child("workbook").child("sheets").children("sheet")) {
    out.push_back(s.attribute("name").value());
  }
  return out;
}

Table ReadBack(const std::string& path) {
  Result<Table> t = ParseXlsx(ReadFile(path));
  EXPECT_TRUE(t.ok()) << t.status().message_en();
  return t.ok() ? *t : Table{};
}

TEST(XlsxReportTest, MarksTheOffendingCellAndExplainsItInAComment) {
  std::string path = TempPath();
  Result<std::unique_ptr<XlsxReport>> r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok()) << r.status().message_en();
  XlsxReport& report = **r;
  Result<XlsxReport::Sheet> sheet =
      report.AddSheet("出院记录", Cells{"行号", "病案号", "出院日期"});
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE(
      report
          .AddRow(*sheet,
                  {{{"12"}, {"BA0012"}, {"2026-13-01", true, "出院日期无效：月份应为 1-12"}}})
          .ok());
  ASSERT_TRUE(report.AddRow(*sheet, {{{"13"}, {"", true, "病案号不能为空"}, {"2026-11-02"}}}).ok());
  ASSERT_TRUE(report.Close().ok());

  Table t = ReadBack(path);
  EXPECT_EQ(t.header, (Cells{"行号", "病案号", "出院日期"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"12", "BA0012", "2026-13-01"}));
  EXPECT_EQ(t.rows[1].cells, (Cells{"13", "", "2026-11-02"}));

  pugi::xml_document sheet1 = Xml(path, "xl/worksheets/sheet1.xml");
  Style marked = StyleOf(path, CellNode(sheet1, "C2"));
  EXPECT_TRUE(marked.bold);
  EXPECT_EQ(marked.fill_rgb, "FFFFC7CE");
  Style marked_empty = StyleOf(path, CellNode(sheet1, "B3"));  // an empty cell can be marked too
  EXPECT_EQ(marked_empty.fill_rgb, "FFFFC7CE");
  Style plain = StyleOf(path, CellNode(sheet1, "B2"));
  EXPECT_FALSE(plain.bold);
  EXPECT_EQ(plain.fill_rgb, "");
  EXPECT_TRUE(StyleOf(path, CellNode(sheet1, "A1")).bold);  // the header

  pugi::xml_document comments = Xml(path, "xl/comments1.xml");
  std::vector<std::pair<std::string, std::string>> found;
  for (pugi::xml_node c : comments.child("comments").child("commentList").children("comment")) {
    std::string text;
    for (pugi::xpath_node run : c.select_nodes(".//t")) text += run.node().text().get();
    found.emplace_back(c.attribute("ref").value(), text);
  }
  EXPECT_EQ(found, (std::vector<std::pair<std::string, std::string>>{
                       {"C2", "出院日期无效：月份应为 1-12"}, {"B3", "病案号不能为空"}}));

  // The header stays in view while scrolling.
  pugi::xml_node pane =
      sheet1.child("worksheet").child("sheetViews").child("sheetView").child("pane");
  EXPECT_STREQ(pane.attribute("state").value(), "frozen");
  EXPECT_EQ(pane.attribute("ySplit").as_int(), 1);
  EXPECT_EQ(SheetNames(path), (Cells{"出院记录"}));
  std::remove(path.c_str());
}

TEST(XlsxReportTest, WritesNumbersAsTheTextTheyWere) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok());
  auto sheet = (*r)->AddSheet("门诊", Cells{"编码", "金额", "科学计数", "百分比"});
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE((*r)->AddRow(*sheet, {{{"000123"}, {"1.50"}, {"1E5"}, {"12%"}}}).ok());
  ASSERT_TRUE((*r)->Close().ok());
  Table t = ReadBack(path);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"000123", "1.50", "1E5", "12%"}));
  pugi::xml_document sheet1 = Xml(path, "xl/worksheets/sheet1.xml");
  for (const char* ref : {"A2", "B2", "C2", "D2"}) {
    EXPECT_STREQ(CellNode(sheet1, ref).attribute("t").value(), "inlineStr") << ref;
  }
  std::remove(path.c_str());
}

TEST(XlsxReportTest, StopsAtTheRowLimitAndSaysSoInTheLastRow) {
  std::string path = TempPath();
  // 5 rows: the header, 3 data rows, the notice.
  auto r = XlsxReport::Create(path, {.max_rows = 5});
  ASSERT_TRUE(r.ok());
  auto sheet = (*r)->AddSheet("就诊记录", Cells{"行号"});
  ASSERT_TRUE(sheet.ok());
  for (int i = 1; i <= 10; ++i) {
    ASSERT_TRUE((*r)->AddRow(*sheet, {{{std::to_string(i)}}}).ok());
  }
  EXPECT_EQ((*r)->dropped_rows(*sheet), 7);
  ASSERT_TRUE((*r)->Close().ok());
  Table t = ReadBack(path);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[2].cells, (Cells{"3"}));
  ASSERT_EQ(t.rows[3].cells.size(), 2u);
  EXPECT_EQ(t.rows[3].line, 5);
  EXPECT_NE(t.rows[3].cells[0].find("已截断：另有 7 行超出 Excel 每个工作表 1,048,576 行的上限"),
            std::string::npos)
      << t.rows[3].cells[0];
  EXPECT_NE(t.rows[3].cells[1].find("Truncated: 7 more rows exceed Excel's limit of 1,048,576"),
            std::string::npos)
      << t.rows[3].cells[1];
  std::remove(path.c_str());
}

TEST(XlsxReportTest, PastTheCommentLimitCellsAreStillMarked) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path, {.max_comments = 1});
  ASSERT_TRUE(r.ok());
  auto sheet = (*r)->AddSheet("抗菌药物", Cells{"药品"});
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE((*r)->AddRow(*sheet, {{{"a", true, "第一条"}}}).ok());
  ASSERT_TRUE((*r)->AddRow(*sheet, {{{"b", true, "第二条"}}}).ok());
  ASSERT_TRUE((*r)->Close().ok());
  pugi::xml_document sheet1 = Xml(path, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(StyleOf(path, CellNode(sheet1, "A3")).fill_rgb, "FFFFC7CE");
  std::string comments = Part(path, "xl/comments1.xml");
  EXPECT_NE(comments.find("第一条"), std::string::npos);
  EXPECT_EQ(comments.find("第二条"), std::string::npos);
  Table t = ReadBack(path);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_NE(t.rows[2].cells[0].find("另有 1 个标红单元格超出本报告批注数上限（1）"),
            std::string::npos)
      << t.rows[2].cells[0];
  EXPECT_NE(t.rows[2].cells[1].find("1 more marked cells have no comment"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxReportTest, MakesSheetNamesAcceptableToExcel) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok());
  const std::string long_name =
      "二〇二六年十一月份全院各临床科室出院患者病案首页质控错误明细表（第一批）";
  for (std::string_view name : {"出院记录", "出院记录", "路径/变异[1]", "'引号'", "",
                                long_name.c_str(), long_name.c_str()}) {
    ASSERT_TRUE((*r)->AddSheet(name, Cells{"a"}).ok()) << name;
  }
  ASSERT_TRUE((*r)->Close().ok());
  std::vector<std::string> names = SheetNames(path);
  ASSERT_EQ(names.size(), 7u);
  EXPECT_EQ(names[0], "出院记录");
  EXPECT_EQ(names[1], "出院记录(2)");
  EXPECT_EQ(names[2], "路径_变异_1_");
  EXPECT_EQ(names[3], "引号");
  EXPECT_EQ(names[4], "工作表");
  EXPECT_EQ(names[5], "二〇二六年十一月份全院各临床科室出院患者病案首页质控错误明细表");  // 31
  EXPECT_EQ(names[6], "二〇二六年十一月份全院各临床科室出院患者病案首页质控错误(2)");
  std::remove(path.c_str());
}

TEST(XlsxReportTest, KeepsStrangeTextReadable) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok());
  auto sheet = (*r)->AddSheet("文本", Cells{"a", "b", "c"});
  auto controls = (*r)->AddSheet("控制字符", Cells{"a"});
  ASSERT_TRUE(sheet.ok() && controls.ok());
  std::string huge(40000, 'x');
  ASSERT_TRUE(
      (*r)->AddRow(*sheet, {{{huge, true, "太长\x01了"}, {"GBK\xD5\xC5"}, {"_x0041_ stays"}}})
          .ok());
  ASSERT_TRUE((*r)->AddRow(*controls, {{{"tab\tcontrol\x02"}}}).ok());
  ASSERT_TRUE((*r)->Close().ok());
  Table t = ReadBack(path);
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_EQ(t.rows[0].cells.size(), 3u);
  EXPECT_EQ(t.rows[0].cells[0], std::string(32766, 'x') + "…");  // Excel's 32,767 characters
  EXPECT_EQ(t.rows[0].cells[1], "GBK\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(t.rows[0].cells[2], "_x0041_ stays");  // not read as the escape for "A"
  // Control characters in cells: libxlsxwriter escapes them; Excel shows them as they were.
  EXPECT_NE(Part(path, "xl/worksheets/sheet2.xml").find("tab\tcontrol_x0002_"), std::string::npos);
  // In a comment it would make the XML unreadable, so it is replaced.
  pugi::xml_document comments = Xml(path, "xl/comments1.xml");
  EXPECT_NE(Part(path, "xl/comments1.xml").find("太长\xEF\xBF\xBD了"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxReportTest, SizesColumnsForChineseText) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok());
  auto sheet = (*r)->AddSheet("宽度", Cells{"行号", "诊断名称", "x"});
  ASSERT_TRUE(sheet.ok());
  ASSERT_TRUE(
      (*r)->AddRow(*sheet, {{{"1"}, {"原发性高血压病三级极高危组"}, {std::string(500, 'y')}}})
          .ok());
  ASSERT_TRUE((*r)->Close().ok());
  pugi::xml_document sheet1 = Xml(path, "xl/worksheets/sheet1.xml");
  std::vector<double> widths;
  for (pugi::xml_node col : sheet1.child("worksheet").child("cols").children("col")) {
    widths.push_back(col.attribute("width").as_double());
  }
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_GE(widths[0], 6);  // "行号": 4 units + margin
  EXPECT_LT(widths[0], 10);
  EXPECT_GE(widths[1], 28);  // 13 Chinese characters
  EXPECT_LT(widths[1], 34);
  EXPECT_LE(widths[2], 61);  // capped
  std::remove(path.c_str());
}

TEST(XlsxReportTest, AnUnwritablePathFailsAtCreate) {
  Result<std::unique_ptr<XlsxReport>> r =
      XlsxReport::Create(testing::TempDir() + "no_such_dir_yw/report.xlsx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(XlsxReportTest, SheetsCanBeFilledInTurn) {
  std::string path = TempPath();
  auto r = XlsxReport::Create(path);
  ASSERT_TRUE(r.ok());
  auto a = (*r)->AddSheet("甲", Cells{"k"});
  auto b = (*r)->AddSheet("乙", Cells{"k"});
  ASSERT_TRUE(a.ok() && b.ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*r)->AddRow(*a, {{{"a" + std::to_string(i)}}}).ok());
    ASSERT_TRUE(
        (*r)->AddRow(*b, {{{"b" + std::to_string(i), true, "c" + std::to_string(i)}}}).ok());
  }
  ASSERT_TRUE((*r)->Close().ok());
  Table t = ReadBack(path);  // the first sheet
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].cells, (Cells{"a2"}));
  pugi::xml_document sheet2 = Xml(path, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(StyleOf(path, CellNode(sheet2, "A4")).fill_rgb, "FFFFC7CE");
  // Comment parts are numbered over the sheets that have comments: sheet2's is the first.
  EXPECT_NE(Part(path, "xl/worksheets/_rels/sheet2.xml.rels").find("comments1.xml"),
            std::string::npos);
  EXPECT_NE(Part(path, "xl/comments1.xml").find("c2"), std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace yuanwu::tabular
