// Anchored stages ('at start'): the /ip firewall layer7-protocol entry that checks that an
// alternative opens the connection's client data, and the connection-bytes window that
// keeps the check on the connection's first client data packet. Entry points:
// layer7_regexp(), layer7_name(), kAnchoredWindowBytes.
//
// RouterOS facts (reference §1.2, §1.6): content= is a case-sensitive substring test and
// cannot say where in the packet a literal is; layer7 can (a POSIX regular expression over
// the connection's first data), but it lower-cases the data, so a pattern holding an
// upper-case letter never matches (field report, mechanism unverified); content= is
// evaluated before layer7 in the same rule, so the regex runs only on packets that hold a
// case form; connection-bytes counts both directions (reference §1.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sema/model.hpp"

namespace rosgen::lower {

// The handshake's largest possible size: SYN, SYN-ACK and ACK, each with the largest IPv4
// header (60 bytes: 20 + 40 of options) and the largest TCP header (60 bytes: 20 + 40 of
// options). Real handshakes are 60 + 60 + 52 = 172 bytes (Linux: MSS, SACK, timestamps,
// window scale), so the allowance also holds three retransmitted SYNs of 60 bytes.
inline constexpr std::uint32_t kHandshakeBytes = 3 * (60 + 60);
// One full-size packet on Ethernet: IP total length 1500 (the MTU), headers included.
inline constexpr std::uint32_t kFullPacketBytes = 1500;
// The connection-bytes window of an anchored stage: the handshake plus the client's first
// data packet, counted in both directions as connection-bytes counts them (1860 bytes).
// A connection's second data packet fits in it too when the first is small; there the
// layer7 data still starts with the first packet that reached the regex (lower/anchor.cpp
// and grammar/LANGUAGE.md say what that leaves open).
inline constexpr std::uint32_t kAnchoredWindowBytes = kHandshakeBytes + kFullPacketBytes;

// The regexp= of an anchored stage: "^[\x0d\x0a]*(" alternatives joined by "|" ")" (CR
// and LF before the literal are skipped: HTTP servers ignore blank lines before a request
// line, RFC 9112 §2.2, so a bot can send them first), each byte an ASCII
// letter in lower case (layer7 lower-cases the data, so an upper-case letter never
// matches), a POSIX regex metacharacter (. [ ] ( ) * + ? { } | ^ $ \) escaped with '\',
// other printable bytes as they are, every other byte as \xHH (lower-case hex digits, as
// l7-filter patterns write them). Alternatives that come out the same are written once.
// The stage must not hold a NUL byte (sema refuses it: layer7 drops NULs from its data).
std::string layer7_regexp(const sema::Stage& stage);

// The entry's name: "rosgen-<policy>-<signature>-<position>". Unique among a policy's
// entries: the position is digits after the last '-', and policy names hold no '-'.
// (The compiled name gets "-<hash>" of its regexp after that: lower/version.hpp.)
std::string layer7_name(std::string_view policy, std::string_view signature,
                        std::uint32_t position);

}  // namespace rosgen::lower
