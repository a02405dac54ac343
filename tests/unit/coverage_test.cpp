// Issue 9 §4, coverage: every case form of every nocase literal of the example and library
// policies is caught by the optimised rules (the covers' probes never let a form past), on
// RouterOS's default firewall with FastTrack. The SMTP signatures are sequences: each form
// of one stage is sent with a fixed form of the others. Every connection comes from a host
// of its own, so that the caps, the rates and the quarantines never mix verdicts.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "simulate_cafe_util.hpp"

using namespace rosgen;
using namespace rosgen::test::cafe;

namespace {

// Host `i` of the clients: of 192.168.88.0/24 (the café's, i < 250) while `cafe_hosts`,
// else of 10.0.0.0/8; never .0 or .255 of a /24, never .1 (the router).
bool cafe_hosts = false;

std::string host(int i) {
  if (cafe_hosts)
    return "192.168.88." + std::to_string(2 + i % 250);
  return "10." + std::to_string(i / 250 / 250 % 250) + "." + std::to_string(i / 250 % 250) + "." +
         std::to_string(2 + i % 250);
}

// An SMTP session to `port`: the server's banner, then each of `commands` in a packet of
// its own, each answered.
Json smtp(const std::string& name, int i, int port, const std::vector<std::string>& commands) {
  Json payloads = Json::array({from_server("220 mx.example ESMTP\r\n")});
  for (const std::string& command : commands) {
    payloads.push_back(from_client(command));
    payloads.push_back(from_server("250 ok\r\n"));
  }
  return tcp_connection(name, host(i), "203.0.113.25:" + std::to_string(port), i * 0.001,
                        std::move(payloads));
}

// The connections of `sim` not stopped by a rule of one of `signatures`, one per line.
std::string passed(const simulate::Simulator& sim, const std::vector<std::string>& signatures) {
  std::string out;
  for (const auto& c : sim.connections()) {
    bool by_signature = false;
    for (const std::string& name : signatures)
      by_signature |= c.fate && c.stopped_by.find(":" + name + ".") != std::string::npos;
    if (!by_signature)
      out += c.label + (c.fate ? " (stopped by " + c.stopped_by + ")" : "") + "\n";
  }
  return out;
}

std::unique_ptr<simulate::Simulator> run(const cli::SimulatedRouter& router, const Json& all) {
  return test::run_scenario(simulate::compile_rules(router.state, router.major), router.sim,
                            scenario(all));
}

}  // namespace

TEST_SUITE("coverage") {
  TEST_CASE("examples/cafe.pol: every form of HELO, EHLO and RCPT TO: (smtp-bot, 25 and 587)") {
    cli::SimulatedRouter router = cafe_router(7);
    cafe_hosts = true;
    Json all = Json::array();
    int i = 0;
    for (int port : {25, 587}) {
      for (const char* greeting : {"HELO", "EHLO"})
        for (const std::string& form : case_forms(greeting))
          all.push_back(smtp(form + " " + std::to_string(port), i++, port,
                             {form + " bot\r\n", "MAIL FROM:<a@b>\r\n", "RCPT TO:<c@d>\r\n"}));
      for (const std::string& form : case_forms("RCPT TO:"))
        all.push_back(smtp(form + " " + std::to_string(port), i++, port,
                           {"EHLO bot\r\n", "MAIL FROM:<a@b>\r\n", form + "<c@d>\r\n"}));
    }
    REQUIRE(all.size() == 2 * (16 + 16 + 64));
    cafe_hosts = false;
    auto sim = run(router, all);
    CHECK(sim->connections().size() == all.size());
    CHECK(passed(*sim, {"smtp-bot"}) == "");
  }

  TEST_CASE(
      "policies/: every form of CONNECT on every proxy port, of HELO/EHLO, MAIL FROM:, "
      "RCPT TO:") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("rosgen-coverage-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path policy = dir / "library.pol";
    std::ofstream(policy) << "policy library { routeros 7; clients 10.0.0.0/8 via bridge; "
                             "uplink ether1; }\ninclude \"http-connect.pol\"\n"
                             "include \"smtp-bots.pol\"\n";
    cli::SimulatedRouter router = test::policy_router(
        policy.string(), test::source_dir() + "/tests/import/defconf-v7.rsc", 7);
    fs::remove_all(dir);
    Json all = Json::array();
    int i = 0;
    for (int port : {80, 1080, 3128, 8000, 8080, 8888})
      for (const std::string& form : case_forms("CONNECT ")) {
        int k = i++;
        all.push_back(tcp_connection(
            form + std::to_string(port), host(k), "203.0.113.80:" + std::to_string(port), k * 0.001,
            Json::array({from_client(form + "mx.example:25 HTTP/1.1\r\n\r\n"),
                         from_server("HTTP/1.1 200 OK\r\n\r\n")})));
      }
    for (const char* greeting : {"HELO", "EHLO"})
      for (const std::string& form : case_forms(greeting))
        all.push_back(
            smtp(form, i++, 25, {form + " bot\r\n", "MAIL FROM:<a@b>\r\n", "RCPT TO:<c@d>\r\n"}));
    for (const std::string& form : case_forms("MAIL FROM:"))
      all.push_back(smtp(form, i++, 25, {"HELO bot\r\n", form + "<a@b>\r\n", "RCPT TO:<c@d>\r\n"}));
    for (const std::string& form : case_forms("RCPT TO:"))
      all.push_back(
          smtp(form, i++, 25, {"EHLO bot\r\n", "MAIL FROM:<a@b>\r\n", form + "<c@d>\r\n"}));
    REQUIRE(all.size() == 6 * 128 + 32 + 256 + 64);
    auto sim = run(router, all);
    CHECK(sim->connections().size() == all.size());
    CHECK(passed(*sim, {"http-connect", "smtp-direct"}) == "");
    // Not vacuous: the covers were in place (probe rules evaluated).
    std::size_t probes = 0;
    for (std::size_t r = 0; r < sim->rules().rules.size(); ++r)
      if (sim->rules().rules[r].label.find(".probe") != std::string::npos)
        probes += sim->rule_stats()[r].evaluated;
    CHECK(probes > 0);
  }
}
