//! Identity & Directory: Directory Cache, LDAP Provider, OIDC Relying Party, SCIM Identity
//! Provider.

use metrics_core::AnyFamily;

pub mod directory_cache;
pub mod ldap_provider;
pub mod oidc_relying_party;
pub mod scim_identity_provider;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(directory_cache::DirectoryCache::default()),
        Box::new(ldap_provider::LdapProvider::default()),
        Box::new(oidc_relying_party::OidcRelyingParty::default()),
        Box::new(scim_identity_provider::ScimIdentityProvider::default()),
    ]
}
