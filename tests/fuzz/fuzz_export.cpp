// libFuzzer target: the RouterOS export/script reader, the diff planner, the /import model
// and the simulator's rule compiler (raw, mangle, filter, NAT, layer7 patterns, queues) with
// a few packets through the result, on any bytes.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DROSGEN_FUZZ=ON
// Run:   build-fuzz/fuzz_export -max_total_time=120 tests/fuzz/corpus-export
#include <cstddef>
#include <cstdint>
#include <string>

#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
#include "simulate/engine.hpp"

namespace {

rosgen::capture::Packet packet(std::uint8_t a, std::uint8_t b, std::uint16_t sport,
                               std::uint16_t dport, std::uint8_t flags,
                               const std::string& payload) {
  rosgen::capture::Packet p;
  p.src.bytes = {192, 168, 88, a};
  p.dst.bytes = {203, 0, 113, b};
  if (a == 0)  // from the server
    p.src.bytes = {203, 0, 113, b}, p.dst.bytes = {192, 168, 88, 20};
  p.protocol = rosgen::capture::kTcp;
  p.src_port = sport;
  p.dst_port = dport;
  p.tcp_flags = flags;
  p.data = std::string(40, '\0') + payload;
  p.payload_offset = 40;
  p.payload_length = static_cast<std::uint32_t>(payload.size());
  p.ip_length = static_cast<std::uint32_t>(p.data.size());
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rosgen::support::DiagnosticEngine diags;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto file = std::make_shared<const rosgen::support::SourceFile>("fuzz.rsc", std::move(text));
  auto result = rosgen::routeros::read_script(file, diags);
  (void)rosgen::support::render_all(diags);
  rosgen::ir::Ruleset desired;
  desired.policy = "p";
  auto plan = rosgen::diff::make_plan(desired, result.state, result.routeros_major().value_or(7));
  (void)rosgen::diff::render_script(plan, {"fuzz.rsc", {}, {}, false});
  // The same bytes run as /import on a router with FastTrack on (the model's refusals,
  // placement blocks, the dynamic counter rule), and read twice in import mode.
  rosgen::routeros::ReadOptions import;
  import.import = true;
  rosgen::routeros::RouterState router;
  router.items(rosgen::ir::Menu::Filter).push_back(rosgen::routeros::fasttrack_counter_rule());
  auto once = rosgen::routeros::read_script(file, diags, router, import);
  (void)rosgen::routeros::read_script(file, diags, once.state, import);
  // The configuration as the simulator's rules, and a CONNECT request through them.
  rosgen::simulate::SimulateOptions options;
  options.clients.push_back({0xC0A85800u, 0xC0A858FFu});  // 192.168.88.0/24
  rosgen::simulate::Simulator sim(
      rosgen::simulate::compile_rules(result.state, result.routeros_major().value_or(7)), options);
  using rosgen::capture::kAck;
  using rosgen::capture::kSyn;
  for (const auto& p :
       {packet(20, 5, 40000, 8080, kSyn, ""), packet(0, 5, 8080, 40000, kSyn | kAck, ""),
        packet(20, 5, 40000, 8080, kAck, ""),
        packet(20, 5, 40000, 8080, kAck, "CONNECT a:443 HTTP/1.1\r\n\r\n"),
        packet(1, 5, 53, 40001, kAck, "x")})
    sim.process(p);
  (void)sim.rule_stats();
  return 0;
}
