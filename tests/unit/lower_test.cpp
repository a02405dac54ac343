// Tests for lower/lower: the shape of the RouterOS items for each rule kind, ownership
// comments, v6/v7 differences, and (with a tiny evaluator of mangle chains) that the
// signature chains flag exactly the connections they should, in every letter case.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "lower/budget.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

ir::Ruleset lowered(const std::string& rules, std::optional<int> target = std::nullopt) {
  auto ruleset = test::lower_rules(rules, target);
  REQUIRE(ruleset);
  return *ruleset;
}

std::vector<ir::Item> chain_items(const ir::Ruleset& r, ir::Menu menu, const std::string& chain) {
  std::vector<ir::Item> out;
  for (const auto& item : r.items) {
    if (item.menu == menu && item.get("chain") && *item.get("chain") == chain)
      out.push_back(item);
  }
  return out;
}

std::string prop(const ir::Item& item, const std::string& name) {
  const std::string* v = item.get(name);
  return v ? *v : "<none>";
}

// Connection state as the evaluator tracks it across packets of one connection.
struct Conn {
  std::string connection_mark;
};

bool mark_matches(const std::string& want, const std::string& have) {
  if (!want.empty() && want[0] == '!')
    return have != want.substr(1);
  return have == want;
}

// Runs `chain` of the mangle table on one packet with `payload`. Returns false when a
// rule stopped the table (passthrough=no); fails the test on any property it does not
// model, so that the chains stay within what this evaluator understands.
bool run_chain(const ir::Ruleset& r, const std::string& chain, const std::string& payload,
               std::string& packet_mark, Conn& conn, int depth = 0) {
  REQUIRE(depth < 8);
  for (const ir::Item& item : chain_items(r, ir::Menu::Mangle, chain)) {
    bool match = true;
    for (const auto& p : item.properties) {
      if (p.name == "content")
        match = match && payload.find(p.value) != std::string::npos;
      else if (p.name == "packet-mark")
        match = match && mark_matches(p.value, packet_mark);
      else if (p.name == "connection-mark")
        match = match && mark_matches(p.value, conn.connection_mark);
      else if (p.name != "chain" && p.name != "comment" && p.name != "action" &&
               p.name != "new-packet-mark" && p.name != "new-connection-mark" &&
               p.name != "passthrough" && p.name != "jump-target" && p.name != "log" &&
               p.name != "log-prefix") {
        FAIL("evaluator does not model " << p.name);
      }
    }
    if (!match)
      continue;
    const std::string action = prop(item, "action");
    if (action == "mark-packet")
      packet_mark = prop(item, "new-packet-mark");
    if (action == "mark-connection")
      conn.connection_mark = prop(item, "new-connection-mark");
    if (action == "return")
      return true;
    if (action == "jump" &&
        !run_chain(r, prop(item, "jump-target"), payload, packet_mark, conn, depth + 1))
      return false;
    if (prop(item, "passthrough") == "no")
      return false;
  }
  return true;
}

// Feeds packets of one connection through a signature chain; returns the final mark.
std::string flag(const ir::Ruleset& r, const std::string& sig,
                 const std::vector<std::string>& packets) {
  Conn conn;
  for (const std::string& payload : packets) {
    std::string packet_mark;
    if (conn.connection_mark == "rosgen-p-" + sig)
      break;  // the gate skips flagged ones
    run_chain(r, "rosgen-p-sig-" + sig, payload, packet_mark, conn);
  }
  return conn.connection_mark;
}

}  // namespace

