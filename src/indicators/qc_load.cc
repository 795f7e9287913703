// QcRules::FromFiles: reads the five rule tables of data/indicators/qc/ (formats in
// src/indicators/README.md, 首页质控). Every table is a UTF-8 CSV with a header row; rows whose
// first cell starts with '#' are comments; extra columns are ignored. An error names the file
// and the line so that a hospital editing a table can find its mistake.
#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "indicators/qc.h"
#include "indicators/qc_internal.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

using namespace qc_internal;  // NOLINT: the internal header is this file's vocabulary

constexpr std::string_view kDir = "data/indicators/qc/";

std::string PathOf(std::string_view name) { return std::string(kDir) + std::string(name); }

Status LineError(std::string_view file, int line, const std::string& zh, const std::string& en) {
  const std::string path = PathOf(file);
  return Status::Invalid(path, path + " 第" + std::to_string(line) + "行：" + zh,
                         path + " line " + std::to_string(line) + ": " + en);
}

// A parsed table with its column positions.
struct Sheet {
  std::string name;
  tabular::Table table;
  std::map<std::string, int, std::less<>> columns;

  const std::string& Cell(const tabular::Row& row, std::string_view column) const {
    static const std::string kEmpty;
    auto it = columns.find(column);
    if (it == columns.end() || it->second >= static_cast<int>(row.cells.size())) return kEmpty;
    return row.cells[static_cast<size_t>(it->second)];
  }
  static bool Comment(const tabular::Row& row) {
    return !row.cells.empty() && row.cells[0].starts_with("#");
  }
};

Result<Sheet> ReadSheet(const std::map<std::string, std::string>& files, std::string_view name,
                        std::initializer_list<std::string_view> headers) {
  auto it = files.find(std::string(name));
  if (it == files.end()) it = files.find(PathOf(name));
  if (it == files.end()) {
    return Status::Invalid(PathOf(name), "缺少质控规则文件 " + PathOf(name),
                           "rule file " + PathOf(name) + " is missing");
  }
  Result<tabular::Table> table = tabular::ParseCsv(it->second);
  if (!table.ok()) {
    // ParseCsv says "第N行…" / "line N: …": prefixed with the path it reads like LineError.
    return Status::Invalid(PathOf(name), PathOf(name) + " " + table.status().message(),
                           PathOf(name) + " " + table.status().message_en());
  }
  Sheet s{std::string(name), std::move(*table), {}};
  for (size_t i = 0; i < s.table.header.size(); ++i)
    s.columns.emplace(s.table.header[i], static_cast<int>(i));
  for (std::string_view h : headers) {
    if (!s.columns.contains(h)) {
      return LineError(name, 1, "缺少列“" + std::string(h) + "”",
                       "missing column \"" + std::string(h) + "\"");
    }
  }
  return s;
}

Status LoadRequired(const Sheet& s, Tables* t, std::vector<std::string>* columns) {
  for (const tabular::Row& row : s.table.rows) {
    if (Sheet::Comment(row)) continue;
    const std::string& column = s.Cell(row, "column");
    if (column.empty() || !std::all_of(column.begin(), column.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        })) {
      return LineError(s.name, row.line, "列名“" + column + "”应为大写上传代码，如 ZZYS",
                       "column \"" + column + "\" must be an upper-case upload code like ZZYS");
    }
    if (!t->required_columns.insert(column).second) {
      return LineError(s.name, row.line, "列“" + column + "”重复",
                       "column \"" + column + "\" is listed twice");
    }
    RequiredItem item{column, -1, s.Cell(row, "label"), s.Cell(row, "label_en"), {}};
    if (item.label.empty() || item.label_en.empty()) {
      return LineError(s.name, row.line, "label 和 label_en 不能为空",
                       "label and label_en are required");
    }
    std::string_view when = s.Cell(row, "when");
    if (when.empty()) when = "always";
    size_t i = 0;
    while (i <= when.size()) {
      size_t end = when.find(" or ", i);
      if (end == std::string_view::npos) end = when.size();
      std::string why;
      std::optional<Condition> c = ParseCondition(when.substr(i, end - i), true, &why);
      if (!c) {
        return LineError(s.name, row.line, "条件（when）无法识别：" + why,
                         "condition (when) not understood: " + why);
      }
      item.when.push_back(std::move(*c));
      i = end + 4;
    }
    columns->push_back(column);
    t->required.push_back(std::move(item));
  }
  auto id = [&](const std::string& column) {
    auto it = std::find(t->filled_columns.begin(), t->filled_columns.end(), column);
    if (it != t->filled_columns.end()) return static_cast<int>(it - t->filled_columns.begin());
    t->filled_columns.push_back(column);
    return static_cast<int>(t->filled_columns.size() - 1);
  };
  for (RequiredItem& item : t->required) {
    item.filled_id = id(item.column);
    for (Condition& c : item.when) {
      if (c.kind == Condition::Kind::kFilled) c.filled_id = id(c.column);
      if (c.kind == Condition::Kind::kAlways) item.always = true;
    }
  }
  return Status::Ok();
}

