// XLSX reading: a ZIP (libzip, from memory) holding XML parts (pugixml). Only what imports
// need: the first worksheet's cell values.
#include <zip.h>

#include <pugixml.hpp>

#include "platform/base/text.h"
#include "platform/tabular/table.h"

namespace yuanwu::tabular {
namespace {

Status Broken(std::string_view why_zh, std::string_view why_en) {
  return Status::Invalid("file", "XLSX 文件无法读取：" + std::string(why_zh),
                         "cannot read XLSX file: " + std::string(why_en));
}

class Zip {
 public:
  explicit Zip(std::string_view data) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &err);
    if (src != nullptr) {
      archive_ = zip_open_from_source(src, ZIP_RDONLY, &err);
      if (archive_ == nullptr) zip_source_free(src);
    }
    zip_error_fini(&err);
  }
  ~Zip() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  bool ok() const { return archive_ != nullptr; }
  // Returns false if missing; caps entries at 200 MB uncompressed (zip bombs).
  bool Read(const char* name, std::string* out) {
    zip_stat_t st;
    if (zip_stat(archive_, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return false;
    if (st.size > 200u * 1024 * 1024) return false;
    zip_file_t* f = zip_fopen(archive_, name, 0);
    if (f == nullptr) return false;
    out->assign(st.size, '\0');
    zip_int64_t n = zip_fread(f, out->data(), st.size);
    zip_fclose(f);
    return n == static_cast<zip_int64_t>(st.size);
  }

 private:
  zip_t* archive_ = nullptr;
};

// "BC12" → column index 54 (0-based), row ignored.
int ColumnIndex(std::string_view ref) {
  int col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    if (col > 16384) return -1;
  }
  return col - 1;
}

// Decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold (_x000D_ for CR).
std::string DecodeEscapes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned value = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        char c = s[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) hex = false;
        value = value * 16 + static_cast<unsigned>(d < 0 ? 0 : d);
      }
      if (hex && value < 0x80) {  // control characters and ASCII; "_x005F_" is a literal '_'
        out.push_back(static_cast<char>(value));
        i += 6;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string InlineText(const pugi::xml_node& si) {
  std::string out;
  for (const pugi::xpath_node& t :
       si.select_nodes(".//*[local-name()='t'][not(ancestor::*[local-name()='rPh'])]")) {
    out += t.node().text().get();
  }
  return DecodeEscapes(out);
}

}  // namespace

Result<Table> ParseXlsx(std::string_view data) {
  Zip zip(data);
  if (!zip.ok()) return Broken("不是有效的 XLSX（ZIP）文件", "not a valid XLSX (ZIP) file");
  std::vector<std::string> shared;
  std::string xml;
  if (zip.Read("xl/sharedStrings.xml", &xml)) {
    pugi::xml_document doc;
    // parse_ws_pcdata: a rich-text run that is only a space ("Vitamin" " " "C") is text too.
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata))
      return Broken("共享字符串表损坏", "sharedStrings.xml is malformed");
    for (pugi::xml_node si : doc.child("sst").children("si")) shared.push_back(InlineText(si));
  }
  if (!zip.Read("xl/worksheets/sheet1.xml", &xml))
    return Broken("找不到第一个工作表", "the first worksheet is missing");
  pugi::xml_document sheet;
  if (!sheet.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata))
    return Broken("工作表内容损坏", "sheet1.xml is malformed");
  Table t;
  pugi::xml_node rows = sheet.child("worksheet").child("sheetData");
  int previous_line = 0;
  for (pugi::xml_node row : rows.children("row")) {
    Row r;
    // The row number is optional in the format; without it, rows follow one another.
    r.line = row.attribute("r").as_int(previous_line + 1);
    previous_line = r.line;
    for (pugi::xml_node c : row.children("c")) {
      int col = ColumnIndex(c.attribute("r").value());
      if (col < 0) col = static_cast<int>(r.cells.size());
      if (col > 1000) return Broken("列数过多", "too many columns");
      std::string type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        std::string index = Trim(c.child("v").text().get());
        bool digits = !index.empty() && index.size() < 10 &&
                      index.find_first_not_of("0123456789") == std::string::npos;
        size_t idx = digits ? static_cast<size_t>(std::stoul(index)) : shared.size();
        if (idx >= shared.size())
          return Broken("共享字符串索引越界", "shared string index out of range");
        value = shared[idx];
      } else if (type == "inlineStr") {
        value = InlineText(c.child("is"));
      } else {
        value = c.child("v").text().get();
      }
      if (!IsCleanUtf8(value) && t.header.empty()) {
        return Broken("表头含非法字符", "the header row contains invalid characters");
      }
      if (!IsCleanUtf8(value)) {
        return Broken("第" + std::to_string(r.line) + "行含有非法字符",
                      "row " + std::to_string(r.line) + " contains invalid characters");
      }
      if (r.cells.size() <= static_cast<size_t>(col)) r.cells.resize(col + 1);
      r.cells[col] = Trim(value);
    }
    bool blank = true;
    for (const std::string& cell : r.cells) blank &= cell.empty();
    if (blank) continue;
    if (t.header.empty()) {
      t.header = r.cells;
    } else {
      t.rows.push_back(std::move(r));
    }
  }
  if (t.header.empty()) return Broken("工作表为空", "the worksheet is empty");
  for (const std::string& h : t.header) {
    if (!IsCleanUtf8(h))
      return Broken("表头含非法字符", "the header row contains invalid characters");
  }
  return t;
}

}  // namespace yuanwu::tabular
