//! Closed sets of label values that many hexon modules share. Modules re-export them under the
//! name of their label (`pub use crate::hexon::values::SuccessFailure as SendResult;`).

use metrics_core::LabelValue;

/// `success` | `failure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SuccessFailure {
    Success,
    Failure,
}

/// `success` | `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SuccessError {
    Success,
    Error,
}

/// `allowed` | `blocked`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AllowedBlocked {
    Allowed,
    Blocked,
}

/// `hit` | `miss`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum HitMiss {
    Hit,
    Miss,
}

/// `valid` | `invalid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidInvalid {
    Valid,
    Invalid,
}
