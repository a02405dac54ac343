// `rosgen simulate` through the command line, in process: --clients retargets a policy.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

struct Run {
  int code = 0;
  std::string out, err;
};

// Runs `rosgen simulate ARGS...` from the source tree.
Run simulate(const std::vector<std::string>& args) {
  fs::path saved = fs::current_path();
  fs::current_path(test::source_dir());
  std::vector<std::string> all = {"rosgen", "simulate"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : all) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Run run;
  run.code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
  fs::current_path(saved);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::string pcap(const std::string& name) {
  return test::shared_data_dir() + "/pcap/" + name;
}

// "client -> server:port" -> the rule that stopped it ("" when it passed), from --json.
std::map<std::string, std::string> verdicts(const std::string& json) {
  std::map<std::string, std::string> out;
  nlohmann::json document = nlohmann::json::parse(json);
  for (const auto& c : document.at("connections")) {
    std::string name = c.at("client").get<std::string>() + " -> " +
                       c.at("server").get<std::string>() + ":" +
                       std::to_string(c.at("server_port").get<int>());
    out[name] = c.contains("stopped_by") ? c.at("stopped_by").get<std::string>() : "";
  }
  return out;
}

}  // namespace

TEST_SUITE("simulate") {
  TEST_CASE("simulate: --clients gives a policy the capture's clients (replay from any network)") {
    // The CONNECT of ndpi_http_connect.pcap comes from 192.168.1.103, not from the café's
    // 192.168.88.0/24: with --clients the policy is compiled for that host, so its
    // signature sees the request.
    Run run = simulate({"examples/cafe.pol", "--pcap", pcap("ndpi_http_connect.pcap"), "--clients",
                        "192.168.1.103/32", "--json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    std::map<std::string, std::string> expected = {
        {"192.168.1.103 -> 192.168.1.146:8080", "rosgen:cafe:proxy-connect.forward.drop"}};
    CHECK(verdicts(run.out) == expected);
    // A range is split into the prefixes that cover it (two here: an address list).
    Run range = simulate({"examples/cafe.pol", "--pcap", pcap("ndpi_http_connect.pcap"),
                          "--clients", "192.168.1.103-192.168.1.104", "--json"});
    REQUIRE_MESSAGE(range.code == 0, range.err);
    CHECK(verdicts(range.out) == expected);
  }
}
