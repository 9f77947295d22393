//! The KMS key behind each secret a task reads, and whether it is customer managed: then the
//! task execution role needs kms:Decrypt on it (ECS Developer Guide, "Amazon ECS task execution
//! IAM role", "Secrets Manager or Systems Manager permissions": kms:Decrypt "only required if
//! your key uses a custom KMS key and not the default key").
//!
//! Secrets Manager DescribeSecret (`KmsKeyId`, absent for the AWS managed aws/secretsmanager
//! key), SSM DescribeParameters (`KeyId` of a SecureString, `alias/aws/ssm` by default; 50 names
//! a call with a `Name` Equals filter), KMS DescribeKey (`KeyManager` CUSTOMER or AWS, and the
//! key's ARN for an alias or key id). Each secret, parameter batch and key is read once.

use std::collections::BTreeMap;

use futures_util::future::join_all;

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;
use crate::inventory::Grant;

/// What was learnt of the secrets' keys: the kms:Decrypt grants the role needs, and what could
/// not be read (said in the finding, never guessed).
#[derive(Debug, Default)]
pub struct KeyNeeds {
    pub grants: Vec<Grant>,
    pub unknown: Vec<String>,
}

fn region_of(arn: &str) -> &str {
    arn.split(':').nth(3).unwrap_or_default()
}

/// The parameter name of an SSM parameter ARN (`parameter/a/b` is `/a/b`, `parameter/x` is `x`).
fn parameter_name(arn: &str) -> String {
    let rest = arn.split_once(":parameter/").map(|(_, r)| r).unwrap_or(arn);
    if rest.contains('/') { format!("/{rest}") } else { rest.to_string() }
}

/// The kms:Decrypt grants the secrets of `grants` (GetSecretValue, GetParameters) need.
pub async fn key_needs(aws: &Aws, grants: &[Grant]) -> KeyNeeds {
    let secrets: Vec<&Grant> = grants.iter().filter(|g| g.action == "secretsmanager:GetSecretValue").collect();
    let params: Vec<&Grant> = grants.iter().filter(|g| g.action == "ssm:GetParameters").collect();
    let (secret_keys, param_keys) = tokio::join!(
        join_all(secrets.iter().map(|g| async move { (*g, secret_key(aws, &g.resource).await) })),
        parameter_keys(aws, &params),
    );
    let mut out = KeyNeeds::default();
    // key id as given -> the secrets it protects (a key is described once).
    let mut keys: BTreeMap<(String, String), Vec<&Grant>> = BTreeMap::new();
    for (g, key) in secret_keys.into_iter().chain(param_keys) {
        match key {
            Ok(Some(k)) if !k.starts_with("alias/aws/") => {
                keys.entry((region_of(&g.resource).to_string(), k)).or_default().push(g)
            }
            Ok(_) => {}
            Err(e) => out.unknown.push(format!("the KMS key of {} ({})", g.resource, e.message)),
        }
    }
    let described = join_all(keys.keys().map(|(region, k)| describe_key(aws, region, k))).await;
    for (((_, key), users), d) in keys.iter().zip(described) {
        match d {
            Ok((_, false)) => {}
            Ok((arn, true)) => {
                for g in users {
                    let grant = Grant {
                        action: "kms:Decrypt".into(),
                        resource: arn.clone(),
                        why: format!("the customer managed key of {}", g.resource),
                    };
                    if !out.grants.contains(&grant) {
                        out.grants.push(grant);
                    }
                }
            }
            // Refused (a key policy may not let the caller describe the key): a key named by
            // ARN or id is still known to be the secret's own, not the AWS managed default.
            Err(e) => match key_arn(key, &users[0].resource) {
                Some(arn) => {
                    for g in users {
                        let grant = Grant {
                            action: "kms:Decrypt".into(),
                            resource: arn.clone(),
                            why: format!("the customer managed key of {}", g.resource),
                        };
                        if !out.grants.contains(&grant) {
                            out.grants.push(grant);
                        }
                    }
                }
                None => out.unknown.push(format!("which key the alias {key} names ({})", e.message)),
            },
        }
    }
    out
}

