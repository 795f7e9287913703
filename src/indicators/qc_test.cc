// Unit tests of the 首页质控 rules (qc.h) with the shipped rule tables of data/indicators/qc/,
// one group of rules per test, plus the loader's errors on malformed tables. The readable
// cases a 质控 officer maintains are in tests/indicators/qc/ (qc_data_test.cc).
#include "indicators/qc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

using db::testdb::Describe;
using db::testdb::ReadSourceFile;

constexpr const char* kFiles[] = {"required_fields.csv", "value_domains.csv", "code_shapes.csv",
                                  "clinical_conflicts.csv", "minimally_invasive_codes.csv"};

std::map<std::string, std::string> ShippedFiles() {
  std::map<std::string, std::string> files;
  for (const char* f : kFiles) files[f] = ReadSourceFile(std::string("data/indicators/qc/") + f);
  return files;
}

size_t CostAt(std::string_view name) {
  for (size_t i = 0; i < kCostFields.size(); ++i)
    if (name == kCostFields[i]) return i;
  ADD_FAILURE() << "no cost field " << name;
  return 0;
}

LocalDateTime At(int y, int m, int d, int hh, int mm) {
  return LocalDateTime{{y, m, d}, hh, mm, 0};
}

// A realistic clean record: a 45-year-old man with acute appendicitis, hypertension and type 2
// diabetes, laparoscopic appendectomy on the day of admission, six days in hospital (the same
// patient as tests/indicators/qc/base_record.csv).
Discharge Clean() {
  Discharge d;
  d.line = 2;
  d.bah = "2025000123";
  d.zycs = 1;
  d.xm = "张三";
  d.xb = "1";
  d.sfzh = "11010119790615001X";
  d.ylfkfs = "1";
  d.rytj = "2";
  d.rykb = "普外科";
  d.cykb = "普外科";
  d.lyfs = "1";
  d.csrq = Date{1979, 6, 15};
  d.nl = 45;
  d.rysj = At(2025, 3, 2, 9, 30);
  d.cysj = At(2025, 3, 8, 10, 0);
  d.sjzyts = 6;
  d.jbdm = "K35.800";
  d.zyzd = "急性阑尾炎";
  d.rybq = "1";
  d.bmy = "吴编码";
  d.kzr = "王主任";
  d.zrys = "赵医生";
  d.zzys = "钱医生";
  d.zyys = "孙医生";
  d.diagnoses = {{1, "I10.x00x002", "原发性高血压", "1"}, {2, "E11.900", "2型糖尿病", "1"}};
  Procedure p;
  p.seq = 1;
  p.code = "47.0100";
  p.name = "腹腔镜下阑尾切除术";
  p.date = Date{2025, 3, 2};
  p.date_text = "2025-03-02";
  p.ssjb = "2";
  p.sspb = "1";
  p.wcss = "1";
  p.qkdj = "2";
  p.qkyhlb = "1";
  p.mzfs = "1";
  d.procedures = {p};
  const std::pair<const char*, int64_t> costs[] = {
      {"ylfuf", 60000},    {"zlczf", 35000},   {"hlf", 42000},       {"qtfy", 0},
      {"blzdf", 30000},    {"syszdf", 120000}, {"yxxzdf", 80000},    {"lczdxmf", 0},
      {"fsszlxmf", 20000}, {"wlzlf", 0},       {"sszlf", 500000},    {"maf", 120000},
      {"ssf", 300000},     {"kff", 0},         {"zyzlf", 0},         {"xyf", 350000},
      {"kjywf", 90000},    {"zcyf", 20000},    {"zcyf1", 0},         {"xf", 0},
      {"bdblzpf", 0},      {"qdblzpf", 0},     {"nxyzlzpf", 0},      {"xbyzlzpf", 0},
      {"hcyyclf", 30000},  {"yyclf", 39000},   {"ycxyyclf", 500000}, {"qtf", 0}};
  for (const auto& [name, fen] : costs) d.costs[CostAt(name)] = fen;
  d.zfy = 1826000;
  d.zfje = 365200;
  return d;
}

