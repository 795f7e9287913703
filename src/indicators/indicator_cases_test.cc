// Indicator correctness as data files a 质控科 officer can read: every tests/indicators/cases/
// *.case file ("a few rows in, the expected indicator values out", format in that folder's
// README.md) runs on SQLite and PostgreSQL. Its sections are executed in order — departments are
// created, each record section is imported as a CSV file through the real Importer, each
// [figures] section writes 医院填报数据 (period_figure, values scaled as FigureCatalogue does),
// and each [expect] block loads the Engine and runs the reference SQL, and both must give
// exactly the listed rows. Failures name the case file and line. Add cases there, not here.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/figure.h"
#include "indicators/importer.h"
#include "indicators/reference_sql.h"
#include "platform/base/clock.h"
#include "platform/base/file_store.h"
#include "platform/base/text.h"
#include "platform/db/test_db.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators {
namespace {

namespace testdb = db::testdb;
namespace fs = std::filesystem;

constexpr const char* kCaseDir = "tests/indicators/cases";
constexpr const char* kBlank = "(空)";  // in a section with base=: empties the item
constexpr const char* kNoRow = "(无)";  // [expect] value: the row must not exist

std::string SourceDir() {
  const char* d = std::getenv("YUANWU_SOURCE_DIR");
  return d ? d : ".";
}

// ---------------------------------------------------------------------------------------------
// The case file: `# comments`, then sections `[name key=value …]` whose lines are CSV.

struct Line {
  int number = 0;  // in the case file, 1-based
  std::string text;
};

struct Section {
  std::string name;
  std::map<std::string, std::string> options;
  int line = 0;             // of the [header]
  std::vector<Line> lines;  // content, without blank and # lines
};

struct CaseFile {
  std::string path;  // e.g. tests/indicators/cases/x.case, for messages
  std::vector<Section> sections;
  std::string known_bug;  // text of a [known_bug] section, "" when none
};

const std::set<std::string>& SectionNames() {
  static const std::set<std::string> names = {
      "campuses", "departments", "discharges", "visits",        "antibiotic_use",
      "pathways", "figures",     "expect",     "expect_import", "known_bug"};
  return names;
}

bool IsImport(const std::string& name) { return ParseDataset(name).has_value(); }

// Parses the file; errors read "path:line: what".
Result<CaseFile> ParseCaseFile(const std::string& path, const std::string& text) {
  CaseFile c;
  c.path = path;
  auto bad = [&](int line, const std::string& what) {
    std::string where = path + ":" + std::to_string(line) + ": ";
    return Status::Invalid("case", where + what, where + what);
  };
  std::istringstream in(text);
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (number == 1 && raw.starts_with("\xEF\xBB\xBF")) raw.erase(0, 3);
    std::string t = Trim(raw);
    if (t.empty() || t.starts_with("#")) continue;
    if (t.starts_with("[")) {
      if (!t.ends_with("]")) return bad(number, "a section header must end with ]");
      std::vector<std::string> words;
      for (const std::string& w : Split(t.substr(1, t.size() - 2), ' '))
        if (!Trim(w).empty()) words.push_back(Trim(w));
      if (words.empty()) return bad(number, "empty section header []");
      Section s;
      s.name = words[0];
      s.line = number;
      if (!SectionNames().count(s.name)) return bad(number, "unknown section [" + s.name + "]");
      for (size_t i = 1; i < words.size(); ++i) {
        size_t eq = words[i].find('=');
        if (eq == std::string::npos || eq == 0)
          return bad(number, "section option \"" + words[i] + "\" is not key=value");
        s.options[words[i].substr(0, eq)] = words[i].substr(eq + 1);
      }
      c.sections.push_back(std::move(s));
      continue;
    }
    if (c.sections.empty()) return bad(number, "a line before the first [section]");
    c.sections.back().lines.push_back(Line{number, raw});
  }
  for (size_t i = 0; i < c.sections.size(); ++i) {
    const Section& s = c.sections[i];
    if (s.name == "known_bug") {
      for (const Line& l : s.lines) c.known_bug += (c.known_bug.empty() ? "" : " ") + Trim(l.text);
      if (c.known_bug.empty()) return bad(s.line, "[known_bug] needs a description");
      continue;
    }
    if (s.name == "expect_import" && (i == 0 || !IsImport(c.sections[i - 1].name)))
      return bad(s.line, "[expect_import] must follow the import section it is about");
    if (s.lines.empty()) return bad(s.line, "[" + s.name + "] has no header line");
  }
  return c;
}

