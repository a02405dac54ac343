// The packet as the simulator sees it: one IP packet with its decoded headers, as read
// from a capture or generated from a scenario. Entry points: Packet, PacketSource,
// SkipCounts. Producers live in src/capture/ (the only directory that includes pcap.h);
// the consumer is src/simulate/.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace rosgen::capture {

// An IPv4 or IPv6 address in network byte order; IPv4 uses the first 4 bytes.
struct Address {
  std::array<std::uint8_t, 16> bytes{};
  bool v6 = false;
  bool operator==(const Address&) const = default;
  auto operator<=>(const Address&) const = default;
};

// "192.168.88.10" or "2001:db8::1" (RFC 5952 form, via inet_ntop).
std::string to_string(const Address& address);

// Protocol numbers (IANA) the rules can name.
inline constexpr std::uint8_t kIcmp = 1;
inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;
inline constexpr std::uint8_t kIcmpV6 = 58;

// TCP flag bits as in the TCP header's 13th byte (RFC 9293).
inline constexpr std::uint8_t kFin = 0x01;
inline constexpr std::uint8_t kSyn = 0x02;
inline constexpr std::uint8_t kRst = 0x04;
inline constexpr std::uint8_t kPsh = 0x08;
inline constexpr std::uint8_t kAck = 0x10;
inline constexpr std::uint8_t kUrg = 0x20;
inline constexpr std::uint8_t kEce = 0x40;
inline constexpr std::uint8_t kCwr = 0x80;

struct Packet {
  std::int64_t time_us = 0;  // capture time, microseconds since the Unix epoch
  Address src;
  Address dst;
  std::uint8_t protocol = 0;    // IPv4 protocol / IPv6 next header after extension headers
  std::uint16_t src_port = 0;   // TCP/UDP only, host byte order
  std::uint16_t dst_port = 0;
  std::uint8_t tcp_flags = 0;   // TCP only
  std::uint32_t ip_length = 0;  // bytes of the IP packet as sent (the IP header's length)
  // The IP packet from its first header byte, as captured (may be shorter than ip_length
  // when the capture's snap length cut it). RouterOS content= (Linux xt_string, reference
  // §1.3) searches from offset 0 of this, headers included.
  std::string data;
  std::uint32_t payload_offset = 0;  // where the transport payload starts in `data`
  // Bytes of transport payload as sent (ip_length minus the IP and transport headers),
  // even when `data` holds fewer.
  std::uint32_t payload_length = 0;
  std::uint16_t vlan = 0;  // the outermost 802.1Q tag's VLAN id, 0 when untagged

  // The payload bytes that were captured.
  std::string_view payload() const {
    return payload_offset <= data.size() ? std::string_view(data).substr(payload_offset)
                                         : std::string_view();
  }
};

// Frames a source read but could not turn into packets, by reason ("ARP (ethertype 0x0806)",
// "truncated IPv4 header", "IPv4 fragment after the first"), in frames.
struct SkipCounts {
  std::map<std::string, std::uint64_t> by_reason;
  std::uint64_t total() const {
    std::uint64_t n = 0;
    for (const auto& [reason, count] : by_reason) n += count;
    return n;
  }
  void add(const std::string& reason) { ++by_reason[reason]; }
};

// A stream of packets in capture order; memory does not grow with the number read.
class PacketSource {
 public:
  virtual ~PacketSource() = default;
  // Fills `out` with the next packet and returns true, or returns false at the end.
  // Throws support::IoError when the file cannot be read further (a truncated capture is
  // the end plus a skip reason, not an error).
  virtual bool next(Packet& out) = 0;
  // What was skipped so far.
  virtual const SkipCounts& skipped() const = 0;
  // The source's name for reports ("day.pcap", "scenario cafe-traffic.json").
  virtual std::string name() const = 0;
};

}  // namespace rosgen::capture
