// A decision structure over one chain, so that the simulator evaluates only the rules a
// packet can match, while still counting the work RouterOS does on every rule it walks
// past. Entry points: ChainIndex, IndexContext, build_chain_index().
//
// RouterOS tests a rule's matchers in a fixed order, the cheap ones first (reference
// §1.2): protocol, addresses, interfaces, ports, marks and connection-state all come
// before the first matcher with an effect (connection-limit, content, limit, dst-limit).
// A rule that one of those cheap matchers rejects costs one visit and has no effect (no
// token taken, no connection counted). So each of those keys splits the chain: for every
// value (or interval of values) of the key, a bitset of the rules whose matcher on that
// key passes. A packet's candidates are the AND of its keys' bitsets, in chain order;
// every rule between two candidates is a visit that fails, counted without being run.
//
// The keys: (protocol, dst-port), src-address, dst-address, the in- and out-interface
// (in-interface-list and out-interface-list included), connection-state, packet-mark and
// connection-mark. The marks can change while a chain runs (mark-packet,
// mark-connection): the caller selects again when they do.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "simulate/rules.hpp"

namespace rosgen::simulate {

// The destination ports split at every end of a dst-port range of any rule, shared by
// the chains' indexes: a port's class is found in one table look-up.
struct PortClasses {
  std::vector<std::uint16_t> of_port;     // 65536 entries
  std::vector<std::uint16_t> first_port;  // per class
};

PortClasses port_classes(const Rules& rules);

// What the index needs to know beyond the chain: the interface ids packets can carry
// (beyond those the rules name), interface-list membership, and the port classes.
struct IndexContext {
  std::vector<int> interfaces;
  std::function<bool(int list, int interface)> in_interface_list;
  std::shared_ptr<const PortClasses> ports;
};

// The keys an index splits a chain by.
enum class IndexKey : std::uint8_t {
  ProtocolPort,  // protocol << 16 | dst-port (0 without ports)
  Src,
  Dst,
  In,  // interface ids
  Out,
  State,  // connection-state bits
  PacketMark,
  ConnMark,
};

// One packet's values of the index's keys.
struct IndexKeys {
  std::array<std::int64_t, 8> values{};

  std::int64_t& operator[](IndexKey key) { return values[static_cast<std::size_t>(key)]; }

  std::int64_t operator[](IndexKey key) const { return values[static_cast<std::size_t>(key)]; }
};

class ChainIndex {
 public:
  using Key = IndexKey;
  static constexpr std::size_t kKeys = 8;

  // The bitsets chosen for one packet: candidates are the positions set in all of them.
  struct Selection {
    std::array<const std::uint64_t*, kKeys> masks;  // the first `count` are set
    std::size_t count = 0;
  };

  // Chooses the bitsets of `keys`' values.
  void select(const IndexKeys& keys, Selection& selection) const;

  // Whether the selection depends on the packet or connection mark.
  bool uses_marks() const { return uses_marks_; }

  // The first candidate position at or after `position` (the chain's size when none).
  std::size_t next(const Selection& selection, std::size_t position) const {
    if (selection.count == 0)
      return position;
    while (position < size_) {
      std::size_t word = position >> 6;
      std::uint64_t bits = ~std::uint64_t{0} << (position & 63);
      for (std::size_t k = 0; k < selection.count; ++k) bits &= selection.masks[k][word];
      if (bits != 0)
        return (word << 6) + static_cast<std::size_t>(__builtin_ctzll(bits));
      position = (word + 1) << 6;
    }
    return size_;
  }

 private:
  friend ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain,
                                      const IndexContext& context);

  // One key's bitsets (`words_` words each, distinct) and which one a value picks.
  struct Dimension {
    Key key = Key::ProtocolPort;
    // Src, Dst: interval starts, searched; the bitset number is the interval's.
    std::vector<std::int64_t> starts;
    // Other keys: value -> bitset number; values past the end pick `other`. For
    // ProtocolPort the value is the protocol, or 256 + the port's class for TCP,
    // 256 + classes + the class for UDP.
    std::vector<std::uint32_t> dense;
    std::uint32_t other = 0;
    std::vector<std::uint64_t> masks;
  };

  std::size_t size_ = 0, words_ = 0;
  bool uses_marks_ = false;
  std::shared_ptr<const PortClasses> ports_;
  std::vector<Dimension> dimensions_;  // only keys some rule of the chain tests
};

// Builds the index of `chain` (rule indices into rules.rules). A key whose bitsets would
// exceed a fixed size is left out, and short chains are not indexed: correct, only slower.
ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain,
                             const IndexContext& context);

}  // namespace rosgen::simulate
