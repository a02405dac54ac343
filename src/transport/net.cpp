// Name resolution and TCP connect with timeouts (net.hpp).
#include "transport/net.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace rosgen::transport::detail {

namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};

using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

// A lookup shared by the caller and the worker thread; whoever finishes last frees it.
struct Lookup {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  bool abandoned = false;
  int rc = 0;
  addrinfo* result = nullptr;
};

bool is_ip_literal(const std::string& host) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

AddrInfoPtr resolve(const std::string& host, int port, std::chrono::seconds timeout,
                    const std::string& endpoint) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  std::string service = std::to_string(port);
  int rc = 0;
  addrinfo* result = nullptr;
  if (is_ip_literal(host)) {
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;  // no lookup, no wait
    rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &result);
  } else {
    hints.ai_flags = AI_NUMERICSERV;
    auto lookup = std::make_shared<Lookup>();
    std::thread([lookup, host, service, hints] {
      addrinfo* found = nullptr;
      int code = getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
      std::lock_guard<std::mutex> lock(lookup->mutex);
      if (lookup->abandoned) {
        if (found != nullptr) {
          freeaddrinfo(found);
        }
      } else {
        lookup->rc = code;
        lookup->result = found;
      }
      lookup->done = true;
      lookup->done_cv.notify_all();
    }).detach();
    std::unique_lock<std::mutex> lock(lookup->mutex);
    if (!lookup->done_cv.wait_for(lock, timeout, [&] { return lookup->done; })) {
      lookup->abandoned = true;
      throw Error(ErrorKind::Resolve, "ssh " + endpoint + ": cannot resolve '" + host +
                                          "': no answer from the name service within " +
                                          seconds_text(timeout) +
                                          "; check the DNS settings or give an IP address");
    }
    rc = lookup->rc;
    result = lookup->result;
  }
  if (rc != 0 || result == nullptr) {
    std::string why = rc == EAI_SYSTEM ? std::strerror(errno) : gai_strerror(rc);
    throw Error(ErrorKind::Resolve, "ssh " + endpoint + ": cannot resolve '" + host + "': " + why +
                                        "; check the name or give an IP address");
  }
  return AddrInfoPtr(result);
}

std::string address_text(const addrinfo& ai) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (ai.ai_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(ai.ai_addr)->sin_addr, text,
              sizeof text);
  } else if (ai.ai_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(ai.ai_addr)->sin6_addr, text,
              sizeof text);
  }
  return text;
}

// Connects to one address within `timeout`: the socket, or "" and `why` set.
Socket try_connect(const addrinfo& ai, std::chrono::seconds timeout, std::string& why,
                   const std::atomic<bool>* interrupt, const std::string& endpoint) {
  Socket sock(
      ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
  if (sock.fd() < 0) {
    why = std::strerror(errno);
    return Socket();
  }
  if (::connect(sock.fd(), ai.ai_addr, ai.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      why = std::strerror(errno);
      return Socket();
    }
    Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        why = "no answer within " + seconds_text(timeout);
        return Socket();
      }
      if (interrupt != nullptr && interrupt->load())
        throw Interrupted("ssh " + endpoint + ": interrupted while connecting");
      long long slice = interrupt != nullptr ? 100 : INT_MAX;
      pollfd pfd{sock.fd(), POLLOUT, 0};
      int rc = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left, slice)));
      if (rc > 0) {
        break;
      }
      if (rc < 0 && errno != EINTR) {
        why = std::strerror(errno);
        return Socket();
      }
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(sock.fd(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
      error = errno;
    }
    if (error != 0) {
      why = std::strerror(error);
      return Socket();
    }
  }
  int one = 1;  // exec requests and their answers are small: do not delay them
  ::setsockopt(sock.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return sock;
}

}  // namespace

std::string strip_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::string(host);
}

std::string endpoint_text(std::string_view host, int port) {
  std::string plain = strip_brackets(host);
  if (plain.find(':') != std::string::npos) {
    return "[" + plain + "]:" + std::to_string(port);
  }
  return plain + ":" + std::to_string(port);
}

Socket connect_tcp(const std::string& host, int port, std::chrono::seconds timeout,
                   const std::string& endpoint, const std::atomic<bool>* interrupt) {
  AddrInfoPtr list = resolve(host, port, timeout, endpoint);
  std::string failures;
  for (const addrinfo* ai = list.get(); ai != nullptr; ai = ai->ai_next) {
    std::string why;
    Socket sock = try_connect(*ai, timeout, why, interrupt, endpoint);
    if (sock.fd() >= 0) {
      return sock;
    }
    failures += (failures.empty() ? "" : "; ") + address_text(*ai) + ": " + why;
  }
  throw Error(ErrorKind::Connect,
              "ssh " + endpoint + ": cannot connect (" + failures +
                  "); check that the router is up, reachable from here, and that its SSH "
                  "service listens on port " +
                  std::to_string(port) + " (RouterOS: /ip service print)");
}

}  // namespace rosgen::transport::detail
