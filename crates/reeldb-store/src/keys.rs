//! API keys: random 128-bit values shown once, stored as SHA-256.

use crate::{Result, Store};
use sha2::{Digest, Sha256};

fn hash(key: &str) -> String {
    // Keys are case-insensitive hex: clients upper-case them.
    hex::encode(Sha256::digest(key.trim().to_ascii_lowercase().as_bytes()))
}

impl Store {
    /// Creates a key and returns it; only its hash is stored.
    pub async fn create_api_key(&self) -> Result<String> {
        let key = hex::encode(rand::random::<[u8; 16]>());
        let (hashed, now) = (
            hash(&key),
            crate::tmdb_time(time::OffsetDateTime::now_utc()),
        );
        self.run(move |db| {
            db.execute(
                "INSERT INTO api_key (key_hash, created_at) VALUES ($1, $2)",
                &[&hashed, &now],
            )
        })
        .await?;
        Ok(key)
    }

    /// Whether `key` is a known API key.
    pub async fn api_key_is_valid(&self, key: &str) -> Result<bool> {
        let hashed = hash(key);
        self.run(move |db| {
            let n: i64 = db.scalar(
                "SELECT COUNT(*) FROM api_key WHERE key_hash = $1",
                &[&hashed],
            )?;
            Ok(n > 0)
        })
        .await
    }

    /// How many API keys exist.
    pub async fn api_key_count(&self) -> Result<i64> {
        self.run(|db| db.scalar("SELECT COUNT(*) FROM api_key", &[]))
            .await
    }
}
