//! Every AWS call and every SDK type lives below this module: resolving the configuration
//! (profile, region, endpoint, retries, timeouts) into clients, one file per service returning
//! plain inventory types (`Result<T, Failure>` everywhere), the gathering of a check's facts, the
//! writes, and SDK error classification. An interceptor logs (`-v`) and counts every call attempt.
//! Commands get an `Aws` and never read the environment themselves.

pub mod account;
pub mod clusters;
pub mod ec2;
pub mod ec2_path;
pub mod ecs;
pub mod ecs_clusters;
mod ecs_services;
pub mod elbv2;
pub mod error;
pub mod gather;
pub mod iam;
pub mod iam_roles;
pub mod logs;
pub mod pace;
pub mod retry;
pub mod secret_keys;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

use crate::error::{Failure, no_credentials};

/// Default bounds, so that an endpoint that accepts and never answers cannot hang a CI job: a
/// connection within 5 s, an answer within 20 s per attempt, an operation (retries included)
/// within 60 s. `--read-timeout N` replaces the attempt and operation bounds by a read timeout of
/// N s; 0 turns every timeout off (as the AWS CLI's `--cli-read-timeout 0`).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(60);
/// Attempts per call when none is configured (`--max-attempts`, `AWS_MAX_ATTEMPTS`, the
/// profile's `max_attempts`): the SDK's 3 give up too soon on a busy account (a call fails when
/// 3 attempts in a row meet throttling or a 5xx); 5, with the SDK's backoff, within the
/// operation timeout above.
pub const DEFAULT_ATTEMPTS: u32 = 5;

/// The timeouts for the options given.
fn timeouts(args: &Options) -> TimeoutConfig {
    let secs = |n: u64| (n > 0).then(|| Duration::from_secs(n));
    let connect = args.connect_timeout.map_or(Some(CONNECT_TIMEOUT), secs);
    let mut b = TimeoutConfig::builder();
    b.set_connect_timeout(connect);
    match args.read_timeout {
        None => {
            b.set_operation_attempt_timeout(Some(ATTEMPT_TIMEOUT));
            // A throttle budget beyond the default leaves room for its last backoff.
            b.set_operation_timeout(Some(OPERATION_TIMEOUT.max(throttle_budget(args) + retry::MAX_BACKOFF)));
        }
        Some(n) => {
            b.set_read_timeout(secs(n));
        }
    }
    b.build()
}

/// How long a throttled call keeps retrying (`--throttle-budget`, else `retry::THROTTLE_BUDGET`).
pub fn throttle_budget(args: &Options) -> Duration {
    args.throttle_budget.map_or(retry::THROTTLE_BUDGET, Duration::from_secs)
}

/// How many AWS calls of one kind run at once.
pub const CONCURRENCY: usize = 8;

/// How to reach AWS, as the command line gave it (validated by `ids::check_aws_options`).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The named profile: `--profile`, else `AWS_PROFILE` (resolved by dispatch).
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub max_attempts: Option<u32>,
    pub read_timeout: Option<u64>,
    pub connect_timeout: Option<u64>,
    /// Seconds a throttled call keeps retrying (0: throttling counts as any other error).
    pub throttle_budget: Option<u64>,
    /// `-v`: where each call attempt's line goes (dispatch gives stderr); none: not logged.
    pub call_sink: Option<CallSink>,
    /// `AWS_MAX_ATTEMPTS` is set (read by dispatch): the configuration chooses the attempts.
    pub attempts_in_env: bool,
}

/// The clients of one run, sharing one configuration and one call log.
#[derive(Clone)]
pub struct Aws {
    pub ecs: aws_sdk_ecs::Client,
    pub ec2: aws_sdk_ec2::Client,
    pub iam: aws_sdk_iam::Client,
    pub elbv2: aws_sdk_elasticloadbalancingv2::Client,
    pub sts: aws_sdk_sts::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub secrets: aws_sdk_secretsmanager::Client,
    pub ssm: aws_sdk_ssm::Client,
    pub kms: aws_sdk_kms::Client,
    pub region: String,
    pub calls: CallLog,
    /// Facts of the account that do not change within a run, fetched once for all clusters.
    pub(crate) once: Once,
}

