// A tiny HTTP/1.1 listener on 127.0.0.1 for the webhook tests, on plain POSIX sockets: it
// records every request and answers each with the status the test set. One connection at a
// time, "Connection: close", which is all libcurl's single POST needs.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace yuanwu::notify::testutil {

struct CapturedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class TestListener {
 public:
  // Binds 127.0.0.1:0 and starts accepting; port() is 0 (and the test failed) on error.
  TestListener();
  ~TestListener();
  TestListener(const TestListener&) = delete;
  TestListener& operator=(const TestListener&) = delete;

  int port() const { return port_; }
  std::string Url(const std::string& path = "/hook") const;
  // The status (and body) of the answers from now on; 200 "ok" at first.
  void Answer(int status, std::string body = "");
  std::vector<CapturedRequest> Requests();

 private:
  void Serve();
  void Handle(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  int status_ = 200;
  std::string answer_body_ = "ok";
  std::vector<CapturedRequest> requests_;
  std::thread thread_;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed): connecting is refused.
int ClosedPort();

}  // namespace yuanwu::notify::testutil
