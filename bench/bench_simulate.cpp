// `rosgen_bench simulate [packets]` (issue 8 §4): how fast the simulator runs compared with
// reading the capture. The input is the shared captures (../shared/data/pcap), their IP
// packets concatenated and repeated until there are at least `packets` (default
// 1,000,000), written once to a temporary pcap file (Ethernet) with libpcap's pcap_dump.
// Each repetition is the next hour of traffic: its timestamps move on by an hour (by the
// repetition's span, about 7 minutes, when that is longer), and its client addresses are fresh
// hosts of 10.0.0.0/16, so every connection in it is new. Which addresses are a capture's clients
// comes from tests/golden/simulate/captures.tsv; its router address (the first host of
// its first client range, as the simulator assumes) becomes 10.0.0.1, other addresses
// stay (those inside 10.0.0.0/16 move to 100.64.0.0/10).
//
// Three passes over the file, each in a fresh child process, side by side: (1) a bare
// libpcap loop (pcap_next_ex only), (2) capture::open_capture (libpcap and decoding),
// (3) simulate of the compile bench's 100-rule policy (decoding included), with
// SimulateOptions::keep_connections=false so memory is bounded by live connections; the
// live connections and the RSS are sampled as the packets go by. Best of 5 wall times for
// (1) and (2), of 3 for (3).
#include <pcap/pcap.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "capture/pcap_source.hpp"
#include "emit/rsc_writer.hpp"
#include "lower/lower.hpp"
#include "lower/order.hpp"
#include "routeros/script_reader.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"
#include "simulate/engine.hpp"
#include "simulate/rules.hpp"

namespace rosgen::bench {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kStart = 1767225600 * kSecond;  // 2026-01-01 00:00:00 UTC
constexpr std::uint32_t kClientBase = 0x0A000000;      // 10.0.0.0/16
constexpr std::uint32_t kRouter = kClientBase + 1;
constexpr std::uint32_t kClientSlots = 65534;  // 10.0.0.2 - 10.0.255.255

using Range = std::pair<std::uint32_t, std::uint32_t>;

// captures.tsv: file -> client ranges ("-": none).
std::map<std::string, std::vector<Range>> capture_clients() {
  std::map<std::string, std::vector<Range>> out;
  std::ifstream in(fs::path(ROSGEN_SOURCE_DIR) / "tests/golden/simulate/captures.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::stringstream fields(line);
    std::string file, clients, prefix;
    std::getline(fields, file, '\t');
    std::getline(fields, clients, '\t');
    std::vector<Range>& ranges = out[file];
    std::stringstream list(clients);
    while (std::getline(list, prefix, ',')) {
      if (auto range = simulate::parse_ipv4_range(prefix))
        ranges.push_back(*range);
    }
  }
  return out;
}

std::uint32_t load32(const std::string& data, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(std::uint8_t(data[at + i])); };
  return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
}

void store32(std::string& data, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) data[at + i] = static_cast<char>(value >> (24 - 8 * i));
}

// Recomputes the IPv4 header checksum (RFC 791) of the header at `at` in `data`.
void fix_checksum(std::string& data, std::size_t at) {
  std::size_t length = (std::uint8_t(data[at]) & 0x0F) * 4u;
  if (length < 20 || at + length > data.size())
    return;
  data[at + 10] = data[at + 11] = 0;
  std::uint32_t sum = 0;
  for (std::size_t i = at; i + 1 < at + length; i += 2)
    sum += std::uint32_t(std::uint8_t(data[i])) << 8 | std::uint8_t(data[i + 1]);
  while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
  std::uint16_t checksum = static_cast<std::uint16_t>(~sum);
  data[at + 10] = static_cast<char>(checksum >> 8);
  data[at + 11] = static_cast<char>(checksum & 0xFF);
}

// One packet of one repetition, before its addresses and time are set.
struct Template {
  std::int64_t time_us = 0;  // from the start of the repetition
  std::string ip;            // the IP packet as captured
  std::uint32_t wire_length = 0;
  bool v4 = false;
  // What to write at the source and destination address: -1 keep, -2 the router,
  // else a client slot (a fresh host of 10.0.0.0/16 per repetition).
  std::int64_t src_slot = -1, dst_slot = -1;
};

struct Templates {
  std::vector<Template> packets;
  std::int64_t span_us = 0;
  std::uint32_t client_slots = 0;
  std::size_t captures = 0;
};

