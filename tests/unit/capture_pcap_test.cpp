// Tests for src/capture/pcap_source: capture files written here with libpcap for link
// types the shared captures lack (SLL2, NULL, RAW, IPV4), truncated and mixed-link-type
// files, paths that are not regular files, and the shared captures counted against
// tshark. (pcap.h is included here only to write test files.)
#include <doctest/doctest.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>

#include "capture/decode.hpp"
#include "capture/pcap_source.hpp"
#include "pcap_util.hpp"
#include "support/errors.hpp"
#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::capture;
using rosgen::test::TempDir;
using rosgen::test::write_pcap;
namespace fs = std::filesystem;

namespace {

std::string be16(std::uint32_t v) {
  return {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}

std::string le16(std::uint32_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff)};
}

std::string le32(std::uint32_t v) {
  return le16(v & 0xffff) + le16(v >> 16);
}

// 192.168.88.10:40000 -> 203.0.113.5:80, SYN; 40 bytes.
std::string ipv4_syn() {
  std::string ip =
      std::string("\x45\x00", 2) + be16(40) + std::string("\x00\x01\x40\x00\x40\x06\x00\x00", 8);
  ip += std::string("\xc0\xa8\x58\x0a\xcb\x00\x71\x05", 8);
  ip += be16(40000) + be16(80) + std::string(8, '\0') + "\x50\x02" + be16(65535) +
        std::string(4, '\0');
  return ip;
}

// ::1 -> ::1 UDP 5353 -> 53 with 4 payload bytes; 52 bytes.
std::string ipv6_udp() {
  std::string ip = std::string("\x60\x00\x00\x00", 4) + be16(12) + "\x11\x40";
  std::string loopback(15, '\0');
  loopback += '\x01';
  ip += loopback + loopback;
  ip += be16(5353) + be16(53) + be16(12) + be16(0) + "abcd";
  return ip;
}

struct Counts {
  std::uint64_t packets = 0;  // decoded + skipped
  std::uint64_t tcp = 0;
  std::uint64_t udp = 0;
  std::uint64_t skipped = 0;
  std::vector<Packet> first;  // the first few packets
};

Counts read_all(const std::string& path) {
  auto source = open_capture(path);
  Counts c;
  Packet p;
  while (source->next(p)) {
    ++c.packets;
    c.tcp += p.protocol == kTcp;
    c.udp += p.protocol == kUdp;
    if (c.first.size() < 8)
      c.first.push_back(p);
  }
  c.skipped = source->skipped().total();
  c.packets += c.skipped;
  return c;
}

