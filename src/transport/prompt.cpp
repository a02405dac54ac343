// The default SecretPrompt: a line from the controlling terminal with echo off (session.hpp).
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

#include "transport/session.hpp"
#include "transport/ssh_io.hpp"

namespace rosgen::transport {

namespace {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::optional<std::string> tty_secret_prompt(const std::string& prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;  // no controlling terminal: nobody to ask
  }
  detail::Socket closer(fd);
  termios saved{};
  if (::tcgetattr(fd, &saved) != 0) {
    return std::nullopt;
  }
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
  write_all(fd, prompt);
  ::tcsetattr(fd, TCSAFLUSH, &quiet);
  std::string answer;
  bool ended = false;
  char c = 0;
  for (;;) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0 || c == '\n' || c == '\r') {
      ended = n > 0;
      break;
    }
    if (answer.size() < 4096) {
      answer += c;
    }
  }
  ::tcsetattr(fd, TCSAFLUSH, &saved);
  write_all(fd, "\n");
  if (!ended && answer.empty()) {
    return std::nullopt;  // end of input: the user gave up
  }
  return answer;
}

}  // namespace rosgen::transport
