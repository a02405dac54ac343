// A traffic generator for property tests of the compiled rules (optimise_property_test.cpp):
// TCP and UDP connections from several client hosts to a policy's signature ports and
// others, interleaved packet by packet (scenario packets with real headers, times drawn
// from a seeded std::mt19937_64), carrying random bytes, ordinary HTTP requests and SMTP
// dialogues that hold the signatures' words, and bots that send a signature's literals in
// random letter case, at the start or elsewhere, split across packets, pipelined,
// repeated, with a stage missing or out of order. Deterministic for a seed.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "capture/scenario.hpp"
#include "simulate_util.hpp"

namespace rosgen::test::traffic {

// std::mt19937_64's output is fixed by the standard; the <random> distributions and
// std::shuffle are not (libstdc++ and libc++ differ), so the draws are made here.
using Random = std::mt19937_64;

// 0 ... n-1 (n > 0).
inline std::size_t pick(Random& random, std::size_t n) {
  return static_cast<std::size_t>(random() % n);
}

// In [0, 1).
inline double uniform(Random& random) {
  return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

// True with probability p.
inline bool chance(Random& random, double p) {
  return uniform(random) < p;
}

template <typename T>
const T& one_of(Random& random, const std::vector<T>& items) {
  return items[pick(random, items.size())];
}

template <typename T>
void shuffle(Random& random, std::vector<T>& items) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[pick(random, i)]);
}

// `text` in lower case (ASCII).
inline std::string folded(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

inline std::string random_case(Random& random, std::string text) {
  for (char& c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) != 0 && chance(random, 0.5))
      c = static_cast<char>(std::isupper(u) != 0 ? std::tolower(u) : std::toupper(u));
  }
  return text;
}

// ---- what the traffic knows of a policy ---------------------------------------------------

struct Literal {
  std::string bytes;
  bool nocase = false;
};

struct SignatureWords {
  std::string name;
  std::vector<std::uint16_t> ports;          // some of the signature's ports
  std::vector<std::vector<Literal>> stages;  // the alternatives of each stage, author order
  bool sequence = false;
  bool anchored = false;  // a stage 'at start' (the first, in sequence)
  std::size_t anchored_stage = 0;
  bool quarantine = false;  // its verdict quarantines the host
};

// ---- traffic ----------------------------------------------------------------------------

inline bool server_first(std::uint16_t port) {
  for (int p : {21, 22, 23, 25, 110, 119, 143, 587, 2121, 2525})
    if (port == p)
      return true;
  return false;
}

struct Flow {
  capture::ScenarioConnection connection;
  std::string label;        // "c12 bot smtp-bot 192.168.88.14 -> 25"
  std::string client_data;  // every byte the client sends, in order
};

struct Traffic {
  std::vector<Flow> flows;
  std::vector<std::pair<capture::Packet, std::size_t>> stream;  // packet, its flow
  std::size_t switches = 0;  // consecutive packets of two connections that both go on
};

class Generator {
 public:
  Generator(std::uint64_t seed, std::vector<SignatureWords> signatures)
      : random_(seed), signatures_(std::move(signatures)) {
    for (const SignatureWords& s : signatures_)
      for (const auto& stage : s.stages)
        for (const Literal& l : stage) vocabulary_.push_back(l);
  }

  Traffic traffic(std::size_t connections) {
    Traffic out;
    std::vector<std::vector<capture::Packet>> packets;
    for (std::size_t i = 0; i < connections; ++i) {
      out.flows.push_back(flow(i));
      capture::Scenario one{{out.flows.back().connection}};
      packets.push_back(capture::expand_scenario(one).packets);
    }
    // Times: a connection every ~12 ms, its packets 1-25 ms apart, so that about ten are
    // open at once; sorted by time, their packets interleave.
    std::vector<std::tuple<std::int64_t, std::size_t, std::size_t>> order;
    for (std::size_t i = 0; i < packets.size(); ++i) {
      std::int64_t t =
          static_cast<std::int64_t>(i) * 12000 + static_cast<std::int64_t>(pick(random_, 20000));
      for (std::size_t k = 0; k < packets[i].size(); ++k) {
        order.emplace_back(t, i, k);
        t += 1000 + static_cast<std::int64_t>(pick(random_, 24000));
      }
    }
    std::sort(order.begin(), order.end());
    for (std::size_t n = 0; n < order.size(); ++n) {
      auto [t, i, k] = order[n];
      capture::Packet packet = packets[i][k];
      packet.time_us = capture::kScenarioEpochUs + t;
      if (n > 0) {
        auto [t0, i0, k0] = order[n - 1];
        out.switches += i0 != i && k > 0 && k0 + 1 < packets[i0].size() ? 1 : 0;
      }
      out.stream.emplace_back(std::move(packet), i);
    }
    return out;
  }

