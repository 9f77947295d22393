//! `awsvpc check` against the emulator: a healthy configuration passes; each planted defect
//! makes exactly its check fail or warn, on the right resource.

use serde_json::{Value, json};

use awsvpc::exit;

use crate::builder::{Seed, Status, p};
use crate::harness::{Account, strings};

struct Net {
    private: Vec<String>,
    public: String,
    sg: String,
    extra_sgs: Vec<String>,
    vpc: String,
}

/// The network of the `mixed` scenario without any task or instance, with `params` on top.
fn seed(acct: &Account, params: Value) -> Net {
    let none = json!({"ec2": 0, "fargate": 0, "bridge": 0, "stopped": 0, "service_connect": 0, "instances": 0});
    let s = acct.seed(Seed::mixed().params(none).params(params));
    Net {
        private: s.private_subnets(),
        public: s.public_subnet(),
        sg: s.security_group(),
        extra_sgs: strings(&s["network"]["extra_security_groups"]),
        vpc: s.vpc(),
    }
}

#[test]
fn healthy_network_configuration_passes_every_network_check() {
    let acct = Account::new();
    let net = seed(&acct, json!({"allow_principals": true}));
    for lt in ["EC2", "FARGATE"] {
        let r = acct.awsvpc("check").subnets(&net.private).security_groups(&net.sg).launch_type(lt).checked();
        assert_eq!(r.code, exit::OK, "{:#}", r.json);
        assert_eq!(r.problems(), vec![], "{lt}");
        for f in &r.findings {
            let id = f.check.as_str();
            if f.status == Status::Skip {
                let reason = f.message.as_str();
                match id.split('.').next().unwrap() {
                    "instance" | "capacity" => assert_eq!(reason, "no --cluster given"),
                    "taskdef" => assert_eq!(reason, "no --task-definition or --service given"),
                    "network" if id == "network.ipv6" => assert_eq!(reason, "IPv6 not required (--require ipv6)"),
                    // What the task fetches before it starts is known from its task definition only
                    // (on EC2 its instance pulls: not the task subnets' question).
                    "network" if id == "network.pull-path" => assert!(
                        reason.starts_with("no --task-definition") || reason.starts_with("EC2 tasks"),
                        "{reason}"
                    ),
                    "service" => assert_eq!(reason, "no --service given"),
                    _ => panic!("{id} skipped: {f:?}"),
                }
            }
        }
    }
}

#[test]
fn missing_service_linked_role_fails_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({"service_linked_role": false}));
    let r = acct.awsvpc("check").subnets(&net.private).checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("account.service-linked-role", Status::Fail, "AWSServiceRoleForECS")]);
    let f = r.findings.iter().find(|f| f.status == Status::Fail).unwrap();
    assert_eq!(
        f.remediation.as_deref(),
        Some("aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com")
    );
}

#[test]
fn vpc_dns_support_off_fails_and_hostnames_off_warns() {
    let acct = Account::new();
    let net = seed(&acct, json!({"dns_support": false}));
    let r = acct.awsvpc("check").subnets(&net.private[0]).checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("vpc.dns-support", Status::Fail, &net.vpc)]);

    let acct = Account::new();
    let net = seed(&acct, json!({"dns_hostnames": false}));
    let r = acct.awsvpc("check").subnets(&net.private[0]).checked();
    assert_eq!(r.code, exit::OK, "a warning alone passes");
    assert_eq!(r.problems(), vec![p("vpc.dns-hostnames", Status::Warn, &net.vpc)]);
    let strict = acct.awsvpc("check").subnets(&net.private[0]).strict().checked().code;
    assert_eq!(strict, 1, "--strict fails on warnings");
}

#[test]
fn public_subnets_ec2_warns_and_fargate_without_public_ip_fails() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let r = acct.awsvpc("check").subnets(&net.public).launch_type("EC2").checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("network.internet-egress", Status::Warn, &net.public)]);
    let r = acct.awsvpc("check").subnets(&net.public).launch_type("FARGATE").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.internet-egress", Status::Fail, &net.public)]);
    let r = acct.awsvpc("check").subnets(&net.public).launch_type("FARGATE").assign_public_ip("ENABLED").checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![]);
}

#[test]
fn public_ip_on_ec2_fails_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let r = acct.awsvpc("check").subnets(&net.private[0]).assign_public_ip("ENABLED").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.public-ip", Status::Fail, "EC2")]);
}

#[test]
fn six_security_groups_fail_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let mut groups = vec![net.sg.clone()];
    groups.extend(net.extra_sgs.iter().cloned());
    assert_eq!(groups.len(), 6);
    let r = acct.awsvpc("check").subnets(&net.private[0]).security_groups(&groups).checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.security-group-count", Status::Fail, "-")]);
}

