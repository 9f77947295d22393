//! Input errors, missing configuration, unreachable endpoints, and the commands that must never
//! touch AWS. Each error is one clear line with the documented exit code.

use awsvpc::exit;
use serde_json::json;

use crate::builder::{Seed, awsvpc};
use crate::harness::Account;

const USAGE: i32 = 2;
const AWS_UNAVAILABLE: i32 = 3;

#[test]
fn malformed_task_ids_and_arns() {
    let acct = Account::new();
    for bad in [
        "not-a-task",
        "0123456789ABCDEF0123456789ABCDEF",
        "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
        "arn:aws:ecs:us-east-1:12345:task/prod/0123456789abcdef0123456789abcdef",
        "",
    ] {
        acct.awsvpc("enis").tasks(&[bad]).run().expect_clean_error(USAGE, "TASK");
    }
    assert!(acct.calls().is_empty(), "no AWS call on bad input: {:?}", acct.calls());
}

#[test]
fn bad_option_values() {
    let acct = Account::new();
    acct.awsvpc("enis").cluster("has space").run().expect_clean_error(USAGE, "--cluster");
    acct.awsvpc("enis").service("a/b").run().expect_clean_error(USAGE, "--service");
    acct.awsvpc("enis").opt("--started-by", "x".repeat(200)).run().expect_clean_error(USAGE, "--started-by");
    acct.awsvpc("enis").opt("--container-instance", "i-123").run().expect_clean_error(USAGE, "--container-instance");
    acct.awsvpc("enis")
        .opt("--started-by", "me")
        .opt("--family", "web")
        .run()
        .expect_clean_error(USAGE, "--started-by");
    acct.awsvpc("enis").opt("--desired-status", "DONE").run().expect_clean_error(USAGE, "--desired-status");
    // Global options, after the command.
    acct.awsvpc("enis").output("yaml").run().expect_clean_error(USAGE, "--output");
    acct.awsvpc("enis").region("mars").run().expect_clean_error(USAGE, "--region");
    acct.awsvpc("enis").opt("--endpoint-url", "ftp://x").run().expect_clean_error(USAGE, "--endpoint-url");
    let id = "0123456789abcdef0123456789abcdef";
    acct.awsvpc("enis").tasks(&[id, id]).run().expect_clean_error(USAGE, "twice");
    acct.awsvpc("enis").opt("--family", "web").tasks(&[id]).run().expect_clean_error(USAGE, "--family");
    assert!(acct.calls().is_empty(), "no AWS call on bad input: {:?}", acct.calls());
}

#[test]
fn unknown_cluster_is_invalid_input() {
    let acct = Account::new();
    acct.awsvpc("enis").cluster("nope").run().expect_clean_error(USAGE, "ClusterNotFoundException");
}

#[test]
fn tasks_of_another_cluster() {
    let acct = Account::new();
    let seed = acct.seed(
        Seed::mixed()
            .params(json!({"ec2": 0, "fargate": 1, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0})),
    );
    let arn = &seed.list("fargate_tasks")[0];
    // The ARN names cluster prod: asking for it under another cluster is refused before any call.
    acct.awsvpc("enis").cluster("other").tasks(&[arn]).run().expect_clean_error(USAGE, "belongs to cluster prod");
    // A bare id asked of another (existing) cluster is not found there: reported, exit 1.
    acct.seed(
        Seed::mixed()
            .params(json!({"cluster": "other", "ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "instances": 0})),
    );
    let id = arn.rsplit('/').next().unwrap();
    let v = acct.awsvpc("enis").cluster("other").tasks(&[id]).json_ok(exit::FOUND_PROBLEM);
    assert_eq!(v["failures"][0]["reason"], "MISSING");
    // The region in a task ARN must be the region in use.
    let elsewhere = arn.replace("us-east-1", "eu-west-1");
    acct.awsvpc("enis").tasks(&[elsewhere]).run().expect_clean_error(USAGE, "--region eu-west-1");
}

#[test]
fn no_region() {
    let r = awsvpc("enis").env("AWS_ACCESS_KEY_ID", "x").env("AWS_SECRET_ACCESS_KEY", "y").run();
    r.expect_clean_error(USAGE, "no AWS region");
    assert!(r.stderr.contains("--region"), "the hint says how: {}", r.stderr);
}

#[test]
fn no_credentials() {
    let r = awsvpc("enis").env("AWS_REGION", "us-east-1").run();
    r.expect_clean_error(AWS_UNAVAILABLE, "no AWS credentials");
    assert!(r.stderr.contains("--profile"), "the hint says how: {}", r.stderr);
}

#[test]
fn unreachable_endpoint() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let r = awsvpc("enis")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "x")
        .env("AWS_SECRET_ACCESS_KEY", "y")
        .env("AWS_MAX_ATTEMPTS", "1")
        .opt("--endpoint-url", format!("http://127.0.0.1:{port}"))
        .run();
    r.expect_clean_error(AWS_UNAVAILABLE, "could not reach AWS");
}

#[test]
fn help_version_and_completions_never_touch_aws() {
    let acct = Account::new();
    let help = acct.awsvpc("").flag("--help").expect(exit::OK);
    assert!(help.stdout.contains("enis") && help.stdout.contains("--endpoint-url"));
    let version = acct.awsvpc("").flag("--version").expect(exit::OK);
    assert_eq!(version.stdout.trim(), format!("awsvpc {}", env!("CARGO_PKG_VERSION")));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = acct.awsvpc("completions").arg(shell).expect(exit::OK);
        assert!(r.stdout.contains("awsvpc"), "{shell}");
    }
    acct.awsvpc("completions").arg("tcsh").run().expect_clean_error(USAGE, "tcsh");
    // Even with a region and credentials missing, these succeed: no configuration is loaded.
    assert_eq!(awsvpc("completions").arg("bash").run().code, exit::OK);
    assert_eq!(awsvpc("enis").flag("--help").run().code, exit::OK);
    assert!(acct.calls().is_empty(), "no AWS call: {:?}", acct.calls());
}