/// The ARN of a key named by ARN or by key id, in the secret's Region and account; None for an
/// alias (only DescribeKey knows its key).
fn key_arn(key: &str, secret_arn: &str) -> Option<String> {
    if key.starts_with("arn:") {
        return key.contains(":key/").then(|| key.to_string());
    }
    if key.starts_with("alias/") {
        return None;
    }
    let parts: Vec<&str> = secret_arn.split(':').collect();
    let (partition, region, account) = (parts.get(1)?, parts.get(3)?, parts.get(4)?);
    Some(format!("arn:{partition}:kms:{region}:{account}:key/{key}"))
}

/// The KmsKeyId of a Secrets Manager secret (None: the AWS managed key).
async fn secret_key(aws: &Aws, arn: &str) -> Result<Option<String>, Failure> {
    let client = aws_sdk_secretsmanager::Client::from_conf(
        aws.secrets.config().to_builder().region(aws_config::Region::new(region_of(arn).to_string())).build(),
    );
    let out = client
        .describe_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("reading the secret {arn} (DescribeSecret)"), e))?;
    Ok(out.kms_key_id().map(str::to_string))
}

/// The KeyId of each SSM parameter (DescribeParameters, 50 names a call, per Region).
async fn parameter_keys<'a>(aws: &Aws, params: &[&'a Grant]) -> Vec<(&'a Grant, Result<Option<String>, Failure>)> {
    let mut by_region: BTreeMap<&str, Vec<&'a Grant>> = BTreeMap::new();
    for g in params {
        by_region.entry(region_of(&g.resource)).or_default().push(g);
    }
    let mut out = Vec::new();
    for (region, grants) in by_region {
        let client = aws_sdk_ssm::Client::from_conf(
            aws.ssm.config().to_builder().region(aws_config::Region::new(region.to_string())).build(),
        );
        for chunk in grants.chunks(50) {
            let names: Vec<String> = chunk.iter().map(|g| parameter_name(&g.resource)).collect();
            let read = describe_parameters(&client, &names).await;
            for (g, name) in chunk.iter().zip(&names) {
                out.push((*g, read.as_ref().map(|m| m.get(name).cloned().flatten()).map_err(Clone::clone)));
            }
        }
    }
    out
}

async fn describe_parameters(
    client: &aws_sdk_ssm::Client,
    names: &[String],
) -> Result<BTreeMap<String, Option<String>>, Failure> {
    let filter = aws_sdk_ssm::types::ParameterStringFilter::builder()
        .key("Name")
        .option("Equals")
        .set_values(Some(names.to_vec()))
        .build()
        .map_err(|e| Failure::unavailable(format!("building the DescribeParameters filter: {e}")))?;
    let pages: Vec<_> = client
        .describe_parameters()
        .parameter_filters(filter)
        .max_results(50)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| from_sdk("reading the parameters' keys (DescribeParameters)", e))?;
    Ok(pages
        .iter()
        .flat_map(|p| p.parameters())
        .filter_map(|p| Some((p.name()?.to_string(), p.key_id().map(str::to_string))))
        .collect())
}

/// A key's ARN and whether it is customer managed (DescribeKey).
async fn describe_key(aws: &Aws, region: &str, key: &str) -> Result<(String, bool), Failure> {
    let client = aws_sdk_kms::Client::from_conf(
        aws.kms.config().to_builder().region(aws_config::Region::new(region.to_string())).build(),
    );
    let out = client
        .describe_key()
        .key_id(key)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("describing the KMS key {key} (DescribeKey)"), e))?;
    let meta = out.key_metadata();
    let arn = meta.and_then(|m| m.arn()).unwrap_or(key).to_string();
    let customer = meta.and_then(|m| m.key_manager()).is_none_or(|m| m.as_str() == "CUSTOMER");
    Ok((arn, customer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_from_arns() {
        assert_eq!(parameter_name("arn:aws:ssm:us-east-1:1:parameter/pull/api-token"), "/pull/api-token");
        assert_eq!(parameter_name("arn:aws:ssm:us-east-1:1:parameter/plain"), "plain");
        assert_eq!(region_of("arn:aws:secretsmanager:eu-west-1:1:secret:x"), "eu-west-1");
        let secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf";
        assert_eq!(
            key_arn("1234abcd-12ab-34cd-56ef-1234567890ab", secret).as_deref(),
            Some("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        );
        assert_eq!(key_arn("alias/team", secret), None);
        assert_eq!(key_arn("arn:aws:kms:eu-west-1:1:key/k", secret).as_deref(), Some("arn:aws:kms:eu-west-1:1:key/k"));
    }
}
