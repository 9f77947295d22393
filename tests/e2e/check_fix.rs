//! `awsvpc check --fix`: the plan is shown, nothing changes without a terminal or --yes, the
//! safe fixes are applied and the checks run again.

use awsvpc::exit;
use serde_json::json;

use crate::builder::{Finding, Seed, Seeded, Status};
use crate::harness::Account;

fn broken() -> (Account, Seeded) {
    let acct = Account::new();
    let instances = json!([{"trunk": false, "subnet": 0}, {"trunk": false, "subnet": 1}]);
    let seed = acct.seed(Seed::cluster().params(json!({
        "instances": instances,
        "service_linked_role": false,
        "dns_support": false,
        "dns_hostnames": false,
        "settings": {"caller": {"awsvpcTrunking": "enabled"}},
        "allow_principals": true
    })));
    (acct, seed)
}

const MUTATING: &[&str] =
    &["iam.CreateServiceLinkedRole", "ecs.PutAccountSetting", "ecs.PutAccountSettingDefault", "ec2.ModifyVpcAttribute"];

fn mutations(acct: &Account) -> Vec<String> {
    acct.calls().into_iter().filter(|c| MUTATING.contains(&c.as_str())).collect()
}

#[test]
fn fix_needs_yes_without_a_terminal_and_changes_nothing() {
    let (acct, seed) = broken();
    acct.clear_calls();
    acct.awsvpc("check")
        .cluster("prod")
        .subnets(seed.private_subnets())
        .fix()
        .run()
        .expect_clean_error(exit::USAGE, "--yes");
    assert!(acct.calls().is_empty(), "refused before any call: {:?}", acct.calls());
    acct.awsvpc("check").yes().run().expect_clean_error(exit::USAGE, "--fix");
    acct.awsvpc("check")
        .fix()
        .yes()
        .opt("--principal-arn", "role/x")
        .run()
        .expect_clean_error(exit::USAGE, "--principal-arn");
}

#[test]
fn fix_applies_the_safe_fixes_and_checks_again() {
    let (acct, seed) = broken();
    let subnets = seed.private_subnets();
    let vpc = seed.vpc();
    let role = seed.str("role_arn");
    acct.clear_calls();
    let r = acct.awsvpc("check").cluster("prod").subnets(&subnets).fix().yes().json().expect(exit::OK);
    let v = r.json();
    assert!(v["before"]["fail"].as_u64().unwrap() >= 2, "{v:#}");
    let calls: Vec<&str> = v["fixes"].as_array().unwrap().iter().map(|f| f["call"].as_str().unwrap()).collect();
    assert_eq!(
        calls,
        vec![
            "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com".to_string(),
            // The warning is on the instance role, the principal that matters: fixed for it.
            format!("aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn {role}"),
            format!("aws ec2 modify-vpc-attribute --vpc-id {vpc} --enable-dns-support '{{\"Value\":true}}'"),
            format!("aws ec2 modify-vpc-attribute --vpc-id {vpc} --enable-dns-hostnames '{{\"Value\":true}}'"),
        ]
    );
    assert!(v["fixes"].as_array().unwrap().iter().all(|f| f["result"] == "applied"), "{v:#}");
    // The plan was printed on stderr before anything changed.
    assert!(r.stderr.contains(&format!("will make 4 changes in account {}", acct.id)), "{}", r.stderr);
    assert_eq!(v["after"]["summary"]["fail"], 0, "{v:#}");
    let after: Vec<Finding> = serde_json::from_value(v["after"]["findings"].clone()).unwrap();
    let still: Vec<&Finding> =
        after.iter().filter(|f| f.status == Status::Warn && f.check != "instance.trunk-eni").collect();
    assert!(still.is_empty(), "{still:?}");
    let mut m = mutations(&acct);
    m.sort();
    assert_eq!(
        m,
        vec![
            "ec2.ModifyVpcAttribute",
            "ec2.ModifyVpcAttribute",
            "ecs.PutAccountSetting",
            "iam.CreateServiceLinkedRole"
        ]
    );
    // Nothing left to fix: a second run changes nothing.
    acct.clear_calls();
    let again = acct.awsvpc("check").subnets(&subnets).fix().yes().json_ok(exit::OK);
    assert_eq!(again["fixes"].as_array().unwrap().len(), 0);
    assert!(mutations(&acct).is_empty());
}

#[test]
fn fix_for_the_instance_role_with_principal_arn() {
    let (acct, seed) = broken();
    let role = seed.str("role_arn");
    acct.clear_calls();
    let v = acct
        .awsvpc("check")
        .cluster("prod")
        .only("account.awsvpc-trunking")
        .fix()
        .yes()
        .opt("--principal-arn", &role)
        .json_ok(exit::OK);
    assert_eq!(
        v["fixes"][0]["call"],
        format!("aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn {role}")
    );
    let after: Vec<Finding> = serde_json::from_value(v["after"]["findings"].clone()).unwrap();
    let f = after.iter().find(|f| f.resource == role).unwrap();
    assert_eq!(f.status, Status::Pass);
    assert_eq!(mutations(&acct), vec!["ecs.PutAccountSetting"]);
}
