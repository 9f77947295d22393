//! Parsing and validating the ids and ARNs users type, before any call to AWS.
//! Rules follow the ECS API reference: cluster, service and family names are 1-255 letters,
//! digits, hyphens and underscores; task ids are 32 hex digits (UUIDs for old tasks).

use anyhow::Result;

use crate::env::Env;
use crate::error::invalid;

/// An ECS ARN split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account: String,
    /// What follows the account: `task/cluster/id`, `cluster/name`, ...
    pub resource: String,
}

impl Arn {
    pub fn parse(s: &str) -> Option<Arn> {
        let mut parts = s.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        let partition = parts.next()?;
        let service = parts.next()?;
        let region = parts.next()?;
        let account = parts.next()?;
        let resource = parts.next()?;
        if !partition.starts_with("aws") || service.is_empty() || resource.is_empty() {
            return None;
        }
        let twelve_digits = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        if !account.is_empty() && !twelve_digits {
            return None;
        }
        Some(Arn {
            partition: partition.into(),
            service: service.into(),
            region: region.into(),
            account: account.into(),
            resource: resource.into(),
        })
    }
}

/// A cluster, service or family name: 1-255 letters, digits, hyphens, underscores.
/// `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`: letters, dashes, a final number.
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
        && s.len() <= 32
}

/// Checks the AWS options before anything is loaded.
pub fn check_aws_options(region: Option<&str>, endpoint_url: Option<&str>, profile: Option<&str>) -> Result<()> {
    if let Some(region) = region
        && !is_region(region)
    {
        return Err(invalid("--region", region, "a region name such as us-east-1 or eu-central-2"));
    }
    if let Some(url) = endpoint_url {
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
            return Err(invalid("--endpoint-url", url, "an http:// or https:// URL"));
        }
    }
    if let Some(profile) = profile
        && (profile.is_empty() || profile.len() > 128 || profile.contains(char::is_whitespace))
    {
        return Err(invalid("--profile", profile, "a profile name from the AWS config files"));
    }
    Ok(())
}

pub fn is_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 255 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A task or container-instance id: 32 hex digits, or a UUID (older resources).
pub fn is_resource_id(s: &str) -> bool {
    let hex = |t: &str| t.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if s.len() == 32 {
        return hex(s);
    }
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5 && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g))
}

/// A task named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef {
    /// What the user typed; passed to AWS as is.
    pub given: String,
    pub id: String,
    /// The cluster named in a long task ARN.
    pub cluster: Option<String>,
    pub region: Option<String>,
}

pub fn parse_task(option: &str, s: &str) -> Result<TaskRef> {
    const RULE: &str = "a task id (32 hex digits) or a task ARN (arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/ID)";
    if let Some(arn) = Arn::parse(s) {
        let rest = arn.resource.strip_prefix("task/");
        let (cluster, id) = match rest.map(|r| r.split('/').collect::<Vec<_>>()).as_deref() {
            Some([id]) => (None, id.to_string()),
            Some([cluster, id]) if is_name(cluster) => (Some(cluster.to_string()), id.to_string()),
            _ => return Err(invalid(option, s, RULE)),
        };
        if arn.service != "ecs" || !is_resource_id(&id) || !is_region(&arn.region) {
            return Err(invalid(option, s, RULE));
        }
        return Ok(TaskRef { given: s.to_string(), id, cluster, region: Some(arn.region) });
    }
    if is_resource_id(s) {
        return Ok(TaskRef { given: s.to_string(), id: s.to_string(), cluster: None, region: None });
    }
    Err(invalid(option, s, RULE))
}

/// A cluster name or ARN; returns the name.
pub fn parse_cluster(option: &str, s: &str) -> Result<String> {
    const RULE: &str = "a cluster name (1-255 letters, digits, - and _) or a cluster ARN";
    if let Some(arn) = Arn::parse(s) {
        if let Some(name) = arn.resource.strip_prefix("cluster/")
            && arn.service == "ecs"
            && is_name(name)
        {
            return Ok(name.to_string());
        }
        return Err(invalid(option, s, RULE));
    }
    if is_name(s) { Ok(s.to_string()) } else { Err(invalid(option, s, RULE)) }
}

/// The cluster name in a cluster ARN (or the name itself).
pub fn cluster_name(arn_or_name: &str) -> String {
    arn_or_name.rsplit('/').next().unwrap_or(arn_or_name).to_string()
}

