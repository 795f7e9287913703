// Fuzzes RecordParser (src/indicators/record_parser.h): Create on an arbitrary header, then
// Parse on arbitrary rows, with the shipped 首页质控 rules (data/indicators/qc/, read once from
// the source tree).
//
// Input: byte 0 chooses — bits 0-1 the dataset (discharges, visits, antibiotic_use, pathways),
// bit 2 with the 首页质控 rules, bit 3 with a department table, bit 4 the first line is a column
// mapping "source=CANONICAL,…". The rest is lines ('\n', a trailing '\r' dropped) of cells
// (','): the header, then the rows (lines 2, 3, …).
//
// Properties: nothing crashes; a refused header names a field; every row is counted once; a
// row with a rejection is never among the parsed records and a row without one is there exactly
// once, with its key columns filled; findings carry the row's line, a rule and both messages,
// and a flagged row keeps the cells as given.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "indicators/record_parser.h"

#ifndef YW_SOURCE_DIR
#error "YW_SOURCE_DIR must name the repository (fuzz/CMakeLists.txt sets it)"
#endif

namespace {

using namespace yuanwu;
using namespace yuanwu::indicators;

constexpr int64_t kMaxFen = 1'000'000'000'000'000;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property violated: %s\n", what);
    std::abort();
  }
}

const QcRules& Rules() {
  static const QcRules* rules = [] {
    std::map<std::string, std::string> files;
    const std::filesystem::path dir = std::filesystem::path(YW_SOURCE_DIR) / "data/indicators/qc";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".csv") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files[e.path().filename().string()] = ss.str();
    }
    Result<QcRules> r = QcRules::FromFiles(files);
    if (!r.ok()) {
      std::fprintf(stderr, "cannot load %s: %s\n", dir.c_str(), r.status().message_en().c_str());
      std::abort();
    }
    return new QcRules(std::move(*r));
  }();
  return *rules;
}

const std::set<std::string>& Departments() {
  static const std::set<std::string> depts = {"XNK", "PTWK", "0301", "EK", "CK"};
  return depts;
}

std::vector<std::string_view> SplitView(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

size_t RecordsOf(const ParsedChunk& c) {
  return c.discharges.size() + c.visits.size() + c.antibiotics.size() + c.pathways.size();
}

bool MoneyOk(const std::optional<int64_t>& v) { return !v || (*v >= -kMaxFen && *v <= kMaxFen); }

void CheckRecord(Dataset ds, const ParsedChunk& c, int64_t line) {
  switch (ds) {
    case Dataset::kDischarges: {
      Check(c.discharges.size() == 1, "an accepted discharge is parsed");
      const Discharge& d = c.discharges[0];
      Check(d.line == line, "the discharge keeps its line");
      Check(!d.bah.empty() && d.cysj.has_value() && !d.cykb.empty(),
            "an accepted discharge has BAH, CYSJ and CYKB");
      Check(MoneyOk(d.zfy) && MoneyOk(d.zfje), "ZFY / ZFJE within range");
      for (const auto& cost : d.costs) Check(MoneyOk(cost), "cost items within range");
      Check(d.required_filled >= 0 && d.required_filled <= d.required_total,
            "0 <= required_filled <= required_total");
      break;
    }
    case Dataset::kVisits: {
      Check(c.visits.size() == 1, "an accepted visit is parsed");
      const Visit& v = c.visits[0];
      Check(v.line == line, "the visit keeps its line");
      Check(!v.jzlsh.empty() && !v.ksdm.empty(), "an accepted visit has JZLSH and KSDM");
      Check(v.jzlx >= 1 && v.jzlx <= 3, "an accepted visit has JZLX 1-3");
      Check(ParseDate(v.jzsj.date.ToString()).has_value(), "an accepted visit has a real JZSJ");
      break;
    }
    case Dataset::kAntibioticUse: {
      Check(c.antibiotics.size() == 1, "an accepted antibiotic row is parsed");
      const AntibioticUse& a = c.antibiotics[0];
      Check(a.line == line, "the antibiotic row keeps its line");
      Check(!a.bah.empty(), "an accepted antibiotic row has BAH");
      Check(a.dddz > 0 && a.syl >= 0 && a.ddd_e4 >= 0, "DDDZ > 0, SYL >= 0, DDD count >= 0");
      break;
    }
    case Dataset::kPathways: {
      Check(c.pathways.size() == 1, "an accepted pathway row is parsed");
      const PathwayCase& p = c.pathways[0];
      Check(p.line == line, "the pathway row keeps its line");
      Check(!p.bah.empty() && !p.ljdm.empty(), "an accepted pathway row has BAH and LJDM");
      break;
    }
  }
}

}  // namespace

