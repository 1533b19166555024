import GRDB

/// The schema, as ordered migrations. Add a migration; never edit one that has shipped.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-user-pools-and-secrets") { db in
            try db.execute(sql: """
                CREATE TABLE user_pools (
                    id TEXT PRIMARY KEY NOT NULL,
                    region TEXT NOT NULL,
                    name TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    last_modified_date INTEGER NOT NULL,
                    document BLOB NOT NULL
                );
                CREATE INDEX user_pools_by_region ON user_pools (region, id);
                CREATE TABLE secrets (
                    name TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL
                );
                """)
        }
        // Pool ids begin with their region, so a region's pools are a range of the primary key;
        // a second index made every CreateUserPool write one more B-tree page.
        migrator.registerMigration("2-user-pools-listed-by-id-range") { db in
            try db.execute(sql: "DROP INDEX user_pools_by_region")
        }
        // What a list shows of each pool, so that a list reads neither the documents nor decodes them.
        // A pool stored before has its whole document as its summary (``UserPoolSummary``).
        migrator.registerMigration("3-user-pool-summaries") { db in
            try db.execute(sql: """
                ALTER TABLE user_pools ADD COLUMN summary BLOB NOT NULL DEFAULT x'';
                UPDATE user_pools SET summary = document;
                """)
        }
        // Records that belong to a pool (app clients, groups, …), deleted with it (GRDB turns
        // foreign keys on for every connection).
        migrator.registerMigration("4-user-pool-items") { db in
            try db.execute(sql: """
                CREATE TABLE user_pool_items (
                    user_pool_id TEXT NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    name TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    last_modified_date INTEGER NOT NULL,
                    document BLOB NOT NULL,
                    PRIMARY KEY (user_pool_id, kind, key)
                );
                """)
        }
        // Users, with the values ListUsers filters on and the values only one user may hold, each
        // indexed (the row keeps them too, ``UserRecord/indexedValues``); all deleted with their
        // pool, the index rows with their user.
        migrator.registerMigration("5-users") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    user_pool_id TEXT NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    sub TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    last_modified_date INTEGER NOT NULL,
                    document BLOB NOT NULL,
                    indexed_values BLOB NOT NULL,
                    PRIMARY KEY (user_pool_id, key)
                );
                CREATE UNIQUE INDEX users_by_sub ON users (user_pool_id, sub);
                CREATE TABLE user_search_values (
                    user_pool_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    key TEXT NOT NULL,
                    PRIMARY KEY (user_pool_id, name, value, key),
                    FOREIGN KEY (user_pool_id, key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX user_search_values_by_user ON user_search_values (user_pool_id, key);
                CREATE TABLE user_claims (
                    user_pool_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    key TEXT NOT NULL,
                    PRIMARY KEY (user_pool_id, name, value),
                    FOREIGN KEY (user_pool_id, key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX user_claims_by_user ON user_claims (user_pool_id, key);
                """)
        }
        migrator.registerMigration("6-messages") { db in
            try db.execute(sql: """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY NOT NULL,
                    user_pool_id TEXT NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                    recipient TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    document BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX messages_by_pool ON messages (user_pool_id, id);
                CREATE INDEX messages_by_recipient ON messages (recipient, id);
                """)
        }
        migrator.registerMigration("7-user-pool-items-by-key") { db in
            try db.execute(sql: "CREATE INDEX user_pool_items_by_key ON user_pool_items (kind, key)")
        }
        migrator.registerMigration("8-group-members") { db in
            try db.execute(sql: """
                CREATE TABLE group_members (
                    user_pool_id TEXT NOT NULL,
                    group_kind TEXT NOT NULL CHECK (group_kind = 'group'),
                    group_name TEXT NOT NULL,
                    user_key TEXT NOT NULL,
                    PRIMARY KEY (user_pool_id, group_name, user_key),
                    FOREIGN KEY (user_pool_id, group_kind, group_name) REFERENCES user_pool_items (user_pool_id, kind, key) ON DELETE CASCADE,
                    FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX group_members_by_user ON group_members (user_pool_id, user_key, group_name);
                """)
        }
        migrator.registerMigration("9-user-counts") { db in
            // Kept by triggers in the transaction that adds or removes a user, so counting a pool's
            // users reads one row instead of the pool's whole index.
            try db.execute(sql: """
                CREATE TABLE user_counts (
                    user_pool_id TEXT NOT NULL REFERENCES user_pools (id) ON DELETE CASCADE,
                    shard INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (user_pool_id, shard)
                ) WITHOUT ROWID;
                INSERT INTO user_counts (user_pool_id, shard, count) SELECT user_pool_id, 0, count(*) FROM users GROUP BY user_pool_id;
                CREATE TRIGGER users_counted AFTER INSERT ON users BEGIN
                    INSERT INTO user_counts (user_pool_id, shard, count) VALUES (NEW.user_pool_id, 0, 1)
                    ON CONFLICT (user_pool_id, shard) DO UPDATE SET count = count + 1;
                END;
                CREATE TRIGGER users_uncounted AFTER DELETE ON users BEGIN
                    UPDATE user_counts SET count = count - 1 WHERE user_pool_id = OLD.user_pool_id AND shard = 0;
                END;
                """)
        }
        migrator.registerMigration("10-session-uses") { db in
            try db.execute(sql: """
                CREATE TABLE session_uses (id TEXT PRIMARY KEY NOT NULL, expiry INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX session_uses_by_expiry ON session_uses (expiry);
                """)
        }
        migrator.registerMigration("11-user-pool-domains") { db in
            // UserPoolItemKind.domains: a domain belongs to one pool, and a pool has one of each kind.
            try db.execute(sql: """
                CREATE UNIQUE INDEX user_pool_domains ON user_pool_items (key) WHERE kind IN ('domain', 'custom-domain');
                CREATE UNIQUE INDEX user_pool_domain_kinds ON user_pool_items (user_pool_id, kind) WHERE kind IN ('domain', 'custom-domain');
                """)
        }
        migrator.registerMigration("12-devices") { db in
            try db.execute(sql: """
                CREATE TABLE devices (
                    user_pool_id TEXT NOT NULL,
                    user_key TEXT NOT NULL,
                    device_key TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    last_modified_date INTEGER NOT NULL,
                    remembered INTEGER NOT NULL,
                    document BLOB NOT NULL,
                    PRIMARY KEY (user_pool_id, user_key, device_key),
                    FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX devices_remembered ON devices (user_pool_id, user_key, device_key) WHERE remembered = 1;
                """)
        }
        migrator.registerMigration("13-auth-events") { db in
            try db.execute(sql: """
                CREATE TABLE auth_events (
                    user_pool_id TEXT NOT NULL,
                    user_key TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    creation_date INTEGER NOT NULL,
                    baseline INTEGER NOT NULL,
                    document BLOB NOT NULL,
                    PRIMARY KEY (user_pool_id, user_key, event_id),
                    FOREIGN KEY (user_pool_id, user_key) REFERENCES users (user_pool_id, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX auth_events_newest_first ON auth_events (user_pool_id, user_key, creation_date DESC, event_id DESC);
                CREATE INDEX auth_events_baseline ON auth_events (user_pool_id, user_key, creation_date DESC, event_id DESC) WHERE baseline = 1;
                CREATE INDEX auth_events_by_date ON auth_events (creation_date);
                """)
        }
        return migrator
    }
}
