// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gatehouse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gatehouse", targets: ["gatehouse"]),
        .executable(name: "ModelGenerator", targets: ["ModelGenerator"]),
        .executable(name: "UserStoreBench", targets: ["UserStoreBench"]),
        .executable(name: "SignInFloorBench", targets: ["SignInFloorBench"]),
        .executable(name: "SRPSignInBench", targets: ["SRPSignInBench"]),
        .executable(name: "InvokeFloorBench", targets: ["InvokeFloorBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
    ],
    targets: [
        .target(name: "AWSWire", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CognitoModel", dependencies: ["AWSWire"]),
        .target(name: "CognitoCodegen", dependencies: ["AWSWire"]),
        .executableTarget(name: "ModelGenerator", dependencies: ["CognitoCodegen", "AWSWire"]),
        .target(name: "GatehouseStorage"),
        .target(name: "DeclaredState", dependencies: ["AWSWire", "CognitoModel"]),
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "GatehouseCore", dependencies: [
            "AWSWire", "CognitoModel", "GatehouseStorage", "CGMP", "COpenSSL", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"), .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        .target(name: "SMTPClient", dependencies: [
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "StorageSQLite", dependencies: [
            "GatehouseStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Atomics", package: "swift-atomics"),
        ]),
        .target(name: "StoragePostgres", dependencies: [
            "GatehouseStorage",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "GatehouseServer", dependencies: [
            "AWSWire", "CognitoModel", "DeclaredState", "GatehouseCore", "GatehouseStorage", "StorageSQLite", "StoragePostgres", "SMTPClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "CognitoCLI", dependencies: [
            "AWSWire", "CognitoModel",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "gatehouse", dependencies: [
            "GatehouseServer", "CognitoCLI", "DeclaredState", "AWSWire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "WireFuzz", dependencies: ["AWSWire", "CognitoModel"]),
        .executableTarget(name: "UserStoreBench", dependencies: [
            "CognitoModel", "GatehouseCore", "GatehouseStorage", "StorageSQLite", "StoragePostgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "SRPSignInBench", dependencies: [
            "AWSWire", "COpenSSL", "GatehouseCore", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
        ]),
        .executableTarget(name: "InvokeFloorBench", dependencies: [
            "AWSWire", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .executableTarget(name: "SignInFloorBench", dependencies: [
            "GatehouseCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(name: "AWSWireTests", dependencies: ["AWSWire"], exclude: ["Fixtures"]),
        .testTarget(name: "DeclaredStateTests", dependencies: ["DeclaredState", "AWSWire"]),
        .testTarget(name: "CognitoCLITests", dependencies: ["CognitoCLI", "AWSWire", "CognitoModel"]),
        .testTarget(name: "CognitoModelTests", dependencies: ["CognitoModel", "AWSWire"]),
        .testTarget(name: "CognitoCodegenTests", dependencies: ["CognitoCodegen", "AWSWire"], exclude: ["Fixtures"]),
        .testTarget(name: "GatehouseCoreTests", dependencies: ["GatehouseCore", "GatehouseStorage"]),
        .testTarget(name: "StorageConformanceTests", dependencies: [
            "GatehouseStorage", "StorageSQLite", "StoragePostgres", .product(name: "Logging", package: "swift-log"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "SMTPClientTests", dependencies: [
            "SMTPClient", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "GatehouseServerTests", dependencies: [
            "GatehouseServer", "GatehouseCore", "StorageSQLite", "CognitoModel",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)

// Nonisolated async functions run on their caller's executor (SE-0461). The server's request tasks
// run on NIO's event loops (NIO is Swift's global executor there), so without it every call into
// an async function of ours hopped off the loop's executor to the generic one, a round through the
// loop's task queue each time (about fourteen per DescribeUserPool).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
}
