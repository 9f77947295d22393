//! Fixture tests: responses in the shape AWS publishes for DescribeTasks,
//! DescribeContainerInstances and ListAccountSettings (tests/fixtures/api/) are served from a
//! loopback endpoint to the real SDK clients, and what they parse to is fed to the checks. The
//! oracle is AWS's documented response shape, not the emulator. A crate-level test module: it
//! joins the AWS layer and the checks, which the layers themselves never do.

use std::collections::HashMap;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::aws::{Aws, ecs};
use crate::checks::{self, CheckId, Status};
use crate::inventory::{ClusterFacts, Facts};

/// Answers each request with the fixture of its `X-Amz-Target` operation, on 127.0.0.1.
async fn serve(fixtures: HashMap<&'static str, &'static str>) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let fixtures = fixtures.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                loop {
                    let mut chunk = [0u8; 8192];
                    let Ok(n) = sock.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).to_string();
                    let Some(end) = text.find("\r\n\r\n") else { continue };
                    let head = text[..end].to_ascii_lowercase();
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if buf.len() < end + 4 + len {
                        continue;
                    }
                    let op = head.lines().find_map(|l| l.strip_prefix("x-amz-target:")).unwrap_or("").trim();
                    let op = op.rsplit('.').next().unwrap_or("");
                    let body =
                        fixtures.iter().find(|(k, _)| k.eq_ignore_ascii_case(op)).map(|(_, v)| *v).unwrap_or("{}");
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if sock.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                    buf.drain(..end + 4 + len);
                }
            });
        }
    });
    port
}

async fn fixture_aws() -> Aws {
    let port = serve(HashMap::from([
        ("DescribeTasks", include_str!("../tests/fixtures/api/describe-tasks.json")),
        ("ListContainerInstances", r#"{"containerInstanceArns": ["arn:aws:ecs:us-west-2:210987654321:container-instance/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"]}"#),
        ("DescribeContainerInstances", include_str!("../tests/fixtures/api/describe-container-instances.json")),
        ("ListAccountSettings", include_str!("../tests/fixtures/api/list-account-settings.json")),
    ]))
    .await;
    Aws::at_loopback(port)
}

#[tokio::test]
async fn describe_tasks_in_aws_shape_gives_the_eni_by_type() {
    let aws = fixture_aws().await;
    let d = ecs::describe_tasks(&aws, "Payments", &["5e1f0c2b9a8d4c7e8f6a5b4c3d2e1f0a".into()]).await.unwrap();
    let t = &d.tasks[0];
    assert_eq!(
        (t.id.as_str(), t.last_status.as_str(), t.launch_type.as_deref()),
        ("5e1f0c2b9a8d4c7e8f6a5b4c3d2e1f0a", "RUNNING", Some("FARGATE"))
    );
    let eni = t.eni_attachments().next().expect("the ENI attachment");
    assert_eq!(eni.eni_id(), Some("eni-0f9e8d7c"));
    assert_eq!(eni.detail("subnetId"), Some("subnet-0a1b2c3d"));
    assert_eq!(eni.detail("privateIPv4Address"), Some("10.20.3.41"));
    assert_eq!(eni.detail("macAddress"), Some("0a:1b:2c:3d:4e:5f"));
    assert!(t.created_at.is_some() && t.started_at.is_some(), "epoch-second timestamps parse");
    assert!(d.failures.is_empty());
}

/// AWS's example container instance runs agent 1.0.0 and advertises no attributes: it cannot
/// host awsvpc tasks (1.15.0 needed; no ecs.capability.task-eni), and with no other instance the
/// cluster's agent and task-ENI checks fail.
#[tokio::test]
async fn container_instances_in_aws_shape_feed_the_checks() {
    let aws = fixture_aws().await;
    let cis = ecs::container_instances(&aws, "update").await.unwrap();
    assert_eq!(cis.len(), 1);
    assert_eq!(
        (cis[0].agent_version.as_deref(), cis[0].ec2_instance_id.as_deref()),
        (Some("1.0.0"), Some("i-0c4d5e6f"))
    );
    assert!(!cis[0].has("ecs.capability.task-eni"), "the example advertises no attributes");
    let why = crate::rules::capacity::cannot_host(&cis[0]).expect("agent 1.0.0 cannot host awsvpc tasks");
    assert!(why.contains("1.0.0") && why.contains("1.15.0"), "{why}");
    let mut c = ClusterFacts::empty("update");
    c.instances = Ok(cis);
    let facts = Facts { clusters: vec![c], ..Facts::default() };
    let findings = checks::evaluate(&checks::Plan::default(), &facts);
    let of = |id: CheckId| findings.iter().find(|f| f.check == id).map(|f| f.status);
    assert_eq!(of(CheckId::AgentVersion), Some(Status::Fail), "1.0.0 < 1.15.0, and no other instance");
    assert_eq!(of(CheckId::TaskEni), Some(Status::Fail), "no instance advertises ecs.capability.task-eni");
}

/// Effective settings in AWS's shape: inherited settings carry the account root's ARN, which
/// names the account default; a setting AWS does not list is not read as enabled.
#[tokio::test]
async fn effective_settings_in_aws_shape() {
    let aws = fixture_aws().await;
    let s = ecs::effective_settings(&aws, None).await.unwrap();
    assert_eq!(s.account_root.as_deref(), Some("arn:aws:iam::210987654321:root"));
    assert_eq!(s.awsvpc_trunking, None);
    assert!(!s.trunking_enabled());
}
