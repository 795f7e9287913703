// QcRules::Check: every rule of one discharge record except the 必填项目 count (qc_required.cc).
// The rule codes are stable (the dashboards count them); src/indicators/README.md lists them.
//
// Cost: a clean record touches each field once and allocates nothing; strings (column names,
// labels, messages) are only built for a finding.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <string>

#include "indicators/qc.h"
#include "indicators/qc_internal.h"

namespace yuanwu::indicators {
namespace {

using namespace qc_internal;  // NOLINT: the internal header is this file's vocabulary

constexpr size_t CostIndex(std::string_view name) {
  for (size_t i = 0; i < kCostFields.size(); ++i)
    if (name == kCostFields[i]) return i;
  return kCostFields.size();
}
// The 其中 items: parts of a parent item, never added to ZFY again (domain-spec §4.3).
constexpr size_t kWlzlf = CostIndex("wlzlf"), kMaf = CostIndex("maf"), kSsf = CostIndex("ssf"),
                 kKjywf = CostIndex("kjywf"), kFsszlxmf = CostIndex("fsszlxmf"),
                 kSszlf = CostIndex("sszlf"), kXyf = CostIndex("xyf");
static_assert(kWlzlf < kCostFields.size() && kMaf < kCostFields.size() &&
              kSsf < kCostFields.size() && kKjywf < kCostFields.size() &&
              kFsszlxmf < kCostFields.size() && kSszlf < kCostFields.size() &&
              kXyf < kCostFields.size());
constexpr bool IsPart(size_t i) { return i == kWlzlf || i == kMaf || i == kSsf || i == kKjywf; }

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return u;
}

bool IsSurgery(std::string_view sspb) { return sspb == "1" || sspb == "4"; }
bool IsOperation(std::string_view sspb) { return sspb == "2" || sspb == "3"; }

class Checker {
 public:
  Checker(const Tables& t, const CodeTables* codes, const Discharge& d, std::vector<Finding>* out)
      : t_(t), codes_(codes), d_(d), out_(out) {}

  void Run() {
    Codes();
    Diagnoses();
    Procedures();
    Dates();
    Costs();
    Domains();
    Clinical();
  }

 private:
  void Add(std::string field, std::string value, std::string rule, Severity s, QcCategory c,
           std::string zh, std::string en) {
    out_->push_back(Finding{std::move(field), std::move(value), std::move(rule), s, c,
                            std::move(zh), std::move(en)});
  }

  // Whether CountRequired already reports `column` when it is empty, so Check does not report
  // the same blank cell twice.
  bool Counted(std::string_view column) const { return t_.required_columns.contains(column); }

  // --- code shapes and existence --------------------------------------------------------------

  void CheckCode(const std::string& code, std::string_view base, int seq, bool procedure,
                 QcCategory category, std::string_view rule) {
    const std::vector<Shape>& shapes = procedure ? t_.procedure_shapes : t_.diagnosis_shapes;
    const Shape* shape = FindShape(shapes, code);
    const std::set<std::string>* table = nullptr;
    if (codes_ != nullptr) table = procedure ? &codes_->procedures : &codes_->icd10;
    if (shape != nullptr && shape->precise &&
        (table == nullptr || table->empty() || table->contains(code)))
      return;  // the common case: nothing to build
    const std::string column = seq == 0 ? std::string(base) : Numbered(base, seq);
    const std::string label = Label(column);
    const char* system =
        procedure ? "手术操作分类代码国家临床版3.0" : "疾病分类与代码国家临床版2.0";
    const char* system_en =
        procedure ? "national clinical procedure codes 3.0" : "national clinical ICD-10 2.0";
    if (shape == nullptr) {
      const std::string& examples = procedure ? t_.procedure_examples : t_.diagnosis_examples;
      Add(column, code, std::string(rule) + "_format", Severity::kError, category,
          label + "（" + code + "）格式不正确，应为" + system + "格式，如 " + examples,
          column + " \"" + code + "\" is not a code of the " + system_en + " (e.g. " + examples +
              ")");
      return;
    }
    if (!shape->precise) {
      Add(column, code, std::string(rule) + "_imprecise", Severity::kWarning, category,
          label + "（" + code + "）：" + shape->note,
          column + " \"" + code + "\" is less specific than the " + system_en + " expects (shape " +
              shape->pattern + ")");
    }
    if (table != nullptr && !table->empty() && !table->contains(code)) {
      Add(column, code, std::string(rule) + "_unknown", Severity::kError, category,
          label + "（" + code + "）不在已加载的" + system + "代码表中",
          column + " \"" + code + "\" is not in the loaded " + system_en + " table");
    }
  }

