#include "app/permissions.h"

namespace yuanwu::app {

const std::vector<PermissionInfo>& Permissions() {
  static const std::vector<PermissionInfo> kAll = {
      {"org.read", "查看组织机构", "view organisation"},
      {"org.manage", "管理院区和科室", "manage campuses and departments"},
      {"user.manage", "管理职工账号", "manage staff accounts"},
      {"role.manage", "管理角色权限", "manage roles"},
      {"disclosure.catalogue.manage", "维护公开目录", "maintain the disclosure catalogue"},
      {"disclosure.item.read", "查看公开事项", "view disclosure items"},
      {"disclosure.item.draft", "起草和修订公开事项", "draft and revise items"},
      {"disclosure.item.review", "保密审查", "confidentiality review"},
      {"disclosure.item.approve", "审批发布", "approve publication"},
      {"disclosure.item.publish", "下线和归档", "withdraw and archive"},
      {"disclosure.price.manage", "维护价格公示", "maintain price lists"},
      {"disclosure.stats.read", "查看公开统计", "view disclosure statistics"},
      {"audit.read", "查看审计日志", "view the audit trail"},
      {"calendar.manage", "维护工作日历", "maintain the working-day calendar"},
      {"settings.manage", "维护医院信息", "maintain the hospital profile"},
      {"portal.staff.read", "查看职工院务公开", "read staff-only disclosures"},
      {"indicators.read", "查看指标与看板", "view indicators and dashboards"},
      {"indicators.records.read", "查看指标明细病案", "drill down to the records behind a number"},
      {"indicators.records.identify", "查看患者身份信息（不脱敏）",
       "see patient names, ID and phone numbers unmasked"},
      {"indicators.import", "导入病案与就诊数据、首页质控", "import records, run 首页 QC"},
      {"indicators.manage", "维护指标定义、目标值和列映射",
       "maintain indicator definitions, targets and column mappings"},
  };
  return kAll;
}

std::vector<std::string> PermissionCodes() {
  std::vector<std::string> out;
  for (const PermissionInfo& p : Permissions()) out.emplace_back(p.code);
  return out;
}

}  // namespace yuanwu::app
