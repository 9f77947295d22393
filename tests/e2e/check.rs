//! `awsvpc check` against the emulator: a healthy configuration passes; each planted defect
//! makes exactly its check fail or warn, on the right resource.

use serde_json::{json, Value};

use crate::harness::{strings, Account};

struct Net {
    private: Vec<String>,
    public: String,
    sg: String,
    extra_sgs: Vec<String>,
    vpc: String,
}

fn seed(acct: &Account, params: Value) -> Net {
    let mut p = json!({"ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0});
    for (k, v) in params.as_object().unwrap() {
        p[k] = v.clone();
    }
    let s = acct.seed("mixed", p);
    let n = &s["network"];
    Net {
        private: strings(&n["private_subnets"]),
        public: n["public_subnet"].as_str().unwrap().into(),
        sg: n["security_group"].as_str().unwrap().into(),
        extra_sgs: strings(&n["extra_security_groups"]),
        vpc: n["vpc"].as_str().unwrap().into(),
    }
}

fn check(acct: &Account, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--output", "json"];
    all.extend_from_slice(args);
    let r = acct.awsvpc(&all);
    (r.code, r.json())
}

/// The findings that are not pass (or skip), as (check, status, resource).
fn problems(v: &Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] != "pass" && f["status"] != "skip")
        .map(|f| {
            (
                f["check"].as_str().unwrap().into(),
                f["status"].as_str().unwrap().into(),
                f["resource"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn p(check: &str, status: &str, resource: &str) -> (String, String, String) {
    (check.into(), status.into(), resource.into())
}

#[test]
fn healthy_network_configuration_passes_every_network_check() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let subnets = net.private.join(",");
    for lt in ["EC2", "FARGATE"] {
        let (code, v) = check(&acct, &["--subnets", &subnets, "--security-groups", &net.sg, "--launch-type", lt]);
        assert_eq!(code, 0, "{v:#}");
        assert_eq!(problems(&v), vec![], "{lt}");
        for f in v["findings"].as_array().unwrap() {
            let id = f["check"].as_str().unwrap();
            if f["status"] == "skip" {
                let reason = f["message"].as_str().unwrap();
                match id.split('.').next().unwrap() {
                    "instance" | "capacity" => assert_eq!(reason, "no --cluster given"),
                    "taskdef" => assert_eq!(reason, "no --task-definition or --service given"),
                    "network" if id == "network.ipv6" => assert_eq!(reason, "IPv6 not required (--require ipv6)"),
                    "service" => assert_eq!(reason, "no --service given"),
                    _ => panic!("{id} skipped: {f}"),
                }
            }
        }
    }
}

#[test]
fn missing_service_linked_role_fails_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({"service_linked_role": false}));
    let (code, v) = check(&acct, &["--subnets", &net.private.join(",")]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("account.service-linked-role", "fail", "AWSServiceRoleForECS")]);
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["status"] == "fail").unwrap();
    assert_eq!(f["remediation"], "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com");
}

#[test]
fn vpc_dns_support_off_fails_and_hostnames_off_warns() {
    let acct = Account::new();
    let net = seed(&acct, json!({"dns_support": false}));
    let (code, v) = check(&acct, &["--subnets", &net.private[0]]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("vpc.dns-support", "fail", &net.vpc)]);

    let acct = Account::new();
    let net = seed(&acct, json!({"dns_hostnames": false}));
    let (code, v) = check(&acct, &["--subnets", &net.private[0]]);
    assert_eq!(code, 0, "a warning alone passes");
    assert_eq!(problems(&v), vec![p("vpc.dns-hostnames", "warn", &net.vpc)]);
    let (strict, _) = check(&acct, &["--subnets", &net.private[0], "--strict"]);
    assert_eq!(strict, 1, "--strict fails on warnings");
}