// "rule@FIELD" of every finding, sorted, for compact expectations.
std::vector<std::string> Codes(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule + "@" + f.field);
  std::sort(out.begin(), out.end());
  return out;
}

const Finding* FindRule(const std::vector<Finding>& findings, std::string_view rule) {
  for (const Finding& f : findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

class QcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<QcRules> r = QcRules::FromFiles(ShippedFiles());
    ASSERT_TRUE(r.ok()) << Describe(r.status());
    rules_ = *r;
  }
  std::vector<Finding> Check(const Discharge& d) const {
    std::vector<Finding> out;
    rules_.Check(d, &out);
    return out;
  }
  QcRules rules_;
};

using V = std::vector<std::string>;

TEST(QcNamesTest, SeverityAndCategoryNamesRoundTrip) {
  for (Severity s : {Severity::kReject, Severity::kError, Severity::kWarning})
    EXPECT_EQ(ParseSeverity(SeverityName(s)), s);
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_FALSE(ParseSeverity("fatal"));
  for (QcCategory c :
       {QcCategory::kCompleteness, QcCategory::kMainDiagnosisCode, QcCategory::kOtherDiagnosisCode,
        QcCategory::kProcedureCode, QcCategory::kDates, QcCategory::kCosts,
        QcCategory::kValueDomain, QcCategory::kClinical, QcCategory::kParse})
    EXPECT_EQ(ParseQcCategory(QcCategoryName(c)), c) << QcCategoryName(c);
  EXPECT_EQ(QcCategoryName(QcCategory::kMainDiagnosisCode), "main_diagnosis_code");
  EXPECT_FALSE(ParseQcCategory(""));
}

TEST_F(QcTest, CleanRealisticRecordHasNoFindings) { EXPECT_EQ(Codes(Check(Clean())), V{}); }

