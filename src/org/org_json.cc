#include "org/org_json.h"

#include "platform/base/text.h"

namespace yuanwu::org {

http::Json ToJson(const Campus& c) {
  return {{"id", c.id},           {"code", c.code},   {"name", c.name},
          {"address", c.address}, {"phone", c.phone}, {"sort", c.sort}};
}

http::Json ToJson(const Department& d) {
  http::Json j = {{"id", d.id}, {"code", d.code}, {"name", d.name}, {"campus_id", d.campus_id}};
  j["parent_id"] = d.parent_id == 0 ? http::Json(nullptr) : http::Json(d.parent_id);
  j["kind"] = d.kind;
  j["phone"] = d.phone;
  j["location"] = d.location;
  j["intro"] = d.intro;
  j["public"] = d.is_public;
  j["sort"] = d.sort;
  j["head_user_id"] = d.head_user_id == 0 ? http::Json(nullptr) : http::Json(d.head_user_id);
  j["head_name"] = d.head_name;
  return j;
}

http::Json ToJson(const User& u, bool full_phone) {
  return {{"id", u.id},
          {"username", u.username},
          {"name", u.name},
          {"phone", full_phone ? u.phone : MaskPhone(u.phone)},
          {"department_id", u.department_id},
          {"department_name", u.department_name},
          {"campus_id", u.campus_id},
          {"roles", u.roles},
          {"scope", u.scope},
          {"active", u.active},
          {"locked", u.locked}};
}

http::Json ToJson(const Role& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"name_en", r.name_en},
          {"permissions", r.permissions},
          {"builtin", r.builtin}};
}

namespace {

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

// A required code field: letters, digits, _ and -, at most 32 characters.
std::string ReadCode(http::FieldReader& f, const char* label_zh, const char* label_en,
                     Validation& v) {
  std::string code = f.String("code", label_zh, label_en, true, 32);
  if (!code.empty() && !ValidCode(code)) {
    v.Fail("code", "编码只能包含字母、数字、下划线和连字符",
           "code may only contain letters, digits, _ and -");
  }
  return code;
}

}  // namespace

Campus CampusFromJson(const http::Json& j, Validation& v) {
  http::FieldReader f(j, v);
  Campus c;
  c.code = ReadCode(f, "院区编码", "campus code", v);
  c.name = f.String("name", "院区名称", "campus name", true, 100);
  c.address = f.String("address", "地址", "address", false, 200);
  c.phone = f.String("phone", "电话", "phone", false, 40);
  c.sort = f.Int("sort", "排序", "sort order", false).value_or(0);
  return c;
}

Department DepartmentFromJson(const http::Json& j, Validation& v) {
  http::FieldReader f(j, v);
  Department d;
  d.code = ReadCode(f, "科室编码", "department code", v);
  d.name = f.String("name", "科室名称", "department name", true, 100);
  d.campus_id = f.Int("campus_id", "所属院区", "campus", true).value_or(0);
  d.parent_id = f.Int("parent_id", "上级科室", "parent department", false).value_or(0);
  d.kind = f.String("kind", "科室类别", "department kind", true, 16);
  if (!d.kind.empty() && !IsDepartmentKind(d.kind)) {
    v.Fail("kind", "科室类别必须是临床、医技、行政职能或后勤保障",
           "kind must be clinical, medtech, admin or support");
  }
  d.phone = f.String("phone", "电话", "phone", false, 40);
  d.location = f.String("location", "位置", "location", false, 200);
  d.intro = f.String("intro", "简介", "introduction", false, 2000);
  d.is_public = f.Bool("public", "是否公开", "public").value_or(true);
  d.sort = f.Int("sort", "排序", "sort order", false).value_or(0);
  d.head_given = j.contains("head_user_id");
  d.head_user_id = f.Int("head_user_id", "科室负责人", "head of department", false).value_or(0);
  return d;
}

User UserFromJson(const http::Json& j, Validation& v) {
  http::FieldReader f(j, v);
  User u;
  u.username = f.String("username", "工号", "username", true, 32);
  u.name = f.String("name", "姓名", "name", true, 50);
  u.phone = f.String("phone", "手机", "phone", false, 20);
  u.department_id = f.Int("department_id", "所属科室", "department", true).value_or(0);
  if (f.Has("department_id") && u.department_id <= 0) {
    v.Fail("department_id", "请选择所属科室", "choose a department");
  }
  u.roles = f.StringList("roles", "角色", "roles");
  u.scope = f.String("scope", "数据范围", "data scope", true, 16);
  u.active = f.Bool("active", "启用", "active").value_or(true);
  return u;
}

}  // namespace yuanwu::org
