// What RouterOS accepts in the menus rosgen models: property names per menu (from the
// v7 command schema, tikoci/restraml /console/inspect 7.9-7.24, plus v6-only names seen
// in real exports). Entry point: is_known_property().
#pragma once

#include <string_view>

#include "ir/ir.hpp"

namespace rosgen::routeros {

bool is_known_property(ir::Menu menu, std::string_view name);

// RouterOS's syntax of a property name: ^[a-z][a-z0-9-]*$ (lower-case letters, digits and
// '-', starting with a letter; every name in ../shared/data/schema has it). A name read
// from an export that fails it is never stored, so it can never reach a patch: written
// bare in `set ... !name`, "x[/system/reboot]" would run a command (issue 7, section 2).
// A well-formed name unknown to the schema (a newer RouterOS) may still be unset.
bool is_property_name(std::string_view name);

}  // namespace rosgen::routeros