#[test]
fn unknown_subnet_and_two_vpcs_fail() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let ghost = "subnet-0123456789abcdef0";
    let r = acct.awsvpc("check").subnets([net.private[0].as_str(), ghost]).checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.exists", Status::Fail, ghost)]);

    let other = seed(&acct, json!({"cluster": "other", "service_linked_role": false}));
    let r = acct.awsvpc("check").subnets([&net.private[0], &other.private[0]]).checked();
    r.expect(exit::FOUND_PROBLEM);
    let probs = r.problems();
    assert_eq!(probs.len(), 1, "{probs:?}");
    assert_eq!(probs[0].0, "network.single-vpc");
    assert!(probs[0].2.contains(&net.vpc) && probs[0].2.contains(&other.vpc));
}

#[test]
fn access_denied_is_an_error_never_a_pass() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    acct.fault(json!({"service": "iam", "operation": "GetRole", "kind": "denied", "times": 100}));
    let r = acct.awsvpc("check").subnets(&net.private[0]).checked();
    assert_eq!(r.code, exit::AWS_UNAVAILABLE, "nothing failed, something could not be evaluated");
    assert_eq!(r.problems(), vec![p("account.service-linked-role", Status::Error, "AWSServiceRoleForECS")]);
    let f = r.findings.iter().find(|f| f.check == "account.service-linked-role").unwrap();
    assert!(f.message.contains("AccessDenied"), "{f:?}");
}

#[test]
fn list_only_skip_and_bad_ids() {
    let acct = Account::new();
    let list = acct.awsvpc("check").flag("--list").text().expect(exit::OK);
    let ids: Vec<&str> = list.stdout.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&"account.service-linked-role") && ids.contains(&"vpc.dns-support"));
    assert!(acct.calls().is_empty(), "--list makes no AWS call");

    acct.awsvpc("check").only("no.such-check").run().expect_clean_error(exit::USAGE, "--only");
    acct.awsvpc("check").subnets("subnet-xyz").run().expect_clean_error(exit::USAGE, "--subnets");
    acct.awsvpc("check")
        .security_groups(["sg-0123456789abcdef0", "sg-0123456789abcdef0"])
        .run()
        .expect_clean_error(exit::USAGE, "twice");
    assert!(acct.calls().is_empty(), "no AWS call on bad input");

    seed(&acct, json!({"service_linked_role": false}));
    let r = acct.awsvpc("check").only("vpc.dns-support").checked();
    r.expect(exit::OK);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].status, Status::Skip);
    let r = acct.awsvpc("check").skip("account.service-linked-role").checked();
    assert_eq!(r.code, exit::OK, "the failing check was skipped");
}

fn xml_is_well_formed(xml: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.stdin)"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(xml.as_bytes()).unwrap();
    assert!(crate::harness::wait_within(&mut child).success(), "not well-formed XML:\n{xml}");
}

#[test]
fn junit_output_one_case_per_finding() {
    let acct = Account::new();
    let net = seed(&acct, json!({"dns_hostnames": false}));
    let subnets = [&net.private[0], &net.public];
    let json = acct.awsvpc("check").subnets(subnets).launch_type("FARGATE").checked();
    let r = acct.awsvpc("check").subnets(subnets).launch_type("FARGATE").junit().run();
    assert_eq!(r.code, json.code);
    r.expect(exit::FOUND_PROBLEM);
    xml_is_well_formed(&r.stdout);
    assert_eq!(r.stdout.matches("<testcase ").count(), json.findings.len());
    assert_eq!(r.stdout.matches("<failure ").count(), 1, "the public subnet without public IP: {}", r.stdout);
    assert_eq!(r.stdout.matches("<skipped ").count(), json.json["summary"]["skip"].as_u64().unwrap() as usize);
    assert!(r.stdout.contains("warning: enableDnsHostnames is off"));
    let strict = acct.awsvpc("check").subnets(subnets).launch_type("FARGATE").junit().strict().run();
    xml_is_well_formed(&strict.stdout);
    assert_eq!(strict.stdout.matches("<failure ").count(), 2, "with --strict the warning is a failure too");
    // Other commands have no JUnit form: refused before any call.
    Account::new().awsvpc("enis").junit().run().expect_clean_error(exit::USAGE, "--output junit");
}

