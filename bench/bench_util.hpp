// What the benchmark modes share: the generated policy of N rules, a measurement in a
// fresh child process (its own heap and peak RSS), printf into a string. The modes:
// bench_compile.cpp (compile, diff, deploy, ports, crafted; main()), bench_simulate.cpp,
// bench_signatures.cpp and bench_push.cpp.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

namespace rosgen::bench {

// A policy of `rules` rules over ports 1..rules: every third a per-host cap, a SYN rate
// and a two-literal signature, for clients 10.0.0.0/16 behind bridge, uplink ether1.
inline std::string generate(int rules) {
  std::string text =
      "policy bench { routeros 7; clients 10.0.0.0/16 via bridge; uplink ether1; }\n";
  text += "set mail = tcp 25, 465, 587\n";
  for (int i = 0; i < rules; ++i) {
    std::string n = std::to_string(i);
    std::string port = std::to_string(1 + i % 60000);
    switch (i % 3) {
      case 0:
        text += "cap c" + n + " new connections " + std::to_string(10 + i % 50) +
                " per host to tcp " + port + " -> drop\n";
        break;
      case 1:
        text += "rate r" + n + " syn " + std::to_string(1 + i % 30) + "/min per host to tcp " +
                port + " -> drop\n";
        break;
      default:
        text += "signature s" + n + " to tcp " + port +
                " within first 2KiB { in one packet: nocase \"HELO\", \"X" + n + "\" } -> drop\n";
    }
  }
  return text;
}

// Runs `measure` in a fresh child process, so that each size starts with a clean heap and
// has its own peak RSS, and returns what it returned followed by " <peak RSS in KiB>";
// nullopt (with a message) when the child fails.
inline std::optional<std::string> in_child(const std::function<std::string()>& measure,
                                           const std::string& what) {
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0)
    return std::nullopt;
  pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fd[0]);
    std::string line = measure();

    struct rusage usage {};

    getrusage(RUSAGE_SELF, &usage);
    line += " " + std::to_string(usage.ru_maxrss);
    if (write(pipe_fd[1], line.data(), line.size()) != static_cast<ssize_t>(line.size()))
      _exit(1);
    _exit(0);
  }
  close(pipe_fd[1]);
  std::string out;
  char buffer[512];
  ssize_t got = 0;
  while ((got = read(pipe_fd[0], buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(got));
  close(pipe_fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out.empty() || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "benchmark child for %s failed\n", what.c_str());
    return std::nullopt;
  }
  return out;
}

template <typename... Args>
std::string format(const char* pattern, Args... args) {
  char line[160];
  std::snprintf(line, sizeof line, pattern, args...);
  return line;
}

// `rosgen_bench simulate [packets]` (bench_simulate.cpp).
int simulate_main(int argc, char** argv);

// `rosgen_bench signatures` (bench_signatures.cpp): content tests per packet of the forum
// recipe, the --no-optimise and the optimised café policy, side by side.
int signatures_main();

// bench_push.cpp: round trips, wall time and peak RSS of pushes to a fake RouterOS.
int push_main();

}  // namespace rosgen::bench