/// A name option (service, family).
pub fn check_name(option: &str, s: &str) -> Result<()> {
    if is_name(s) { Ok(()) } else { Err(invalid(option, s, "1-255 letters, digits, hyphens (-) and underscores (_)")) }
}

/// `--started-by`: up to 128 letters, digits, hyphens, forward slashes and underscores.
pub fn check_started_by(option: &str, s: &str) -> Result<()> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'/'));
    if ok {
        Ok(())
    } else {
        Err(invalid(option, s, "1-128 letters, digits, hyphens (-), slashes (/) and underscores (_)"))
    }
}

/// A container instance id or ARN.
pub fn check_container_instance(option: &str, s: &str) -> Result<()> {
    const RULE: &str = "a container instance id (32 hex digits), its ARN, or its EC2 instance id (i-...)";
    if let Some(hex) = s.strip_prefix("i-") {
        let ok = (hex.len() == 8 || hex.len() == 17)
            && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        return if ok { Ok(()) } else { Err(invalid(option, s, RULE)) };
    }
    if let Some(arn) = Arn::parse(s) {
        let id = arn.resource.strip_prefix("container-instance/").map(|r| r.rsplit('/').next().unwrap_or(r));
        return match id {
            Some(id) if arn.service == "ecs" && is_resource_id(id) => Ok(()),
            _ => Err(invalid(option, s, RULE)),
        };
    }
    if is_resource_id(s) { Ok(()) } else { Err(invalid(option, s, RULE)) }
}

/// EC2 ids of one kind (`subnet-`, `sg-`): 8 or 17 lowercase hex digits, each given once.
pub fn check_ec2_ids(option: &str, prefix: &str, ids: &[String]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        let hex = id.strip_prefix(prefix).unwrap_or("");
        let ok = matches!(hex.len(), 8 | 17) && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        if !ok {
            return Err(invalid(option, id, &format!("an id of the form {prefix}0123456789abcdef0")));
        }
        if !seen.insert(id) {
            return Err(crate::error::Failure::usage(format!("{option}: {id} is given twice")).into());
        }
    }
    Ok(())
}

/// FAMILY, FAMILY:REVISION or a task-definition ARN.
pub fn check_task_definition(option: &str, s: &str) -> Result<()> {
    const RULE: &str = "FAMILY, FAMILY:REVISION (letters, digits, - and _; a revision number) or a task-definition ARN";
    let rest = match Arn::parse(s) {
        Some(arn) if arn.service == "ecs" => match arn.resource.strip_prefix("task-definition/") {
            Some(r) => r.to_string(),
            None => return Err(invalid(option, s, RULE)),
        },
        Some(_) => return Err(invalid(option, s, RULE)),
        None => s.to_string(),
    };
    let (family, revision) = match rest.split_once(':') {
        Some((f, r)) => (f, Some(r)),
        None => (rest.as_str(), None),
    };
    let revision_ok =
        revision.is_none_or(|r| !r.is_empty() && r.len() <= 10 && r.bytes().all(|b| b.is_ascii_digit()) && r != "0");
    if is_name(family) && revision_ok { Ok(()) } else { Err(invalid(option, s, RULE)) }
}

/// The cluster named by `AWSVPC_CLUSTER` (a name or ARN), when it is set and not empty.
pub fn env_cluster(env: &Env) -> Result<Option<String>> {
    match env.cluster.as_deref() {
        Some(v) if !v.is_empty() => Ok(Some(parse_cluster("AWSVPC_CLUSTER", v)?)),
        _ => Ok(None),
    }
}

/// Which clusters a reading command covers: the named ones (validated, each once), or every
/// cluster of the region (listed when the command runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clusters {
    Named(Vec<String>),
    All,
}

/// `--cluster` (repeated or comma-separated) or `--all-clusters`; neither: AWSVPC_CLUSTER, else
/// `default`.
pub fn clusters(given: &[String], all: bool, env: &Env) -> Result<Clusters> {
    if all {
        return Ok(Clusters::All);
    }
    if given.is_empty() {
        return Ok(Clusters::Named(vec![default_cluster(env)?]));
    }
    let mut out: Vec<String> = Vec::new();
    for c in given {
        let name = parse_cluster("--cluster", c)?;
        if out.contains(&name) {
            return Err(invalid("--cluster", c, "each cluster once"));
        }
        out.push(name);
    }
    Ok(Clusters::Named(out))
}

