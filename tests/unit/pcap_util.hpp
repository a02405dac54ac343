// Test helpers for capture files: a temporary directory removed at the end of the test,
// and writing packets as a pcap file through libpcap's pcap_dump (tests only; src/
// includes pcap.h only in src/capture/pcap_source.cpp).
#pragma once

#include <doctest/doctest.h>
#include <pcap/pcap.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rosgen::test {

struct TempDir {
  std::filesystem::path path;

  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rosgen-capture-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }

  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Record {
  std::string bytes;
  std::int64_t time_us = 0;
};

// Writes `records` as a pcap file of libpcap link type `dlt`.
inline void write_pcap(const std::filesystem::path& path, int dlt,
                       const std::vector<Record>& records) {
  pcap_t* dead = pcap_open_dead(dlt, 65535);
  REQUIRE(dead != nullptr);
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  REQUIRE(dumper != nullptr);
  for (const Record& r : records) {
    struct pcap_pkthdr header {};

    header.ts.tv_sec = static_cast<time_t>(r.time_us / 1000000);
    header.ts.tv_usec = static_cast<suseconds_t>(r.time_us % 1000000);
    header.caplen = static_cast<bpf_u_int32>(r.bytes.size());
    header.len = header.caplen;
    pcap_dump(reinterpret_cast<u_char*>(dumper), &header,
              reinterpret_cast<const u_char*>(r.bytes.data()));
  }
  pcap_dump_close(dumper);
  pcap_close(dead);
}

}  // namespace rosgen::test
