//! Exit codes, one named constant each. The README's "Exit codes" table lists the same values;
//! a test checks that it does.

/// Success: the command did its job and found nothing wrong.
pub const OK: i32 = 0;
/// The command did its job and found a problem: a failed check, a requested task that does not
/// exist, a task that did not start.
pub const FOUND_PROBLEM: i32 = 1;
/// Usage or invalid input, including input AWS rejected as invalid (unknown cluster, malformed
/// id) and a missing region.
pub const USAGE: i32 = 2;
/// AWS could not be asked: no credentials, access denied, throttled after retries, endpoint
/// unreachable or failing.
pub const AWS_UNAVAILABLE: i32 = 3;
/// Interrupted (Ctrl-C, SIGINT).
pub const INTERRUPTED: i32 = 130;
/// Terminated (SIGTERM: a CI cancel, `kill`), handled like Ctrl-C.
pub const TERMINATED: i32 = 143;
/// Hung up (SIGHUP: the terminal closed), handled like Ctrl-C.
pub const HANGUP: i32 = 129;

/// Every code with its name, for the README check and `--help` texts.
pub const ALL: &[(i32, &str)] = &[
    (OK, "OK"),
    (FOUND_PROBLEM, "FOUND_PROBLEM"),
    (USAGE, "USAGE"),
    (AWS_UNAVAILABLE, "AWS_UNAVAILABLE"),
    (INTERRUPTED, "INTERRUPTED"),
    (TERMINATED, "TERMINATED"),
    (HANGUP, "HANGUP"),
];