#[test]
fn public_subnets_ec2_warns_and_fargate_without_public_ip_fails() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let (code, v) = check(&acct, &["--subnets", &net.public, "--launch-type", "EC2"]);
    assert_eq!(code, 0);
    assert_eq!(problems(&v), vec![p("network.internet-egress", "warn", &net.public)]);
    let (code, v) = check(&acct, &["--subnets", &net.public, "--launch-type", "FARGATE"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.internet-egress", "fail", &net.public)]);
    let (code, v) =
        check(&acct, &["--subnets", &net.public, "--launch-type", "FARGATE", "--assign-public-ip", "ENABLED"]);
    assert_eq!(code, 0);
    assert_eq!(problems(&v), vec![]);
}

#[test]
fn public_ip_on_ec2_fails_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let (code, v) = check(&acct, &["--subnets", &net.private[0], "--assign-public-ip", "ENABLED"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.public-ip", "fail", "EC2")]);
}

#[test]
fn six_security_groups_fail_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let mut groups = vec![net.sg.clone()];
    groups.extend(net.extra_sgs.iter().cloned());
    assert_eq!(groups.len(), 6);
    let (code, v) = check(&acct, &["--subnets", &net.private[0], "--security-groups", &groups.join(",")]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.security-group-count", "fail", "-")]);
}

#[test]
fn unknown_subnet_and_two_vpcs_fail() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let ghost = "subnet-0123456789abcdef0";
    let (code, v) = check(&acct, &["--subnets", &format!("{},{ghost}", net.private[0])]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.exists", "fail", ghost)]);

    let other = seed(&acct, json!({"cluster": "other", "service_linked_role": false}));
    let (code, v) = check(&acct, &["--subnets", &format!("{},{}", net.private[0], other.private[0])]);
    assert_eq!(code, 1);
    let probs = problems(&v);
    assert_eq!(probs.len(), 1, "{probs:?}");
    assert_eq!(probs[0].0, "network.single-vpc");
    assert!(probs[0].2.contains(&net.vpc) && probs[0].2.contains(&other.vpc));
}

#[test]
fn access_denied_is_an_error_never_a_pass() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    acct.fault(json!({"service": "iam", "operation": "GetRole", "kind": "denied", "times": 100}));
    let (code, v) = check(&acct, &["--subnets", &net.private[0]]);
    assert_eq!(code, 3, "nothing failed, something could not be evaluated");
    assert_eq!(problems(&v), vec![p("account.service-linked-role", "error", "AWSServiceRoleForECS")]);
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["check"] == "account.service-linked-role").unwrap();
    assert!(f["message"].as_str().unwrap().contains("AccessDenied"), "{f}");
}

#[test]
fn list_only_skip_and_bad_ids() {
    let acct = Account::new();
    let list = acct.awsvpc(&["check", "--list", "--output", "text"]);
    list.expect(0);
    let ids: Vec<&str> = list.stdout.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&"account.service-linked-role") && ids.contains(&"vpc.dns-support"));
    assert!(acct.calls().is_empty(), "--list makes no AWS call");

    acct.awsvpc(&["check", "--only", "no.such-check"]).expect_clean_error(2, "--only");
    acct.awsvpc(&["check", "--subnets", "subnet-xyz"]).expect_clean_error(2, "--subnets");
    acct.awsvpc(&["check", "--security-groups", "sg-0123456789abcdef0,sg-0123456789abcdef0"])
        .expect_clean_error(2, "twice");
    assert!(acct.calls().is_empty(), "no AWS call on bad input");

    seed(&acct, json!({"service_linked_role": false}));
    let (code, v) = check(&acct, &["--only", "vpc.dns-support"]);
    assert_eq!(code, 0);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["status"], "skip");
    let (code, _) = check(&acct, &["--skip", "account.service-linked-role"]);
    assert_eq!(code, 0, "the failing check was skipped");
}

fn xml_is_well_formed(xml: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.stdin)"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(xml.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "not well-formed XML:\n{xml}");
}

