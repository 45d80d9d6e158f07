#pragma once

#include <QString>

namespace Clearway::Storage {

// Argon2id password hashes (libsodium crypto_pwhash_str) for the server's accounts and for the
// workstation's offline sign-in verifiers. The string carries the algorithm, its limits and its
// random salt, so a hash is checked with the limits it was made with.
enum class HashCost {
    Interactive, // 64 MiB, 2 passes: about 0.1 s on a workstation-class core (the server, at every sign-in)
    Moderate,    // 256 MiB, 3 passes: about 0.55 s (the workstation's own verifier, made once per sign-in)
};

// The hash, or empty when libsodium cannot start or the memory is not there.
QString hashPassword(const QString &password, HashCost cost);
// false for a wrong password and for an empty or malformed hash.
bool verifyPassword(const QString &hash, const QString &password);

} // namespace Clearway::Storage
