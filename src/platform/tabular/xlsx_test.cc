// Tests of the XLSX reader (ParseXlsx) and of ParseUpload.
//
// Workbooks are written in the test with libxlsxwriter into the GoogleTest temp dir, so they are
// real XLSX files; hand-written SpreadsheetML parts are zipped with libzip where a case is easier
// to state as XML (inline strings, missing attributes, broken parts).
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "platform/tabular/table.h"

namespace yuanwu::tabular {
namespace {

using Cells = std::vector<std::string>;
using Entries = std::vector<std::pair<std::string, std::string>>;

// ---- Helpers: temp files, workbooks and zips ----

std::string TempPath(const char* ext) {
  static std::atomic<int> n{0};
  return testing::TempDir() + "yw_tabular_" + std::to_string(getpid()) + "_" + std::to_string(n++) +
         ext;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// Writes a workbook with libxlsxwriter and returns the file's bytes.
std::string Workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                     bool constant_memory = false) {
  std::string path = TempPath(".xlsx");
  lxw_workbook_options opts = {};
  opts.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  EXPECT_NE(wb, nullptr);
  if (wb == nullptr) return "";
  lxw_worksheet* ws = workbook_add_worksheet(wb, "人员");
  fill(wb, ws);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = ReadFile(path);
  std::remove(path.c_str());
  return bytes;
}

// A new zip holding exactly `entries`.
std::string Zip(const Entries& entries) {
  std::string path = TempPath(".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr) << "zip_open error " << err;
  if (z == nullptr) return "";
  for (const auto& [name, content] : entries) {
    // libzip reads the buffer at zip_close; `entries` outlives it.
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string bytes = ReadFile(path);
  std::remove(path.c_str());
  return bytes;
}

// `xlsx` with the entry `name` deleted (content == nullptr) or replaced or added.
std::string Edit(std::string_view xlsx, const std::string& name, const std::string* content) {
  std::string path = TempPath(".xlsx");
  WriteFile(path, xlsx);
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  EXPECT_NE(z, nullptr);
  if (z == nullptr) return "";
  if (content == nullptr) {
    zip_int64_t i = zip_name_locate(z, name.c_str(), 0);
    EXPECT_GE(i, 0) << name;
    EXPECT_EQ(zip_delete(z, static_cast<zip_uint64_t>(i)), 0);
  } else {
    zip_source_t* src = zip_source_buffer(z, content->data(), content->size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string bytes = ReadFile(path);
  std::remove(path.c_str());
  return bytes;
}

// One entry of a zip, or "" if it is missing.
std::string Entry(std::string_view xlsx, const char* name) {
  std::string path = TempPath(".xlsx");
  WriteFile(path, xlsx);
  std::string out;
  int err = 0;
  if (zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err)) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) == 0) {
      out.resize(st.size);
      zip_file_t* f = zip_fopen(z, name, 0);
      if (f != nullptr) {
        zip_fread(f, out.data(), st.size);
        zip_fclose(f);
      }
    }
    zip_discard(z);
  }
  std::remove(path.c_str());
  return out;
}

constexpr const char* kNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kRels = "xl/_rels/workbook.xml.rels";

// A worksheet part with `sheet_data` (the inside of <sheetData>).
std::string SheetXml(const std::string& sheet_data) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + "<worksheet xmlns=\"" + kNs +
         "\"><sheetData>" + sheet_data + "</sheetData></worksheet>";
}

// A worksheet whose only cell is A1 = `n`: tells which part was read.
std::string NumberedSheet(int n) {
  return SheetXml("<row r=\"1\"><c r=\"A1\"><v>" + std::to_string(n) + "</v></c></row>");
}

// xl/workbook.xml with one tab per relationship id, in this order.
std::string WorkbookXml(const std::vector<std::string>& ids) {
  std::string x =
      std::string("<workbook xmlns=\"") + kNs + "\" xmlns:r=\"" + kRelNs + "\"><sheets>";
  for (size_t i = 0; i < ids.size(); ++i) {
    x += "<sheet name=\"表" + std::to_string(i + 1) + "\" sheetId=\"" + std::to_string(i + 1) +
         "\" r:id=\"" + ids[i] + "\"/>";
  }
  return x + "</sheets></workbook>";
}

struct Rel {
  std::string id;
  std::string type;  // the end of the Type URI: "worksheet", "sharedStrings", "styles"
  std::string target;
};

// xl/_rels/workbook.xml.rels.
std::string RelsXml(const std::vector<Rel>& rels) {
  std::string x = std::string("<Relationships xmlns=\"") + kPackageRelNs + "\">";
  for (const Rel& r : rels) {
    x += "<Relationship Id=\"" + r.id + "\" Type=\"" + kRelNs + "/" + r.type + "\" Target=\"" +
         r.target + "\"/>";
  }
  return x + "</Relationships>";
}

// A minimal XLSX: sheet1.xml with `sheet_data` (the inside of <sheetData>), and a shared string
// table if `shared` is given.
std::string HandMade(const std::string& sheet_data, const std::vector<std::string>& shared = {}) {
  Entries e;
  e.emplace_back("xl/worksheets/sheet1.xml", SheetXml(sheet_data));
  if (!shared.empty()) {
    std::string sst =
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kNs + "\">";
    for (const std::string& si : shared) sst += "<si>" + si + "</si>";
    e.emplace_back("xl/sharedStrings.xml", sst + "</sst>");
  }
  return Zip(e);
}

Table Parse(std::string_view xlsx) {
  Result<Table> t = ParseXlsx(xlsx);
  EXPECT_TRUE(t.ok()) << t.status().message_en();
  return t.ok() ? *t : Table{};
}

std::vector<int> Lines(const Table& t) {
  std::vector<int> out;
  for (const Row& r : t.rows) out.push_back(r.line);
  return out;
}

// message_en must be plain ASCII: no Chinese, nor full-width punctuation such as ：or （.
bool NonAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

// Every XLSX error: invalid_argument on "file", a Chinese message and an English one.
void ExpectFileError(const Result<Table>& t, const std::string& en_part = "") {
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(t.status().fields().size(), 1u);
  EXPECT_EQ(t.status().fields()[0].field, "file");
  EXPECT_NE(t.status().message().find("文件"), std::string::npos) << t.status().message();
  EXPECT_FALSE(t.status().message_en().empty());
  EXPECT_FALSE(NonAscii(t.status().message_en())) << t.status().message_en();
  EXPECT_EQ(t.status().fields()[0].reason, t.status().message());
  EXPECT_EQ(t.status().fields()[0].reason_en, t.status().message_en());
  EXPECT_NE(t.status().message_en().find(en_part), std::string::npos) << t.status().message_en();
}

// The staff sheet most tests read:
//   row 1  header (one name padded with spaces)
//   row 2  strings, Chinese, a phone and a price as numbers, a date-looking string
//   row 3  nothing at all
//   row 4  cells with a format but no value, and a whitespace-only string: blank
//   row 5  sparse: A, C and E only (B and D missing)
//   row 6  a real date cell, a boolean, a formula with a cached string result
std::string StaffWorkbook(bool constant_memory = false) {
  return Workbook(
      [](lxw_workbook* wb, lxw_worksheet* ws) {
        lxw_format* bold = workbook_add_format(wb);
        format_set_bold(bold);
        lxw_format* date = workbook_add_format(wb);
        format_set_num_format(date, "yyyy-mm-dd");
        const char* header[] = {"工号", "  姓名 ", "科室编码", "手机", "价格(元)", "生效日期"};
        for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 0, c, header[c], bold);
        worksheet_write_string(ws, 1, 0, "1001", nullptr);
        worksheet_write_string(ws, 1, 1, "张三", nullptr);
        worksheet_write_string(ws, 1, 2, "XNK", nullptr);
        worksheet_write_number(ws, 1, 3, 13800138000.0, nullptr);
        worksheet_write_number(ws, 1, 4, 12.5, nullptr);
        worksheet_write_string(ws, 1, 5, "2026-07-01", nullptr);
        worksheet_write_blank(ws, 3, 0, bold);
        worksheet_write_string(ws, 3, 1, "   ", nullptr);
        worksheet_write_blank(ws, 3, 5, bold);
        worksheet_write_string(ws, 4, 0, "1002", nullptr);
        worksheet_write_string(ws, 4, 2, "心内科", nullptr);
        worksheet_write_number(ws, 4, 4, 0, nullptr);
        worksheet_write_string(ws, 5, 0, "1003", nullptr);
        worksheet_write_string(ws, 5, 1, "张三", nullptr);  // repeated: one shared string
        worksheet_write_boolean(ws, 5, 2, 1, nullptr);
        worksheet_write_formula_str(ws, 5, 3, "=\"甲\"&\"乙\"", nullptr, "甲乙");
        worksheet_write_number(ws, 5, 4, 3.75, nullptr);
        lxw_datetime d = {2026, 7, 1, 0, 0, 0};
        worksheet_write_datetime(ws, 5, 5, &d, date);
      },
      constant_memory);
}

