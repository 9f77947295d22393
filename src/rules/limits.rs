//! AWS's limits on a task launch, each with its source, so that the validation, the checks and
//! their messages say the same number.

/// Most subnets an awsvpcConfiguration takes (Amazon ECS API Reference, AwsVpcConfiguration,
/// `subnets`: "You can specify up to 16 subnets"; RunTask and CreateService refuse more).
pub const MAX_SUBNETS: usize = 16;

/// Most security groups an awsvpcConfiguration takes (Amazon ECS API Reference,
/// AwsVpcConfiguration, `securityGroups`: "You can specify up to five security groups").
pub const MAX_SECURITY_GROUPS: usize = 5;

/// Most tasks one RunTask call launches (Amazon ECS API Reference, RunTask, `count`: "You can
/// specify up to 10 tasks for each call").
pub const MAX_TASKS_PER_CALL: u32 = 10;

/// Most tags on a task (Amazon ECS API Reference, RunTask, `tags`: "Maximum number of 50 items").
pub const MAX_TAGS: usize = 50;
