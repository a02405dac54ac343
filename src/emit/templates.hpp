// Script skeletons from templates/ (compiled into the binary at build time) and their
// "{{name}}" substitution. Entry point: render_template().
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rosgen::emit {

struct Template {
  std::string_view name;
  std::string_view text;
};

// Defined in the generated templates.cpp (cmake/embed_templates.cmake).
const std::vector<Template>& templates();

// Replaces each {{key}} with vars.at(key). An unknown template or key is a bug in
// rosgen, not user input: it throws std::logic_error.
std::string render_template(std::string_view name, const std::map<std::string, std::string>& vars);

}  // namespace rosgen::emit
