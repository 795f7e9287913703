// The quality and safety API, registered with the permission each route needs (the services
// check the finer rules: a step's own permission, the viewer's departments).
//
// Adverse events (不良事件)
//   GET  /api/v1/adverse-events              list ?queue= &state= &category= &grade=
//                                            &department_id= &external=required|pending|
//                                            overdue|reported &q= &from= &to= &offset= &limit=
//                                                                          adverse_events.read
//   POST /api/v1/adverse-events              report {occurred_at, discovered_at, department_id,
//                                            patient_name, patient_record_no, category, grade,
//                                            description, immediate_measures,
//                                            external_severity, anonymous}
//                                            → {id, code, tracking_code, …}  adverse_events.report
//   GET  /api/v1/adverse-events/categories   code lists, grade definitions, the non-punitive
//                                            notice, the periods in force      signed in
//   GET  /api/v1/adverse-events/stats        ?year= &from_month= &to_month=    adverse_events.read
//   GET  /api/v1/adverse-events/export       the filtered list as XLSX          adverse_events.read
//   GET  /api/v1/adverse-events/mine         my named reports adverse_events.report POST
//   /api/v1/adverse-events/track        {code, tracking_code}              adverse_events.report
//   GET  /api/v1/adverse-events/{id}         case + "event" (masked) + "corrective" tasks
//                                                                          adverse_events.read
//   POST /api/v1/adverse-events/{id}/actions/dept_submit       {analysis, measures}  read*
//   POST /api/v1/adverse-events/{id}/actions/analyse           {causes: [{category,
//        description}], factors, conclusion, grade, category}        adverse_events.manage
//   POST /api/v1/adverse-events/{id}/actions/plan_actions      {actions: [{department_id,
//        assignee_id, requirement, period, leader, responsible}], note}   adverse_events.manage
//   POST /api/v1/adverse-events/{id}/actions/start_evaluation  {note}   adverse_events.manage
//   POST /api/v1/adverse-events/{id}/actions/close   {effectiveness, evaluation}
//                                                                       adverse_events.manage
//   POST /api/v1/adverse-events/{id}/external            {severity}    adverse_events.manage
//   POST /api/v1/adverse-events/{id}/external/reported   {reported_at, note}
//                                                                       adverse_events.manage
//   then the engine's shared routes (platform/cases/case_routes.h); the steps above are
//   claimed under …/actions/{action} before the shared route, so they cannot be taken without
//   their fields. (*: the engine checks adverse_events.handle.)
//
// Inspections (督查)
//   GET  /api/v1/inspections/templates         ?include_inactive=1          inspections.read
//   POST /api/v1/inspections/templates         a template (checklist.h)    inspections.manage
//   POST /api/v1/inspections/templates/import  one template or an array    inspections.manage
//   GET  /api/v1/inspections/templates/{id}    ?version=                    inspections.read
//   PUT  /api/v1/inspections/templates/{id}    new version; "active"        inspections.manage
//   GET  /api/v1/inspections/scores            ?month=YYYY-MM &template_id= inspections.read
//   GET  /api/v1/inspections/scores/export     the same as XLSX             inspections.read
//   GET  /api/v1/inspections                   ?from= &to= &template_id= &department_id=
//                                              &status= &offset= &limit=    inspections.read
//   POST /api/v1/inspections                   {template_id, title, inspected_on, inspectors,
//                                              department_ids, note}        inspections.manage
//   GET  /api/v1/inspections/{id}              round, its template items, the sheets in scope
//                                                                           inspections.read
//   PUT  /api/v1/inspections/{id}/scores       {department_id, scores: [{item_id, score,
//                                              note}], summary}             inspections.manage
//   POST /api/v1/inspections/{id}/findings     {department_id, findings: [{item_id,
//                                              description, requirement, period, leader,
//                                              responsible, assignee_id}]}  inspections.manage
//   POST /api/v1/inspections/{id}/complete                                  inspections.manage
//
// Rectification (限期整改)
//   GET  /api/v1/rectifications                ?queue= &state= &source_type= &source_id=
//                                              &department_id= &q= &from= &to= &offset= &limit=
//                                                                           rectification.read
//   POST /api/v1/rectifications                from a source {source_type: complaint |
//                                              adverse_event | other, source_id, department_id,
//                                              assignee_id, problem, requirement, period,
//                                              leader, responsible}         rectification.read*
//   GET  /api/v1/rectifications/export         XLSX                          rectification.read
//   GET  /api/v1/rectifications/{id}                                         rectification.read
//   POST /api/v1/rectifications/{id}/submit    {report}                     rectification.read*
//   POST /api/v1/rectifications/{id}/recheck   {passed, note}               rectification.manage
//   then the engine's shared routes (attachments = evidence, extend, …).
//   (*: creating needs rectification.manage or the source's office — complaints.manage,
//   adverse_events.manage; submitting needs rectification.handle.)
#pragma once

#include "platform/auth/guard.h"
#include "quality/adverse_event_service.h"
#include "quality/inspection_service.h"
#include "quality/rectification_service.h"

namespace yuanwu::quality {

void RegisterAdverseEventRoutes(auth::RouteTable& routes, AdverseEventService& service);
void RegisterInspectionRoutes(auth::RouteTable& routes, InspectionService& service);
void RegisterRectificationRoutes(auth::RouteTable& routes, RectificationService& service);

inline void RegisterRoutes(auth::RouteTable& routes, AdverseEventService& events,
                           InspectionService& inspections, RectificationService& rectifications) {
  RegisterAdverseEventRoutes(routes, events);
  RegisterInspectionRoutes(routes, inspections);
  RegisterRectificationRoutes(routes, rectifications);
}

}  // namespace yuanwu::quality
