//! The directory's rows, one struct a table, with HSDS 3.0's field names: the same struct reads
//! a CSV row, a database row and a part of a compiled HSDS service.

use drom_store::query::Param;
use serde::{Deserialize, Serialize};

/// A value of a row, as the store binds it.
#[derive(Debug, Clone)]
pub enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
}

impl Val {
    pub fn param(&self) -> Param {
        match self {
            Val::Text(v) => v.clone().map_or(Param::Null, Param::S),
            Val::Int(v) => v.map_or(Param::NullI, Param::I),
            Val::Float(v) => v.map_or(Param::Null, |f| Param::S(f.to_string())),
        }
    }

    /// The placeholder of the `n`th value: a float travels as text and is cast (one SQL text
    /// for both backends, and the kernel's parameters have no float).
    pub fn placeholder(&self, n: usize) -> String {
        match self {
            Val::Float(_) => format!("CAST(CAST(${n} AS TEXT) AS DOUBLE PRECISION)"),
            _ => format!("${n}"),
        }
    }
}

pub trait ToVal {
    fn to_val(&self) -> Val;
}
impl ToVal for String {
    fn to_val(&self) -> Val {
        Val::Text(Some(self.clone()))
    }
}
impl ToVal for Option<String> {
    fn to_val(&self) -> Val {
        Val::Text(self.clone())
    }
}
impl ToVal for Option<i64> {
    fn to_val(&self) -> Val {
        Val::Int(*self)
    }
}
impl ToVal for Option<f64> {
    fn to_val(&self) -> Val {
        Val::Float(*self)
    }
}

/// A table of the directory.
pub trait Table {
    /// The database table.
    const TABLE: &'static str;
    /// The HSDS table name (`tabular.json`'s key) and file (`path`).
    const HSDS: &'static str;
    const FILE: &'static str;
    /// The columns, in the order `values` gives them.
    const COLUMNS: &'static [&'static str];
    fn values(&self) -> Vec<Val>;
    fn id(&self) -> &str;
    /// Where the row was read (a JSON path or a CSV file and row), for errors.
    fn origin(&self) -> &str;
    fn set_origin(&mut self, origin: String);
}

