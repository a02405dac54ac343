// Benchmarks, each size in a fresh child process (best of 3 wall time, the child's peak
// RSS, and the time ratio to the previous size):
//   rosgen_bench [sizes...]        compile policies of 100, 1,000, 10,000 rules, with the
//                                  optimiser (seconds) and without (no-opt s) (targets:
//                                  10,000 rules < 0.5 s with the optimiser, 200 MB;
//                                  10x -> <= 12x)
//   rosgen_bench diff [rules...]   read an export of ~10 lines per rule (the compiled rules,
//                                  hand edits, and the operator's own rules) and diff it
//                                  against the policy; default 1,000 and 10,000 rules
//                                  (target: 100,000 lines vs 10,000 rules < 1 s and 500 MB)
//   rosgen_bench deploy [rules...] diff against an empty router (first deploy: every item
//                                  is an add placed before its successor)
//   rosgen_bench ports [ports...]  check, then compile, one set of that many distinct ports
//                                  and ranges used by one cap; default 60,000 and 1,000,000
//                                  (was quadratic: 60,000 ports took 1.2 s to check; target:
//                                  10x -> <= 12x, 1,000,000 < 1 s)
//   rosgen_bench simulate [packets] the shared captures, repeated to at least that many packets
//                                  (default 1,000,000): a bare libpcap read loop, the same
//                                  through capture::open_capture, and simulate of a 100-rule
//                                  policy, side by side (bench_simulate.cpp)
//   rosgen_bench crafted [lines...] read crafted exports (issue 7, section 5): a chain of
//                                  adds each placed before the previous one
//                                  (place-before=[find where comment=...]), and adds then
//                                  as many set [find where comment=...]; default 40,000
//                                  and 100,000 lines (target: 100,000 lines < 1 s each)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "diff/plan.hpp"
#include "emit/rsc_writer.hpp"
#include "lower/lower.hpp"
#include "lower/order.hpp"
#include "optimise/optimise.hpp"
#include "profile/default_profile.hpp"
#include "routeros/script_reader.hpp"
#include "routeros/state.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"
#include "support/digest.hpp"

namespace {

using rosgen::bench::format;
using rosgen::bench::generate;
using rosgen::bench::in_child;

// One set of `ports` distinct entries: every single port 1-65535 first, then ranges
// (a-b with a new pair each time), so no entry repeats another.
std::string generate_ports(int ports) {
  std::string text =
      "policy bench { routeros 7; clients 10.0.0.0/16 via bridge; uplink ether1; }\n"
      "set big = tcp ";
  for (int i = 0; i < ports; ++i) {
    if (i > 0)
      text += ", ";
    if (i < 65535) {
      text += std::to_string(i + 1);
    } else {
      int j = i - 65535;
      int first = 1 + j % 65000;
      text += std::to_string(first) + "-" + std::to_string(first + 1 + j / 65000);
    }
  }
  text += "\ncap big-cap new connections 10 per host to big -> drop\n";
  return text;
}

struct Result {
  double seconds = 0;
  std::size_t bytes = 0;
};

Result compile_once(const std::string& text, double* check_seconds = nullptr,
                    bool optimise = true) {
  auto start = std::chrono::steady_clock::now();
  rosgen::support::DiagnosticEngine diags;
  auto loaded = rosgen::sema::load_policy_text("bench.pol", text, {}, diags);
  auto policy = rosgen::sema::check(loaded, {std::nullopt, "bench"}, diags);
  if (!policy) {
    std::fprintf(stderr, "%s", rosgen::support::render_all(diags).c_str());
    std::exit(1);
  }
  if (check_seconds != nullptr)
    *check_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // As `rosgen compile` does it (cli/compile.cpp run_pipeline): the optimiser orders the
  // stages and writes the covers, with the built-in profile; --no-optimise skips both.
  const rosgen::profile::Profile& traffic = rosgen::profile::default_profile();
  auto probability = rosgen::optimise::probability_from(traffic, *policy);
  rosgen::optimise::CoverCache covers(rosgen::optimise::models_of(traffic, *policy));
  auto ordered = optimise ? rosgen::optimise::order_stages(std::move(*policy), probability, &covers)
                          : rosgen::lower::order(std::move(*policy));
  auto ruleset = rosgen::lower::lower(ordered);
  if (optimise)
    rosgen::optimise::optimise(ruleset, probability, &covers);
  rosgen::emit::ProfileName profile_name;  // the header's profile line, as compile writes it
  if (optimise)
    profile_name = {"built-in", rosgen::support::sha256(rosgen::profile::default_profile_text())};
  std::string script =
      rosgen::emit::emit_rsc(ruleset, {ordered.source_names, ordered.source_digest, profile_name});
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), script.size()};
}

