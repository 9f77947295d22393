//! Client-side pacing: one token bucket per service of a run (a run's clients are of one region),
//! shared by every concurrent call, sized from AWS's documented request-throttling defaults, so
//! that the tool never creates the burst that AWS then throttles. Adaptive: a throttling answer
//! halves the refill rate (never below `MIN_RATE`), each answered call wins back a twentieth of the
//! documented rate. Every attempt (retries included) waits for a token in the HTTP client, before
//! anything is sent; how long throttled calls are retried is retry.rs's.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// A token bucket: `burst` tokens at most, refilled at `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: f64,
    pub per_second: f64,
}

/// ECS: "Request throttling for the Amazon ECS API" (ECS API Reference), How throttling is
/// applied: per account and Region, token buckets per group of actions; the smallest documented
/// example, cluster read actions such as DescribeClusters, is a bucket of 50 refilled at 20 per
/// second. One bucket for every ECS action of a run, at that size, stays inside all of them.
pub const ECS: Rate = Rate { burst: 50.0, per_second: 20.0 };

/// EC2: "Request throttling for the Amazon EC2 API" (EC2 API Reference), Request token bucket
/// sizes and refill rates: non-mutating actions (Describe*), bucket 100, refill 20 per second.
pub const EC2: Rate = Rate { burst: 100.0, per_second: 20.0 };

/// IAM and Elastic Load Balancing publish no per-second request rates (IAM and ELB quotas pages
/// list none); a run makes a handful of their calls, so a small conservative bucket is used.
pub const UNPUBLISHED: Rate = Rate { burst: 10.0, per_second: 5.0 };

/// The adaptive floor: after throttling answers the rate never drops below this.
pub const MIN_RATE: f64 = 0.5;

/// The bucket itself, on an explicit clock so that it is testable.
#[derive(Debug, Clone)]
pub struct Bucket {
    limit: Rate,
    rate: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(limit: Rate, now: Instant) -> Self {
        Bucket { limit, rate: limit.per_second, tokens: limit.burst, last: now }
    }

    fn refill(&mut self, now: Instant) {
        let secs = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + secs * self.rate).min(self.limit.burst);
        self.last = now;
    }

    /// Takes a token at `now`, or says how long until one is there.
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }

    /// AWS throttled a call: halve the rate and empty the bucket, so the next calls wait.
    pub fn throttled(&mut self, now: Instant) {
        self.refill(now);
        self.rate = (self.rate / 2.0).max(MIN_RATE);
        self.tokens = self.tokens.min(0.0);
    }

    /// AWS answered a call: win back a twentieth of the documented rate.
    pub fn answered(&mut self) {
        self.rate = (self.rate + self.limit.per_second / 20.0).min(self.limit.per_second);
    }

    pub fn rate(&self) -> f64 {
        self.rate
    }
}

/// One service's shared bucket, and how often AWS throttled it.
#[derive(Debug, Clone)]
pub struct Pacer {
    bucket: Arc<Mutex<Bucket>>,
    throttled: Arc<AtomicU64>,
}

impl Pacer {
    pub fn new(limit: Rate) -> Self {
        Pacer { bucket: Arc::new(Mutex::new(Bucket::new(limit, Instant::now()))), throttled: Arc::default() }
    }

    /// Waits for a token.
    pub async fn ready(&self) {
        loop {
            let wait = match self.bucket.lock() {
                Ok(mut b) => b.take(Instant::now()),
                Err(_) => return,
            };
            match wait {
                Ok(()) => return,
                Err(d) => tokio::time::sleep(d).await,
            }
        }
    }

