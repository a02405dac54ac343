// Frame decoding: link layer → IP → transport header, bounds-checked against the captured
// bytes at every step. A frame that the router's firewall would not see as one IP packet,
// or that the capture cut inside a header, is skipped with a fixed reason phrase.
#include "capture/decode.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace rosgen::capture {

namespace {

std::uint8_t u8(std::string_view b, std::size_t at) {
  return static_cast<std::uint8_t>(b[at]);
}

std::uint16_t be16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>((u8(b, at) << 8) | u8(b, at + 1));
}

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t{be16(b, at)} << 16) | be16(b, at + 2);
}

std::uint32_t le32(std::string_view b, std::size_t at) {
  return std::uint32_t{u8(b, at)} | (std::uint32_t{u8(b, at + 1)} << 8) |
         (std::uint32_t{u8(b, at + 2)} << 16) | (std::uint32_t{u8(b, at + 3)} << 24);
}

std::string hex4(std::uint16_t value) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "0x%04x", value);
  return text.data();
}

bool skip(std::string& reason, std::string why) {
  reason = std::move(why);
  return false;
}

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;

bool is_vlan_tag(std::uint16_t ethertype) {
  // 802.1Q, 802.1ad (S-tag), and the pre-standard Q-in-Q 0x9100.
  return ethertype == 0x8100 || ethertype == 0x88a8 || ethertype == 0x9100;
}

// Follows VLAN tags from `type` (the link header's ethertype field; the header ends at
// `offset`). Sets the IP version the final ethertype announces, the outermost VLAN id and
// `offset` to the IP header's.
bool after_ethertype(std::string_view bytes, std::uint16_t type, std::size_t& offset, int& version,
                     std::uint16_t& vlan, std::string& reason, const char* non_ethertype) {
  bool outermost = true;
  while (is_vlan_tag(type)) {
    if (bytes.size() < offset + 4)
      return skip(reason, "truncated VLAN tag");
    if (outermost)
      vlan = be16(bytes, offset) & 0x0fff;
    outermost = false;
    type = be16(bytes, offset + 2);
    offset += 4;
  }
  if (type < 0x0600)
    return skip(reason, non_ethertype);
  if (type == kEtherIpv4)
    version = 4;
  else if (type == kEtherIpv6)
    version = 6;
  else
    return skip(reason, ethertype_reason(type));
  return true;
}

// The IP version a BSD loopback family value stands for, or 0. AF_INET is 2 everywhere;
// AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD, DragonFly) or 30 (macOS).
int loopback_version(std::uint32_t family) {
  if (family == 2)
    return 4;
  if (family == 24 || family == 28 || family == 30)
    return 6;
  return 0;
}

const char* truncated_ip(int version) {
  return version == 6 ? "truncated IPv6 header"
                      : (version == 4 ? "truncated IPv4 header" : "truncated IP header");
}

// What one IP header parse found: where the transport header starts, the protocol after
// extension headers and the packet's length per its header.
struct IpHeaders {
  std::size_t transport = 0;
  std::uint8_t protocol = 0;
  std::uint32_t length = 0;
};

bool decode_ipv4(std::string_view ip, std::uint64_t wire, Packet& out, IpHeaders& h,
                 std::string& reason) {
  if (ip.size() < 20)
    return skip(reason, "truncated IPv4 header");
  std::size_t header = std::size_t{u8(ip, 0)} % 16 * 4;
  if (header < 20)
    return skip(reason, "bad IPv4 header length");
  std::uint16_t total = be16(ip, 2);
  if (total < header)
    return skip(reason, "bad IPv4 total length");
  if (total > wire)  // Linux's ip_rcv drops such a packet before the firewall
    return skip(reason, "IPv4 total length past the end of the frame");
  if (ip.size() < header)
    return skip(reason, "truncated IPv4 header");
  // Linux conntrack (nf_defrag_ipv4) reassembles fragments before the firewall tables, so
  // rules see the whole datagram. A capture holds the fragments: the first one carries
  // the transport header and is decoded as a packet of its own length; the later ones
  // carry no header that a rule could match and are skipped.
  if ((be16(ip, 6) & 0x1fff) != 0)
    return skip(reason, "IPv4 fragment after the first");
  out.src = Address{};
  out.dst = Address{};
  std::copy_n(ip.begin() + 12, 4, out.src.bytes.begin());
  std::copy_n(ip.begin() + 16, 4, out.dst.bytes.begin());
  h = {header, u8(ip, 9), total};
  return true;
}