 private:
  // A client message and the packets it becomes.
  struct Dialogue {
    std::vector<capture::ScenarioPayload> payloads;
    std::string client_data;
  };

  // The client of connection `i`: any of .10-.69 for ordinary traffic; for a bot, one of
  // three hosts that move on every eight connections, so that bots keep appearing on new
  // hosts while those hosts have other connections open (a quarantine stops them too).
  std::string host(std::size_t i, bool infected) {
    std::size_t n = infected ? (i / 8 + pick(random_, 3)) % 60 : pick(random_, 60);
    return "192.168.88." + std::to_string(10 + n);
  }

  // Noise: common words, and pieces of the signatures' literals in any case (a probe's
  // fragment without its literal).
  std::string filler() {
    static const std::vector<std::string> words = {
        "x",      "hello", "bot.example", "<a@spam.example>", "mx.example:25", "GET",
        "OK",     "\r\n",  " ",           "example.com:443",  "Connection",    "0\x01\x02\xff",
        "HTTP/1", "MAIL",  "FROM"};
    std::string out;
    for (std::size_t n = 1 + pick(random_, 3); n > 0; --n) {
      if (vocabulary_.empty() || chance(random_, 0.6)) {
        out += one_of(random_, words);
        continue;
      }
      const std::string& literal = one_of(random_, vocabulary_).bytes;
      std::size_t at = pick(random_, literal.size());
      out += random_case(random_, literal.substr(at, 1 + pick(random_, literal.size() - at)));
    }
    return out;
  }

  // A literal as a bot sends it: a nocase one mostly in random case, a case-sensitive one
  // mostly as written; now and then with a byte inserted (a near miss).
  std::string render(const Literal& literal) {
    std::string out = literal.bytes;
    if (literal.nocase ? chance(random_, 0.8) : chance(random_, 0.15))
      out = random_case(random_, out);
    if (out.size() > 1 && chance(random_, 0.08)) {
      std::size_t at = 1 + pick(random_, out.size() - 1);
      out.insert(at, 1, one_of(random_, std::vector<char>{' ', '-', 'x'}));
    }
    return out;
  }

  // The parts in order. (The operands of + are evaluated in an unspecified order, those
  // of a braced list from left to right: draws made in one expression go through here.)
  static std::string words(std::initializer_list<std::string> parts) {
    std::string out;
    for (const std::string& part : parts) out += part;
    return out;
  }

  // A signature word somewhere in ordinary text (paths, headers, bodies).
  std::string word() {
    if (vocabulary_.empty() || chance(random_, 0.3))
      return filler();
    return random_case(random_, one_of(random_, vocabulary_).bytes);
  }

  // Cuts `text` in two: often inside a signature literal it holds.
  std::vector<std::string> split(const std::string& text) {
    if (text.size() < 2)
      return {text};
    std::size_t cut = 1 + pick(random_, text.size() - 1);
    std::string text_folded = folded(text);
    if (!vocabulary_.empty() && chance(random_, 0.6)) {
      const Literal& l = one_of(random_, vocabulary_);
      std::size_t at = text_folded.find(folded(l.bytes));
      if (at != std::string::npos && l.bytes.size() > 1)
        cut = at + 1 + pick(random_, l.bytes.size() - 1);
    }
    return {text.substr(0, cut), text.substr(cut)};
  }