TEST_F(QcTest, DefaultConstructedRulesCheckNothing) {
  QcRules empty;
  std::vector<Finding> out;
  Discharge d = Clean();
  d.xb = "7";
  empty.Check(d, &out);
  empty.CountRequired([](std::string_view) { return false; }, &d, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(d.required_total, 0);
}

TEST_F(QcTest, DiagnosisAndProcedureCodeShapes) {
  Discharge d = Clean();
  d.jbdm = "k35.800";                   // lower case: not a code
  d.diagnoses[0].code = "I10";          // a bare category: imprecise
  d.diagnoses[1].code = "E11.900x001";  // extension code: fine
  d.procedures[0].code = "47.01";       // ICD-9-CM-3 four digits: imprecise
  std::vector<Finding> f = Check(d);
  EXPECT_EQ(Codes(f), (V{"code.main_diagnosis_format@JBDM", "code.other_diagnosis_imprecise@JBDM1",
                         "code.procedure_imprecise@SSJCZBM1"}));
  const Finding* main = FindRule(f, "code.main_diagnosis_format");
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(main->severity, Severity::kError);
  EXPECT_EQ(main->category, QcCategory::kMainDiagnosisCode);
  EXPECT_EQ(main->value, "k35.800");
  EXPECT_NE(main->message.find("主要诊断编码（k35.800）格式不正确"), std::string::npos)
      << main->message;
  EXPECT_EQ(FindRule(f, "code.procedure_imprecise")->severity, Severity::kWarning);

  d = Clean();
  d.procedures[0].code = "73.4x00x004";  // x in the subcategory place, then an extension
  d.jbdm = "G20.x03";
  EXPECT_EQ(Codes(Check(d)), V{});
  d.procedures[0].code = "4701";
  EXPECT_EQ(Codes(Check(d)), V{"code.procedure_format@SSJCZBM1"});
  EXPECT_EQ(Check(d)[0].category, QcCategory::kProcedureCode);
}

TEST_F(QcTest, CodeTablesAddExistenceChecks) {
  auto tables = std::make_shared<CodeTables>();
  tables->icd10 = {"K35.800", "I10.x00x002"};  // E11.900 is not loaded
  rules_.SetCodeTables(tables);
  std::vector<Finding> f = Check(Clean());
  EXPECT_EQ(Codes(f), V{"code.other_diagnosis_unknown@JBDM2"});
  EXPECT_EQ(f[0].category, QcCategory::kOtherDiagnosisCode);
  tables->procedures = {"47.0900"};  // the procedure table is loaded too now
  EXPECT_EQ(Codes(Check(Clean())),
            (V{"code.other_diagnosis_unknown@JBDM2", "code.procedure_unknown@SSJCZBM1"}));
  // A code of the wrong shape is reported once, as a shape error, not also as unknown.
  Discharge d = Clean();
  d.jbdm = "K35";
  EXPECT_EQ(Codes(Check(d)),
            (V{"code.main_diagnosis_imprecise@JBDM", "code.main_diagnosis_unknown@JBDM",
               "code.other_diagnosis_unknown@JBDM2", "code.procedure_unknown@SSJCZBM1"}));
  d.jbdm = "K35-8";
  EXPECT_EQ(Codes(Check(d)),
            (V{"code.main_diagnosis_format@JBDM", "code.other_diagnosis_unknown@JBDM2",
               "code.procedure_unknown@SSJCZBM1"}));
}

TEST_F(QcTest, ProcedureDateAfterDischargeReadsLikeTheCoderExpects) {
  Discharge d = Clean();
  d.procedures[0].date = Date{2025, 3, 9};
  d.procedures[0].date_text = "2025-03-09";
  std::vector<Finding> f = Check(d);
  ASSERT_EQ(Codes(f), V{"date.procedure_after_discharge@SSJCZRQ1"});
  EXPECT_EQ(f[0].value, "2025-03-09");
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].category, QcCategory::kDates);
  EXPECT_EQ(f[0].message, "手术及操作日期1（2025-03-09）晚于出院时间（2025-03-08）");
  EXPECT_EQ(f[0].message_en, "SSJCZRQ1 (2025-03-09) is after the discharge date (2025-03-08)");
}

TEST_F(QcTest, DateLogic) {
  Discharge d = Clean();
  // Procedure dates are dates: a time on the day of discharge, after the discharge hour, is fine.
  d.procedures[0].date = Date{2025, 3, 8};
  d.procedures[0].date_text = "2025-03-08 15:20";
  EXPECT_EQ(Codes(Check(d)), V{});
  d.procedures[0].date = Date{2025, 3, 1};
  d.procedures[0].date_text = "2025-03-01";
  EXPECT_EQ(Codes(Check(d)), V{"date.procedure_before_admission@SSJCZRQ1"});
  d.procedures[0].date.reset();
  d.procedures[0].date_text = "2025-02-30";
  EXPECT_EQ(Codes(Check(d)), V{"date.procedure_date_invalid@SSJCZRQ1"});

  d = Clean();
  d.cysj = At(2025, 3, 2, 8, 0);  // an hour and a half before admission
  d.sjzyts = 1;
  EXPECT_EQ(Codes(Check(d)), V{"date.discharge_before_admission@CYSJ"});

  d = Clean();
  d.sjzyts = 7;
  std::vector<Finding> f = Check(d);
  ASSERT_EQ(Codes(f), V{"date.los_mismatch@SJZYTS"});
  EXPECT_NE(f[0].message.find("计算的6天不符"), std::string::npos) << f[0].message;
  // 同日入出院 counts as one day.
  d.cysj = At(2025, 3, 2, 18, 0);
  d.procedures[0].date = Date{2025, 3, 2};
  d.sjzyts = 1;
  EXPECT_EQ(Codes(Check(d)), V{});
  d.sjzyts = 0;
  EXPECT_EQ(Codes(Check(d)), V{"date.los_mismatch@SJZYTS"});
}

