#include "audit/audit_signer.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/assert.h"

namespace kl::audit {

namespace {

// The file holds the seed as hex and a newline; anything longer is not one of our key files.
constexpr size_t key_file_bytes_max = 256;
constexpr size_t seed_hex_chars = crypto_sign_SEEDBYTES * 2;

std::string to_hex(const unsigned char* bytes, size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();  // the terminating NUL
    return out;
}

// Exactly `size` bytes from `hex` (no separators), or false.
bool from_hex(std::string_view hex, unsigned char* bytes, size_t size) {
    if (hex.size() != size * 2) return false;
    size_t written = 0;
    const char* end = nullptr;
    return sodium_hex2bin(bytes, size, hex.data(), hex.size(), nullptr, &written, &end) == 0 && written == size &&
           end == hex.data() + hex.size();
}

Error key_error(const std::string& path, const std::string& what) {
    return Error{ErrorCode::failed_precondition, "audit signing key file " + path + ": " + what, {}};
}

// Writes a new random seed to `path` with mode 0600. O_EXCL: when two processes start at once, one
// creates the key and the other finds it (EEXIST) and reads it.
Result<bool> create_key_file(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return fail(key_error(path, "cannot create its directory: " + ec.message()));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0 && errno == EEXIST) return false;
    if (fd < 0) return fail(key_error(path, std::string("cannot create it: ") + std::strerror(errno)));
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    randombytes_buf(seed.data(), seed.size());
    const std::string text = to_hex(seed.data(), seed.size()) + "\n";
    sodium_memzero(seed.data(), seed.size());
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        return fail(key_error(path, "cannot write it"));
    }
    return true;
}

}  // namespace

AuditSigner::~AuditSigner() { sodium_memzero(secret_key_, sizeof secret_key_); }

Result<std::unique_ptr<AuditSigner>> AuditSigner::from_seed_hex(std::string_view seed_hex) {
    KL_ASSERT(sodium_init() >= 0);
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    if (!from_hex(seed_hex, seed.data(), seed.size()))
        return fail(ErrorCode::invalid_argument, "an Ed25519 seed is " + std::to_string(seed_hex_chars) + " hex digits");
    std::unique_ptr<AuditSigner> signer(new AuditSigner());
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
    crypto_sign_seed_keypair(public_key.data(), signer->secret_key_, seed.data());
    sodium_memzero(seed.data(), seed.size());
    signer->public_key_hex_ = to_hex(public_key.data(), public_key.size());
    return signer;
}

Result<std::unique_ptr<AuditSigner>> AuditSigner::load(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return fail(ErrorCode::not_found, "audit signing key file " + path + " does not exist");
        return fail(key_error(path, std::strerror(errno)));
    }
    if (!S_ISREG(info.st_mode)) return fail(key_error(path, "is not a regular file"));
    // A secret others can read is no longer a secret: refuse rather than sign with it.
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) return fail(key_error(path, "must be readable by its owner only (chmod 600)"));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    if (!in || content.size() > key_file_bytes_max) return fail(key_error(path, "cannot be read as a key"));
    while (!content.empty() && std::isspace(static_cast<unsigned char>(content.back()))) content.pop_back();
    auto signer = from_seed_hex(content);
    if (!signer) return fail(key_error(path, "does not hold a key (" + std::to_string(seed_hex_chars) + " hex digits)"));
    return signer;
}

Result<std::unique_ptr<AuditSigner>> AuditSigner::load_or_create(const std::string& path) {
    auto loaded = load(path);
    if (loaded || loaded.error().code != ErrorCode::not_found) return loaded;
    KL_TRY(create_key_file(path));
    return load(path);
}

std::string AuditSigner::sign_hex(std::string_view message) const {
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         secret_key_);
    return to_hex(signature.data(), signature.size());
}

bool signature_valid(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex) {
    KL_ASSERT(sodium_init() >= 0);
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    if (!from_hex(public_key_hex, public_key.data(), public_key.size())) return false;
    if (!from_hex(signature_hex, signature.data(), signature.size())) return false;
    return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), public_key.data()) == 0;
}

}  // namespace kl::audit
