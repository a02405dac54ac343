// What RouterOS accepts in the menus rosgen models: property names per menu (from the
// v7 command schema, tikoci/restraml /console/inspect 7.9-7.24, plus v6-only names seen
// in real exports). Entry point: is_known_property().
#pragma once

#include <string_view>

#include "ir/ir.hpp"

namespace rosgen::routeros {

bool is_known_property(ir::Menu menu, std::string_view name);

}  // namespace rosgen::routeros
