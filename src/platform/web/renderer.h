// Renderer: server-side HTML from kainjow::mustache templates compiled into the binary.
// Values are HTML-escaped by default ({{x}}); triple braces are not used in our templates.
// The context is JSON so handlers and tests can build and inspect it easily. Every template may
// include the partials of the same set by name: {{> layout_head}}.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "platform/base/embedded.h"
#include "platform/base/result.h"

namespace yuanwu::web {

class Renderer {
 public:
  // Uses every entry of `files` whose path ends in ".mustache"; the template name is the file
  // name without directory and extension ("item" for "src/disclosure/templates/item.mustache").
  explicit Renderer(const EmbeddedFile* files);
  Result<std::string> Render(const std::string& name, const nlohmann::ordered_json& context) const;
  bool Has(const std::string& name) const { return templates_.count(name) > 0; }

 private:
  std::map<std::string, std::string> templates_;
};

}  // namespace yuanwu::web