bool decode_ipv6(std::string_view ip, std::uint64_t wire, Packet& out, IpHeaders& h,
                 std::string& reason) {
  if (ip.size() < 40)
    return skip(reason, "truncated IPv6 header");
  std::uint32_t total = 40u + be16(ip, 4);
  if (total > wire)
    return skip(reason, "IPv6 payload length past the end of the frame");
  std::uint8_t next = u8(ip, 6);
  std::size_t at = 40;
  // Extension headers: hop-by-hop (0), routing (43), fragment (44), destination options
  // (60) and AH (51). Each is at least 8 bytes long, so the loop ends.
  while (next == 0 || next == 43 || next == 44 || next == 51 || next == 60) {
    if (at + 8 > total)
      return skip(reason, "bad IPv6 extension header length");
    if (at + 8 > ip.size())
      return skip(reason, "truncated IPv6 extension header");
    std::size_t length = next == 44   ? 8
                         : next == 51 ? (std::size_t{u8(ip, at + 1)} + 2) * 4
                                      : (std::size_t{u8(ip, at + 1)} + 1) * 8;
    // As for IPv4, Linux (nf_defrag_ipv6) reassembles before the firewall.
    if (next == 44 && (be16(ip, at + 2) & 0xfff8) != 0)
      return skip(reason, "IPv6 fragment after the first");
    if (at + length > total)
      return skip(reason, "bad IPv6 extension header length");
    if (at + length > ip.size())
      return skip(reason, "truncated IPv6 extension header");
    next = u8(ip, at);
    at += length;
  }
  out.src = Address{{}, true};
  out.dst = Address{{}, true};
  std::copy_n(ip.begin() + 8, 16, out.src.bytes.begin());
  std::copy_n(ip.begin() + 24, 16, out.dst.bytes.begin());
  h = {at, next, total};
  return true;
}

// Checks that a transport header of `size` bytes at h.transport lies inside the packet
// and inside the captured bytes.
bool header_fits(const IpHeaders& h, std::size_t captured, std::size_t size, const char* name,
                 std::string& reason) {
  if (h.transport + size > h.length)
    return skip(reason, std::string(name) + " header past the end of the IP packet");
  if (h.transport + size > captured)
    return skip(reason, std::string("truncated ") + name + " header");
  return true;
}

// `ip` starts at the IP header; `wire` is how many bytes from there the frame had on the
// wire; `version` is what the link layer announced (0: read it from the header).
bool decode_ip(std::string_view ip, std::uint64_t wire, int version, Packet& out,
               std::string& reason) {
  if (ip.empty())
    return skip(reason, truncated_ip(version));
  int found = u8(ip, 0) >> 4;
  if (version != 0 && found != version) {
    return skip(reason, "IP version " + std::to_string(found) + " where the link layer says IPv" +
                            std::to_string(version));
  }
  IpHeaders h;
  if (found == 4) {
    if (!decode_ipv4(ip, wire, out, h, reason))
      return false;
  } else if (found == 6) {
    if (!decode_ipv6(ip, wire, out, h, reason))
      return false;
  } else {
    return skip(reason, "IP version " + std::to_string(found));
  }
  std::size_t captured = std::min<std::size_t>(ip.size(), h.length);
  std::size_t payload = h.transport;
  out.src_port = 0;
  out.dst_port = 0;
  out.tcp_flags = 0;
  switch (h.protocol) {
    case kTcp: {
      if (!header_fits(h, captured, 20, "TCP", reason))
        return false;
      std::size_t offset = std::size_t{u8(ip, h.transport + 12)} / 16 * 4;
      if (offset < 20)
        return skip(reason, "bad TCP data offset");
      if (!header_fits(h, captured, offset, "TCP", reason))
        return false;
      out.src_port = be16(ip, h.transport);
      out.dst_port = be16(ip, h.transport + 2);
      out.tcp_flags = u8(ip, h.transport + 13);
      payload += offset;
      break;
    }
    case kUdp:
      if (!header_fits(h, captured, 8, "UDP", reason))
        return false;
      out.src_port = be16(ip, h.transport);
      out.dst_port = be16(ip, h.transport + 2);
      payload += 8;
      break;
    case kIcmp:
    case kIcmpV6:
      // Type, code, checksum and the 4-byte rest of header (RFC 792, RFC 4443).
      if (!header_fits(h, captured, 8, h.protocol == kIcmp ? "ICMP" : "ICMPv6", reason))
        return false;
      payload += 8;
      break;
    default:
      break;  // other protocols (IGMP, GRE, ESP, ...): the payload follows the IP headers
  }
  out.protocol = h.protocol;
  out.ip_length = h.length;
  out.data.assign(ip.data(), captured);
  out.payload_offset = static_cast<std::uint32_t>(payload);
  out.payload_length = h.length - static_cast<std::uint32_t>(payload);
  return true;
}

}  // namespace

