#include "quality/adverse_event_json.h"

#include "platform/base/text.h"
#include "quality/external_clock.h"

namespace yuanwu::quality {
namespace {

using http::Json;

// ****56: the last two characters of an inpatient number.
std::string MaskRecordNo(const std::string& no) {
  if (no.empty()) return no;
  if (no.size() <= 2) return std::string(no.size(), '*');
  return "****" + no.substr(no.size() - 2);
}

Json CodeList(const std::vector<Code>& list) {
  Json out = Json::array();
  for (const Code& c : list) {
    Json j = {{"code", c.code}, {"name", c.name}, {"name_en", c.name_en}};
    if (!c.help.empty()) {
      j["help"] = c.help;
      j["help_en"] = c.help_en;
    }
    out.push_back(j);
  }
  return out;
}

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

bool MaySeeReporter(const auth::Principal& p) { return p.Has(kEventManage); }

AdverseEvent ForViewer(const AdverseEvent& in, bool identify) {
  AdverseEvent e = in;
  if (e.anonymous) {
    e.reporter_id = 0;
    e.reporter_name = kAnonymous;
    e.reporter_department_name.clear();
  } else if (!identify) {
    e.reporter_id = 0;
    e.reporter_name = kProtected;
    e.reporter_department_name.clear();
    e.masked = true;
  }
  if (!identify) {
    if (!e.patient_name.empty()) e.patient_name = MaskName(e.patient_name);
    e.patient_record_no = MaskRecordNo(e.patient_record_no);
    e.masked = true;
  }
  return e;
}

Json EventJson(const AdverseEvent& e, const Codes& codes, int64_t now_minutes) {
  Json causes = Json::array();
  for (const Cause& c : e.causes) {
    causes.push_back({{"category", c.category},
                      {"category_name", cases::CodeName(codes.cause_categories, c.category)},
                      {"description", c.description}});
  }
  bool required = !e.external_severity.empty();
  bool overdue = required && e.external_reported_at.empty() && e.external_due_minutes >= 0 &&
                 Overdue(now_minutes, e.external_due_minutes);
  return {
      {"anonymous", e.anonymous},
      {"reporter",
       {{"id", e.reporter_id},
        {"name", e.reporter_name},
        {"department", e.reporter_department_name}}},
      {"reported_at", e.reported_at},
      {"reported_local", e.reported_local},
      {"occurred_at", e.occurred_at},
      {"discovered_at", e.discovered_at},
      {"department_id", e.department_id},
      {"department_name", e.department_name},
      {"patient", {{"name", e.patient_name}, {"record_no", e.patient_record_no}}},
      {"category", e.category},
      {"category_name", cases::CodeName(codes.categories, e.category)},
      {"grade", e.grade},
      {"grade_name", cases::CodeName(codes.grades, e.grade)},
      {"description", e.description},
      {"immediate_measures", e.immediate_measures},
      {"external",
       {{"required", required},
        {"severity", e.external_severity},
        {"severity_name", required ? cases::CodeName(codes.severities, e.external_severity) : ""},
        {"period", e.external_period},
        {"due_at", NullIfEmpty(e.external_due_at)},
        {"reported_at", NullIfEmpty(e.external_reported_at)},
        {"note", e.external_report_note},
        {"on_time", e.external_on_time < 0 ? Json(nullptr) : Json(e.external_on_time == 1)},
        {"overdue", overdue}}},
      {"department_handling",
       {{"analysis", e.dept_analysis},
        {"measures", e.dept_measures},
        {"submitted_at", NullIfEmpty(e.dept_submitted_at)}}},
      {"review",
       {{"causes", causes},
        {"factors", e.rca_factors},
        {"conclusion", e.rca_conclusion},
        {"reviewed_at", NullIfEmpty(e.reviewed_at)}}},
      {"evaluation",
       {{"effectiveness", e.effectiveness},
        {"effectiveness_name",
         e.effectiveness.empty() ? "" : cases::CodeName(codes.effectiveness, e.effectiveness)},
        {"text", e.evaluation},
        {"evaluated_at", NullIfEmpty(e.evaluated_at)}}},
      {"masked", e.masked}};
}

std::vector<std::pair<std::string, std::string>> EventFileFields(const AdverseEvent& e,
                                                                 const Codes& codes) {
  std::string causes;
  for (const Cause& c : e.causes) {
    causes += (causes.empty() ? "" : "；") + cases::CodeName(codes.cause_categories, c.category) +
              "：" + c.description;
  }
  std::string external = "否";
  if (!e.external_severity.empty()) {
    external = cases::CodeName(codes.severities, e.external_severity) + "，应于 " +
               e.external_due_at + " 前上报；" +
               (e.external_reported_at.empty()
                    ? std::string("尚未上报")
                    : "已于 " + e.external_reported_at + " 上报（" + e.external_report_note + "）");
  }
  return {{"上报人", e.reporter_name},
          {"上报时间", e.reported_local},
          {"发生时间", e.occurred_at},
          {"发现时间", e.discovered_at},
          {"发生科室", e.department_name},
          {"患者", e.patient_name},
          {"住院号", e.patient_record_no},
          {"事件类别", cases::CodeName(codes.categories, e.category)},
          {"事件分级", cases::CodeName(codes.grades, e.grade)},
          {"事件经过", e.description},
          {"已采取的紧急措施", e.immediate_measures},
          {"对外上报", external},
          {"科室原因分析", e.dept_analysis},
          {"科室处理措施", e.dept_measures},
          {"根本原因", causes},
          {"促成因素", e.rca_factors},
          {"审核结论", e.rca_conclusion},
          {"整改效果",
           e.effectiveness.empty() ? "" : cases::CodeName(codes.effectiveness, e.effectiveness)},
          {"效果评价", e.evaluation}};
}

Json CodesJson(const Codes& codes) {
  Json severities = Json::array();
  for (const Code& c : codes.severities) {
    severities.push_back({{"code", c.code},
                          {"name", c.name},
                          {"name_en", c.name_en},
                          {"help", c.help},
                          {"help_en", c.help_en},
                          {"period_name", c.period}});
  }
  return {{"categories", CodeList(codes.categories)},
          {"grades", CodeList(codes.grades)},
          {"severities", severities},
          {"cause_categories", CodeList(codes.cause_categories)},
          {"effectiveness", CodeList(codes.effectiveness)},
          {"rectification_sources", CodeList(codes.rectification_sources)},
          {"non_punitive_notice", codes.non_punitive_notice},
          {"non_punitive_notice_en", codes.non_punitive_notice_en}};
}

}  // namespace yuanwu::quality