  void Codes() {
    if (!d_.jbdm.empty())
      CheckCode(d_.jbdm, "JBDM", 0, false, QcCategory::kMainDiagnosisCode, "code.main_diagnosis");
    for (const Diagnosis& x : d_.diagnoses)
      if (!x.code.empty())
        CheckCode(x.code, "JBDM", x.seq, false, QcCategory::kOtherDiagnosisCode,
                  "code.other_diagnosis");
    for (const Procedure& p : d_.procedures)
      if (!p.code.empty())
        CheckCode(p.code, "SSJCZBM", p.seq, true, QcCategory::kProcedureCode, "code.procedure");
  }

  // --- other diagnoses -------------------------------------------------------------------------

  void Diagnoses() {
    uint32_t filled = 0;  // bit seq: the group has a code or a name
    for (const Diagnosis& x : d_.diagnoses) {
      if (x.code.empty() && x.name.empty()) continue;
      if (x.seq >= 1 && x.seq < 32) filled |= 1u << x.seq;
      const std::string n = std::to_string(x.seq);
      if (x.code.empty()) {
        if (!Counted("JBDM" + n))
          Add("JBDM" + n, "", "code.other_diagnosis_missing", Severity::kError,
              QcCategory::kOtherDiagnosisCode,
              "其他诊断" + n + "（" + x.name + "）未填写其他诊断编码" + n,
              "other diagnosis " + n + " (" + x.name + ") has no code in JBDM" + n);
        continue;
      }
      if (x.name.empty() && !Counted("QTZD" + n))
        Add("QTZD" + n, "", "diagnosis.name_missing", Severity::kWarning,
            QcCategory::kOtherDiagnosisCode,
            "其他诊断编码" + n + "（" + x.code + "）已填写，但其他诊断名称" + n + "为空",
            "JBDM" + n + " (" + x.code + ") has no diagnosis name in QTZD" + n);
      if (x.rybq.empty() && !Counted("RYBQ" + n))
        Add("RYBQ" + n, "", "diagnosis.rybq_missing", Severity::kWarning,
            QcCategory::kOtherDiagnosisCode,
            "其他诊断编码" + n + "（" + x.code + "）已填写，但入院病情" + n + "为空",
            "JBDM" + n + " (" + x.code + ") has no 入院病情 in RYBQ" + n);
      if (x.code == d_.jbdm) {
        Add("JBDM" + n, x.code, "code.other_diagnosis_duplicate", Severity::kWarning,
            QcCategory::kOtherDiagnosisCode,
            "其他诊断编码" + n + "（" + x.code + "）与主要诊断编码相同",
            "JBDM" + n + " (" + x.code + ") repeats the principal diagnosis code");
        continue;
      }
      for (const Diagnosis& y : d_.diagnoses) {
        if (&y == &x) break;
        if (y.code == x.code) {
          Add("JBDM" + n, x.code, "code.other_diagnosis_duplicate", Severity::kWarning,
              QcCategory::kOtherDiagnosisCode,
              "其他诊断编码" + n + "（" + x.code + "）与其他诊断编码" + std::to_string(y.seq) +
                  "重复",
              "JBDM" + n + " (" + x.code + ") repeats JBDM" + std::to_string(y.seq));
          break;
        }
      }
    }
    OrderGap(filled, "JBDM", "其他诊断编码", "diagnosis.order_gap",
             QcCategory::kOtherDiagnosisCode);
  }

  // One warning per group for the first filled item that follows an empty one.
  void OrderGap(uint32_t filled, std::string_view base, std::string_view label,
                std::string_view rule, QcCategory category) {
    const uint32_t holes = ~(filled | 1u);  // bit 0 is not a sequence number
    if (filled == 0 || holes == 0) return;
    const uint32_t first_hole = static_cast<uint32_t>(std::countr_zero(holes));
    const uint32_t after = filled >> first_hole;
    if (after == 0) return;  // nothing filled after the first hole: no gap
    const int next = static_cast<int>(first_hole) + std::countr_zero(after);
    const std::string column = Numbered(base, next);
    const std::string hole = std::to_string(first_hole);
    std::string_view value = Text(d_, Ref{base == "JBDM" ? Base::kJbdm : Base::kSsjczbm, next});
    Add(column, std::string(value), std::string(rule), Severity::kWarning, category,
        std::string(label) + std::to_string(next) + "已填写，但" + std::string(label) + hole +
            "为空（应依次填写，不留空行）",
        column + " is filled while " + std::string(base) + hole +
            " is empty (fill the items in order)");
  }

