#include "indicators/record_parser.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "indicators/cell_parse.h"
#include "platform/base/text.h"

namespace yuanwu::indicators {
namespace {

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

int FieldIndex(Dataset d, std::string_view name) {
  auto fields = Fields(d);
  for (size_t i = 0; i < fields.size(); ++i)
    if (name == fields[i].name) return static_cast<int>(i);
  return -1;
}

const char* TypeHint(FieldType t) {
  switch (t) {
    case FieldType::kInt:
      return "整数";
    case FieldType::kDate:
      return "日期 YYYY-MM-DD";
    case FieldType::kDateTime:
      return "日期时间 YYYY-MM-DD HH:MM[:SS]";
    case FieldType::kMoney:
      return "金额（元，最多两位小数）";
    case FieldType::kDecimal:
      return "非负数";
    case FieldType::kFlag:
      return "0 或 1";
    case FieldType::kText:
      return "文本";
  }
  return "";
}

const char* TypeHintEn(FieldType t) {
  switch (t) {
    case FieldType::kInt:
      return "a whole number";
    case FieldType::kDate:
      return "a date YYYY-MM-DD";
    case FieldType::kDateTime:
      return "a date-time YYYY-MM-DD HH:MM[:SS]";
    case FieldType::kMoney:
      return "an amount in yuan with at most 2 decimals";
    case FieldType::kDecimal:
      return "a non-negative number";
    case FieldType::kFlag:
      return "0 or 1";
    case FieldType::kText:
      return "text";
  }
  return "";
}

// Per-row state: reads typed cells and collects findings; any reject marks the row.
class Row {
 public:
  Row(Dataset d, const std::vector<int>& source_of, std::span<const std::string_view> cells)
      : fields_(Fields(d)), source_of_(source_of), cells_(cells) {}

  std::string_view Raw(int fi) const {
    int c = fi < 0 ? -1 : source_of_[fi];
    if (c < 0 || static_cast<size_t>(c) >= cells_.size()) return {};
    return cells_[c];
  }
  std::string Text(int fi) {
    std::string_view v = Raw(fi);
    if (v.empty() && fields_[fi].key) Missing(fi);
    return std::string(v);
  }
  template <typename T, typename F>
  std::optional<T> Typed(int fi, F parse) {
    std::string_view v = Raw(fi);
    if (v.empty()) {
      if (fields_[fi].key) Missing(fi);
      return std::nullopt;
    }
    std::optional<T> r = parse(v);
    if (!r) Unreadable(fi, v);
    return r;
  }
  std::optional<int64_t> Int(int fi) { return Typed<int64_t>(fi, ParseIntCell); }
  // A whole number within [lo, hi]; outside it the row is rejected (a cast would silently
  // fold 4294967297 onto 1 and merge two records' keys).
  std::optional<int> BoundedInt(int fi, int64_t lo, int64_t hi) {
    std::optional<int64_t> v = Int(fi);
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      const FieldSpec& sp = fields_[fi];
      Reject(fi, Raw(fi), "import.out_of_range",
             std::string("「") + sp.label + "」(" + sp.name + ")的值「" + std::string(Raw(fi)) +
                 "」超出范围 " + std::to_string(lo) + "–" + std::to_string(hi),
             std::string(sp.name) + " value " + std::string(Raw(fi)) + " is outside " +
                 std::to_string(lo) + "–" + std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }
  std::optional<int64_t> Money(int fi) { return Typed<int64_t>(fi, ParseMoneyCell); }
  std::optional<double> Decimal(int fi) { return Typed<double>(fi, ParseDecimalCell); }
  int Flag(int fi) { return Typed<int>(fi, ParseFlagCell).value_or(0); }
  std::optional<Date> DateCell(int fi) { return Typed<Date>(fi, ParseDateCell); }
  std::optional<LocalDateTime> DateTime(int fi) {
    return Typed<LocalDateTime>(fi, ParseDateTimeCell);
  }

  void Reject(int fi, std::string_view value, std::string rule, std::string zh, std::string en) {
    Finding f;
    f.field = fi < 0 ? "" : fields_[fi].name;
    f.value = std::string(value);
    f.rule = std::move(rule);
    f.severity = Severity::kReject;
    f.category = QcCategory::kParse;
    f.message = std::move(zh);
    f.message_en = std::move(en);
    findings.push_back(std::move(f));
    rejected = true;
  }
  void Warn(int fi, std::string_view value, std::string rule, QcCategory cat, std::string zh,
            std::string en) {
    Finding f;
    f.field = fields_[fi].name;
    f.value = std::string(value);
    f.rule = std::move(rule);
    f.severity = Severity::kWarning;
    f.category = cat;
    f.message = std::move(zh);
    f.message_en = std::move(en);
    findings.push_back(std::move(f));
  }

  std::vector<Finding> findings;
  bool rejected = false;

 private:
  void Missing(int fi) {
    const FieldSpec& s = fields_[fi];
    Reject(fi, "", "import.key_missing", std::string("「") + s.label + "」(" + s.name + ")不能为空",
           std::string(s.name) + " is required");
  }
  void Unreadable(int fi, std::string_view v) {
    const FieldSpec& s = fields_[fi];
    Reject(fi, v, "import.unreadable",
           std::string("「") + s.label + "」(" + s.name + ")的值「" + std::string(v) +
               "」无法识别，应为" + TypeHint(s.type),
           std::string(s.name) + " value \"" + std::string(v) + "\" is not " + TypeHintEn(s.type));
  }

  std::span<const FieldSpec> fields_;
  const std::vector<int>& source_of_;
  std::span<const std::string_view> cells_;
};

// Field indices of the discharges spec, looked up once.
struct DischargeIdx {
  int bah, zycs, xm, xb, csrq, nl, sfzh, ylfkfs, rytj, rysj, rykb, cysj, cykb, sjzyts, jbdm, zyzd,
      rybq, lyfs, bmy, kzr, zrys, zzys, zyys, zfy, zfje;
  int dx_code[15], dx_name[15], dx_rybq[15];
  int op_code[7], op_name[7], op_date[7], op_ssjb[7], op_sspb[7], op_wcss[7], op_qkdj[7],
      op_qkyhlb[7], op_mzfs[7];
  int cost[kCostFields.size()];

