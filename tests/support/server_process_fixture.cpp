#include "support/server_process.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace kl::test {

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

ServerProcess::ServerProcess(const std::string& binary, const std::string& db, const std::string& key_file) : port_(free_port()) {
    pid_ = ::fork();
    if (pid_ == 0) {
        const std::string port = std::to_string(port_);
        ::execl(binary.c_str(), "kashlink", "serve", "--db", db.c_str(), "--port", port.c_str(), "--web-root", "", "--log-level",
                "error", "--audit-signing-key-file", key_file.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(2, 0);
    for (int i = 0; i < 300; ++i) {
        if (auto r = client.Get("/healthz"); r && r->status == 200) return;
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            ADD_FAILURE() << "server exited at start";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "server did not start";
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
}

void ServerProcess::kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::unique_ptr<httplib::Client> ServerProcess::client(const std::string& username, const std::string& password) const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_read_timeout(5, 0);
    const nlohmann::json credentials = {{"username", username}, {"password", password}};
    auto login = c->Post("/api/v1/sessions", credentials.dump(), "application/json");
    EXPECT_TRUE(login && login->status == 201) << (login ? login->body : "no answer");
    if (login && login->status < 300) c->set_bearer_token_auth(nlohmann::json::parse(login->body)["token"].get<std::string>());
    return c;
}

}  // namespace kl::test
