//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>): categories as services,
//! issues as service requests. Requests arrive through `commands::issue::insert`, the same
//! checks and writes as the web form; what goes out follows the web's privacy rules.

mod discovery;
mod errors;
mod post;
mod requests;
mod xml;

pub use discovery::{
    Attribute, AttributeValue, Definition, Discovery, Endpoint, Service, definition, discovery, services,
};
pub use errors::{CHANGESET, DESCRIPTION_MAX, Open311Error, Open311Errors, RANGE_DAYS, REQUESTS_MAX, SPECIFICATION};
pub use post::{Created, PostedRequest, post_request, title_of};
pub use requests::{RequestQuery, ServiceRequest, request, requests};
pub use xml::{to_xml, xml_text};
