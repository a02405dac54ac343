// The RouterOS v7 command schema (../shared/data/schema/ros-7.22.3-deep-inspect-attrs.txt,
// from tikoci/restraml /console/inspect dumps) as the tests need it: per menu, the
// arguments of `add` and the values the console offers for each.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::test {

struct SchemaArg {
  std::set<std::string> values;  // completion values ("!" and "," stripped)
  bool negatable = false;        // the console offers a '!' prefix
};

struct Schema {
  std::map<std::string, std::map<std::string, SchemaArg>> add_args;  // "/ip/firewall/mangle"

  static Schema load(const std::string& path);
  // Problems with one item ("filter: unknown property 'x'"); empty when valid.
  std::vector<std::string> validate(const ir::Item& item) const;
};

}  // namespace rosgen::test
