// Compiled policies in the simulator, through `rosgen simulate --json` in-process: the
// fixes of issue 8 §2 that only show when the rules run (throttles shape both
// directions, the operator's packet marks survive signatures, queues on hook input).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;
using Json = nlohmann::json;

namespace {

// Runs `rosgen simulate POLICY --scenario S --json [--with W]` on texts written to a
// temporary directory; returns the parsed report (null when the run failed).
Json simulate(const std::string& policy, const std::string& scenario,
              const std::string& with = "") {
  static int counter = 0;
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("rosgen-simulate-policy-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "p.pol") << policy;
  std::ofstream(dir / "s.json") << scenario;
  std::string p = (dir / "p.pol").string(), s = (dir / "s.json").string(),
              w = (dir / "w.rsc").string();
  std::vector<const char*> argv{"rosgen", "simulate", p.c_str(), "--scenario", s.c_str(), "--json"};
  if (!with.empty()) {
    std::ofstream(w) << with;
    argv.push_back("--with");
    argv.push_back(w.c_str());
  }
  std::ostringstream out, err;
  int code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
  std::filesystem::remove_all(dir);
  INFO(err.str());
  REQUIRE(code == 0);
  return Json::parse(out.str());
}

const Json* queue(const Json& report, const std::string& label) {
  for (const Json& q : report["queues"]) {
    if (q["queue"] == label)
      return &q;
  }
  return nullptr;
}

const std::string kSite =
    "policy p { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1; }\n";

}  // namespace

TEST_SUITE("simulate policies") {
  TEST_CASE("simulate policies: a throttle shapes the download of a flagged connection too") {
    std::string policy = kSite +
                         "signature torrent to tcp 6881-6999 within first 1KiB {\n"
                         "  in one packet: \"\\x13BitTorrent protocol\"\n"
                         "} -> throttle 256k\n";
    std::string big(1400, 'x');
    std::string scenario =
        R"({"connections": [{"client": "192.168.88.20", "server": "203.0.113.9:6881",
      "payloads": [{"from": "client", "hex": "13426974546f7272656e742070726f746f636f6c"},
                   {"from": "server", "text": ")" +
        big + R"("},
                   {"from": "server", "text": ")" +
        big + R"("},
                   {"from": "client", "text": "ack"}]}]})";
    Json report = simulate(policy, scenario);
    const Json* up = queue(report, "rosgen:p:torrent.throttle.queue");
    const Json* down = queue(report, "rosgen:p:torrent.throttle-down.queue");
    REQUIRE(up != nullptr);
    REQUIRE(down != nullptr);
    // From the packet that flags the connection on: the server's two 1400-byte segments
    // and its FIN go through the download queue; the flagging packet itself (the throttle
    // rule follows the signature's gate in the same chain), "ack", the client's FIN and
    // its last ACK through the upload queue.
    CHECK((*down)["packets"] == 3);
    CHECK((*up)["packets"] == 4);
    // 1440 bytes at 256 kbit/s take 45 ms: the second segment (sent 10 ms later) waits.
    CHECK((*down)["max_delay_s"].get<double>() > 0.05);
  }

  TEST_CASE("simulate policies: a one-packet signature leaves the operator's packet marks") {
    std::string with =
        "/ip firewall mangle\n"
        "add action=mark-packet chain=prerouting comment=\"web qos\" dst-port=80 "
        "new-packet-mark=web passthrough=yes protocol=tcp\n"
        "/queue tree\n"
        "add comment=\"web queue\" name=web packet-mark=web parent=global\n";
    std::string policy = kSite +
                         "signature connect to tcp 80 within first 2KiB {\n"
                         "  in one packet: nocase \"CONNECT \", \"HTTP/1.\"\n"
                         "} -> drop\n";
    std::string scenario =
        R"({"connections": [{"client": "192.168.88.20", "server": "203.0.113.9:80",
      "payloads": [{"from": "client", "text": "GET / HTTP/1.1\r\nHost: x\r\n\r\n"}]}]})";
    Json report = simulate(policy, scenario, with);
    const Json* web = queue(report, "web queue");
    REQUIRE(web != nullptr);
    // Every client packet keeps the operator's mark: SYN, ACK, request, FIN, ACK. (The
    // request matched "HTTP/1.": a stage that marked packets would have replaced it.)
    CHECK((*web)["packets"] == 5);
    CHECK(report["connections"][0]["verdict"] == "passed");
  }

  TEST_CASE("simulate policies: a SYN queue on hook input sees traffic to the router (v6)") {
    std::string policy =
        "policy p { routeros 6; clients 192.168.88.0/24 via bridge; uplink ether1; "
        "hook input; }\n"
        "rate admin syn 5/min burst 5 per host to tcp 8291 using queue\n";
    std::string scenario =
        R"({"connections": [{"client": "192.168.88.20", "server": "192.168.88.1:8291",
      "count": 3, "every": 0.1}]})";
    Json report = simulate(policy, scenario);
    const Json* q = queue(report, "rosgen:p:admin.queue");
    REQUIRE(q != nullptr);
    CHECK(report["traffic"]["input"].get<int>() > 0);
    CHECK((*q)["packets"] == 3);  // the three SYNs: parent=global sees input traffic
  }
}
