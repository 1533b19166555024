import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of SetLogDeliveryConfiguration (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/logDelivery``, one per pool): the log configurations as given. Which logs a
/// pool exports, and where the server delivers them (``LogRecord``), follow from it.
public struct StoredLogDeliveryConfiguration: Sendable, Equatable {
    public static let key = "ALL"

    public var logConfigurations: [LogConfigurationType]

    public init(logConfigurations: [LogConfigurationType]) {
        self.logConfigurations = logConfigurations
    }

    /// Checks what the model leaves to the service, by the API reference's rules (Gatehouse's wording):
    /// one destination each, one configuration per EventSource; userNotification at ERROR to
    /// CloudWatch Logs only; userAuthEvents at INFO, on the PLUS plan.
    /// - Throws: `InvalidParameterException`; `FeatureUnavailableInTierException` for userAuthEvents below PLUS.
    public func check(tier: UserPoolTierType) throws(AWSServiceError) {
        var sources: Set<String> = []
        for configuration in logConfigurations {
            let source = configuration.eventSource ?? .usernotification
            guard sources.insert(source.rawValue).inserted else {
                throw .invalidParameterException("Each EventSource may have one log configuration.")
            }
            let destinations = [configuration.cloudWatchLogsConfiguration != nil, configuration.s3Configuration != nil,
                                configuration.firehoseConfiguration != nil].filter { $0 }.count
            guard destinations == 1 else {
                throw .invalidParameterException("A log configuration needs exactly one of CloudWatchLogsConfiguration, S3Configuration and FirehoseConfiguration.")
            }
            if source == .usernotification, configuration.logLevel != .error || configuration.cloudWatchLogsConfiguration == nil {
                throw .invalidParameterException("userNotification logs are delivered at LogLevel ERROR to CloudWatchLogsConfiguration only.")
            }
            if source == .userauthevents {
                guard configuration.logLevel == .info else { throw .invalidParameterException("userAuthEvents logs are delivered at LogLevel INFO.") }
                guard tier == .plus else { throw .featureUnavailableInTierException("Exporting userAuthEvents requires the PLUS feature plan.") }
            }
        }
    }

    /// Whether the pool exports the logs of `source`.
    public func exports(_ source: EventSourceName) -> Bool {
        logConfigurations.contains { $0.eventSource == source }
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            self.init(logConfigurations: try AWSJSON.decode(LogDeliveryConfigurationType.self, from: record.document).logConfigurations ?? [])
        } catch {
            throw .internalError
        }
    }

    public func document() -> Data {
        Data(AWSJSON.encode(LogDeliveryConfigurationType(logConfigurations: logConfigurations)))
    }

    /// As GetLogDeliveryConfiguration shows it.
    public func describe(userPoolID: String) -> LogDeliveryConfigurationType {
        LogDeliveryConfigurationType(userPoolId: userPoolID, logConfigurations: logConfigurations)
    }
}
