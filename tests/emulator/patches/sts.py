"""STS GetCallerIdentity (STS API Reference, GetCallerIdentity: Account, "The Amazon Web Services
account ID number of the account that owns or contains the calling entity"; Arn, for an IAM user
"arn:aws:iam::123456789012:user/Alice"). moto already answers with the account of the access key
(accounts.py maps a 12-digit key id to its account); for a key it did not issue it names the
caller arn:aws:sts::ACCOUNT:user/moto, an IAM user written under the STS service. The caller is
named as IAM names a user, the same principal ListAccountSettings shows for the caller
(ecs_settings.py)."""

from moto.sts import models as sts_models

_orig_get_caller_identity = sts_models.STSBackend.get_caller_identity


def _get_caller_identity(self, access_key_id, region):
    user_id, arn, account_id = _orig_get_caller_identity(self, access_key_id, region)
    prefix = f":sts::{account_id}:user/"
    if prefix in arn:
        arn = arn.replace(prefix, f":iam::{account_id}:user/")
    return user_id, arn, account_id


sts_models.STSBackend.get_caller_identity = _get_caller_identity
