//! Parts several pages show: a practice's card, its evidence rows, the
//! facets of the catalogue and search filters.

pub mod card;
pub mod cite;
pub mod evidence;
pub mod facets;
pub mod scales;
