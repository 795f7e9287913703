// One generated patient stay (a discharges.csv row and its antibiotic rows) while it is being
// made: what the discharge writer decides and the detail writer (generator_details.h) reads.
// Internal to generator*.cc.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "indicators/generator_catalogue.h"
#include "indicators/generator_people.h"
#include "indicators/generator_plan.h"
#include "indicators/record.h"
#include "platform/base/time.h"

namespace yuanwu::indicators::gen {

struct OtherOut {
  const OtherDx* dx = nullptr;
  const char* rybq = "1";
};

struct ProcOut {
  const ProcDef* p = nullptr;
  Date date;
  const char* qkyhlb = "";
};

struct AbxOut {
  const Antibiotic* a = nullptr;
  int64_t syl_e3 = 0;  // 使用量 in thousandths of a gram
};

struct Stay {
  const PlanDept* dept = nullptr;
  const DxDef* dx = nullptr;
  Patient patient;
  int ring_slot = -1;  // the readmitted patient's ring slot, or -1 for a new patient
  Date admitted, discharged;
  int ry_seconds = 0, cy_seconds = 0;
  int sjzyts = 1;
  const char* rytj = "2";
  const char* lyfs = "1";
  const char* rybq = "1";
  const PlanDept* admitted_by = nullptr;  // RYKB
  std::vector<OtherOut> others;
  std::vector<ProcOut> procs;
  std::vector<AbxOut> abx;
  std::array<int64_t, kCostFields.size()> cost{};  // 分, kCostFields order
  int64_t zfy = 0, zfje = 0;
  std::string xb, bmy, kzr, zrys, zzys, zyys;
  bool surgery = false;
};

}  // namespace yuanwu::indicators::gen