impl Aws {
    /// Test clients for a server on 127.0.0.1:`port` with fixed fake credentials, no pacing
    /// (the fixture tests, src/fixtures.rs).
    #[cfg(test)]
    pub(crate) fn at_loopback(port: u16) -> Aws {
        use aws_config::SdkConfig;
        use aws_credential_types::Credentials;
        use aws_credential_types::provider::SharedCredentialsProvider;
        let conf = SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-west-2"))
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                "AKID", "secret", None, None, "fixture",
            )))
            .build();
        Aws {
            ecs: aws_sdk_ecs::Client::new(&conf),
            ec2: aws_sdk_ec2::Client::new(&conf),
            iam: aws_sdk_iam::Client::new(&conf),
            elbv2: aws_sdk_elasticloadbalancingv2::Client::new(&conf),
            sts: aws_sdk_sts::Client::new(&conf),
            logs: aws_sdk_cloudwatchlogs::Client::new(&conf),
            secrets: aws_sdk_secretsmanager::Client::new(&conf),
            ssm: aws_sdk_ssm::Client::new(&conf),
            kms: aws_sdk_kms::Client::new(&conf),
            region: "us-west-2".into(),
            calls: CallLog::new(None),
            once: Once::default(),
        }
    }
}

/// Run-wide facts shared between clusters: an instance profile's role, a role's trunking
/// setting, the ENI quotas of a set of instance types. A fleet audit asks each once, however many
/// clusters share it.
#[derive(Clone, Default)]
pub(crate) struct Once {
    pub profile_roles: Memo<Result<Option<String>, Failure>>,
    pub role_settings: Memo<Result<crate::inventory::EffectiveSettings, Failure>>,
    pub max_enis: Memo<Result<std::collections::HashMap<String, i32>, Failure>>,
    /// Clusters' default strategies and capacity providers (`run` resolves its target, then its
    /// preflight reads the same cluster).
    pub strategies: Memo<Result<BTreeMap<String, Vec<String>>, Failure>>,
    pub providers: Memo<BTreeMap<String, crate::inventory::Fact<crate::inventory::CapacityProvider>>>,
    /// The container instances' subnets (by the sorted list of ids) and their VPCs' DNS
    /// attributes, read as soon as the instances are known, beside the task listing.
    pub subnet_batches: Memo<Result<Vec<crate::inventory::Subnet>, Failure>>,
    pub vpc_dns: Memo<Result<crate::inventory::VpcDns, Failure>>,
    /// Route tables by the sorted list of VPCs, and the pull path by VPC and groups (read early
    /// from the instances' VPC, as the subnets are).
    pub route_tables: Memo<Result<Vec<crate::inventory::RouteTable>, Failure>>,
    pub paths: Memo<crate::inventory::Fact<crate::inventory::PathFacts>>,
}

impl Once {
    /// Forgets everything: after a write, facts are read again.
    pub fn forget(&self) {
        self.profile_roles.clear();
        self.role_settings.clear();
        self.max_enis.clear();
        self.strategies.clear();
        self.providers.clear();
        self.subnet_batches.clear();
        self.vpc_dns.clear();
        self.route_tables.clear();
        self.paths.clear();
    }
}

/// Values by key, each computed once even when asked for concurrently.
pub(crate) struct Memo<V>(Arc<Mutex<BTreeMap<String, Arc<tokio::sync::OnceCell<V>>>>>);

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo(Arc::default())
    }
}

impl<V> Clone for Memo<V> {
    fn clone(&self) -> Self {
        Memo(self.0.clone())
    }
}

impl<V: Clone> Memo<V> {
    pub fn clear(&self) {
        if let Ok(mut m) = self.0.lock() {
            m.clear();
        }
    }

    /// The value of `key`, computed by `f` the first time it is asked for.
    pub async fn get<F, Fut>(&self, key: &str, f: F) -> V
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = V>,
    {
        let cell = match self.0.lock() {
            Ok(mut m) => m.entry(key.to_string()).or_default().clone(),
            Err(_) => Arc::default(),
        };
        cell.get_or_init(f).await.clone()
    }
}

/// The SDK configuration: the standard chain with the command-line overrides, and a named
/// profile's own credentials (account.rs).
async fn load_config(args: &Options) -> Result<aws_config::SdkConfig> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    let profile = args.profile.clone();
    let mut own_credentials = false;
    if let Some(profile) = &profile {
        own_credentials = account::check_profile(profile).await?;
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &args.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    loader = loader.timeout_config(timeouts(args));
    // The SDK's upload stall protection (5 s grace) counts a connection still being made as a
    // stalled upload and ends it after about 6 s, whatever --connect-timeout says (0: none, 30:
    // a slow link); the timeouts above bound every call instead, as the AWS CLI's do.
    loader = loader.stalled_stream_protection(
        aws_config::stalled_stream_protection::StalledStreamProtectionConfig::enabled().upload_enabled(false).build(),
    );
    let mut conf = loader.load().await;
    if let Some(profile) = profile.as_deref().filter(|_| own_credentials) {
        conf = account::with_profile_credentials(conf, profile);
    }
    Ok(conf)
}

