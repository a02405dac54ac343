// Tests for src/capture/decode: every link type, VLAN tags, IPv4 options, IPv6 extension
// headers, fragments, every truncation, malformed headers, non-IP frames, random damage.
// The libpcap source is tested in capture_pcap_test.cpp, scenarios in
// capture_scenario_test.cpp.
#include <doctest/doctest.h>

#include <random>

#include "capture/decode.hpp"

using namespace rosgen;
using namespace rosgen::capture;

namespace {

std::string be16(std::uint32_t v) {
  return {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}

std::string be32(std::uint32_t v) {
  return be16(v >> 16) + be16(v & 0xffff);
}

std::string le32(std::uint32_t v) {
  std::string b = be32(v);
  return {b[3], b[2], b[1], b[0]};
}

const std::string kSrc4{'\xc0', '\xa8', '\x58', '\x0a'};  // 192.168.88.10
const std::string kDst4{'\xcb', '\x00', '\x71', '\x05'};  // 203.0.113.5

std::string v6_address(std::uint8_t last) {
  std::string a(16, '\0');
  a[0] = '\x20', a[1] = '\x01', a[2] = '\x0d', a[3] = '\xb8';  // 2001:db8::last
  a[15] = static_cast<char>(last);
  return a;
}

// An IPv4 header (+ options) and `rest`; `fragment` is the flags/offset field.
std::string ipv4(std::uint8_t protocol, const std::string& rest, const std::string& options = "",
                 std::uint16_t fragment = 0x4000) {
  std::string h;
  h += static_cast<char>(0x40 | ((20 + options.size()) / 4));
  h += '\0';
  h += be16(static_cast<std::uint32_t>(20 + options.size() + rest.size()));
  h += be16(0x1234) + be16(fragment);
  h += '\x40';
  h += static_cast<char>(protocol);
  h += be16(0) + kSrc4 + kDst4 + options;
  return h + rest;
}

std::string ipv6(std::uint8_t next, const std::string& rest) {
  std::string h = be32(0x60000000) + be16(static_cast<std::uint32_t>(rest.size()));
  h += static_cast<char>(next);
  h += '\x40';
  return h + v6_address(0x10) + v6_address(1) + rest;
}

// A TCP header with `options` (a multiple of 4 bytes) and `payload`.
std::string tcp(std::uint16_t sport, std::uint16_t dport, std::uint8_t flags,
                const std::string& payload = "", const std::string& options = "") {
  std::string h = be16(sport) + be16(dport) + be32(1000) + be32(2000);
  h += static_cast<char>(((20 + options.size()) / 4) << 4);
  h += static_cast<char>(flags);
  h += be16(65535) + be16(0) + be16(0) + options;
  return h + payload;
}

std::string udp(std::uint16_t sport, std::uint16_t dport, const std::string& payload) {
  return be16(sport) + be16(dport) + be16(static_cast<std::uint32_t>(8 + payload.size())) +
         be16(0) + payload;
}

std::string icmp(std::uint8_t type, const std::string& payload) {
  return std::string{static_cast<char>(type), '\0'} + be16(0) + be16(7) + be16(1) + payload;
}

// An Ethernet frame; `tags` are (TPID, TCI) pairs, outermost first.
std::string ether(std::uint16_t type, const std::string& inner,
                  std::vector<std::pair<std::uint16_t, std::uint16_t>> tags = {}) {
  std::string f(12, '\x02');
  for (auto [tpid, tci] : tags) f += be16(tpid) + be16(tci);
  return f + be16(type) + inner;
}

std::string sll(std::uint16_t type, const std::string& inner) {
  return be16(0) + be16(1) + be16(6) + std::string(8, '\x02') + be16(type) + inner;
}

std::string sll2(std::uint16_t type, const std::string& inner) {
  return be16(type) + be16(0) + be32(2) + be16(1) + std::string{'\0', '\x06'} +
         std::string(8, '\x02') + inner;
}

Decoded run(std::uint32_t link, const std::string& bytes, std::int64_t time = 0) {
  return decode({link, bytes, static_cast<std::uint32_t>(bytes.size()), time});
}

std::string reason_of(std::uint32_t link, const std::string& bytes) {
  Decoded d = run(link, bytes);
  CHECK_FALSE(d.packet);
  return d.skip_reason;
}

const std::string kGet = "GET / HTTP/1.1\r\n\r\n";

}  // namespace

TEST_SUITE("capture") {
  TEST_CASE("decode: Ethernet IPv4 TCP fills every field") {
    std::string ip = ipv4(kTcp, tcp(40000, 80, kPsh | kAck, kGet));
    Decoded d = run(kLinkEthernet, ether(0x0800, ip), 1767225600123456);
    REQUIRE(d.packet);
    const Packet& p = *d.packet;
    CHECK(d.skip_reason.empty());
    CHECK(p.time_us == 1767225600123456);
    CHECK(to_string(p.src) == "192.168.88.10");
    CHECK(to_string(p.dst) == "203.0.113.5");
    CHECK_FALSE(p.src.v6);
    CHECK(p.protocol == kTcp);
    CHECK(p.src_port == 40000);
    CHECK(p.dst_port == 80);
    CHECK(p.tcp_flags == (kPsh | kAck));
    CHECK(p.ip_length == ip.size());
    CHECK(p.data == ip);
    CHECK(p.payload_offset == 40);
    CHECK(p.payload_length == kGet.size());
    CHECK(p.payload() == kGet);
    CHECK(p.vlan == 0);
  }

  TEST_CASE("decode: Ethernet padding is not part of the IP packet") {
    std::string ip = ipv4(kTcp, tcp(1, 2, kSyn));  // 40 bytes: the frame is padded to 60
    Decoded d = run(kLinkEthernet, ether(0x0800, ip + std::string(6, '\0')));
    REQUIRE(d.packet);
    CHECK(d.packet->data == ip);
    CHECK(d.packet->ip_length == 40);
    CHECK(d.packet->payload_length == 0);
    CHECK(d.packet->payload().empty());
  }

  TEST_CASE("decode: VLAN tags record the outermost id") {
    std::string ip = ipv4(kUdp, udp(5353, 53, "q"));
    Decoded one = run(kLinkEthernet, ether(0x0800, ip, {{0x8100, 0x2064}}));  // PCP 1, VID 100
    REQUIRE(one.packet);
    CHECK(one.packet->vlan == 100);
    CHECK(one.packet->dst_port == 53);
    Decoded qinq = run(kLinkEthernet, ether(0x0800, ip, {{0x88a8, 200}, {0x8100, 100}}));
    REQUIRE(qinq.packet);
    CHECK(qinq.packet->vlan == 200);
    CHECK(qinq.packet->data == ip);
    Decoded old = run(kLinkEthernet, ether(0x86dd, ipv6(kUdp, udp(1, 2, "x")), {{0x9100, 4095}}));
    REQUIRE(old.packet);
    CHECK(old.packet->vlan == 4095);
    CHECK(old.packet->src.v6);
    CHECK(reason_of(kLinkEthernet, ether(0x0806, std::string(28, '\0'), {{0x8100, 5}})) ==
          "ARP (ethertype 0x0806)");
  }

  TEST_CASE("decode: IPv4 options move the transport header") {
    std::string options{'\x01', '\x01', '\x01', '\0', '\x94', '\x04', '\0', '\0'};  // NOP, RA
    std::string ip = ipv4(kTcp, tcp(1234, 25, kAck | kPsh, "HELO x\r\n"), options);
    Decoded d = run(kLinkEthernet, ether(0x0800, ip));
    REQUIRE(d.packet);
    CHECK(d.packet->src_port == 1234);
    CHECK(d.packet->dst_port == 25);
    CHECK(d.packet->payload_offset == 28 + 20);
    CHECK(d.packet->payload() == "HELO x\r\n");
  }

  TEST_CASE("decode: TCP options are skipped by the data offset") {
    std::string options{'\x02', '\x04', '\x05', '\xb4', '\x01', '\x01', '\x04', '\x02'};
    Decoded d = run(kLinkRawFile, ipv4(kTcp, tcp(1, 2, kAck, "data", options)));
    REQUIRE(d.packet);
    CHECK(d.packet->payload_offset == 20 + 28);
    CHECK(d.packet->payload() == "data");
  }

  TEST_CASE("decode: IPv6 extension headers are skipped to the transport header") {
    // hop-by-hop (8) -> routing (8) -> fragment, first (8) -> destination options (16)
    // -> AH (12 + 4) -> TCP
    std::string hop = std::string{'\x2b', '\0'} + std::string(6, '\0');
    std::string routing = std::string{'\x2c', '\0', '\0', '\0'} + std::string(4, '\0');
    std::string fragment = std::string{'\x3c', '\0'} + be16(0x0001) + be32(99);  // M=1, offset 0
    std::string dest = std::string{'\x33', '\x01'} + std::string(14, '\0');
    std::string ah = std::string{'\x06', '\x02'} + std::string(10, '\0');  // (2+2)*4 = 16
    ah += std::string(4, '\0');
    std::string headers = hop + routing + fragment + dest + ah;
    std::string ip = ipv6(0, headers + tcp(443, 50000, kSyn | kAck));
    Decoded d = run(kLinkEthernet, ether(0x86dd, ip));
    REQUIRE(d.packet);
    CHECK(d.packet->protocol == kTcp);
    CHECK(d.packet->src_port == 443);
    CHECK(d.packet->dst_port == 50000);
    CHECK(d.packet->tcp_flags == (kSyn | kAck));
    CHECK(d.packet->ip_length == ip.size());
    CHECK(d.packet->payload_offset == 40 + headers.size() + 20);
    CHECK(to_string(d.packet->src) == "2001:db8::10");
    CHECK(to_string(d.packet->dst) == "2001:db8::1");

    std::string later = std::string{'\x06', '\0'} + be16(0x00a8) + be32(99);  // offset 21 words
    CHECK(reason_of(kLinkRawFile, ipv6(44, later + "rest of the data")) ==
          "IPv6 fragment after the first");
    std::string long_hop = std::string{'\x06', '\x05'} + std::string(6, '\0');  // says 48 bytes
    CHECK(reason_of(kLinkRawFile, ipv6(0, long_hop + tcp(1, 2, kSyn))) ==
          "bad IPv6 extension header length");
    Decoded none = run(kLinkRawFile, ipv6(59, ""));  // no next header
    REQUIRE(none.packet);
    CHECK(none.packet->protocol == 59);
    CHECK(none.packet->payload_length == 0);
  }

  TEST_CASE("decode: the first IPv4 fragment is a packet, later ones are skipped") {
    std::string first = ipv4(kUdp, udp(5000, 53, std::string(32, 'a')), "", 0x2000);  // MF
    Decoded d = run(kLinkRawFile, first);
    REQUIRE(d.packet);
    CHECK(d.packet->dst_port == 53);
    CHECK(d.packet->ip_length == first.size());
    CHECK(d.packet->payload_length == 32);
    CHECK(reason_of(kLinkRawFile, ipv4(kUdp, std::string(40, 'b'), "", 0x0005)) ==
          "IPv4 fragment after the first");
    CHECK(reason_of(kLinkRawFile, ipv4(kUdp, std::string(40, 'b'), "", 0x2005)) ==
          "IPv4 fragment after the first");
  }

  TEST_CASE("decode: UDP, ICMP, ICMPv6 and other protocols") {
    Decoded u = run(kLinkRawFile, ipv4(kUdp, udp(68, 67, "dhcp")));
    REQUIRE(u.packet);
    CHECK(u.packet->protocol == kUdp);
    CHECK(u.packet->src_port == 68);
    CHECK(u.packet->payload_offset == 28);
    CHECK(u.packet->payload() == "dhcp");
    CHECK(u.packet->tcp_flags == 0);
    Decoded i = run(kLinkRawFile, ipv4(kIcmp, icmp(8, "ping")));
    REQUIRE(i.packet);
    CHECK(i.packet->protocol == kIcmp);
    CHECK(i.packet->src_port == 0);
    CHECK(i.packet->dst_port == 0);
    CHECK(i.packet->payload() == "ping");
    Decoded i6 = run(kLinkRawFile, ipv6(kIcmpV6, icmp(128, "ping6")));
    REQUIRE(i6.packet);
    CHECK(i6.packet->protocol == kIcmpV6);
    CHECK(i6.packet->payload_offset == 48);
    CHECK(i6.packet->payload() == "ping6");
    Decoded igmp = run(kLinkRawFile, ipv4(2, std::string(8, '\x16')));
    REQUIRE(igmp.packet);
    CHECK(igmp.packet->protocol == 2);
    CHECK(igmp.packet->payload_offset == 20);
    CHECK(igmp.packet->payload_length == 8);
  }

  TEST_CASE("decode: every link type") {
    std::string ip4 = ipv4(kTcp, tcp(1, 2, kSyn));
    std::string ip6 = ipv6(kUdp, udp(3, 4, "x"));

    struct Case {
      const char* name;
      std::uint32_t link;
      std::string frame;
      bool v6;
    };

    const Case cases[] = {
        {"SLL v4", kLinkLinuxSll, sll(0x0800, ip4), false},
        {"SLL v6", kLinkLinuxSll, sll(0x86dd, ip6), true},
        {"SLL2 v4", kLinkLinuxSll2, sll2(0x0800, ip4), false},
        {"SLL2 v6", kLinkLinuxSll2, sll2(0x86dd, ip6), true},
        {"NULL LE AF_INET", kLinkNull, le32(2) + ip4, false},
        {"NULL BE AF_INET", kLinkNull, be32(2) + ip4, false},
        {"NULL LE 24", kLinkNull, le32(24) + ip6, true},
        {"NULL LE 28", kLinkNull, le32(28) + ip6, true},
        {"NULL BE 30", kLinkNull, be32(30) + ip6, true},
        {"LOOP AF_INET", kLinkLoop, be32(2) + ip4, false},
        {"LOOP 30", kLinkLoop, be32(30) + ip6, true},
        {"RAW 12 v4", kLinkRaw, ip4, false},
        {"RAW 12 v6", kLinkRaw, ip6, true},
        {"RAW 14", kLinkRawOpenBsd, ip6, true},
        {"RAW 101", kLinkRawFile, ip4, false},
        {"IPV4 228", kLinkIpv4, ip4, false},
        {"IPV6 229", kLinkIpv6, ip6, true},
    };
    for (const Case& c : cases) {
      INFO(c.name);
      Decoded d = run(c.link, c.frame);
      REQUIRE(d.packet);
      CHECK(d.packet->src.v6 == c.v6);
      CHECK(d.packet->data == (c.v6 ? ip6 : ip4));
      CHECK(d.packet->dst_port == (c.v6 ? 4 : 2));
    }
    CHECK(reason_of(kLinkLoop, le32(2) + ip4) == "loopback address family 33554432");
    CHECK(reason_of(kLinkNull, le32(7) + ip4) == "loopback address family 7");
    CHECK(reason_of(kLinkIpv4, ip6) == "IP version 6 where the link layer says IPv4");
    CHECK(reason_of(kLinkIpv6, ip4) == "IP version 4 where the link layer says IPv6");
    CHECK(reason_of(kLinkEthernet, ether(0x86dd, ip4)) ==
          "IP version 4 where the link layer says IPv6");
    CHECK(reason_of(kLinkRaw, "\x50" + ip4.substr(1)) == "IP version 5");
    CHECK(reason_of(147, ip4) == "unsupported link type 147");
  }

  TEST_CASE("decode: frames that are not IP say what they are") {
    CHECK(reason_of(kLinkEthernet, ether(0x0806, std::string(28, '\0'))) ==
          "ARP (ethertype 0x0806)");
    CHECK(reason_of(kLinkEthernet, ether(0x8847, be32(0x0001f140) + ipv4(kIcmp, icmp(8, "")))) ==
          "MPLS (ethertype 0x8847)");
    CHECK(reason_of(kLinkEthernet, ether(0x1234, "xx")) == "ethertype 0x1234");
    CHECK(reason_of(kLinkEthernet, ether(0x0026, std::string(38, '\x42'))) ==
          "IEEE 802.3 length field (LLC frame, no ethertype)");
    CHECK(reason_of(kLinkLinuxSll, sll(0x0004, "llc")) ==
          "Linux cooked frame without an ethertype (LLC or 802.3)");
    CHECK(reason_of(kLinkLinuxSll2, sll2(0x888e, "eapol")) == "EAPOL (ethertype 0x888e)");
  }

  TEST_CASE("decode: malformed headers") {
    std::string good = ipv4(kTcp, tcp(1, 2, kSyn, "abcd"));
    std::string bad_ihl = good;
    bad_ihl[0] = '\x44';
    CHECK(reason_of(kLinkRawFile, bad_ihl) == "bad IPv4 header length");
    std::string short_total = good;
    short_total[2] = '\0', short_total[3] = '\x10';
    CHECK(reason_of(kLinkRawFile, short_total) == "bad IPv4 total length");
    std::string long_total = good;
    long_total[2] = '\x05', long_total[3] = '\xdc';  // 1500
    CHECK(reason_of(kLinkRawFile, long_total) == "IPv4 total length past the end of the frame");
    std::string small_offset = good;
    small_offset[20 + 12] = '\x40';
    CHECK(reason_of(kLinkRawFile, small_offset) == "bad TCP data offset");
    std::string big_offset = good;
    big_offset[20 + 12] = '\xf0';  // 60 bytes, the packet has 24 after the IP header
    CHECK(reason_of(kLinkRawFile, big_offset) == "TCP header past the end of the IP packet");
    CHECK(reason_of(kLinkRawFile, ipv4(kUdp, "1234")) ==
          "UDP header past the end of the IP packet");
    CHECK(reason_of(kLinkRawFile, ipv6(kIcmpV6, "1234")) ==
          "ICMPv6 header past the end of the IP packet");
    std::string long_v6 = ipv6(kUdp, udp(1, 2, ""));
    long_v6[5] = '\x40';
    CHECK(reason_of(kLinkRawFile, long_v6) == "IPv6 payload length past the end of the frame");
  }

  TEST_CASE("decode: a frame cut at every length never reads past it") {
    std::string ip4 = ipv4(kTcp, tcp(40000, 80, kAck | kPsh, kGet, std::string(12, '\x01')),
                           std::string(4, '\x01'));
    std::string hop = std::string{'\x3c', '\0'} + std::string(6, '\0');
    std::string dest = std::string{'\x11', '\0'} + std::string(6, '\0');
    std::string ip6 = ipv6(0, hop + dest + udp(5353, 5353, "mdns"));

    struct Case {
      const char* name;
      std::uint32_t link;
      std::string frame;
      std::size_t link_length;
      std::size_t headers;  // link + IP + transport header bytes
    };

    const Case cases[] = {
        {"Ethernet QinQ IPv4 TCP", kLinkEthernet, ether(0x0800, ip4, {{0x88a8, 1}, {0x8100, 2}}),
         22, 22 + 24 + 32},
        {"Ethernet IPv6 ext UDP", kLinkEthernet, ether(0x86dd, ip6), 14, 14 + 56 + 8},
        {"SLL2 IPv4 TCP", kLinkLinuxSll2, sll2(0x0800, ip4), 20, 20 + 24 + 32},
        {"SLL IPv6", kLinkLinuxSll, sll(0x86dd, ip6), 16, 16 + 56 + 8},
        {"NULL ICMPv6", kLinkNull, le32(30) + ipv6(kIcmpV6, icmp(128, "abc")), 4, 4 + 40 + 8},
        {"LOOP ICMP", kLinkLoop, be32(2) + ipv4(kIcmp, icmp(0, "abc")), 4, 4 + 20 + 8},
    };
    for (const Case& c : cases) {
      Decoded full = run(c.link, c.frame);
      REQUIRE(full.packet);
      for (std::size_t n = 0; n <= c.frame.size(); ++n) {
        INFO(c.name << ", " << n << " of " << c.frame.size() << " bytes captured");
        // Cut by the snap length: the wire length is the whole frame.
        std::string cut = c.frame.substr(0, n);  // its own buffer: ASan sees any overread
        Decoded d = decode({c.link, cut, static_cast<std::uint32_t>(c.frame.size()), 0});
        if (n < c.headers) {
          CHECK_FALSE(d.packet);
          CHECK(d.skip_reason.rfind("truncated ", 0) == 0);
        } else {
          REQUIRE(d.packet);
          CHECK(d.packet->data.size() == n - c.link_length);
          CHECK(d.packet->ip_length == full.packet->ip_length);
          CHECK(d.packet->payload_length == full.packet->payload_length);
          CHECK(full.packet->payload().substr(0, d.packet->payload().size()) ==
                d.packet->payload());
        }
        // A frame that really is that short: skipped unless it is whole.
        Decoded real = decode({c.link, cut, static_cast<std::uint32_t>(n), 0});
        CHECK(bool(real.packet) == (n == c.frame.size()));
        if (!real.packet)
          CHECK_FALSE(real.skip_reason.empty());
      }
    }
  }

  TEST_CASE("decode: random damage to frames is skipped or decoded, never read past") {
    std::mt19937 random(20260101);
    std::vector<std::pair<std::uint32_t, std::string>> seeds = {
        {kLinkEthernet, ether(0x0800, ipv4(kTcp, tcp(1, 2, kSyn, "x")), {{0x8100, 3}})},
        {kLinkEthernet,
         ether(0x86dd, ipv6(0, std::string{'\x2c', '\0', '\0', '\0', '\0', '\0', '\0', '\0'} +
                                   std::string(8, '\0')))},
        {kLinkLinuxSll2, sll2(0x86dd, ipv6(kTcp, tcp(1, 2, kAck, "y")))},
        {kLinkNull, le32(2) + ipv4(kUdp, udp(1, 2, "z"), std::string(8, '\x01'))},
    };
    std::size_t decoded = 0;
    for (int i = 0; i < 20000; ++i) {
      auto [link, frame] = seeds[static_cast<std::size_t>(i) % seeds.size()];
      for (int flips = 1 + i % 4; flips > 0; --flips)
        frame[random() % frame.size()] = static_cast<char>(random());
      frame.resize(random() % (frame.size() + 1));
      Decoded d = run(link, frame);
      if (d.packet) {
        ++decoded;
        CHECK(d.packet->data.size() <= d.packet->ip_length);
        CHECK(d.packet->payload_offset + d.packet->payload_length == d.packet->ip_length);
        CHECK(d.packet->data.size() <= frame.size());
      } else {
        CHECK_FALSE(d.skip_reason.empty());
      }
    }
    CHECK(decoded > 0);
  }
}
