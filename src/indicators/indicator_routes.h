// The indicators API (console): results and drill-down, definitions and targets, imports with
// their findings and error reports, column mappings, 首页质控 summaries. Every route with its
// permission is listed in RegisterRoutes; data scope is applied to every read (see docs/api.md).
#pragma once

#include "indicators/indicator_service.h"
#include "org/org_service.h"
#include "platform/auth/guard.h"

namespace yuanwu::indicators {

void RegisterRoutes(auth::RouteTable& routes, IndicatorService& service, org::OrgService& org,
                    FileStore& files);

}  // namespace yuanwu::indicators
