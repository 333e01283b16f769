//! The document's "authentication" group: Device Code Authorization, Just-In-Time Two-Factor
//! Authentication, Kerberos, LDAP Authentication (with the `magiclink_*` metrics listed under
//! it), OIDC Provider, Email OTP, TOTP, WebAuthn, X.509, RADIUS. Onboarding and Sign-In emit no
//! metrics of their own.

use metrics_core::AnyFamily;

pub mod device_code;
pub mod email_otp;
pub mod jit2fa;
pub mod kerberos;
pub mod ldap;
pub mod oidc;
pub mod radius;
pub mod totp;
pub mod webauthn;
pub mod x509;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(device_code::DeviceCode::default()),
        Box::new(jit2fa::Jit2fa::default()),
        Box::new(kerberos::Kerberos::default()),
        Box::new(ldap::Ldap::default()),
        Box::new(oidc::Oidc::default()),
        Box::new(email_otp::EmailOtp::default()),
        Box::new(totp::Totp::default()),
        Box::new(webauthn::Webauthn::default()),
        Box::new(x509::X509::default()),
        Box::new(radius::Radius::default()),
    ]
}
