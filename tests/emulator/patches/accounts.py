"""Accounts: a 12-digit access key id is the account, so that every test gets an account of its
own on one emulator (test isolation; AWS itself derives the account from the credentials)."""

from moto.iam import models as iam_models

_orig_account_from = iam_models.get_account_id_from


def _account_from(access_key):
    if isinstance(access_key, str) and len(access_key) == 12 and access_key.isdigit():
        return access_key
    return _orig_account_from(access_key)


iam_models.get_account_id_from = _account_from
