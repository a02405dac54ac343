// The default likelihood model: how likely a client packet's payload is to contain a
// literal, and what testing it costs. Used to order the stages of in-one-packet
// signatures (least likely per unit of cost first). A later issue replaces these
// defaults with profiles measured by `rosgen simulate` on real captures.
#pragma once

#include <cstdint>

#include "sema/model.hpp"

namespace rosgen::lower {

// Per-byte frequencies assumed for client payload (documented in grammar/LANGUAGE.md):
// upper-case letter 0.02, lower-case letter 0.03, digit 0.015, space 0.05, other
// printable 0.01, any other byte 1/256; a nocase letter counts both cases.
// p(literal) = min(0.999, positions * product), positions = 1460 - length + 1.
double literal_probability(const sema::Literal& literal);

// How likely a client packet is to hold any alternative of `stage`:
// 1 - product of (1 - literal_probability) over its alternatives (taken as independent),
// at most 0.999.
double stage_probability(const sema::Stage& stage);

// Content tests a stage costs a packet that reaches it: one per case variant of each
// alternative.
std::uint64_t stage_cost(const sema::Stage& stage);

// The ordering key of an AND chain: cost / (1 - p); smaller goes first.
double stage_order_key(const sema::Stage& stage);

}  // namespace rosgen::lower