#[test]
fn junit_output_one_case_per_finding() {
    let acct = Account::new();
    let net = seed(&acct, json!({"dns_hostnames": false}));
    let subnets = format!("{},{}", net.private[0], net.public);
    let json = acct.awsvpc(&["check", "--subnets", &subnets, "--launch-type", "FARGATE", "--output", "json"]);
    let v = json.json();
    let r = acct.awsvpc(&["check", "--subnets", &subnets, "--launch-type", "FARGATE", "--output", "junit"]);
    assert_eq!(r.code, json.code);
    assert_eq!(r.code, 1);
    xml_is_well_formed(&r.stdout);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(r.stdout.matches("<testcase ").count(), findings.len());
    assert_eq!(r.stdout.matches("<failure ").count(), 1, "the public subnet without public IP: {}", r.stdout);
    assert_eq!(r.stdout.matches("<skipped ").count(), v["summary"]["skip"].as_u64().unwrap() as usize);
    assert!(r.stdout.contains("warning: enableDnsHostnames is off"));
    let strict =
        acct.awsvpc(&["check", "--subnets", &subnets, "--launch-type", "FARGATE", "--output", "junit", "--strict"]);
    xml_is_well_formed(&strict.stdout);
    assert_eq!(strict.stdout.matches("<failure ").count(), 2, "with --strict the warning is a failure too");
    // Other commands have no JUnit form: refused before any call.
    Account::new().awsvpc(&["enis", "--output", "junit"]).expect_clean_error(2, "--output junit");
}

#[test]
fn ipv6_required_needs_subnet_cidrs_and_a_route() {
    let acct = Account::new();
    let net = seed(&acct, json!({"ipv6": true}));
    let (code, v) = check(&acct, &["--subnets", &net.private.join(","), "--require", "ipv6"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(problems(&v), vec![]);
    let both = format!("{},{}", net.private[0], net.public);
    let (code, v) = check(
        &acct,
        &["--subnets", &both, "--require", "ipv6", "--launch-type", "FARGATE", "--assign-public-ip", "ENABLED"],
    );
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.ipv6", "fail", &net.public)], "the public subnet has no IPv6 CIDR");

    let acct = Account::new();
    let net = seed(&acct, json!({"ipv6": true, "ipv6_route": false}));
    let (code, v) = check(&acct, &["--subnets", &net.private[0], "--require", "ipv6"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.ipv6", "fail", &net.private[0])]);
    let (code, _) = check(&acct, &["--subnets", &net.private[0]]);
    assert_eq!(code, 0, "not required: reported as skipped");
}

#[test]
fn planned_tasks_need_free_addresses() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    // The public /24 has 250 free addresses.
    let (code, v) = check(
        &acct,
        &["--subnets", &net.public, "--launch-type", "FARGATE", "--assign-public-ip", "ENABLED", "--tasks", "300"],
    );
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.free-addresses", "fail", "-")]);
    let (code, _) = check(
        &acct,
        &["--subnets", &net.public, "--launch-type", "FARGATE", "--assign-public-ip", "ENABLED", "--tasks", "200"],
    );
    assert_eq!(code, 0);
}

#[test]
fn seventeen_subnets_fail_the_count_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({"extra_subnets": 15}));
    assert_eq!(net.private.len(), 17);
    let (code, v) = check(&acct, &["--subnets", &net.private.join(",")]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("network.subnet-count", "fail", "-")]);
}

#[test]
fn dual_stack_ipv6_disabled_fails_when_required() {
    let acct = Account::new();
    acct.seed("cluster", json!({"instances": [], "settings": {"default": {"dualStackIPv6": "disabled"}}}));
    let (code, v) = check(&acct, &[]);
    assert_eq!(code, 0, "reported, not required");
    assert_eq!(problems(&v), vec![]);
    let (code, v) = check(&acct, &["--require", "ipv6"]);
    assert_eq!(code, 1);
    assert_eq!(problems(&v), vec![p("account.dual-stack-ipv6", "fail", "caller")]);
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["check"] == "account.dual-stack-ipv6").unwrap();
    assert_eq!(f["remediation"], "aws ecs put-account-setting --name dualStackIPv6 --value enabled");
}
