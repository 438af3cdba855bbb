//! reeldb's HTTP layer: TMDB v3 over axum.
//!
//! - [`router`]: builds the app — every section's routes, then the layers (auth, TMDB headers,
//!   CORS, gzip, error envelopes, tracing) and the 404/405 fallbacks.
//! - [`error`]: [`error::ApiError`], the one type every failure becomes; it renders TMDB's envelope.
//! - [`extract`]: request parameters, parsed liberally and validated into `reeldb_wire` types.
//! - [`middleware`]: API-key auth, ETag/Cache-Control, and the envelope guard.
//! - [`metrics`]: `GET /metrics`, Prometheus counters (response cache, statements).
//! - one module per TMDB section: [`authentication`], [`tv_season`], [`tv_episode`],
//!   [`network`], [`review`] (with a series' reviews), [`changes`] (the TV, movie and people lists),
//!   [`tv_episode_group`], [`tv_series`], [`tv_lists`], [`movie_lists`] (movie lists, related lists, legacy movie names), [`genre`] (genre lists), [`certification`], [`configuration`], [`find`], [`trending`], [`watch_provider`], [`discover`], [`search`] (on the full-text index); [`tv_series_extra`] holds series
//!   sub-resources apart from details; [`collection`], [`company`], [`keyword`].
#![forbid(unsafe_code)]

pub mod authentication;
pub mod cache;
pub mod certification;
pub mod changes;
pub mod collection;
pub mod company;
pub mod configuration;
pub mod credit;
pub mod discover;
pub mod error;
pub mod extract;
pub mod find;
pub mod genre;
pub mod keyword;
pub mod metrics;
pub mod middleware;
pub mod movie;
pub mod movie_lists;
pub mod network;
pub mod person;
pub mod review;
pub mod router;
pub mod search;
pub mod trending;
pub mod tv_episode;
pub mod tv_episode_group;
pub mod tv_lists;
pub mod tv_season;
pub mod tv_series;
pub mod tv_series_extra;
pub mod watch_provider;

use reeldb_store::Store;
use std::collections::HashSet;
use std::sync::{Arc, RwLock};

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Require an API key or bearer token on every `/3` route (the default).
    pub auth_required: bool,
    /// `Cache-Control: public, max-age=N` on successful reads.
    pub cache_max_age: u32,
    /// Bytes of finished responses kept in memory; 0 turns the response cache off.
    pub response_cache_bytes: u64,
    /// How often the response cache asks the database whether the catalog changed.
    pub cache_check_every: std::time::Duration,
    /// `images.base_url` of `/3/configuration`: the image server clients join with a size and
    /// a `*_path`. TMDB's by default, since imported paths name TMDB's files.
    pub image_base_url: String,
    /// `images.secure_base_url` (https) of `/3/configuration`.
    pub image_secure_base_url: String,
    /// The current time for answers that depend on it (trending windows); `None` reads the
    /// system clock. Tests fix it.
    pub fixed_now: Option<jiff::Timestamp>,
}

impl HttpConfig {
    /// The current time: [`HttpConfig::fixed_now`], else the system clock.
    pub fn now(&self) -> jiff::Timestamp {
        self.fixed_now.unwrap_or_else(jiff::Timestamp::now)
    }
}

/// TMDB's image server, the default [`HttpConfig::image_base_url`].
pub const TMDB_IMAGE_BASE_URL: &str = "http://image.tmdb.org/t/p/";
/// TMDB's image server over https, the default [`HttpConfig::image_secure_base_url`].
pub const TMDB_IMAGE_SECURE_BASE_URL: &str = "https://image.tmdb.org/t/p/";

/// The secure base URL for a base URL given without one: an `http://` URL's `https://` twin,
/// any other URL itself.
pub fn derive_secure_base_url(base_url: &str) -> String {
    match base_url.strip_prefix("http://") {
        Some(rest) => format!("https://{rest}"),
        None => base_url.to_string(),
    }
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            auth_required: true,
            cache_max_age: 28800,
            response_cache_bytes: 256 * 1024 * 1024,
            cache_check_every: std::time::Duration::from_secs(1),
            image_base_url: TMDB_IMAGE_BASE_URL.to_string(),
            image_secure_base_url: TMDB_IMAGE_SECURE_BASE_URL.to_string(),
            fixed_now: None,
        }
    }
}

