// Reading capture files: pcap and pcapng through libpcap, decoded frame by frame
// (decode.hpp) as the simulator asks for packets. Entry point: open_capture().
// This directory is the only one that includes pcap.h, and only pcap_source.cpp does.
#pragma once

#include <memory>
#include <string>

#include "capture/packet.hpp"

namespace rosgen::capture {

// Opens the pcap or pcapng file `path` for streaming: one frame is held at a time, so
// memory does not grow with the file. Frames that are not IP packets the firewall would
// see are counted in skipped() by reason (decode_frame()); a file that ends inside a
// record ends the stream with the reason "capture file ends inside a record".
// The source's name() is `path` as given.
//
// Throws support::IoError ("cannot read 'x.pcap': ...") when `path` is not a regular
// file (a FIFO or a device is refused without waiting for a writer), cannot be opened,
// or is not a capture libpcap reads ("unknown file format"); next() throws it when the
// file cannot be read further. libpcap 1.10 (Debian 12) refuses a pcapng file whose
// interfaces have different link types ("an interface has a type 113 different from the
// type of the first interface"): such a file is an error, not decoded per interface.
std::unique_ptr<PacketSource> open_capture(const std::string& path);

}  // namespace rosgen::capture
