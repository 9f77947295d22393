//! CloudWatch Logs: whether an awslogs log group exists (DescribeLogGroups with
//! `logGroupNamePrefix`, 50 a page, every `nextToken` followed until the name is found: API
//! Reference, DescribeLogGroups). The group may be in another Region (`awslogs-region`).

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;

/// Whether the log group `name` exists in `region`.
pub async fn log_group_exists(aws: &Aws, name: &str, region: &str) -> Result<bool, Failure> {
    let client = if region == aws.region {
        aws.logs.clone()
    } else {
        let conf = aws.logs.config().to_builder().region(aws_config::Region::new(region.to_string())).build();
        aws_sdk_cloudwatchlogs::Client::from_conf(conf)
    };
    let mut token: Option<String> = None;
    loop {
        let page = client
            .describe_log_groups()
            .log_group_name_prefix(name)
            .limit(50)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| from_sdk(&format!("looking for the log group {name} (DescribeLogGroups)"), e))?;
        // A prefix matches other groups too (/ecs/web-archive for /ecs/web): the name must be equal.
        if page.log_groups().iter().any(|g| g.log_group_name() == Some(name)) {
            return Ok(true);
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return Ok(false);
        }
    }
}
