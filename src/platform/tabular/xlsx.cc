// XLSX reading: a ZIP (libzip, from memory) holding XML parts (pugixml). Only what imports
// need: the first worksheet's cell values.
//
// The first worksheet is the first <sheet> of xl/workbook.xml (the tab order), stored in the part
// its relationship in xl/_rels/workbook.xml.rels names: part names are the writer's choice, and
// Excel keeps sheet3.xml for a tab moved to the front. Elements are matched by local name, since
// some writers (the .NET Open XML SDK) put a prefix on every element: <x:row>.
#include <zip.h>

#include <cstdio>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/text.h"
#include "platform/tabular/table.h"

namespace yuanwu::tabular {
namespace {

constexpr size_t kMaxPartBytes = 200u * 1024 * 1024;  // a worksheet or string table, unpacked
constexpr size_t kMaxIndexBytes = 16u * 1024 * 1024;  // workbook.xml and its rels: lists of tabs
constexpr const char* kWorkbook = "xl/workbook.xml";
constexpr const char* kWorkbookRels = "xl/_rels/workbook.xml.rels";

Status Broken(std::string_view why_zh, std::string_view why_en) {
  return Status::Invalid("file", "XLSX 文件无法读取：" + std::string(why_zh),
                         "cannot read XLSX file: " + std::string(why_en));
}

// A part name or relationship id taken from the file, as messages show it: printable ASCII, any
// other byte as %XX (message_en must stay ASCII), cut at 100 characters.
std::string Shown(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= 100) return out + "...";
    if (c > 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
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
  bool Has(const std::string& name) const {
    return zip_name_locate(archive_, name.c_str(), 0) >= 0;
  }
  // Returns false if missing or unreadable; caps entries at `max` bytes uncompressed (zip bombs).
  bool Read(const std::string& name, size_t max, std::string* out) {
    zip_stat_t st;
    if (zip_stat(archive_, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return false;
    if (st.size > max) return false;
    zip_file_t* f = zip_fopen(archive_, name.c_str(), 0);
    if (f == nullptr) return false;
    out->assign(st.size, '\0');
    zip_int64_t n = zip_fread(f, out->data(), st.size);
    zip_fclose(f);
    return n == static_cast<zip_int64_t>(st.size);
  }

 private:
  zip_t* archive_ = nullptr;
};

// Unpacks and parses a part the zip has; `what_zh` tells the user what it is (工作表 …).
Status Load(Zip& zip, const std::string& name, std::string_view what_zh, size_t max,
            pugi::xml_document* doc) {
  std::string xml;
  std::string zh = std::string(what_zh) + " " + Shown(name);
  if (!zip.Read(name, max, &xml)) {
    return Broken(zh + " 无法解压（已损坏或过大）",
                  Shown(name) + " cannot be unpacked (damaged or too large)");
  }
  // parse_ws_pcdata: a rich-text run that is only a space ("Vitamin" " " "C") is text too.
  if (!doc->load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata))
    return Broken(zh + " 内容损坏", Shown(name) + " is malformed");
  return Status::Ok();
}

// ---- Elements by local name ----

// "x:row" → "row".
std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// `n`, or the first sibling after it, that is an element named `local` whatever its prefix.
pugi::xml_node NextNamed(pugi::xml_node n, std::string_view local) {
  while (n && !(n.type() == pugi::node_element && LocalName(n.name()) == local))
    n = n.next_sibling();
  return n;
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  return NextNamed(parent.first_child(), local);
}

// The children of `parent` named `local`: for (pugi::xml_node row : Children(data, "row")).
class Children {
 public:
  Children(const pugi::xml_node& parent, std::string_view local)
      : first_(Child(parent, local)), local_(local) {}
  struct Iterator {
    pugi::xml_node node;
    std::string_view local;
    pugi::xml_node operator*() const { return node; }
    Iterator& operator++() {
      node = NextNamed(node.next_sibling(), local);
      return *this;
    }
    bool operator!=(const Iterator& other) const { return node != other.node; }
  };
  Iterator begin() const { return {first_, local_}; }
  Iterator end() const { return {pugi::xml_node(), local_}; }

 private:
  pugi::xml_node first_;
  std::string_view local_;
};

// ---- Finding the parts ----

// A relationship's Target as a zip entry name: relative to xl/ (the workbook's folder), or from
// the root when it starts with '/'. Dot segments resolve as in a URL (RFC 3986 §5.2.4): a ".."
// above the root is dropped.
std::string ResolveTarget(std::string_view target) {
  std::vector<std::string_view> segments;
  if (target.starts_with('/')) {
    target.remove_prefix(1);
  } else {
    segments.push_back("xl");
  }
  while (true) {
    size_t slash = target.find('/');
    std::string_view segment = target.substr(0, slash);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    target.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view segment : segments) {
    if (!out.empty()) out.push_back('/');
    out += segment;
  }
  return out;
}

// The r:id of a <sheet>; the relationships namespace may be bound to any prefix.
std::string_view RelationshipId(const pugi::xml_node& sheet) {
  for (pugi::xml_attribute a : sheet.attributes()) {
    if (std::string_view(a.name()).find(':') != std::string_view::npos &&
        LocalName(a.name()) == "id")
      return a.value();
  }
  return {};
}

struct Parts {
  std::string sheet = "xl/worksheets/sheet1.xml";
  std::string shared_strings = "xl/sharedStrings.xml";
  bool shared_strings_listed = false;  // named by the workbook's rels, so it must be there
};

// Follows the workbook and its rels to the first worksheet and the shared string table. A file
// without one of the two (hand-made, or from a minimal writer) gets the names Excel uses.
Result<Parts> LocateParts(Zip& zip) {
  Parts parts;
  if (!zip.Has(kWorkbookRels)) return parts;
  pugi::xml_document rels;
  YW_RETURN_IF_ERROR(Load(zip, kWorkbookRels, "工作簿关系表", kMaxIndexBytes, &rels));
  pugi::xml_node list = Child(rels, "Relationships");
  for (pugi::xml_node r : Children(list, "Relationship")) {
    if (std::string_view(r.attribute("Type").value()).ends_with("/sharedStrings")) {
      parts.shared_strings = ResolveTarget(r.attribute("Target").value());
      parts.shared_strings_listed = true;
      break;
    }
  }
  if (!zip.Has(kWorkbook)) return parts;
  pugi::xml_document workbook;
  YW_RETURN_IF_ERROR(Load(zip, kWorkbook, "工作簿", kMaxIndexBytes, &workbook));
  pugi::xml_node first = Child(Child(Child(workbook, "workbook"), "sheets"), "sheet");
  if (!first) return Broken("工作簿中没有工作表", "the workbook lists no worksheet");
  std::string_view id = RelationshipId(first);
  if (id.empty()) {
    return Broken("工作簿中的第一个工作表没有 r:id",
                  "the first worksheet in " + std::string(kWorkbook) + " has no r:id");
  }
  for (pugi::xml_node r : Children(list, "Relationship")) {
    if (id == r.attribute("Id").value()) {
      parts.sheet = ResolveTarget(r.attribute("Target").value());
      return parts;
    }
  }
  return Broken(
      "工作簿关系表 " + std::string(kWorkbookRels) + " 中没有第一个工作表的关系（" + Shown(id) +
          "）",
      "the relationship \"" + Shown(id) + "\" of the first worksheet is not in " + kWorkbookRels);
}

// ---- Cells ----

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

Result<std::vector<std::string>> ReadSharedStrings(Zip& zip, const Parts& parts) {
  std::vector<std::string> shared;
  if (!zip.Has(parts.shared_strings)) {
    if (!parts.shared_strings_listed) return shared;  // a workbook of numbers and inline strings
    return Broken("找不到共享字符串表（" + Shown(parts.shared_strings) + "）",
                  "the shared string table is missing (" + Shown(parts.shared_strings) + ")");
  }
  pugi::xml_document doc;
  YW_RETURN_IF_ERROR(Load(zip, parts.shared_strings, "共享字符串表", kMaxPartBytes, &doc));
  for (pugi::xml_node si : Children(Child(doc, "sst"), "si")) shared.push_back(InlineText(si));
  return shared;
}

}  // namespace

Result<Table> ParseXlsx(std::string_view data) {
  Zip zip(data);
  if (!zip.ok()) return Broken("不是有效的 XLSX（ZIP）文件", "not a valid XLSX (ZIP) file");
  YW_ASSIGN_OR_RETURN(Parts parts, LocateParts(zip));
  YW_ASSIGN_OR_RETURN(std::vector<std::string> shared, ReadSharedStrings(zip, parts));
  if (!zip.Has(parts.sheet)) {
    return Broken("找不到第一个工作表（" + Shown(parts.sheet) + "）",
                  "the first worksheet is missing (" + Shown(parts.sheet) + ")");
  }
  pugi::xml_document sheet;
  YW_RETURN_IF_ERROR(Load(zip, parts.sheet, "工作表", kMaxPartBytes, &sheet));
  Table t;
  pugi::xml_node rows = Child(Child(sheet, "worksheet"), "sheetData");
  int previous_line = 0;
  for (pugi::xml_node row : Children(rows, "row")) {
    Row r;
    // The row number is optional in the format; without it, rows follow one another.
    r.line = row.attribute("r").as_int(previous_line + 1);
    previous_line = r.line;
    for (pugi::xml_node c : Children(row, "c")) {
      int col = ColumnIndex(c.attribute("r").value());
      if (col < 0) col = static_cast<int>(r.cells.size());
      if (col > 1000) return Broken("列数过多", "too many columns");
      std::string type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        std::string index = Trim(Child(c, "v").text().get());
        bool digits = !index.empty() && index.size() < 10 &&
                      index.find_first_not_of("0123456789") == std::string::npos;
        size_t idx = digits ? static_cast<size_t>(std::stoul(index)) : shared.size();
        if (idx >= shared.size())
          return Broken("共享字符串索引越界", "shared string index out of range");
        value = shared[idx];
      } else if (type == "inlineStr") {
        value = InlineText(Child(c, "is"));
      } else {
        value = Child(c, "v").text().get();
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
