//! Identity & Directory: Directory Cache, LDAP Provider, OIDC Relying Party, SCIM Identity
//! Provider.

pub mod directory_cache;
pub mod ldap_provider;
pub mod oidc_relying_party;
pub mod scim_identity_provider;
