//! `run`'s options, validated into a plan before any AWS call: a bad value names its option, the
//! value and the rule, and nothing is launched.

use super::*;
use crate::commands::run::{Plan, ec2_for_sure, public_ip_refused};

fn container_name(option: &str, name: &str, whole: &str) -> Result<()> {
    if ids::is_name(name) {
        Ok(())
    } else {
        Err(invalid(option, whole, "a container name (letters, digits, - and _) before the separator"))
    }
}

fn capacity_providers(given: &[String]) -> Result<Vec<CapacityProviderItem>> {
    const RULE: &str = "NAME[:WEIGHT[:BASE]], weight 0-1000, base 0-100000";
    let mut out = Vec::new();
    for cp in given {
        let parts: Vec<&str> = cp.split(':').collect();
        let num = |i: usize, max: i32| -> Result<Option<i32>> {
            match parts.get(i) {
                None => Ok(None),
                Some(v) => match v.parse::<i32>() {
                    Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
                    _ => Err(invalid("--capacity-provider", cp, RULE)),
                },
            }
        };
        if parts.len() > 3 || !ids::is_name(parts[0]) {
            return Err(invalid("--capacity-provider", cp, RULE));
        }
        out.push(CapacityProviderItem { name: parts[0].to_string(), weight: num(1, 1000)?, base: num(2, 100_000)? });
    }
    Ok(out)
}

fn tags(given: &[String]) -> Result<Vec<(String, String)>> {
    let mut tags: Vec<(String, String)> = Vec::new();
    for t in given {
        let Some((k, v)) = t.split_once('=') else {
            return Err(invalid("--tag", t, "KEY=VALUE"));
        };
        // ECS Developer Guide, "Tagging your resources" restrictions: a key of 1-128 and a value
        // of at most 256 Unicode characters; aws: in any case is reserved as the prefix of either.
        let reserved = |s: &str| s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
        if k.is_empty() || k.chars().count() > 128 || v.chars().count() > 256 || reserved(k) || reserved(v) {
            return Err(invalid(
                "--tag",
                t,
                "KEY=VALUE with a key of 1-128 characters and a value of at most 256, neither starting with aws: \
                 (in any case)",
            ));
        }
        if tags.iter().any(|(existing, _)| existing == k) {
            return Err(Failure::usage(format!("--tag: key {k} is given twice")).into());
        }
        tags.push((k.to_string(), v.to_string()));
    }
    if tags.len() > MAX_TAGS {
        return Err(Failure::usage(format!("--tag: at most {MAX_TAGS} tags")).into());
    }
    Ok(tags)
}

/// `--command CONTAINER=ARGS` and `--env CONTAINER:NAME=VALUE`, merged per container.
fn containers(commands: &[String], env: &[String]) -> Result<Vec<ContainerOverrides>> {
    let mut by_name: BTreeMap<String, ContainerOverrides> = BTreeMap::new();
    fn entry<'a>(m: &'a mut BTreeMap<String, ContainerOverrides>, c: &str) -> &'a mut ContainerOverrides {
        m.entry(c.to_string()).or_insert_with(|| ContainerOverrides { name: c.to_string(), ..Default::default() })
    }
    for c in commands {
        let Some((container, rest)) = c.split_once('=') else {
            return Err(invalid("--command", c, "CONTAINER=ARGS"));
        };
        container_name("--command", container, c)?;
        let argv: Vec<String> = if rest.trim_start().starts_with('[') {
            serde_json::from_str(rest).map_err(|_| {
                invalid("--command", c, "CONTAINER=[\"arg\", ...] (a JSON array of strings) or CONTAINER=words")
            })?
        } else {
            rest.split_whitespace().map(str::to_string).collect()
        };
        if argv.is_empty() {
            return Err(invalid("--command", c, "a non-empty command"));
        }
        let o = entry(&mut by_name, container);
        if o.command.is_some() {
            return Err(Failure::usage(format!("--command: container {container} is given twice")).into());
        }
        o.command = Some(argv);
    }
    for e in env {
        // Never echo the value back: the rule names only the form.
        let shown = e.split_once('=').map(|(k, _)| format!("{k}=...")).unwrap_or_else(|| e.clone());
        let parsed = e.split_once(':').and_then(|(c, kv)| kv.split_once('=').map(|(k, v)| (c, k, v)));
        let Some((container, name, value)) = parsed else {
            return Err(invalid("--env", &shown, "CONTAINER:NAME=VALUE"));
        };
        container_name("--env", container, &shown)?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(invalid("--env", &shown, "CONTAINER:NAME=VALUE with a NAME of letters, digits and _"));
        }
        entry(&mut by_name, container).environment.push((name.to_string(), value.to_string()));
    }
    Ok(by_name.into_values().collect())
}

fn client_token(given: Option<&String>) -> Result<String> {
    match given {
        Some(t) if t.is_empty() || t.len() > 64 || !t.bytes().all(|b| (33..=126).contains(&b)) => {
            Err(invalid("--client-token", t, "1-64 printable ASCII characters without spaces"))
        }
        Some(t) => Ok(t.clone()),
        None => Ok(uuid::Uuid::new_v4().to_string()),
    }
}