  // --- procedures ------------------------------------------------------------------------------

  void Procedures() {
    uint32_t filled = 0;
    for (const Procedure& p : d_.procedures) {
      const bool other = !p.name.empty() || !p.date_text.empty() || !p.ssjb.empty() ||
                         !p.sspb.empty() || !p.qkdj.empty() || !p.qkyhlb.empty() || !p.mzfs.empty();
      if (p.code.empty() && !other) continue;
      if (p.seq >= 1 && p.seq < 32) filled |= 1u << p.seq;
      const std::string n = std::to_string(p.seq);
      if (p.code.empty()) {
        if (!Counted("SSJCZBM" + n))
          Add("SSJCZBM" + n, "", "code.procedure_missing", Severity::kError,
              QcCategory::kProcedureCode,
              p.name.empty() ? "手术及操作" + n + "的其他项目已填写，但手术及操作编码" + n + "为空"
                             : "手术及操作名称" + n + "（" + p.name + "）已填写，但手术及操作编码" +
                                   n + "为空",
              "procedure " + n + " has entries but no code in SSJCZBM" + n);
        continue;
      }
      if (p.name.empty() && !Counted("SSJCZMC" + n))
        Add("SSJCZMC" + n, "", "procedure.name_missing", Severity::kWarning,
            QcCategory::kProcedureCode,
            "手术及操作编码" + n + "（" + p.code + "）已填写，但手术及操作名称" + n + "为空",
            "SSJCZBM" + n + " (" + p.code + ") has no name in SSJCZMC" + n);
      if (p.date_text.empty()) {
        if (!Counted("SSJCZRQ" + n))
          Add("SSJCZRQ" + n, "", "procedure.date_missing", Severity::kError, QcCategory::kDates,
              "手术及操作编码" + n + "（" + p.code + "）已填写，但手术及操作日期" + n + "为空",
              "SSJCZBM" + n + " (" + p.code + ") has no date in SSJCZRQ" + n);
      } else if (!p.date) {
        Add("SSJCZRQ" + n, p.date_text, "date.procedure_date_invalid", Severity::kError,
            QcCategory::kDates,
            "手术及操作日期" + n + "（" + p.date_text + "）不是有效日期（应为 YYYY-MM-DD）",
            "SSJCZRQ" + n + " \"" + p.date_text + "\" is not a date (YYYY-MM-DD)");
      }
      if (p.sspb.empty()) {
        if (!Counted("SSPB" + n))
          Add("SSPB" + n, "", "procedure.sspb_missing", Severity::kWarning,
              QcCategory::kProcedureCode,
              "手术及操作编码" + n + "（" + p.code + "）已填写，但手术判别" + n +
                  "为空（无法判断是否计入手术台次）",
              "SSJCZBM" + n + " (" + p.code + ") has no 手术判别 in SSPB" + n +
                  " (cannot tell whether it counts as an operation)");
      } else if (IsSurgery(p.sspb) && p.ssjb.empty()) {
        if (!Counted("SSJB" + n))
          Add("SSJB" + n, "", "procedure.level_missing", Severity::kError,
              QcCategory::kProcedureCode,
              "手术判别" + n + "为" + (p.sspb == "1" ? "手术" : "介入治疗") + "，但手术级别" + n +
                  "为空",
              "SSPB" + n + " = " + p.sspb + " (operation or intervention) but SSJB" + n +
                  " is empty");
      } else if (IsOperation(p.sspb) && !p.ssjb.empty()) {
        Add("SSJB" + n, p.ssjb, "procedure.level_for_non_surgery", Severity::kWarning,
            QcCategory::kProcedureCode,
            "手术判别" + n + "为" + (p.sspb == "2" ? "诊断性操作" : "治疗性操作") +
                "，却填写了手术级别" + n + "（" + p.ssjb + "）；手术级别只用于手术和介入治疗",
            "SSJB" + n + " (" + p.ssjb + ") is given for a non-surgical procedure (SSPB" + n +
                " = " + p.sspb + ")");
      }
    }
    OrderGap(filled, "SSJCZBM", "手术及操作编码", "procedure.order_gap",
             QcCategory::kProcedureCode);
  }