Status LoadDomains(const Sheet& s, Tables* t) {
  for (const tabular::Row& row : s.table.rows) {
    if (Sheet::Comment(row)) continue;
    const std::string& column = s.Cell(row, "column");
    std::optional<DomainSlot> slot = ParseDomainSlot(column);
    if (!slot) {
      return LineError(
          s.name, row.line,
          "“" + column +
              "”不是可检查值域的列（XB YLFKFS RYTJ LYFS RYBQ SSJB SSPB WCSS QKDJ QKYHLB "
              "MZFS）",
          "\"" + column +
              "\" is not a column with a value domain (XB YLFKFS RYTJ LYFS RYBQ SSJB SSPB WCSS "
              "QKDJ QKYHLB MZFS)");
    }
    const std::string& code = s.Cell(row, "code");
    const std::string& label = s.Cell(row, "label");
    const std::string& label_en = s.Cell(row, "label_en");
    if (code.empty() || label.empty() || label_en.empty()) {
      return LineError(s.name, row.line, "code、label、label_en 不能为空",
                       "code, label and label_en are required");
    }
    std::optional<Domain>& d = t->domains[static_cast<size_t>(*slot)];
    if (!d) d.emplace();
    if (d->Allows(code)) {
      return LineError(s.name, row.line, column + " 的代码“" + code + "”重复",
                       column + " code \"" + code + "\" is listed twice");
    }
    d->codes.push_back(code);
    d->labels.push_back(label);
    if (!d->allowed.empty()) {
      d->allowed += "、";
      d->allowed_en += ", ";
    }
    d->allowed += code + " " + label;
    d->allowed_en += code + " " + label_en;
  }
  return Status::Ok();
}