  DischargeIdx() {
    auto f = [](const std::string& n) { return FieldIndex(Dataset::kDischarges, n); };
    bah = f("BAH"), zycs = f("ZYCS"), xm = f("XM"), xb = f("XB"), csrq = f("CSRQ"), nl = f("NL");
    sfzh = f("SFZH"), ylfkfs = f("YLFKFS"), rytj = f("RYTJ"), rysj = f("RYSJ");
    rykb = f("RYKB"), cysj = f("CYSJ"), cykb = f("CYKB"), sjzyts = f("SJZYTS");
    jbdm = f("JBDM"), zyzd = f("ZYZD"), rybq = f("RYBQ"), lyfs = f("LYFS"), bmy = f("BMY");
    kzr = f("KZR"), zrys = f("ZRYS"), zzys = f("ZZYS"), zyys = f("ZYYS");
    zfy = f("ZFY"), zfje = f("ZFJE");
    for (int i = 0; i < 15; ++i) {
      std::string n = std::to_string(i + 1);
      dx_code[i] = f("JBDM" + n), dx_name[i] = f("QTZD" + n), dx_rybq[i] = f("RYBQ" + n);
    }
    for (int i = 0; i < 7; ++i) {
      std::string n = std::to_string(i + 1);
      op_code[i] = f("SSJCZBM" + n), op_name[i] = f("SSJCZMC" + n), op_date[i] = f("SSJCZRQ" + n);
      op_ssjb[i] = f("SSJB" + n), op_sspb[i] = f("SSPB" + n), op_wcss[i] = f("WCSS" + n);
      op_qkdj[i] = f("QKDJ" + n), op_qkyhlb[i] = f("QKYHLB" + n), op_mzfs[i] = f("MZFS" + n);
    }
    for (size_t i = 0; i < kCostFields.size(); ++i) cost[i] = f(UpperAscii(kCostFields[i]));
  }
};

const DischargeIdx& DIdx() {
  static const DischargeIdx idx;
  return idx;
}

// `key()` is called only for a row with findings: a clean row builds no strings here.
template <typename KeyFn>
void Emit(Row& row, int64_t line, const KeyFn& key, int period, std::string_view dept,
          std::string_view coder, std::span<const std::string_view> cells, ParsedChunk* out) {
  ++out->records;
  if (row.rejected) ++out->rejects;
  if (row.findings.empty()) return;
  const std::string k = key();
  for (Finding& f : row.findings) {
    out->findings.push_back(
        RecordFinding{line, k, period, std::string(dept), std::string(coder), std::move(f)});
  }
  FlaggedRow fr;
  fr.line = line;
  fr.cells.assign(cells.begin(), cells.end());
  out->flagged.push_back(std::move(fr));
}

std::string Key(std::string_view bah, int64_t zycs) {
  return std::string(bah) + "|" + std::to_string(zycs);
}

}  // namespace

Result<RecordParser> RecordParser::Create(Dataset dataset, const std::vector<std::string>& header,
                                          const std::map<std::string, std::string>& mapping,
                                          const QcRules* qc,
                                          const std::set<std::string>* known_departments) {
  RecordParser p;
  p.dataset_ = dataset;
  p.qc_ = qc;
  p.departments_ = known_departments;
  auto fields = Fields(dataset);
  p.source_of_.assign(fields.size(), -1);
  std::map<std::string, std::string> upper_mapping;
  for (const auto& [from, to] : mapping) upper_mapping[UpperAscii(Trim(from))] = UpperAscii(to);
  Validation v;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string h = UpperAscii(Trim(header[c]));
    auto m = upper_mapping.find(h);
    std::string canonical = m != upper_mapping.end() ? m->second : h;
    p.canonical_.push_back(canonical);
    if (canonical.empty()) continue;
    if (p.by_name_.count(canonical)) {
      v.Fail(canonical, "列「" + canonical + "」出现了两次（第" + std::to_string(c + 1) + "列）",
             "column " + canonical + " appears twice (column " + std::to_string(c + 1) + ")");
      continue;
    }
    p.by_name_[canonical] = static_cast<int>(c);
    int fi = FieldIndex(dataset, canonical);
    if (fi >= 0) {
      p.source_of_[fi] = static_cast<int>(c);
    } else {
      // Columns on the 首页 required list are read by the completeness check.
      bool read_by_qc = qc && dataset == Dataset::kDischarges &&
                        std::find(qc->required_columns().begin(), qc->required_columns().end(),
                                  canonical) != qc->required_columns().end();
      if (!read_by_qc) p.ignored_.push_back(header[c]);
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].key && p.source_of_[i] < 0) {
      v.Fail(fields[i].name,
             std::string("缺少必需的列「") + fields[i].name + "」（" + fields[i].label +
                 "）；如导出文件列名不同，请先保存列映射",
             std::string("required column ") + fields[i].name +
                 " is missing; save a column mapping if your export names it differently");
    }
  }
  YW_RETURN_IF_ERROR(v.ToStatus());
  if (qc && dataset == Dataset::kDischarges) {
    for (const std::string& c : qc->required_columns())
      if (!p.by_name_.count(c)) p.absent_required_.push_back(c);
    for (const std::string& c : qc->filled_columns()) {
      auto it = p.by_name_.find(c);
      p.filled_source_.push_back(it == p.by_name_.end() ? -1 : it->second);
    }
  }
  return p;
}

