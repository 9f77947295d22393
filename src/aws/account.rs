//! Which account a run answers for. The AWS CLI puts command-line options before environment
//! variables (AWS CLI User Guide, "Configuration and credential file settings", precedence), so a
//! profile named with `--profile` (or `AWS_PROFILE`) signs with that profile's credentials even
//! when `AWS_ACCESS_KEY_ID` is set in the shell; the SDK's default chain would read the
//! environment's keys first and answer, silently, for another account. A profile that does not
//! exist is bad input, named (the AWS CLI: "The config profile (NAME) could not be found").
//! Changes name the account they are made in (STS GetCallerIdentity, which needs no permission:
//! STS API Reference, GetCallerIdentity).

use aws_config::SdkConfig;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::SharedCredentialsProvider;

use super::Aws;
use super::error::from_sdk;
use crate::error::Failure;

/// The keys with which a profile names a credential source of its own (AWS CLI User Guide,
/// configuration file settings): a profile without any (a region only, say) leaves the
/// credentials to the rest of the chain.
const CREDENTIAL_KEYS: &[&str] = &[
    "aws_access_key_id",
    "role_arn",
    "sso_session",
    "sso_start_url",
    "credential_process",
    "login_session",
    "web_identity_token_file",
];

/// The named profile must exist in the config or credentials file; answers whether it names a
/// credential source of its own.
pub async fn check_profile(name: &str) -> Result<bool, Failure> {
    use aws_runtime::env_config::file::EnvConfigFiles;
    use aws_types::os_shim_internal::{Env, Fs};
    let selected = Some(std::borrow::Cow::Owned(name.to_string()));
    let found = match aws_config::profile::load(&Fs::real(), &Env::real(), &EnvConfigFiles::default(), selected).await {
        Ok(set) => set.get_profile(name).map(|p| CREDENTIAL_KEYS.iter().any(|k| p.get(k).is_some())),
        Err(_) => None,
    };
    found.ok_or_else(|| {
        Failure::usage(format!("the config profile ({name}) could not be found")).with_hint(
            "`aws configure list-profiles` lists the profiles of ~/.aws/config and ~/.aws/credentials \
             (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)",
        )
    })
}

/// The configuration with the named profile's own credentials in place of the default chain
/// (which would take the environment's keys first).
pub fn with_profile_credentials(conf: SdkConfig, profile: &str) -> SdkConfig {
    let provider_config = ProviderConfig::default().with_region(conf.region().cloned());
    let creds = ProfileFileCredentialsProvider::builder().configure(&provider_config).profile_name(profile).build();
    conf.into_builder().credentials_provider(SharedCredentialsProvider::new(creds)).build()
}

/// The account the credentials belong to (STS GetCallerIdentity).
pub async fn caller_account(aws: &Aws) -> Result<String, Failure> {
    let out = aws
        .sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| from_sdk("asking which account the credentials belong to (STS GetCallerIdentity)", e))?;
    Ok(out.account().unwrap_or("unknown").to_string())
}
