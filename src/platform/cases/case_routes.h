// The HTTP surface every case type shares, registered under the type's own path so that each
// module keeps one route table (e.g. /api/v1/complaints/...). The module registers its own
// list, detail, create and field-specific steps (a complaint's reply, an application's outcome)
// and calls RegisterCaseRoutes for the rest:
//
//   GET  {base}/queues                      queue counts (mine, department, overdue, …)
//   GET  {base}/{id}/timeline               timeline entries and attachments
//   POST {base}/{id}/actions/{action}       {"note"}: a case-type action without extra fields
//   POST {base}/{id}/assign                 {"department_id", "assignee_id", "reason"}
//   GET  {base}/{id}/assignees              who the case may be assigned to in a department
//   POST {base}/{id}/notes                  {"body", "public"}                handle permission
//   POST {base}/{id}/attachments            multipart "file"                  handle permission
//   GET  {base}/{id}/attachments/{aid}      the file
//   POST {base}/{id}/corrections            {"event_id", "body"}              handle permission
//   POST {base}/{id}/pause                  {"reason"}                        manage permission
//   POST {base}/{id}/resume                 {"note"}                          manage permission
//   POST {base}/{id}/extend                 {"amount", "approver", "reason"}  manage permission
//   GET  {base}/{id}/file                   立卷归档 ZIP                        read permission
//
// The guard checks the type's read permission (handle for notes, attachments and corrections,
// manage for the clock); the engine then checks
// the step's own permission and the case's visibility.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "platform/auth/guard.h"
#include "platform/cases/case_engine.h"

namespace yuanwu::cases {

struct TypeSurface {
  std::string type;  // "complaint"
  std::string base;  // "/api/v1/complaints"
  // What the principal may see of this type (built from the department scope).
  std::function<Visibility(const auth::Principal&)> visibility;
  // The case sheet of the exported case file: label → value, masked as `p` may see them.
  std::function<Result<std::vector<std::pair<std::string, std::string>>>(const auth::Principal&,
                                                                         const Case&)>
      file_fields;
  // Optional: the type's own extension, for a type with rules of its own beyond the engine's
  // unit and limit (依申请公开: the approver must be the disclosure office's head, and the
  // applicant is told the reason). Unset: CaseEngine::Extend.
  std::function<Result<Case>(const auth::Principal&, const std::string& ip, int64_t id,
                             const std::string& amount, const std::string& approver,
                             const std::string& reason)>
      extend;
};

void RegisterCaseRoutes(auth::RouteTable& routes, CaseEngine& engine, const TypeSurface& surface);

}  // namespace yuanwu::cases
