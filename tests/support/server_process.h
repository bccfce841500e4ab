#pragma once
// The real `kashlink serve` as a child process on a free loopback port, for the tests that must kill
// it (kill -9), back it up while it serves, or restart it on the same database.

#include <sys/types.h>

#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace kl::test {

// A port nobody listens on now: bind port 0, read what the kernel chose, close.
int free_port();

class ServerProcess {
public:
    // Starts `binary serve --db DB` and waits until /healthz answers (a gtest failure otherwise).
    // `key_file`: the audit signing key, kept in the test's directory (a PostgreSQL database has no
    // file to sit beside, and the default var/ is the working directory's).
    ServerProcess(const std::string& binary, const std::string& db, const std::string& key_file);
    ~ServerProcess();  // SIGTERM and wait
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void kill9();
    int port() const { return port_; }
    // A client signed in as `username` (a gtest failure when the sign-in is refused).
    std::unique_ptr<httplib::Client> client(const std::string& username, const std::string& password) const;

private:
    int port_;
    pid_t pid_ = -1;
};

}  // namespace kl::test
