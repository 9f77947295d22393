"""IAM enforcement (moto's /moto-api/reset-auth) for the JSON-protocol services a task needs
before its containers start: CloudWatch Logs, Secrets Manager, Systems Manager, ECR and KMS. AWS
refuses a caller without the permission with a JSON error, HTTP 400, `__type`
AccessDeniedException and a message naming the action ("AccessDeniedException: You do not have
sufficient access to perform this action", Common Errors of each API Reference). moto answered
them with an XML 403 whose code the SDKs read as "403". (ECS has the same fix in ecs_tasks.py.)"""

from moto.core.exceptions import AccessDeniedError, JsonRESTError
from moto.ecr.responses import ECRResponse
from moto.kms.responses import KmsResponse
from moto.logs.responses import LogsResponse
from moto.secretsmanager.responses import SecretsManagerResponse
from moto.ssm.responses import SimpleSystemManagerResponse


def _json_denial(cls):
    orig = cls._authenticate_and_authorize_normal_action

    def auth(self, resource="*"):
        try:
            orig(self, resource)
        except AccessDeniedError as e:
            err = JsonRESTError("AccessDeniedException", e.message)
            err.code = 400
            raise err

    cls._authenticate_and_authorize_normal_action = auth


for _cls in (LogsResponse, SecretsManagerResponse, SimpleSystemManagerResponse, ECRResponse, KmsResponse):
    _json_denial(_cls)