// ---- Reading libxlsxwriter workbooks ----

TEST(ParseXlsxTest, ReadsAWorkbookWrittenWithSharedStrings) {
  std::string xlsx = StaffWorkbook();
  ASSERT_FALSE(xlsx.empty());
  // The premise: libxlsxwriter's default is a shared string table.
  EXPECT_NE(Entry(xlsx, "xl/sharedStrings.xml").find("张三"), std::string::npos);
  EXPECT_NE(Entry(xlsx, "xl/worksheets/sheet1.xml").find("t=\"s\""), std::string::npos);
  Table t = Parse(xlsx);
  EXPECT_EQ(t.header, (Cells{"工号", "姓名", "科室编码", "手机", "价格(元)", "生效日期"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1001", "张三", "XNK", "13800138000", "12.5", "2026-07-01"}));
}

TEST(ParseXlsxTest, TrimsTheHeader) {
  Table t = Parse(StaffWorkbook());
  EXPECT_EQ(t.Column("姓名"), 1);
  EXPECT_EQ(t.Column("  姓名 "), -1);
}

TEST(ParseXlsxTest, RowNumbersAreTheSheetsRowNumbers) {
  Table t = Parse(StaffWorkbook());
  EXPECT_EQ(Lines(t), (std::vector<int>{2, 5, 6}));
}

TEST(ParseXlsxTest, SkipsMissingRowsAndRowsOfFormattedBlankCells) {
  std::string xlsx = StaffWorkbook();
  // The premise: row 4 is in the sheet, with cells that have a style and no value.
  EXPECT_NE(Entry(xlsx, "xl/worksheets/sheet1.xml").find("<row r=\"4\""), std::string::npos);
  for (const Row& r : Parse(xlsx).rows) {
    EXPECT_NE(r.line, 3);
    EXPECT_NE(r.line, 4);
  }
}

TEST(ParseXlsxTest, AMissingCellInTheMiddleOfARowIsEmpty) {
  Table t = Parse(StaffWorkbook());
  ASSERT_EQ(t.rows.size(), 3u);
  // Row 5 has A, C and E: B and D are empty, and the row ends at E.
  EXPECT_EQ(t.rows[1].cells, (Cells{"1002", "", "心内科", "", "0"}));
}

TEST(ParseXlsxTest, NumbersComeBackAsWrittenInTheFile) {
  Table t = Parse(StaffWorkbook());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells[3], "13800138000");  // not 1.38001E+10
  EXPECT_EQ(t.rows[0].cells[4], "12.5");
  EXPECT_EQ(t.rows[1].cells[4], "0");
  EXPECT_EQ(t.rows[2].cells[4], "3.75");
}

TEST(ParseXlsxTest, ADateLookingStringStaysAString) {
  Table t = Parse(StaffWorkbook());
  EXPECT_EQ(t.rows[0].cells[5], "2026-07-01");
}

// The parser returns cells as written: a date-formatted cell is Excel's day number. Importers turn
// date columns into YYYY-MM-DD with NormalizeDateCell (see csv_test.cc).
TEST(ParseXlsxTest, ADateCellComesBackAsItsSerialNumber) {
  Table t = Parse(StaffWorkbook());
  EXPECT_EQ(t.rows[2].cells[5], "46204");
  EXPECT_EQ(NormalizeDateCell(t.rows[2].cells[5]), "2026-07-01");
}

TEST(ParseXlsxTest, BooleansAndFormulaResultsAreTheirCachedValues) {
  Table t = Parse(StaffWorkbook());
  EXPECT_EQ(t.rows[2].cells[2], "1");
  EXPECT_EQ(t.rows[2].cells[3], "甲乙");
}

TEST(ParseXlsxTest, ReadsAWorkbookWrittenWithInlineStrings) {
  // libxlsxwriter's constant_memory mode writes every string inline.
  std::string xlsx = StaffWorkbook(/*constant_memory=*/true);
  EXPECT_NE(Entry(xlsx, "xl/worksheets/sheet1.xml").find("t=\"inlineStr\""), std::string::npos);
  Table t = Parse(xlsx);
  EXPECT_EQ(t.header, (Cells{"工号", "姓名", "科室编码", "手机", "价格(元)", "生效日期"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"1001", "张三", "XNK", "13800138000", "12.5", "2026-07-01"}));
  EXPECT_EQ(t.rows[1].cells, (Cells{"1002", "", "心内科", "", "0"}));
  EXPECT_EQ(Lines(t), (std::vector<int>{2, 5, 6}));
}

TEST(ParseXlsxTest, JoinsTheRunsOfARichString) {
  std::string xlsx = Workbook([](lxw_workbook* wb, lxw_worksheet* ws) {
    lxw_format* red = workbook_add_format(wb);
    format_set_font_color(red, LXW_COLOR_RED);
    worksheet_write_string(ws, 0, 0, "药品名称", nullptr);
    char a[] = "阿莫西林", b[] = "胶囊";
    lxw_rich_string_tuple f1 = {nullptr, a}, f2 = {red, b};
    lxw_rich_string_tuple* rich[] = {&f1, &f2, nullptr};
    worksheet_write_rich_string(ws, 1, 0, rich, nullptr);
  });
  Table t = Parse(xlsx);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"阿莫西林胶囊"}));
}

