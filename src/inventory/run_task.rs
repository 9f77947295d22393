//! The RunTask request as plain data: what `run` sends and what `run --dry-run` prints.

use serde::Serialize;
use serde_json::json;

use super::CapacityProviderItem;

/// A container's overrides: its command and environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerOverrides {
    pub name: String,
    pub command: Option<Vec<String>>,
    /// (name, value); values are never printed.
    pub environment: Vec<(String, String)>,
}

/// A RunTask request: what `run` sends, and (serialized, with environment values masked) what
/// `run --dry-run` prints. One value for both, so the printed request cannot drift from the sent
/// one. Field names are the API's (API reference, RunTask, Request Syntax).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunTaskRequest {
    pub cluster: String,
    pub task_definition: String,
    pub count: u32,
    pub client_token: String,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub public_ip: bool,
    pub launch_type: Option<String>,
    pub capacity_providers: Vec<CapacityProviderItem>,
    pub platform_version: Option<String>,
    pub started_by: Option<String>,
    pub group: Option<String>,
    pub tags: Vec<(String, String)>,
    pub propagate_tags: Option<String>,
    pub enable_execute_command: bool,
    pub containers: Vec<ContainerOverrides>,
}

/// In a JSON Schema: the RunTask request as sent, with the API's field names (ECS API Reference,
/// RunTask, Request Parameters).
impl schemars::JsonSchema for RunTaskRequest {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RunTaskRequest".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "the RunTask request as sent, with the ECS API's field names",
            "required": ["cluster", "taskDefinition", "count", "clientToken", "networkConfiguration", "enableExecuteCommand"],
            "properties": {
                "cluster": {"type": "string"},
                "taskDefinition": {"type": "string"},
                "count": {"type": "integer", "minimum": 1, "maximum": 10},
                "clientToken": {"type": "string"},
                "networkConfiguration": {"type": "object", "required": ["awsvpcConfiguration"]},
                "enableExecuteCommand": {"type": "boolean"}
            }
        })
    }
}

impl Serialize for RunTaskRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut req = json!({
            "cluster": self.cluster,
            "taskDefinition": self.task_definition,
            "count": self.count,
            "clientToken": self.client_token,
            "networkConfiguration": {"awsvpcConfiguration": {
                "subnets": self.subnets,
                "securityGroups": self.security_groups,
                "assignPublicIp": if self.public_ip { "ENABLED" } else { "DISABLED" },
            }},
            "enableExecuteCommand": self.enable_execute_command,
        });
        let optional = [
            ("launchType", &self.launch_type),
            ("platformVersion", &self.platform_version),
            ("startedBy", &self.started_by),
            ("group", &self.group),
            ("propagateTags", &self.propagate_tags),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                req[key] = json!(v);
            }
        }
        if !self.capacity_providers.is_empty() {
            let items: Vec<_> = self
                .capacity_providers
                .iter()
                .map(|p| json!({"capacityProvider": p.name, "weight": p.weight, "base": p.base}))
                .collect();
            req["capacityProviderStrategy"] = json!(items);
        }
        if !self.tags.is_empty() {
            req["tags"] = json!(self.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>());
        }
        if !self.containers.is_empty() {
            let containers: Vec<_> = self
                .containers
                .iter()
                .map(|c| {
                    let mut o = json!({"name": c.name});
                    if let Some(argv) = &c.command {
                        o["command"] = json!(argv);
                    }
                    if !c.environment.is_empty() {
                        let env: Vec<_> =
                            c.environment.iter().map(|(k, _)| json!({"name": k, "value": "***"})).collect();
                        o["environment"] = json!(env);
                    }
                    o
                })
                .collect();
            req["overrides"] = json!({ "containerOverrides": containers });
        }
        req.serialize(serializer)
    }
}
