#include "platform/cases/case_json.h"

namespace yuanwu::cases {

using json = nlohmann::ordered_json;

json CaseToJson(const CaseEngine& engine, const Case& c, int64_t now_minutes,
                const auth::Principal* viewer) {
  const CaseType* t = engine.Type(c.type);
  const StateDef* s = t ? t->State(c.state) : nullptr;
  bool overdue = false;
  if (c.clock == "running" && !c.due_at.empty()) {
    std::optional<deadline::Moment> due = deadline::ParseMoment(c.due_at);
    if (due && c.due_at.size() == 10) due->minute = deadline::Moment::kEndOfDay;
    overdue = due && now_minutes > due->Minutes();
  }
  json j = {{"id", c.id},
            {"type", c.type},
            {"code", c.code},
            {"title", c.title},
            {"state", c.state},
            {"state_name", s ? s->name : c.state},
            {"state_name_en", s ? s->name_en : c.state},
            {"closed", s && s->closed},
            {"department_id", c.department_id},
            {"department_name", c.department_name},
            {"assignee_id", c.assignee_id},
            {"assignee_name", c.assignee_name},
            {"opened_by_name", c.opened_by_name},
            {"opened_at", c.opened_at},
            {"start_at", c.start_at},
            {"period", c.period},
            {"due_at", c.due_at},
            {"clock", c.clock},
            {"escalation", c.escalation},
            {"overdue", overdue},
            {"answered_at", c.answered_at},
            {"on_time", c.on_time < 0 ? json(nullptr) : json(c.on_time == 1)},
            {"closed_at", c.closed_at},
            {"updated_at", c.updated_at},
            {"extension_limit", c.extension_limit},
            {"extended", c.extended}};
  if (viewer) {
    json actions = json::array();
    for (const ActionDef* a : engine.AvailableActions(*viewer, c)) {
      actions.push_back({{"action", a->action},
                         {"name", a->name},
                         {"name_en", a->name_en},
                         {"note_required", a->note_required},
                         {"clock", a->clock}});
    }
    j["actions"] = actions;
    bool manage = t && viewer->Has(t->manage_permission);
    bool handle = t && (manage || viewer->Has(t->handle_permission));
    j["can"] = {{"manage", manage},
                {"handle", handle},
                {"assign", manage || (handle && c.department_id != 0)},
                {"clock", manage && (c.clock == "running" || c.clock == "paused")},
                {"extend", manage && !c.extension_limit.empty() &&
                               (c.clock == "running" || c.clock == "paused")}};
  }
  return j;
}

json EventToJson(const CaseType* type, const Event& e) {
  const ActionDef* a = type && !e.action.empty() ? type->Action(e.action) : nullptr;
  json data = json::parse(e.data_json, nullptr, false);
  if (data.is_discarded()) data = json::object();
  return {{"id", e.id},
          {"seq", e.seq},
          {"at", e.at},
          {"actor_name", e.actor_name},
          {"kind", e.kind},
          {"action", e.action},
          {"action_name", a ? a->name : ""},
          {"action_name_en", a ? a->name_en : ""},
          {"from_state", e.from_state},
          {"to_state", e.to_state},
          {"body", e.body},
          {"data", data},
          {"public", e.is_public},
          {"corrects", e.corrects}};
}

json AttachmentToJson(const Attachment& a) {
  return {{"id", a.id},
          {"event_id", a.event_id},
          {"filename", a.filename},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"at", a.at},
          {"actor_name", a.actor_name}};
}

}  // namespace yuanwu::cases
