// Compile benchmark: generates policies of 100, 1,000 and 10,000 rules (caps, SYN rates
// and signatures in equal shares), compiles each in a fresh child process, and prints
// the best-of-3 wall time and the child's peak RSS, plus the time ratio between sizes.
// Targets (issue 2): 10,000 rules under 0.5 s and 200 MB; 10x input -> at most 12x time.
//   usage: rosgen_bench [sizes...]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "emit/rsc_writer.hpp"
#include "ir/lower.hpp"
#include "ir/order.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"

namespace {

std::string generate(int rules) {
  std::string text = "policy bench { routeros 7; clients 10.0.0.0/16 via bridge; uplink ether1; }\n";
  text += "set mail = tcp 25, 465, 587\n";
  for (int i = 0; i < rules; ++i) {
    std::string n = std::to_string(i);
    std::string port = std::to_string(1 + i % 60000);
    switch (i % 3) {
      case 0:
        text += "cap c" + n + " new connections " + std::to_string(10 + i % 50) + " per host to tcp " + port + " -> drop\n";
        break;
      case 1:
        text += "rate r" + n + " syn " + std::to_string(1 + i % 30) + "/min per host to tcp " + port + " -> drop\n";
        break;
      default:
        text += "signature s" + n + " to tcp " + port + " within first 2KiB { in one packet: nocase \"HELO\", \"X" + n + "\" } -> drop\n";
    }
  }
  return text;
}

struct Result {
  double seconds = 0;
  std::size_t bytes = 0;
};

Result compile_once(const std::string& text) {
  auto start = std::chrono::steady_clock::now();
  rosgen::support::DiagnosticEngine diags;
  auto loaded = rosgen::sema::load_policy_text("bench.pol", text, {}, diags);
  auto policy = rosgen::sema::check(loaded, {std::nullopt, "bench"}, diags);
  if (!policy) {
    std::fprintf(stderr, "%s", rosgen::support::render_all(diags).c_str());
    std::exit(1);
  }
  auto ordered = rosgen::ir::order(std::move(*policy));
  auto ruleset = rosgen::ir::lower(ordered);
  std::string script = rosgen::emit::emit_rsc(ruleset, {ordered.source_names, ordered.source_digest});
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), script.size()};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {100, 1000, 10000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  }
  std::printf("%8s %10s %12s %12s %14s\n", "rules", "seconds", "peak MB", "script MB", "time ratio");
  double previous = 0;
  for (int size : sizes) {
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0) return 1;
    pid_t pid = fork();
    if (pid == 0) {
      std::string text = generate(size);
      Result best{1e9, 0};
      for (int run = 0; run < 3; ++run) {
        Result r = compile_once(text);
        if (r.seconds < best.seconds) best = r;
      }
      struct rusage usage {};
      getrusage(RUSAGE_SELF, &usage);
      char line[128];
      int n = std::snprintf(line, sizeof line, "%.6f %ld %zu", best.seconds, usage.ru_maxrss, best.bytes);
      if (write(pipe_fd[1], line, static_cast<std::size_t>(n)) != n) _exit(1);
      _exit(0);
    }
    close(pipe_fd[1]);
    char buffer[128] = {};
    ssize_t got = read(pipe_fd[0], buffer, sizeof buffer - 1);
    close(pipe_fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "benchmark child for %d rules failed\n", size);
      return 1;
    }
    double seconds = 0;
    long max_rss_kb = 0;
    std::size_t bytes = 0;
    std::sscanf(buffer, "%lf %ld %zu", &seconds, &max_rss_kb, &bytes);
    std::string ratio = previous > 0 ? std::to_string(seconds / previous).substr(0, 5) + "x" : "-";
    std::printf("%8d %10.4f %12.1f %12.2f %14s\n", size, seconds, static_cast<double>(max_rss_kb) / 1024.0,
                static_cast<double>(bytes) / 1e6, ratio.c_str());
    previous = seconds;
  }
  return 0;
}