TEST_F(QcTest, AgeAgainstBirthDate) {
  Discharge d = Clean();  // born 1979-06-15, admitted 2025-03-02: 45 completed years
  for (int nl : {44, 45, 46}) {
    d.nl = nl;
    EXPECT_EQ(Codes(Check(d)), V{}) << nl;
  }
  d.nl = 47;
  EXPECT_EQ(Codes(Check(d)), V{"date.age_mismatch@NL"});
  d.nl = -1;
  EXPECT_EQ(Codes(Check(d)), V{"date.age_out_of_range@NL"});
  d.nl = 45;
  d.csrq = Date{2025, 3, 3};
  EXPECT_EQ(Codes(Check(d)), V{"date.birth_after_admission@CSRQ"});
  // On the birthday itself the year is complete.
  d.csrq = Date{1980, 3, 2};
  d.nl = 45;
  EXPECT_EQ(Codes(Check(d)), V{});
}

TEST_F(QcTest, CostConsistency) {
  Discharge d = Clean();
  // The 其中 items are parts: raising 麻醉费 within 手术治疗费 changes nothing.
  d.costs[CostAt("maf")] = 150000;
  EXPECT_EQ(Codes(Check(d)), V{});
  d.costs[CostAt("maf")] = 250000;  // 2500 + 3000 > 5000
  EXPECT_EQ(Codes(Check(d)), V{"cost.surgery_parts_exceed_parent@SSZLF"});

  d = Clean();
  d.zfy = 1836000;
  std::vector<Finding> f = Check(d);
  ASSERT_EQ(Codes(f), V{"cost.total_mismatch@ZFY"});
  EXPECT_EQ(f[0].value, "18360.00");
  EXPECT_NE(f[0].message.find("各分项费用之和（18260.00）"), std::string::npos) << f[0].message;
  EXPECT_EQ(f[0].category, QcCategory::kCosts);

  d = Clean();
  d.costs[CostAt("wlzlf")] = 30000;   // > 非手术治疗项目费 200.00
  d.costs[CostAt("kjywf")] = 400000;  // > 西药费 3500.00
  d.zfje = 2000000;                   // > 总费用
  EXPECT_EQ(Codes(Check(d)),
            (V{"cost.antibiotic_exceeds_parent@KJYWF", "cost.physio_exceeds_parent@WLZLF",
               "cost.selfpay_exceeds_total@ZFJE"}));

  d = Clean();
  d.costs[CostAt("qtf")] = -1000;
  d.zfy = 1825000;
  EXPECT_EQ(Codes(Check(d)), V{"cost.negative@QTF"});

  // Only ZFY given: one warning, not 28.
  d = Clean();
  for (auto& c : d.costs) c.reset();
  f = Check(d);
  ASSERT_EQ(Codes(f), V{"cost.items_missing@ZFY"});
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  // Nothing given at all is left to the required list.
  d.zfy.reset();
  d.zfje.reset();
  EXPECT_EQ(Codes(Check(d)), V{});
}

TEST_F(QcTest, ValueDomains) {
  Discharge d = Clean();
  d.xb = "3";
  d.lyfs = "6";
  d.diagnoses[1].rybq = "0";
  std::vector<Finding> f = Check(d);
  EXPECT_EQ(Codes(f),
            (V{"domain.not_in_table@LYFS", "domain.not_in_table@RYBQ2", "domain.not_in_table@XB"}));
  const Finding* xb = nullptr;
  for (const Finding& x : f)
    if (x.field == "XB") xb = &x;
  ASSERT_NE(xb, nullptr);
  EXPECT_EQ(xb->category, QcCategory::kValueDomain);
  EXPECT_EQ(xb->message,
            "性别（XB）的值“3”不在代码表中，可填：0 未知的性别、1 男、2 女、9 未说明的性别");

  // Both 切口 encodings are accepted: numeric columns and the R13 composite.
  d = Clean();
  d.procedures[0].qkdj = "1-3";
  d.procedures[0].qkyhlb = "";
  EXPECT_EQ(Codes(Check(d)), V{});
  d.procedures[0].qkyhlb = "丙";
  d.procedures[0].wcss = "Y";
  EXPECT_EQ(Codes(Check(d)), (V{"domain.not_in_table@QKYHLB1", "domain.not_in_table@WCSS1"}));
}

