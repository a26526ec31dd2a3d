//! The syntax layer: text files, positions, YAML, decoding, diagnostics.
//!
//! Everything here is about *how* a registry is written, not what it
//! means: reading a file into checked text ([`source`]), parsing YAML into
//! nodes that keep their positions ([`yaml`]), turning nodes into typed
//! values while reporting every problem ([`decode`], [`spanned`]), the id
//! grammar ([`id`]) and the [`diag`]nostics all of these produce
//! ([`report`] shows them to people, [`ci_report`] to CI services).
//!
//! The layer sits below the model and imports nothing from the rest of
//! the crate, so the model, the loader, validation and rendering can all
//! build on it without import cycles:
//! syntax ← model ← load ← validate ← render ← write ← build ← cli/serve.

pub mod ci_report;
pub mod decode;
pub mod diag;
pub mod id;
pub mod report;
pub mod source;
pub mod spanned;
pub mod yaml;