TEST(ParseXlsxTest, AHeaderBelowEmptyRowsIsFound) {
  std::string xlsx = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    worksheet_write_string(ws, 2, 1, "编码", nullptr);
    worksheet_write_string(ws, 2, 2, "名称", nullptr);
    worksheet_write_string(ws, 3, 1, "A1", nullptr);
    worksheet_write_string(ws, 3, 2, "甲", nullptr);
  });
  Table t = Parse(xlsx);
  // Column A is empty everywhere, so it is an empty column, not dropped.
  EXPECT_EQ(t.header, (Cells{"", "编码", "名称"}));
  EXPECT_EQ(t.Column("编码"), 1);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 4);
  EXPECT_EQ(t.rows[0].cells, (Cells{"", "A1", "甲"}));
}

TEST(ParseXlsxTest, ReadsOnlyTheFirstWorksheet) {
  std::string xlsx = Workbook([](lxw_workbook* wb, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "第一张", nullptr);
    lxw_worksheet* second = workbook_add_worksheet(wb, "说明");
    worksheet_write_string(second, 0, 0, "第二张", nullptr);
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"第一张"}));
}

// ---- Hand-written SpreadsheetML ----

TEST(ParseXlsxTest, ReadsHandWrittenInlineStrings) {
  Table t = Parse(HandMade(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>编码</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> YP1 </t></is></c>"
      "<c r=\"B2\" "
      "t=\"inlineStr\"><is><r><t>阿莫</t></r><r><rPr><b/></rPr><t>西林</t></r></is></c></row>"));
  EXPECT_EQ(t.header, (Cells{"编码", "名称"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"YP1", "阿莫西林"}));
}