#[test]
fn verbose_lists_calls_without_secrets() {
    let acct = Account::new();
    acct.seed(
        Seed::mixed()
            .params(json!({"ec2": 0, "fargate": 1, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0})),
    );
    let r = acct.awsvpc("enis").flag("-v").cluster("prod").json().expect(exit::OK);
    assert!(r.stderr.contains("aws: ECS.ListTasks -> HTTP 200"), "{}", r.stderr);
    assert!(r.stderr.contains("ECS.DescribeTasks=1"), "{}", r.stderr);
    assert!(!r.stderr.contains("emulator-secret") && !r.stdout.contains("emulator-secret"));
}

#[test]
fn quiet_and_verbose_conflict() {
    Account::new().awsvpc("enis").flag("-q").flag("-v").run().expect_clean_error(USAGE, "--quiet");
}

#[test]
fn explain_prints_the_long_explanation_without_aws() {
    let r = awsvpc("explain").arg("instance.trunk-eni").expect(exit::OK);
    assert!(r.stdout.starts_with("instance.trunk-eni (instance)"));
    assert!(
        r.stdout.contains("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html")
    );
    let j = awsvpc("explain").arg("vpc.dns-support").json_ok(exit::OK);
    assert_eq!(j["id"], "vpc.dns-support");
    awsvpc("explain").arg("no.such").run().expect_clean_error(USAGE, "check id");
}

/// `--version --verbose` says what the binary was built from, without any AWS configuration.
#[test]
fn verbose_version_names_commit_target_rust_and_sdk() {
    let r = awsvpc("").flag("--version").flag("--verbose").run();
    assert_eq!(r.code, exit::OK);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("awsvpc "), "{}", r.stdout);
    for key in ["commit: ", "target: ", "rust: rustc ", "aws sdk: "] {
        assert!(lines.iter().any(|l| l.starts_with(key)), "{key}: {}", r.stdout);
    }
    assert!(r.stdout.contains("aws-sdk-ecs "), "{}", r.stdout);
    let short = awsvpc("").flag("-V").run();
    assert_eq!(short.stdout.lines().count(), 1, "plain --version stays one line");
}

/// A profile with `login_session` (`aws login`) works: the cached Sign-In token's credentials sign
/// the calls (aws-config's `credentials-login`). The token file is where AWS's CLI caches it:
/// AWS_LOGIN_CACHE_DIRECTORY/<sha256 of the session ARN>.json, unexpired, so nothing is refreshed.
#[test]
fn aws_login_session_profiles_sign_the_calls() {
    let acct = Account::new();
    let dir = std::env::temp_dir().join(format!("awsvpc-login-{}-{}", acct.id, std::process::id()));
    let cache = dir.join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let session = format!("arn:aws:iam::{}:user/Admin", acct.id);
    std::fs::write(dir.join("config"), format!("[profile dev]\nlogin_session = {session}\nregion = us-east-1\n"))
        .unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())", &session])
        .output()
        .expect("python3");
    let hash = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let token = json!({
        "accessToken": {"accessKeyId": acct.id, "secretAccessKey": "login-secret", "sessionToken": "login-session-token",
                        "accountId": acct.id, "expiresAt": "2099-01-01T00:00:00Z"},
        "tokenType": "aws_sigv4", "refreshToken": "opaque", "idToken": "x.y.z",
        "clientId": "arn:aws:signin:::devtools/same-device",
        "dpopKey": "-----BEGIN EC PRIVATE KEY-----\nunused\n-----END EC PRIVATE KEY-----\n"
    });
    std::fs::write(cache.join(format!("{hash}.json")), token.to_string()).unwrap();
    acct.clear_calls();
    let r = awsvpc("enis")
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_LOGIN_CACHE_DIRECTORY", &cache)
        .env("AWS_ENDPOINT_URL", acct.endpoint())
        .profile("dev")
        .cluster("nope")
        .run();
    // The call reached AWS signed as the login session's account (the emulator's account is the
    // access key id): ClusterNotFoundException, not a credentials error.
    r.expect_clean_error(USAGE, "ClusterNotFoundException");
    assert!(acct.count("ecs.ListTasks") + acct.count("ecs.DescribeClusters") >= 1, "{:?}", acct.calls());
    assert!(!r.stderr.contains("login-secret") && !r.stderr.contains("login-session-token"));
    let _ = std::fs::remove_dir_all(&dir);
}
