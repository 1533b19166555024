import Logging
import PostgresNIO

/// The schema, as an ordered list of migrations. A migration, once released, never changes: a
/// change to the schema is a new migration at the end of the list.
///
/// Applied versions are recorded in `gatehouse_migrations(version)`. ``apply(on:logger:)`` runs in
/// one transaction that first takes a transaction-scoped advisory lock, so when several server
/// processes start at once, one migrates and the others wait for it, then find nothing to do.
enum PostgresMigrations {
    struct Migration: Sendable {
        let version: Int32
        /// One statement each (the extended query protocol runs one statement per query).
        let statements: [PostgresQuery]
    }

    /// The key of the advisory lock that serialises migrations (an arbitrary constant, "GATEHOUS").
    static let lockKey: Int64 = 0x4741_5445_484F_5553

    static let all: [Migration] = [
        Migration(version: 1, statements: [
            // `COLLATE "C"`: ids order by their bytes, whatever the database's locale, as in SQLite.
            """
            CREATE TABLE user_pools (
                id TEXT COLLATE "C" PRIMARY KEY,
                region TEXT NOT NULL,
                name TEXT NOT NULL,
                creation_date BIGINT NOT NULL,
                last_modified_date BIGINT NOT NULL,
                document BYTEA NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX user_pools_region_id ON user_pools (region, id)",
            """
            CREATE TABLE secrets (
                name TEXT PRIMARY KEY,
                value BYTEA NOT NULL
            )
            """,
        ]),
        // What a list shows of each pool, so that a list reads neither the documents nor decodes them.
        // A pool stored before has its whole document as its summary (``UserPoolSummary``).
        Migration(version: 2, statements: [
            "ALTER TABLE user_pools ADD COLUMN summary BYTEA",
            "UPDATE user_pools SET summary = document",
            "ALTER TABLE user_pools ALTER COLUMN summary SET NOT NULL",
        ]),
        // Records that belong to a pool (app clients, groups, …), deleted with it.
        Migration(version: 3, statements: [
            """
            CREATE TABLE user_pool_items (
                user_pool_id TEXT COLLATE "C" NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                key TEXT COLLATE "C" NOT NULL,
                name TEXT NOT NULL,
                creation_date BIGINT NOT NULL,
                last_modified_date BIGINT NOT NULL,
                document BYTEA NOT NULL,
                version BIGINT NOT NULL,
                PRIMARY KEY (user_pool_id, kind, key)
            )
            """,
        ]),
        // Users, with the values ListUsers filters on and the values only one user may hold, each
        // indexed (the row keeps them too, ``UserRecord/indexedValues``); all deleted with their
        // pool, the index rows with their user.
        Migration(version: 4, statements: [
            """
            CREATE TABLE users (
                user_pool_id TEXT COLLATE "C" NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                key TEXT COLLATE "C" NOT NULL,
                sub TEXT COLLATE "C" NOT NULL,
                creation_date BIGINT NOT NULL,
                last_modified_date BIGINT NOT NULL,
                document BYTEA NOT NULL,
                indexed_values BYTEA NOT NULL,
                PRIMARY KEY (user_pool_id, key)
            )
            """,
            "CREATE UNIQUE INDEX users_by_sub ON users (user_pool_id, sub)",
            """
            CREATE TABLE user_search_values (
                user_pool_id TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                value TEXT COLLATE "C" NOT NULL,
                key TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (user_pool_id, name, value, key),
                FOREIGN KEY (user_pool_id, key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX user_search_values_by_user ON user_search_values (user_pool_id, key)",
            """
            CREATE TABLE user_claims (
                user_pool_id TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                value TEXT COLLATE "C" NOT NULL,
                key TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (user_pool_id, name, value),
                FOREIGN KEY (user_pool_id, key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX user_claims_by_user ON user_claims (user_pool_id, key)",
        ]),
        // The outbox: every message sent, deleted with its pool, read newest first by pool or recipient.
        Migration(version: 5, statements: [
            """
            CREATE TABLE messages (
                id TEXT COLLATE "C" PRIMARY KEY,
                user_pool_id TEXT COLLATE "C" NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                recipient TEXT COLLATE "C" NOT NULL,
                creation_date BIGINT NOT NULL,
                document BYTEA NOT NULL
            )
            """,
            "CREATE INDEX messages_by_pool ON messages (user_pool_id, id)",
            "CREATE INDEX messages_by_recipient ON messages (recipient, id)",
        ]),
        // App clients are found by id alone (SignUp, InitiateAuth name a client, not its pool).
        Migration(version: 6, statements: ["CREATE INDEX user_pool_items_by_key ON user_pool_items (kind, key)"]),
        // Group memberships, deleted with their group and with their user.
        Migration(version: 7, statements: [
            """
            CREATE TABLE group_members (
                user_pool_id TEXT COLLATE "C" NOT NULL,
                group_kind TEXT COLLATE "C" NOT NULL CHECK (group_kind = 'group'),
                group_name TEXT COLLATE "C" NOT NULL,
                user_key TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (user_pool_id, group_name, user_key),
                FOREIGN KEY (user_pool_id, group_kind, group_name) REFERENCES user_pool_items (user_pool_id, kind, key) ON DELETE CASCADE,
                FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX group_members_by_user ON group_members (user_pool_id, user_key, group_name)",
        ]),
        // Users counted per pool by a trigger in the transaction that adds or removes a user, so
        // counting reads a few rows instead of the pool's whole index. An insert adds to one of 16
        // shards at random, so concurrent sign-ups in one pool do not queue on one row; a delete
        // takes from the largest shard.
        Migration(version: 8, statements: [
            """
            CREATE TABLE user_counts (
                user_pool_id TEXT COLLATE "C" NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                shard INT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (user_pool_id, shard)
            )
            """,
            "INSERT INTO user_counts (user_pool_id, shard, count) SELECT user_pool_id, 0, count(*) FROM users GROUP BY user_pool_id",
            """
            CREATE FUNCTION gatehouse_count_users() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO user_counts (user_pool_id, shard, count) VALUES (NEW.user_pool_id, floor(random() * 16)::int, 1)
                    ON CONFLICT (user_pool_id, shard) DO UPDATE SET count = user_counts.count + 1;
                    RETURN NEW;
                END IF;
                UPDATE user_counts SET count = count - 1 WHERE (user_pool_id, shard) = (
                    SELECT user_pool_id, shard FROM user_counts WHERE user_pool_id = OLD.user_pool_id ORDER BY count DESC LIMIT 1);
                RETURN OLD;
            END
            $$
            """,
            "CREATE TRIGGER users_counted AFTER INSERT OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION gatehouse_count_users()",
        ]),
        // The single-use sign-in sessions that were used, until they expire.
        Migration(version: 9, statements: [
            "CREATE TABLE session_uses (id TEXT COLLATE \"C\" PRIMARY KEY, expiry BIGINT NOT NULL)",
            "CREATE INDEX session_uses_by_expiry ON session_uses (expiry)",
        ]),
        // UserPoolItemKind.domains: a domain belongs to one pool, and a pool has one of each kind.
        Migration(version: 10, statements: [
            "CREATE UNIQUE INDEX user_pool_domains ON user_pool_items (key) WHERE kind IN ('domain', 'custom-domain')",
            "CREATE UNIQUE INDEX user_pool_domain_kinds ON user_pool_items (user_pool_id, kind) WHERE kind IN ('domain', 'custom-domain')",
        ]),
        // The count of changes to pools and app clients, which processes cache (PostgresStorage+Changes.swift).
        Migration(version: 11, statements: [
            "CREATE SEQUENCE gatehouse_changes",
            "SELECT nextval('gatehouse_changes')",
        ]),
        // Users' devices, deleted with their user.
        Migration(version: 12, statements: [
            """
            CREATE TABLE devices (
                user_pool_id TEXT COLLATE "C" NOT NULL,
                user_key TEXT COLLATE "C" NOT NULL,
                device_key TEXT COLLATE "C" NOT NULL,
                creation_date BIGINT NOT NULL,
                last_modified_date BIGINT NOT NULL,
                remembered BOOLEAN NOT NULL,
                document BYTEA NOT NULL,
                PRIMARY KEY (user_pool_id, user_key, device_key),
                FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX devices_remembered ON devices (user_pool_id, user_key, device_key) WHERE remembered",
        ]),
        // Users' authentication events, deleted with their user.
        Migration(version: 13, statements: [
            """
            CREATE TABLE auth_events (
                user_pool_id TEXT COLLATE "C" NOT NULL,
                user_key TEXT COLLATE "C" NOT NULL,
                event_id TEXT COLLATE "C" NOT NULL,
                creation_date BIGINT NOT NULL,
                baseline BOOLEAN NOT NULL,
                document BYTEA NOT NULL,
                PRIMARY KEY (user_pool_id, user_key, event_id),
                FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX auth_events_newest_first ON auth_events (user_pool_id, user_key, creation_date DESC, event_id DESC)",
            "CREATE INDEX auth_events_baseline ON auth_events (user_pool_id, user_key, creation_date DESC, event_id DESC) WHERE baseline",
            "CREATE INDEX auth_events_by_date ON auth_events (creation_date)",
        ]),
    ]

    static func apply(on client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger).collect()
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS gatehouse_migrations (version INT PRIMARY KEY)",
                logger: logger
            ).collect()
            var applied = Set<Int32>()
            for try await version in try await connection.query(
                "SELECT version FROM gatehouse_migrations", logger: logger
            ).decode(Int32.self) {
                applied.insert(version)
            }
            let known = Set(Self.all.map(\.version))
            if let newest = applied.subtracting(known).max() {
                logger.warning(
                    "The database has migrations this server does not know; a newer version migrated it",
                    metadata: ["database_version": "\(newest)", "known_version": "\(known.max() ?? 0)"]
                )
            }
            for migration in Self.all where !applied.contains(migration.version) {
                logger.info("Applying PostgreSQL migration", metadata: ["version": "\(migration.version)"])
                for statement in migration.statements {
                    _ = try await connection.query(statement, logger: logger).collect()
                }
                _ = try await connection.query(
                    "INSERT INTO gatehouse_migrations (version) VALUES (\(migration.version))",
                    logger: logger
                ).collect()
            }
        }
    }
}