TEST_F(QcTest, ClinicalConflicts) {
  Discharge d = Clean();
  d.diagnoses[1].code = "O80.000";  // a delivery code on a man
  std::vector<Finding> f = Check(d);
  ASSERT_EQ(Codes(f), V{"clinical.obstetric_male@JBDM2"});
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].category, QcCategory::kClinical);
  EXPECT_EQ(f[0].value, "O80.000");
  EXPECT_EQ(f[0].message.rfind("其他诊断编码2（O80.000）：妊娠、分娩和产褥期编码", 0), 0u)
      << f[0].message;

  d.xb = "2";  // the same code on a woman is fine
  EXPECT_EQ(Codes(Check(d)), V{});
  d.diagnoses[1].code = "N40.x00";  // prostate hyperplasia on a woman
  EXPECT_EQ(Codes(Check(d)), V{"clinical.male_only_female@JBDM2"});

  d = Clean();
  d.diagnoses[1].code = "P07.300";  // preterm: a perinatal condition, aged 45
  f = Check(d);
  ASSERT_EQ(Codes(f), V{"clinical.perinatal_age@JBDM2"});
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  d.xb = "";  // an empty XB satisfies no condition
  d.diagnoses[1].code = "C61.x00";
  EXPECT_EQ(Codes(Check(d)), V{});

  d = Clean();
  d.jbdm = "W19.x00";  // an external cause as the principal diagnosis
  f = Check(d);
  ASSERT_EQ(Codes(f), V{"clinical.external_cause_principal@JBDM"});
  EXPECT_EQ(f[0].category, QcCategory::kMainDiagnosisCode);
  d.jbdm = "K35.800";
  d.diagnoses[1].code = "W19.x00";  // as an other diagnosis it is where it belongs
  EXPECT_EQ(Codes(Check(d)), V{});
}

TEST_F(QcTest, OtherDiagnosisGroups) {
  Discharge d = Clean();
  d.diagnoses.push_back({4, "E78.500", "高脂血症", "1"});  // 3 is empty
  d.diagnoses.push_back({5, "", "脂肪肝", ""});            // a name without a code
  d.diagnoses[1].name = "";
  d.diagnoses[1].rybq = "";
  std::vector<Finding> f = Check(d);
  EXPECT_EQ(Codes(f), (V{"code.other_diagnosis_missing@JBDM5", "diagnosis.name_missing@QTZD2",
                         "diagnosis.order_gap@JBDM4", "diagnosis.rybq_missing@RYBQ2"}));
  const Finding* gap = FindRule(f, "diagnosis.order_gap");
  ASSERT_NE(gap, nullptr);
  EXPECT_EQ(gap->message, "其他诊断编码4已填写，但其他诊断编码3为空（应依次填写，不留空行）");

  d = Clean();
  d.diagnoses[1].code = "K35.800";
  d.diagnoses.push_back({3, "I10.x00x002", "高血压", "1"});
  EXPECT_EQ(Codes(Check(d)),
            (V{"code.other_diagnosis_duplicate@JBDM2", "code.other_diagnosis_duplicate@JBDM3"}));
  // RYBQ1 and QTZD1 are on the required list: CountRequired reports them, Check does not.
  d = Clean();
  d.diagnoses[0].rybq = "";
  d.diagnoses[0].name = "";
  EXPECT_EQ(Codes(Check(d)), V{});
}

