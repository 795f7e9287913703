// Every row of tests/indicators/qc/cases.csv against the shipped 首页质控 rules: the row's
// overrides are applied to the clean base record (tests/indicators/qc/base_record.csv), the
// record goes through CountRequired, DeriveMinimallyInvasive and Check as an import would, and
// the findings must be exactly the expected rule codes. The file formats are described in
// tests/indicators/qc/README.md; add rows there, not here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "indicators/qc.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/db/test_db.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

using db::testdb::Describe;
using db::testdb::ReadSourceFile;

constexpr const char* kDir = "tests/indicators/qc/";
constexpr const char* kCostItems = "COST_ITEMS";    // pseudo-column: "COST_ITEMS=" clears all 28
constexpr const char* kCheckCodes = "CHECK_CODES";  // pseudo-column: "CHECK_CODES=on"

using Row = std::map<std::string, std::string>;

Result<tabular::Table> ReadCases(const std::string& name) {
  return tabular::ParseCsv(ReadSourceFile(std::string(kDir) + name));
}

bool IsComment(const tabular::Row& r) { return !r.cells.empty() && r.cells[0].starts_with("#"); }

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return u;
}

// The importer's parsing, reduced to what the QC rules read. A value the importer would reject
// fails the test: such a row is not a QC case.
class RecordBuilder {
 public:
  explicit RecordBuilder(std::string where) : where_(std::move(where)) {}

  Discharge Build(const Row& row) {
    Discharge d;
    for (const auto& [column, value] : row) {
      if (value.empty()) continue;
      Set(&d, column, value);
    }
    std::sort(d.diagnoses.begin(), d.diagnoses.end(),
              [](const Diagnosis& a, const Diagnosis& b) { return a.seq < b.seq; });
    std::sort(d.procedures.begin(), d.procedures.end(),
              [](const Procedure& a, const Procedure& b) { return a.seq < b.seq; });
    return d;
  }