// The 首页质控 accessors hand out string_views into the record: also catch a view of a
// temporary that outlives its function (not on by default in ASan).
extern "C" const char* __asan_default_options() { return "detect_stack_use_after_return=1"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t opt = data[0];
  const Dataset ds = kAllDatasets[opt & 3];
  const QcRules* qc = (opt & 4) ? &Rules() : nullptr;
  const std::set<std::string>* depts = (opt & 8) ? &Departments() : nullptr;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  std::vector<std::string_view> lines = SplitView(text, '\n');
  for (std::string_view& l : lines)
    if (l.ends_with('\r')) l.remove_suffix(1);
  size_t next = 0;
  std::map<std::string, std::string> mapping;
  if ((opt & 16) && next < lines.size()) {
    for (std::string_view pair : SplitView(lines[next++], ',')) {
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos)
        mapping[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
    }
  }
  if (next >= lines.size()) return 0;
  std::vector<std::string> header;
  for (std::string_view h : SplitView(lines[next++], ',')) header.emplace_back(h);

  Result<RecordParser> parser = RecordParser::Create(ds, header, mapping, qc, depts);
  if (!parser.ok()) {
    Check(!parser.status().fields().empty() && !parser.status().message_en().empty(),
          "a refused header names the column");
    return 0;
  }
  Check(parser->canonical_header().size() == header.size(), "one canonical name per column");

  ParsedChunk all;  // rows appended to one chunk, as a worker does
  int64_t rows = 0;
  for (int64_t line = 2; next < lines.size(); ++next, ++line, ++rows) {
    std::vector<std::string_view> cells = SplitView(lines[next], ',');
    ParsedChunk one;
    parser->Parse(line, cells, &one);
    parser->Parse(line, cells, &all);
    Check(one.records == 1, "every row is counted once");
    bool rejected = false;
    for (const RecordFinding& f : one.findings) {
      Check(f.line == line, "a finding carries its row's line");
      Check(!f.finding.rule.empty() && !f.finding.message.empty() && !f.finding.message_en.empty(),
            "a finding has a rule and both messages");
      if (f.finding.severity == Severity::kReject) {
        rejected = true;
        Check(f.finding.category == QcCategory::kParse, "a rejection is a parse finding");
      }
    }
    Check(one.rejects == (rejected ? 1 : 0), "rejects counts the rejected row");
    if (rejected) {
      Check(RecordsOf(one) == 0, "a rejected row never appears in the parsed records");
    } else {
      Check(RecordsOf(one) == 1, "an accepted row appears exactly once");
      CheckRecord(ds, one, line);
    }
    Check(one.flagged.size() == (one.findings.empty() ? 0u : 1u), "a row with findings is flagged");
    if (!one.flagged.empty()) {
      Check(one.flagged[0].line == line && one.flagged[0].cells.size() == cells.size(),
            "the flagged row keeps its line and cells");
      for (size_t i = 0; i < cells.size(); ++i)
        Check(one.flagged[0].cells[i] == cells[i], "the flagged row keeps its cells as given");
    }
  }
  Check(all.records == rows, "the shared chunk counts every row");
  Check(static_cast<int64_t>(RecordsOf(all)) == all.records - all.rejects,
        "the shared chunk holds exactly the accepted rows");
  return 0;
}