void ParsedChunk::Reserve(Dataset dataset, size_t n) {
  switch (dataset) {
    case Dataset::kDischarges:
      return discharges.reserve(n);
    case Dataset::kVisits:
      return visits.reserve(n);
    case Dataset::kAntibioticUse:
      return antibiotics.reserve(n);
    case Dataset::kPathways:
      return pathways.reserve(n);
  }
}

void RecordParser::Parse(int64_t line, std::span<const std::string_view> cells,
                         ParsedChunk* out) const {
  switch (dataset_) {
    case Dataset::kDischarges:
      return ParseDischarge(line, cells, out);
    case Dataset::kVisits:
      return ParseVisit(line, cells, out);
    case Dataset::kAntibioticUse:
      return ParseAntibiotic(line, cells, out);
    case Dataset::kPathways:
      return ParsePathway(line, cells, out);
  }
}

void RecordParser::ParseDischarge(int64_t line, std::span<const std::string_view> cells,
                                  ParsedChunk* out) const {
  const DischargeIdx& x = DIdx();
  Row row(dataset_, source_of_, cells);
  Discharge d;
  d.line = static_cast<int>(line);
  d.bah = row.Text(x.bah);
  d.zycs = row.BoundedInt(x.zycs, 1, 9999).value_or(0);
  d.xm = row.Text(x.xm), d.xb = row.Text(x.xb), d.sfzh = row.Text(x.sfzh);
  d.ylfkfs = row.Text(x.ylfkfs), d.rytj = row.Text(x.rytj), d.rykb = row.Text(x.rykb);
  d.cykb = row.Text(x.cykb), d.lyfs = row.Text(x.lyfs);
  d.csrq = row.DateCell(x.csrq);
  if (auto nl = row.BoundedInt(x.nl, 0, 150)) d.nl = *nl;
  d.rysj = row.DateTime(x.rysj);
  d.cysj = row.DateTime(x.cysj);
  // Negative days stay readable so that 首页质控 can name the date conflict.
  if (auto t = row.BoundedInt(x.sjzyts, -36500, 36500)) d.sjzyts = *t;
  d.jbdm = row.Text(x.jbdm), d.zyzd = row.Text(x.zyzd), d.rybq = row.Text(x.rybq);
  d.bmy = row.Text(x.bmy), d.kzr = row.Text(x.kzr), d.zrys = row.Text(x.zrys);
  d.zzys = row.Text(x.zzys), d.zyys = row.Text(x.zyys);
  d.zfy = row.Money(x.zfy);
  d.zfje = row.Money(x.zfje);
  for (size_t i = 0; i < kCostFields.size(); ++i) d.costs[i] = row.Money(x.cost[i]);
  for (int i = 0; i < 15; ++i) {
    std::string_view code = row.Raw(x.dx_code[i]), name = row.Raw(x.dx_name[i]);
    std::string_view rybq = row.Raw(x.dx_rybq[i]);
    if (code.empty() && name.empty() && rybq.empty()) continue;
    d.diagnoses.push_back(
        Diagnosis{i + 1, std::string(code), std::string(name), std::string(rybq)});
  }
  for (int i = 0; i < 7; ++i) {
    // Most of the seven slots are empty: look before building the record's ten strings.
    const std::string_view code = row.Raw(x.op_code[i]), name = row.Raw(x.op_name[i]);
    const std::string_view date = row.Raw(x.op_date[i]), sspb = row.Raw(x.op_sspb[i]);
    if (code.empty() && name.empty() && date.empty() && sspb.empty()) continue;
    Procedure& p = d.procedures.emplace_back();
    p.seq = i + 1;
    p.code = code, p.name = name, p.date_text = date, p.sspb = sspb;
    p.ssjb = row.Raw(x.op_ssjb[i]);
    p.wcss = row.Raw(x.op_wcss[i]), p.qkdj = row.Raw(x.op_qkdj[i]);
    p.qkyhlb = row.Raw(x.op_qkyhlb[i]), p.mzfs = row.Raw(x.op_mzfs[i]);
    if (!p.date_text.empty()) {
      // 手术及操作日期 may carry a time; the date is what the rules compare.
      if (auto t = ParseDateTimeCell(p.date_text)) {
        p.date = t->date;
      } else {
        row.Reject(x.op_date[i], p.date_text, "import.unreadable",
                   "「手术及操作日期" + std::to_string(i + 1) + "」的值「" + p.date_text +
                       "」无法识别，应为日期 YYYY-MM-DD",
                   "SSJCZRQ" + std::to_string(i + 1) + " value \"" + p.date_text +
                       "\" is not a date YYYY-MM-DD");
      }
    }
  }
  if (!row.rejected && departments_ && !departments_->count(d.cykb)) {
    row.Warn(x.cykb, d.cykb, "import.unknown_department", QcCategory::kValueDomain,
             "出院科别「" + d.cykb + "」不在科室字典中，按原代码统计，不归入任何院区",
             "discharge department " + d.cykb +
                 " is not in the department table; counted under its code, in no campus");
  }
  if (!row.rejected && qc_) {
    // Which of the columns the 必填 rules ask about this row has, by index (no name lookups).
    std::array<uint8_t, 256> small;
    std::vector<uint8_t> large;
    uint8_t* filled = small.data();
    if (filled_source_.size() > small.size()) {
      large.resize(filled_source_.size());
      filled = large.data();
    }
    // Columns the whole file lacks are one file-level notice (see the importer), not one
    // finding per record.
    for (size_t i = 0; i < filled_source_.size(); ++i) {
      const int c = filled_source_[i];
      filled[i] = c < 0 ? QcRules::kColumnAbsent
                  : static_cast<size_t>(c) < cells.size() && !cells[c].empty()
                      ? QcRules::kCellFilled
                      : QcRules::kCellEmpty;
    }
    qc_->CountRequired(std::span<const uint8_t>(filled, filled_source_.size()), &d, &row.findings);
    qc_->DeriveMinimallyInvasive(&d);
    qc_->Check(d, &row.findings);
  }
  Emit(
      row, line, [&] { return Key(d.bah, d.zycs); }, d.period(), d.cykb, d.bmy, cells, out);
  if (!row.rejected) out->discharges.push_back(std::move(d));
}