TEST_F(QcTest, ProcedureGroups) {
  Discharge d = Clean();
  Procedure colonoscopy;
  colonoscopy.seq = 2;
  colonoscopy.code = "45.2300";
  colonoscopy.name = "结肠镜检查";
  colonoscopy.date = Date{2025, 3, 5};
  colonoscopy.date_text = "2025-03-05";
  colonoscopy.sspb = "2";
  d.procedures.push_back(colonoscopy);
  EXPECT_EQ(Codes(Check(d)), V{});

  d.procedures[1].ssjb = "1";  // a level for a diagnostic procedure
  EXPECT_EQ(Codes(Check(d)), V{"procedure.level_for_non_surgery@SSJB2"});
  d.procedures[1].sspb = "1";  // now an operation: the level is right, and required
  EXPECT_EQ(Codes(Check(d)), V{});
  d.procedures[1].ssjb = "";
  EXPECT_EQ(Codes(Check(d)), V{"procedure.level_missing@SSJB2"});
  d.procedures[1].sspb = "";
  d.procedures[1].name = "";
  d.procedures[1].date.reset();
  d.procedures[1].date_text = "";
  EXPECT_EQ(Codes(Check(d)),
            (V{"procedure.date_missing@SSJCZRQ2", "procedure.name_missing@SSJCZMC2",
               "procedure.sspb_missing@SSPB2"}));

  // A name without a code, after a gap.
  d = Clean();
  Procedure uncoded;
  uncoded.seq = 3;
  uncoded.name = "胃镜检查";
  d.procedures.push_back(uncoded);
  std::vector<Finding> f = Check(d);
  EXPECT_EQ(Codes(f), (V{"code.procedure_missing@SSJCZBM3", "procedure.order_gap@SSJCZBM3"}));
  EXPECT_EQ(FindRule(f, "code.procedure_missing")->message,
            "手术及操作名称3（胃镜检查）已填写，但手术及操作编码3为空");

  // The first procedure's blanks are the required list's business.
  d = Clean();
  d.procedures[0].ssjb = "";
  d.procedures[0].name = "";
  d.procedures[0].date_text = "";
  d.procedures[0].date.reset();
  EXPECT_EQ(Codes(Check(d)), V{});
}

TEST_F(QcTest, CountRequiredCountsApplicableItems) {
  EXPECT_EQ(rules_.required_columns().size(), 76u);
  std::set<std::string> blank;
  auto filled = [&](std::string_view c) { return !blank.contains(std::string(c)); };
  Discharge d = Clean();
  std::vector<Finding> out;
  rules_.CountRequired(filled, &d, &out);
  EXPECT_TRUE(out.empty());
  // 54 unconditional items, QTZD1 RYBQ1 (an other diagnosis), 9 of the first procedure, and BLH
  // because this source row "has" a JBMM (filled:JBMM) as it has every column.
  EXPECT_EQ(d.required_total, 66);
  EXPECT_EQ(d.required_filled, 66);

  blank = {"ZZYS", "GJ", "JBMM"};
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(Codes(out), (V{"required.missing@GJ", "required.missing@ZZYS"}));
  EXPECT_EQ(d.required_total, 65);
  EXPECT_EQ(d.required_filled, 63);
  const Finding* f = out[0].field == "ZZYS" ? &out[0] : &out[1];
  EXPECT_EQ(f->category, QcCategory::kCompleteness);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->message, "必填项目“主治医师”（ZZYS）未填写");

  // Conditional items: no procedure, a death, a newborn, a tumour, an injury.
  d = Clean();
  d.procedures.clear();
  blank = {"SSJCZBM1", "SWHZSJ", "XSECSTZ", "XSERYTZ", "BZYZSNL", "BLZD", "JBMM", "WBYY", "H23"};
  out.clear();
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(d.required_total, 56);
  EXPECT_TRUE(out.empty());
  d.lyfs = "5";
  d.jbdm = "C18.900";
  out.clear();
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(Codes(out),
            (V{"required.missing@BLZD", "required.missing@JBMM", "required.missing@SWHZSJ"}));
  d = Clean();
  d.procedures.clear();
  d.jbdm = "S82.200";
  d.csrq = Date{2025, 2, 20};  // 10 days old on admission
  d.nl = 0;
  out.clear();
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(Codes(out),
            (V{"required.missing@BZYZSNL", "required.missing@H23", "required.missing@WBYY",
               "required.missing@XSECSTZ", "required.missing@XSERYTZ"}));
  d.csrq = Date{2024, 9, 1};  // six months: an infant, no longer a newborn
  out.clear();
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(Codes(out),
            (V{"required.missing@BZYZSNL", "required.missing@H23", "required.missing@WBYY"}));
  // A mother's record with a live-birth outcome needs the birth weight too.
  d = Clean();
  d.procedures.clear();
  d.xb = "2";
  d.diagnoses[1].code = "Z37.000";
  out.clear();
  rules_.CountRequired(filled, &d, &out);
  EXPECT_EQ(Codes(out), V{"required.missing@XSECSTZ"});
}

