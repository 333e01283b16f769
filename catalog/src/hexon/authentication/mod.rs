//! The document's "authentication" group: Device Code Authorization, Just-In-Time Two-Factor
//! Authentication, Kerberos, LDAP Authentication (with the `magiclink_*` metrics listed under
//! it), OIDC Provider, Email OTP, TOTP, WebAuthn, X.509, RADIUS. Onboarding and Sign-In emit no
//! metrics of their own.

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
