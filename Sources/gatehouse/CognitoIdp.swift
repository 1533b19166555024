import ArgumentParser
import CognitoCLI
import Foundation

/// `gatehouse cognito-idp <operation> [parameters]`: the AWS CLI's `aws cognito-idp`, every
/// operation of the model, with its options, value syntaxes and exit statuses.
struct CognitoIdp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cognito-idp",
        abstract: "Call a Cognito user pools operation, as `aws cognito-idp` does, on Gatehouse or AWS.")

    @Argument(parsing: .captureForPassthrough, help: "The operation and its parameters.")
    var arguments: [String] = []

    func run() async throws {
        let commandLine = CognitoCommandLine(
            environment: ProcessInfo.processInfo.environment,
            standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            standardError: { FileHandle.standardError.write(Data($0.utf8)) },
            terminalWidth: Self.terminalWidth())
        let status = await commandLine.run(arguments)
        if status != 0 { throw ExitCode(status) }
    }

    /// The width of the terminal standard output writes to; 80 when it is not a terminal.
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