/// What every handler shares: the store, the settings, keys already validated and the response
/// cache. One `Arc`, so each layer's clone per request is a single reference-count increment
/// (profiling showed per-field clones at ~7% of a cached request).
#[derive(Clone)]
pub struct AppState(Arc<App>);

/// The shared parts behind [`AppState`].
pub struct App {
    pub store: Store,
    pub config: HttpConfig,
    /// Keys seen valid, so a hot path does not ask the database each time.
    pub(crate) valid_keys: RwLock<HashSet<String>>,
    /// Finished responses; `None` when turned off.
    pub(crate) cache: Option<cache::ResponseCache>,
    /// `Cache-Control` of successful reads, made once.
    pub(crate) cache_control: http::HeaderValue,
    /// The full-text index the search routes run on (possibly still being built); without one
    /// they answer 503/9.
    pub search: Option<SearchHandle>,
}

/// The search index, or one being prepared: a server starts answering before its index is
/// built (docs/SEARCH.md), and search requests that arrive meanwhile wait for it.
#[derive(Clone)]
pub struct SearchHandle(tokio::sync::watch::Receiver<Preparing>);

/// `None` while the index is prepared; then the index, or `None` inside if preparing failed.
type Preparing = Option<Option<Arc<reeldb_search::SearchIndex>>>;

/// Where the task preparing an index hands it over.
pub struct SearchReady(tokio::sync::watch::Sender<Preparing>);

impl SearchHandle {
    /// A handle on an index that is ready.
    pub fn ready(index: Arc<reeldb_search::SearchIndex>) -> SearchHandle {
        SearchHandle(tokio::sync::watch::channel(Some(Some(index))).1)
    }

    /// A handle on an index still being prepared, and where to hand it over.
    pub fn pending() -> (SearchHandle, SearchReady) {
        let (tx, rx) = tokio::sync::watch::channel(None);
        (SearchHandle(rx), SearchReady(tx))
    }

    /// The index if it is prepared now, without waiting (`None` while it is being prepared).
    pub fn now(&self) -> Option<Arc<reeldb_search::SearchIndex>> {
        self.0.borrow().clone().flatten()
    }

    /// The index, once prepared (waiting for it if need be); `None` if preparing it failed.
    pub async fn get(&self) -> Option<Arc<reeldb_search::SearchIndex>> {
        let mut rx = self.0.clone();
        match rx.wait_for(Option::is_some).await {
            Ok(state) => state.clone().flatten(),
            // The preparing task ended without a word: no index.
            Err(_) => None,
        }
    }
}

impl SearchReady {
    /// Hands over the prepared index, or `None` when preparing it failed.
    pub fn set(self, index: Option<Arc<reeldb_search::SearchIndex>>) {
        self.0.send_replace(Some(index));
    }
}

impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store, config: HttpConfig) -> AppState {
        AppState::with_search(store, config, None)
    }

    /// [`AppState::new`] with the search index the search routes use.
    pub fn with_search(
        store: Store,
        config: HttpConfig,
        search: Option<Arc<reeldb_search::SearchIndex>>,
    ) -> AppState {
        AppState::with_search_handle(store, config, search.map(SearchHandle::ready))
    }

    /// [`AppState::new`] with a search index that may still be being prepared.
    pub fn with_search_handle(
        store: Store,
        config: HttpConfig,
        search: Option<SearchHandle>,
    ) -> AppState {
        AppState(Arc::new(App {
            search,
            store,
            cache: (config.response_cache_bytes > 0).then(|| {
                cache::ResponseCache::new(config.response_cache_bytes, config.cache_check_every)
            }),
            cache_control: http::HeaderValue::from_str(&format!(
                "public, max-age={}",
                config.cache_max_age
            ))
            .unwrap_or(http::HeaderValue::from_static("public, max-age=0")),
            config,
            valid_keys: RwLock::default(),
        }))
    }

    /// How many responses the cache holds (0 when it is off).
    pub fn cached_responses(&self) -> usize {
        self.cache.as_ref().map_or(0, |c| c.len())
    }
}

pub use router::app;
