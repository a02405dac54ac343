// Schema loading and item validation for the schema tests.
#include "schema.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rosgen::test {

namespace {

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(' ');
  std::size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string schema_path(ir::Menu menu) {
  std::string path(ir::menu_path(menu));
  for (char& c : path) {
    if (c == ' ')
      c = '/';
  }
  return path;
}

// Values the console completes from live objects or that are free-form: checked by name
// only (interfaces, marks, chains rosgen creates, queue and list names).
const std::set<std::string> kFreeValues = {
    "in-interface",        "out-interface",   "in-interface-list", "out-interface-list",  "parent",
    "packet-mark",         "connection-mark", "new-packet-mark",   "new-connection-mark", "queue",
    "address-list-timeout"};

// Comma lists of enum values.
const std::set<std::string> kListValues = {"connection-state", "tcp-flags", "pcq-classifier"};

}  // namespace

Schema Schema::load(const std::string& path) {
  Schema schema;
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read the schema file " + path);
  std::string line;
  std::map<std::string, SchemaArg>* current = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("### ", 0) == 0) {
      std::istringstream words(line.substr(4));
      std::string menu, command;
      words >> menu >> command;
      current = command == "add" ? &schema.add_args[menu] : nullptr;
      continue;
    }
    if (line.rfind("## ", 0) == 0)
      current = nullptr;
    if (current == nullptr || line.rfind("  ", 0) != 0)
      continue;
    std::string body = trim(line);
    std::string name = body.substr(0, body.find(' '));
    SchemaArg arg;
    std::size_t values = body.find("values: ");
    if (values != std::string::npos) {
      std::string list = body.substr(values + 8);
      std::size_t start = 0;
      while (start <= list.size()) {
        std::size_t comma = list.find(", ", start);
        std::string value =
            list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (value == "!" || value == "!,") {
          arg.negatable = true;
        } else if (!value.empty() && value != ",") {
          arg.values.insert(value);
        }
        if (comma == std::string::npos)
          break;
        start = comma + 2;
      }
    }
    (*current)[name] = arg;
  }
  return schema;
}

std::vector<std::string> Schema::validate(const ir::Item& item) const {
  std::vector<std::string> problems;
  std::string menu = schema_path(item.menu);
  auto menu_it = add_args.find(menu);
  if (menu_it == add_args.end())
    return {menu + ": menu not in the schema"};
  for (const ir::Property& p : item.properties) {
    auto arg_it = menu_it->second.find(p.name);
    if (arg_it == menu_it->second.end()) {
      problems.push_back(menu + ": unknown property '" + p.name + "'");
      continue;
    }
    const SchemaArg& arg = arg_it->second;
    if (p.name == "chain" || p.name == "jump-target") {
      if (arg.values.count(p.value) == 0 && p.value.rfind("rosgen-", 0) != 0) {
        problems.push_back(menu + ": " + p.name + "=" + p.value +
                           " is neither built in nor rosgen's");
      }
      continue;
    }
    if (arg.values.empty() || kFreeValues.count(p.name) != 0)
      continue;
    std::vector<std::string> parts;
    if (kListValues.count(p.name) != 0) {
      std::stringstream list(p.value);
      std::string part;
      while (std::getline(list, part, ',')) parts.push_back(part);
    } else {
      parts.push_back(p.value);
    }
    for (std::string part : parts) {
      if (!part.empty() && part[0] == '!') {
        if (!arg.negatable)
          problems.push_back(menu + ": " + p.name + " cannot be negated");
        part = part.substr(1);
      }
      if (arg.values.count(part) == 0) {
        problems.push_back(menu + ": " + p.name + "=" + part + " is not an allowed value");
      }
    }
  }
  return problems;
}

}  // namespace rosgen::test