void RecordParser::ParseVisit(int64_t line, std::span<const std::string_view> cells,
                              ParsedChunk* out) const {
  static const int kJzlsh = FieldIndex(Dataset::kVisits, "JZLSH"),
                   kJzsj = FieldIndex(Dataset::kVisits, "JZSJ"),
                   kKsdm = FieldIndex(Dataset::kVisits, "KSDM"),
                   kJzlx = FieldIndex(Dataset::kVisits, "JZLX"),
                   kYybz = FieldIndex(Dataset::kVisits, "YYBZ"),
                   kZfy = FieldIndex(Dataset::kVisits, "ZFY"),
                   kYpf = FieldIndex(Dataset::kVisits, "YPF"),
                   kKjywbz = FieldIndex(Dataset::kVisits, "KJYWBZ");
  Row row(dataset_, source_of_, cells);
  Visit v;
  v.line = static_cast<int>(line);
  v.jzlsh = row.Text(kJzlsh);
  if (auto t = row.DateTime(kJzsj)) v.jzsj = *t;
  v.ksdm = row.Text(kKsdm);
  if (auto t = row.Int(kJzlx)) {
    v.jzlx = static_cast<int>(std::clamp<int64_t>(*t, -1, 99));
    if (v.jzlx < 1 || v.jzlx > 3)
      row.Reject(kJzlx, row.Raw(kJzlx), "import.domain",
                 "就诊类型(JZLX)应为 1 门诊、2 急诊或 3 健康体检，实际为「" +
                     std::string(row.Raw(kJzlx)) + "」",
                 "JZLX must be 1 (outpatient), 2 (emergency) or 3 (health check)");
  }
  v.yybz = row.Flag(kYybz);
  v.kjywbz = row.Flag(kKjywbz);
  v.zfy = row.Money(kZfy).value_or(0);
  v.ypf = row.Money(kYpf).value_or(0);
  if (!row.rejected && (v.zfy < 0 || v.ypf < 0 || v.ypf > v.zfy)) {
    row.Warn(kYpf, row.Raw(kYpf), "cost.visit_drug_exceeds_total", QcCategory::kCosts,
             "药品费不应为负，也不应大于总费用", "drug fee is negative or exceeds the total");
  }
  if (!row.rejected && departments_ && !departments_->count(v.ksdm)) {
    row.Warn(kKsdm, v.ksdm, "import.unknown_department", QcCategory::kValueDomain,
             "科室代码「" + v.ksdm + "」不在科室字典中，按原代码统计，不归入任何院区",
             "department " + v.ksdm + " is not in the department table");
  }
  int period = row.rejected ? 0 : PeriodOf(v.jzsj.date);
  Emit(
      row, line, [&] { return v.jzlsh; }, period, v.ksdm, "", cells, out);
  if (!row.rejected) out->visits.push_back(std::move(v));
}

