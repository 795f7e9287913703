#include "indicators/dataset.h"

#include <deque>
#include <string>

#include "indicators/record.h"

namespace yuanwu::indicators {
namespace {

using T = FieldType;

// Numbered groups need generated names; they are built once and never change afterwards.
struct Built {
  std::deque<std::string> names;  // stable addresses for the generated names
  std::vector<FieldSpec> fields;
  const char* Name(std::string s) { return names.emplace_back(std::move(s)).c_str(); }
};

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::vector<FieldSpec> BuildDischarges(Built& b) {
  std::vector<FieldSpec> f = {
      {"BAH", T::kText, true, "病案号"},
      {"ZYCS", T::kInt, true, "住院次数"},
      {"XM", T::kText, false, "姓名"},
      {"XB", T::kText, false, "性别"},
      {"CSRQ", T::kDate, false, "出生日期"},
      {"NL", T::kInt, false, "年龄"},
      {"SFZH", T::kText, false, "身份证号"},
      {"YLFKFS", T::kText, false, "医疗付费方式"},
      {"RYTJ", T::kText, false, "入院途径"},
      {"RYSJ", T::kDateTime, false, "入院时间"},
      {"RYKB", T::kText, false, "入院科别"},
      {"CYSJ", T::kDateTime, true, "出院时间"},
      {"CYKB", T::kText, true, "出院科别"},
      {"SJZYTS", T::kInt, false, "实际住院天数"},
      {"JBDM", T::kText, false, "主要诊断编码"},
      {"ZYZD", T::kText, false, "主要诊断"},
      {"RYBQ", T::kText, false, "主要诊断入院病情"},
  };
  for (int i = 1; i <= 15; ++i) {
    std::string n = std::to_string(i);
    f.push_back({b.Name("JBDM" + n), T::kText, false, b.Name("其他诊断编码" + n)});
    f.push_back({b.Name("QTZD" + n), T::kText, false, b.Name("其他诊断" + n)});
    f.push_back({b.Name("RYBQ" + n), T::kText, false, b.Name("其他诊断入院病情" + n)});
  }
  for (int i = 1; i <= 7; ++i) {
    std::string n = std::to_string(i);
    f.push_back({b.Name("SSJCZBM" + n), T::kText, false, b.Name("手术及操作编码" + n)});
    f.push_back({b.Name("SSJCZMC" + n), T::kText, false, b.Name("手术及操作名称" + n)});
    f.push_back({b.Name("SSJCZRQ" + n), T::kText, false, b.Name("手术及操作日期" + n)});
    f.push_back({b.Name("SSJB" + n), T::kText, false, b.Name("手术级别" + n)});
    f.push_back({b.Name("SSPB" + n), T::kText, false, b.Name("手术判别" + n)});
    f.push_back({b.Name("WCSS" + n), T::kText, false, b.Name("微创手术" + n)});
    f.push_back({b.Name("QKDJ" + n), T::kText, false, b.Name("切口等级" + n)});
    f.push_back({b.Name("QKYHLB" + n), T::kText, false, b.Name("切口愈合类别" + n)});
    f.push_back({b.Name("MZFS" + n), T::kText, false, b.Name("麻醉方式" + n)});
  }
  f.insert(f.end(), {
                        {"LYFS", T::kText, false, "离院方式"},
                        {"BMY", T::kText, false, "编码员"},
                        {"KZR", T::kText, false, "科主任"},
                        {"ZRYS", T::kText, false, "主任（副主任）医师"},
                        {"ZZYS", T::kText, false, "主治医师"},
                        {"ZYYS", T::kText, false, "住院医师"},
                        {"ZFY", T::kMoney, false, "总费用"},
                        {"ZFJE", T::kMoney, false, "自付金额"},
                    });
  static constexpr const char* kCostLabels[] = {"一般医疗服务费",
                                                "一般治疗操作费",
                                                "护理费",
                                                "其他费用（综合医疗服务类）",
                                                "病理诊断费",
                                                "实验室诊断费",
                                                "影像学诊断费",
                                                "临床诊断项目费",
                                                "非手术治疗项目费",
                                                "临床物理治疗费",
                                                "手术治疗费",
                                                "麻醉费",
                                                "手术费",
                                                "康复费",
                                                "中医治疗费",
                                                "西药费",
                                                "抗菌药物费用",
                                                "中成药费",
                                                "中草药费",
                                                "血费",
                                                "白蛋白类制品费",
                                                "球蛋白类制品费",
                                                "凝血因子类制品费",
                                                "细胞因子类制品费",
                                                "检查用一次性医用材料费",
                                                "治疗用一次性医用材料费",
                                                "手术用一次性医用材料费",
                                                "其他费"};
  static_assert(std::size(kCostLabels) == kCostFields.size());
  for (size_t i = 0; i < kCostFields.size(); ++i)
    f.push_back({b.Name(Upper(kCostFields[i])), T::kMoney, false, kCostLabels[i]});
  return f;
}

const Built& DischargeFields() {
  static const Built* built = [] {
    auto* b = new Built;
    b->fields = BuildDischarges(*b);
    return b;
  }();
  return *built;
}

constexpr FieldSpec kVisits[] = {
    {"JZLSH", T::kText, true, "就诊流水号"}, {"JZSJ", T::kDateTime, true, "就诊时间"},
    {"KSDM", T::kText, true, "科室代码"},    {"JZLX", T::kInt, true, "就诊类型"},
    {"YYBZ", T::kFlag, false, "预约标志"},   {"ZFY", T::kMoney, false, "总费用"},
    {"YPF", T::kMoney, false, "药品费"},     {"KJYWBZ", T::kFlag, false, "开具抗菌药物"},
};

constexpr FieldSpec kAntibiotic[] = {
    {"BAH", T::kText, true, "病案号"},     {"ZYCS", T::kInt, true, "住院次数"},
    {"YPBM", T::kText, false, "药品编码"}, {"YPMC", T::kText, false, "药品名称"},
    {"ATC", T::kText, false, "ATC编码"},   {"SYL", T::kDecimal, true, "使用量"},
    {"DDDZ", T::kDecimal, true, "DDD值"},
};

constexpr FieldSpec kPathways[] = {
    {"BAH", T::kText, true, "病案号"},     {"ZYCS", T::kInt, true, "住院次数"},
    {"LJDM", T::kText, true, "路径代码"},  {"LJMC", T::kText, false, "路径名称"},
    {"RJ", T::kFlag, false, "入径"},       {"WC", T::kFlag, false, "完成"},
    {"BY", T::kFlag, false, "变异"},       {"TC", T::kFlag, false, "退出"},
    {"BYYY", T::kText, false, "变异原因"},
};

}  // namespace

std::string_view DatasetName(Dataset d) {
  switch (d) {
    case Dataset::kDischarges:
      return "discharges";
    case Dataset::kVisits:
      return "visits";
    case Dataset::kAntibioticUse:
      return "antibiotic_use";
    case Dataset::kPathways:
      return "pathways";
  }
  return "";
}

std::string_view DatasetLabel(Dataset d) {
  switch (d) {
    case Dataset::kDischarges:
      return "住院病案首页";
    case Dataset::kVisits:
      return "门急诊就诊";
    case Dataset::kAntibioticUse:
      return "住院抗菌药物使用";
    case Dataset::kPathways:
      return "临床路径";
  }
  return "";
}

std::optional<Dataset> ParseDataset(std::string_view name) {
  for (Dataset d : kAllDatasets)
    if (DatasetName(d) == name) return d;
  return std::nullopt;
}

std::span<const FieldSpec> Fields(Dataset d) {
  switch (d) {
    case Dataset::kDischarges:
      return DischargeFields().fields;
    case Dataset::kVisits:
      return kVisits;
    case Dataset::kAntibioticUse:
      return kAntibiotic;
    case Dataset::kPathways:
      return kPathways;
  }
  return {};
}

const FieldSpec* FindField(Dataset d, std::string_view name) {
  for (const FieldSpec& f : Fields(d))
    if (name == f.name) return &f;
  return nullptr;
}

}  // namespace yuanwu::indicators
