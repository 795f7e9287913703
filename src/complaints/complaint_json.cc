#include "complaints/complaint_json.h"

#include "platform/base/text.h"

namespace yuanwu::complaints {
namespace {

using http::Json;

Json IdOrNull(int64_t id) { return id == 0 ? Json(nullptr) : Json(id); }

Json CodeList(const std::vector<Code>& list) {
  Json a = Json::array();
  for (const Code& c : list) {
    Json o = {{"code", c.code}, {"name", c.name}, {"name_en", c.name_en}};
    a.push_back(std::move(o));
  }
  return a;
}

std::string YesNo(bool b) { return b ? "是" : "否"; }

}  // namespace

bool MaySeeIdentity(const auth::Principal& p) { return p.Has(kManage); }

Complaint ForViewer(const Complaint& c, bool identify) {
  if (identify) return c;
  Complaint m = c;
  m.complainant_name = MaskName(c.complainant_name);
  m.complainant_phone = MaskPhone(c.complainant_phone);
  m.complainant_id_number =
      c.complainant_id_number.empty() ? "" : MaskIdNumber(c.complainant_id_number);
  m.complainant_relation.clear();
  m.patient_name = MaskName(c.patient_name);
  m.masked = true;
  return m;
}

Json ComplaintJson(const Complaint& c, const Codes& codes) {
  Json follow = Json::array();
  for (const std::string& r : c.follow_up) {
    follow.push_back({{"code", r},
                      {"name", cases::CodeName(codes.follow_up_routes, r)},
                      {"name_en", cases::CodeName(codes.follow_up_routes, r, true)}});
  }
  const bool masked = c.masked;
  Json j = {
      {"source", c.source},
      {"channel", c.channel},
      {"channel_name", cases::CodeName(codes.channels, c.channel)},
      {"received_at", c.received_at},
      {"received_local", c.received_local},
      {"first_receiver",
       {{"department_id", IdOrNull(c.first_receiver_department_id)},
        {"department_name", c.first_receiver_department_name},
        {"name", c.first_receiver_name}}},
      {"resolved_on_spot", c.resolved_on_spot},
      {"complainant",
       {{"name", c.complainant_name},
        {"relation", masked ? Json(nullptr) : Json(c.complainant_relation)},
        {"relation_name",
         masked ? Json(nullptr) : Json(cases::CodeName(codes.relations, c.complainant_relation))},
        {"phone", c.complainant_phone},
        {"id_number", c.complainant_id_number},
        {"masked", masked}}},
      {"patient",
       {{"name", c.patient_name},
        {"record_no", c.patient_record_no},
        {"department_id", IdOrNull(c.patient_department_id)},
        {"department_name", c.patient_department_name}}},
      {"target",
       {{"department_id", IdOrNull(c.target_department_id)},
        {"department_name", c.target_department_name},
        {"staff", c.target_staff}}},
      {"category", c.category},
      {"category_name", cases::CodeName(codes.categories, c.category)},
      {"description", c.description},
      {"demand", c.demand},
      {"complexity", c.complexity},
      {"complexity_name", cases::CodeName(codes.complexities, c.complexity)},
  };
  if (c.replied_at.empty()) {
    j["reply"] = nullptr;
  } else {
    j["reply"] = {{"text", c.reply_text},
                  {"method", c.reply_method},
                  {"method_name", cases::CodeName(codes.reply_methods, c.reply_method)},
                  {"replied_at", c.replied_at},
                  {"accepted", c.accepted ? Json(*c.accepted) : Json(nullptr)},
                  {"follow_up", follow}};
  }
  if (c.not_processed_reason.empty()) {
    j["not_processed"] = nullptr;
  } else {
    j["not_processed"] = {
        {"reason", c.not_processed_reason},
        {"reason_name", cases::CodeName(codes.not_processed_reasons, c.not_processed_reason)},
        {"explanation", c.not_processed_explanation},
        {"at", c.not_processed_at}};
  }
  j["major_dispute"] = {
      {"flag", c.major_dispute},
      {"note", c.major_dispute_note},
      {"at", c.major_dispute_at.empty() ? Json(nullptr) : Json(c.major_dispute_at)}};
  if (c.rating == 0) {
    j["rating"] = nullptr;
  } else {
    j["rating"] = {{"score", c.rating}, {"comment", c.rating_comment}, {"at", c.rated_at}};
  }
  j["rectification_case_id"] = IdOrNull(c.rectification_case_id);
  return j;
}

std::vector<std::pair<std::string, std::string>> FileFields(const Complaint& c,
                                                            const Codes& codes) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"受理渠道", cases::CodeName(codes.channels, c.channel)},
      {"受理时间", c.received_local},
      {"首诉接待科室", c.first_receiver_department_name},
      {"首诉接待人", c.first_receiver_name},
      {"是否当场处理", YesNo(c.resolved_on_spot)},
      {"投诉人", c.complainant_name},
      {"与患者关系",
       c.masked ? "（不予显示）" : cases::CodeName(codes.relations, c.complainant_relation)},
      {"联系电话", c.complainant_phone},
      {"身份证号", c.complainant_id_number},
      {"患者姓名", c.patient_name},
      {"门诊/住院号", c.patient_record_no},
      {"就诊科室", c.patient_department_name},
      {"被投诉科室", c.target_department_name},
      {"被投诉人员", c.target_staff},
      {"投诉类别", cases::CodeName(codes.categories, c.category)},
      {"投诉事项", c.description},
      {"诉求", c.demand},
      {"处理类型", cases::CodeName(codes.complexities, c.complexity)},
      {"反馈时间", c.replied_at},
      {"反馈方式",
       c.reply_method.empty() ? "" : cases::CodeName(codes.reply_methods, c.reply_method)},
      {"处理意见", c.reply_text},
      {"患者是否接受", c.accepted ? YesNo(*c.accepted) : "未知"},
  };
  std::string routes;
  for (const std::string& r : c.follow_up) {
    routes += (routes.empty() ? "" : "、") + cases::CodeName(codes.follow_up_routes, r);
  }
  f.emplace_back("已告知后续途径", routes);
  if (!c.not_processed_reason.empty()) {
    f.emplace_back("不予处理原因",
                   cases::CodeName(codes.not_processed_reasons, c.not_processed_reason));
    f.emplace_back("向患者说明情况", c.not_processed_explanation);
  }
  f.emplace_back("重大医疗纠纷", YesNo(c.major_dispute));
  if (c.major_dispute) f.emplace_back("上报说明", c.major_dispute_note);
  f.emplace_back("投诉人评价", c.rating == 0 ? "未评价" : std::to_string(c.rating) + "分");
  if (!c.rating_comment.empty()) f.emplace_back("评价意见", c.rating_comment);
  return f;
}

Json CodesJson(const Codes& codes) {
  return {{"channels", CodeList(codes.channels)},
          {"categories", CodeList(codes.categories)},
          {"complexities", CodeList(codes.complexities)},
          {"relations", CodeList(codes.relations)},
          {"reply_methods", CodeList(codes.reply_methods)},
          {"follow_up_routes", CodeList(codes.follow_up_routes)},
          {"not_processed_reasons", CodeList(codes.not_processed_reasons)}};
}

}  // namespace yuanwu::complaints
