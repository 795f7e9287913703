#include "platform/web/renderer.h"

#include <kainjow/mustache.hpp>

namespace yuanwu::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

data ToData(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::object: {
      data d{data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(it.value()));
      return d;
    }
    case nlohmann::ordered_json::value_t::array: {
      data d{data::type::list};
      for (const auto& e : j) d.push_back(ToData(e));
      return d;
    }
    case nlohmann::ordered_json::value_t::string: {
      // An empty string is false in a section, as the mustache spec says: {{#x}}…{{/x}}.
      std::string s = j.get<std::string>();
      return s.empty() ? data(data::type::bool_false) : data(std::move(s));
    }
    case nlohmann::ordered_json::value_t::boolean:
      return j.get<bool>() ? data(data::type::bool_true) : data(data::type::bool_false);
    case nlohmann::ordered_json::value_t::number_integer:
    case nlohmann::ordered_json::value_t::number_unsigned:
      return data(std::to_string(j.get<int64_t>()));
    case nlohmann::ordered_json::value_t::number_float:
      return data(j.dump());
    default:
      return data(data::type::bool_false);
  }
}

// Variables and sections come from the page data, partials ({{> name}}) only from the templates:
// a key may share a template's name (ctx["prices"] / prices.mustache, "pager", "error").
class PageContext : public kainjow::mustache::context<std::string> {
 public:
  PageContext(const data* page, const data* partials) : context(page), partials_(partials) {}
  const data* get_partial(const std::string& name) const override { return partials_->get(name); }

 private:
  const data* partials_;
};

}  // namespace

Renderer::Renderer(const EmbeddedFile* files) {
  for (const EmbeddedFile* f = files; !f->path.empty(); ++f) {
    std::string_view p = f->path;
    if (!p.ends_with(".mustache")) continue;
    size_t slash = p.rfind('/');
    std::string_view file = slash == std::string_view::npos ? p : p.substr(slash + 1);
    templates_[std::string(file.substr(0, file.size() - 9))] = std::string(f->content);
  }
}

Result<std::string> Renderer::Render(const std::string& name,
                                     const nlohmann::ordered_json& context) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return Status::Internal("no template " + name);
  data d = ToData(context);
  data partials{data::type::object};
  for (const auto& [pname, ptext] : templates_) {
    const std::string* text = &ptext;
    partials.set(pname, kainjow::mustache::partial([text] { return *text; }));
  }
  mustache tmpl(it->second);
  if (!tmpl.is_valid()) return Status::Internal("template " + name + ": " + tmpl.error_message());
  PageContext ctx(&d, &partials);
  std::string out = tmpl.render(ctx);
  if (!tmpl.is_valid()) return Status::Internal("template " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace yuanwu::web
