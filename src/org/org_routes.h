// The organisation API: campuses, departments, staff, roles. Every route and its permission
// is in RegisterRoutes, on one screen.
#pragma once

#include "org/org_service.h"
#include "platform/auth/guard.h"

namespace yuanwu::org {

void RegisterRoutes(auth::RouteTable& routes, OrgService& service);

}  // namespace yuanwu::org
