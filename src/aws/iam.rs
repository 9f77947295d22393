//! IAM reads (the ECS service-linked role, instance profiles) and the one IAM write
//! (`check --fix`: create the service-linked role).

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;

/// The ECS service-linked role's name (IAM User Guide; ECS developer guide, "Using
/// service-linked roles for Amazon ECS").
pub const SERVICE_LINKED_ROLE: &str = "AWSServiceRoleForECS";

/// Whether the ECS service-linked role exists (GetRole; NoSuchEntity means it does not).
pub async fn service_linked_role(aws: &Aws) -> Result<bool, Failure> {
    match aws.iam.get_role().role_name(SERVICE_LINKED_ROLE).send().await {
        Ok(_) => Ok(true),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_entity_exception()) => Ok(false),
        Err(e) => Err(from_sdk(&format!("reading IAM role {SERVICE_LINKED_ROLE} (GetRole)"), e)),
    }
}

/// Creates the ECS service-linked role.
pub async fn create_service_linked_role(aws: &Aws) -> Result<(), Failure> {
    aws.iam
        .create_service_linked_role()
        .aws_service_name("ecs.amazonaws.com")
        .send()
        .await
        .map(|_| ())
        .map_err(|e| from_sdk("creating the ECS service-linked role (CreateServiceLinkedRole)", e))
}

/// The role of an instance profile (GetInstanceProfile; no batch API exists, so one call per
/// distinct profile, which a cluster has few of).
pub async fn instance_profile_role(aws: &Aws, profile_arn: &str) -> Result<Option<String>, Failure> {
    let name = profile_arn.rsplit('/').next().unwrap_or(profile_arn);
    let out = aws
        .iam
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(|e| from_sdk(&format!("reading instance profile {name} (GetInstanceProfile)"), e))?;
    Ok(out.instance_profile().and_then(|p| p.roles().first()).map(|r| r.arn().to_string()))
}