void RecordParser::ParseAntibiotic(int64_t line, std::span<const std::string_view> cells,
                                   ParsedChunk* out) const {
  static const int kBah = FieldIndex(Dataset::kAntibioticUse, "BAH"),
                   kZycs = FieldIndex(Dataset::kAntibioticUse, "ZYCS"),
                   kYpbm = FieldIndex(Dataset::kAntibioticUse, "YPBM"),
                   kYpmc = FieldIndex(Dataset::kAntibioticUse, "YPMC"),
                   kAtc = FieldIndex(Dataset::kAntibioticUse, "ATC"),
                   kSyl = FieldIndex(Dataset::kAntibioticUse, "SYL"),
                   kDddz = FieldIndex(Dataset::kAntibioticUse, "DDDZ");
  Row row(dataset_, source_of_, cells);
  AntibioticUse a;
  a.line = static_cast<int>(line);
  a.bah = row.Text(kBah);
  a.zycs = row.BoundedInt(kZycs, 1, 9999).value_or(0);
  a.ypbm = row.Text(kYpbm), a.ypmc = row.Text(kYpmc), a.atc = row.Text(kAtc);
  a.syl = row.Decimal(kSyl).value_or(0);
  a.dddz = row.Decimal(kDddz).value_or(0);
  if (!row.rejected && a.dddz <= 0) {
    row.Reject(kDddz, row.Raw(kDddz), "import.ddd_zero", "DDD值必须大于 0",
               "DDDZ must be greater than 0");
  }
  if (!row.rejected && a.syl / a.dddz > 1e9) {
    // A billion DDDs for one stay is a unit mix-up (mg against g), and would overflow the sums.
    row.Reject(kSyl, row.Raw(kSyl), "import.ddd_implausible",
               "使用量/DDD值 超过 10 亿，请检查两者单位是否一致",
               "SYL / DDDZ exceeds a billion DDDs: check that both use the same unit");
  }
  if (!row.rejected) a.ddd_e4 = std::llround(a.syl / a.dddz * 10000.0);
  Emit(
      row, line, [&] { return Key(a.bah, a.zycs); }, 0, "", "", cells, out);
  if (!row.rejected) out->antibiotics.push_back(std::move(a));
}