/// The cluster when none is given: `AWSVPC_CLUSTER`, else `default` (as ECS's own default).
pub fn default_cluster(env: &Env) -> Result<String> {
    Ok(env_cluster(env)?.unwrap_or_else(|| "default".to_string()))
}

/// How long `run` and `stop` wait for their tasks: the global `--timeout`, else 10 minutes.
pub fn wait_timeout(timeout: Option<&str>) -> Result<std::time::Duration> {
    timeout.map_or(Ok(std::time::Duration::from_secs(600)), |t| parse_duration("--timeout", t))
}

/// A duration: `90s`, `10m`, `1h`, or plain seconds.
pub fn parse_duration(option: &str, s: &str) -> Result<std::time::Duration> {
    const RULE: &str = "a duration such as 90s, 10m or 1h (at most 24h)";
    let (num, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: u64 = num.parse().map_err(|_| invalid(option, s, RULE))?;
    let secs = match unit {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        _ => return Err(invalid(option, s, RULE)),
    };
    if secs == 0 || secs > 24 * 3600 {
        return Err(invalid(option, s, RULE));
    }
    Ok(std::time::Duration::from_secs(secs))
}

/// Seconds between polls: 0.1 to 60.
pub fn parse_poll(option: &str, secs: f64) -> Result<std::time::Duration> {
    if !(0.1..=60.0).contains(&secs) {
        return Err(invalid(option, &secs.to_string(), "between 0.1 and 60 seconds"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        for ok in ["us-east-1", "us-gov-west-1", "cn-north-1", "eu-central-2", "ap-southeast-5"] {
            assert!(is_region(ok), "{ok}");
        }
        for bad in ["", "us-east", "US-EAST-1", "useast1", "us-east-1a", "us--1", "-us-east-1"] {
            assert!(!is_region(bad), "{bad}");
        }
    }

    #[test]
    fn task_ids_and_arns() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(parse_task("TASK", id).unwrap().id, id);
        let arn = format!("arn:aws:ecs:us-east-1:123456789012:task/prod/{id}");
        let t = parse_task("TASK", &arn).unwrap();
        assert_eq!(t.cluster.as_deref(), Some("prod"));
        assert_eq!(t.region.as_deref(), Some("us-east-1"));
        let short = "arn:aws:ecs:us-east-1:123456789012:task/6f2a1a6e-3b0a-4c1e-9a43-1b2c3d4e5f60";
        assert_eq!(parse_task("TASK", short).unwrap().cluster, None);
        for bad in [
            "",
            "abc",
            "0123456789ABCDEF0123456789ABCDEF",
            "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
            "arn:aws:ec2:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef",
            "arn:aws:ecs:us-east-1:1234:task/0123456789abcdef0123456789abcdef",
            "arn:aws:ecs:us-east-1:123456789012:task/a/b/0123456789abcdef0123456789abcdef",
        ] {
            let e = parse_task("TASK", bad).unwrap_err().to_string();
            assert!(e.contains("TASK"), "{e}");
        }
    }

    /// A small deterministic generator for property tests (xorshift).
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick(&mut self, alphabet: &[u8], len: usize) -> String {
            (0..len).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize] as char).collect()
        }
    }

    const HEX: &[u8] = b"0123456789abcdef";
    const NAME: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    #[test]
    fn property_valid_task_arns_parse_to_their_parts() {
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        let regions = ["us-east-1", "eu-central-2", "ap-southeast-5", "us-gov-west-1", "cn-north-1"];
        for _ in 0..3000 {
            let id = g.pick(HEX, 32);
            let cluster_len = 1 + (g.next() % 60) as usize;
            let cluster = g.pick(NAME, cluster_len);
            let region = regions[(g.next() % regions.len() as u64) as usize];
            let account = g.pick(b"0123456789", 12);
            let arn = format!("arn:aws:ecs:{region}:{account}:task/{cluster}/{id}");
            let t = parse_task("TASK", &arn).unwrap_or_else(|e| panic!("{arn}: {e}"));
            assert_eq!(
                (t.id.as_str(), t.cluster.as_deref(), t.region.as_deref()),
                (id.as_str(), Some(cluster.as_str()), Some(region))
            );
            let parsed = Arn::parse(&arn).unwrap();
            assert_eq!((parsed.service.as_str(), parsed.account.as_str()), ("ecs", account.as_str()));
            assert_eq!(parse_task("TASK", &id).unwrap().id, id);
            assert_eq!(parse_cluster("--cluster", &cluster).unwrap(), cluster);
        }
    }

    #[test]
    fn property_mutated_ids_are_rejected_with_the_option_named() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let id = g.pick(HEX, 32);
            let mut bytes = id.into_bytes();
            match g.next() % 4 {
                0 => {
                    let i = (g.next() % 32) as usize;
                    bytes[i] = b"gxz!/ :G"[(g.next() % 8) as usize];
                }
                1 => {
                    bytes.truncate((g.next() % 31) as usize);
                }
                2 => bytes.push(b'a'),
                _ => {
                    let i = (g.next() % 32) as usize;
                    bytes[i] = bytes[i].to_ascii_uppercase().max(b'A');
                }
            }
            let s = String::from_utf8(bytes).unwrap();
            if is_resource_id(&s) {
                continue; // an uppercase digit is still a digit
            }
            let e = parse_task("TASK", &s).unwrap_err().to_string();
            assert!(e.contains("TASK"), "{s}: {e}");
            // Subnet ids take 8 or 17 lowercase hex digits; anything else is refused.
            let valid_subnet = matches!(s.len(), 8 | 17) && s.bytes().all(|b| HEX.contains(&b));
            let subnet = format!("subnet-{s}");
            assert_eq!(check_ec2_ids("--subnets", "subnet-", &[subnet]).is_ok(), valid_subnet, "{s}");
        }
    }

    #[test]
    fn durations_and_polls() {
        assert_eq!(parse_duration("--timeout", "90s").unwrap().as_secs(), 90);
        assert_eq!(parse_duration("--timeout", "10m").unwrap().as_secs(), 600);
        assert_eq!(parse_duration("--timeout", "2h").unwrap().as_secs(), 7200);
        assert_eq!(parse_duration("--timeout", "45").unwrap().as_secs(), 45);
        for bad in ["", "0", "10x", "m", "25h", "-1s"] {
            assert!(parse_duration("--timeout", bad).is_err(), "{bad}");
        }
        assert!(parse_poll("--poll-interval", 0.05).is_err() && parse_poll("--poll-interval", 0.5).is_ok());
    }

    #[test]
    fn ec2_ids_and_task_definitions() {
        assert!(
            check_ec2_ids("--subnets", "subnet-", &["subnet-0a1b2c3d".into(), "subnet-0123456789abcdef0".into()])
                .is_ok()
        );
        assert!(check_ec2_ids("--subnets", "subnet-", &["subnet-xyz".into()]).is_err());
        assert!(check_ec2_ids("--subnets", "subnet-", &["subnet-0a1b2c3d".into(), "subnet-0a1b2c3d".into()]).is_err());
        for ok in ["web", "web:12", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"] {
            assert!(check_task_definition("--task-definition", ok).is_ok(), "{ok}");
        }
        for bad in ["web:", "web:0", "web:x", "a b", "arn:aws:ecs:us-east-1:123456789012:service/x"] {
            assert!(check_task_definition("--task-definition", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn clusters() {
        assert_eq!(parse_cluster("--cluster", "prod-1").unwrap(), "prod-1");
        assert_eq!(parse_cluster("--cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/prod").unwrap(), "prod");
        assert!(parse_cluster("--cluster", "").is_err());
        assert!(parse_cluster("--cluster", "has space").is_err());
        assert!(parse_cluster("--cluster", &"x".repeat(256)).is_err());
    }

    #[test]
    fn resource_ids() {
        assert!(is_resource_id("6f2a1a6e-3b0a-4c1e-9a43-1b2c3d4e5f60"));
        assert!(!is_resource_id("6f2a1a6e-3b0a-4c1e-9a43-1b2c3d4e5f6"));
        assert!(!is_resource_id("zz2a1a6e3b0a4c1e9a431b2c3d4e5f60"));
    }

    #[test]
    fn started_by_and_instances() {
        assert!(check_started_by("--started-by", "ecs-svc/123").is_ok());
        assert!(check_started_by("--started-by", &"a".repeat(129)).is_err());
        assert!(check_container_instance("--container-instance", "0123456789abcdef0123456789abcdef").is_ok());
        assert!(
            check_container_instance(
                "--container-instance",
                "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef"
            )
            .is_ok()
        );
        assert!(check_container_instance("--container-instance", "i-0123").is_err());
    }
}