/// Loads the standard AWS configuration chain with the command-line overrides, and checks that
/// a region and credentials exist before any call is made.
pub async fn connect(args: &Options) -> Result<Aws> {
    let conf = load_config(args).await?;
    let retry = retry_config(args, &conf).await;

    let region = conf.region().map(|r| r.to_string()).ok_or_else(|| {
        Failure::usage("no AWS region is configured")
            .with_hint("pass --region (for example --region us-east-1), set AWS_REGION, or set `region` in the profile")
    })?;

    // Credentials are resolved once, up front, so that a missing or broken credential chain is
    // reported as such instead of as the failure of whichever call came first.
    let provider = conf
        .credentials_provider()
        .ok_or_else(|| no_credentials("loading AWS credentials", "no credential provider is configured"))?;
    if let Err(e) = provider.provide_credentials().await {
        return Err(no_credentials("loading AWS credentials", &error::source_text(&e)).into());
    }

    let calls = CallLog::new(args.call_sink.clone());
    let budget = retry::ThrottleBudget::new(throttle_budget(args));
    // One pacer per service, shared by every call of the run (pace.rs).
    let http = conf.http_client().unwrap_or_else(pace::default_https_client);
    let (ecs_pace, ec2_pace, iam_pace, elb_pace) = (
        pace::Pacer::new(pace::ECS),
        pace::Pacer::new(pace::EC2),
        pace::Pacer::new(pace::UNPUBLISHED),
        pace::Pacer::new(pace::UNPUBLISHED),
    );
    let ecs = aws_sdk_ecs::Client::from_conf(
        aws_sdk_ecs::config::Builder::from(&conf)
            .retry_config(retry.clone())
            .interceptor(calls.clone())
            .interceptor(budget.clone())
            .interceptor(ecs_pace.clone())
            .http_client(ecs_pace.http_client(http.clone()))
            .build(),
    );
    let ec2 = aws_sdk_ec2::Client::from_conf(
        aws_sdk_ec2::config::Builder::from(&conf)
            .retry_config(retry.clone())
            .interceptor(calls.clone())
            .interceptor(budget.clone())
            .interceptor(ec2_pace.clone())
            .http_client(ec2_pace.http_client(http.clone()))
            .build(),
    );
    let iam = aws_sdk_iam::Client::from_conf(
        aws_sdk_iam::config::Builder::from(&conf)
            .retry_config(retry.clone())
            .interceptor(calls.clone())
            .interceptor(budget.clone())
            .interceptor(iam_pace.clone())
            .http_client(iam_pace.http_client(http.clone()))
            .build(),
    );
    let elbv2 = aws_sdk_elasticloadbalancingv2::Client::from_conf(
        aws_sdk_elasticloadbalancingv2::config::Builder::from(&conf)
            .retry_config(retry)
            .interceptor(calls.clone())
            .interceptor(budget.clone())
            .interceptor(elb_pace.clone())
            .http_client(elb_pace.http_client(http))
            .build(),
    );
    let sts = sts_client(&conf, retry_config(args, &conf).await, &calls);
    let logs = logs_client(&conf, retry_config(args, &conf).await, &calls, &budget);
    let (secrets, ssm, kms) = secret_clients(&conf, retry_config(args, &conf).await, &calls, &budget);
    Ok(Aws { ecs, ec2, iam, elbv2, sts, logs, secrets, ssm, kms, region, calls, once: Once::default() })
}

/// The CloudWatch Logs client (DescribeLogGroups), paced as a service of unpublished rate.
fn logs_client(
    conf: &aws_config::SdkConfig,
    retry: RetryConfig,
    calls: &CallLog,
    budget: &retry::ThrottleBudget,
) -> aws_sdk_cloudwatchlogs::Client {
    let pace = pace::Pacer::new(pace::UNPUBLISHED);
    aws_sdk_cloudwatchlogs::Client::from_conf(
        aws_sdk_cloudwatchlogs::config::Builder::from(conf)
            .retry_config(retry)
            .interceptor(calls.clone())
            .interceptor(budget.clone())
            .interceptor(pace.clone())
            .http_client(pace.http_client(conf.http_client().unwrap_or_else(pace::default_https_client)))
            .build(),
    )
}

