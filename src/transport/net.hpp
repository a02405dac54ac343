// Internal to src/transport/: host names and TCP connect with timeouts. getaddrinfo() has no
// timeout of its own, so a lookup runs on a worker thread that is abandoned (and cleans up
// after itself) when the timeout passes.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "transport/ssh_io.hpp"

namespace rosgen::transport::detail {

// "::1" for "[::1]"; other hosts unchanged.
std::string strip_brackets(std::string_view host);

// "host:port" for messages, "[v6]:port" when the host is an IPv6 literal.
std::string endpoint_text(std::string_view host, int port);

// Resolves `host` (a name, an IPv4 literal or an IPv6 literal without brackets) and connects
// to its addresses in turn, each within `timeout`; name resolution gets `timeout` too.
// Returns a connected non-blocking socket. Throws Error(Resolve) or Error(Connect) naming
// `endpoint` and, for Connect, what happened at each address; Interrupted when `interrupt`
// (may be null) is set while it waits for a connect (name resolution runs to its timeout).
Socket connect_tcp(const std::string& host, int port, std::chrono::seconds timeout,
                   const std::string& endpoint, const std::atomic<bool>* interrupt = nullptr);

}  // namespace rosgen::transport::detail