  // --- dates -----------------------------------------------------------------------------------

  void Dates() {
    const std::optional<LocalDateTime>& in = d_.rysj;
    const std::optional<LocalDateTime>& out = d_.cysj;
    if (in && out) {
      if (out->Seconds() < in->Seconds()) {
        Add("CYSJ", FormatDateTime(*out), "date.discharge_before_admission", Severity::kError,
            QcCategory::kDates,
            "出院时间（" + FormatDateTime(*out) + "）早于入院时间（" + FormatDateTime(*in) + "）",
            "CYSJ (" + FormatDateTime(*out) + ") is before RYSJ (" + FormatDateTime(*in) + ")");
      } else if (d_.sjzyts) {
        // [U] 同日入出院计 1 天: the usual statistical convention (one public implementation of
        // the 中医 upload standard says 「入院时间与出院时间只计算一天」); R11's own wording was
        // not seen. Otherwise 出院日期 − 入院日期 in calendar days (domain-spec §4.4).
        const int64_t days = std::max<int64_t>(1, out->date.ToDays() - in->date.ToDays());
        if (*d_.sjzyts != days) {
          Add("SJZYTS", std::to_string(*d_.sjzyts), "date.los_mismatch", Severity::kError,
              QcCategory::kDates,
              "实际住院天数（" + std::to_string(*d_.sjzyts) + "）与入院日期（" +
                  in->date.ToString() + "）至出院日期（" + out->date.ToString() + "）计算的" +
                  std::to_string(days) + "天不符（当日入出院计1天）",
              "SJZYTS (" + std::to_string(*d_.sjzyts) + ") differs from the " +
                  std::to_string(days) + " days from RYSJ " + in->date.ToString() + " to CYSJ " +
                  out->date.ToString() + " (same day counts as 1)");
        }
      }
    }
    for (const Procedure& p : d_.procedures) {
      if (!p.date) continue;
      const std::string n = std::to_string(p.seq);
      if (in && *p.date < in->date) {
        Add("SSJCZRQ" + n, p.date_text, "date.procedure_before_admission", Severity::kError,
            QcCategory::kDates,
            "手术及操作日期" + n + "（" + p.date->ToString() + "）早于入院时间（" +
                in->date.ToString() + "）",
            "SSJCZRQ" + n + " (" + p.date->ToString() + ") is before the admission date (" +
                in->date.ToString() + ")");
      }
      if (out && *p.date > out->date) {
        Add("SSJCZRQ" + n, p.date_text, "date.procedure_after_discharge", Severity::kError,
            QcCategory::kDates,
            "手术及操作日期" + n + "（" + p.date->ToString() + "）晚于出院时间（" +
                out->date.ToString() + "）",
            "SSJCZRQ" + n + " (" + p.date->ToString() + ") is after the discharge date (" +
                out->date.ToString() + ")");
      }
    }
    if (d_.nl && (*d_.nl < 0 || *d_.nl > 150)) {
      Add("NL", std::to_string(*d_.nl), "date.age_out_of_range", Severity::kError,
          QcCategory::kDates, "年龄（" + std::to_string(*d_.nl) + "）不在 0–150 岁之间",
          "NL (" + std::to_string(*d_.nl) + ") is not between 0 and 150");
      return;
    }
    if (d_.csrq && in) {
      if (*d_.csrq > in->date) {
        Add("CSRQ", d_.csrq->ToString(), "date.birth_after_admission", Severity::kError,
            QcCategory::kDates,
            "出生日期（" + d_.csrq->ToString() + "）晚于入院时间（" + in->date.ToString() + "）",
            "CSRQ (" + d_.csrq->ToString() + ") is after RYSJ (" + in->date.ToString() + ")");
      } else if (d_.nl) {
        const int age = AgeInYears(*d_.csrq, in->date);
        if (std::abs(*d_.nl - age) > 1) {
          Add("NL", std::to_string(*d_.nl), "date.age_mismatch", Severity::kError,
              QcCategory::kDates,
              "年龄（" + std::to_string(*d_.nl) + "岁）与出生日期（" + d_.csrq->ToString() +
                  "）至入院日期（" + in->date.ToString() + "）的实足年龄（" + std::to_string(age) +
                  "岁）相差超过1岁",
              "NL (" + std::to_string(*d_.nl) + ") differs by more than 1 year from the age " +
                  std::to_string(age) + " computed from CSRQ " + d_.csrq->ToString() +
                  " and RYSJ " + in->date.ToString());
        }
      }
    }
  }