std::string ethertype_reason(std::uint16_t ethertype) {
  static constexpr std::pair<std::uint16_t, const char*> kNames[] = {
      {0x0806, "ARP"},
      {0x8035, "RARP"},
      {0x8137, "IPX"},
      {0x8809, "LACP/slow protocols"},
      {0x8847, "MPLS"},
      {0x8848, "MPLS multicast"},
      {0x8863, "PPPoE discovery"},
      {0x8864, "PPPoE session"},
      {0x888e, "EAPOL"},
      {0x88cc, "LLDP"},
      {0x88e5, "MACsec"},
      {0x88f7, "PTP"},
      {0x9000, "Ethernet loopback"}};
  for (const auto& [value, name] : kNames) {
    if (value == ethertype)
      return std::string(name) + " (ethertype " + hex4(ethertype) + ")";
  }
  return "ethertype " + hex4(ethertype);
}

bool decode_frame(const Frame& frame, Packet& out, std::string& reason) {
  std::string_view bytes = frame.bytes;
  std::uint64_t wire = std::max<std::uint64_t>(frame.original_length, bytes.size());
  std::size_t offset = 0;
  int version = 0;
  std::uint16_t vlan = 0;
  switch (frame.link_type) {
    case kLinkEthernet:
      if (bytes.size() < 14)
        return skip(reason, "truncated Ethernet header");
      offset = 14;
      if (!after_ethertype(bytes, be16(bytes, 12), offset, version, vlan, reason,
                           "IEEE 802.3 length field (LLC frame, no ethertype)"))
        return false;
      break;
    case kLinkLinuxSll:  // packet type, ARPHRD type, address length, 8 address bytes, protocol
      if (bytes.size() < 16)
        return skip(reason, "truncated Linux cooked header");
      offset = 16;
      if (!after_ethertype(bytes, be16(bytes, 14), offset, version, vlan, reason,
                           "Linux cooked frame without an ethertype (LLC or 802.3)"))
        return false;
      break;
    case kLinkLinuxSll2:  // protocol first, then reserved, ifindex, ARPHRD, type, address
      if (bytes.size() < 20)
        return skip(reason, "truncated Linux cooked v2 header");
      offset = 20;
      if (!after_ethertype(bytes, be16(bytes, 0), offset, version, vlan, reason,
                           "Linux cooked frame without an ethertype (LLC or 802.3)"))
        return false;
      break;
    case kLinkNull:
    case kLinkLoop: {
      if (bytes.size() < 4)
        return skip(reason, "truncated loopback header");
      // DLT_NULL stores the family in the capturing machine's byte order: try both.
      std::uint32_t family = be32(bytes, 0);
      version = loopback_version(family);
      if (version == 0 && frame.link_type == kLinkNull) {
        family = le32(bytes, 0);
        version = loopback_version(family);
      }
      if (version == 0) {
        if (frame.link_type == kLinkNull)
          family = std::min(be32(bytes, 0), le32(bytes, 0));
        return skip(reason, "loopback address family " + std::to_string(family));
      }
      offset = 4;
      break;
    }
    case kLinkRaw:
    case kLinkRawOpenBsd:
    case kLinkRawFile:
      break;
    case kLinkIpv4:
      version = 4;
      break;
    case kLinkIpv6:
      version = 6;
      break;
    default:
      return skip(reason, "unsupported link type " + std::to_string(frame.link_type));
  }
  if (!decode_ip(bytes.substr(offset), wire - offset, version, out, reason))
    return false;
  out.time_us = frame.time_us;
  out.vlan = vlan;
  return true;
}

Decoded decode(const Frame& frame) {
  Decoded result;
  Packet packet;
  if (decode_frame(frame, packet, result.skip_reason))
    result.packet = std::move(packet);
  return result;
}

}  // namespace rosgen::capture