    fn outcome(&self, throttled: bool) {
        if let Ok(mut b) = self.bucket.lock() {
            if throttled {
                b.throttled(Instant::now());
            } else {
                b.answered();
            }
        }
        if throttled {
            self.throttled.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Throttling answers seen so far.
    pub fn throttled_answers(&self) -> u64 {
        self.throttled.load(Ordering::Relaxed)
    }

    /// The HTTP client `inner`, waiting for this pacer's token before each attempt.
    pub fn http_client(&self, inner: SharedHttpClient) -> SharedHttpClient {
        SharedHttpClient::new(PacedClient { inner, pacer: self.clone() })
    }
}

/// Reads each attempt's outcome the way the SDK's retry classifiers judged it.
impl Intercept for Pacer {
    fn name(&self) -> &'static str {
        "awsvpc-pacer"
    }

    fn read_after_attempt(
        &self,
        ctx: &FinalizerInterceptorContextRef<'_>,
        rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let throttled = super::retry::throttled(ctx.inner(), rc);
        if ctx.inner().response().is_some() {
            self.outcome(throttled);
        }
        Ok(())
    }
}

#[derive(Debug)]
struct PacedClient {
    inner: SharedHttpClient,
    pacer: Pacer,
}

impl HttpClient for PacedClient {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(PacedConnector {
            inner: self.inner.http_connector(settings, components),
            pacer: self.pacer.clone(),
        })
    }
}

#[derive(Debug)]
struct PacedConnector {
    inner: SharedHttpConnector,
    pacer: Pacer,
}

impl HttpConnector for PacedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let pacer = self.pacer.clone();
        HttpConnectorFuture::new(async move {
            pacer.ready().await;
            inner.call(request).await
        })
    }
}

/// The SDK's default HTTPS client, as `aws-smithy-runtime` builds it for this behaviour version:
/// rustls with aws-lc, the connector settings and sleep of the client, proxies from the
/// environment (HTTPS_PROXY, NO_PROXY).
pub fn default_https_client() -> SharedHttpClient {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
    use aws_smithy_http_client::{Builder, ConnectorBuilder};
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut b = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc));
        b.set_connector_settings(settings.cloned());
        if let Some(c) = components {
            b.set_sleep_impl(c.sleep_impl());
        }
        b.set_proxy_config(Some(ProxyConfig::from_env()));
        b.build()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS_ECS: Rate = Rate { burst: 50.0, per_second: 20.0 };

    #[test]
    fn a_full_bucket_gives_its_burst_then_paces_at_the_refill_rate() {
        let t0 = Instant::now();
        let mut b = Bucket::new(AWS_ECS, t0);
        for _ in 0..50 {
            assert_eq!(b.take(t0), Ok(()));
        }
        let wait = b.take(t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(50), "one token per 1/20 s");
        assert_eq!(b.take(t0 + Duration::from_millis(50)), Ok(()));
        // One second refills 20 tokens, never more than the burst.
        let t1 = t0 + Duration::from_millis(1050);
        for _ in 0..20 {
            assert_eq!(b.take(t1), Ok(()));
        }
        assert!(b.take(t1).is_err());
        let mut b = Bucket::new(AWS_ECS, t0);
        b.take(t0 + Duration::from_secs(3600)).unwrap();
        for _ in 0..49 {
            b.take(t0 + Duration::from_secs(3600)).unwrap();
        }
        assert!(b.take(t0 + Duration::from_secs(3600)).is_err(), "an idle hour still holds only 50");
    }

    #[test]
    fn throttling_halves_the_rate_down_to_the_floor_and_answers_win_it_back() {
        let t0 = Instant::now();
        let mut b = Bucket::new(AWS_ECS, t0);
        b.throttled(t0);
        assert_eq!(b.rate(), 10.0);
        assert!(b.take(t0).is_err(), "a throttled bucket is emptied");
        assert_eq!(b.take(t0).unwrap_err(), Duration::from_millis(100), "one token per 1/10 s");
        for _ in 0..10 {
            b.throttled(t0);
        }
        assert_eq!(b.rate(), MIN_RATE);
        for _ in 0..100 {
            b.answered();
        }
        assert_eq!(b.rate(), 20.0, "never above the documented rate");
        b.throttled(t0);
        b.answered();
        assert_eq!(b.rate(), 11.0, "10 after the halving, plus 20/20");
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_bucket() {
        let p = Pacer::new(Rate { burst: 2.0, per_second: 100.0 });
        let start = Instant::now();
        let calls: Vec<_> = (0..6)
            .map(|_| {
                let p = p.clone();
                tokio::spawn(async move { p.ready().await })
            })
            .collect();
        for c in calls {
            c.await.unwrap();
        }
        // 2 from the burst, 4 more at 100 per second: not before 40 ms, whatever the machine.
        assert!(start.elapsed() >= Duration::from_millis(39), "{:?}", start.elapsed());
    }
}
