// JSON forms of the organisation types: the API contract (docs/api.md) and audit snapshots.
#pragma once

#include "org/org.h"
#include "platform/http/json.h"

namespace yuanwu::org {

http::Json ToJson(const Campus& c);
http::Json ToJson(const Department& d);
// `full_phone`: show the phone unmasked (only for the edit form of user administrators).
http::Json ToJson(const User& u, bool full_phone);
http::Json ToJson(const Role& r);

// Read request bodies; every bad field is reported in `v`.
Campus CampusFromJson(const http::Json& j, Validation& v);
Department DepartmentFromJson(const http::Json& j, Validation& v);
User UserFromJson(const http::Json& j, Validation& v);

}  // namespace yuanwu::org
