// Names of the QC enums, and the record accessors and formatting the rule files share
// (qc_internal.h).
#include "indicators/qc.h"

#include <cstdio>
#include <string>

#include "indicators/dataset.h"
#include "indicators/qc_internal.h"

namespace yuanwu::indicators {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kReject:
      return "reject";
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
  }
  return "";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity s : {Severity::kReject, Severity::kError, Severity::kWarning})
    if (SeverityName(s) == name) return s;
  return std::nullopt;
}

std::string_view QcCategoryName(QcCategory c) {
  switch (c) {
    case QcCategory::kCompleteness:
      return "completeness";
    case QcCategory::kMainDiagnosisCode:
      return "main_diagnosis_code";
    case QcCategory::kOtherDiagnosisCode:
      return "other_diagnosis_code";
    case QcCategory::kProcedureCode:
      return "procedure_code";
    case QcCategory::kDates:
      return "dates";
    case QcCategory::kCosts:
      return "costs";
    case QcCategory::kValueDomain:
      return "value_domain";
    case QcCategory::kClinical:
      return "clinical";
    case QcCategory::kParse:
      return "parse";
  }
  return "";
}

std::optional<QcCategory> ParseQcCategory(std::string_view name) {
  for (QcCategory c :
       {QcCategory::kCompleteness, QcCategory::kMainDiagnosisCode, QcCategory::kOtherDiagnosisCode,
        QcCategory::kProcedureCode, QcCategory::kDates, QcCategory::kCosts,
        QcCategory::kValueDomain, QcCategory::kClinical, QcCategory::kParse})
    if (QcCategoryName(c) == name) return c;
  return std::nullopt;
}

namespace qc_internal {
namespace {

struct BaseName {
  std::string_view name;
  Base base;
  int max_seq;      // 0: unnumbered only
  bool unnumbered;  // the bare name is a column too
};

// Longer names first where one is a prefix of another is irrelevant: the digits are split off
// before the lookup.
constexpr BaseName kBases[] = {
    {"XB", Base::kXb, 0, true},
    {"YLFKFS", Base::kYlfkfs, 0, true},
    {"RYTJ", Base::kRytj, 0, true},
    {"LYFS", Base::kLyfs, 0, true},
    {"ZYZD", Base::kZyzd, 0, true},
    {"JBDM", Base::kJbdm, 15, true},
    {"RYBQ", Base::kRybq, 15, true},
    {"QTZD", Base::kQtzd, 15, false},
    {"SSJCZBM", Base::kSsjczbm, 7, false},
    {"SSJCZMC", Base::kSsjczmc, 7, false},
    {"SSJCZRQ", Base::kSsjczrq, 7, false},
    {"SSJB", Base::kSsjb, 7, false},
    {"SSPB", Base::kSspb, 7, false},
    {"WCSS", Base::kWcss, 7, false},
    {"QKDJ", Base::kQkdj, 7, false},
    {"QKYHLB", Base::kQkyhlb, 7, false},
    {"MZFS", Base::kMzfs, 7, false},
    {"NL", Base::kNl, 0, true},
    {"SJZYTS", Base::kSjzyts, 0, true},
    {"ZYCS", Base::kZycs, 0, true},
};

}  // namespace

std::optional<Ref> ParseRef(std::string_view column) {
  size_t digits = column.size();
  while (digits > 0 && column[digits - 1] >= '0' && column[digits - 1] <= '9') --digits;
  std::string_view name = column.substr(0, digits);
  std::string_view number = column.substr(digits);
  if (number.size() > 2 || (!number.empty() && number[0] == '0')) return std::nullopt;
  int seq = 0;
  for (char c : number) seq = seq * 10 + (c - '0');
  for (const BaseName& b : kBases) {
    if (b.name != name) continue;
    if (seq == 0 ? !b.unnumbered : seq > b.max_seq) return std::nullopt;
    return Ref{b.base, seq};
  }
  return std::nullopt;
}

bool IsNumeric(Base b) { return b == Base::kNl || b == Base::kSjzyts || b == Base::kZycs; }

const Procedure* FindProcedure(const Discharge& d, int seq) {
  for (const Procedure& p : d.procedures)
    if (p.seq == seq) return &p;
  return nullptr;
}

const Diagnosis* FindDiagnosis(const Discharge& d, int seq) {
  for (const Diagnosis& x : d.diagnoses)
    if (x.seq == seq) return &x;
  return nullptr;
}

std::string_view Text(const Discharge& d, Ref r) {
  switch (r.base) {
    case Base::kXb:
      return d.xb;
    case Base::kYlfkfs:
      return d.ylfkfs;
    case Base::kRytj:
      return d.rytj;
    case Base::kLyfs:
      return d.lyfs;
    case Base::kZyzd:
      return d.zyzd;
    case Base::kJbdm:
    case Base::kRybq:
    case Base::kQtzd: {
      // Branches, not ?: — a conditional mixing std::string and "" would make a temporary
      // std::string and return a view of it.
      if (r.seq == 0) {
        if (r.base == Base::kJbdm) return d.jbdm;
        if (r.base == Base::kRybq) return d.rybq;
        return std::string_view();
      }
      const Diagnosis* x = FindDiagnosis(d, r.seq);
      if (x == nullptr) return std::string_view();
      if (r.base == Base::kJbdm) return x->code;
      if (r.base == Base::kRybq) return x->rybq;
      return x->name;
    }
    default:
      break;
  }
  const Procedure* p = FindProcedure(d, r.seq);
  if (p == nullptr) return "";
  switch (r.base) {
    case Base::kSsjczbm:
      return p->code;
    case Base::kSsjczmc:
      return p->name;
    case Base::kSsjczrq:
      return p->date_text;
    case Base::kSsjb:
      return p->ssjb;
    case Base::kSspb:
      return p->sspb;
    case Base::kWcss:
      return p->wcss;
    case Base::kQkdj:
      return p->qkdj;
    case Base::kQkyhlb:
      return p->qkyhlb;
    case Base::kMzfs:
      return p->mzfs;
    default:
      return "";
  }
}

std::optional<int64_t> Number(const Discharge& d, Ref r) {
  switch (r.base) {
    case Base::kNl:
      return d.nl ? std::optional<int64_t>(*d.nl) : std::nullopt;
    case Base::kSjzyts:
      return d.sjzyts ? std::optional<int64_t>(*d.sjzyts) : std::nullopt;
    case Base::kZycs:
      return d.zycs;
    default:
      return std::nullopt;
  }
}

std::string FormatYuan(int64_t fen) {
  const bool negative = fen < 0;
  const uint64_t a = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(a / 100), static_cast<unsigned long long>(a % 100));
  return buf;
}

std::string FormatDateTime(const LocalDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", t.date.year, t.date.month,
                t.date.day, t.hour, t.minute, t.second);
  return buf;
}

std::string Label(std::string_view column) {
  const FieldSpec* f = FindField(Dataset::kDischarges, column);
  return f != nullptr ? f->label : std::string(column);
}

std::string Numbered(std::string_view base, int seq) {
  std::string s(base);
  s += std::to_string(seq);
  return s;
}

}  // namespace qc_internal
}  // namespace yuanwu::indicators
