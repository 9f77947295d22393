//! One error type that knows its exit code. Every AWS error is turned into a `Failure` in
//! `aws::error`, with what was being done, the service's error code and its message, so that the
//! error is printed once, in `main`, and mapped to the documented exit code. Nothing here knows
//! the AWS SDK.

use std::fmt;

use crate::exit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad input, or input AWS rejected as invalid: exit 2.
    Usage,
    /// AWS could not be asked, or would not answer: exit 3.
    Unavailable,
    /// Ended by a signal (Ctrl-C: 130, SIGTERM: 143, SIGHUP: 129): its exit code.
    Interrupted(i32),
}

#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: Kind,
    /// What was wrong, in one line.
    pub message: String,
    /// The AWS error code, when AWS answered with one.
    pub code: Option<String>,
    /// What to do about it, when we know.
    pub hint: Option<String>,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure { kind: Kind::Usage, message: message.into(), code: None, hint: None }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Failure { kind: Kind::Unavailable, message: message.into(), code: None, hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Usage => exit::USAGE,
            Kind::Unavailable => exit::AWS_UNAVAILABLE,
            Kind::Interrupted(code) => code,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// AWS error codes of throttling and of AWS's own faults: a call answered with one did not get a
/// verdict, as opposed to a refusal or an invalid request.
pub fn is_transient_code(code: &str) -> bool {
    const CODES: &[&str] = &[
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "ServerException",
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "Unavailable",
    ];
    CODES.contains(&code) || code.starts_with("HTTP 5")
}

/// A usage error as an `anyhow::Error`, naming the option, the value and the rule.
pub fn invalid(option: &str, value: &str, rule: &str) -> anyhow::Error {
    Failure::usage(format!("invalid value '{}' for {option}: {rule}", shorten(value))).into()
}

/// Long values are cut in messages (and control characters shown escaped) so that an error
/// stays one readable line.
pub fn shorten(value: &str) -> String {
    let escaped: String = value.escape_debug().collect();
    if escaped.chars().count() > 80 {
        let head: String = escaped.chars().take(77).collect();
        format!("{head}...")
    } else {
        escaped
    }
}

/// The exit code for any error that reaches `main`.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    err.chain().find_map(|e| e.downcast_ref::<Failure>()).map(Failure::exit_code).unwrap_or(exit::AWS_UNAVAILABLE)
}

pub fn no_credentials(doing: &str, detail: &str) -> Failure {
    // The SDK lists every provider it tried, one per line; the first line says it all.
    let detail =
        detail.lines().next().unwrap_or_default().trim().trim_end_matches(". Attempted:").trim_end_matches(':');
    Failure::unavailable(format!("{doing}: no AWS credentials ({detail})")).with_hint(
        "configure credentials: `aws configure` or `aws configure sso`, then pass --profile NAME (or set AWS_PROFILE), \
         or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    )
}

/// The one-line message of an error (the `Failure`'s, else the chain).
pub fn exit_message(err: &anyhow::Error) -> String {
    match err.chain().find_map(|e| e.downcast_ref::<Failure>()) {
        Some(f) => f.message.clone(),
        None => format!("{err:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_code_of_plain_and_wrapped_failures() {
        let e: anyhow::Error = Failure::usage("x").into();
        assert_eq!(exit_code_of(&e), exit::USAGE);
        let e = anyhow::Error::from(Failure::unavailable("y")).context("while z");
        assert_eq!(exit_code_of(&e), exit::AWS_UNAVAILABLE);
    }

    #[test]
    fn shorten_escapes_and_cuts() {
        assert_eq!(shorten("a\tb"), "a\\tb");
        let long = "x".repeat(500);
        let s = shorten(&long);
        assert!(s.len() == 80 && s.ends_with("..."));
    }
}