Status LoadShapes(const Sheet& s, Tables* t) {
  for (const tabular::Row& row : s.table.rows) {
    if (Sheet::Comment(row)) continue;
    const std::string& kind = s.Cell(row, "kind");
    const std::string& level = s.Cell(row, "level");
    Shape shape{s.Cell(row, "pattern"), level == "ok", s.Cell(row, "example"), s.Cell(row, "note")};
    if (kind != "diagnosis" && kind != "procedure") {
      return LineError(s.name, row.line, "kind 应为 diagnosis 或 procedure，而不是“" + kind + "”",
                       "kind must be diagnosis or procedure, not \"" + kind + "\"");
    }
    if (level != "ok" && level != "imprecise") {
      return LineError(s.name, row.line, "level 应为 ok 或 imprecise，而不是“" + level + "”",
                       "level must be ok or imprecise, not \"" + level + "\"");
    }
    const bool printable = std::all_of(shape.pattern.begin(), shape.pattern.end(),
                                       [](char c) { return c > ' ' && c < 127; });
    if (shape.pattern.empty() || shape.pattern.size() > 24 || !printable) {
      return LineError(s.name, row.line, "pattern“" + shape.pattern + "”无效",
                       "pattern \"" + shape.pattern + "\" is not valid");
    }
    if (!MatchShape(shape.pattern, shape.example)) {
      return LineError(s.name, row.line,
                       "示例“" + shape.example + "”不符合本行的 pattern“" + shape.pattern + "”",
                       "example \"" + shape.example + "\" does not match the row's pattern \"" +
                           shape.pattern + "\"");
    }
    if (!shape.precise && shape.note.empty()) {
      return LineError(s.name, row.line, "imprecise 行需要 note（说明为什么提示）",
                       "an imprecise row needs a note saying why it is flagged");
    }
    std::vector<Shape>& list = kind == "diagnosis" ? t->diagnosis_shapes : t->procedure_shapes;
    for (const Shape& other : list) {
      if (other.pattern == shape.pattern) {
        return LineError(s.name, row.line, "pattern“" + shape.pattern + "”重复",
                         "pattern \"" + shape.pattern + "\" is listed twice");
      }
    }
    list.push_back(std::move(shape));
  }
  for (auto [list, examples, kind] :
       {std::tuple{&t->diagnosis_shapes, &t->diagnosis_examples, "diagnosis"},
        std::tuple{&t->procedure_shapes, &t->procedure_examples, "procedure"}}) {
    std::stable_partition(list->begin(), list->end(), [](const Shape& x) { return x.precise; });
    if (list->empty() || !list->front().precise) {
      return LineError(s.name, 1, std::string("没有 ok 级的 ") + kind + " 编码格式",
                       std::string("no ok-level ") + kind + " shape");
    }
    for (const Shape& x : *list) {
      if (!x.precise) break;
      if (!examples->empty()) *examples += "、";
      *examples += x.example;
    }
  }
  return Status::Ok();
}

Status LoadConflicts(const Sheet& s, Tables* t) {
  for (const tabular::Row& row : s.table.rows) {
    if (Sheet::Comment(row)) continue;
    Conflict c;
    c.rule = s.Cell(row, "rule");
    const bool rule_ok =
        !c.rule.empty() && c.rule[0] >= 'a' && c.rule[0] <= 'z' &&
        std::all_of(c.rule.begin(), c.rule.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
        });
    if (!rule_ok) {
      return LineError(s.name, row.line,
                       "规则代码“" + c.rule + "”应为小写，如 clinical.obstetric_male",
                       "rule \"" + c.rule + "\" must be lower case like clinical.obstetric_male");
    }
    const std::string& scope = s.Cell(row, "scope");
    if (scope == "principal") {
      c.scope = Conflict::Scope::kPrincipal;
    } else if (scope == "other") {
      c.scope = Conflict::Scope::kOther;
    } else if (scope == "any") {
      c.scope = Conflict::Scope::kAny;
    } else {
      return LineError(s.name, row.line, "scope 应为 principal、other 或 any",
                       "scope must be principal, other or any");
    }
    std::string why;
    std::optional<CodeRanges> codes = ParseCodeRanges(s.Cell(row, "codes"), &why);
    if (!codes) return LineError(s.name, row.line, "codes 无法识别：" + why, "codes: " + why);
    c.codes = std::move(*codes);
    std::optional<Condition> cond = ParseCondition(s.Cell(row, "condition"), false, &why);
    if (!cond) {
      return LineError(s.name, row.line, "condition 无法识别：" + why, "condition: " + why);
    }
    c.condition = std::move(*cond);
    std::optional<Severity> severity = ParseSeverity(s.Cell(row, "severity"));
    if (!severity || *severity == Severity::kReject) {
      return LineError(s.name, row.line, "severity 应为 error 或 warning（reject 只属于导入）",
                       "severity must be error or warning (reject belongs to the importer)");
    }
    c.severity = *severity;
    std::optional<QcCategory> category = ParseQcCategory(s.Cell(row, "category"));
    if (!category || *category == QcCategory::kParse || *category == QcCategory::kCompleteness) {
      return LineError(s.name, row.line,
                       "category 应为 clinical、main_diagnosis_code 或 other_diagnosis_code 等",
                       "category must be clinical, main_diagnosis_code, other_diagnosis_code, …");
    }
    c.category = *category;
    c.message = s.Cell(row, "message");
    c.message_en = s.Cell(row, "message_en");
    if (c.message.empty() || c.message_en.empty()) {
      return LineError(s.name, row.line, "message 和 message_en 不能为空",
                       "message and message_en are required");
    }
    t->conflicts.push_back(std::move(c));
  }
  return Status::Ok();
}

