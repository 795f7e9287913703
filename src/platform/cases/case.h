// The records of the case engine: a case, its timeline and its attachments, and what a viewer
// may see. Nothing here is ever deleted; a correction is a new timeline entry that points at
// the entry it corrects.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace yuanwu::cases {

struct Case {
  int64_t id = 0;
  std::string type;
  std::string code;  // 编号, e.g. TS-2026-0007
  std::string title;
  std::string state;
  int64_t department_id = 0;  // 责任科室; 0 = not yet assigned
  std::string department_name;
  int64_t assignee_id = 0;  // 承办人; 0 = none
  std::string assignee_name;
  int64_t opened_by = 0;  // 0 for public intake and anonymous reports
  std::string opened_by_name;
  std::string opened_at;  // UTC ISO-8601, when it was registered
  // The deadline, in local wall-clock time ("YYYY-MM-DD HH:MM", or "YYYY-MM-DD" = by the end of
  // that day): the clock starts at `start_at` and runs for `period` ("5wd", "15d", "12h"; empty
  // = no deadline), moved by pauses, restarts and extensions on the timeline.
  std::string start_at;
  std::string period;
  std::string extension_limit;  // total extension allowed ("20wd"); empty = none allowed
  std::string extended;         // total granted so far ("10wd"); empty = none
  std::string due_at;           // empty while paused or when there is no deadline
  std::string clock;            // "none", "running", "paused", "stopped"
  int escalation = 0;  // 0 none, 1 reminded, 2 overdue (科室负责人), 3 office (职能部门)
  std::string answered_at;  // UTC; when an action stopped the clock
  int on_time = -1;         // -1 not answered yet, 1 answered by due_at, 0 late
  std::string closed_at;    // UTC; set when the case enters a closed state
  std::string updated_at;
};

struct Event {
  int64_t id = 0;
  int64_t seq = 0;  // 1, 2, … per case
  std::string at;   // UTC ISO-8601
  int64_t actor_id = 0;
  std::string actor_name;  // "系统" for jobs, "投诉人" / "申请人" / "匿名" for requesters
  // open, action, assign, note, attachment, pause, resume, extend, remind, escalate, correct,
  // rate
  std::string kind;
  std::string action;  // the case type's action for kind "action"
  std::string from_state;
  std::string to_state;
  std::string body;
  std::string data_json = "{}";
  bool is_public = false;  // shown on the requester's tracking page
  int64_t corrects = 0;    // kind "correct": the entry it corrects
};

// An entry's effect on the deadline clock (case_event.clock_*).
struct ClockEntry {
  std::string effect;  // pause, resume, restart, extend
  std::string at;      // local moment "YYYY-MM-DD HH:MM"
  int64_t amount = 0;  // extend: units of the case's period
};

struct Attachment {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;  // FileStore key
  std::string at;
  std::string actor_name;
};

// Who may see which cases of a type; built by the case type's module from the principal (it
// knows the department scope). The engine turns it into the WHERE clause of every query, so a
// case outside it is "not found", never "forbidden".
struct Visibility {
  bool all = false;  // the responsible office: every case of the type
  // Cases of departments in the viewer's data scope: when by_department, dept_clause is
  // org::DeptScope::SqlClause("c.department_id", "c.assignee_id") (" AND (…)", or empty for an
  // all-departments scope).
  bool by_department = false;
  std::string dept_clause;
  int64_t user_id = 0;        // also cases assigned to, or opened by, this user
  int64_t department_id = 0;  // the viewer's own department, for the "my department" queue

  static Visibility All() {
    Visibility v;
    v.all = true;
    return v;
  }
};

enum class Queue {
  kAll,
  kMine,        // assigned to me
  kDepartment,  // my department's (within the visibility's department clause)
  kOpen,        // not in a closed state
  kOverdue,     // clock running and past due
  kDueSoon,     // clock running, reminder sent, not yet due
  kPaused,
  kClosed,
};
bool ParseQueue(std::string_view name, Queue* out);

struct ListFilter {
  std::string type;
  Queue queue = Queue::kAll;
  std::string state;
  int64_t department_id = 0;
  std::string q;     // code or title substring
  std::string from;  // opened_at range, local dates YYYY-MM-DD, inclusive
  std::string to;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct QueueCounts {
  int64_t mine = 0, department = 0, open = 0, overdue = 0, due_soon = 0, paused = 0, closed = 0;
};

}  // namespace yuanwu::cases
