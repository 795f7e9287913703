// Server: the HTTP/1.1 listener. The only translation unit that includes Boost.Beast.
//
// Runs `threads` I/O threads; each connection is served on its own strand and the handler is
// called synchronously for each request. Bodies over `body_limit` get 413; headers over 16 KiB
// get 431. SIGINT/SIGTERM (or Stop()) stop accepting, let in-flight requests finish, close idle
// keep-alive connections and return from Run() within `shutdown_grace_seconds`.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/base/status.h"
#include "platform/http/message.h"

namespace yuanwu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (tests)
  int threads = 1;
  size_t body_limit = 25 * 1024 * 1024;
  int idle_timeout_seconds = 30;
  int shutdown_grace_seconds = 5;
  bool handle_signals = true;
};

using RawHandler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, RawHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; after this, port() is known.
  Status Listen();
  // Serves until Stop() or a signal. REQUIRES: Listen() succeeded.
  void Run();
  // Thread-safe; may be called from any thread or a handler.
  void Stop();
  uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuanwu::http
