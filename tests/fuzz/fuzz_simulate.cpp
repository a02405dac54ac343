// libFuzzer target: the simulator's inputs and engine on any bytes. The first byte picks
// what the rest is: a scenario (JSON, parsed, expanded when small, and run), or a stream
// of captured frames (link type + length + bytes each, decoded and run). Both run through
// the café policy imported on RouterOS's default firewall, so conntrack, FastTrack, the
// guard, limits, queues and the chain index see hostile packets.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DROSGEN_FUZZ=ON
// Run:   build-fuzz/fuzz_simulate -max_total_time=600 tests/fuzz/corpus-simulate
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "capture/decode.hpp"
#include "capture/scenario.hpp"
#include "cli/simulate.hpp"
#include "simulate/engine.hpp"
#include "simulate/report.hpp"
#include "simulate/rules.hpp"

namespace {

const rosgen::cli::SimulatedRouter& router() {
  static const rosgen::cli::SimulatedRouter built = [] {
    rosgen::cli::SimulateOptions options;
    options.pipeline.path = ROSGEN_SOURCE_DIR "/examples/cafe.pol";
    options.with = ROSGEN_SOURCE_DIR "/tests/import/defconf-v7.rsc";
    rosgen::support::DiagnosticEngine diags;
    auto result = rosgen::cli::build_router(options, diags, nullptr, nullptr);
    if (!result) {
      std::fprintf(stderr, "fuzz_simulate: the café policy does not build\n");
      std::abort();
    }
    return *result;
  }();
  return built;
}

const rosgen::simulate::Rules& rules() {
  static const rosgen::simulate::Rules compiled =
      rosgen::simulate::compile_rules(router().state, router().major);
  return compiled;
}

// Runs packets through a fresh simulator and renders both reports.
template <typename Feed>
void simulate(bool scenario, Feed feed) {
  rosgen::simulate::SimulateOptions options = router().sim;
  options.stop_flows_after_drop = scenario;
  rosgen::simulate::Simulator simulator(rules(), options);
  feed(simulator);
  rosgen::simulate::ReportContext context;
  context.rules_source = "cafe.pol";
  context.rules_kind = "policy";
  (void)rosgen::simulate::render_report(simulator, context);
  (void)rosgen::simulate::render_report_json(simulator, context);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1)
    return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    rosgen::support::DiagnosticEngine diags;
    auto parsed = rosgen::capture::parse_scenario("fuzz.json", std::string(rest), diags);
    (void)rosgen::support::render_all(diags);
    if (!parsed)
      return 0;
    std::uint64_t packets = 0;
    for (const auto& connection : parsed->connections)
      packets += rosgen::capture::packets_per_connection(connection);
    if (packets > 20000)
      return 0;  // valid but large: expansion is linear, and slow under the fuzzer
    auto expanded = rosgen::capture::expand_scenario(*parsed);
    simulate(true, [&](rosgen::simulate::Simulator& sim) {
      for (const auto& packet : expanded.packets) sim.process(packet);
    });
    return 0;
  }
  // Frames: [link type: 1 byte index][length: 2 bytes][bytes], repeated; 1 ms apart.
  static const std::uint32_t kLinks[] = {
      rosgen::capture::kLinkEthernet,  rosgen::capture::kLinkRaw,  rosgen::capture::kLinkLinuxSll,
      rosgen::capture::kLinkLinuxSll2, rosgen::capture::kLinkNull, rosgen::capture::kLinkIpv4};
  simulate(false, [&](rosgen::simulate::Simulator& sim) {
    std::size_t at = 0;
    std::int64_t time = 1767225600000000;
    rosgen::capture::Packet packet;
    std::string reason;
    while (at + 3 <= rest.size()) {
      std::uint32_t link = kLinks[static_cast<unsigned char>(rest[at]) % std::size(kLinks)];
      std::size_t length = (static_cast<unsigned char>(rest[at + 1]) << 8) |
                           static_cast<unsigned char>(rest[at + 2]);
      at += 3;
      length = std::min(length, rest.size() - at);
      rosgen::capture::Frame frame;
      frame.link_type = link;
      frame.bytes = rest.substr(at, length);
      frame.original_length = static_cast<std::uint32_t>(length);
      frame.time_us = time;
      time += 1000;
      at += length;
      if (rosgen::capture::decode_frame(frame, packet, reason))
        sim.process(packet);
    }
  });
  return 0;
}