// The section's lines as one CSV text; line k of it is s.lines[k - 1].
std::string SectionText(const Section& s) {
  std::string out;
  for (const Line& l : s.lines) out += l.text + "\n";
  return out;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<tabular::Row> rows;  // Row::line = the case-file line
  int Column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
  static std::string Cell(const tabular::Row& r, int column) {
    return column >= 0 && static_cast<size_t>(column) < r.cells.size() ? Trim(r.cells[column]) : "";
  }
};

Result<Csv> ParseSection(const CaseFile& c, const Section& s) {
  auto t = tabular::ParseCsv(SectionText(s));
  if (!t.ok()) {
    std::string what = c.path + ":" + std::to_string(s.line) + ": [" + s.name +
                       "] is not CSV: " + testdb::Describe(t.status());
    return Status::Invalid("case", what, what);
  }
  Csv out;
  out.header = t->header;
  for (tabular::Row& r : t->rows) {
    r.line = s.lines[static_cast<size_t>(r.line - 1)].number;
    out.rows.push_back(std::move(r));
  }
  return out;
}

std::string CsvEscape(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// "2025-03" → 202503; 0 when malformed.
int ParseMonth(const std::string& s) {
  int y = 0, m = 0;
  if (s.size() != 7 || s[4] != '-' || std::sscanf(s.c_str(), "%4d-%2d", &y, &m) != 2 || m < 1 ||
      m > 12)
    return 0;
  return y * 100 + m;
}

int PeriodStart(int month, Grain g) {
  int y = month / 100, m = month % 100;
  if (g == Grain::kQuarter) return y * 100 + (m - 1) / 3 * 3 + 1;
  if (g == Grain::kYear) return y * 100 + 1;
  return month;
}

int PeriodEnd(int month, Grain g) {
  int y = month / 100, m = month % 100;
  if (g == Grain::kQuarter) return y * 100 + (m - 1) / 3 * 3 + 3;
  if (g == Grain::kYear) return y * 100 + 12;
  return month;
}

std::string Format(std::optional<double> v, int decimals) {
  if (!v) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Running a case.

class CaseRunner {
 public:
  CaseRunner(const CaseFile& c, db::Database& db, const QcRules& qc, FileStore& files,
             const std::vector<Indicator>& indicators, const FigureCatalogue& figures)
      : c_(c), db_(db), qc_(qc), files_(files), indicators_(indicators), figures_(figures) {}

  void Run() {
    for (size_t i = 0; i < c_.sections.size(); ++i) {
      const Section& s = c_.sections[i];
      const Section* next = i + 1 < c_.sections.size() ? &c_.sections[i + 1] : nullptr;
      if (s.name == "campuses") {
        Campuses(s);
      } else if (s.name == "departments") {
        Departments(s);
      } else if (s.name == "figures") {
        Figures(s);
      } else if (IsImport(s.name)) {
        Import(s, next && next->name == "expect_import" ? next : nullptr);
      } else if (s.name == "expect") {
        Expect(s);
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

 private:
  std::string At(int line) const { return c_.path + ":" + std::to_string(line); }

  std::optional<Csv> Parse(const Section& s) {
    auto csv = ParseSection(c_, s);
    if (!csv.ok()) {
      ADD_FAILURE() << csv.status().message();
      return std::nullopt;
    }
    return std::move(*csv);
  }

  void Exec(int line, const std::function<void(soci::session&)>& f) {
    Status st = db_.Transact([&](soci::session& sql) {
      f(sql);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << At(line) << ": " << testdb::Describe(st);
  }

  void Campus(int line, const std::string& code, const std::string& name) {
    if (campuses_.count(code)) return;
    campuses_.insert(code);
    int sort = static_cast<int>(campuses_.size());
    Exec(line, [&](soci::session& sql) {
      sql << "INSERT INTO campus (code, name, address, sort) VALUES (:c, :n, '', :s)",
          soci::use(code), soci::use(name), soci::use(sort);
    });
  }

  void Campuses(const Section& s) {
    auto csv = Parse(s);
    if (!csv) return;
    int code = csv->Column("code"), name = csv->Column("name");
    if (code < 0 || name < 0) {
      ADD_FAILURE() << At(s.line) << ": [campuses] needs the columns code,name";
      return;
    }
    for (const auto& r : csv->rows) Campus(r.line, Csv::Cell(r, code), Csv::Cell(r, name));
  }

  void Departments(const Section& s) {
    auto csv = Parse(s);
    if (!csv) return;
    int code = csv->Column("code"), name = csv->Column("name"), campus = csv->Column("campus");
    if (code < 0 || name < 0 || campus < 0) {
      ADD_FAILURE() << At(s.line) << ": [departments] needs the columns code,name,campus";
      return;
    }
    for (const auto& r : csv->rows) {
      std::string k = Csv::Cell(r, campus), d = Csv::Cell(r, code), n = Csv::Cell(r, name);
      Campus(r.line, k, k);  // a campus not listed in [campuses] is named by its code
      Exec(r.line, [&](soci::session& sql) {
        sql << "INSERT INTO department (code, name, campus_id, kind) SELECT :d, :n, id, "
               "'clinical' FROM campus WHERE code = :k",
            soci::use(d), soci::use(n), soci::use(k);
      });
    }
  }

  // 医院填报数据: period (YYYY-MM), org_unit ('hospital', a campus or department code), code,
  // value as entered (元 with 分, 床日 …), scaled by the catalogue exactly as the entry screen
  // does; (无) deletes the figure. A figure already there is replaced.
  void Figures(const Section& s) {
    auto csv = Parse(s);
    if (!csv) return;
    int period = csv->Column("period"), org = csv->Column("org_unit"), code = csv->Column("code"),
        value = csv->Column("value");
    if (period < 0 || org < 0 || code < 0 || value < 0) {
      ADD_FAILURE() << At(s.line) << ": [figures] needs the columns period,org_unit,code,value";
      return;
    }
    for (const auto& r : csv->rows) {
      long long month = ParseMonth(Csv::Cell(r, period));
      std::string unit = Csv::Cell(r, org), figure = Csv::Cell(r, code), text = Csv::Cell(r, value);
      const FigureDef* def = figures_.Find(figure);
      if (!month || unit.empty() || !def) {
        ADD_FAILURE() << At(r.line) << ": [figures] needs a period YYYY-MM, an org_unit and a "
                      << "code of data/indicators/figures.json (got \"" << figure << "\")";
        continue;
      }
      std::optional<double> scaled;
      if (text != kNoRow) {
        auto v = FigureCatalogue::ScaleText(*def, text);
        if (!v.ok()) {
          ADD_FAILURE() << At(r.line) << ": " << testdb::Describe(v.status());
          continue;
        }
        scaled = static_cast<double>(*v);
      }
      Exec(r.line, [&](soci::session& sql) {
        sql << "DELETE FROM period_figure WHERE period = :p AND org_unit = :o AND code = :c",
            soci::use(month), soci::use(unit), soci::use(figure);
        if (scaled)
          sql << "INSERT INTO period_figure (period, org_unit, code, value, updated_at) VALUES "
                 "(:p, :o, :c, :v, '2026-01-01T00:00:00Z')",
              soci::use(month), soci::use(unit), soci::use(figure), soci::use(*scaled);
      });
    }
  }

  // The CSV file to import. With base=FILE, every row starts from that record (column,value
  // rows); an empty cell keeps the base value and (空) empties the item. `lines[k]` is the
  // case-file line of line k + 1 of the file.
  std::optional<std::string> ImportFile(const Section& s, std::vector<int>* lines) {
    auto base_it = s.options.find("base");
    if (base_it == s.options.end()) {
      for (const Line& l : s.lines) lines->push_back(l.number);
      return SectionText(s);
    }
    std::string base_path =
        (fs::path(kCaseDir) / base_it->second).lexically_normal().generic_string();
    auto base = tabular::ParseCsv(testdb::ReadSourceFile(base_path));
    if (!base.ok() || base->Column("column") < 0 || base->Column("value") < 0) {
      ADD_FAILURE() << At(s.line) << ": base record " << base_path
                    << " is not a column,value CSV file";
      return std::nullopt;
    }
    std::vector<std::string> columns;
    std::map<std::string, std::string> values;
    int bc = base->Column("column"), bv = base->Column("value");
    for (const auto& r : base->rows) {
      std::string col = Csv::Cell(r, bc);
      if (col.empty() || col.starts_with("#")) continue;
      columns.push_back(col);
      values[col] = Csv::Cell(r, bv);
    }
    auto csv = Parse(s);
    if (!csv) return std::nullopt;
    for (const std::string& h : csv->header)
      if (!values.count(h)) columns.push_back(h);
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + CsvEscape(columns[i]);
    out += "\n";
    lines->push_back(s.lines.front().number);
    for (const auto& r : csv->rows) {
      for (size_t i = 0; i < columns.size(); ++i) {
        int col = csv->Column(columns[i]);
        std::string v = col < 0 ? values[columns[i]] : Csv::Cell(r, col);
        if (col >= 0 && v.empty()) v = values[columns[i]];
        if (v == kBlank) v.clear();
        out += (i ? "," : "") + CsvEscape(v);
      }
      out += "\n";
      lines->push_back(r.line);
    }
    return out;
  }

  void Import(const Section& s, const Section* expect) {
    Dataset dataset = *ParseDataset(s.name);
    std::vector<int> lines;
    std::optional<std::string> data = ImportFile(s, &lines);
    if (!data) return;
    auto case_line = [&](int64_t file_line) {
      return file_line >= 1 && static_cast<size_t>(file_line) <= lines.size()
                 ? lines[static_cast<size_t>(file_line - 1)]
                 : s.line;
    };
    Importer importer(db_, files_, qc_, clock_);
    ImportRequest r;
    r.dataset = dataset;
    auto file = s.options.find("file");
    r.file_name = file != s.options.end() ? file->second : std::string(s.name) + ".csv";
    r.data = std::move(*data);
    r.threads = 1;
    auto out = importer.Import(r);
    if (!out.ok()) {
      ADD_FAILURE() << At(s.line) << ": [" << s.name
                    << "] could not be imported at all: " << testdb::Describe(out.status());
      return;
    }
    auto describe = [&](const RecordFinding& f) {
      return At(case_line(f.line)) + " (line " + std::to_string(f.line) + " of " + r.file_name +
             "): " + f.finding.field + " \"" + f.finding.value + "\" " + f.finding.rule + " — " +
             f.finding.message;
    };
    std::set<std::string> rejected;
    std::map<std::string, const RecordFinding*> rejected_by;
    for (const RecordFinding& f : out->sample) {
      if (f.finding.severity != Severity::kReject) continue;
      std::string key = std::to_string(f.line) + "," + f.finding.field + "," + f.finding.rule;
      rejected.insert(key);
      rejected_by[key] = &f;
    }
    if (!expect) {
      if (out->committed) return;
      std::string why;
      for (const auto& [key, f] : rejected_by) why += "\n  " + describe(*f);
      ADD_FAILURE() << At(s.line) << ": [" << s.name
                    << "] was not imported: " << testdb::Describe(out->failure) << why;
      return;
    }
    EXPECT_FALSE(out->committed) << At(expect->line) << ": [" << s.name
                                 << "] was expected to be rejected, but it was imported";
    auto csv = Parse(*expect);
    if (!csv) return;
    int line = csv->Column("line"), field = csv->Column("field"), rule = csv->Column("rule");
    if (line < 0 || field < 0 || rule < 0) {
      ADD_FAILURE() << At(expect->line) << ": [expect_import] needs the columns line,field,rule";
      return;
    }
    std::set<std::string> expected;
    for (const auto& row : csv->rows) {
      std::string key =
          Csv::Cell(row, line) + "," + Csv::Cell(row, field) + "," + Csv::Cell(row, rule);
      expected.insert(key);
      EXPECT_TRUE(rejected.count(key))
          << At(row.line) << ": expected the import to reject line " << Csv::Cell(row, line)
          << " of " << r.file_name << " (field " << Csv::Cell(row, field) << ", rule "
          << Csv::Cell(row, rule) << "), it did not";
    }
    for (const auto& [key, f] : rejected_by)
      EXPECT_TRUE(expected.count(key))
          << At(expect->line) << ": a rejection not listed in [expect_import]: " << describe(*f);
  }

  const Indicator* Find(const std::string& code) const {
    for (const Indicator& i : indicators_)
      if (i.code == code) return &i;
    return nullptr;
  }

  struct Want {
    int line = 0;
    const Indicator* indicator = nullptr;
    std::string period, org;
    bool absent = false;  // value (无): no such row
    int64_t numerator = 0, denominator = 0;
    std::optional<double> value;
    bool check_previous = false;
    std::optional<double> previous;
    std::string Key() const { return indicator->code + " " + period + " " + org; }
  };

  bool ParseNumber(int line, const std::string& column, const std::string& text,
                   std::optional<double>* out) {
    if (text.empty() || text == "-") {
      out->reset();
      return true;
    }
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
      ADD_FAILURE() << At(line) << ": " << column << " \"" << text
                    << "\" is not a number (write - for no value)";
      return false;
    }
    *out = v;
    return true;
  }

  bool ParseInt(int line, const std::string& column, const std::string& text, int64_t* out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    if (ec != std::errc() || end != text.data() + text.size()) {
      ADD_FAILURE() << At(line) << ": " << column << " \"" << text << "\" is not a whole number";
      return false;
    }
    return true;
  }

  std::optional<Want> ParseWant(const Csv& csv, const tabular::Row& r) {
    Want w;
    w.line = r.line;
    std::string code = Csv::Cell(r, csv.Column("indicator"));
    w.indicator = Find(code);
    if (!w.indicator) {
      ADD_FAILURE() << At(r.line) << ": no shipped indicator has the code \"" << code << "\"";
      return std::nullopt;
    }
    int name = csv.Column("name");
    if (name >= 0 && Csv::Cell(r, name) != w.indicator->name) {
      ADD_FAILURE() << At(r.line) << ": " << code << " is named 「" << w.indicator->name
                    << "」 in definitions.json, not 「" << Csv::Cell(r, name) << "」";
      return std::nullopt;
    }
    w.period = Csv::Cell(r, csv.Column("period"));
    w.org = Csv::Cell(r, csv.Column("org_unit"));
    if (Csv::Cell(r, csv.Column("value")) == kNoRow) {
      w.absent = true;
      return w;
    }
    if (!ParseInt(r.line, "numerator", Csv::Cell(r, csv.Column("numerator")), &w.numerator))
      return std::nullopt;
    std::string den = Csv::Cell(r, csv.Column("denominator"));
    if (den == "-") {
      if (w.indicator->denominator) {
        ADD_FAILURE() << At(r.line) << ": " << code << " has a denominator; write it instead of -";
        return std::nullopt;
      }
    } else if (!ParseInt(r.line, "denominator", den, &w.denominator)) {
      return std::nullopt;
    }
    if (!ParseNumber(r.line, "value", Csv::Cell(r, csv.Column("value")), &w.value))
      return std::nullopt;
    int prev = csv.Column("previous_year_value");
    if (prev >= 0) {
      w.check_previous = true;
      if (!ParseNumber(r.line, "previous_year_value", Csv::Cell(r, prev), &w.previous))
        return std::nullopt;
    }
    return w;
  }

  void Expect(const Section& s) {
    Query q;
    auto opt = [&](const char* k, const char* d) {
      auto it = s.options.find(k);
      return it == s.options.end() ? std::string(d) : it->second;
    };
    std::optional<Grain> grain = ParseGrain(opt("by", "month"));
    std::optional<Grouping> grouping = ParseGrouping(opt("group", "hospital"));
    if (!grain || !grouping) {
      ADD_FAILURE() << At(s.line)
                    << ": by= must be month|quarter|year, group= hospital|campus|department";
      return;
    }
    for (const auto& [k, v] : s.options)
      if (k != "by" && k != "group" && k != "from" && k != "to")
        ADD_FAILURE() << At(s.line) << ": unknown [expect] option " << k;
    q.grain = *grain, q.grouping = *grouping;
    auto csv = Parse(s);
    if (!csv) return;
    for (const char* col :
         {"indicator", "period", "org_unit", "numerator", "denominator", "value"}) {
      if (csv->Column(col) < 0) {
        ADD_FAILURE() << At(s.line) << ": [expect] needs the column " << col;
        return;
      }
    }
    std::vector<Want> wants;
    std::set<std::string> codes;
    for (const auto& r : csv->rows) {
      std::optional<Want> w = ParseWant(*csv, r);
      if (!w) continue;
      codes.insert(w->indicator->code);
      q.indicators.push_back(w->indicator->code);
      wants.push_back(std::move(*w));
    }
    if (wants.empty()) {
      ADD_FAILURE() << At(s.line) << ": [expect] lists no rows";
      return;
    }
    std::sort(q.indicators.begin(), q.indicators.end());
    q.indicators.erase(std::unique(q.indicators.begin(), q.indicators.end()), q.indicators.end());

    Engine engine(1);
    ASSERT_TRUE(engine.SetIndicators(indicators_).ok());
    Status loaded = engine.Load(db_);
    ASSERT_TRUE(loaded.ok()) << At(s.line) << ": " << testdb::Describe(loaded);
    // The months queried: from= / to= (YYYY-MM) as written; by default every month with data,
    // widened to whole periods of the grain.
    q.from = engine.FirstMonth() ? PeriodStart(engine.FirstMonth(), q.grain) : 0;
    q.to = engine.LastMonth() ? PeriodEnd(engine.LastMonth(), q.grain) : 0;
    if (s.options.count("from")) q.from = ParseMonth(s.options.at("from"));
    if (s.options.count("to")) q.to = ParseMonth(s.options.at("to"));
    if ((s.options.count("from") && !q.from) || (s.options.count("to") && !q.to)) {
      ADD_FAILURE() << At(s.line) << ": from= and to= are months written YYYY-MM";
      return;
    }
    std::vector<ResultRow> got, want;
    if (q.from && q.to) {
      auto e = engine.Run(q);
      ASSERT_TRUE(e.ok()) << At(s.line) << ": engine: " << testdb::Describe(e.status());
      auto r = RunReferenceSql(db_, indicators_, q);
      ASSERT_TRUE(r.ok()) << At(s.line) << ": reference SQL: " << testdb::Describe(r.status());
      got = std::move(*e), want = std::move(*r);
    }
    Compare(s, "engine", got, wants, codes);
    Compare(s, "reference SQL", want, wants, codes);
  }

  void Compare(const Section& s, const char* who, const std::vector<ResultRow>& rows,
               const std::vector<Want>& wants, const std::set<std::string>& codes) {
    std::map<std::string, const ResultRow*> by_key;
    for (const ResultRow& r : rows)
      if (codes.count(r.indicator)) by_key[r.indicator + " " + r.period + " " + r.org_unit] = &r;
    std::set<std::string> listed;
    for (const Want& w : wants) {
      listed.insert(w.Key());
      auto it = by_key.find(w.Key());
      const int d = w.indicator->decimals;
      std::string label = At(w.line) + ": " + w.Key() + " 「" + w.indicator->name + "」: " + who;
      if (w.absent) {
        if (it != by_key.end())
          ADD_FAILURE() << label << " has this row, expected none: numerator "
                        << it->second->numerator << ", denominator " << it->second->denominator
                        << ", value " << Format(it->second->value, d);
        continue;
      }
      if (it == by_key.end()) {
        ADD_FAILURE() << label << " has no such row (expected " << w.numerator << " / "
                      << (w.indicator->denominator ? std::to_string(w.denominator) : "-") << " = "
                      << Format(w.value, d) << ")";
        continue;
      }
      const ResultRow& r = *it->second;
      EXPECT_EQ(r.numerator, w.numerator) << label << " numerator";
      EXPECT_EQ(r.denominator, w.denominator) << label << " denominator";
      EXPECT_EQ(Format(r.value, d), Format(w.value, d)) << label << " value";
      if (w.check_previous) {
        EXPECT_EQ(Format(r.previous_year_value, d), Format(w.previous, d))
            << label << " previous_year_value (同比)";
      }
    }
    for (const auto& [key, r] : by_key) {
      if (listed.count(key)) continue;
      const Indicator* i = Find(r->indicator);
      std::string den = i && !i->denominator ? "-" : std::to_string(r->denominator);
      ADD_FAILURE() << At(s.line) << ": " << who << " has a row [expect] does not list: " << key
                    << " numerator " << r->numerator << ", denominator " << den << ", value "
                    << Format(r->value, i ? i->decimals : 2);
    }
  }

  const CaseFile& c_;
  db::Database& db_;
  const QcRules& qc_;
  FileStore& files_;
  const std::vector<Indicator>& indicators_;
  const FigureCatalogue& figures_;
  FakeClock clock_{1763800000};
  std::set<std::string> campuses_;
};

// ---------------------------------------------------------------------------------------------
// The tests.

std::map<std::string, std::string> QcFiles() {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(SourceDir() + "/data/indicators/qc")) {
    std::string name = e.path().filename().string();
    out[name] = testdb::ReadSourceFile("data/indicators/qc/" + name);
  }
  return out;
}

std::vector<std::string> CaseFileNames() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(SourceDir() + "/" + kCaseDir, ec))
    if (e.path().extension() == ".case") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Everything a case needs besides its database.
struct Fixture {
  std::unique_ptr<QcRules> qc;
  std::unique_ptr<FigureCatalogue> figures;
  std::vector<Indicator> indicators;
  testdb::TempDir tmp;
  std::unique_ptr<DiskFileStore> files;

  void SetUp() {
    auto rules = QcRules::FromFiles(QcFiles());
    ASSERT_TRUE(rules.ok()) << testdb::Describe(rules.status());
    qc = std::make_unique<QcRules>(std::move(*rules));
    auto catalogue = FigureCatalogue::Parse(testdb::ReadSourceFile("data/indicators/figures.json"));
    ASSERT_TRUE(catalogue.ok()) << testdb::Describe(catalogue.status());
    figures = std::make_unique<FigureCatalogue>(std::move(*catalogue));
    auto defs = ParseDefinitionFile(testdb::ReadSourceFile("data/indicators/definitions.json"),
                                    figures.get());
    ASSERT_TRUE(defs.ok()) << testdb::Describe(defs.status());
    indicators = std::move(*defs);
    fs::create_directories(tmp.path() + "/files");
    files = std::make_unique<DiskFileStore>(tmp.path() + "/files");
  }

  void RunCase(const CaseFile& c, const std::string& engine) {
    std::shared_ptr<db::Database> db = testdb::OpenMigrated(engine);
    ASSERT_NE(db, nullptr);
    CaseRunner(c, *db, *qc, *files, indicators, *figures).Run();
  }
};

struct CaseParam {
  std::string engine;
  std::string file;  // name in kCaseDir; "" when the folder has no case
};

void PrintTo(const CaseParam& p, std::ostream* os) { *os << p.engine << " " << p.file; }

std::vector<CaseParam> CaseParams() {
  std::vector<std::string> files = CaseFileNames();
  if (files.empty()) files.push_back("");  // a test that fails and says why
  std::vector<CaseParam> out;
  for (const std::string& e : testdb::Engines())
    for (const std::string& f : files) out.push_back({e, f});
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<CaseParam>& info) {
  std::string stem = info.param.file.empty() ? "none" : fs::path(info.param.file).stem().string();
  std::string name = info.param.engine + "_";
  for (char ch : stem) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

class IndicatorCaseTest : public ::testing::TestWithParam<CaseParam> {};

TEST_P(IndicatorCaseTest, Run) {
  const CaseParam& p = GetParam();
  ASSERT_FALSE(p.file.empty()) << "no *.case file in " << SourceDir() << "/" << kCaseDir
                               << " (is YUANWU_SOURCE_DIR set?)";
  if (!testdb::Available(p.engine)) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
  std::string path = std::string(kCaseDir) + "/" + p.file;
  auto c = ParseCaseFile(path, testdb::ReadSourceFile(path));
  ASSERT_TRUE(c.ok()) << c.status().message();
  Fixture f;
  f.SetUp();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  if (c->known_bug.empty()) {
    f.RunCase(*c, p.engine);
    return;
  }
  // A known bug stays visible: the case must fail, and says why; once fixed, it must not pass
  // silently with its [known_bug] section still there.
  {
    SCOPED_TRACE(path + " is marked [known_bug]: the failure is the documented bug");
    f.RunCase(*c, p.engine);
  }
  if (::testing::Test::HasFailure()) {
    ADD_FAILURE() << path << ": [known_bug] 已知问题 " << c->known_bug;
  } else {
    ADD_FAILURE() << path << " is marked [known_bug] but passes now: remove the section";
  }
}

INSTANTIATE_TEST_SUITE_P(Db, IndicatorCaseTest, ::testing::ValuesIn(CaseParams()), CaseName);

// Every shipped indicator is checked by at least one case.
TEST(IndicatorCaseCoverage, EveryShippedIndicatorHasACase) {
  auto defs = ParseDefinitionFile(testdb::ReadSourceFile("data/indicators/definitions.json"));
  ASSERT_TRUE(defs.ok()) << testdb::Describe(defs.status());
  std::set<std::string> covered;
  for (const std::string& file : CaseFileNames()) {
    std::string path = std::string(kCaseDir) + "/" + file;
    auto c = ParseCaseFile(path, testdb::ReadSourceFile(path));
    ASSERT_TRUE(c.ok()) << c.status().message();
    for (const Section& s : c->sections) {
      if (s.name != "expect") continue;
      auto csv = ParseSection(*c, s);
      ASSERT_TRUE(csv.ok()) << csv.status().message();
      for (const auto& r : csv->rows) covered.insert(Csv::Cell(r, csv->Column("indicator")));
    }
  }
  for (const Indicator& i : *defs)
    EXPECT_TRUE(covered.count(i.code))
        << i.code << " 「" << i.name << "」 is checked by no case in " << kCaseDir;
}

// The messages of the failures `f` records (they do not fail the calling test).
std::vector<std::string> FailuresOf(const std::function<void()>& f) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    f();
  }
  std::vector<std::string> out;
  for (int i = 0; i < results.size(); ++i)
    if (results.GetTestPartResult(i).failed())
      out.push_back(results.GetTestPartResult(i).message());
  return out;
}

bool AnyContains(const std::vector<std::string>& messages, const std::string& what) {
  return std::any_of(messages.begin(), messages.end(),
                     [&](const std::string& m) { return m.find(what) != std::string::npos; });
}

// The runner itself: a wrong expectation fails and names the line, and so do an unlisted row,
// a missing row and an unexpected rejection.
TEST(IndicatorCaseFormat, AWrongExpectationFailsNamingTheCaseLine) {
  Fixture f;
  f.SetUp();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  const std::string head =
      "# two discharges, one with surgery\n"                      // 1
      "[departments]\n"                                           // 2
      "code,name,campus\n"                                        // 3
      "PWK,普通外科,HQ\n"                                         // 4
      "[discharges]\n"                                            // 5
      "BAH,ZYCS,CYSJ,CYKB,SSJCZBM1,SSPB1\n"                       // 6
      "A1,1,2025-03-02 10:00,PWK,47.0900,1\n"                     // 7
      "A2,1,2025-03-03 10:00,PWK,,\n"                             // 8
      "[expect]\n"                                                // 9
      "indicator,period,org_unit,numerator,denominator,value\n";  // 10
  auto run = [&](const std::string& name, const std::string& text) {
    auto c = ParseCaseFile(name, text);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? FailuresOf([&] { f.RunCase(*c, "sqlite"); }) : std::vector<std::string>{};
  };
  // Right: passes.
  EXPECT_TRUE(run("right.case", head + "surgery_ratio,2025-03,hospital,1,2,50.00\n").empty());
  // Wrong value (50.00): engine and reference SQL both fail, naming line 11.
  auto wrong = run("wrong.case", head + "surgery_ratio,2025-03,hospital,1,2,75.00\n");
  EXPECT_EQ(wrong.size(), 2u);
  EXPECT_TRUE(AnyContains(wrong, "wrong.case:11")) << ::testing::PrintToString(wrong);
  // A listed row that does not exist (line 12); a row that exists but is not listed (named by
  // the [expect] header, line 9).
  auto rows = run("rows.case", head +
                                   "discharges,2025-03,hospital,2,-,2\n"
                                   "discharges,2025-02,hospital,1,-,1\n"
                                   "surgery_ratio,2025-03,hospital,1,2,50.00\n");
  EXPECT_TRUE(AnyContains(rows, "rows.case:12")) << ::testing::PrintToString(rows);
  auto unlisted = run("unlisted.case", head + "surgery_ratio,2025-03,PWK,1,2,50.00\n");
  EXPECT_TRUE(AnyContains(unlisted, "unlisted.case:11: surgery_ratio 2025-03 PWK"))
      << ::testing::PrintToString(unlisted);
  EXPECT_TRUE(AnyContains(unlisted, "unlisted.case:9: engine has a row [expect] does not list"))
      << ::testing::PrintToString(unlisted);
  // An unexpected rejection names the line of the case file.
  auto rejected =
      run("rejected.case", "[discharges]\nBAH,ZYCS,CYSJ,CYKB\nA1,1,2025-02-30 10:00,PWK\n");
  EXPECT_TRUE(AnyContains(rejected, "rejected.case:3")) << ::testing::PrintToString(rejected);
}

TEST(IndicatorCaseFormat, MalformedFilesNameTheLine) {
  EXPECT_NE(ParseCaseFile("x.case", "[nosuch]\na\n").status().message().find("x.case:1"),
            std::string::npos);
  EXPECT_NE(ParseCaseFile("x.case", "# c\nA,B\n").status().message().find("x.case:2"),
            std::string::npos);
  EXPECT_NE(
      ParseCaseFile("x.case", "[visits]\nJZLSH\n[expect_import]\nline\n[expect_import]\nline\n")
          .status()
          .message()
          .find("x.case:5"),
      std::string::npos);
  EXPECT_NE(
      ParseCaseFile("x.case", "[visits]\nJZLSH\n[expect]\n").status().message().find("x.case:3"),
      std::string::npos);
}

}  // namespace
}  // namespace yuanwu::indicators
