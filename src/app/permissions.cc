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
      {"cases.rules.manage", "维护办理期限与提醒规则", "maintain case deadlines and reminders"},
      {"complaints.register", "登记投诉（首诉接待）", "register complaints (first receiver)"},
      {"complaints.read", "查看本科室投诉", "view complaints of one's departments"},
      {"complaints.handle", "办理本科室投诉（调查、记录）",
       "work on complaints (investigate, notes)"},
      {"complaints.manage", "投诉管理（医患办：分派、反馈、查看投诉人）",
       "manage complaints (assign, reply, see complainants)"},
      {"adverse_events.report", "上报不良事件", "report adverse events"},
      {"adverse_events.read", "查看本科室不良事件", "view adverse events of one's departments"},
      {"adverse_events.handle", "科室处理不良事件", "handle adverse events in the department"},
      {"adverse_events.manage", "不良事件管理（职能部门：审核、根因分析、查看上报人）",
       "manage adverse events (review, RCA, see reporters)"},
      {"inspections.read", "查看督查与评分", "view inspections and scores"},
      {"inspections.manage", "督查管理（检查表、检查、复查）",
       "manage inspections (checklists, rounds, re-checks)"},
      {"rectification.read", "查看整改任务", "view rectification tasks"},
      {"rectification.handle", "科室落实整改", "carry out rectification in the department"},
      {"rectification.manage", "整改管理（下达、延期、复查销号）",
       "manage rectification (assign, extend, re-check)"},
      {"disclosure.application.read", "查看依申请公开与咨询", "view disclosure applications"},
      {"disclosure.application.handle", "办理依申请公开与咨询", "handle disclosure applications"},
      {"disclosure.application.manage", "依申请公开管理（登记、延期审批、答复）",
       "manage disclosure applications (register, extensions, answers)"},
  };
  return kAll;
}

std::vector<std::string> PermissionCodes() {
  std::vector<std::string> out;
  for (const PermissionInfo& p : Permissions()) out.emplace_back(p.code);
  return out;
}

}  // namespace yuanwu::app
