//! Throttling retried against a time budget, not a fixed number of attempts.
//!
//! A throttling answer says "not now", not "no": AWS refills its token buckets every second
//! ("Request throttling for the Amazon ECS API", "Request throttling for the Amazon EC2 API"), so
//! a call that met throttling is worth retrying for as long as the caller can wait. Everything
//! else stays the SDK's: the standard (or adaptive) retry strategy, its backoff with jitter (1 s
//! doubling up to 20 s for throttling), its retry quota, and `--max-attempts` / `AWS_MAX_ATTEMPTS`
//! counting the attempts for every other error.
//!
//! How: before the SDK's strategy decides on a retry, this interceptor raises the call's attempt
//! limit by one for each throttled attempt, as long as the call began less than the budget ago. A
//! call that met 4 throttling answers and then a 500 with `--max-attempts 2` makes 4 + 2 attempts;
//! a call still throttled when its budget is spent ends with AWS's throttling answer.

use std::time::{Duration, Instant};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef, InterceptorContext,
};
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction, RetryReason};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use aws_smithy_types::retry::{ErrorKind, RetryConfig};

/// How long a call keeps retrying throttling answers by default (`--throttle-budget`): the default
/// 60 s operation timeout less the SDK's 20 s maximum backoff, so that a call still throttled ends
/// with AWS's answer, not with a timeout.
pub const THROTTLE_BUDGET: Duration = Duration::from_secs(40);

/// The SDK's maximum backoff between attempts (`RetryConfig::standard()`: 20 s).
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// Whether the SDK's retry classifiers judge the attempt in `ctx` as throttled.
pub(crate) fn throttled(ctx: &InterceptorContext, rc: &RuntimeComponents) -> bool {
    rc.retry_classifiers().any(|c| {
        matches!(
            c.classify_retry(ctx),
            RetryAction::RetryIndicated(RetryReason::RetryableError { kind: ErrorKind::ThrottlingError, .. })
        )
    })
}

/// The attempts a call may make, all told: the configured ones for every other error, plus one
/// for each throttled attempt while the call is younger than its budget.
pub fn attempts_allowed(configured: u32, throttled: u32, elapsed: Duration, budget: Duration) -> u32 {
    if throttled > 0 && elapsed < budget { configured.saturating_add(throttled) } else { configured }
}

/// One call's bookkeeping, kept in the call's own configuration layer.
#[derive(Debug, Clone)]
struct Call {
    started: Instant,
    configured: u32,
    throttled: u32,
}

impl Storable for Call {
    type Storer = StoreReplace<Self>;
}

/// The interceptor: one per client, the budget of the run.
#[derive(Debug, Clone)]
pub struct ThrottleBudget {
    budget: Duration,
}

impl ThrottleBudget {
    pub fn new(budget: Duration) -> Self {
        ThrottleBudget { budget }
    }
}

impl Intercept for ThrottleBudget {
    fn name(&self) -> &'static str {
        "awsvpc-throttle-budget"
    }

    fn read_before_execution(
        &self,
        _ctx: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let configured = cfg.load::<RetryConfig>().map_or(1, |r| r.max_attempts());
        cfg.interceptor_state().store_put(Call { started: Instant::now(), configured, throttled: 0 });
        Ok(())
    }

    fn read_after_attempt(
        &self,
        ctx: &FinalizerInterceptorContextRef<'_>,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if self.budget.is_zero() || !throttled(ctx.inner(), rc) {
            return Ok(());
        }
        let (Some(mut call), Some(retry)) = (cfg.load::<Call>().cloned(), cfg.load::<RetryConfig>().cloned()) else {
            return Ok(());
        };
        call.throttled += 1;
        let allowed = attempts_allowed(call.configured, call.throttled, call.started.elapsed(), self.budget);
        cfg.interceptor_state().store_put(retry.with_max_attempts(allowed));
        cfg.interceptor_state().store_put(call);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn throttled_attempts_do_not_count_while_the_budget_lasts() {
        // No throttling: the configured attempts, whatever the time.
        assert_eq!(attempts_allowed(2, 0, S(1), S(40)), 2);
        // Each throttled attempt adds one, so every other error still gets its 2 attempts.
        assert_eq!(attempts_allowed(2, 1, S(1), S(40)), 3);
        assert_eq!(attempts_allowed(2, 7, S(39), S(40)), 9);
        assert_eq!(attempts_allowed(1, 3, S(0), S(40)), 4, "--max-attempts 1 still outlasts throttling");
        // Budget spent: back to the configured count (already used up: no further attempt).
        assert_eq!(attempts_allowed(2, 7, S(40), S(40)), 2);
        assert_eq!(attempts_allowed(5, 7, S(41), S(40)), 5);
        // A zero budget: throttling counts like any other error.
        assert_eq!(attempts_allowed(3, 2, S(0), S(0)), 3);
        assert_eq!(attempts_allowed(u32::MAX, 2, S(0), S(40)), u32::MAX);
    }
}
