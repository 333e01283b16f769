//! The catalog's cardinality assumptions, in one place.
//!
//! Every free-text label of the catalog names one of these bounds, or is declared
//! `#[label(unbounded)]` when nothing limits it (client addresses, user names, request paths).
//! The documents say what a label holds but not how many values it takes, so these are the
//! catalog's own estimates: the worst case of every family, shown in the docs and checked against
//! the budgets, follows from them, and changing one here changes it everywhere.

/// Code-defined strings that the specification does not enumerate: reasons, results, statuses,
/// error kinds, operations, types. A code base rarely has more than a few dozen of one kind.
pub const CODE_DEFINED: usize = 32;

/// Protocol vocabulary: HTTP methods and status codes, protocol names and versions, directions,
/// authentication schemes.
pub const PROTOCOL: usize = 64;

/// Objects named in a deployment's configuration: applications, hosts, pools, backends,
/// mappings, providers, routes, sites, realms, listeners, upstream servers.
pub const CONFIGURED: usize = 256;

/// Countries, as ISO 3166-1 alpha-2 codes.
pub const COUNTRIES: usize = 249;

/// Build information: one value per running binary (a version, a commit, a build date).
pub const BUILD: usize = 1;