rosgen::ir::Ruleset compile_ruleset(const std::string& text) {
  rosgen::support::DiagnosticEngine diags;
  auto loaded = rosgen::sema::load_policy_text("bench.pol", text, {}, diags);
  auto policy = rosgen::sema::check(loaded, {std::nullopt, "bench"}, diags);
  if (!policy)
    std::exit(1);
  return rosgen::lower::lower(rosgen::lower::order(std::move(*policy)));
}

// An export of about 10 lines per rule: the compiled items with every 50th edited, plus
// the operator's own filter rules to fill up.
std::string generate_export(const rosgen::ir::Ruleset& ruleset, std::size_t lines) {
  auto state = rosgen::routeros::import_ruleset(ruleset);
  std::size_t n = 0;
  for (auto& list : state.menus) {
    for (auto& item : list) {
      item.remarks.clear();
      if (++n % 50 == 0 && item.get("action") != nullptr)
        item.set("action", "passthrough");
    }
  }
  auto& filter = state.items(rosgen::ir::Menu::Filter);
  for (std::size_t i = 0; state.size() < lines; ++i) {
    rosgen::ir::Item user;
    user.menu = rosgen::ir::Menu::Filter;
    user.set("action", "accept");
    user.set("chain", "forward");
    user.set("comment", "operator rule " + std::to_string(i));
    user.set("src-address",
             "10.1." + std::to_string(i / 250 % 250) + "." + std::to_string(i % 250));
    filter.push_back(std::move(user));
  }
  return "# 2026-11-27 00:00:00 by RouterOS 7.21\n" + rosgen::emit::write_export(state);
}

Result diff_once(const rosgen::ir::Ruleset& ruleset, const std::string& export_text) {
  auto start = std::chrono::steady_clock::now();
  rosgen::support::DiagnosticEngine diags;
  auto file = std::make_shared<const rosgen::support::SourceFile>("export.rsc", export_text);
  auto running = rosgen::routeros::read_script(file, diags);
  auto plan = rosgen::diff::make_plan(ruleset, running.state, 7);
  std::string script = rosgen::diff::render_script(plan, {"export.rsc", {}, {}, false});
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), script.size()};
}

// `rosgen_bench ports [ports...]`: per size, in a fresh child, the best of 3 check and
// compile times side by side (compile includes the check), peak RSS and the time ratio.
int run_ports_mode(const std::vector<int>& sizes) {
  std::printf("%10s %10s %12s %12s %12s %14s\n", "ports", "check s", "compile s", "peak MB",
              "script MB", "time ratio");
  double previous = 0;
  for (int size : sizes) {
    auto out = in_child(
        [&] {
          std::string text = generate_ports(size);
          Result best{1e9, 0};
          double best_check = 1e9;
          for (int run = 0; run < 3; ++run) {
            double check_seconds = 0;
            Result r = compile_once(text, &check_seconds);
            best_check = std::min(best_check, check_seconds);
            if (r.seconds < best.seconds)
              best = r;
          }
          return format("%.6f %.6f %zu", best_check, best.seconds, best.bytes);
        },
        std::to_string(size) + " ports");
    if (!out)
      return 1;
    double check_seconds = 0;
    double seconds = 0;
    long max_rss_kb = 0;
    std::size_t bytes = 0;
    std::sscanf(out->c_str(), "%lf %lf %zu %ld", &check_seconds, &seconds, &bytes, &max_rss_kb);
    std::string ratio = previous > 0 ? std::to_string(seconds / previous).substr(0, 5) + "x" : "-";
    std::printf("%10d %10.4f %12.4f %12.1f %12.2f %14s\n", size, check_seconds, seconds,
                static_cast<double>(max_rss_kb) / 1024.0, static_cast<double>(bytes) / 1e6,
                ratio.c_str());
    previous = seconds;
  }
  return 0;
}

