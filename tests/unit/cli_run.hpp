// Running the rosgen command line in-process, as the tests of whole commands do: the
// arguments after "rosgen", what it printed and its exit code. Entry point: run_cli().
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace rosgen::test {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

// cli::run() on "rosgen" + `args`, without colour.
inline CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "rosgen");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliRun r;
  r.code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace rosgen::test
