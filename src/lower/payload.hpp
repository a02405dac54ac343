// The smallest payload a packet needs for a signature to match in it: the bound behind
// the gate's packet-size= (lower_signature.cpp). Entry point: shortest_payload().
#pragma once

#include <cstddef>

#include "sema/model.hpp"

namespace rosgen::lower {

// The fewest payload bytes (bytes after the TCP/UDP header) a packet can hold and still
// advance `signature`: in one packet, the shortest string that holds one alternative of
// every stage (the shortest common superstring over the choices of alternatives, overlaps
// taken case-insensitively so the bound never exceeds a real match); in sequence, the
// shortest alternative of any stage (a packet may advance one stage). 0 for a signature
// without stages. When the choices are too many to enumerate (more than 4,096
// combinations, or more than 8 stages), the weaker bound: the longest stage's shortest
// alternative. Never larger than a packet that matches can be: the gate must not drop one.
std::size_t shortest_payload(const sema::Signature& signature);

}  // namespace rosgen::lower