std::string io_error(const std::string& path) {
  try {
    read_all(path);
  } catch (const support::IoError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string pcap_dir() {
  return test::shared_data_dir() + "/pcap";
}

}  // namespace

TEST_SUITE("capture") {
  TEST_CASE("pcap: SLL2, NULL, RAW and IPV4 files read back with their times") {
    TempDir dir;
    std::string sll2_v4 = be16(0x0800) + be16(0) + std::string("\0\0\0\x02\0\x01\0\x06", 8) +
                          std::string(8, '\x02') + ipv4_syn();
    std::string sll2_arp = be16(0x0806) + std::string(18, '\0') + std::string(28, '\0');
    write_pcap(dir.path / "sll2.pcap", DLT_LINUX_SLL2,
               {{sll2_v4, 1767225600000001}, {sll2_arp, 1767225601500000}});
    auto source = open_capture((dir.path / "sll2.pcap").string());
    Packet p;
    REQUIRE(source->next(p));
    CHECK(p.time_us == 1767225600000001);
    CHECK(to_string(p.src) == "192.168.88.10");
    CHECK(p.dst_port == 80);
    CHECK(p.tcp_flags == kSyn);
    CHECK(p.data == ipv4_syn());
    CHECK_FALSE(source->next(p));
    CHECK(source->skipped().by_reason ==
          std::map<std::string, std::uint64_t>{{"ARP (ethertype 0x0806)", 1}});
    CHECK(source->name() == (dir.path / "sll2.pcap").string());

    // DLT_NULL written on a little-endian machine: AF_INET 2 and macOS's AF_INET6 30.
    write_pcap(dir.path / "null.pcap", DLT_NULL,
               {{le32(2) + ipv4_syn(), 10}, {le32(30) + ipv6_udp(), 20}, {le32(17), 30}});
    Counts null = read_all((dir.path / "null.pcap").string());
    CHECK(null.packets == 3);
    CHECK(null.tcp == 1);
    CHECK(null.udp == 1);
    CHECK(null.skipped == 1);
    REQUIRE(null.first.size() == 2);
    CHECK(to_string(null.first[1].src) == "::1");
    CHECK(null.first[1].payload() == "abcd");

    // DLT_RAW is stored as LINKTYPE_RAW (101) and read back as DLT_RAW (12).
    write_pcap(dir.path / "raw.pcap", DLT_RAW, {{ipv6_udp(), 1}, {ipv4_syn(), 2}});
    Counts raw = read_all((dir.path / "raw.pcap").string());
    CHECK(raw.packets == 2);
    CHECK(raw.skipped == 0);
    REQUIRE(raw.first.size() == 2);
    CHECK(raw.first[0].src.v6);
    CHECK(raw.first[0].time_us == 1);
    CHECK_FALSE(raw.first[1].src.v6);

    write_pcap(dir.path / "ipv4.pcap", DLT_IPV4, {{ipv4_syn(), 5}, {ipv6_udp(), 6}});
    auto ipv4_source = open_capture((dir.path / "ipv4.pcap").string());
    REQUIRE(ipv4_source->next(p));
    CHECK(p.dst_port == 80);
    CHECK_FALSE(ipv4_source->next(p));
    CHECK(ipv4_source->skipped().by_reason ==
          std::map<std::string, std::uint64_t>{{"IP version 6 where the link layer says IPv4", 1}});
  }

  TEST_CASE("pcap: a file cut inside a record ends with a skip reason") {
    TempDir dir;
    fs::path path = dir.path / "cut.pcap";
    write_pcap(path, DLT_RAW, {{ipv4_syn(), 1}, {ipv4_syn(), 2}, {ipv4_syn(), 3}});
    fs::resize_file(path, fs::file_size(path) - 10);
    Counts c = read_all(path.string());
    CHECK(c.tcp == 2);
    CHECK(c.skipped == 1);
    auto source = open_capture(path.string());
    Packet p;
    while (source->next(p)) {
    }
    CHECK(source->skipped().by_reason ==
          std::map<std::string, std::uint64_t>{{"capture file ends inside a record", 1}});
  }

  TEST_CASE("pcap: a pcapng file with two link types is an error in libpcap 1.10") {
    // Section header, interface 0 (Ethernet), a packet on it, interface 1 (SLL): libpcap
    // 1.10 stops at the second interface. If a newer libpcap reads such files, decode
    // per packet with its interface's link type and change this test.
    auto block = [](std::uint32_t type, const std::string& body) {
      return le32(type) + le32(static_cast<std::uint32_t>(12 + body.size())) + body +
             le32(static_cast<std::uint32_t>(12 + body.size()));
    };
    std::string frame = std::string(12, '\x02') + be16(0x0800) + ipv4_syn();  // 54 bytes
    frame += std::string(2, '\0');                                            // pad to 4
    std::string file =
        block(0x0A0D0D0A, le32(0x1A2B3C4D) + le16(1) + le16(0) + std::string(8, '\xff'));
    file += block(1, le16(1) + le16(0) + le32(65535));
    file += block(6, le32(0) + le32(0) + le32(1000000) + le32(54) + le32(54) + frame);
    file += block(1, le16(113) + le16(0) + le32(65535));
    TempDir dir;
    fs::path path = dir.path / "mixed.pcapng";
    std::ofstream(path, std::ios::binary) << file;
    auto source = open_capture(path.string());
    Packet p;
    REQUIRE(source->next(p));
    CHECK(p.dst_port == 80);
    CHECK(p.time_us == 1000000);
    CHECK_THROWS_WITH_AS(source->next(p),
                         doctest::Contains("an interface has a type 113 different from the type "
                                           "of the first interface"),
                         support::IoError);
  }

  TEST_CASE("pcap: paths that are not capture files are refused without blocking") {
    TempDir dir;
    fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Run in a thread so that a regression (a blocking open) fails instead of hanging.
    auto result = std::async(std::launch::async, [&] { return io_error(fifo.string()); });
    REQUIRE(result.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(result.get() == "cannot read '" + fifo.string() + "': is a FIFO, not a regular file");
    CHECK(io_error(dir.path.string()) == "cannot read '" + dir.path.string() + "': is a directory");
    CHECK(io_error((dir.path / "none.pcap").string()) ==
          "cannot read '" + (dir.path / "none.pcap").string() + "': No such file or directory");
    fs::path text = dir.path / "policy.pol";
    std::ofstream(text) << "policy cafe { routeros 7; }\n";
    CHECK(io_error(text.string()) == "cannot read '" + text.string() + "': unknown file format");
    fs::path empty = dir.path / "empty.pcap";
    std::ofstream(empty).flush();
    CHECK(io_error(empty.string()).rfind("cannot read '" + empty.string() + "': truncated", 0) ==
          0);
  }

  TEST_CASE("pcap: the shared captures give tshark's counts") {
    // Expected numbers, for FILE in ../shared/data/pcap (tshark 4.0.17):
    //   packets: tshark -r FILE | wc -l
    //   tcp:     tshark -r FILE -Y "tcp and not icmp and not icmpv6 and not mpls" | wc -l
    //   tcp+udp: tshark -r FILE -Y "(tcp or udp) and not icmp and not icmpv6 and not mpls" | wc -l
    //   skipped: tshark -r FILE -Y "not ((ip or ipv6) and not mpls)" | wc -l
    // (ICMP errors quote a TCP or UDP header, and MPLS frames carry IP: tshark's plain
    // "tcp"/"ip" filters count those, the firewall sees neither as TCP/UDP or IP.)
    struct Expected {
      const char* file;
      std::uint64_t packets, tcp, tcp_udp, skipped;
    };

    const Expected expected[] = {
        {"arkime_smtp-data-521.pcap", 38, 38, 38, 0},
        {"arkime_smtp-rcpt-553.pcap", 16, 16, 16, 0},
        {"cs_ppa1e_portscan.pcap", 29, 29, 29, 0},
        {"ndpi_http-lines-split.pcap", 14, 14, 14, 0},
        {"ndpi_http_connect.pcap", 100, 98, 100, 0},
        {"ndpi_iphone.pcap", 500, 403, 475, 14},
        {"ndpi_smtp-starttls.pcap", 69, 69, 69, 0},
        {"ndpi_smtp.pcap", 95, 95, 95, 0},
        {"ndpi_synscan.pcap", 2011, 2011, 2011, 0},
        {"ndpi_windowsupdate_over_http.pcap", 20, 20, 20, 0},
        {"sv_synthetic_syn-flood-443.pcap", 200, 200, 200, 0},
        {"tcpreplay_test.pcap", 179, 116, 144, 19},
        {"zeek_http_connect-with-header.pcap", 58, 58, 58, 0},
        {"zeek_http_get.pcap", 14, 14, 14, 0},
        {"zeek_http_pipelined-requests.pcap", 49, 49, 49, 0},
        {"zeek_http_proxy.pcap", 26, 26, 26, 0},
        {"zeek_smtp-multi-addr.pcap", 21, 21, 21, 0},
        {"zeek_smtp.pcap", 125, 118, 121, 0},
        {"zeek_wikipedia.pcap", 136, 78, 126, 10},
        {"zeek_workshop_2011_browse.pcap", 121, 121, 121, 0},
        {"cs_http_google.pcapng", 12, 12, 12, 0},
        {"ndpi_http-proxy.pcapng", 11, 11, 11, 0},
        {"ndpi_http.pcapng", 10, 10, 10, 0},
        {"ndpi_tcp_scan.pcapng", 30, 18, 18, 12},
        {"cs_ppa1e_http.cap", 43, 41, 43, 0},
    };
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(pcap_dir())) {
      std::string ext = entry.path().extension().string();
      files += ext == ".pcap" || ext == ".pcapng" || ext == ".cap";
    }
    CHECK(files == std::size(expected));  // a new shared capture needs its row here
    for (const Expected& e : expected) {
      INFO(e.file);
      Counts c = read_all(pcap_dir() + "/" + e.file);
      CHECK(c.packets == e.packets);
      CHECK(c.tcp == e.tcp);
      CHECK(c.tcp + c.udp == e.tcp_udp);
      CHECK(c.skipped == e.skipped);
    }
  }

  TEST_CASE("pcap: skip reasons and decoded fields in the shared captures") {
    auto reasons = [](const std::string& file) {
      auto source = open_capture(pcap_dir() + "/" + file);
      Packet p;
      while (source->next(p)) {
      }
      return source->skipped().by_reason;
    };
    CHECK(reasons("tcpreplay_test.pcap") ==
          std::map<std::string, std::uint64_t>{
              {"ARP (ethertype 0x0806)", 1},
              {"Ethernet loopback (ethertype 0x9000)", 1},
              {"IEEE 802.3 length field (LLC frame, no ethertype)", 1},
              {"MPLS (ethertype 0x8847)", 16}});
    CHECK(reasons("ndpi_iphone.pcap") ==
          std::map<std::string, std::uint64_t>{{"ARP (ethertype 0x0806)", 10},
                                               {"EAPOL (ethertype 0x888e)", 4}});

    // tshark -r ndpi_smtp-starttls.pcap -Y vlan -T fields -e vlan.id: 33 x 125
    auto source = open_capture(pcap_dir() + "/ndpi_smtp-starttls.pcap");
    Packet p;
    std::uint64_t tagged = 0;
    while (source->next(p)) tagged += p.vlan == 125 && p.src.v6;
    CHECK(tagged == 33);

    // BSD loopback (DLT_NULL), IPv6 ::1. tshark -c 1 -T fields -e frame.time_epoch
    // -e tcp.srcport -e tcp.dstport -e tcp.flags: 1443732977.727740000 52522 80 0x0002
    Counts zeek = read_all(pcap_dir() + "/zeek_http_connect-with-header.pcap");
    REQUIRE_FALSE(zeek.first.empty());
    CHECK(to_string(zeek.first[0].src) == "::1");
    CHECK(zeek.first[0].time_us == 1443732977727740);
    CHECK(zeek.first[0].src_port == 52522);
    CHECK(zeek.first[0].dst_port == 80);
    CHECK(zeek.first[0].tcp_flags == kSyn);
    CHECK(zeek.first[0].ip_length == 84);
  }

  TEST_CASE("pcap: the CONNECT request in ndpi_http_connect.pcap") {
    // tshark -r ndpi_http_connect.pcap -Y 'tcp.payload[0:8] == "CONNECT "' -T fields
    //   -e frame.number -e frame.time_epoch -e ip.src -e tcp.srcport -e ip.dst
    //   -e tcp.dstport -e tcp.flags -e ip.len -e tcp.len
    // 4  1631454722.867149000  192.168.1.103  1714  192.168.1.146  8080  0x0018  243  203
    auto source = open_capture(pcap_dir() + "/ndpi_http_connect.pcap");
    Packet p;
    std::size_t index = 0;
    bool found = false;
    while (!found && source->next(p)) {
      ++index;
      found = p.payload().substr(0, 8) == "CONNECT ";
    }
    REQUIRE(found);
    CHECK(index == 4);
    CHECK(p.time_us == 1631454722867149);
    CHECK(to_string(p.src) == "192.168.1.103");
    CHECK(p.src_port == 1714);
    CHECK(to_string(p.dst) == "192.168.1.146");
    CHECK(p.dst_port == 8080);
    CHECK(p.tcp_flags == (kPsh | kAck));
    CHECK(p.ip_length == 243);
    CHECK(p.payload_length == 203);
    CHECK(p.payload().substr(0, 34) == "CONNECT apache.org:443 HTTP/1.1\r\nU");
    CHECK(p.data.size() == 243);
    CHECK(p.data.find("Host: apache.org:443\r\n\r\n") == 243 - 24);
  }
}