/// The Secrets Manager, SSM and KMS clients (the secrets' keys), each paced as a service of
/// unpublished rate.
fn secret_clients(
    conf: &aws_config::SdkConfig,
    retry: RetryConfig,
    calls: &CallLog,
    budget: &retry::ThrottleBudget,
) -> (aws_sdk_secretsmanager::Client, aws_sdk_ssm::Client, aws_sdk_kms::Client) {
    let http = || conf.http_client().unwrap_or_else(pace::default_https_client);
    let (p1, p2, p3) =
        (pace::Pacer::new(pace::UNPUBLISHED), pace::Pacer::new(pace::UNPUBLISHED), pace::Pacer::new(pace::UNPUBLISHED));
    let secrets = aws_sdk_secretsmanager::config::Builder::from(conf)
        .retry_config(retry.clone())
        .interceptor(calls.clone())
        .interceptor(budget.clone())
        .interceptor(p1.clone())
        .http_client(p1.http_client(http()))
        .build();
    let ssm = aws_sdk_ssm::config::Builder::from(conf)
        .retry_config(retry.clone())
        .interceptor(calls.clone())
        .interceptor(budget.clone())
        .interceptor(p2.clone())
        .http_client(p2.http_client(http()))
        .build();
    let kms = aws_sdk_kms::config::Builder::from(conf)
        .retry_config(retry)
        .interceptor(calls.clone())
        .interceptor(budget.clone())
        .interceptor(p3.clone())
        .http_client(p3.http_client(http()))
        .build();
    (
        aws_sdk_secretsmanager::Client::from_conf(secrets),
        aws_sdk_ssm::Client::from_conf(ssm),
        aws_sdk_kms::Client::from_conf(kms),
    )
}

/// The STS client (GetCallerIdentity), paced as a service of unpublished rate.
fn sts_client(conf: &aws_config::SdkConfig, retry: RetryConfig, calls: &CallLog) -> aws_sdk_sts::Client {
    let pace = pace::Pacer::new(pace::UNPUBLISHED);
    aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(conf)
            .retry_config(retry)
            .interceptor(calls.clone())
            .interceptor(pace.clone())
            .http_client(pace.http_client(conf.http_client().unwrap_or_else(pace::default_https_client)))
            .build(),
    )
}

/// The retry configuration: --max-attempts changes the number of attempts only, the retry mode
/// of the configuration (AWS_RETRY_MODE=adaptive, the profile's retry_mode) stays.
async fn retry_config(args: &Options, conf: &aws_config::SdkConfig) -> RetryConfig {
    let configured = conf.retry_config().cloned().unwrap_or_else(RetryConfig::standard);
    match args.max_attempts {
        Some(n) => configured.with_max_attempts(n),
        None if args.attempts_in_env || attempts_configured(args.profile.as_deref()).await => configured,
        None => configured.with_max_attempts(DEFAULT_ATTEMPTS),
    }
}

/// Whether the selected profile sets `max_attempts` (read as aws-config reads it).
async fn attempts_configured(profile: Option<&str>) -> bool {
    use aws_runtime::env_config::file::EnvConfigFiles;
    use aws_types::os_shim_internal::{Env, Fs};
    let selected = profile.map(|p| std::borrow::Cow::Owned(p.to_string()));
    match aws_config::profile::load(&Fs::real(), &Env::real(), &EnvConfigFiles::default(), selected).await {
        Ok(set) => set.get("max_attempts").is_some(),
        Err(_) => false,
    }
}

/// Runs `f` over `ids` in chunks of `size`, at most `CONCURRENCY` calls at once, and joins the
/// results in chunk order.
pub(crate) async fn in_chunks<T, F, Fut>(ids: &[String], size: usize, f: F) -> Result<Vec<T>, Failure>
where
    F: Fn(Vec<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<T>, Failure>>,
{
    use futures_util::{StreamExt, TryStreamExt, stream};
    let parts: Vec<Vec<T>> =
        stream::iter(ids.chunks(size).map(|c| f(c.to_vec()))).buffered(CONCURRENCY).try_collect().await?;
    Ok(parts.into_iter().flatten().collect())
}

/// A spawned call's result; a panicked or cancelled task is an error of this tool, said so.
pub(crate) fn joined<T>(j: Result<T, tokio::task::JoinError>) -> Result<T, Failure> {
    j.map_err(|e| Failure::unavailable(format!("an internal task failed: {e}")))
}

/// Where the `-v` call log goes: one line per attempt (operation, outcome, milliseconds). The AWS
/// layer prints nothing itself; dispatch hands it a sink.
#[derive(Clone)]
pub struct CallSink(pub Arc<dyn Fn(&str) + Send + Sync>);

impl std::fmt::Debug for CallSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CallSink")
    }
}

