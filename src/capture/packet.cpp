// Text forms of capture values for reports and messages. Entry point: to_string(Address).
#include "capture/packet.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

namespace rosgen::capture {

std::string to_string(const Address& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(address.v6 ? AF_INET6 : AF_INET, address.bytes.data(), text, sizeof text) ==
      nullptr)
    return "?";  // inet_ntop fails only on a too-small buffer, which INET6_ADDRSTRLEN is not
  return text;
}

}  // namespace rosgen::capture