macro_rules! table {
    ($(#[$m:meta])* $name:ident, $table:literal, $hsds:literal, $file:literal {
        $($(#[$fm:meta])* $field:ident : $ty:ty = $col:literal),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
        pub struct $name {
            $($(#[$fm])* #[serde(default, skip_serializing_if = "Empty::empty")] pub $field: $ty,)*
            #[serde(skip)]
            #[sqlx(skip)]
            #[schema(ignore)]
            pub origin: String,
        }

        /// Equal when every field is (where each was read does not count).
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$field == other.$field)*
            }
        }

        impl Table for $name {
            const TABLE: &'static str = $table;
            const HSDS: &'static str = $hsds;
            const FILE: &'static str = $file;
            const COLUMNS: &'static [&'static str] = &[$($col),*];
            fn values(&self) -> Vec<Val> {
                vec![$(self.$field.to_val()),*]
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn origin(&self) -> &str {
                &self.origin
            }
            fn set_origin(&mut self, origin: String) {
                self.origin = origin;
            }
        }
    };
}

/// Whether a value is left out of HSDS output (an absent optional value).
pub trait Empty {
    fn empty(&self) -> bool;
}
impl Empty for String {
    fn empty(&self) -> bool {
        false
    }
}
impl<T> Empty for Option<T> {
    fn empty(&self) -> bool {
        self.is_none()
    }
}

table!(
    /// HSDS `organization`.
    Organization, "dir_organization", "organization", "organizations.csv" {
    id: String = "id",
    name: String = "name",
    alternate_name: Option<String> = "alternate_name",
    description: String = "description",
    email: Option<String> = "email",
    website: Option<String> = "website",
});

table!(
    /// HSDS `service`.
    Service, "dir_service", "service", "services.csv" {
    id: String = "id",
    organization_id: String = "organization_id",
    name: String = "name",
    alternate_name: Option<String> = "alternate_name",
    description: Option<String> = "description",
    url: Option<String> = "url",
    email: Option<String> = "email",
    status: String = "status",
    interpretation_services: Option<String> = "interpretation_services",
    application_process: Option<String> = "application_process",
    fees_description: Option<String> = "fees_description",
    eligibility_description: Option<String> = "eligibility_description",
    minimum_age: Option<i64> = "minimum_age",
    maximum_age: Option<i64> = "maximum_age",
    alert: Option<String> = "alert",
    #[serde(rename = "last_modified")]
    updated_at: Option<String> = "updated_at",
});

table!(
    /// HSDS `location`.
    Location, "dir_location", "location", "locations.csv" {
    id: String = "id",
    location_type: String = "location_type",
    url: Option<String> = "url",
    organization_id: Option<String> = "organization_id",
    name: Option<String> = "name",
    alternate_name: Option<String> = "alternate_name",
    description: Option<String> = "description",
    transportation: Option<String> = "transportation",
    latitude: Option<f64> = "latitude",
    longitude: Option<f64> = "longitude",
});

table!(
    /// HSDS `address`; `region` names the municipality.
    Address, "dir_address", "address", "addresses.csv" {
    id: String = "id",
    location_id: Option<String> = "location_id",
    attention: Option<String> = "attention",
    address_1: String = "address_1",
    address_2: Option<String> = "address_2",
    city: String = "city",
    region: Option<String> = "region",
    state_province: String = "state_province",
    postal_code: String = "postal_code",
    country: String = "country",
    address_type: String = "address_type",
});

table!(
    /// HSDS `service_at_location`.
    ServiceAtLocation, "dir_service_at_location", "service_at_location", "service_at_location.csv" {
    id: String = "id",
    service_id: String = "service_id",
    location_id: String = "location_id",
    description: Option<String> = "description",
});

table!(
    /// HSDS `contact`.
    Contact, "dir_contact", "contact", "contacts.csv" {
    id: String = "id",
    organization_id: Option<String> = "organization_id",
    service_id: Option<String> = "service_id",
    service_at_location_id: Option<String> = "service_at_location_id",
    location_id: Option<String> = "location_id",
    name: Option<String> = "name",
    title: Option<String> = "title",
    department: Option<String> = "department",
    email: Option<String> = "email",
});

table!(
    /// HSDS `phone`.
    Phone, "dir_phone", "phone", "phones.csv" {
    id: String = "id",
    location_id: Option<String> = "location_id",
    service_id: Option<String> = "service_id",
    organization_id: Option<String> = "organization_id",
    contact_id: Option<String> = "contact_id",
    service_at_location_id: Option<String> = "service_at_location_id",
    number: String = "number",
    extension: Option<i64> = "extension",
    #[serde(rename = "type")]
    #[sqlx(rename = "type")]
    kind: Option<String> = "type",
    description: Option<String> = "description",
});

table!(
    /// HSDS `schedule` (the fields of a weekly opening: `freq` WEEKLY, `byday` like "MO,TU",
    /// `opens_at` and `closes_at` like "08:00" in Kosovo's time).
    Schedule, "dir_schedule", "schedule", "schedules.csv" {
    id: String = "id",
    service_id: Option<String> = "service_id",
    location_id: Option<String> = "location_id",
    service_at_location_id: Option<String> = "service_at_location_id",
    valid_from: Option<String> = "valid_from",
    valid_to: Option<String> = "valid_to",
    freq: Option<String> = "freq",
    byday: Option<String> = "byday",
    opens_at: Option<String> = "opens_at",
    closes_at: Option<String> = "closes_at",
    description: Option<String> = "description",
    notes: Option<String> = "notes",
});

table!(
    /// HSDS `language`: a language spoken (ISO 639 `code`).
    Language, "dir_language", "language", "languages.csv" {
    id: String = "id",
    service_id: Option<String> = "service_id",
    location_id: Option<String> = "location_id",
    phone_id: Option<String> = "phone_id",
    name: Option<String> = "name",
    code: Option<String> = "code",
    note: Option<String> = "note",
});

table!(
    /// HSDS `service_area`; `name` names the municipality.
    ServiceArea, "dir_service_area", "service_area", "service_areas.csv" {
    id: String = "id",
    service_id: Option<String> = "service_id",
    name: Option<String> = "name",
    description: Option<String> = "description",
});

table!(
    /// HSDS `required_document`.
    RequiredDocument, "dir_required_document", "required_document", "required_documents.csv" {
    id: String = "id",
    service_id: Option<String> = "service_id",
    document: Option<String> = "document",
    uri: Option<String> = "uri",
});

table!(
    /// HSDS `taxonomy`.
    Taxonomy, "dir_taxonomy", "taxonomy", "taxonomies.csv" {
    id: String = "id",
    name: String = "name",
    description: String = "description",
    uri: Option<String> = "uri",
    version: Option<String> = "version",
});

table!(
    /// HSDS `taxonomy_term`.
    TaxonomyTerm, "dir_taxonomy_term", "taxonomy_term", "taxonomy_terms.csv" {
    id: String = "id",
    code: Option<String> = "code",
    name: String = "name",
    description: String = "description",
    parent_id: Option<String> = "parent_id",
    taxonomy: Option<String> = "taxonomy",
    language: Option<String> = "language",
    taxonomy_id: Option<String> = "taxonomy_id",
    term_uri: Option<String> = "term_uri",
});

table!(
    /// HSDS `attribute`: a taxonomy term attached to a record (here the needs a service meets).
    Attribute, "dir_attribute", "attribute", "attributes.csv" {
    id: String = "id",
    link_id: String = "link_id",
    taxonomy_term_id: String = "taxonomy_term_id",
    link_type: Option<String> = "link_type",
    link_entity: String = "link_entity",
    value: Option<String> = "value",
});

/// The whole directory (or a file of it) as flat HSDS tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    pub taxonomies: Vec<Taxonomy>,
    pub taxonomy_terms: Vec<TaxonomyTerm>,
    pub organizations: Vec<Organization>,
    pub services: Vec<Service>,
    pub locations: Vec<Location>,
    pub addresses: Vec<Address>,
    pub service_at_locations: Vec<ServiceAtLocation>,
    pub contacts: Vec<Contact>,
    pub phones: Vec<Phone>,
    pub schedules: Vec<Schedule>,
    pub languages: Vec<Language>,
    pub service_areas: Vec<ServiceArea>,
    pub required_documents: Vec<RequiredDocument>,
    pub attributes: Vec<Attribute>,
}

impl Tables {
    /// Number of rows over all tables.
    pub fn rows(&self) -> usize {
        self.taxonomies.len()
            + self.taxonomy_terms.len()
            + self.organizations.len()
            + self.services.len()
            + self.locations.len()
            + self.addresses.len()
            + self.service_at_locations.len()
            + self.contacts.len()
            + self.phones.len()
            + self.schedules.len()
            + self.languages.len()
            + self.service_areas.len()
            + self.required_documents.len()
            + self.attributes.len()
    }

    /// Rows in a stable order (by id), so two exports of the same directory are equal.
    pub fn sort(&mut self) {
        fn by_id<T: Table>(v: &mut [T]) {
            v.sort_by(|a, b| a.id().cmp(b.id()));
        }
        by_id(&mut self.taxonomies);
        by_id(&mut self.taxonomy_terms);
        by_id(&mut self.organizations);
        by_id(&mut self.services);
        by_id(&mut self.locations);
        by_id(&mut self.addresses);
        by_id(&mut self.service_at_locations);
        by_id(&mut self.contacts);
        by_id(&mut self.phones);
        by_id(&mut self.schedules);
        by_id(&mut self.languages);
        by_id(&mut self.service_areas);
        by_id(&mut self.required_documents);
        by_id(&mut self.attributes);
    }

    /// Keeps the last row of each id (a file may repeat a location or a term under several
    /// services), in first-seen order.
    pub fn dedup(&mut self) {
        fn last_wins<T: Table + Clone>(v: &mut Vec<T>) {
            let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            let mut out: Vec<T> = Vec::with_capacity(v.len());
            for row in v.drain(..) {
                match seen.get(row.id()) {
                    Some(&i) => out[i] = row,
                    None => {
                        seen.insert(row.id().to_string(), out.len());
                        out.push(row);
                    }
                }
            }
            *v = out;
        }
        last_wins(&mut self.taxonomies);
        last_wins(&mut self.taxonomy_terms);
        last_wins(&mut self.organizations);
        last_wins(&mut self.services);
        last_wins(&mut self.locations);
        last_wins(&mut self.addresses);
        last_wins(&mut self.service_at_locations);
        last_wins(&mut self.contacts);
        last_wins(&mut self.phones);
        last_wins(&mut self.schedules);
        last_wins(&mut self.languages);
        last_wins(&mut self.service_areas);
        last_wins(&mut self.required_documents);
        last_wins(&mut self.attributes);
    }
}