TEST_F(QcTest, DeriveMinimallyInvasive) {
  Discharge d = Clean();
  d.procedures[0].wcss = "";
  Procedure tha;
  tha.seq = 2;
  tha.code = "81.5100";  // total hip replacement: open
  Procedure given;
  given.seq = 3;
  given.code = "81.5100";
  given.wcss = "1";  // what the file says wins
  Procedure uncoded;
  uncoded.seq = 4;
  d.procedures.insert(d.procedures.end(), {tha, given, uncoded});
  rules_.DeriveMinimallyInvasive(&d);
  EXPECT_EQ(d.procedures[0].wcss, "1");
  EXPECT_EQ(d.procedures[1].wcss, "0");
  EXPECT_EQ(d.procedures[2].wcss, "1");
  EXPECT_EQ(d.procedures[3].wcss, "");
  EXPECT_TRUE(rules_.IsMinimallyInvasive("47.0100x001"));
  EXPECT_TRUE(rules_.IsMinimallyInvasive("17.1100x001"));  // prefix 17.1
  EXPECT_TRUE(rules_.IsMinimallyInvasive("36.0700"));
  EXPECT_FALSE(rules_.IsMinimallyInvasive("47.0900"));
  EXPECT_FALSE(rules_.IsMinimallyInvasive("4"));
}

// --- the loader ---------------------------------------------------------------------------------

class QcLoadTest : public ::testing::Test {
 protected:
  // Loads the shipped tables with `file` replaced; returns the error (OK if it loaded).
  Status LoadWith(const std::string& file, const std::string& content) {
    std::map<std::string, std::string> files = ShippedFiles();
    files[file] = content;
    Result<QcRules> r = QcRules::FromFiles(files);
    return r.ok() ? Status::Ok() : r.status();
  }
  // Expects an error naming data/indicators/qc/<file> and line `line` in both languages.
  void ExpectLineError(const std::string& file, const std::string& content, int line,
                       const std::string& zh_part) {
    Status s = LoadWith(file, content);
    ASSERT_FALSE(s.ok()) << file << " loaded:\n" << content;
    const std::string path = "data/indicators/qc/" + file;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(path + " 第" + std::to_string(line) + "行"), std::string::npos)
        << s.message();
    EXPECT_NE(s.message_en().find(path + " line " + std::to_string(line)), std::string::npos)
        << s.message_en();
    EXPECT_NE(s.message().find(zh_part), std::string::npos) << s.message();
    ASSERT_EQ(db::testdb::FieldNames(s), std::vector<std::string>{path});
  }
};

TEST_F(QcLoadTest, ShippedTablesLoadAndPathKeysWork) {
  EXPECT_TRUE(
      LoadWith("code_shapes.csv", ReadSourceFile("data/indicators/qc/code_shapes.csv")).ok());
  // The embedded-file table may key by path instead of by name.
  std::map<std::string, std::string> by_path;
  for (const auto& [name, content] : ShippedFiles())
    by_path["data/indicators/qc/" + name] = content;
  EXPECT_TRUE(QcRules::FromFiles(by_path).ok());
}