  // The client's commands as packets: several pipelined into one, some split in two (a
  // literal across the boundary), each maybe answered by the server.
  void send(Dialogue& d, std::vector<std::string> commands, const std::string& answer) {
    std::vector<std::string> packets;
    double pipelined = chance(random_, 0.1) ? 1 : 0.3;  // sometimes everything at once
    for (std::string& command : commands) {
      if (!packets.empty() && chance(random_, pipelined))
        packets.back() += command;  // pipelined
      else
        packets.push_back(std::move(command));
    }
    for (const std::string& packet : packets) {
      std::vector<std::string> pieces =
          chance(random_, 0.25) ? split(packet) : std::vector<std::string>{packet};
      for (const std::string& piece : pieces) {
        if (piece.empty())
          continue;
        d.payloads.push_back({true, piece});
        d.client_data += piece;
      }
      if (chance(random_, 0.6))
        d.payloads.push_back({false, answer});
    }
  }

  // A bot for `s`: its stages' literals in order (in sequence: a command each; in one
  // packet: one request), with noise, repeats, a missing stage or the wrong order now
  // and then.
  std::vector<std::string> bot(const SignatureWords& s) {
    std::vector<std::string> parts;
    for (const auto& stage : s.stages) parts.push_back(render(one_of(random_, stage)));
    if (parts.size() > 1 && chance(random_, 0.1))
      parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(pick(random_, parts.size())));
    std::vector<std::string> commands;
    if (s.sequence) {
      for (const std::string& p : parts) {
        commands.push_back(p + " " + filler() + "\r\n");
        if (chance(random_, 0.3))
          commands.push_back("NOOP " + filler() + "\r\n");
      }
      if (chance(random_, 0.15))
        std::reverse(commands.begin(), commands.end());
    } else {
      std::string anchored =
          s.anchored && s.anchored_stage < parts.size() ? parts[s.anchored_stage] : "";
      shuffle(random_, parts);
      if (!anchored.empty() && chance(random_, 0.85)) {
        parts.erase(std::find(parts.begin(), parts.end(), anchored));
        parts.insert(parts.begin(), anchored);
      }
      std::string request;
      for (const std::string& p : parts) request += p + (chance(random_, 0.5) ? " " : filler());
      commands.push_back(request + "\r\n\r\n");
    }
    if (chance(random_, 0.2)) {
      std::size_t k = pick(random_, commands.size());
      commands.insert(commands.begin() + static_cast<std::ptrdiff_t>(k), commands[k]);
    }
    // Something else first, so the literals are not at the start: noise, one stage's
    // literal alone (it reaches that stage's rules, and maybe layer7, before the rest),
    // or an ordinary request.
    double first = uniform(random_);
    if (first < 0.12)
      commands.insert(commands.begin(), filler() + "\r\n");
    else if (first < 0.27)
      commands.insert(
          commands.begin(),
          words({filler(), render(one_of(random_, one_of(random_, s.stages))), filler(), "\r\n"}));
    else if (first < 0.35)
      commands.insert(commands.begin(), http().front());
    return commands;
  }

  std::vector<std::string> http() {
    static const std::vector<std::string> methods = {"GET", "POST", "HEAD", "PUT", "OPTIONS"};
    std::vector<std::string> out;
    for (std::size_t n = chance(random_, 0.3) ? 2 : 1; n > 0; --n) {
      std::string method = one_of(random_, methods);
      std::string body = method == "POST" || method == "PUT" ? words({word(), " ", word()}) : "";
      out.push_back(
          words({method, " /", word(), "/x?q=", word(),
                 " HTTP/1.1\r\nHost: example.com\r\nUser-Agent: ", word(), "\r\nX-Note: ", word(),
                 "\r\nContent-Length: ", std::to_string(body.size()), "\r\n\r\n", body}));
    }
    return out;
  }

  std::vector<std::string> smtp() {
    auto verb = [&](const std::string& v) {
      return chance(random_, 0.3) ? random_case(random_, v) : v;
    };
    return {verb(chance(random_, 0.5) ? "EHLO" : "HELO") + " client.example\r\n",
            verb("MAIL FROM:") + "<alice@example.com>\r\n",
            words({verb("RCPT TO:"), "<bob@", word(), ".example>\r\n"}),
            "DATA\r\n",
            words({"Subject: ", word(), "\r\n\r\n", word(), "\r\n.\r\n"}),
            "QUIT\r\n"};
  }

  std::string random_bytes(std::size_t max) {
    std::string out(1 + pick(random_, max), '\0');
    for (char& c : out) c = static_cast<char>(pick(random_, 256));
    if (chance(random_, 0.3)) {
      std::size_t at = pick(random_, out.size());
      out.insert(at, word());
    }
    return out;
  }

  Flow flow(std::size_t i) {
    Flow f;
    capture::ScenarioConnection& c = f.connection;
    c.client_port = static_cast<std::uint16_t>(20000 + i);
    std::size_t kind = pick(random_, 10);
    const SignatureWords* target = signatures_.empty() ? nullptr : &one_of(random_, signatures_);
    std::uint16_t port = 0;
    static const std::vector<std::uint16_t> others = {80, 443, 25, 8080, 22, 5222, 4444, 53};
    if (target != nullptr && (kind < 4 || chance(random_, 0.6)))
      port = one_of(random_, target->ports);
    else
      port = one_of(random_, others);
    bool is_bot = kind < 4 && target != nullptr;
    std::string client = host(i, is_bot && chance(random_, 0.9));
    c.client = test::ipv4_address(client);
    // Servers on the internet; now and then the router itself (a policy's 'hook input').
    c.server = test::ipv4_address(chance(random_, 0.05)
                                      ? std::string("192.168.88.1")
                                      : "203.0.113." + std::to_string(5 + pick(random_, 4)));
    c.server_port = port;
    Dialogue d;
    std::string name;
    if (kind == 9 && chance(random_, 0.3)) {  // UDP: datagrams, signature words or not
      name = "udp";
      c.protocol = capture::kUdp;
      for (std::size_t n = 1 + pick(random_, 3); n > 0; --n) {
        std::string bytes = chance(random_, 0.5) ? random_bytes(300) : words({word(), " ", word()});
        d.payloads.push_back({chance(random_, 0.7), bytes});
        if (d.payloads.back().from_client)
          d.client_data += bytes;
      }
    } else if (kind == 9 && chance(random_, 0.3)) {  // a scan: one unanswered SYN
      name = "scan";
      c.handshake = false;
      c.close = capture::Close::None;
    } else {
      if (server_first(port) || chance(random_, 0.1))
        d.payloads.push_back({false, "220 server.example ready\r\n"});
      if (is_bot) {
        name = "bot " + target->name;
        send(d, bot(*target), "250 ok\r\n");
      } else if (kind < 6) {
        name = "http";
        send(d, http(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      } else if (kind < 8) {
        name = "smtp";
        send(d, smtp(), "250 ok\r\n");
        if (chance(random_, 0.3))  // STARTTLS, then encrypted bytes
          d.payloads.push_back({true, random_bytes(200)});
      } else {
        name = "random";
        std::vector<std::string> blobs;
        for (std::size_t n = 1 + pick(random_, 4); n > 0; --n) blobs.push_back(random_bytes(1200));
        send(d, blobs, random_bytes(600));
      }
      if (chance(random_, 0.3))
        d.payloads.push_back({false, random_bytes(900)});  // the server has more to say
      double close = uniform(random_);
      c.close = close < 0.6 ? capture::Close::Fin
                            : (close < 0.85 ? capture::Close::Rst : capture::Close::None);
    }
    c.payloads = std::move(d.payloads);
    f.client_data = std::move(d.client_data);
    f.label = "c" + std::to_string(i) + " " + name + " " + client + " -> " + std::to_string(port);
    c.name = f.label;
    return f;
  }

  Random random_;
  std::vector<SignatureWords> signatures_;
  std::vector<Literal> vocabulary_;
};

}  // namespace rosgen::test::traffic