Status LoadMinimallyInvasive(const Sheet& s, Tables* t) {
  for (const tabular::Row& row : s.table.rows) {
    if (Sheet::Comment(row)) continue;
    const std::string& prefix = s.Cell(row, "prefix");
    const bool shape_ok = prefix.size() >= 2 && prefix[0] >= '0' && prefix[0] <= '9' &&
                          prefix[1] >= '0' && prefix[1] <= '9' &&
                          std::all_of(prefix.begin(), prefix.end(), [](char c) {
                            return (c >= '0' && c <= '9') || c == '.' || c == 'x';
                          });
    if (!shape_ok) {
      return LineError(s.name, row.line, "编码前缀“" + prefix + "”应形如 47.01",
                       "code prefix \"" + prefix + "\" must look like 47.01");
    }
    if (s.Cell(row, "name").empty()) {
      return LineError(s.name, row.line, "name 不能为空", "name is required");
    }
    if (std::find(t->mis_prefixes.begin(), t->mis_prefixes.end(), prefix) !=
        t->mis_prefixes.end()) {
      return LineError(s.name, row.line, "编码前缀“" + prefix + "”重复",
                       "code prefix \"" + prefix + "\" is listed twice");
    }
    t->mis_prefixes.push_back(prefix);
    if (std::find(t->mis_lengths.begin(), t->mis_lengths.end(), prefix.size()) ==
        t->mis_lengths.end())
      t->mis_lengths.push_back(prefix.size());
  }
  std::sort(t->mis_prefixes.begin(), t->mis_prefixes.end());
  return Status::Ok();
}

}  // namespace

Result<QcRules> QcRules::FromFiles(const std::map<std::string, std::string>& files) {
  auto tables = std::make_shared<qc_internal::Tables>();
  QcRules rules;
  {
    YW_ASSIGN_OR_RETURN(
        Sheet s, ReadSheet(files, "required_fields.csv", {"column", "label", "label_en", "when"}));
    YW_RETURN_IF_ERROR(LoadRequired(s, tables.get(), &rules.required_));
  }
  {
    YW_ASSIGN_OR_RETURN(
        Sheet s, ReadSheet(files, "value_domains.csv", {"column", "code", "label", "label_en"}));
    YW_RETURN_IF_ERROR(LoadDomains(s, tables.get()));
  }
  {
    YW_ASSIGN_OR_RETURN(Sheet s, ReadSheet(files, "code_shapes.csv",
                                           {"kind", "pattern", "level", "example", "note"}));
    YW_RETURN_IF_ERROR(LoadShapes(s, tables.get()));
  }
  {
    YW_ASSIGN_OR_RETURN(Sheet s, ReadSheet(files, "clinical_conflicts.csv",
                                           {"rule", "scope", "codes", "condition", "severity",
                                            "category", "message", "message_en"}));
    YW_RETURN_IF_ERROR(LoadConflicts(s, tables.get()));
  }
  {
    YW_ASSIGN_OR_RETURN(Sheet s,
                        ReadSheet(files, "minimally_invasive_codes.csv", {"prefix", "name"}));
    YW_RETURN_IF_ERROR(LoadMinimallyInvasive(s, tables.get()));
  }
  rules.tables_ = std::move(tables);
  return rules;
}

}  // namespace yuanwu::indicators
