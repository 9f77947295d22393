"""IAM: the ECS service-linked role's name (IAM User Guide, "Using service-linked roles"; ECS
Developer Guide, "Using service-linked roles for Amazon ECS": AWSServiceRoleForECS)."""

from moto.iam import models as iam_models

# moto names it AWSServiceRoleForecs.
iam_models.SERVICE_NAME_CONVERSION["ecs"] = "ECS"
