import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Runs `body`; if it throws, prints `error: <message>` as one line on stderr and exits with status 1
    /// (instead of ArgumentParser's own error formatting, which is meant for usage errors).
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let message = "\(error)".replacingOccurrences(of: "\n", with: " ")
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
