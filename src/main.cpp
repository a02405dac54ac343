// rosgen's entry point: everything happens in cli::run(). main() only guards the standard
// descriptors, sets how signals that a write can raise are handled, and turns running out
// of memory into exit 3.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli/app.hpp"

namespace {

// A closed stdin, stdout or stderr would be reused by the next open() (a temporary
// output file, an input), and text meant for the terminal would land in it. Each closed
// one is filled with /dev/null opened read-only, so that writes to it still fail (EBADF)
// and are reported as such.
void guard_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      int opened = ::open("/dev/null", O_RDONLY | O_NOCTTY);
      if (opened >= 0 && opened != fd) {
        ::dup2(opened, fd);
        ::close(opened);
      }
    }
  }
}

// A write to a pipe whose reader has gone (`rosgen compile x.pol | head -1`) or past the
// file-size limit (`ulimit -f`) would kill rosgen silently (exit 141, 153) and, for -o,
// leave its temporary file behind. Ignored, the write fails instead (EPIPE, EFBIG), and
// the usual path reports it ("cannot write to standard output: Broken pipe", exit 3) and
// removes the temporary file.
void ignore_write_signals() {
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
}

}  // namespace

int main(int argc, char** argv) {
  guard_standard_descriptors();
  ignore_write_signals();
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