void RecordParser::ParsePathway(int64_t line, std::span<const std::string_view> cells,
                                ParsedChunk* out) const {
  static const int kBah = FieldIndex(Dataset::kPathways, "BAH"),
                   kZycs = FieldIndex(Dataset::kPathways, "ZYCS"),
                   kLjdm = FieldIndex(Dataset::kPathways, "LJDM"),
                   kLjmc = FieldIndex(Dataset::kPathways, "LJMC"),
                   kRj = FieldIndex(Dataset::kPathways, "RJ"),
                   kWc = FieldIndex(Dataset::kPathways, "WC"),
                   kBy = FieldIndex(Dataset::kPathways, "BY"),
                   kTc = FieldIndex(Dataset::kPathways, "TC"),
                   kByyy = FieldIndex(Dataset::kPathways, "BYYY");
  Row row(dataset_, source_of_, cells);
  PathwayCase c;
  c.line = static_cast<int>(line);
  c.bah = row.Text(kBah);
  c.zycs = row.BoundedInt(kZycs, 1, 9999).value_or(0);
  c.ljdm = row.Text(kLjdm), c.ljmc = row.Text(kLjmc), c.byyy = row.Text(kByyy);
  c.rj = row.Flag(kRj), c.wc = row.Flag(kWc), c.bybz = row.Flag(kBy), c.tc = row.Flag(kTc);
  if (!row.rejected && !c.rj && (c.wc || c.bybz || c.tc)) {
    row.Warn(kRj, row.Raw(kRj), "pathway.outcome_without_entry", QcCategory::kValueDomain,
             "未入径(RJ=0)的病例不应有完成、变异或退出标记",
             "a case that did not enter the pathway (RJ=0) has an outcome flag");
  }
  if (!row.rejected && c.wc && c.tc) {
    row.Warn(kTc, row.Raw(kTc), "pathway.completed_and_exited", QcCategory::kValueDomain,
             "同一病例不应既完成(WC=1)又退出(TC=1)路径", "a case cannot both complete and exit");
  }
  if (!row.rejected && c.bybz && c.byyy.empty()) {
    row.Warn(kByyy, "", "pathway.variation_without_reason", QcCategory::kCompleteness,
             "发生变异(BY=1)须填写变异原因(BYYY)", "a variation (BY=1) needs a reason (BYYY)");
  }
  Emit(
      row, line, [&] { return Key(c.bah, c.zycs); }, 0, "", "", cells, out);
  if (!row.rejected) out->pathways.push_back(std::move(c));
}

}  // namespace yuanwu::indicators
