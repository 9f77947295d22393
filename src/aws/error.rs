//! AWS SDK errors as `Failure`s: the service's error code and message, what was being done, and
//! the exit code the code calls for (input AWS rejected: 2; access, throttling, outages: 3).

use std::fmt;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::error::{Failure, Kind, no_credentials};

/// Codes with which AWS says "your input is wrong" (exit 2).
fn is_input_code(code: &str) -> bool {
    const EXACT: &[&str] = &[
        "ClientException",
        "InvalidParameterException",
        "InvalidParameterValue",
        "InvalidParameterCombination",
        "InvalidParameter",
        "MissingParameter",
        "ValidationError",
        "ValidationException",
        "ClusterNotFoundException",
        "ServiceNotFoundException",
        "ServiceNotActiveException",
        "TargetNotFoundException",
        "PlatformUnknownException",
        "PlatformTaskDefinitionIncompatibilityException",
        "UnsupportedFeatureException",
        "NoSuchEntity",
        "InvalidInput",
    ];
    EXACT.contains(&code) || code.ends_with(".NotFound") || code.ends_with(".Malformed")
}

/// Codes with which AWS says "you may not, or not now" (exit 3).
fn is_unavailable_code(code: &str) -> bool {
    const EXACT: &[&str] = &[
        "AccessDeniedException",
        "AccessDenied",
        "UnauthorizedOperation",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "AuthFailure",
        "SignatureDoesNotMatch",
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
        "403",
    ];
    // Throttling and AWS's own faults: one list, shared with the checks (error.rs).
    EXACT.contains(&code) || crate::error::is_transient_code(code)
}

fn hint_for(code: &str) -> Option<&'static str> {
    match code {
        "UnrecognizedClientException" | "InvalidClientTokenId" | "AuthFailure" | "SignatureDoesNotMatch" => Some(
            "the credentials are not valid for this account and region; check --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID",
        ),
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => {
            Some("the session has expired; refresh it (for SSO: `aws sso login --profile NAME`)")
        }
        "AccessDeniedException" | "AccessDenied" | "UnauthorizedOperation" | "403" => Some(
            "the caller lacks an IAM permission; `awsvpc iam-policy COMMAND` prints the minimal policy for each command",
        ),
        "ThrottlingException" | "Throttling" | "RequestLimitExceeded" | "TooManyRequestsException" => {
            Some("AWS throttled the calls after all retries; try again later or raise --max-attempts")
        }
        "ClusterNotFoundException" => Some("check --cluster and --region (`aws ecs list-clusters` lists the clusters)"),
        _ => None,
    }
}

/// Turns an SDK error into a `Failure`, keeping the service's error code and message.
/// `doing` says what was being done ("listing the tasks of cluster prod").
pub fn from_sdk<E, R>(doing: &str, err: SdkError<E, R>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: fmt::Debug + HttpStatus + Send + Sync + 'static,
{
    match &err {
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or("").to_string();
            let message = service.err().message().unwrap_or("").trim().to_string();
            let status = service.raw().status_code();
            let kind = if is_input_code(&code) {
                Kind::Usage
            } else if is_unavailable_code(&code) || status >= 500 || status == 403 || status == 401 {
                Kind::Unavailable
            } else if (400..500).contains(&status) {
                Kind::Usage
            } else {
                Kind::Unavailable
            };
            let shown_code = if code.is_empty() { format!("HTTP {status}") } else { code.clone() };
            let text = if message.is_empty() {
                format!("{doing}: {shown_code}")
            } else {
                format!("{doing}: {shown_code}: {message}")
            };
            Failure {
                kind,
                message: text,
                code: (!code.is_empty()).then_some(code.clone()),
                hint: hint_for(&code).map(str::to_string),
            }
        }
        SdkError::ResponseError(resp) => {
            let status = resp.raw().status_code();
            Failure::unavailable(format!(
                "{doing}: AWS answered HTTP {status} with a body that is not a valid AWS error ({})",
                chain_text(&err).lines().next().unwrap_or_default()
            ))
        }
        SdkError::TimeoutError(_) => Failure::unavailable(format!("{doing}: AWS did not answer in time"))
            .with_hint("the endpoint is slow or unreachable; check the network, or raise --read-timeout"),
        SdkError::DispatchFailure(dispatch) => {
            let detail = chain_text(&err);
            if dispatch.is_timeout() && detail.contains("connect timeout") {
                // No connection within --connect-timeout: the read timeout has nothing to do with it.
                Failure::unavailable(format!("{doing}: could not connect to AWS in time ({detail})")).with_hint(
                    "the endpoint is unreachable or slow to accept; check the network, or raise --connect-timeout",
                )
            } else if dispatch.is_timeout() {
                Failure::unavailable(format!("{doing}: AWS did not answer in time ({detail})"))
                    .with_hint("the endpoint is slow or unreachable; check the network, or raise --read-timeout")
            } else if detail.to_ascii_lowercase().contains("credential") {
                no_credentials(doing, &detail)
            } else {
                Failure::unavailable(format!("{doing}: could not reach AWS ({detail})"))
                    .with_hint("check the network, the region and --endpoint-url / AWS_ENDPOINT_URL")
            }
        }
        _ => {
            let detail = chain_text(&err);
            if detail.to_ascii_lowercase().contains("credential") {
                no_credentials(doing, &detail)
            } else {
                Failure::unavailable(format!("{doing}: {detail}"))
            }
        }
    }
}

/// The error and its sources, joined, without the SDK's terse "dispatch failure" alone.
fn chain_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        let s = e.to_string();
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

/// The HTTP status of a raw response, whichever response type the SDK hands us.
pub trait HttpStatus {
    fn status_code(&self) -> u16;
}

impl HttpStatus for aws_smithy_runtime_api::http::Response {
    fn status_code(&self) -> u16 {
        self.status().as_u16()
    }
}

/// An error and its sources as one line.
pub fn source_text(err: &(dyn std::error::Error + 'static)) -> String {
    chain_text(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_exit_codes() {
        assert!(is_input_code("ClusterNotFoundException"));
        assert!(is_input_code("InvalidSubnetID.NotFound"));
        assert!(is_input_code("InvalidGroupId.Malformed"));
        assert!(!is_input_code("ThrottlingException"));
        assert!(is_unavailable_code("RequestLimitExceeded"));
        assert!(is_unavailable_code("AccessDeniedException"));
        assert!(!is_unavailable_code("ClientException"));
    }
}
