-- Roles for the case types besides complaints (whose roles come with 0009): adverse events,
-- inspections and rectification, disclosure applications, and the deadline rules. Every
-- member of staff may report an adverse event; heads of department work on their department's
-- cases; the offices own theirs. Administrators may change all but admin.
UPDATE role SET permissions = permissions || ',cases.rules.manage,adverse_events.report,adverse_events.read,adverse_events.handle,adverse_events.manage,inspections.read,inspections.manage,rectification.read,rectification.handle,rectification.manage,disclosure.application.read,disclosure.application.handle,disclosure.application.manage' WHERE code = 'admin';
UPDATE role SET permissions = permissions || ',adverse_events.report' WHERE code = 'staff';
UPDATE role SET permissions = permissions || ',adverse_events.report,adverse_events.read,adverse_events.handle,inspections.read,rectification.read,rectification.handle' WHERE code = 'dept_head';
UPDATE role SET permissions = permissions || ',adverse_events.read,inspections.read,rectification.read,disclosure.application.read' WHERE code = 'leader';
UPDATE role SET permissions = permissions || ',disclosure.application.read,disclosure.application.handle,disclosure.application.manage' WHERE code = 'office';
UPDATE role SET permissions = permissions || ',adverse_events.report,rectification.read' WHERE code = 'patient_relations';
INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('quality_office', '质控办专员', 'Quality and safety officer', 'org.read,portal.staff.read,adverse_events.report,adverse_events.read,adverse_events.handle,adverse_events.manage,inspections.read,inspections.manage,rectification.read,rectification.handle,rectification.manage,complaints.read', 1);