fn network(args: &RunArgs) -> Result<()> {
    let net = &args.network;
    if let Some(td) = &net.task_definition {
        ids::check_task_definition("--task-definition", td)?;
    }
    if let Some(s) = &args.like_service {
        ids::check_name("--like-service", s)?;
    }
    if net.task_definition.is_none() && args.like_service.is_none() {
        return Err(Failure::usage("--task-definition is required (or --like-service to take a service's)").into());
    }
    let subnets = &net.subnets.subnets;
    ids::check_ec2_ids("--subnets", "subnet-", subnets)?;
    ids::check_ec2_ids("--security-groups", "sg-", &net.security_groups)?;
    if subnets.len() > MAX_SUBNETS {
        let rule = format!("at most {MAX_SUBNETS} subnets (awsvpcConfiguration's limit)");
        return Err(invalid("--subnets", &subnets.join(","), &rule));
    }
    if net.security_groups.len() > MAX_SECURITY_GROUPS {
        return Err(invalid(
            "--security-groups",
            &net.security_groups.join(","),
            &format!("at most {MAX_SECURITY_GROUPS} security groups (awsvpcConfiguration's limit)"),
        ));
    }
    if subnets.is_empty() && args.like_service.is_none() {
        return Err(Failure::usage(format!(
            "--subnets is required: awsvpc tasks need 1 to {MAX_SUBNETS} subnets (or --like-service)"
        ))
        .into());
    }
    if net.launch_type == Some(LaunchType::External) {
        return Err(invalid(
            "--launch-type",
            "EXTERNAL",
            "EC2 or FARGATE: the awsvpc network mode is not supported on external instances (ECS Anywhere)",
        ));
    }
    Ok(())
}

fn text_options(args: &RunArgs) -> Result<()> {
    if let Some(v) = &args.platform_version {
        let ok = v == "LATEST" || v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(invalid("--platform-version", v, "LATEST or a version such as 1.4.0"));
        }
    }
    if let Some(s) = &args.started_by {
        ids::check_started_by("--started-by", s)?;
    }
    if let Some(g) = &args.group
        && (g.is_empty() || g.chars().count() > 255 || g.chars().any(char::is_control))
    {
        return Err(invalid("--group", g, "1-255 characters"));
    }
    Ok(())
}

/// Validates every option; nothing here calls AWS. `timeout`: the global `--timeout`, which
/// bounds the wait.
pub fn plan(args: &RunArgs, timeout: Option<&str>, env: &Env) -> Result<Plan> {
    let cluster = match &args.cluster {
        Some(c) => ids::parse_cluster("--cluster", c)?,
        None => ids::default_cluster(env)?,
    };
    network(args)?;
    let net = &args.network;
    let capacity_providers = capacity_providers(&args.capacity_provider)?;
    let launch_type = net.launch_type.map(|l| match l {
        LaunchType::Ec2 => "EC2",
        LaunchType::Fargate => "FARGATE",
        LaunchType::External => "EXTERNAL",
    });
    let public_ip = net.assign_public_ip.map(|a| a == AssignPublicIp::Enabled);
    if public_ip == Some(true) && args.like_service.is_none() && ec2_for_sure(launch_type, &capacity_providers) {
        return Err(public_ip_refused("--launch-type or --capacity-provider"));
    }
    text_options(args)?;
    let tags = tags(&args.tags)?;
    let containers = containers(&args.commands, &args.env)?;
    let client_token = client_token(args.client_token.as_ref())?;
    let timeout = ids::wait_timeout(timeout)?;
    let poll = ids::parse_poll("--poll-interval", args.wait.poll_interval)?;
    if !args.dry_run && !args.yes && !env.stdin_tty {
        return Err(Failure::usage(
            "awsvpc run launches tasks and there is no terminal to ask on: add --yes (or --dry-run)",
        )
        .into());
    }
    Ok(Plan {
        cluster,
        task_definition: net.task_definition.clone(),
        like_service: args.like_service.clone(),
        subnets: net.subnets.subnets.clone(),
        security_groups: net.security_groups.clone(),
        public_ip,
        launch_type,
        capacity_providers,
        platform_version: args.platform_version.clone(),
        count: args.count,
        started_by: args.started_by.clone(),
        group: args.group.clone(),
        tags,
        propagate_tags: args.propagate_tags.map(|p| match p {
            PropagateTags::TaskDefinition => "TASK_DEFINITION",
            PropagateTags::None => "NONE",
        }),
        enable_execute_command: args.enable_execute_command,
        containers,
        client_token,
        preflight: !args.no_preflight,
        force: args.force,
        wait: !args.wait.no_wait,
        timeout,
        poll,
        dry_run: args.dry_run,
        yes: args.yes,
    })
}

#[cfg(test)]
#[path = "run_tests.rs"]
mod tests;
