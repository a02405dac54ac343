// The libpcap-backed PacketSource: checks that the path is a regular file, hands the open
// descriptor to libpcap (so the file checked is the file read), and decodes each frame
// with decode_frame(). The only file in rosgen that includes pcap.h.
#include "capture/pcap_source.hpp"

#include <fcntl.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "capture/decode.hpp"
#include "support/errors.hpp"

namespace rosgen::capture {

namespace {

using support::IoError;

// "is a directory", "is a FIFO, not a regular file": the wording of read_input_file().
std::string not_regular(mode_t mode) {
  if (S_ISDIR(mode))
    return "is a directory";
  const char* kind = S_ISFIFO(mode)   ? "a FIFO"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a regular file";
  return std::string("is ") + kind + ", not a regular file";
}

// A FILE* over `path`, opened only when it names a regular file (symlinks followed).
FILE* open_regular(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    throw IoError("cannot read '" + path + "': " + std::strerror(errno));

  struct stat st {};

  std::string why;
  if (::fstat(fd, &st) != 0)
    why = std::strerror(errno);
  else if (!S_ISREG(st.st_mode))
    why = not_regular(st.st_mode);
  if (!why.empty()) {
    ::close(fd);
    throw IoError("cannot read '" + path + "': " + why);
  }
  // Reads of a regular file never block, but clear the flag all the same.
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0)
    (void)::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  FILE* file = ::fdopen(fd, "rb");
  if (file == nullptr) {
    int error = errno;
    ::close(fd);
    throw IoError("cannot read '" + path + "': " + std::strerror(error));
  }
  return file;
}

class PcapSource : public PacketSource {
 public:
  PcapSource(std::string path, pcap_t* handle) : path_(std::move(path)), handle_(handle) {}

  PcapSource(const PcapSource&) = delete;
  PcapSource& operator=(const PcapSource&) = delete;

  ~PcapSource() override { pcap_close(handle_); }  // also closes the FILE

  bool next(Packet& out) override {
    while (!done_) {
      struct pcap_pkthdr* header = nullptr;
      const u_char* bytes = nullptr;
      int rc = pcap_next_ex(handle_, &header, &bytes);
      if (rc == 1) {
        // Multi-interface pcapng files: libpcap 1.10 keeps one link type per file.
        Frame frame;
        frame.link_type = static_cast<std::uint32_t>(pcap_datalink(handle_));
        frame.bytes = std::string_view(reinterpret_cast<const char*>(bytes), header->caplen);
        frame.original_length = header->len;
        frame.time_us = std::int64_t{header->ts.tv_sec} * 1'000'000 + header->ts.tv_usec;
        if (decode_frame(frame, out, reason_))
          return true;
        skipped_.add(reason_);
        continue;
      }
      done_ = true;
      if (rc == PCAP_ERROR_BREAK)  // the end of the file
        break;
      std::string message = pcap_geterr(handle_);
      // "truncated dump file; tried to read 1514 captured bytes, only got 200" (pcap),
      // "truncated pcapng dump file; ..." (pcapng): a capture cut off while it was
      // written or copied. What was read stands.
      if (message.rfind("truncated", 0) == 0) {
        skipped_.add("capture file ends inside a record");
        break;
      }
      throw IoError("cannot read '" + path_ + "': " + message);
    }
    return false;
  }

  const SkipCounts& skipped() const override { return skipped_; }

  std::string name() const override { return path_; }

 private:
  std::string path_;
  pcap_t* handle_;
  SkipCounts skipped_;
  std::string reason_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<PacketSource> open_capture(const std::string& path) {
  FILE* file = open_regular(path);
  char error[PCAP_ERRBUF_SIZE] = {};
  // Microsecond timestamps whatever the file stores (pcapng and nanosecond pcap files
  // are converted by libpcap).
  pcap_t* handle =
      pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, error);
  if (handle == nullptr) {
    std::fclose(file);  // libpcap leaves the FILE open when it fails
    throw IoError("cannot read '" + path + "': " + error);
  }
  return std::make_unique<PcapSource>(path, handle);
}

}  // namespace rosgen::capture