TEST_SUITE("lower") {
  TEST_CASE("lower: every item is owned, and comments are unique within a menu") {
    auto r = test::lower_text(test::read_text(test::source_dir() + "/examples/cafe.pol"));
    REQUIRE(r);
    std::map<ir::Menu, std::set<std::string>> seen;
    for (const auto* list : {&r->items, &r->anchors, &r->guards}) {
      for (const auto& item : *list) {
        if (item.menu == ir::Menu::QueueType) {  // no comment in /queue type: owned by name
          CHECK(prop(item, "comment") == "<none>");
          CHECK(prop(item, "name").rfind("rosgen-cafe-", 0) == 0);
          continue;
        }
        const std::string comment = prop(item, "comment");
        CHECK(comment.rfind("rosgen:cafe:", 0) == 0);
        CHECK_MESSAGE(seen[item.menu].insert(comment).second, "duplicate " << comment);
      }
    }
  }

  TEST_CASE("lower: anchors jump from the built-in chain, gated on the client side") {
    auto r = lowered("cap a new connections 5 per host -> drop\n");
    REQUIRE(r.anchors.size() == 1);  // filter only: no mangle rules
    const auto& anchor = r.anchors[0];
    CHECK(anchor.menu == ir::Menu::Filter);
    CHECK(prop(anchor, "chain") == "forward");
    CHECK(prop(anchor, "action") == "jump");
    CHECK(prop(anchor, "jump-target") == "rosgen-p-fwd");
    CHECK(prop(anchor, "in-interface") == "bridge");
    CHECK(prop(anchor, "src-address") == "10.0.0.0/24");
    CHECK(prop(anchor, "out-interface") == "ether1");
  }

  TEST_CASE("lower: hook input adds an input anchor without the uplink gate") {
    auto r = test::lower_text(
        "policy p { clients 10.0.0.0/24, 10.1.0.0/24 via list LAN; uplink list WAN; hook forward, "
        "input; }\n"
        "cap a new connections 5 per host -> drop\n");
    REQUIRE(r);
    REQUIRE(r->anchors.size() == 2);
    CHECK(prop(r->anchors[0], "chain") == "forward");
    CHECK(prop(r->anchors[0], "out-interface-list") == "WAN");
    CHECK(prop(r->anchors[1], "chain") == "input");
    CHECK(prop(r->anchors[1], "jump-target") == "rosgen-p-in");
    CHECK(prop(r->anchors[1], "out-interface-list") == "<none>");
    CHECK(prop(r->anchors[1], "in-interface-list") == "LAN");
    // Two client prefixes become an address list.
    CHECK(prop(r->anchors[1], "src-address-list") == "rosgen-p-clients");
    CHECK(test::items_where(*r, "list", "rosgen-p-clients").size() == 2);
  }

  TEST_CASE("lower: connection caps always carry the new-connection gate") {
    for (const char* rule :
         {"cap a connections 5 per host -> drop\n", "cap a new connections 5 per /24 -> drop\n"}) {
      auto r = lowered(rule);
      auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
      REQUIRE(items.size() == 1);
      CHECK(prop(items[0], "connection-state") == "new");
      CHECK(prop(items[0], "connection-limit").rfind("5,", 0) == 0);
    }
    auto r = lowered("cap a new connections 5 per /24 -> drop\n");
    CHECK(prop(chain_items(r, ir::Menu::Filter, "rosgen-p-fwd")[0], "connection-limit") == "5,24");
  }

  TEST_CASE("lower: port lists are sorted, with overlapping and adjacent ranges merged") {
    struct Case {
      const char* ports;
      const char* dst_port;
    };

    for (const Case& c : std::vector<Case>{
             {"tcp 25, 25, 1-100, 50, 101, 20-30", "1-101"},
             {"tcp 587, 25, 465", "25,465,587"},
             {"tcp 22, 23, 3389", "22-23,3389"},
             {"tcp 100-200, 150-300, 302", "100-300,302"},
             {"tcp 10-20, 21-30, 5", "5,10-30"},
             {"tcp 65535, 1-65534", "1-65535"},
         }) {
      INFO(c.ports);
      auto r =
          lowered(std::string("cap a new connections 5 per host to ") + c.ports + " -> drop\n");
      auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
      REQUIRE(items.size() == 1);
      CHECK(prop(items[0], "dst-port") == c.dst_port);
    }
    // Every port, one by one: one range, not 65,535 entries.
    std::string all = "set all = tcp 1";
    for (int port = 2; port <= 65535; ++port) all += ", " + std::to_string(port);
    auto r = lowered(all + "\ncap a new connections 5 per host to all -> drop\n");
    CHECK(prop(chain_items(r, ir::Menu::Filter, "rosgen-p-fwd")[0], "dst-port") == "1-65535");
  }

  TEST_CASE("lower: reject sends a TCP reset on tcp, ICMP otherwise; tarpit needs tcp") {
    auto r = lowered(
        "set u = udp 53\ncap a new connections 5 per host to tcp 25 -> reject\n"
        "cap b new connections 5 per host to u -> reject\n"
        "cap c new connections 5 per host to tcp 22 -> tarpit\n");
    auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(items.size() == 3);
    CHECK(prop(items[0], "reject-with") == "tcp-reset");
    CHECK(prop(items[0], "protocol") == "tcp");
    CHECK(prop(items[1], "reject-with") == "icmp-port-unreachable");
    CHECK(prop(items[1], "protocol") == "udp");
    CHECK(prop(items[2], "action") == "tarpit");
    CHECK(prop(items[2], "protocol") == "tcp");
  }

  TEST_CASE("lower: tcp-only verdicts carry protocol=tcp on their own rule") {
    // The protocol used to sit only on the jump or gate; RouterOS refuses tarpit and
    // tcp-reset unless the same rule matches protocol=tcp (issue 6, A.1).
    auto rate = lowered("rate r syn 5/min per host to tcp 25 -> tarpit\n");
    auto over = chain_items(rate, ir::Menu::Filter, "rosgen-p-r");
    REQUIRE(over.size() == 2);
    CHECK(prop(over[1], "action") == "tarpit");
    CHECK(prop(over[1], "protocol") == "tcp");
    auto sig = lowered(
        "signature s to tcp 25 within first 4KiB { in sequence: \"HELO\", \"RCPT TO:\" } -> "
        "reject\n");
    auto verdict = chain_items(sig, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(verdict.size() == 1);
    CHECK(prop(verdict[0], "reject-with") == "tcp-reset");
    CHECK(prop(verdict[0], "protocol") == "tcp");
  }

  TEST_CASE("lower: reject on any protocol counts once and branches to tcp-reset or ICMP") {
    auto r = lowered("cap a new connections 60 per host -> reject\n");
    auto counting = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(counting.size() == 1);  // one connection-limit rule: one count (reference §1.4)
    CHECK(prop(counting[0], "connection-limit") == "60,32");
    CHECK(prop(counting[0], "jump-target") == "rosgen-p-a-verdict");
    auto verdict = chain_items(r, ir::Menu::Filter, "rosgen-p-a-verdict");
    REQUIRE(verdict.size() == 2);
    CHECK(prop(verdict[0], "protocol") == "tcp");
    CHECK(prop(verdict[0], "reject-with") == "tcp-reset");
    CHECK(verdict[1].get("protocol") == nullptr);
    CHECK(prop(verdict[1], "reject-with") == "icmp-port-unreachable");
  }

  TEST_CASE("lower: quarantine behind an expensive match jumps to a verdict chain") {
    auto r = lowered("cap a new connections 5 per host -> quarantine 1h, log \"cap a\"\n");
    auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(items.size() == 2);
    CHECK(prop(items[0], "src-address-list") == "rosgen-p-quarantine");
    CHECK(prop(items[0], "action") == "drop");
    CHECK(prop(items[1], "action") == "jump");
    CHECK(prop(items[1], "jump-target") == "rosgen-p-a-verdict");
    auto verdict = chain_items(r, ir::Menu::Filter, "rosgen-p-a-verdict");
    REQUIRE(verdict.size() == 3);
    // Logging is a rule of its own with a limit, so a flood cannot fill the log.
    CHECK(prop(verdict[0], "action") == "log");
    CHECK(prop(verdict[0], "log-prefix") == "cap a");
    CHECK(prop(verdict[0], "limit") == "10/1m,5:packet");
    CHECK(prop(verdict[1], "action") == "add-src-to-address-list");
    CHECK(prop(verdict[1], "address-list-timeout") == "1h");
    CHECK(verdict[1].get("log") == nullptr);
    CHECK(prop(verdict[2], "action") == "drop");
  }

  TEST_CASE("lower: a dst-limit SYN rate returns under the rate and drops over it") {
    auto r = lowered("rate r syn 5/min burst 10 per host to tcp 25 -> drop, log \"r\"\n");
    auto jump = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(jump.size() == 1);
    CHECK(prop(jump[0], "tcp-flags") == "syn,!ack");
    CHECK(prop(jump[0], "connection-state") == "new");
    CHECK(prop(jump[0], "jump-target") == "rosgen-p-r");
    auto chain = chain_items(r, ir::Menu::Filter, "rosgen-p-r");
    REQUIRE(chain.size() == 3);
    CHECK(prop(chain[0], "action") == "return");
    CHECK(prop(chain[0], "dst-limit") == "5/1m,10,src-address/2m");
    CHECK(prop(chain[1], "action") == "log");
    CHECK(prop(chain[1], "limit") == "10/1m,5:packet");
    CHECK(prop(chain[1], "log-prefix") == "r");
    CHECK(prop(chain[2], "action") == "drop");
    CHECK(chain[2].get("log") == nullptr);
    auto per_second = lowered("rate r syn 20/s per host to tcp 80\n");
    CHECK(prop(chain_items(per_second, ir::Menu::Filter, "rosgen-p-r")[0], "dst-limit") ==
          "20,20,src-address/1m");
  }

  TEST_CASE("lower: a queued SYN rate shows its arithmetic; v6 and v7 differ") {
    auto v7 = lowered("rate r syn 5/min burst 5 per host to tcp 25 using queue\n");
    auto types = test::items_where(v7, "kind", "pcq");
    REQUIRE(types.size() == 1);
    CHECK(prop(types[0], "pcq-rate") == "40");  // 5 x 60 B x 8 / 60 s
    CHECK(prop(types[0], "pcq-limit") == "1KiB");
    CHECK(prop(types[0], "pcq-classifier") == "src-address");
    REQUIRE(types[0].remarks.size() == 3);
    CHECK(types[0].remarks[1].find("= 40 bit/s") != std::string::npos);
    // The remark says what 1 KiB holds: 5 x 60 B rounded up, i.e. up to 25 SYNs of 40 B.
    CHECK(types[0].remarks[2] ==
          "  queue holds 1 KiB per source: the burst of 5 SYNs x 60 B, rounded up to whole "
          "KiB, so it really holds up to 17 SYNs of 60 B (25 of 40 B) before it drops");
    auto tree = test::items_where(v7, "queue", "rosgen-p-r");  // the queue tree
    REQUIRE(tree.size() == 1);
    CHECK(prop(tree[0], "parent") == "global");
    auto mark = chain_items(v7, ir::Menu::Mangle, "rosgen-p-fwd");
    REQUIRE(mark.size() == 2);
    CHECK(prop(mark[0], "new-packet-mark") == "rosgen-p-r");
    // passthrough=no would end the built-in chain, and the operator's mangle rules after
    // the anchor with it: mark, pass through, then return from rosgen's chain.
    CHECK(prop(mark[0], "passthrough") == "yes");
    CHECK(prop(mark[1], "action") == "return");
    CHECK(prop(mark[1], "packet-mark") == "rosgen-p-r");

    auto v6 = lowered("rate r syn 5/min burst 5 per host to tcp 25 using queue\n", 6);
    // KiB on v6 too: every v6 export found (6.35.1-6.49.7) prints pcq-limit in KiB.
    auto v6_type = test::items_where(v6, "kind", "pcq")[0];
    CHECK(prop(v6_type, "pcq-limit") == "1KiB");
    REQUIRE(v6_type.remarks.size() == 4);
    CHECK(v6_type.remarks[3].find("unverified for older releases") != std::string::npos);
    // Naming a release that exports show printing KiB drops the doubt.
    auto v649 = test::lower_text(
        "policy p { routeros 6.49; clients 10.0.0.0/24 via bridge; uplink list WAN; }\n"
        "rate r syn 5/min burst 5 per host to tcp 25 using queue\n");
    REQUIRE(v649);
    CHECK(test::items_where(*v649, "kind", "pcq")[0].remarks.size() == 3);
    auto v649_tree = test::items_where(*v649, "queue", "rosgen-p-r")[0];
    CHECK(prop(v649_tree, "parent") == "global");
    CHECK(v649_tree.remarks.empty());  // 6.48+ exports print parent=global
    CHECK(prop(test::items_where(v6, "queue", "rosgen-p-r")[0], "parent") == "ether1");
  }

  TEST_CASE("lower: signature gates test cheap things before any content") {
    auto r = lowered(
        "signature s to tcp 80 within first 1KiB { in one packet: nocase \"GET \", \"HTTP/1.\" } "
        "-> drop\n");
    auto gate = chain_items(r, ir::Menu::Mangle, "rosgen-p-fwd");
    REQUIRE(gate.size() == 1);
    CHECK(prop(gate[0], "protocol") == "tcp");
    CHECK(prop(gate[0], "dst-port") == "80");
    CHECK(prop(gate[0], "connection-bytes") == "0-1024");
    // 40 B of headers + "GET HTTP/1." at the least: both literals, which cannot overlap.
    CHECK(prop(gate[0], "packet-size") == "51-65535");
    CHECK(prop(gate[0], "tcp-flags") == "!syn");  // a SYN's data is not inspected
    CHECK(prop(gate[0], "connection-mark") == "!rosgen-p-s");
    CHECK(prop(gate[0], "content") == "<none>");
    auto verdict = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(verdict.size() == 1);
    CHECK(prop(verdict[0], "connection-mark") == "rosgen-p-s");
    CHECK(prop(verdict[0], "action") == "drop");
  }

  TEST_CASE("lower: in one packet, every case form is caught and nothing else is") {
    auto r = lowered(
        "signature s to tcp 80 { in one packet: nocase \"CONNECT \", \"HTTP/1.\" } -> drop\n");
    CHECK(flag(r, "s", {"CONNECT example.org:443 HTTP/1.1\r\n"}) == "rosgen-p-s");
    CHECK(flag(r, "s", {"cOnNeCt example.org:443 HTTP/1.0\r\n"}) == "rosgen-p-s");
    CHECK(flag(r, "s", {"GET / HTTP/1.1\r\n"}) == "");
    CHECK(flag(r, "s", {"CONNECT example.org:443 http/1.1\r\n"}) == "");  // HTTP/1. as written
    CHECK(flag(r, "s", {"CONNECT a:1", "HTTP/1.1"}) == "");               // not in one packet
    // Exhaustive: all 128 case forms of the method.
    std::string word = "connect";
    for (unsigned mask = 0; mask < 128; ++mask) {
      std::string form = word;
      for (unsigned i = 0; i < 7; ++i) {
        if (mask & (1u << i))
          form[i] = static_cast<char>(form[i] - 'a' + 'A');
      }
      CHECK(flag(r, "s", {form + " x:1 HTTP/1.1"}) == "rosgen-p-s");
    }
  }

  TEST_CASE("lower: in sequence, order matters and progress survives other packets") {
    auto r = lowered(
        "signature b to tcp 25 { in sequence: nocase \"HELO\", nocase \"RCPT TO:\", \"DATA\" } -> "
        "drop\n");
    CHECK(flag(r, "b", {"HELO x", "MAIL FROM:<a>", "rcpt To:<b>", "noise", "DATA"}) ==
          "rosgen-p-b");
    CHECK(flag(r, "b", {"RCPT TO:<b>", "HELO x", "DATA"}) == "rosgen-p-b-1");  // RCPT before HELO
    // One packet advances through every stage it holds, in any order inside the packet.
    CHECK(flag(r, "b", {"HELO x RCPT TO:<b> DATA"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"DATA RCPT TO:<b> HELO x"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"HELO x", "RCPT TO:<a>\r\nRCPT TO:<b>\r\nDATA"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"HELO x RCPT TO:<b>", "noise"}) == "rosgen-p-b-2");
    // Across packets the written order holds: a later stage's literal alone does nothing.
    CHECK(flag(r, "b", {"RCPT TO:<b> DATA", "HELO x"}) == "rosgen-p-b-1");
    CHECK(flag(r, "b", {"HELO", "HELO", "RCPT TO:", "HELO", "DATA"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"EHLO x", "RCPT TO:"}) == "");
  }

  TEST_CASE("lower: a stage accepts any of its alternatives, in every case form") {
    auto r = lowered(
        "signature b to tcp 25 { in sequence: nocase \"HELO\" | nocase \"EHLO\", "
        "nocase \"RCPT TO:\" } -> drop\n");
    CHECK(flag(r, "b", {"EHLO x", "RCPT TO:<b>"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"helo x", "rcpt to:<b>"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"eHlO x", "RcPt tO:<b>"}) == "rosgen-p-b");
    CHECK(flag(r, "b", {"LHLO x", "RCPT TO:<b>"}) == "");
    // Ids: the first alternative keeps the one-literal id, the second adds ".alt2".
    std::set<std::string> ids;
    for (const auto& item : r.items) {
      if (const std::string* c = item.get("comment"))
        ids.insert(*c);
    }
    CHECK(ids.count("rosgen:p:b.lit1.v00") == 1);
    CHECK(ids.count("rosgen:p:b.lit1.v0f") == 1);
    CHECK(ids.count("rosgen:p:b.lit1.alt2.v00") == 1);
    CHECK(ids.count("rosgen:p:b.lit1.alt2.v0f") == 1);
    CHECK(ids.count("rosgen:p:b.lit2.v00") == 1);
    CHECK(ids.count("rosgen:p:b.lit2.next") == 1);  // stage 1 jumps on to stage 2
    CHECK(ids.count("rosgen:p:b.lit3.next") == 0);  // the last stage jumps nowhere
  }

  TEST_CASE("lower: ids come from names, so a new rule leaves the others' items alone") {
    auto before = lowered(
        "cap b new connections 5 per host to tcp 25 -> drop\n"
        "signature s to tcp 80 { in one packet: \"X\" } -> drop\n");
    auto after = lowered(
        "cap a new connections 9 per host -> reject\n"
        "cap b new connections 5 per host to tcp 25 -> drop\n"
        "signature s to tcp 80 { in one packet: \"X\" } -> drop\n");
    for (const auto& item : before.items) {
      auto same = test::items_where(after, "comment", prop(item, "comment"));
      REQUIRE(same.size() == 1);
      CHECK(same[0] == item);
    }
  }

  TEST_CASE("lower: throttle marks the connection and shapes it through a PCQ queue") {
    auto r = lowered("signature s to tcp 80 { in one packet: \"X\" } -> throttle 64k\n");
    auto mangle = chain_items(r, ir::Menu::Mangle, "rosgen-p-fwd");
    REQUIRE(mangle.size() == 3);
    CHECK(prop(mangle[1], "connection-mark") == "rosgen-p-s");
    CHECK(prop(mangle[1], "new-packet-mark") == "rosgen-p-s-throttle");
    CHECK(prop(mangle[1], "passthrough") == "yes");
    CHECK(prop(mangle[2], "action") == "return");
    CHECK(prop(mangle[2], "packet-mark") == "rosgen-p-s-throttle");
    CHECK(prop(test::items_where(r, "kind", "pcq")[0], "pcq-rate") == "64000");
    CHECK(test::items_where(r, "queue", "rosgen-p-s-throttle").size() == 1);
    CHECK(chain_items(r, ir::Menu::Filter, "rosgen-p-fwd").empty());
  }

  TEST_CASE("lower: sources become src-address or an address list, negated by except") {
    auto r = lowered(
        "set lan = 10.0.0.0/25, 10.0.0.128/25\n"
        "cap a new connections 5 per host except lan -> drop\n"
        "cap b new connections 5 per host from 10.0.0.7 -> drop\n");
    auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    CHECK(prop(items[0], "src-address-list") == "!rosgen-p-set-lan");
    CHECK(prop(items[1], "src-address") == "10.0.0.7");
    CHECK(test::items_where(r, "list", "rosgen-p-set-lan").size() == 2);
  }

  TEST_CASE("lower: a protocol without ports means every port of it") {
    auto r = lowered(
        "set anytcp = tcp\n"
        "cap a new connections 5 per host to tcp -> tarpit\n"
        "rate b syn 5/s per host to tcp 25, anytcp\n");
    auto items = chain_items(r, ir::Menu::Filter, "rosgen-p-fwd");
    REQUIRE(items.size() == 2);
    CHECK(prop(items[0], "protocol") == "tcp");
    CHECK(prop(items[0], "dst-port") == "<none>");
    CHECK(prop(items[1], "dst-port") == "<none>");  // 25 plus every port is every port
  }

  TEST_CASE("lower: durations print the RouterOS way") {
    CHECK(ir::routeros_duration(90) == "1m30s");
    CHECK(ir::routeros_duration(3600) == "1h");
    CHECK(ir::routeros_duration(21474836) == "35w3d13h13m56s");
  }

  TEST_CASE("lower: the item budget counts every item of the output, by contributor") {
    auto checked = test::check_text(test::read_text(test::source_dir() + "/examples/cafe.pol"));
    REQUIRE(checked.policy);
    sema::Policy ordered = lower::order(*checked.policy);
    ir::Ruleset ruleset = lower::lower(ordered);
    std::vector<lower::ItemShare> shares = lower::count_items(ordered, ruleset);
    std::size_t sum = 0;
    for (const auto& share : shares) sum += share.items;
    CHECK(sum == ruleset.items.size() + ruleset.anchors.size() + ruleset.guards.size());
    REQUIRE(shares.size() >= 3);
    CHECK(shares[0].what == "signature 'proxy-connect'");  // 2^7 + 2^4 case forms
    CHECK(shares[0].rule == "proxy-connect");
    CHECK(shares[1].what == "signature 'smtp-bot'");
    for (std::size_t i = 1; i < shares.size(); ++i) CHECK(shares[i - 1].items >= shares[i].items);
    // The queued rate's queue type (no comment) counts with its queue tree.
    auto rate = std::find_if(shares.begin(), shares.end(),
                             [](const lower::ItemShare& s) { return s.rule == "smtp-syn"; });
    REQUIRE(rate != shares.end());
    CHECK(rate->what == "rate 'smtp-syn'");
    CHECK(rate->items == 4);  // mark, return, and the queue type with its queue tree

    support::DiagnosticEngine diags;
    CHECK(lower::check_item_budget(ordered, ruleset, diags));
    CHECK_FALSE(diags.has_errors());
    ordered.site.item_budget = static_cast<std::uint32_t>(sum);
    CHECK(lower::check_item_budget(ordered, ruleset, diags));
    ordered.site.item_budget = static_cast<std::uint32_t>(sum - 1);
    CHECK_FALSE(lower::check_item_budget(ordered, ruleset, diags));
    REQUIRE(diags.diagnostics().size() == 1);
    const support::Diagnostic& error = diags.diagnostics()[0];
    CHECK(error.message.starts_with("policy 'cafe' compiles to " + std::to_string(sum) +
                                    " RouterOS items, over the item budget of " +
                                    std::to_string(sum - 1) +
                                    "; the largest contributors are signature 'proxy-connect' ("));
    CHECK(error.range == *ordered.sources.block);  // no 'item-budget' setting: the block
    REQUIRE(error.notes.size() >= 2);
    CHECK(error.notes[0].range == ordered.sources.rules.at("proxy-connect"));
  }
}
