// Generator of realistic demo and benchmark records for the indicators module: the four import
// files (住院病案首页, 门急诊就诊, 住院抗菌药物使用, 临床路径) of a county hospital (县医院,
// 二级甲等/三级) in the canonical columns of dataset.h, ready for the importer.
//
// THE OUTPUT IS DEMO DATA. Every patient, name, 身份证号 and 病案号 is synthetic: names are drawn
// from common characters, ID numbers use the deliberately unassigned region codes 5399xx (so no
// generated number can belong to a real person) with a valid ISO 7064 check digit. Callers that
// show or import the files must label them 演示数据 / demo data.
//
// What the files look like (calibrated on county hospitals' annual work reports):
//   - volumes: the first year has `discharges_per_year` / `visits_per_year` records; each later
//     year grows by `annual_growth` (default +7%), so 同比 is meaningful;
//   - calendar: winter respiratory peak, Spring Festival dip, fewer outpatients on weekends
//     (急诊 flat), 国庆 and 元旦 dips; 门诊/急诊/体检 ≈ 88/10/2;
//   - outpatients: 次均费用 ≈ 200–250 元, drug share ≈ 35–45%, antibiotic prescriptions ≈ 10–18%
//     (急诊 25–35%), appointment rate rising from ≈ 42% by ≈ 4.5 points a year;
//   - inpatients: department case mix with real ICD-10 (国临版 2.0 style) and ICD-9-CM-3
//     (国临版 3.0 style) codes, 平均住院日 ≈ 8, 次均费用 ≈ 5,000–9,000 元 with all 28 cost items
//     (ZFY = Σ top-level items exactly), surgery, 四级, 微创 and death rates of a county hospital,
//     consistent 身份证号/出生日期/年龄/性别, readmissions with growing 住院次数;
//   - antibiotic rows with WHO DDD values (抗菌药物使用强度 ≈ 35–45 DDDs/100人天) and clinical
//     pathway rows (入径, 完成, 变异 with reasons, 退出);
//   - the other 首页 items: when `files` holds required_fields.csv (the 必填项目 list of
//     data/indicators/qc/), discharges.csv also has every item of that list that is not a
//     canonical column (USERNAME, 国籍, 民族, 职业, 婚姻, addresses, 联系人, 病区, 门（急）诊诊断,
//     术者/麻醉医师 per procedure, …), after the canonical columns, filled consistently with the
//     record and left empty only where the item does not apply (no procedure, not an injury, not
//     a death, …): a record without a planted defect is 100% complete for 填报完整率. The
//     importer reads these columns for completeness. Without required_fields.csv discharges.csv
//     has the canonical columns only; either way the canonical columns hold the same values (the
//     detail items draw from random streams of their own);
//   - `qc_defect_rate` of the discharges carry one realistic, detectable 首页 defect each (see
//     GenDefect); no defect makes a record unparseable, and a record without one passes the 首页
//     quality checks without a finding.
//
// Deterministic: the same options (including the data files) give byte-identical files on the
// same platform. Randomness comes only from `seed`; nothing reads the clock. Output is streamed
// through buffered writers, so memory stays small for any volume; visits are written on a second
// thread (1,000,000 discharges + 10,000,000 visits take well under a minute on 2 cores).
//
// The catalogues (department profiles, diagnoses, procedures, antibiotics, pathways, names, …)
// are the data files under data/indicators/demo/ (see its README.md), passed in by the caller.
//
// Example:
//   GeneratorOptions o;
//   o.first_year = 2024; o.years = 2; o.seed = 7;
//   o.departments = {{"HXK", "呼吸与危重症医学科", "clinical", "HQ"}, …};
//   o.files = ReadDemoFiles("data/indicators/demo");   // file name → content
//   o.files["data/indicators/qc/required_fields.csv"] = …;  // optional: the 必填项目 columns
//   GeneratorStats stats;
//   YW_RETURN_IF_ERROR(GenerateCsv(o, "/tmp/demo", &stats));
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/status.h"

namespace yuanwu::indicators {

// A department of the hospital, as in data/demo/departments.json. Only kind == "clinical" ones
// see patients; the others are ignored. A clinical department takes the profile of
// departments.csv with the same code, else the first whose `match` keyword is part of its name,
// else a generic medical/surgical/other profile.
struct GenDepartment {
  std::string code;  // written as KSDM / RYKB / CYKB
  std::string name;
  std::string kind;    // "clinical", "medtech", "admin", "support"
  std::string campus;  // e.g. "HQ", "EAST" (informational)
};

struct GeneratorOptions {
  int first_year = 2024;
  int years = 2;                        // 1..30
  int64_t discharges_per_year = 19000;  // first year; later years grow by annual_growth
  int64_t visits_per_year = 300000;     // first year, 门诊 + 急诊 + 体检
  double annual_growth = 0.07;          // volume growth per year, -0.5..1
  uint64_t seed = 1;
  std::vector<GenDepartment> departments;  // at least one clinical department
  double qc_defect_rate = 0.02;            // share of discharges with one 首页 defect, 0..0.5
  // 医疗机构名称 (USERNAME) when the required list asks for it; must not be empty.
  std::string hospital_name = "云岭市第一人民医院（演示数据）";
  // The data files of data/indicators/demo/ (GeneratorFileNames), and optionally
  // required_fields.csv of data/indicators/qc/: file name (a path is fine; only the part after
  // the last '/' counts) → content.
  std::map<std::string, std::string> files;
};

// The defects a discharge may carry (one per defective record), each detectable by the 首页
// quality checks and none making the record unparseable.
enum class GenDefect {
  kMissingCoder,             // BMY empty
  kMissingAttending,         // ZZYS empty
  kProcedureAfterDischarge,  // SSJCZRQ1 later than the CYSJ date
  kCostSumMismatch,          // ZFY differs from the sum of the top-level cost items
  kInvalidSex,               // XB = "3" (not in GB/T 2261.1)
  kObstetricMale,            // an obstetric main diagnosis (O…) with XB = "1"
};
inline constexpr int kGenDefectCount = 6;
std::string_view GenDefectName(GenDefect d);  // "missing_coder", …

struct GeneratorStats {
  int64_t discharges = 0;
  int64_t visits = 0;
  int64_t antibiotic_rows = 0;
  int64_t pathway_rows = 0;
  int64_t defect_records = 0;
  std::array<int64_t, kGenDefectCount> defects{};  // by GenDefect
  // Bytes written per file, in kAllDatasets order (discharges, visits, antibiotic_use, pathways).
  std::array<int64_t, 4> bytes{};
  // Columns of required_fields.csv the generator does not know how to fill: written, but empty
  // in every record (so 填报完整率 is below 100% until the generator learns them).
  std::vector<std::string> unfilled_columns;
};

// The file names GenerateCsv needs in GeneratorOptions::files (all of data/indicators/demo/;
// required_fields.csv is optional and not listed).
const std::vector<std::string>& GeneratorFileNames();

// Writes out_dir/discharges.csv, visits.csv, antibiotic_use.csv and pathways.csv (UTF-8 without
// BOM, RFC 4180 with CRLF line ends, the canonical headers of dataset.h in order — discharges.csv
// followed by the detail columns of required_fields.csv, if given; dates YYYY-MM-DD,
// date-times YYYY-MM-DD HH:MM:SS, money in yuan with two decimals). `out_dir` must exist.
// Errors: invalid options name the option; a malformed data file names the file and line; an
// I/O error names the output file. `stats` may be null.
Status GenerateCsv(const GeneratorOptions& options, const std::string& out_dir,
                   GeneratorStats* stats);

}  // namespace yuanwu::indicators