  // --- costs -----------------------------------------------------------------------------------

  void Negative(const std::optional<int64_t>& v, std::string_view column) {
    if (!v || *v >= 0) return;
    Add(std::string(column), FormatYuan(*v), "cost.negative", Severity::kError, QcCategory::kCosts,
        Label(column) + "（" + FormatYuan(*v) + "）不能为负数",
        std::string(column) + " (" + FormatYuan(*v) + ") is negative");
  }

  void Costs() {
    Negative(d_.zfy, "ZFY");
    Negative(d_.zfje, "ZFJE");
    bool any_item = false;
    int64_t sum = 0;
    for (size_t i = 0; i < kCostFields.size(); ++i) {
      const std::optional<int64_t>& v = d_.costs[i];
      if (!v) continue;
      any_item = true;
      if (!IsPart(i)) sum += *v;
      if (*v < 0) Negative(v, Upper(kCostFields[i]));
    }
    if (d_.zfy) {
      if (!any_item) {
        if (*d_.zfy > 0)
          Add("ZFY", FormatYuan(*d_.zfy), "cost.items_missing", Severity::kWarning,
              QcCategory::kCosts,
              "总费用（" + FormatYuan(*d_.zfy) + "）已填写，但各分项费用全部为空，无法核对",
              "ZFY (" + FormatYuan(*d_.zfy) + ") is given but every cost item is empty");
      } else if (sum != *d_.zfy) {
        Add("ZFY", FormatYuan(*d_.zfy), "cost.total_mismatch", Severity::kError, QcCategory::kCosts,
            "总费用（" + FormatYuan(*d_.zfy) + "）与各分项费用之和（" + FormatYuan(sum) +
                "）不符，相差" + FormatYuan(*d_.zfy - sum) +
                "元（“其中”项如麻醉费、手术费不重复相加）",
            "ZFY (" + FormatYuan(*d_.zfy) + ") differs from the sum of the cost items (" +
                FormatYuan(sum) + ") by " + FormatYuan(*d_.zfy - sum) +
                " (the 其中 items are not added again)");
      }
    }
    auto value = [&](size_t i) { return d_.costs[i].value_or(0); };
    if (d_.costs[kWlzlf] && value(kWlzlf) > value(kFsszlxmf)) {
      Add("WLZLF", FormatYuan(value(kWlzlf)), "cost.physio_exceeds_parent", Severity::kError,
          QcCategory::kCosts,
          "临床物理治疗费（" + FormatYuan(value(kWlzlf)) + "）大于其所属的非手术治疗项目费（" +
              FormatYuan(value(kFsszlxmf)) + "）",
          "WLZLF (" + FormatYuan(value(kWlzlf)) + ") exceeds its parent FSSZLXMF (" +
              FormatYuan(value(kFsszlxmf)) + ")");
    }
    if ((d_.costs[kMaf] || d_.costs[kSsf]) && value(kMaf) + value(kSsf) > value(kSszlf)) {
      Add("SSZLF", d_.costs[kSszlf] ? FormatYuan(value(kSszlf)) : "",
          "cost.surgery_parts_exceed_parent", Severity::kError, QcCategory::kCosts,
          "麻醉费（" + FormatYuan(value(kMaf)) + "）与手术费（" + FormatYuan(value(kSsf)) +
              "）之和大于手术治疗费（" + FormatYuan(value(kSszlf)) + "）",
          "MAF (" + FormatYuan(value(kMaf)) + ") + SSF (" + FormatYuan(value(kSsf)) +
              ") exceeds their parent SSZLF (" + FormatYuan(value(kSszlf)) + ")");
    }
    if (d_.costs[kKjywf] && value(kKjywf) > value(kXyf)) {
      Add("KJYWF", FormatYuan(value(kKjywf)), "cost.antibiotic_exceeds_parent", Severity::kError,
          QcCategory::kCosts,
          "抗菌药物费用（" + FormatYuan(value(kKjywf)) + "）大于其所属的西药费（" +
              FormatYuan(value(kXyf)) + "）",
          "KJYWF (" + FormatYuan(value(kKjywf)) + ") exceeds its parent XYF (" +
              FormatYuan(value(kXyf)) + ")");
    }
    if (d_.zfje && d_.zfy && *d_.zfje > *d_.zfy) {
      Add("ZFJE", FormatYuan(*d_.zfje), "cost.selfpay_exceeds_total", Severity::kError,
          QcCategory::kCosts,
          "自付金额（" + FormatYuan(*d_.zfje) + "）大于总费用（" + FormatYuan(*d_.zfy) + "）",
          "ZFJE (" + FormatYuan(*d_.zfje) + ") exceeds ZFY (" + FormatYuan(*d_.zfy) + ")");
    }
  }

