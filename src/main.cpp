// rosgen's entry point: everything happens in cli::run().
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  rosgen::cli::Environment env{&std::cout, &std::cerr, false};
  const char* no_color = std::getenv("NO_COLOR");
  bool allowed = no_color == nullptr || *no_color == '\0';
  env.color = allowed && ::isatty(STDERR_FILENO) != 0;
  env.color_out = allowed && ::isatty(STDOUT_FILENO) != 0;
  try {
    return rosgen::cli::run(argc, argv, env);
  } catch (const std::bad_alloc&) {
    std::cerr << "rosgen: error: out of memory\n";
    return rosgen::cli::kEnvironment;
  }
}