// Crafted exports for the reader (issue 7, section 5). "place": every add goes before
// the one added just before it, so each lands at the top. "set": `lines`/2 adds, then as
// many sets by comment, spread over the whole table.
std::string crafted_export(const std::string& kind, std::size_t lines) {
  std::string text = "# 2026-11-27 00:00:00 by RouterOS 7.21\n/ip firewall filter\n";
  if (kind == "plain") {  // plain adds, no comment: the common shape of a big export
    for (std::size_t i = 0; i < lines; ++i) text += "add action=accept chain=forward\n";
    return text;
  }
  if (kind == "place") {
    for (std::size_t i = 0; i < lines; ++i) {
      text += "add action=accept chain=forward comment=c" + std::to_string(i);
      if (i > 0)
        text += " place-before=[find where comment=\"c" + std::to_string(i - 1) + "\"]";
      text += "\n";
    }
    return text;
  }
  std::size_t adds = lines / 2;
  for (std::size_t i = 0; i < adds; ++i) {
    text += "add action=accept chain=forward comment=c" + std::to_string(i) + "\n";
  }
  for (std::size_t i = 0; i < lines - adds; ++i) {
    text += "set [find where comment=\"c" + std::to_string(i * 7919 % adds) + "\"] action=drop\n";
  }
  return text;
}

double read_once(const std::string& export_text) {
  auto start = std::chrono::steady_clock::now();
  rosgen::support::DiagnosticEngine diags;
  auto file = std::make_shared<const rosgen::support::SourceFile>("crafted.rsc", export_text);
  auto running = rosgen::routeros::read_script(file, diags);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (diags.has_errors() || running.commands == 0) {
    std::fprintf(stderr, "%s", rosgen::support::render_all(diags).c_str());
    std::exit(1);
  }
  return elapsed.count();
}