// Reads every shared capture's IP packets into templates, laid end to end in time.
Templates read_templates() {
  Templates out;
  std::map<std::string, std::vector<Range>> clients = capture_clients();
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(ROSGEN_SHARED_DATA_DIR) / "pcap")) {
    if (entry.path().filename() != "SOURCES.tsv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::map<std::uint32_t, std::int64_t> slots;  // per capture: client address -> slot
  for (const fs::path& file : files) {
    const std::vector<Range>& ranges = clients[file.filename().string()];
    std::uint32_t router = ranges.empty() ? 0 : ranges.front().first + 1;
    auto slot_of = [&](std::uint32_t address) -> std::int64_t {
      if (!ranges.empty() && address == router)
        return -2;
      for (const auto& [low, high] : ranges) {
        if (address >= low && address <= high) {
          auto [it, added] = slots.try_emplace(address, out.client_slots);
          out.client_slots += added ? 1 : 0;
          return it->second;
        }
      }
      return -1;
    };
    slots.clear();
    auto source = capture::open_capture(file.string());
    capture::Packet packet;
    // Time from the capture's start; a step back, or forward by more than an hour (two
    // recordings in one file: ndpi_smtp-starttls, zeek_smtp), counts as one second.
    std::int64_t previous = -1, elapsed = 0;
    while (source->next(packet)) {
      if (previous >= 0) {
        std::int64_t step = packet.time_us - previous;
        elapsed += step < 0 || step > 3600 * kSecond ? kSecond : step;
      }
      previous = packet.time_us;
      Template t;
      t.time_us = out.span_us + elapsed;
      t.ip = packet.data;
      t.wire_length =
          std::max<std::uint32_t>(packet.ip_length, static_cast<std::uint32_t>(packet.data.size()));
      t.v4 = !packet.src.v6 && t.ip.size() >= 20;
      if (t.v4) {
        for (auto [at, slot] : {std::pair{12u, &t.src_slot}, std::pair{16u, &t.dst_slot}}) {
          std::uint32_t address = load32(t.ip, at);
          *slot = slot_of(address);
          if (*slot == -1 && (address & 0xFFFF0000) == kClientBase)  // not a client here
            store32(t.ip, at, 0x64400000 | (address & 0xFFFF));
        }
      }
      out.packets.push_back(std::move(t));
    }
    out.span_us += elapsed + kSecond;
    ++out.captures;
  }
  return out;
}

struct Combined {
  std::string path;
  std::uint64_t packets = 0, repetitions = 0, bytes = 0;
  std::size_t per_repetition = 0, captures = 0;
  std::uint32_t clients_per_repetition = 0;
};

// Writes the repetitions to a temporary file until at least `wanted` packets.
Combined write_combined(std::uint64_t wanted) {
  Templates templates = read_templates();
  Combined out;
  out.per_repetition = templates.packets.size();
  out.captures = templates.captures;
  out.clients_per_repetition = templates.client_slots;
  if (templates.packets.empty()) {
    std::fprintf(stderr, "no packets in %s/pcap\n", ROSGEN_SHARED_DATA_DIR);
    std::exit(1);
  }
  std::string path = (fs::temp_directory_path() / "rosgen-bench-XXXXXX.pcap").string();
  int fd = mkstemps(path.data(), 5);
  if (fd < 0) {
    std::perror("mkstemps");
    std::exit(1);
  }
  close(fd);
  out.path = path;
  pcap_t* dead =
      pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_MICRO);
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  if (dumper == nullptr) {
    std::fprintf(stderr, "%s\n", pcap_geterr(dead));
    std::exit(1);
  }
  std::int64_t shift = std::max<std::int64_t>(3600 * kSecond, templates.span_us + kSecond);
  std::string frame;
  auto client = [&](std::int64_t slot, std::uint64_t repetition) {
    if (slot == -2)
      return kRouter;
    std::uint64_t n = static_cast<std::uint64_t>(slot) + repetition * templates.client_slots;
    return kClientBase + 2 + static_cast<std::uint32_t>(n % kClientSlots);
  };
  for (std::uint64_t r = 0; out.packets < wanted; ++r, ++out.repetitions) {
    for (const Template& t : templates.packets) {
      // Ethernet: locally administered MACs, then IPv4 or IPv6.
      frame.assign("\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
      bool ipv4 = !t.ip.empty() && (std::uint8_t(t.ip[0]) >> 4) == 4;
      frame += ipv4 ? std::string("\x08\x00", 2) : std::string("\x86\xDD", 2);
      std::size_t ip_at = frame.size();
      frame += t.ip;
      if (t.v4) {
        if (t.src_slot != -1)
          store32(frame, ip_at + 12, client(t.src_slot, r));
        if (t.dst_slot != -1)
          store32(frame, ip_at + 16, client(t.dst_slot, r));
        fix_checksum(frame, ip_at);
      }
      std::int64_t time = kStart + static_cast<std::int64_t>(r) * shift + t.time_us;
      pcap_pkthdr header{};
      header.ts.tv_sec = static_cast<time_t>(time / kSecond);
      header.ts.tv_usec = static_cast<suseconds_t>(time % kSecond);
      header.caplen = static_cast<bpf_u_int32>(frame.size());
      header.len = static_cast<bpf_u_int32>(ip_at + t.wire_length);
      pcap_dump(reinterpret_cast<u_char*>(dumper), &header,
                reinterpret_cast<const u_char*>(frame.data()));
      ++out.packets;
      out.bytes += frame.size() + 16;
    }
  }
  pcap_dump_close(dumper);
  pcap_close(dead);
  return out;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// (1) pcap_next_ex only.
std::string bare_read(const std::string& path) {
  double best = 1e9;
  std::uint64_t packets = 0, bytes = 0;
  for (int run = 0; run < 5; ++run) {
    auto start = Clock::now();
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline(path.c_str(), error);
    if (handle == nullptr) {
      std::fprintf(stderr, "%s\n", error);
      std::exit(1);
    }
    packets = bytes = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(handle, &header, &data) == 1) {
      ++packets;
      bytes += header->caplen + data[header->caplen - 1];  // touch the frame
    }
    pcap_close(handle);
    best = std::min(best, seconds_since(start));
  }
  return format("%.6f %llu %llu", best, static_cast<unsigned long long>(packets),
                static_cast<unsigned long long>(bytes));
}

// (2) capture::open_capture: libpcap and decoding.
std::string decode_read(const std::string& path) {
  double best = 1e9;
  std::uint64_t packets = 0;
  for (int run = 0; run < 5; ++run) {
    auto start = Clock::now();
    auto source = capture::open_capture(path);
    capture::Packet packet;
    packets = 0;
    while (source->next(packet)) ++packets;
    best = std::min(best, seconds_since(start));
  }
  return format("%.6f %llu", best, static_cast<unsigned long long>(packets));
}

// The 100-rule policy, compiled, imported as /import would, and read for the simulator.
simulate::Rules bench_rules(std::size_t* items) {
  support::DiagnosticEngine diags;
  auto loaded = sema::load_policy_text("bench.pol", generate(100), {}, diags);
  auto policy = sema::check(loaded, {std::nullopt, "bench"}, diags);
  if (!policy) {
    std::fprintf(stderr, "%s", support::render_all(diags).c_str());
    std::exit(1);
  }
  auto ordered = lower::order(std::move(*policy));
  auto ruleset = lower::lower(ordered);
  auto file = std::make_shared<const support::SourceFile>(
      "bench.rsc", emit::emit_rsc(ruleset, {ordered.source_names, ordered.source_digest, {}}));
  routeros::ReadOptions import;
  import.import = true;
  auto read = routeros::read_script(file, diags, {}, import);
  *items = read.state.size();
  return simulate::compile_rules(read.state, 7);
}

long rss_kib() {
  long pages = 0, resident = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
    std::fclose(statm);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// (3) simulate, decoding included. The first run samples live connections and RSS (the
// process's resident set now, from /proc/self/statm).
std::string simulate_read(const std::string& path, std::uint64_t total,
                          std::uint64_t per_repetition) {
  std::size_t items = 0;
  simulate::Rules rules = bench_rules(&items);
  simulate::SimulateOptions options;
  options.clients.push_back(*simulate::parse_ipv4_range("10.0.0.0/16"));
  options.keep_connections = false;
  // Samples at the end of the repetition that reaches a quarter, half, ... of the packets,
  // so that each sees the same point of the traffic.
  std::vector<std::uint64_t> marks;
  for (std::uint64_t quarter = 1; quarter <= 4; ++quarter) {
    std::uint64_t repetitions = (total * quarter / 4 + per_repetition - 1) / per_repetition;
    marks.push_back(std::min(total, repetitions * per_repetition));
  }
  std::string samples, totals;
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    auto start = Clock::now();
    simulate::Simulator simulator(rules, options);
    auto source = capture::open_capture(path);
    capture::Packet packet;
    std::uint64_t packets = 0;
    std::size_t next_mark = 0;
    while (source->next(packet)) {
      simulator.process(packet);
      ++packets;
      if (run == 0 && next_mark < marks.size() && packets == marks[next_mark]) {
        samples += format(" %llu %zu %ld", static_cast<unsigned long long>(packets),
                          simulator.live_connections(), rss_kib());
        ++next_mark;
      }
    }
    best = std::min(best, seconds_since(start));
    const simulate::Totals& t = simulator.totals();
    auto fate = [&](simulate::Fate f) {
      auto it = t.fates.find(f);
      return static_cast<unsigned long long>(it == t.fates.end() ? 0 : it->second);
    };
    totals = format(
        " %zu %llu %llu %llu %llu %llu %llu %.3f", items,
        static_cast<unsigned long long>(t.connections), fate(simulate::Fate::Passed),
        fate(simulate::Fate::Dropped) + fate(simulate::Fate::QueueDropped),
        fate(simulate::Fate::Rejected) + fate(simulate::Fate::Tarpitted),
        static_cast<unsigned long long>(t.ipv6), static_cast<unsigned long long>(t.fasttracked),
        t.packets == 0
            ? 0.0
            : static_cast<double>(t.cost.rules_visited) / static_cast<double>(t.packets));
  }
  return format("%.6f", best) + totals + samples;
}

std::string grouped(std::uint64_t value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

void print_row(const char* name, double seconds, std::uint64_t packets, double base,
               long peak_kib) {
  double n = static_cast<double>(packets);
  std::printf("  %-32s %14s %10.1f %12.2f %9.1f\n", name,
              grouped(static_cast<std::uint64_t>(n / seconds)).c_str(), seconds * 1e9 / n,
              base / seconds, static_cast<double>(peak_kib) / 1024.0);
}

}  // namespace

int simulate_main(int argc, char** argv) {
  std::uint64_t wanted = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  Combined combined = write_combined(wanted);
  std::printf(
      "input: %zu shared captures, %s IP packets each time, repeated %s times = %s packets "
      "(%.1f MB, %s)\n",
      combined.captures, grouped(combined.per_repetition).c_str(),
      grouped(combined.repetitions).c_str(), grouped(combined.packets).c_str(),
      static_cast<double>(combined.bytes) / 1e6, combined.path.c_str());
  std::printf("       every repetition an hour later, with %u fresh client hosts of 10.0.0.0/16\n",
              combined.clients_per_repetition);
  std::fflush(stdout);

  auto bare = in_child([&] { return bare_read(combined.path); }, "the libpcap loop");
  auto decoded = in_child([&] { return decode_read(combined.path); }, "open_capture");
  auto simulated = in_child(
      [&] { return simulate_read(combined.path, combined.packets, combined.per_repetition); },
      "simulate");
  fs::remove(combined.path);
  if (!bare || !decoded || !simulated)
    return 1;

  double bare_s = 0, decode_s = 0, sim_s = 0;
  unsigned long long packets = 0, bytes = 0, decoded_packets = 0;
  long bare_kib = 0, decode_kib = 0;
  std::sscanf(bare->c_str(), "%lf %llu %llu %ld", &bare_s, &packets, &bytes, &bare_kib);
  std::sscanf(decoded->c_str(), "%lf %llu %ld", &decode_s, &decoded_packets, &decode_kib);
  std::istringstream sim(*simulated);
  std::size_t items = 0;
  unsigned long long connections = 0, passed = 0, dropped = 0, rejected = 0, ipv6 = 0, fast = 0;
  double rules_visited = 0;
  sim >> sim_s >> items >> connections >> passed >> dropped >> rejected >> ipv6 >> fast >>
      rules_visited;
  std::vector<std::uint64_t> values;
  for (std::uint64_t v = 0; sim >> v;) values.push_back(v);
  long sim_kib = values.empty() ? 0 : static_cast<long>(values.back());  // peak RSS comes last
  if (!values.empty())
    values.pop_back();

  std::printf("\n  %-32s %14s %10s %12s %9s\n", "best of 5, 5, 3", "packets/s", "ns/packet",
              "vs read loop", "peak MB");
  print_row("1 libpcap read loop (pcap_next_ex)", bare_s, packets, bare_s, bare_kib);
  print_row("2 open_capture (read + decode)", decode_s, decoded_packets, bare_s, decode_kib);
  std::string name = "3 simulate, 100 rules (" + std::to_string(items) + " items)";
  print_row(name.c_str(), sim_s, decoded_packets, bare_s, sim_kib);
  std::printf("  %-32s %14s %10.1f\n", "  3 - 2: the simulator alone", "",
              (sim_s - decode_s) * 1e9 / static_cast<double>(decoded_packets));
  std::printf(
      "\nsimulate: %s connections; packets passed %s, dropped %s, rejected %s, IPv6 (no rules) "
      "%s, fast-tracked %s; %.2f rules visited per packet\n",
      grouped(connections).c_str(), grouped(passed).c_str(), grouped(dropped).c_str(),
      grouped(rejected).c_str(), grouped(ipv6).c_str(), grouped(fast).c_str(), rules_visited);
  std::printf("memory while simulating (keep_connections=false), at the end of a repetition:\n");
  std::printf("  %12s %18s %10s\n", "packets", "live connections", "RSS MB");
  for (std::size_t i = 0; i + 2 < values.size(); i += 3) {
    std::printf("  %12s %18s %10.1f\n", grouped(values[i]).c_str(), grouped(values[i + 1]).c_str(),
                static_cast<double>(values[i + 2]) / 1024.0);
  }
  return 0;
}

}  // namespace rosgen::bench