#[test]
fn ipv6_required_needs_subnet_cidrs_and_warns_without_a_route() {
    let acct = Account::new();
    // Subnets that give new interfaces an IPv6 address (AWS's default is not to).
    let net = seed(&acct, json!({"ipv6": true, "assign_ipv6": true}));
    let r = acct.awsvpc("check").subnets(&net.private).require("ipv6").checked();
    assert_eq!(r.code, exit::OK, "{:#}", r.json);
    assert_eq!(r.problems(), vec![]);
    let r = acct
        .awsvpc("check")
        .subnets([&net.private[0], &net.public])
        .require("ipv6")
        .launch_type("FARGATE")
        .assign_public_ip("ENABLED")
        .checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.ipv6", Status::Fail, &net.public)], "the public subnet has no IPv6 CIDR");

    let acct = Account::new();
    let net = seed(&acct, json!({"ipv6": true, "ipv6_route": false, "assign_ipv6": true}));
    // Without a ::/0 route tasks still get IPv6 addresses; only IPv6 internet access is missing.
    let r = acct.awsvpc("check").subnets(&net.private[0]).require("ipv6").checked();
    r.expect(exit::OK);
    assert_eq!(r.problems(), vec![p("network.ipv6", Status::Warn, &net.private[0])]);
    let r = acct.awsvpc("check").subnets(&net.private[0]).require("ipv6").strict().checked();
    r.expect(exit::FOUND_PROBLEM);
    let r = acct.awsvpc("check").subnets(&net.private[0]).checked();
    assert_eq!(r.code, exit::OK, "not required: reported as skipped");
}

#[test]
fn planned_tasks_need_free_addresses() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    // The public /24 has 250 free addresses.
    let with_tasks = |n: &str| {
        acct.awsvpc("check")
            .subnets(&net.public)
            .launch_type("FARGATE")
            .assign_public_ip("ENABLED")
            .opt("--tasks", n)
            .checked()
    };
    let r = with_tasks("300");
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.free-addresses", Status::Fail, "-")]);
    let r = with_tasks("200");
    r.expect(exit::OK);
}

#[test]
fn seventeen_subnets_fail_the_count_alone() {
    let acct = Account::new();
    let net = seed(&acct, json!({"extra_subnets": 15}));
    assert_eq!(net.private.len(), 17);
    let r = acct.awsvpc("check").subnets(&net.private).checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("network.subnet-count", Status::Fail, "-")]);
}

#[test]
fn dual_stack_ipv6_disabled_fails_when_required() {
    let acct = Account::new();
    acct.seed(
        Seed::cluster()
            .with("instances", json!([]))
            .with("settings", json!({"default": {"dualStackIPv6": "disabled"}})),
    );
    let r = acct.awsvpc("check").checked();
    assert_eq!(r.code, exit::OK, "reported, not required");
    assert_eq!(r.problems(), vec![]);
    let r = acct.awsvpc("check").require("ipv6").checked();
    r.expect(exit::FOUND_PROBLEM);
    assert_eq!(r.problems(), vec![p("account.dual-stack-ipv6", Status::Fail, "caller")]);
    let f = r.findings.iter().find(|f| f.check == "account.dual-stack-ipv6").unwrap();
    assert_eq!(f.remediation.as_deref(), Some("aws ecs put-account-setting --name dualStackIPv6 --value enabled"));
}

/// On GitHub Actions: one workflow annotation per finding that needs action (stderr), a Markdown
/// job summary appended to $GITHUB_STEP_SUMMARY, and --junit-file beside the normal stdout.
#[test]
fn github_annotations_summary_and_junit_file() {
    let acct = Account::new();
    let net = seed(&acct, json!({}));
    let dir = std::env::temp_dir().join(format!("awsvpc-ci-{}-{}", acct.id, std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (summary, junit) = (dir.join("summary.md"), dir.join("report.xml"));
    std::fs::write(&summary, "earlier step\n").unwrap();
    let r = acct
        .awsvpc("check")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .subnets(&net.public)
        .launch_type("EC2")
        .opt("--junit-file", &junit)
        .expect(exit::OK);
    assert!(r.stdout.contains("internet-egress"), "stdout keeps the table: {}", r.stdout);
    let json = acct.awsvpc("check").subnets(&net.public).launch_type("EC2").checked();
    let f = json.finding("network.internet-egress", &net.public);
    // Typed from GitHub's workflow-command syntax: ::warning title=ID::RESOURCE: MESSAGE%0Afix: FIX
    let expected = format!(
        "::warning title=network.internet-egress::{}: {}%0Afix: {}",
        net.public,
        f.message,
        f.remediation.as_deref().unwrap()
    );
    let annotations: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations, vec![expected.as_str()], "{}", r.stderr);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n### awsvpc check (us-east-1)"), "appended: {md}");
    assert!(md.contains(&format!("| warn | `network.internet-egress` | {} |", net.public)), "{md}");
    xml_is_well_formed(&std::fs::read_to_string(&junit).unwrap());
    // Without GitHub Actions: no annotation.
    let plain = acct.awsvpc("check").subnets(&net.public).launch_type("EC2").run();
    assert!(!plain.stderr.contains("::warning"), "{}", plain.stderr);
    // A JUnit file in a folder that does not exist is refused before any call.
    acct.clear_calls();
    acct.awsvpc("check")
        .subnets(&net.public)
        .opt("--junit-file", "/nonexistent/awsvpc/x.xml")
        .run()
        .expect_clean_error(exit::USAGE, "--junit-file");
    assert!(acct.calls().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
