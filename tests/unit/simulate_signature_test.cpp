// examples/cafe.pol's precise signatures on RouterOS's default firewall (issue 9 §3),
// simulated: the anchored CONNECT signature spares a generated corpus of ordinary HTTP
// requests that contain the word "connect" (paths, queries, headers, bodies); the SMTP
// signature catches EHLO bots in every case form, bots that pipeline their commands or
// send the whole session in one packet, and a mail client submitting through a relay is
// treated as grammar/LANGUAGE.md says (STARTTLS: passes; plaintext: stopped like a bot).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "simulate_cafe_util.hpp"

using namespace rosgen;
using namespace rosgen::test::cafe;

namespace {

// Ordinary requests that hold "connect" (in many cases also "connect " with the space the
// signature's literal has, so their packets meet the layer7 regexp): methods x targets x
// headers, POST bodies in the request's packet, some starting with "CONNECT ".
std::vector<std::string> ordinary_requests() {
  const std::vector<std::string> targets = {
      "/api/connect",
      "/connect",
      "/search?q=how+to+connect",
      "/search?q=connect to wifi",
      "/wp-admin/admin.php?page=jetpack&action=jetpack_connect",
      "/oauth/connect?client_id=42",
      "/Connect/Index.aspx",
      "/help/CONNECT%20printer",
      "/blog/why-we-connect",
      "/connect/token"};
  const std::vector<std::string> headers = {
      "Connection: keep-alive\r\n", "Connection: close\r\nX-Note: connect later\r\n",
      "User-Agent: ConnectBot/1.0 (connect me)\r\n",
      "Referer: http://example.com/connect now\r\nConnection: Upgrade\r\n",
      "Accept: */*\r\nX-Reason: CONNECT requests are refused here\r\n"};
  std::vector<std::string> out;
  for (const char* method : {"GET", "HEAD", "OPTIONS", "DELETE"}) {
    for (const std::string& target : targets) {
      for (const std::string& header : headers) {
        out.push_back(std::string(method) + " " + target + " HTTP/1.1\r\nHost: example.com\r\n" +
                      header + "\r\n");
      }
    }
  }
  const std::vector<std::string> bodies = {
      "CONNECT example.com:443 HTTP/1.1", "connect me with support please",
      "action=jetpack_connect&nonce=1", "Connect four HTTP/1.1 games",
      "CONNECT  double space, then HTTP/1.0"};
  for (const std::string& target : targets) {
    for (const std::string& body : bodies) {
      for (const char* method : {"POST", "PUT"}) {
        out.push_back(std::string(method) + " " + target +
                      " HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\n"
                      "Content-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body);
      }
    }
  }
  return out;
}

// An SMTP session from 192.168.88.<host> to port `port`, the server's banner first, then
// the client's `packets` (each answered by the server's "250 ok").
Json smtp_session(const std::string& name, int host, int port, double start,
                  const std::vector<std::string>& packets) {
  Json payloads = Json::array({from_server("220 mx.example ESMTP\r\n")});
  for (const std::string& p : packets) {
    payloads.push_back(from_client(p));
    payloads.push_back(from_server("250 ok\r\n"));
  }
  return tcp_connection(name, "192.168.88." + std::to_string(host),
                        "203.0.113.25:" + std::to_string(port), start, std::move(payloads));
}

std::unique_ptr<simulate::Simulator> run_cafe(const Json& connections) {
  cli::SimulatedRouter router = cafe_router(7);
  return test::run_scenario(simulate::compile_rules(router.state, router.major), router.sim,
                            scenario(connections));
}

}  // namespace

TEST_SUITE("simulate") {
  TEST_CASE("cafe on defconf v7: no ordinary request holding 'connect' is stopped") {
    const std::vector<std::string> requests = ordinary_requests();
    REQUIRE(requests.size() >= 200);
    Json connections = Json::array();
    const int ports[] = {80, 8080, 3128};
    for (std::size_t i = 0; i < requests.size(); ++i) {
      connections.push_back(tcp_connection(
          "request " + std::to_string(i) + ": " + requests[i].substr(0, requests[i].find('\r')),
          "192.168.88." + std::to_string(2 + i % 200),
          "198.51.100.80:" + std::to_string(ports[i % 3]), 0.05 * static_cast<double>(i),
          {from_client(requests[i]), from_server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")}));
    }
    auto sim = run_cafe(connections);
    REQUIRE(sim->connections().size() == requests.size());
    std::string stopped;
    for (const auto& c : sim->connections()) {
      if (c.fate)
        stopped += c.label + " by " + c.stopped_by + "\n";
    }
    CHECK(stopped == "");
    CHECK(sim->totals().connections_stopped == 0);
    // Not vacuous: requests held a case form of "CONNECT " next to "HTTP/1.", so the
    // layer7 regexp ran on them (and refused them: the form is not at the start).
    CHECK(sim->totals().cost.layer7_tests >= 100);
  }

  TEST_CASE("cafe on defconf v7: EHLO bots are stopped, in every case form of EHLO") {
    const std::vector<std::string> ehlo = case_forms("EHLO");
    const std::vector<std::string> rcpt = case_forms("RCPT TO:");
    REQUIRE(ehlo.size() == 16);
    Json connections = Json::array();
    for (std::size_t i = 0; i < 2 * ehlo.size(); ++i) {
      const std::string& hello = ehlo[i % ehlo.size()];
      const std::string& to = rcpt[(i * 7) % rcpt.size()];
      connections.push_back(
          smtp_session("'" + hello + "' ... '" + to + "'", 2 + static_cast<int>(i),
                       i % 2 == 0 ? 25 : 587, 0.2 * static_cast<double>(i),
                       {hello + " bot.example\r\n", "MAIL FROM:<a@spam.example>\r\n",
                        to + "<victim@victim.example>\r\n", "DATA\r\n"}));
    }
    auto sim = run_cafe(connections);
    // Packet 9 is the RCPT TO: (SYN, SYN-ACK, ACK, banner, EHLO, 250, MAIL FROM, 250).
    CHECK(not_stopped_as(*sim, kSmtpDrop, 9) == "");
    CHECK(sim->totals().connections_stopped == 32);
  }

  TEST_CASE("cafe on defconf v7: pipelining bots and bots that send it all at once") {
    Json connections = Json::array();
    // RFC 2920 pipelining: MAIL FROM and RCPT TO in one packet, after the greeting.
    connections.push_back(
        smtp_session("pipelined", 2, 25, 0,
                     {"EHLO bot.example\r\n",
                      "MAIL FROM:<a@spam.example>\r\nRCPT TO:<v@victim.example>\r\n"
                      "RCPT TO:<w@victim.example>\r\nDATA\r\n"}));
    // An early talker: the whole session in one packet, right after the banner.
    connections.push_back(smtp_session("all at once", 3, 25, 1,
                                       {"HELO bot\r\nMAIL FROM:<a@spam.example>\r\n"
                                        "RCPT TO:<v@victim.example>\r\nDATA\r\n"}));
    // ... in another order inside the packet, and lower case: any order counts there.
    connections.push_back(
        smtp_session("all at once, reordered", 4, 587, 2,
                     {"rcpt to:<v@victim.example>\r\nmail from:<a@spam.example>\r\nehlo bot\r\n"}));
    auto sim = run_cafe(connections);
    CHECK(connection(*sim, "pipelined").stopped_by == kSmtpDrop);
    CHECK(connection(*sim, "pipelined").stopped_at_packet == 7);
    CHECK(connection(*sim, "all at once").stopped_by == kSmtpDrop);
    CHECK(connection(*sim, "all at once").stopped_at_packet == 5);
    CHECK(connection(*sim, "all at once, reordered").stopped_by == kSmtpDrop);
    CHECK(connection(*sim, "all at once, reordered").stopped_at_packet == 5);
  }

  TEST_CASE("cafe on defconf v7: mail through a relay, as grammar/LANGUAGE.md documents") {
    Json connections = Json::array();
    // A mail client submitting on 587 with STARTTLS: its EHLO is seen (the connection
    // starts the sequence), its RCPT TO: is encrypted: it passes.
    Json tls = Json::array({from_server("220 smtp.provider.example ESMTP\r\n"),
                            from_client("EHLO laptop.local\r\n"),
                            from_server("250-smtp.provider.example\r\n250 STARTTLS\r\n"),
                            from_client("STARTTLS\r\n"),
                            from_server("220 2.0.0 Ready\r\n"),
                            {{"from", "client"}, {"hex", "1603010200010001fc0303"}},
                            {{"from", "server"}, {"hex", "160303004a0200004603"}},
                            {{"from", "client"}, {"hex", "1703030040aabbccddeeff"}},
                            {{"from", "server"}, {"hex", "17030300301122334455"}}});
    connections.push_back(
        tcp_connection("relay, STARTTLS", "192.168.88.20", "198.51.100.25:587", 0, tls));
    // The same client without STARTTLS: EHLO, then RCPT TO: in clear text, as a bot would.
    connections.push_back(
        smtp_session("relay, plaintext", 21, 587, 1,
                     {"EHLO laptop.local\r\n", "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n",
                      "MAIL FROM:<alice@provider.example>\r\n", "RCPT TO:<bob@example.org>\r\n"}));
    auto sim = run_cafe(connections);
    CHECK_FALSE(connection(*sim, "relay, STARTTLS").fate);
    CHECK(connection(*sim, "relay, plaintext").stopped_by == kSmtpDrop);
    CHECK(connection(*sim, "relay, plaintext").stopped_at_packet == 11);
  }

  TEST_CASE("cafe on defconf v7: 'CONNECT ' later in the connection's data is not anchored") {
    Json connections = Json::array();
    // A keep-alive connection whose second request is a CONNECT: not at the start of the
    // client's data (the regexp saw the first request), so not stopped.
    connections.push_back(tcp_connection(
        "second request", "192.168.88.30", "198.51.100.80:8080", 0,
        {from_client("GET /connect HTTP/1.1\r\nHost: a\r\n\r\n"),
         from_server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
         from_client("CONNECT mx.example:25 HTTP/1.1\r\nHost: mx.example\r\n\r\n")}));
    // A CONNECT that opens the connection is stopped, whatever follows in the packet.
    connections.push_back(tcp_connection(
        "first request", "192.168.88.31", "198.51.100.80:8080", 1,
        {from_client("connect mx.example:25 HTTP/1.0\r\nUser-Agent: GET /x\r\n\r\n")}));
    // Blank lines before the request line (HTTP servers skip them, RFC 9112 §2.2): still
    // the start of the client's data, so stopped.
    connections.push_back(tcp_connection(
        "blank lines first", "192.168.88.32", "198.51.100.80:3128", 2,
        {from_client("\r\n\r\nCONNECT mx.example:25 HTTP/1.1\r\nHost: mx.example\r\n\r\n")}));
    auto sim = run_cafe(connections);
    CHECK_FALSE(connection(*sim, "second request").fate);
    CHECK(connection(*sim, "first request").stopped_by == kConnectDrop);
    CHECK(connection(*sim, "first request").stopped_at_packet == 4);
    CHECK(connection(*sim, "blank lines first").stopped_by == kConnectDrop);
  }
}
