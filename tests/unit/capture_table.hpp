// The table of shared captures, tests/golden/simulate/captures.tsv: each capture of
// ../shared/data/pcap with its clients and interfaces. Read by the simulator's golden
// tests and by the default profile's test (tools/make-default-profile.sh reads it too).
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace rosgen::test {

// One row of captures.tsv.
struct Capture {
  std::string file;
  std::vector<std::string> clients;  // empty: the policy's
  std::string lan, wan;              // empty: the policy's
  std::string reason;
};

inline std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, by)) out.push_back(part);
  return out;
}

inline std::vector<Capture> capture_table() {
  std::vector<Capture> out;
  std::stringstream in(
      read_text(std::filesystem::path(source_dir()) / "tests/golden/simulate/captures.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::vector<std::string> fields = split(line, '\t');
    REQUIRE_MESSAGE(fields.size() == 5, line);
    auto value = [](const std::string& field) { return field == "-" ? std::string() : field; };
    Capture c{fields[0], {}, value(fields[2]), value(fields[3]), fields[4]};
    if (fields[1] != "-")
      c.clients = split(fields[1], ',');
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace rosgen::test
