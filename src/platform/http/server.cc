// The Boost.Beast adapter. Keep every Beast/Asio include in this file: each translation unit
// that includes Beast costs ~20 s of compile time on the 2-core build machines.
#include "platform/http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "platform/http/problem.h"
#include "platform/http/url.h"

namespace yuanwu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

class Connection;

struct Shared {
  RawHandler handler;
  ServerOptions options;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> live;
  std::function<void()> on_drained;  // called when stopping and the last connection closes
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}

  void Start() {
    {
      std::lock_guard<std::mutex> lock(shared_->mu);
      shared_->live.insert(weak_from_this());
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  ~Connection() {
    bool drained = false;
    {
      std::lock_guard<std::mutex> lock(shared_->mu);
      shared_->live.erase(weak_from_this());
      drained = shared_->stopping && shared_->live.empty();
    }
    if (drained && shared_->on_drained) shared_->on_drained();
  }

  // Called on shutdown: closes the connection if it is waiting for a new request.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void Read() {
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(shared_->options.body_limit);
    stream_.expires_after(std::chrono::seconds(shared_->options.idle_timeout_seconds));
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    idle_ = false;
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return Close();
    }
    if (ec) {
      int status = 400;
      if (ec == bhttp::error::body_limit) status = 413;
      if (ec == bhttp::error::header_limit) status = 431;
      Response r = ProblemResponse(
          Status(StatusCode::kInvalidArgument, status == 413 ? "请求内容过大" : "请求格式错误",
                 status == 413 ? "request body too large" : "malformed request"),
          false);
      r.status = status;
      // The client may still be sending the rejected body: read and discard it after the
      // response, or closing would reset the connection and the client would never see 413.
      drain_after_write_ = true;
      return Write(std::move(r), false);
    }
    bhttp::request<bhttp::string_body> msg = parser_->release();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    SplitTarget(req.target, &req.path, &req.query);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    if (remote_ip_.empty()) {  // once per connection, not per request
      beast::error_code ep_ec;
      auto ep = stream_.socket().remote_endpoint(ep_ec);
      remote_ip_ = ep_ec ? "-" : ep.address().to_string();
    }
    req.remote_ip = remote_ip_;
    bool keep_alive = msg.keep_alive() && !shared_->stopping;
    bool head = msg.method() == bhttp::verb::head;
    Response res;
    try {
      res = shared_->handler(req);
    } catch (const std::exception& e) {
      // The edge: nothing thrown by a handler may take the server down.
      spdlog::error("unhandled exception for {} {}: {}", req.method, req.path, e.what());
      res = ProblemResponse(Status::Internal(e.what()), req.PrefersEnglish());
    }
    Write(std::move(res), keep_alive, head);
  }

  void Write(Response res, bool keep_alive, bool head = false) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->result(static_cast<unsigned>(res.status));
    msg->version(11);
    for (auto& [k, v] : res.headers) msg->set(k, v);
    size_t length = res.body.size();
    if (!head) msg->body() = std::move(res.body);
    msg->keep_alive(keep_alive);
    if (head) {
      msg->content_length(length);
    } else {
      msg->prepare_payload();
    }
    stream_.expires_after(std::chrono::seconds(30));
    bhttp::async_write(stream_, *msg,
                       [self = shared_from_this(), msg, keep_alive](beast::error_code ec, size_t) {
                         if (!ec && self->drain_after_write_) return self->Drain(0);
                         if (ec || !keep_alive || self->shared_->stopping) return self->Close();
                         self->Read();
                       });
  }

  // Discards what the client still sends, for at most 5 s or 64 MiB, then closes.
  void Drain(size_t drained) {
    if (drained == 0) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream_.expires_after(std::chrono::seconds(5));
      drain_buf_.resize(64 * 1024);
    }
    stream_.async_read_some(asio::buffer(drain_buf_),
                            [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                              if (ec || drained + n > 64u * 1024 * 1024) {
                                beast::error_code ignored;
                                self->stream_.socket().close(ignored);
                                return;
                              }
                              self->Drain(drained + n);
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Shared> shared_;
  std::string remote_ip_;
  std::vector<char> drain_buf_;
  bool drain_after_write_ = false;
  bool idle_ = false;
};

}  // namespace

struct Server::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  asio::steady_timer grace{io};
  uint16_t bound_port = 0;

  void Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;  // shutting down
        spdlog::warn("accept failed: {}", ec.message());
      } else {
        s.set_option(tcp::no_delay(true), ec);
        std::make_shared<Connection>(std::move(s), shared)->Start();
      }
      if (acceptor.is_open()) Accept();
    });
  }

  void BeginShutdown() {
    if (shared->stopping.exchange(true)) return;
    spdlog::info("shutting down: no new connections, finishing in-flight requests");
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::vector<std::shared_ptr<Connection>> conns;
    {
      std::lock_guard<std::mutex> lock(shared->mu);
      for (const auto& w : shared->live) {
        if (auto c = w.lock()) conns.push_back(c);
      }
    }
    for (auto& c : conns) c->CloseIfIdle();
    if (conns.empty()) return;
    grace.expires_after(std::chrono::seconds(shared->options.shutdown_grace_seconds));
    grace.async_wait([this](beast::error_code e) {
      if (!e) io.stop();
    });
  }
};

Server::Server(ServerOptions options, RawHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->shared->options = std::move(options);
  impl_->shared->handler = std::move(handler);
  Impl* im = impl_.get();
  impl_->shared->on_drained = [im] { asio::post(im->io, [im] { im->grace.cancel(); }); };
}

Server::~Server() = default;

Status Server::Listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->shared->options.host, ec);
  if (ec) {
    return Status::Invalid("host", "监听地址无效：" + impl_->shared->options.host,
                           "invalid listen address: " + impl_->shared->options.host);
  }
  tcp::endpoint endpoint(address, impl_->shared->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(StatusCode::kUnavailable, "无法监听端口：" + ec.message(),
                  "cannot listen: " + ec.message());
  }
  impl_->bound_port = impl_->acceptor.local_endpoint().port();
  return Status::Ok();
}

void Server::Run() {
  Impl& im = *impl_;
  if (im.shared->options.handle_signals) {
    im.signals.add(SIGINT);
    im.signals.add(SIGTERM);
    im.signals.async_wait([&im](beast::error_code ec, int) {
      if (!ec) im.BeginShutdown();
    });
  }
  im.Accept();
  int n = std::max(1, im.shared->options.threads);
  std::vector<std::thread> workers;
  for (int i = 1; i < n; ++i) workers.emplace_back([&im] { im.io.run(); });
  im.io.run();
  for (auto& t : workers) t.join();
}

void Server::Stop() {
  asio::post(impl_->io, [im = impl_.get()] { im->BeginShutdown(); });
}

uint16_t Server::port() const { return impl_->bound_port; }

}  // namespace yuanwu::http
