import CCrypto
import Foundation

/// SHA-256 message digests (FIPS 180-4), from OpenSSL's libcrypto through its EVP interface: they pin dataset files
/// and the training images recorded in prior files, and name run journals.
public enum SHA256 {
    /// The lowercase hexadecimal digest of `data`.
    public static func hexDigest(of data: Data) -> String {
        digest { update in data.withUnsafeBytes(update) }
    }

    /// The lowercase hexadecimal digest of the file at `url`, read a MiB at a time.
    public static func hexDigest(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try digest { update in
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { chunk.withUnsafeBytes(update) }
        }
    }

    /// The digest of the bytes `feed` passes, in order, to the update function it is given.
    private static func digest(_ feed: (_ update: (UnsafeRawBufferPointer) -> Void) throws -> Void) rethrows -> String {
        // libcrypto fails these calls only when it cannot allocate its few hundred bytes of state.
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto: SHA-256 initialisation failed")
        try feed { bytes in
            precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "libcrypto: SHA-256 update failed")
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "libcrypto: SHA-256 finalisation failed")
        return digest.prefix(32).map { String(format: "%02x", $0) }.joined()
    }
}
