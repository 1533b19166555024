// OpenSSL's libcrypto (Debian's libssl-dev), for RS256 signatures: OpenSSL 3 signs RSA-2048 2.4
// times faster than the BoringSSL in swift-crypto on this project's machines. bench/'s SRP load
// generator uses its big numbers.
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