TEST(ParseXlsxTest, ResolvesHandWrittenSharedStrings) {
  Table t = Parse(
      HandMade("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
               "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\"><v>5.8</v></c></row>",
               {"<t>编码</t>", "<t>价格(元)</t>", "<r><t>YP</t></r><r><t>100001</t></r>"}));
  EXPECT_EQ(t.header, (Cells{"编码", "价格(元)"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.rows[0].cells, (Cells{"YP100001", "5.8"}));
}

TEST(ParseXlsxTest, DecodesXmlEscapes) {
  Table t =
      Parse(HandMade("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&amp;b</t></is></c></row>"
                     "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lt;5&gt; &quot;寸&quot; "
                     "&#20013;</t></is></c></row>"));
  EXPECT_EQ(t.header, (Cells{"a&b"}));
  EXPECT_EQ(t.rows[0].cells, (Cells{"<5> \"寸\" 中"}));
}

TEST(ParseXlsxTest, CellsWithoutAReferenceFollowThePreviousCell) {
  Table t =
      Parse(HandMade("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c><c "
                     "t=\"inlineStr\"><is><t>b</t></is></c></row>"
                     "<row r=\"2\"><c r=\"B2\"><v>2</v></c><c><v>3</v></c></row>"));
  EXPECT_EQ(t.header, (Cells{"a", "b"}));
  EXPECT_EQ(t.rows[0].cells, (Cells{"", "2", "3"}));
}

TEST(ParseXlsxTest, ReadsColumnsBeyondZ) {
  Table t = Parse(HandMade("<row r=\"1\"><c r=\"AB1\"><v>1</v></c></row>"));
  ASSERT_EQ(t.header.size(), 28u);
  EXPECT_EQ(t.header[27], "1");
}

// BUG (reported, not fixed): <row> may leave out r (ECMA-376 §18.3.1.73: optional; some streaming
// writers do), and then every row gets line 0 — import errors say 第0行.
TEST(ParseXlsxTest, RowsWithoutANumberAreCountedFromOne) {
  Table t =
      Parse(HandMade("<row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                     "<row><c><v>1</v></c></row><row><c><v>2</v></c></row>"));
  EXPECT_EQ(Lines(t), (std::vector<int>{2, 3}));
}

// Fixed with this test: the first sheet was taken to be xl/worksheets/sheet1.xml instead of
// following xl/workbook.xml and its relationships; a workbook whose first tab is stored under
// another part name was refused with "the first worksheet is missing" (or the wrong sheet read).
TEST(ParseXlsxTest, FindsTheFirstSheetThroughTheWorkbook) {
  std::string sheet = std::string("<worksheet xmlns=\"") + kNs +
                      "\"><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData></worksheet>";
  std::string xlsx = Zip({
      {"xl/workbook.xml",
       std::string("<workbook xmlns=\"") + kNs +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<sheets><sheet name=\"数据\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/worksheet\" Target=\"worksheets/data.xml\"/></Relationships>"},
      {"xl/worksheets/data.xml", sheet},
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"1"}));
}

// Fixed with this test: elements were matched by their prefixed name, so SpreadsheetML written
// with a namespace prefix (<x:worksheet xmlns:x="…">, as some .NET Open XML writers do) read as
// "the worksheet is empty".
TEST(ParseXlsxTest, ReadsSpreadsheetMlWithANamespacePrefix) {
  std::string xlsx =
      Zip({{"xl/worksheets/sheet1.xml",
            std::string("<x:worksheet xmlns:x=\"") + kNs +
                "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>7</x:v></x:c></x:row>"
                "</x:sheetData></x:worksheet>"}});
  EXPECT_EQ(Parse(xlsx).header, (Cells{"7"}));
}

// Excel keeps a tab's part name when the tab is moved: here the first tab is sheet3.xml.
TEST(ParseXlsxTest, TheFirstSheetIsTheWorkbooksFirstTab) {
  std::string xlsx = Zip({
      {"xl/workbook.xml", WorkbookXml({"rId3", "rId1"})},
      {kRels, RelsXml({{"rId1", "worksheet", "worksheets/sheet1.xml"},
                       {"rId2", "styles", "styles.xml"},
                       {"rId3", "worksheet", "worksheets/sheet3.xml"}})},
      {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
      {"xl/worksheets/sheet3.xml", NumberedSheet(3)},
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"3"}));
}

// A Target starting with '/' is from the root of the package, not from xl/.
TEST(ParseXlsxTest, FollowsAnAbsoluteTarget) {
  std::string xlsx = Zip({
      {"xl/workbook.xml", WorkbookXml({"rId1"})},
      {kRels, RelsXml({{"rId1", "worksheet", "/xl/worksheets/data.xml"}})},
      {"xl/worksheets/data.xml", NumberedSheet(2)},
      {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"2"}));
}

TEST(ParseXlsxTest, ResolvesDotSegmentsInATarget) {
  for (const char* target : {"../xl/worksheets/data.xml", "./worksheets/../worksheets/data.xml",
                             "worksheets//data.xml", "/../../xl/worksheets/data.xml"}) {
    SCOPED_TRACE(target);
    std::string xlsx = Zip({
        {"xl/workbook.xml", WorkbookXml({"rId1"})},
        {kRels, RelsXml({{"rId1", "worksheet", target}})},
        {"xl/worksheets/data.xml", NumberedSheet(2)},
        {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
    });
    EXPECT_EQ(Parse(xlsx).header, (Cells{"2"}));
  }
}

TEST(ParseXlsxTest, FindsTheSharedStringsThroughTheRels) {
  auto sst = [](const char* text) {
    return std::string("<sst xmlns=\"") + kNs + "\"><si><t>" + text + "</t></si></sst>";
  };
  std::string xlsx = Zip({
      {"xl/workbook.xml", WorkbookXml({"rId1"})},
      {kRels, RelsXml({{"rId1", "worksheet", "worksheets/sheet1.xml"},
                       {"rId2", "sharedStrings", "/xl/strings/table.xml"}})},
      {"xl/worksheets/sheet1.xml", SheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")},
      {"xl/strings/table.xml", sst("经由关系")},
      {"xl/sharedStrings.xml", sst("默认位置")},
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"经由关系"}));
}

// Without the rels, or without the workbook, there is nothing to follow: Excel's part names are
// used.
TEST(ParseXlsxTest, FallsBackToExcelsPartNamesWithoutTheWorkbookOrItsRels) {
  std::string no_rels = Edit(StaffWorkbook(), kRels, nullptr);
  ASSERT_FALSE(no_rels.empty());
  ASSERT_NE(Entry(no_rels, "xl/workbook.xml"), "");
  EXPECT_EQ(Parse(no_rels).header[0], "工号");

  std::string rels_only = Zip({
      {kRels, RelsXml({{"rId1", "worksheet", "worksheets/data.xml"},
                       {"rId2", "sharedStrings", "strings.xml"}})},
      {"xl/worksheets/data.xml", NumberedSheet(2)},
      {"xl/worksheets/sheet1.xml",
       SheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c></row>")},
      {"xl/strings.xml", std::string("<sst xmlns=\"") + kNs + "\"><si><t>甲</t></si></sst>"},
  });
  EXPECT_EQ(Parse(rels_only).header, (Cells{"甲", "1"}));
}

// The worksheet has no prefix here: the string table's own elements must be found.
TEST(ParseXlsxTest, ReadsPrefixedSharedStrings) {
  std::string xlsx = Zip({
      {"xl/worksheets/sheet1.xml",
       SheetXml(
           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c></row>")},
      {"xl/sharedStrings.xml",
       std::string("<x:sst xmlns:x=\"") + kNs +
           "\" count=\"2\" uniqueCount=\"2\"><x:si><x:t>名称</x:t></x:si>"
           "<x:si><x:r><x:t>编</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>码</x:t></x:r></x:si>"
           "</x:sst>"},
  });
  EXPECT_EQ(Parse(xlsx).header, (Cells{"编码", "名称"}));
}

// Every part may use its own prefixes, for its elements and for the r:id attribute.
TEST(ParseXlsxTest, ReadsAPrefixedWorkbookAndRels) {
  auto rel = [](const char* id, const char* type, const char* target) {
    return std::string("<pr:Relationship Id=\"") + id + "\" Type=\"" + kRelNs + "/" + type +
           "\" Target=\"" + target + "\"/>";
  };
  std::string xlsx = Zip({
      {"xl/workbook.xml",
       std::string("<x:workbook xmlns:x=\"") + kNs + "\" xmlns:rel=\"" + kRelNs +
           "\"><x:sheets><x:sheet name=\"数据\" sheetId=\"1\" rel:id=\"R7\"/>"
           "<x:sheet name=\"说明\" sheetId=\"2\" rel:id=\"R8\"/></x:sheets></x:workbook>"},
      {kRels, std::string("<pr:Relationships xmlns:pr=\"") + kPackageRelNs + "\">" +
                  rel("R9", "sharedStrings", "strings.xml") +
                  rel("R8", "worksheet", "worksheets/sheet1.xml") +
                  rel("R7", "worksheet", "worksheets/data.xml") + "</pr:Relationships>"},
      {"xl/worksheets/data.xml",
       std::string("<s:worksheet xmlns:s=\"") + kNs +
           "\"><s:sheetData><s:row r=\"1\"><s:c r=\"A1\" t=\"s\"><s:v>0</s:v></s:c>"
           "<s:c r=\"B1\" t=\"inlineStr\"><s:is><s:t>名称</s:t></s:is></s:c></s:row>"
           "<s:row r=\"2\"><s:c r=\"A2\"><s:v>42</s:v></s:c></s:row></s:sheetData></s:worksheet>"},
      {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
      {"xl/strings.xml",
       std::string("<t:sst xmlns:t=\"") + kNs + "\"><t:si><t:t>编码</t:t></t:si></t:sst>"},
  });
  Table t = Parse(xlsx);
  EXPECT_EQ(t.header, (Cells{"编码", "名称"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"42"}));
}

// Excel keeps the reading of East Asian text typed through an IME in <rPh> runs inside the shared
// string (ECMA-376 §18.4.6); it is not part of the cell's text. Fixed with this test: the phonetic
// text used to be appended ("東京トウキョウ").
TEST(ParseXlsxTest, LeavesOutPhoneticRuns) {
  Table t = Parse(HandMade("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>",
                           {"<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>"
                            "<phoneticPr fontId=\"1\"/>"}));
  EXPECT_EQ(t.header, (Cells{"東京"}));
}

// Fixed with this test: pugixml drops whitespace-only text by default, so "Vitamin" " " "C" in
// three runs read as "VitaminC".
TEST(ParseXlsxTest, KeepsASpaceThatIsARunOfItsOwn) {
  Table t = Parse(
      HandMade("<row r=\"1\"><c t=\"s\"><v>0</v></c>"
               "<c t=\"inlineStr\"><is><r><t>阿莫西林</t></r><r><t xml:space=\"preserve\"> "
               "</t></r><r><t>胶囊</t></r></is></c></row>",
               {"<r><t>Vitamin</t></r><r><t xml:space=\"preserve\"> </t></r><r><t>C</t></r>"}));
  EXPECT_EQ(t.header, (Cells{"Vitamin C", "阿莫西林 胶囊"}));
}

// BUG (reported, not fixed): Excel and libxlsxwriter write a carriage return in cell text as the
// escape _x000D_ (ECMA-376 §22.9.2.19 ST_Xstring); it is not decoded, so "_x000D_" lands in the
// imported text (e.g. a 项目内涵 pasted from a Windows document).
TEST(ParseXlsxTest, DecodesExcelsEscapedCarriageReturn) {
  std::string xlsx = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "说明", nullptr);
    worksheet_write_string(ws, 1, 0, "第一行\r\n第二行", nullptr);
  });
  ASSERT_NE(Entry(xlsx, "xl/sharedStrings.xml").find("_x000D_"), std::string::npos);
  Table t = Parse(xlsx);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells[0], "第一行\r\n第二行");
}

// BUG (reported, not fixed): ParseCsv refuses a file with control characters anywhere, ParseXlsx
// checks only the header, so "x&#1;y" in a data cell reaches the importers (the staff import stores
// it in a name; the price import catches it per field).
TEST(ParseXlsxTest, RefusesControlCharactersInDataCellsLikeCsv) {
  ExpectFileError(
      ParseXlsx(HandMade("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                         "<row r=\"2\"><c t=\"inlineStr\"><is><t>x&#1;y</t></is></c></row>")));
}

// ---- Errors ----

TEST(ParseXlsxTest, RefusesDataThatIsNotAZip) {
  for (std::string data :
       {std::string("工号,姓名\r\n1001,张三\r\n"), std::string("%PDF-1.4\n%%EOF\n"),
        std::string("PK\x03\x04 not really"),
        // an old .xls (OLE2 compound file) header
        std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0')}) {
    SCOPED_TRACE(data.substr(0, 8));
    ExpectFileError(ParseXlsx(data), "not a valid XLSX");
  }
}

// libzip opens 0 bytes as an empty archive, so the message is "the first worksheet is missing".
TEST(ParseXlsxTest, AnEmptyUploadIsAnError) { ExpectFileError(ParseXlsx("")); }

TEST(ParseXlsxTest, RefusesAZipWithoutTheSheet) {
  std::string xlsx = Edit(StaffWorkbook(), "xl/worksheets/sheet1.xml", nullptr);
  ASSERT_FALSE(xlsx.empty());
  ExpectFileError(ParseXlsx(xlsx), "worksheet is missing");
  ExpectFileError(ParseXlsx(Zip({{"readme.txt", "hello"}})), "worksheet is missing");
}

TEST(ParseXlsxTest, RefusesATruncatedFile) {
  std::string xlsx = StaffWorkbook();
  ASSERT_GT(xlsx.size(), 100u);
  for (size_t keep : {xlsx.size() / 2, xlsx.size() - 30, xlsx.size() - 1, size_t{4}}) {
    SCOPED_TRACE(keep);
    ExpectFileError(ParseXlsx(std::string_view(xlsx).substr(0, keep)));
  }
}

TEST(ParseXlsxTest, RefusesASheetWhoseCompressedDataIsDamaged) {
  std::string xlsx = StaffWorkbook();
  // The local header of the sheet is followed by its deflated XML; flip bytes in the middle.
  size_t at = xlsx.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 60; i < at + 120 && i < xlsx.size(); ++i)
    xlsx[i] = static_cast<char>(~xlsx[i]);
  ExpectFileError(ParseXlsx(xlsx));
}

TEST(ParseXlsxTest, RefusesMalformedSheetXml) {
  std::string broken = "<worksheet><sheetData><row r=\"1\"><c><v>1</v></row>";
  ExpectFileError(ParseXlsx(Zip({{"xl/worksheets/sheet1.xml", broken}})),
                  "sheet1.xml is malformed");
}

// Once the workbook and its rels are there they are followed: a part they name that the file does
// not hold is an error naming it, never a silent fallback to sheet1.xml.
TEST(ParseXlsxTest, RefusesAWorkbookWhoseRelsPointToAMissingPart) {
  auto workbook = [](const std::vector<Rel>& rels) {
    return Zip({
        {"xl/workbook.xml", WorkbookXml({"rId1"})},
        {kRels, RelsXml(rels)},
        {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
        {"xl/worksheets/data.xml", NumberedSheet(2)},
        {"xl/sharedStrings.xml", std::string("<sst xmlns=\"") + kNs + "\"/>"},
    });
  };
  struct Case {
    std::vector<Rel> rels;
    std::string en;  // after "cannot read XLSX file: "
    std::string zh;  // after "XLSX 文件无法读取："
  };
  std::vector<Case> cases = {
      {{{"rId1", "worksheet", "worksheets/gone.xml"}},
       "the first worksheet is missing (xl/worksheets/gone.xml)",
       "找不到第一个工作表（xl/worksheets/gone.xml）"},
      // From the root, so not xl/worksheets/data.xml.
      {{{"rId1", "worksheet", "/worksheets/data.xml"}},
       "the first worksheet is missing (worksheets/data.xml)",
       "找不到第一个工作表（worksheets/data.xml）"},
      // A name that is not ASCII is shown percent-encoded: message_en stays ASCII.
      {{{"rId1", "worksheet", "worksheets/数据.xml"}},
       "the first worksheet is missing (xl/worksheets/%E6%95%B0%E6%8D%AE.xml)",
       "找不到第一个工作表（xl/worksheets/%E6%95%B0%E6%8D%AE.xml）"},
      {{{"rId2", "worksheet", "worksheets/data.xml"}},
       "the relationship \"rId1\" of the first worksheet is not in xl/_rels/workbook.xml.rels",
       "工作簿关系表 xl/_rels/workbook.xml.rels 中没有第一个工作表的关系（rId1）"},
      {{{"rId1", "worksheet", "worksheets/data.xml"}, {"rId2", "sharedStrings", "strings.xml"}},
       "the shared string table is missing (xl/strings.xml)",
       "找不到共享字符串表（xl/strings.xml）"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.en);
    Result<Table> t = ParseXlsx(workbook(c.rels));
    ExpectFileError(t);
    EXPECT_EQ(t.status().message_en(), "cannot read XLSX file: " + c.en);
    EXPECT_EQ(t.status().message(), "XLSX 文件无法读取：" + c.zh);
  }
}

TEST(ParseXlsxTest, RefusesAWorkbookWithoutAUsableFirstSheet) {
  auto with = [](const std::string& workbook_xml) {
    return ParseXlsx(Zip({
        {"xl/workbook.xml", workbook_xml},
        {kRels, RelsXml({{"rId1", "worksheet", "worksheets/sheet1.xml"}})},
        {"xl/worksheets/sheet1.xml", NumberedSheet(1)},
    }));
  };
  ExpectFileError(with(WorkbookXml({})), "the workbook lists no worksheet");
  ExpectFileError(
      with(std::string("<workbook xmlns=\"") + kNs +
           "\"><sheets><sheet name=\"a\" sheetId=\"1\" id=\"rId1\"/></sheets></workbook>"),
      "the first worksheet in xl/workbook.xml has no r:id");
}

TEST(ParseXlsxTest, RefusesAMalformedWorkbookOrRels) {
  std::string good = StaffWorkbook();
  std::string broken = "<workbook><sheets>";
  ExpectFileError(ParseXlsx(Edit(good, "xl/workbook.xml", &broken)),
                  "xl/workbook.xml is malformed");
  broken = "<Relationships><Relationship";
  ExpectFileError(ParseXlsx(Edit(good, kRels, &broken)), "xl/_rels/workbook.xml.rels is malformed");
}

// The workbook and its rels only list tabs; their own cap (16 MB unpacked) keeps a zip bomb from
// spending memory before the worksheet's 200 MB one applies.
TEST(ParseXlsxTest, RefusesAnOversizedWorkbookOrRels) {
  std::string padded = WorkbookXml({"rId1"});
  padded.insert(padded.find("<sheets>"), std::string(17u * 1024 * 1024, ' '));
  std::string xlsx = Edit(StaffWorkbook(), "xl/workbook.xml", &padded);
  ASSERT_LT(xlsx.size(), 1024u * 1024);  // deflated, the padding is small
  ExpectFileError(ParseXlsx(xlsx), "xl/workbook.xml cannot be unpacked (damaged or too large)");
}

TEST(ParseXlsxTest, RefusesMalformedSharedStrings) {
  std::string broken = "<sst><si><t>x</sst>";
  std::string xlsx = Edit(StaffWorkbook(), "xl/sharedStrings.xml", &broken);
  ExpectFileError(ParseXlsx(xlsx), "sharedStrings.xml is malformed");
}

TEST(ParseXlsxTest, RefusesASharedStringIndexOutOfRange) {
  for (const char* c : {"<c t=\"s\"><v>1</v></c>", "<c t=\"s\"><v>18446744073709551616</v></c>",
                        "<c t=\"s\"><v></v></c>", "<c t=\"s\"/>"}) {
    SCOPED_TRACE(c);
    ExpectFileError(
        ParseXlsx(HandMade(std::string("<row r=\"1\">") + c + "</row>", {"<t>only</t>"})),
        "out of range");
  }
  // A cell that refers to the shared string table when there is none.
  ExpectFileError(ParseXlsx(HandMade("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>")),
                  "out of range");
}

// BUG (reported, not fixed): pugixml's as_ullong reads "x" and "-1" as 0, so a cell whose shared
// string index is not a number silently gets the first shared string (usually a header name).
TEST(ParseXlsxTest, RefusesASharedStringIndexThatIsNotANumber) {
  for (const char* c : {"<c t=\"s\"><v>-1</v></c>", "<c t=\"s\"><v>x</v></c>"}) {
    SCOPED_TRACE(c);
    ExpectFileError(
        ParseXlsx(HandMade(std::string("<row r=\"1\">") + c + "</row>", {"<t>only</t>"})));
  }
}

TEST(ParseXlsxTest, RefusesTooManyColumns) {
  ExpectFileError(
      ParseXlsx(HandMade("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"AMN1\"><v>2</v></c></row>")),
      "too many columns");
}

TEST(ParseXlsxTest, RefusesAnEmptyWorksheet) {
  ExpectFileError(ParseXlsx(HandMade("")), "worksheet is empty");
  ExpectFileError(ParseXlsx(Workbook([](lxw_workbook*, lxw_worksheet*) {})), "worksheet is empty");
  ExpectFileError(
      ParseXlsx(HandMade("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t> </t></is></c></row>")),
      "worksheet is empty");
}

TEST(ParseXlsxTest, RefusesControlCharactersInTheHeader) {
  ExpectFileError(
      ParseXlsx(HandMade("<row r=\"1\"><c t=\"inlineStr\"><is><t>a&#1;b</t></is></c></row>")),
      "header row contains invalid characters");
}

TEST(ParseXlsxTest, EveryErrorHasAChineseMessageAndAnAsciiEnglishOne) {
  std::string good = StaffWorkbook();
  std::vector<std::string> bad = {
      "",
      "not a zip",
      good.substr(0, good.size() / 3),
      Edit(good, "xl/worksheets/sheet1.xml", nullptr),
      Zip({{"xl/worksheets/sheet1.xml", "<worksheet"}}),
      Zip({{"xl/worksheets/sheet1.xml", "<worksheet/>"}, {"xl/sharedStrings.xml", "<sst"}}),
      HandMade("<row r=\"1\"><c t=\"s\"><v>9</v></c></row>", {"<t>a</t>"}),
      HandMade("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"),
      HandMade(""),
      Zip({{"xl/workbook.xml", WorkbookXml({"rId1"})},
           {kRels, RelsXml({{"rId1", "worksheet", "worksheets/gone.xml"}})}}),
      Zip({{"xl/workbook.xml", WorkbookXml({"rId1"})}, {kRels, "<Relationships"}}),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    SCOPED_TRACE(i);
    Result<Table> t = ParseXlsx(bad[i]);
    ExpectFileError(t, "cannot read XLSX file: ");
    EXPECT_EQ(t.status().message().rfind("XLSX 文件无法读取：", 0), 0u) << t.status().message();
  }
}

// ---- ParseUpload ----

TEST(ParseUploadTest, ChoosesCsvOrXlsxByTheExtensionInAnyCase) {
  std::string csv = "工号,姓名\r\n1001,张三\r\n";
  std::string xlsx = StaffWorkbook();
  for (const char* name : {"staff.csv", "STAFF.CSV", "人员.Csv", "a.b.csv"}) {
    SCOPED_TRACE(name);
    Result<Table> t = ParseUpload(name, csv);
    ASSERT_TRUE(t.ok()) << t.status().message_en();
    EXPECT_EQ(t->header, (Cells{"工号", "姓名"}));
  }
  for (const char* name : {"staff.xlsx", "STAFF.XLSX", "人员.XlSx"}) {
    SCOPED_TRACE(name);
    Result<Table> t = ParseUpload(name, xlsx);
    ASSERT_TRUE(t.ok()) << t.status().message_en();
    EXPECT_EQ(t->header[0], "工号");
  }
}

TEST(ParseUploadTest, TheContentMustMatchTheExtension) {
  // CSV bytes named .xlsx are read as XLSX and refused, and the other way round.
  ExpectFileError(ParseUpload("staff.xlsx", "工号,姓名\r\n1001,张三\r\n"), "not a valid XLSX");
  Result<Table> t = ParseUpload("staff.csv", StaffWorkbook());
  ExpectFileError(t, "UTF-8");
}

TEST(ParseUploadTest, RefusesOtherTypesNamingCsvAndXlsx) {
  for (const char* name : {"staff.xls", "STAFF.XLS", "staff.txt", "staff", "", "staff.xlsx.txt",
                           "staff.csv.exe", "staff.xlsm", "csv", ".xlsx "}) {
    SCOPED_TRACE(name);
    Result<Table> t = ParseUpload(name, "工号,姓名\r\n1001,张三\r\n");
    ExpectFileError(t, "only CSV or XLSX files are supported");
    EXPECT_NE(t.status().message().find("CSV"), std::string::npos);
    EXPECT_NE(t.status().message().find("XLSX"), std::string::npos);
  }
}

}  // namespace
}  // namespace yuanwu::tabular
