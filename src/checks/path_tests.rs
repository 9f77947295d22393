//! Unit tests of `checks::path` (a file of their own: the module stays under 600 lines).

use super::*;
use crate::inventory::{AclEntry, SgRule, VpcEndpoint, VpcPath};

fn subnet() -> Subnet {
    Subnet {
        id: "subnet-a".into(),
        vpc_id: "vpc-1".into(),
        availability_zone: "us-east-1a".into(),
        cidr: "10.0.1.0/24".into(),
        ..Subnet::default()
    }
}

fn table(target: &str) -> Vec<RouteTable> {
    vec![RouteTable {
        id: "rtb-1".into(),
        vpc_id: "vpc-1".into(),
        main: true,
        subnet_ids: vec![],
        routes: vec![("10.0.0.0/16".into(), "local".into()), ("0.0.0.0/0".into(), target.into())],
    }]
}

fn pov(egress: Vec<SgRule>) -> Pov {
    Pov {
        groups: vec![SgRules { id: "sg-1".into(), ingress: vec![], egress }],
        label: "the tasks' security groups (sg-1)".into(),
        known: true,
        public_ip: false,
        who: None,
    }
}

fn all_out() -> Vec<SgRule> {
    vec![SgRule { protocol: "-1".into(), cidrs: vec!["0.0.0.0/0".into()], ..SgRule::default() }]
}

/// A default route this VPC cannot follow (transit gateway, NAT instance) warns, never fails,
/// unless the groups already stop TCP 443.
#[test]
fn a_route_beyond_the_vpc_warns_unless_443_is_stopped() {
    let path =
        PathFacts { vpc: VpcPath { cidrs: vec!["10.0.0.0/16".into()], ..VpcPath::default() }, ..PathFacts::default() };
    let needed = ["ecr.api", "ecr.dkr", "s3"];
    let f = subnet_path(&pov(all_out()), &subnet(), &needed, &path, &table("tgw-1"));
    assert_eq!(f.status, Status::Warn, "{}", f.message);
    assert!(f.message.contains("tgw-1") && f.message.contains("com.amazonaws.us-east-1.ecr.dkr"), "{}", f.message);
    let f = subnet_path(&pov(vec![]), &subnet(), &needed, &path, &table("tgw-1"));
    assert_eq!(f.status, Status::Fail, "{}", f.message);
    let f = subnet_path(&pov(all_out()), &subnet(), &needed, &path, &table("nat-1"));
    assert_eq!(f.status, Status::Pass, "{}", f.message);
    let f = subnet_path(&pov(all_out()), &subnet(), &needed, &path, &[]);
    assert_eq!(f.status, Status::Fail, "no route, no endpoints: {}", f.message);
}

/// Rules narrowed to the endpoints' own subnet (security group and network ACL) serve the
/// interface endpoints there; the VPC's whole range is not required.
#[test]
fn rules_narrowed_to_the_endpoint_subnet_serve_it() {
    let ep = |service: &str| VpcEndpoint {
        id: format!("vpce-{service}"),
        service: service.into(),
        kind: "Interface".into(),
        state: "available".into(),
        private_dns: true,
        subnet_ids: vec!["subnet-b".into()],
        groups: vec!["sg-ep".into()],
        route_table_ids: vec![],
    };
    let https_from_vpc =
        SgRule { protocol: "tcp".into(), from: 443, to: 443, cidrs: vec!["10.0.0.0/16".into()], ..SgRule::default() };
    let entry = |number, egress, from, to| AclEntry {
        number,
        protocol: "6".into(),
        allow: true,
        egress,
        cidr: "10.0.2.0/24".into(),
        from,
        to,
    };
    let acl = NetworkAcl {
        id: "acl-1".into(),
        subnet_ids: vec!["subnet-a".into()],
        entries: vec![entry(100, true, 443, 443), entry(100, false, 1024, 65535)],
        ..NetworkAcl::default()
    };
    let path = PathFacts {
        vpc: VpcPath {
            cidrs: vec!["10.0.0.0/16".into()],
            endpoints: vec![ep("ecr.api"), ep("ecr.dkr")],
            acls: vec![acl],
            s3_prefix_list: None,
        },
        endpoint_groups: vec![SgRules { id: "sg-ep".into(), ingress: vec![https_from_vpc], egress: vec![] }],
        endpoint_subnets: [("subnet-b".to_string(), ("us-east-1a".to_string(), "10.0.2.0/24".to_string()))].into(),
        ..PathFacts::default()
    };
    let narrow = vec![SgRule {
        protocol: "tcp".into(),
        from: 443,
        to: 443,
        cidrs: vec!["10.0.2.0/24".into()],
        ..SgRule::default()
    }];
    let f = subnet_path(&pov(narrow), &subnet(), &["ecr.api", "ecr.dkr"], &path, &[]);
    assert_eq!(f.status, Status::Pass, "{}", f.message);
    let other = vec![SgRule {
        protocol: "tcp".into(),
        from: 443,
        to: 443,
        cidrs: vec!["10.0.3.0/24".into()],
        ..SgRule::default()
    }];
    let f = subnet_path(&pov(other), &subnet(), &["ecr.api", "ecr.dkr"], &path, &[]);
    assert_eq!(f.status, Status::Fail, "{}", f.message);
}

/// The lowest-numbered matching entry decides (VPC User Guide, network ACL rules).
#[test]
fn network_acl_entries_apply_in_number_order() {
    let entry = |number, allow, from, to| AclEntry {
        number,
        protocol: "6".into(),
        allow,
        egress: true,
        cidr: "0.0.0.0/0".into(),
        from,
        to,
    };
    let acl =
        NetworkAcl { entries: vec![entry(200, true, 0, 65535), entry(100, false, 443, 443)], ..NetworkAcl::default() };
    assert!(!acl_allows(&acl, true, 443, "0.0.0.0/0"));
    assert!(acl_allows(&acl, true, 80, "0.0.0.0/0"));
    assert!(!acl_allows(&acl, false, 443, "0.0.0.0/0"), "no inbound entry: denied");
}
