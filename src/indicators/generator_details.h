// The values of the detail columns (generator_details_catalogue.h), consistent with the rest of
// the record: 国籍 中国; 民族 mostly 汉族; 职业 (GB/T 2261.4 codes of the 首页) and 婚姻 by age,
// sex and insurance; addresses, postcodes and 工作单位 in the patient's 身份证 region; a 联系人
// who fits the patient (a parent for children, a spouse or grown child for adults); 病区 of the
// admitting and discharging departments; 门（急）诊诊断 usually the principal diagnosis, sometimes
// the presenting symptom; 外部原因 only for injuries (S/T), 病理诊断 only for neoplasms (C00–D48);
// 术者/助手/麻醉医师 for each procedure present and empty otherwise; 转院/转社区 receiving
// facilities, 尸检, 新生儿体重 and 不足1周岁年龄 only where they apply.
//
// Everything is drawn from the kDetailStream / kDetailStaffStream random streams, so the
// canonical columns do not change when detail columns are asked for. Internal to generator*.cc.
#pragma once

#include "indicators/generator_csv.h"
#include "indicators/generator_plan.h"
#include "indicators/generator_stay.h"

namespace yuanwu::indicators::gen {

// Fills the plan's 病区, 责任护士 and 麻醉医师 (the 麻醉 department's doctors when the hospital
// has one, else generated names).
void MakeDetailStaff(Plan* plan);

class DetailWriter {
 public:
  explicit DetailWriter(const Plan& plan);

  // Whether any detail column is written.
  bool active() const { return !plan_.extra_columns.empty(); }

  // Draws what stays with a new patient (address, 民族, 职业, 婚姻, 联系人, blood group, …) at the
  // age of the first stay, admitted on `admitted`. The canonical fields of `p` (birth, sex,
  // 身份证号, 医疗付费方式) and p->details.surname must be set.
  void NewPatient(const Date& admitted, Patient* p);

  // Appends the detail columns of `s` to the current row of `out`.
  void Write(const Stay& s, CsvOut& out);

 private:
  std::string Phone();
  std::string Address(int region, int town, bool urban);
  const std::string& Ward(const PlanDept& d);
  void Contact(int age, Patient* p);

  const Plan& plan_;
  const DetailCatalogue& cat_;
  Rng rng_;
  Picker abo_;
  int blh_year_ = 0;
  int64_t blh_seq_ = 0;
  std::string blh_;  // the current 病理号
};

}  // namespace yuanwu::indicators::gen
