//! Elastic Load Balancing v2 reads: the target groups of a service.

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;
use crate::inventory::TargetGroup;

/// A target group; Ok(None) when ELBv2 does not know it (TargetGroupNotFound).
pub async fn target_group(aws: &Aws, arn: &str) -> Result<Option<TargetGroup>, Failure> {
    match aws.elbv2.describe_target_groups().target_group_arns(arn).send().await {
        Ok(out) => Ok(out.target_groups().first().map(|t| TargetGroup {
            arn: t.target_group_arn().unwrap_or(arn).to_string(),
            name: t.target_group_name().unwrap_or_default().to_string(),
            target_type: t.target_type().map(|t| t.as_str().to_string()).unwrap_or_default(),
            vpc_id: t.vpc_id().map(str::to_string),
        })),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_target_group_not_found_exception()) => Ok(None),
        Err(e) => Err(from_sdk(&format!("describing target group {arn} (DescribeTargetGroups)"), e)),
    }
}
