// Decoding one captured frame into a Packet: the link layer (Ethernet with 802.1Q/802.1ad
// tags, Linux cooked SLL and SLL2, raw IP, BSD loopback), IPv4 and IPv6 (extension
// headers), then TCP, UDP, ICMP and ICMPv6 headers. Pure functions over bytes: no libpcap
// types, no I/O; nothing is read past the captured bytes (fuzz-safe). Entry points:
// decode_frame() (reuses a Packet, for streaming), decode() (convenience), the kLink*
// link-type numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "capture/packet.hpp"

namespace rosgen::capture {

// Link types decode() understands, as libpcap's pcap_datalink() returns them (DLT_*) and as
// capture files store them (LINKTYPE_*, tcpdump.org/linktypes.html).
inline constexpr std::uint32_t kLinkNull = 0;         // BSD loopback, family in host order
inline constexpr std::uint32_t kLinkEthernet = 1;     // DLT_EN10MB
inline constexpr std::uint32_t kLinkRaw = 12;         // DLT_RAW everywhere but OpenBSD
inline constexpr std::uint32_t kLinkRawOpenBsd = 14;  // DLT_RAW on OpenBSD
inline constexpr std::uint32_t kLinkRawFile = 101;    // LINKTYPE_RAW (what files store)
inline constexpr std::uint32_t kLinkLoop = 108;       // DLT_LOOP: family in network order
inline constexpr std::uint32_t kLinkLinuxSll = 113;
inline constexpr std::uint32_t kLinkIpv4 = 228;
inline constexpr std::uint32_t kLinkIpv6 = 229;
inline constexpr std::uint32_t kLinkLinuxSll2 = 276;

// One frame as a capture holds it.
struct Frame {
  std::uint32_t link_type = kLinkEthernet;
  std::string_view bytes;  // the captured bytes; their size is the captured length
  // The frame's length on the wire, in bytes; when smaller than bytes.size() (a broken
  // file) the captured length is used.
  std::uint32_t original_length = 0;
  std::int64_t time_us = 0;  // microseconds since the Unix epoch
};

// Decodes `frame` into `out` (every field is set; out.data's buffer is reused) and returns
// true, or returns false and sets `reason` to why the frame is skipped: a fixed phrase
// for counting in SkipCounts, e.g. "ARP (ethertype 0x0806)", "truncated TCP header",
// "IPv4 fragment after the first", "unsupported link type 147". `out` is unspecified
// after a skip. Never throws except std::bad_alloc.
//
// Packet fields: ip_length is the IP header's length (IPv4 total length, IPv6 40 +
// payload length); data holds the IP packet from its first byte as captured, at most
// ip_length bytes (Ethernet padding is not part of it); payload_offset/payload_length
// follow the TCP header (data offset), the UDP header (8 bytes), the ICMP/ICMPv6 header
// (8 bytes) or, for other protocols, the IP headers. Ports are 0 except for TCP and UDP.
bool decode_frame(const Frame& frame, Packet& out, std::string& reason);

// decode_frame() for tests and one-off use: the packet, or nullopt and the reason.
struct Decoded {
  std::optional<Packet> packet;
  std::string skip_reason;  // empty when packet is set
};

Decoded decode(const Frame& frame);

// "ethertype 0x9000", or a name for the common ones: "ARP (ethertype 0x0806)".
std::string ethertype_reason(std::uint16_t ethertype);

}  // namespace rosgen::capture