TEST_F(QcLoadTest, MissingFileAndColumn) {
  std::map<std::string, std::string> files = ShippedFiles();
  files.erase("value_domains.csv");
  Result<QcRules> r = QcRules::FromFiles(files);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("缺少质控规则文件 data/indicators/qc/value_domains.csv"),
            std::string::npos)
      << r.status().message();
  ExpectLineError("value_domains.csv", "column,code,label\nXB,1,男\n", 1, "缺少列“label_en”");
}

TEST_F(QcLoadTest, MalformedRowsNameFileAndLine) {
  ExpectLineError("required_fields.csv",
                  "column,label,label_en,when\n# a comment\nBAH,病案号,record number,always\n"
                  "ZZYS,主治医师,attending,sometimes\n",
                  4, "条件（when）无法识别");
  ExpectLineError(
      "required_fields.csv",
      "column,label,label_en,when\nBAH,病案号,record,always\nBAH,病案号,record,always\n", 3,
      "重复");
  ExpectLineError("required_fields.csv", "column,label,label_en,when\nzzys,主治医师,attending,\n",
                  2, "大写");
  ExpectLineError("required_fields.csv",
                  "column,label,label_en,when\nSSJB1,手术级别1,level 1,SSPB1>1\n", 2,
                  "only = and != apply");
  ExpectLineError("value_domains.csv",
                  "column,code,label,label_en\nXB,1,男,male\nHY,2,已婚,married\n", 3,
                  "不是可检查值域的列");
  ExpectLineError("value_domains.csv", "column,code,label,label_en\nXB,1,男,male\nXB,1,男,male\n",
                  3, "重复");
  ExpectLineError("code_shapes.csv",
                  "kind,pattern,level,example,note\ndiagnosis,LDD.dDD,ok,K35.800,\n"
                  "procedure,DD.dDDD,ok,47.01,\n",
                  3, "不符合本行的 pattern");
  ExpectLineError("code_shapes.csv",
                  "kind,pattern,level,example,note\ndiagnosis,LDD.dDD,ok,K35.800,\n"
                  "procedure,DD.dD,imprecise,47.01,\n",
                  3, "note");
  ExpectLineError("code_shapes.csv",
                  "kind,pattern,level,example,note\ndiagnosis,LDD.dDD,ok,K35.800,\n", 1,
                  "没有 ok 级的 procedure");
  const std::string conflict_header =
      "rule,scope,codes,condition,severity,category,message,message_en\n";
  ExpectLineError("clinical_conflicts.csv",
                  conflict_header + "clinical.x,any,O00-O99,XB=1,reject,clinical,男,male\n", 2,
                  "reject 只属于导入");
  ExpectLineError("clinical_conflicts.csv",
                  conflict_header + "clinical.x,any,O99-O00,XB=1,error,clinical,男,male\n", 2,
                  "codes 无法识别");
  ExpectLineError("clinical_conflicts.csv",
                  conflict_header + "clinical.x,any,O00-O99,filled:XB,error,clinical,男,male\n", 2,
                  "condition 无法识别");
  ExpectLineError("clinical_conflicts.csv",
                  conflict_header + "Clinical.X,any,O00-O99,XB=1,error,clinical,男,male\n", 2,
                  "小写");
  ExpectLineError("minimally_invasive_codes.csv", "prefix,name\n47.01,腹腔镜阑尾切除\nK35,阑尾\n",
                  3, "应形如 47.01");
  ExpectLineError("minimally_invasive_codes.csv",
                  "prefix,name\n47.01,腹腔镜阑尾切除\n47.01,又一次\n", 3, "重复");
  ExpectLineError("minimally_invasive_codes.csv", "prefix,name\n\"47.01,腹腔镜\n", 2, "引号未闭合");
}

}  // namespace
}  // namespace yuanwu::indicators