 private:
  std::optional<int64_t> Int(const std::string& column, const std::string& v) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) {
      ADD_FAILURE() << where_ << ": " << column << "=\"" << v
                    << "\" is not a whole number; the importer would reject it";
      return std::nullopt;
    }
    return n;
  }
  std::optional<int64_t> Money(const std::string& column, const std::string& v) {
    const bool negative = v.starts_with("-");
    std::string digits = negative ? v.substr(1) : v;
    const size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string cents = dot == std::string::npos ? "" : digits.substr(dot + 1);
    if (cents.size() > 2) return Bad(column, v, "money with at most 2 decimals");
    cents.resize(2, '0');
    std::optional<int64_t> w = Int(column, whole.empty() ? "0" : whole);
    std::optional<int64_t> c = Int(column, cents);
    if (!w || !c) return std::nullopt;
    const int64_t fen = *w * 100 + *c;
    return negative ? -fen : fen;
  }
  std::optional<int64_t> Bad(const std::string& column, const std::string& v, const char* want) {
    ADD_FAILURE() << where_ << ": " << column << "=\"" << v << "\" is not " << want
                  << "; the importer would reject it";
    return std::nullopt;
  }
  std::optional<LocalDateTime> DateTime(const std::string& column, const std::string& v) {
    std::optional<Date> date = ParseDate(std::string_view(v).substr(0, 10));
    int hh = 0, mm = 0;
    if (!date || v.size() != 16 || v[10] != ' ' || v[13] != ':' ||
        std::sscanf(v.c_str() + 11, "%2d:%2d", &hh, &mm) != 2) {
      Bad(column, v, "a time YYYY-MM-DD HH:MM");
      return std::nullopt;
    }
    return LocalDateTime{*date, hh, mm, 0};
  }
  Diagnosis& Dx(Discharge* d, int seq) {
    for (Diagnosis& x : d->diagnoses)
      if (x.seq == seq) return x;
    d->diagnoses.push_back(Diagnosis{seq, "", "", ""});
    return d->diagnoses.back();
  }
  Procedure& Px(Discharge* d, int seq) {
    for (Procedure& p : d->procedures)
      if (p.seq == seq) return p;
    Procedure p;
    p.seq = seq;
    d->procedures.push_back(p);
    return d->procedures.back();
  }

  void Set(Discharge* d, const std::string& column, const std::string& v) {
    static const std::map<std::string, std::string Discharge::*> kText = {
        {"BAH", &Discharge::bah},   {"XM", &Discharge::xm},         {"XB", &Discharge::xb},
        {"SFZH", &Discharge::sfzh}, {"YLFKFS", &Discharge::ylfkfs}, {"RYTJ", &Discharge::rytj},
        {"RYKB", &Discharge::rykb}, {"CYKB", &Discharge::cykb},     {"LYFS", &Discharge::lyfs},
        {"JBDM", &Discharge::jbdm}, {"ZYZD", &Discharge::zyzd},     {"RYBQ", &Discharge::rybq},
        {"BMY", &Discharge::bmy},   {"KZR", &Discharge::kzr},       {"ZRYS", &Discharge::zrys},
        {"ZZYS", &Discharge::zzys}, {"ZYYS", &Discharge::zyys}};
    if (auto it = kText.find(column); it != kText.end()) {
      d->*(it->second) = v;
      return;
    }
    if (column == "ZYCS") {
      d->zycs = static_cast<int>(Int(column, v).value_or(0));
    } else if (column == "NL") {
      if (auto n = Int(column, v)) d->nl = static_cast<int>(*n);
    } else if (column == "SJZYTS") {
      if (auto n = Int(column, v)) d->sjzyts = static_cast<int>(*n);
    } else if (column == "CSRQ") {
      d->csrq = ParseDate(v);
      if (!d->csrq) Bad(column, v, "a date YYYY-MM-DD");
    } else if (column == "RYSJ") {
      d->rysj = DateTime(column, v);
    } else if (column == "CYSJ") {
      d->cysj = DateTime(column, v);
    } else if (column == "ZFY") {
      d->zfy = Money(column, v);
    } else if (column == "ZFJE") {
      d->zfje = Money(column, v);
    } else if (SetNumbered(d, column, v)) {
      // a diagnosis or procedure column
    } else {
      for (size_t i = 0; i < kCostFields.size(); ++i) {
        if (column == Upper(kCostFields[i])) {
          d->costs[i] = Money(column, v);
          return;
        }
      }
      // Any other column (GJ, SZ1, …) only matters to CountRequired through `filled`.
    }
  }

  bool SetNumbered(Discharge* d, const std::string& column, const std::string& v) {
    size_t digits = column.size();
    while (digits > 0 && std::isdigit(static_cast<unsigned char>(column[digits - 1]))) --digits;
    if (digits == column.size()) return false;
    const std::string base = column.substr(0, digits);
    const int seq = std::stoi(column.substr(digits));
    if (base == "JBDM") {
      Dx(d, seq).code = v;
    } else if (base == "QTZD") {
      Dx(d, seq).name = v;
    } else if (base == "RYBQ") {
      Dx(d, seq).rybq = v;
    } else if (base == "SSJCZBM") {
      Px(d, seq).code = v;
    } else if (base == "SSJCZMC") {
      Px(d, seq).name = v;
    } else if (base == "SSJCZRQ") {
      // The importer keeps the text and the date part when it is one (a time may follow).
      Procedure& p = Px(d, seq);
      p.date_text = v;
      if (v.size() == 10 || (v.size() > 10 && (v[10] == ' ' || v[10] == 'T')))
        p.date = ParseDate(std::string_view(v).substr(0, 10));
    } else if (base == "SSJB") {
      Px(d, seq).ssjb = v;
    } else if (base == "SSPB") {
      Px(d, seq).sspb = v;
    } else if (base == "WCSS") {
      Px(d, seq).wcss = v;
    } else if (base == "QKDJ") {
      Px(d, seq).qkdj = v;
    } else if (base == "QKYHLB") {
      Px(d, seq).qkyhlb = v;
    } else if (base == "MZFS") {
      Px(d, seq).mzfs = v;
    } else {
      return false;
    }
    return true;
  }

  std::string where_;
};

