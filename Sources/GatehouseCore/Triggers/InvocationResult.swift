/// What became of one call of a trigger's function through the Lambda Invoke API, after
/// Cognito's retries (three attempts of five seconds each).
public enum InvocationResult: Sendable, Equatable {
    /// The function answered: the bytes it returned.
    case answered([UInt8])
    /// The function failed (`X-Amz-Function-Error`): its `errorMessage`.
    case functionError(message: String)
    /// No answer within the time Cognito waits, on every attempt.
    case timedOut
    /// The Invoke API refused the call (its error type, such as `ResourceNotFoundException` or
    /// `AccessDeniedException`) or could not be reached (what went wrong).
    case invokeError(String)
}