// `rosgen_bench crafted`: each size in a fresh child (best of 3), both cases side by side.
int crafted_main(const std::vector<int>& sizes) {
  std::printf("%10s %16s %16s %14s %12s\n", "lines", "place-before s", "set-by-comment s",
              "plain adds s", "peak MB");
  for (int size : sizes) {
    auto out = in_child(
        [&] {
          double best[3] = {1e9, 1e9, 1e9};
          const char* kinds[3] = {"place", "set", "plain"};
          for (int k = 0; k < 3; ++k) {
            std::string text = crafted_export(kinds[k], static_cast<std::size_t>(size));
            for (int run = 0; run < 3; ++run) best[k] = std::min(best[k], read_once(text));
          }
          return format("%.6f %.6f %.6f", best[0], best[1], best[2]);
        },
        std::to_string(size) + " lines");
    if (!out)
      return 1;
    double place = 0, set = 0, plain = 0;
    long max_rss_kb = 0;
    std::sscanf(out->c_str(), "%lf %lf %lf %ld", &place, &set, &plain, &max_rss_kb);
    std::printf("%10d %16.4f %16.4f %14.4f %12.1f\n", size, place, set, plain,
                static_cast<double>(max_rss_kb) / 1024.0);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::printf(
        "usage: rosgen_bench [SIZES...]            compile N-rule policies (100 1000 10000)\n"
        "       rosgen_bench diff [SIZES...]       read + diff exports of N rules\n"
        "       rosgen_bench deploy [SIZES...]     a first-deploy patch of N rules\n"
        "       rosgen_bench crafted [LINES...]    hostile place-before / set chains\n"
        "       rosgen_bench ports [PORTS...]      a set with N distinct ports\n"
        "       rosgen_bench simulate [PACKETS]    read loop, decode and simulate, side by side\n"
        "       rosgen_bench signatures            content tests per packet: recipe, plain, "
        "optimised\n"
        "       rosgen_bench push                  round trips, time and memory of a push of\n"
        "                                          5 and 5,000 rules to a fake RouterOS\n"
        "Figures go to stdout, side by side in one run; every size runs in a child process.\n");
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    bool mode = i == 1 && (word == "simulate" || word == "signatures" || word == "crafted" ||
                           word == "ports" || word == "diff" || word == "deploy" || word == "push");
    if (!mode && (word.empty() || word.find_first_not_of("0123456789") != std::string::npos)) {
      std::fprintf(stderr, "rosgen_bench: '%s' is not a mode or a size (see --help)\n",
                   word.c_str());
      return 64;
    }
  }
  if (argc > 1 && std::string(argv[1]) == "signatures")
    return rosgen::bench::signatures_main();
  if (argc > 1 && std::string(argv[1]) == "push")
    return rosgen::bench::push_main();
  if (argc > 1 && std::string(argv[1]) == "simulate")
    return rosgen::bench::simulate_main(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "crafted") {
    std::vector<int> sizes{40000, 100000};
    if (argc > 2) {
      sizes.clear();
      for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    }
    return crafted_main(sizes);
  }
  if (argc > 1 && std::string(argv[1]) == "ports") {
    std::vector<int> sizes = {60000, 1000000};
    if (argc > 2) {
      sizes.clear();
      for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    }
    return run_ports_mode(sizes);
  }
  bool deploy_mode = argc > 1 && std::string(argv[1]) == "deploy";
  bool diff_mode = deploy_mode || (argc > 1 && std::string(argv[1]) == "diff");
  int first_size = diff_mode ? 2 : 1;
  std::vector<int> sizes =
      diff_mode ? std::vector<int>{1000, 10000} : std::vector<int>{100, 1000, 10000};
  if (argc > first_size) {
    sizes.clear();
    for (int i = first_size; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  }
  std::printf("%8s %10s %10s %12s %12s %12s %14s\n", "rules", "lines", "seconds",
              diff_mode ? "" : "no-opt s", "peak MB", diff_mode ? "patch MB" : "script MB",
              "time ratio");
  double previous = 0;
  for (int size : sizes) {
    auto out = in_child(
        [&] {
          std::string text = generate(size);
          Result best{1e9, 0};
          std::size_t lines = 0;
          if (diff_mode) {
            auto ruleset = compile_ruleset(text);
            std::string export_text =
                deploy_mode ? std::string()
                            : generate_export(ruleset, static_cast<std::size_t>(size) * 10);
            for (char c : export_text) lines += c == '\n';
            for (int run = 0; run < 3; ++run) {
              Result r = diff_once(ruleset, export_text);
              if (r.seconds < best.seconds)
                best = r;
            }
          } else {
            double plain = 1e9;
            for (int run = 0; run < 3; ++run) {
              Result r = compile_once(text);
              if (r.seconds < best.seconds)
                best = r;
              plain = std::min(plain, compile_once(text, nullptr, false).seconds);
            }
            return format("%.6f %zu %zu %.6f", best.seconds, best.bytes, lines, plain);
          }

          return format("%.6f %zu %zu", best.seconds, best.bytes, lines);
        },
        std::to_string(size) + " rules");
    if (!out)
      return 1;
    double seconds = 0, plain = 0;
    std::size_t bytes = 0, lines = 0;
    long max_rss_kb = 0;
    if (diff_mode)
      std::sscanf(out->c_str(), "%lf %zu %zu %ld", &seconds, &bytes, &lines, &max_rss_kb);
    else
      std::sscanf(out->c_str(), "%lf %zu %zu %lf %ld", &seconds, &bytes, &lines, &plain,
                  &max_rss_kb);
    std::string ratio = previous > 0 ? std::to_string(seconds / previous).substr(0, 5) + "x" : "-";
    std::string lines_text = diff_mode ? std::to_string(lines) : "-";
    std::string plain_text = diff_mode ? "-" : format("%.4f", plain);
    std::printf("%8d %10s %10.4f %12s %12.1f %12.2f %14s\n", size, lines_text.c_str(), seconds,
                plain_text.c_str(), static_cast<double>(max_rss_kb) / 1024.0,
                static_cast<double>(bytes) / 1e6, ratio.c_str());
    previous = seconds;
  }
  return 0;
}
