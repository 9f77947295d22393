//! How a subnet reaches the internet, from its route table (Amazon VPC User Guide, "Configure
//! route tables": a subnet uses the table explicitly associated with it, else the VPC's main
//! route table).

use crate::inventory::{RouteTable, Subnet};

/// How a subnet reaches the internet, from its route table's default route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Egress {
    /// 0.0.0.0/0 to an internet gateway: a public subnet.
    InternetGateway(String),
    /// 0.0.0.0/0 to a NAT gateway.
    Nat(String),
    /// 0.0.0.0/0 to something else (transit gateway, peering, an appliance).
    Other(String),
    /// No default route: only VPC endpoints reach AWS services.
    None,
}

/// The route table of a subnet: its explicit association, else the VPC's main table.
pub fn route_table_of<'a>(subnet: &Subnet, tables: &'a [RouteTable]) -> Option<&'a RouteTable> {
    tables
        .iter()
        .find(|t| t.subnet_ids.contains(&subnet.id))
        .or_else(|| tables.iter().find(|t| t.main && t.vpc_id == subnet.vpc_id))
}

/// How a subnet reaches the internet over IPv4.
pub fn egress_of(subnet: &Subnet, tables: &[RouteTable]) -> Egress {
    let table = route_table_of(subnet, tables);
    let Some(target) = table.and_then(|t| t.routes.iter().find(|(d, _)| d == "0.0.0.0/0")).map(|(_, t)| t.clone())
    else {
        return Egress::None;
    };
    if target.starts_with("igw-") {
        Egress::InternetGateway(target)
    } else if target.starts_with("nat-") {
        Egress::Nat(target)
    } else {
        Egress::Other(target)
    }
}

/// The target of the subnet's `::/0` route when it is an internet or egress-only gateway.
pub fn ipv6_egress(subnet: &Subnet, tables: &[RouteTable]) -> Option<String> {
    route_table_of(subnet, tables)?
        .routes
        .iter()
        .find(|(d, t)| d == "::/0" && (t.starts_with("igw-") || t.starts_with("eigw-")))
        .map(|(_, t)| t.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subnet(id: &str) -> Subnet {
        Subnet { id: id.into(), vpc_id: "vpc-1".into(), ..Subnet::default() }
    }

    fn table(id: &str, main: bool, subnets: &[&str], target: &str) -> RouteTable {
        RouteTable {
            id: id.into(),
            vpc_id: "vpc-1".into(),
            main,
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            routes: vec![("10.0.0.0/16".into(), "local".into()), ("0.0.0.0/0".into(), target.into())],
        }
    }

    #[test]
    fn egress_uses_explicit_association_else_main_table() {
        let tables = vec![table("rtb-main", true, &[], "igw-1"), table("rtb-priv", false, &["subnet-a"], "nat-1")];
        assert_eq!(egress_of(&subnet("subnet-a"), &tables), Egress::Nat("nat-1".into()));
        assert_eq!(egress_of(&subnet("subnet-b"), &tables), Egress::InternetGateway("igw-1".into()));
        assert_eq!(egress_of(&subnet("subnet-b"), &[]), Egress::None);
    }
}
