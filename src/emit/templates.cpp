// {{key}} substitution for the embedded templates.
#include "emit/templates.hpp"

#include <stdexcept>

namespace rosgen::emit {

std::string render_template(std::string_view name, const std::map<std::string, std::string>& vars) {
  const Template* found = nullptr;
  for (const Template& t : templates()) {
    if (t.name == name)
      found = &t;
  }
  if (found == nullptr)
    throw std::logic_error("no template " + std::string(name));
  std::string out;
  std::string_view text = found->text;
  while (!text.empty()) {
    std::size_t open = text.find("{{");
    if (open == std::string_view::npos) {
      out += text;
      break;
    }
    out += text.substr(0, open);
    std::size_t close = text.find("}}", open);
    if (close == std::string_view::npos)
      throw std::logic_error("unclosed {{ in " + std::string(name));
    std::string key(text.substr(open + 2, close - open - 2));
    auto it = vars.find(key);
    if (it == vars.end())
      throw std::logic_error("template " + std::string(name) + " needs " + key);
    out += it->second;
    text.remove_prefix(close + 2);
  }
  return out;
}

}  // namespace rosgen::emit