/// Counts every call attempt per operation, and with `-v` hands each one to the sink.
/// It never logs headers or bodies, so no credential or secret can leak through it.
#[derive(Clone, Debug, Default)]
pub struct CallLog {
    inner: Arc<Mutex<BTreeMap<String, u64>>>,
    /// Attempts sent and not yet answered, per operation.
    pending: Arc<Mutex<BTreeMap<String, u64>>>,
    sink: Option<CallSink>,
}

#[derive(Debug, Clone)]
struct AttemptStart(Instant);

impl Storable for AttemptStart {
    type Storer = StoreReplace<Self>;
}

impl CallLog {
    pub fn new(sink: Option<CallSink>) -> Self {
        CallLog { inner: Arc::default(), pending: Arc::default(), sink }
    }

    /// The operations with an attempt in flight, `Service.Operation`.
    pub fn in_flight(&self) -> Vec<String> {
        let pending = self.pending.lock().map(|m| m.clone()).unwrap_or_default();
        pending.into_iter().filter(|(_, n)| *n > 0).map(|(op, _)| op).collect()
    }

    /// Attempts per `Service.Operation`, retries included.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.inner.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

fn operation_name(cfg: &ConfigBag) -> String {
    cfg.load::<Metadata>().map(|m| format!("{}.{}", m.service(), m.name())).unwrap_or_else(|| "unknown".to_string())
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "awsvpc-call-log"
    }

    fn read_before_attempt(
        &self,
        _ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().store_put(AttemptStart(Instant::now()));
        let op = operation_name(cfg);
        if let Ok(mut m) = self.pending.lock() {
            *m.entry(op.clone()).or_default() += 1;
        }
        if let Ok(mut m) = self.inner.lock() {
            *m.entry(op).or_default() += 1;
        }
        Ok(())
    }

    fn read_after_attempt(
        &self,
        ctx: &FinalizerInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let op = operation_name(cfg);
        if let Ok(mut m) = self.pending.lock()
            && let Some(n) = m.get_mut(&op)
        {
            *n = n.saturating_sub(1);
        }
        let Some(sink) = &self.sink else {
            return Ok(());
        };
        let ms = cfg.load::<AttemptStart>().map(|s| s.0.elapsed().as_millis()).unwrap_or(0);
        let outcome = match ctx.response() {
            Some(resp) => format!("HTTP {}", resp.status().as_u16()),
            None => "no response".to_string(),
        };
        (sink.0)(&format!("aws: {op} -> {outcome} ({ms} ms)"));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_default_bounded_and_zero_means_none() {
        let t = timeouts(&Options::default());
        assert_eq!(t.connect_timeout(), Some(CONNECT_TIMEOUT));
        assert_eq!(t.operation_attempt_timeout(), Some(ATTEMPT_TIMEOUT));
        assert_eq!(t.operation_timeout(), Some(OPERATION_TIMEOUT));
        let t = timeouts(&Options { read_timeout: Some(0), connect_timeout: Some(0), ..Options::default() });
        assert_eq!((t.connect_timeout(), t.read_timeout(), t.operation_timeout()), (None, None, None));
        let t = timeouts(&Options { read_timeout: Some(7), ..Options::default() });
        assert_eq!((t.read_timeout(), t.operation_timeout()), (Some(Duration::from_secs(7)), None));
        // A long throttle budget widens the operation timeout by the SDK's maximum backoff.
        let t = timeouts(&Options { throttle_budget: Some(100), ..Options::default() });
        assert_eq!(t.operation_timeout(), Some(Duration::from_secs(120)));
        let t = timeouts(&Options { throttle_budget: Some(0), ..Options::default() });
        assert_eq!(t.operation_timeout(), Some(OPERATION_TIMEOUT));
    }

    #[tokio::test]
    async fn a_memo_computes_each_key_once_even_when_asked_concurrently() {
        let memo: Memo<u32> = Memo::default();
        let runs = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let ask = |key: &'static str| {
            let (memo, runs) = (memo.clone(), runs.clone());
            async move {
                memo.get(key, || async move {
                    runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    tokio::task::yield_now().await;
                    key.len() as u32
                })
                .await
            }
        };
        let got = futures_util::future::join_all([ask("a"), ask("a"), ask("bb"), ask("a")]).await;
        assert_eq!(got, vec![1, 1, 2, 1]);
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 2, "one computation per key");
        memo.clear();
        assert_eq!(ask("a").await, 1);
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 3, "computed again after clear");
    }
}