  // --- value domains ---------------------------------------------------------------------------

  void CheckDomain(DomainSlot slot, std::string_view value, std::string_view base, int seq) {
    const std::optional<qc_internal::Domain>& d = t_.domains[static_cast<size_t>(slot)];
    if (!d || value.empty() || d->Allows(value)) return;
    const std::string column = seq == 0 ? std::string(base) : Numbered(base, seq);
    Add(column, std::string(value), "domain.not_in_table", Severity::kError,
        QcCategory::kValueDomain,
        Label(column) + "（" + column + "）的值“" + std::string(value) + "”不在代码表中，可填：" +
            d->allowed,
        column + " \"" + std::string(value) +
            "\" is not in its code table (allowed: " + d->allowed_en + ")");
  }

  void Domains() {
    CheckDomain(DomainSlot::kXb, d_.xb, "XB", 0);
    CheckDomain(DomainSlot::kYlfkfs, d_.ylfkfs, "YLFKFS", 0);
    CheckDomain(DomainSlot::kRytj, d_.rytj, "RYTJ", 0);
    CheckDomain(DomainSlot::kLyfs, d_.lyfs, "LYFS", 0);
    CheckDomain(DomainSlot::kRybq, d_.rybq, "RYBQ", 0);
    for (const Diagnosis& x : d_.diagnoses) CheckDomain(DomainSlot::kRybq, x.rybq, "RYBQ", x.seq);
    for (const Procedure& p : d_.procedures) {
      CheckDomain(DomainSlot::kSsjb, p.ssjb, "SSJB", p.seq);
      CheckDomain(DomainSlot::kSspb, p.sspb, "SSPB", p.seq);
      CheckDomain(DomainSlot::kWcss, p.wcss, "WCSS", p.seq);
      CheckDomain(DomainSlot::kQkdj, p.qkdj, "QKDJ", p.seq);
      CheckDomain(DomainSlot::kQkyhlb, p.qkyhlb, "QKYHLB", p.seq);
      CheckDomain(DomainSlot::kMzfs, p.mzfs, "MZFS", p.seq);
    }
  }

  // --- clinical conflicts ----------------------------------------------------------------------

  void ReportConflict(const qc_internal::Conflict& c, const std::string& code, int seq) {
    const std::string column = seq == 0 ? std::string("JBDM") : Numbered("JBDM", seq);
    Add(column, code, c.rule, c.severity, c.category,
        Label(column) + "（" + code + "）：" + c.message,
        column + " (" + code + "): " + c.message_en);
  }

  void Clinical() {
    for (const qc_internal::Conflict& c : t_.conflicts) {
      if (!Holds(c.condition, d_)) continue;
      if (c.scope != qc_internal::Conflict::Scope::kOther && c.codes.Contains(d_.jbdm))
        ReportConflict(c, d_.jbdm, 0);
      if (c.scope == qc_internal::Conflict::Scope::kPrincipal) continue;
      for (const Diagnosis& x : d_.diagnoses)
        if (c.codes.Contains(x.code)) ReportConflict(c, x.code, x.seq);
    }
  }

  const Tables& t_;
  const CodeTables* codes_;
  const Discharge& d_;
  std::vector<Finding>* out_;
};

}  // namespace

void QcRules::Check(const Discharge& d, std::vector<Finding>* out) const {
  if (tables_ == nullptr) return;  // a default-constructed QcRules has no rules
  Checker(*tables_, codes_.get(), d, out).Run();
}

}  // namespace yuanwu::indicators