// "rule" or "rule@FIELD" items separated by spaces or ';'; "none" = no finding.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& part : Split(std::string(text), ';')) {
    for (const std::string& item : Split(part, ' ')) {
      std::string t = Trim(item);
      if (!t.empty() && t != "none") out.push_back(t);
    }
  }
  return out;
}

std::map<std::string, std::string> RuleFiles() {
  std::map<std::string, std::string> files;
  for (const char* f : {"required_fields.csv", "value_domains.csv", "code_shapes.csv",
                        "clinical_conflicts.csv", "minimally_invasive_codes.csv"})
    files[f] = ReadSourceFile(std::string("data/indicators/qc/") + f);
  return files;
}

TEST(QcDataTest, EveryCaseOfTheDataFileHolds) {
  Result<QcRules> loaded = QcRules::FromFiles(RuleFiles());
  ASSERT_TRUE(loaded.ok()) << Describe(loaded.status());
  const QcRules& plain = *loaded;
  QcRules with_codes = *loaded;

  // The optional code tables (CHECK_CODES=on).
  Result<tabular::Table> codes = ReadCases("code_tables.csv");
  ASSERT_TRUE(codes.ok()) << Describe(codes.status());
  ASSERT_EQ(codes->header, (std::vector<std::string>{"kind", "code", "comment"}));
  auto tables = std::make_shared<CodeTables>();
  for (const tabular::Row& r : codes->rows) {
    if (IsComment(r)) continue;
    ASSERT_GE(r.cells.size(), 2u) << "code_tables.csv line " << r.line;
    ASSERT_TRUE(r.cells[0] == "icd10" || r.cells[0] == "procedure")
        << "code_tables.csv line " << r.line << ": kind must be icd10 or procedure";
    (r.cells[0] == "icd10" ? tables->icd10 : tables->procedures).insert(r.cells[1]);
  }
  with_codes.SetCodeTables(tables);

  // The base record.
  Result<tabular::Table> base_table = ReadCases("base_record.csv");
  ASSERT_TRUE(base_table.ok()) << Describe(base_table.status());
  ASSERT_EQ(base_table->header, (std::vector<std::string>{"column", "value", "comment"}));
  Row base;
  for (const tabular::Row& r : base_table->rows) {
    if (IsComment(r)) continue;
    ASSERT_GE(r.cells.size(), 2u) << "base_record.csv line " << r.line;
    ASSERT_TRUE(base.emplace(r.cells[0], r.cells[1]).second)
        << "base_record.csv line " << r.line << ": " << r.cells[0] << " twice";
  }

  constexpr const char* kCases = "cases.csv";
  Result<tabular::Table> cases = ReadCases(kCases);
  ASSERT_TRUE(cases.ok()) << kCases << ": " << Describe(cases.status());
  ASSERT_EQ(cases->header,
            (std::vector<std::string>{"case", "set", "expect", "required", "comment"}))
      << kCases << " has the wrong header";

  std::set<std::string> rules_seen;
  int checked = 0;
  for (const tabular::Row& r : cases->rows) {
    if (IsComment(r)) continue;
    const std::string where = std::string(kDir) + kCases + " line " + std::to_string(r.line);
    auto cell = [&](size_t i) { return i < r.cells.size() ? r.cells[i] : std::string(); };
    SCOPED_TRACE(where + " (" + cell(0) + ")");

    Row row = base;
    bool check_codes = false;
    for (const std::string& assignment : Split(cell(1), ';')) {
      const std::string a = Trim(assignment);
      if (a.empty()) continue;
      const size_t eq = a.find('=');
      ASSERT_NE(eq, std::string::npos) << where << ": \"" << a << "\" is not COLUMN=value";
      const std::string column = Trim(a.substr(0, eq));
      const std::string value = Trim(a.substr(eq + 1));
      if (column == kCostItems) {
        ASSERT_EQ(value, "") << where << ": only COST_ITEMS= (clear all items) is supported";
        for (const char* c : kCostFields) row[Upper(c)] = "";
      } else if (column == kCheckCodes) {
        ASSERT_EQ(value, "on") << where << ": CHECK_CODES=on";
        check_codes = true;
      } else {
        ASSERT_FALSE(column.empty()) << where;
        row[column] = value;
      }
    }

    RecordBuilder builder(where);
    Discharge d = builder.Build(row);
    d.line = r.line;
    const QcRules& rules = check_codes ? with_codes : plain;
    std::vector<Finding> findings;
    rules.CountRequired(
        [&](std::string_view column) {
          auto it = row.find(std::string(column));
          return it != row.end() && !it->second.empty();
        },
        &d, &findings);
    rules.DeriveMinimallyInvasive(&d);
    rules.Check(d, &findings);

    std::vector<std::string> expected = SplitList(cell(2));
    ASSERT_FALSE(cell(2).empty()) << where << ": expect is empty (write none for no finding)";
    std::vector<std::string> unexpected;
    for (const Finding& f : findings) {
      rules_seen.insert(f.rule);
      EXPECT_NE(f.severity, Severity::kReject) << f.rule;
      EXPECT_FALSE(f.message.empty() || f.message_en.empty()) << f.rule;
      auto it = std::find_if(expected.begin(), expected.end(), [&](const std::string& e) {
        return e == f.rule || e == f.rule + "@" + f.field;
      });
      if (it != expected.end()) {
        expected.erase(it);
      } else {
        unexpected.push_back(f.rule + "@" + f.field + " (" + f.message + ")");
      }
    }
    for (const std::string& u : unexpected) ADD_FAILURE() << where << ": unexpected finding " << u;
    for (const std::string& m : expected) ADD_FAILURE() << where << ": missing finding " << m;

    if (!cell(3).empty()) {
      EXPECT_EQ(std::to_string(d.required_filled) + "/" + std::to_string(d.required_total), cell(3))
          << where << ": required (filled/total)";
    }
    ++checked;
  }
  EXPECT_GE(checked, 40) << kCases << " lost rows";

  // Every rule code the rules can emit appears in at least one case.
  std::set<std::string> all = {
      "required.missing",
      "code.main_diagnosis_format",
      "code.main_diagnosis_imprecise",
      "code.main_diagnosis_unknown",
      "code.other_diagnosis_format",
      "code.other_diagnosis_imprecise",
      "code.other_diagnosis_unknown",
      "code.other_diagnosis_missing",
      "code.other_diagnosis_duplicate",
      "code.procedure_format",
      "code.procedure_imprecise",
      "code.procedure_unknown",
      "code.procedure_missing",
      "diagnosis.name_missing",
      "diagnosis.rybq_missing",
      "diagnosis.order_gap",
      "procedure.name_missing",
      "procedure.date_missing",
      "procedure.sspb_missing",
      "procedure.level_missing",
      "procedure.level_for_non_surgery",
      "procedure.order_gap",
      "date.discharge_before_admission",
      "date.procedure_before_admission",
      "date.procedure_after_discharge",
      "date.procedure_date_invalid",
      "date.los_mismatch",
      "date.age_mismatch",
      "date.birth_after_admission",
      "date.age_out_of_range",
      "cost.negative",
      "cost.total_mismatch",
      "cost.items_missing",
      "cost.physio_exceeds_parent",
      "cost.surgery_parts_exceed_parent",
      "cost.antibiotic_exceeds_parent",
      "cost.selfpay_exceeds_total",
      "domain.not_in_table",
  };
  Result<tabular::Table> conflicts =
      tabular::ParseCsv(ReadSourceFile("data/indicators/qc/clinical_conflicts.csv"));
  ASSERT_TRUE(conflicts.ok());
  for (const tabular::Row& r : conflicts->rows)
    if (!IsComment(r)) all.insert(r.cells[0]);
  for (const std::string& rule : all)
    EXPECT_TRUE(rules_seen.contains(rule)) << "no case in " << kCases << " produces " << rule;
}

}  // namespace
}  // namespace yuanwu::indicators
